"""Output that fits: check, contributions, status and diff on the bundled example, piped
and in an 80-column terminal. Lines are never broken inside an id, a path or a date;
the outputs are pinned as golden files (`pytest --update-golden` rewrites them)."""

from __future__ import annotations

import re
import time
from datetime import datetime, timezone

import pytest

from conftest import EXAMPLES, FIXTURES, GOLDEN, REPO, assert_golden, invoke

EXAMPLE = EXAMPLES / "child-online-exploitation"
NOW = datetime(2021, 6, 14, 12, 0, tzinfo=timezone.utc)
COMMANDS = {
    "check": ("check", "--draft", FIXTURES / "check" / "xref.yaml", "--fail-on", "info"),
    "contributions": ("contributions", "-p", EXAMPLE),
    "status": ("status", "-p", EXAMPLE),
    "diff": ("diff", "1", "2", "-p", EXAMPLE),
}


@pytest.fixture
def fixed_world(monkeypatch):
    """The clock at NOW and the user in UTC, so times and countdowns are the same everywhere."""
    import draftkit.status as status

    monkeypatch.setattr(status, "datetime", type("Clock", (datetime,), {"now": classmethod(lambda cls, tz=None: NOW)}))
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def terminal(monkeypatch, columns: int) -> None:
    """Make the CLI see a terminal of `columns` columns (CliRunner's stdout is a pipe)."""
    from draftkit.cli import output

    monkeypatch.setattr(output, "width", lambda stream=None: columns)
    monkeypatch.setattr(output, "color_wanted", lambda when="auto", stream=None: when == "always")


def run(runner, name: str, monkeypatch) -> str:
    monkeypatch.chdir(REPO)  # paths in findings are shown relative to here
    result = invoke(runner, *COMMANDS[name])
    assert result.exit_code in (0, 1), result.output
    return result.stdout.replace(str(REPO), "<repo>")


def unbroken_tokens(text: str) -> set[str]:
    """Ids, paths and dates the output shows: each must stand whole on one line."""
    tokens = set(re.findall(r"\b(?:op|pp)-[a-z0-9-]+\b", text))
    tokens |= set(re.findall(r"\b[A-Z]{3,4}-\d+\b", text))
    tokens |= set(re.findall(r"[\w<>./-]+\.yaml(?::\d+)?", text))
    tokens |= set(re.findall(r"\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?::\d{2})?(?: [A-Z]{3,4})?)?", text))
    tokens |= set(re.findall(r"\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|"
                             r"November|December) \d{4}", text))
    return tokens


def assert_nothing_broken(output: str) -> None:
    lines = output.splitlines()
    joined = output.replace("\n", " ")
    for token in unbroken_tokens(joined):
        assert any(token in line for line in lines), f"{token!r} is broken across lines"
    # and the other way round: no line starts with what ends a token cut in two
    for before, after in zip(lines, lines[1:]):
        assert not (re.search(r"[\w-]$", before) and re.match(r"^[\w-]*\.yaml", after)), (before, after)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_piped_output_is_golden_and_whole(runner, name, fixed_world, monkeypatch, update_golden):
    monkeypatch.setenv("COLUMNS", "80")
    text = run(runner, name, monkeypatch)
    assert "\x1b[" not in text  # a pipe gets no colour
    assert_nothing_broken(text)
    assert_golden(GOLDEN / "terminal" / f"{name}.piped.txt", text, update_golden)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_an_80_column_terminal_gets_whole_lines(runner, name, fixed_world, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    piped = run(runner, name, monkeypatch)
    terminal(monkeypatch, 80)
    text = run(runner, name, monkeypatch)
    assert_nothing_broken(text)
    assert text == piped  # narrower than a table needs: the same whole lines as a pipe


def test_a_wide_terminal_gets_the_contributions_table(runner, fixed_world, monkeypatch):
    terminal(monkeypatch, 200)
    text = run(runner, "contributions", monkeypatch)
    lines = text.splitlines()
    assert lines[1].split() == ["delegation", "submitted", "status", "proposals", "and", "targets", "collisions"]
    header = lines[1]
    canada = next(line for line in lines if line.startswith("Canada"))
    assert canada[header.index("status"):].startswith("on time")
    assert_nothing_broken(text)


def test_colour_carries_words_too(runner, fixed_world, monkeypatch):
    """Colour never carries meaning alone: LATE, collision and error are words as well."""
    terminal(monkeypatch, 80)
    monkeypatch.chdir(REPO)
    listed = invoke(runner, "contributions", "-p", EXAMPLE, "--color", "always").stdout
    assert "\x1b[" in listed
    plain = re.sub(r"\x1b\[[0-9;]*m", "", listed)
    assert "LATE (excluded)" in plain and "collision" in plain
    coloured = invoke(runner, "diff", "1", "2", "-p", EXAMPLE, "--color", "always").stdout
    assert "\x1b[4;38;5;32m" in coloured and "{+" not in coloured  # blue underlined insertions, no marks
    never = invoke(runner, "diff", "1", "2", "-p", EXAMPLE, "--color", "never").stdout
    assert "\x1b[" not in never and "{+" in never and "[-" in never


def test_no_colour_when_no_color_is_set(runner, fixed_world, monkeypatch):
    from draftkit.cli import output

    monkeypatch.setenv("NO_COLOR", "1")
    assert output.color_wanted("auto") is False
    assert output.color_wanted("always") is True
