"""The CLI as a whole: help and version, one-line errors and exit codes, documentation.

Command behaviour is tested next to each command's library module; this file checks
what every command shares (sqlite-utils style: every command has help and is in the
README).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, REPO, invoke, write
from draftkit import __version__
from draftkit.cli import app


def command_names() -> list[str]:
    return sorted(app.commands)


def test_version(runner) -> None:
    result = invoke(runner, "--version")
    assert result.exit_code == 0 and result.stdout == f"draftkit {__version__}\n"


def test_every_command_has_help(runner) -> None:
    names = command_names()
    assert {"build", "init", "check", "contributions", "merge", "compile", "diff", "import",
            "clauses", "add", "move", "remove", "status"} <= set(names)
    for name in names:
        result = invoke(runner, name, "--help")
        assert result.exit_code == 0, name
        assert "Usage:" in result.stdout and len(result.stdout.splitlines()) > 4, name


def test_every_command_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [name for name in command_names() if not re.search(rf"draftkit {name}\b", readme)]
    assert missing == []


def test_user_error_is_one_line_without_traceback(runner, tmp_path: Path) -> None:
    result = invoke(runner, "build", "-p", tmp_path / "nowhere")
    assert result.exit_code == 1
    assert result.stderr == f"error: {tmp_path / 'nowhere'}: no such file or folder\n"
    assert "Traceback" not in result.output


def test_yaml_error_through_the_cli(runner, mini_project: Path) -> None:
    write(mini_project / "clauses" / "standard.yaml", "clauses:\n  - id: x\n    text: {en: oops\n")
    result = invoke(runner, "build", "-p", mini_project)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "standard.yaml:4:1: YAML syntax error" in lines[0]


def test_usage_error_exits_2(runner) -> None:
    result = invoke(runner, "build", "--format", "odt")
    assert result.exit_code == 2


def test_internal_error_exits_3_and_debug_shows_traceback(runner, mini_project: Path, monkeypatch) -> None:
    import draftkit.build

    def boom(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(draftkit.build, "build", boom)
    result = invoke(runner, "build", "-p", mini_project)
    assert result.exit_code == 3
    assert result.stderr == (
        "error: internal error: RuntimeError: simulated bug (rerun as `draftkit --debug build …` for the traceback)\n"
    )
    from click.testing import CliRunner

    debug = CliRunner().invoke(app, ["--debug", "build", "-p", str(mini_project)])
    assert isinstance(debug.exception, RuntimeError)


def test_python_m_draftkit() -> None:
    done = subprocess.run([sys.executable, "-m", "draftkit", "--version"], capture_output=True, text=True, check=True)
    assert done.stdout == f"draftkit {__version__}\n"


def test_the_process_ends_with_the_command_s_exit_status(mini_project: Path) -> None:
    """`main` ends the process without interpreter teardown: the status and the output stay."""
    usage = subprocess.run([sys.executable, "-m", "draftkit", "check", "--nope"], capture_output=True, text=True)
    assert usage.returncode == 2 and usage.stderr.startswith("error: No such option '--nope'")
    missing = subprocess.run([sys.executable, "-m", "draftkit", "status", "-p", str(mini_project / "nowhere")],
                             capture_output=True, text=True)
    assert missing.returncode == 1 and missing.stderr.startswith("error: ")
    listed = subprocess.run([sys.executable, "-m", "draftkit", "check", "-p", str(mini_project), "-f", "json"],
                            capture_output=True, text=True)
    assert listed.returncode in (0, 1) and listed.stdout.rstrip().endswith("}")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_output_lost_on_a_full_disk_is_an_error_not_a_success() -> None:
    """Ending without teardown must not hide a failed write: help on a full disk is exit 1
    with one error line, no traceback (the output was not written)."""
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "draftkit", "--help"], stdout=full,
                              stderr=subprocess.PIPE, text=True)
    assert done.returncode == 1
    assert done.stderr.startswith("error: No space left on device") and "Traceback" not in done.stderr


@pytest.mark.parametrize("example", sorted(p.name for p in (REPO / "examples").iterdir() if p.is_dir()))
def test_every_example_builds(runner, example: str, tmp_path: Path) -> None:
    """Each bundled example builds in each of its languages, with every paragraph numbered right."""
    from draftkit.loading import open_draft
    from draftkit.render.numbering import operative_levels
    from draftkit.render.typography import for_language

    _, draft = open_draft(REPO / "examples" / example)
    result = invoke(runner, "build", "-p", REPO / "examples" / example, "--format", "txt", "-o", tmp_path / "out.txt")
    assert result.exit_code == 0, result.output
    for lang in draft.meta.languages:
        text = (tmp_path / f"out.{lang}.txt").read_text(encoding="utf-8")
        assert for_language(draft.meta.title[lang], lang) in text
        level = operative_levels(lang)[0]  # "1." in most languages, "1 -" in Arabic
        numbers = re.findall("^" + re.escape(level.text).replace("%1", r"(\d+)") + " ", text, flags=re.MULTILINE)
        assert numbers == [str(n) for n in range(1, len(draft.operative) + 1)], lang
        last = [line for line in text.splitlines() if line.startswith(level.show(len(draft.operative)) + " ")][0]
        assert draft.operative[-1].opening[lang] in last


def test_full_disk_is_a_user_error_not_a_bug(mini_project: Path) -> None:
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "draftkit", "check", "-p", str(mini_project), "-f", "json"],
                              stdout=full, stderr=subprocess.PIPE, text=True)
    assert done.returncode == 1
    assert done.stderr.startswith("error: No space left on device") and "internal error" not in done.stderr


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    """`draftkit build -o - | head` with more text than a pipe holds: no traceback, no error."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from synth import make_project

    project = make_project(tmp_path / "big", paragraphs=600, footnotes=0, languages=("en",))
    done = subprocess.run(f"{sys.executable} -m draftkit build -p {project} -f txt -o - | head -c 10",
                          shell=True, capture_output=True, text=True)
    assert len(done.stdout) == 10
    assert done.stderr == ""


def test_command_list_shows_whole_summaries(runner) -> None:
    """Each command's first sentence up to its colon, never cut mid-phrase with '...'."""
    result = invoke(runner, "--help")
    assert "  build          Render a draft as a numbered resolution\n" in result.stdout
    assert "..." not in result.stdout.split("Commands:", 1)[1]
    sub = invoke(runner, "clauses", "--help")
    assert "List the clauses matching WORDS (default: all) as a table" in " ".join(sub.stdout.split())


def test_output_whose_encoding_lacks_a_character_shows_it_escaped() -> None:
    """A file or console whose encoding has no '→' or '—' (Windows' cp1252, ASCII) gets the
    character as an escape; the command used to end in an internal error after its work."""
    import os

    example = EXAMPLES / "child-online-exploitation"
    done = subprocess.run([sys.executable, "-m", "draftkit", "diff", "1", "2", "-p", str(example)],
                          capture_output=True, env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0, done.stderr
    assert b"OP13 \\u2192 \\u2014  deleted" in done.stdout and done.stdout.isascii()
    assert done.stdout.rstrip().endswith(b"changes per author: Co-rapporteurs 7")
