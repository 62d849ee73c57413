"""`draftkit clauses` (list, search, show) and the completion callbacks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, invoke

import click

from draftkit.cli import app
from draftkit.cli.edit import complete_clause, complete_paragraph
from draftkit.loading import Project
from draftkit.model import Kind
from draftkit.search import ClauseQuery, cached_library, excerpt, fold, search_clauses


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the library cache out of the user's home."""
    monkeypatch.setenv("DRAFTKIT_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture
def commented(tmp_path: Path) -> Path:
    root = tmp_path / "commented"
    shutil.copytree(FIXTURES / "edit" / "commented", root)
    return root


def ids(root: Path, **query) -> list[str]:
    return [hit.clause.id for hit in search_clauses(Project.open(root).library, ClauseQuery(**query))]


def test_search_by_words_opening_tag_kind_and_language(commented):
    assert ids(commented) == ["pp-crc", "pp-sdg", "op-urges", "op-report"]
    assert ids(commented, words=("rights", "CHILD")) == ["pp-crc"]
    assert ids(commented, words=("genre",)) == ["op-report"]  # a French sub-paragraph
    assert ids(commented, words=("genre",), language="en") == []
    assert ids(commented, words=("developpement",)) == ["pp-sdg"]  # accents ignored
    assert ids(commented, opening="bearing") == ["pp-sdg"]
    assert ids(commented, tag="children") == ["pp-crc", "op-urges"]
    assert ids(commented, kind=Kind.OPERATIVE, tag="children") == ["op-urges"]
    assert ids(commented, words=("1577",)) == ["pp-crc"]  # footnote text


def test_fold_and_excerpt():
    assert fold("Profondément PRÉOCCUPÉE") == "profondement preoccupee"
    assert excerpt("one two three four", 12) == "one two…"
    assert excerpt("short", 12) == "short"


def test_clauses_table_rows_and_count(runner, commented):
    result = invoke(runner, "clauses", "annually", "-p", commented)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["id", "kind", "opening", "text"]
    assert lines[1].split()[:3] == ["op-report", "OP", "Requests"]
    assert lines[-1] == "1 of 4 clauses"


def test_clauses_inside_the_project_takes_the_first_word_as_search(runner, commented, monkeypatch):
    monkeypatch.chdir(commented / "drafts")
    result = invoke(runner, "clauses", "agenda", "2030", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert [line.split()[0] for line in result.stdout.splitlines()[1:-1]] == ["pp-sdg"]
    result = invoke(runner, "clauses", "--kind", "preambular", "--tag", "treaties")
    assert result.stdout.splitlines()[1].split()[:2] == ["pp-crc", "PP"]
    result = invoke(runner, "clauses", "nothing-like-this")
    assert result.exit_code == 0 and result.stdout.startswith("No clause matches (of 4)")
    result = invoke(runner, "clauses", "--lang", "de")
    assert result.exit_code == 2 and "--lang 'de' is not a draft language" in result.stderr


def test_clauses_show_prints_both_languages_sub_paragraphs_and_footnotes(runner, commented):
    result = invoke(runner, "clauses", "show", "op-report", "-p", commented)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[2:] == [
        "",
        "en  Requests the Secretary General to report on the implementation of the present resolution",
        "    (a) at its next session [and annually thereafter]",
        "    (b) with a gender analysis",
        "",
        "fr  Prie le Secrétaire général de faire rapport sur la mise en œuvre de la présente résolution",
        "    (a) à sa prochaine session [et chaque année par la suite]",
        "    (b) avec une analyse de genre",
    ]
    assert result.stdout.startswith("op-report  operative  tags: procedure\ndefined at ")
    result = invoke(runner, "clauses", "show", "pp-crc", "-p", commented)
    assert "    [^crc] Nations Unies, Recueil des Traités, vol. 1577, no 27531." in result.stdout
    result = invoke(runner, "clauses", "show", "op-urge", "-p", commented)
    assert result.exit_code == 1 and "unknown clause id 'op-urge' (did you mean 'op-urges'" in result.stderr


def test_clauses_help_lists_both_subcommands(runner):
    result = invoke(runner, "clauses", "--help")
    assert result.exit_code == 0
    assert "list " in result.stdout and "show " in result.stdout


def context(**params) -> click.Context:
    ctx = click.Context(app)
    ctx.params = params
    return ctx


def test_completion_of_paragraph_numbers_and_ids(commented):
    found = complete_paragraph(context(project=commented), None, "OP")
    assert [item.value for item in found] == ["OP1", "OP2", "OP3"]
    assert found[0].help.startswith("op-urges: Urges parliaments")
    assert [item.value for item in complete_paragraph(context(project=commented), None, "pp-c")] == ["pp-crc", "pp-concern"]
    assert complete_paragraph(context(project=commented / "nowhere"), None, "") == []


def test_completion_of_clause_ids(commented, monkeypatch):
    monkeypatch.chdir(commented)
    found = complete_clause(context(), None, "op-")
    assert [item.value for item in found] == ["op-urges", "op-report"]
    assert found[1].help.startswith("Requests the Secretary General")


def test_library_cache_is_used_until_a_library_file_changes(commented, private_cache, monkeypatch):
    fresh = cached_library(Project.open(commented))
    assert len(list(private_cache.iterdir())) == 1
    monkeypatch.setattr(Project, "library", property(lambda self: pytest.fail("parsed again")))
    assert cached_library(Project.open(commented)) == fresh
    monkeypatch.undo()
    monkeypatch.setenv("DRAFTKIT_CACHE", str(private_cache))
    library = commented / "clauses" / "standard.yaml"
    library.write_text(library.read_text(encoding="utf-8").replace("Bearing in mind", "Mindful of"), encoding="utf-8")
    assert cached_library(Project.open(commented)).clauses["pp-sdg"].opening["en"] == "Mindful of"


def test_a_corrupt_cache_is_a_miss_and_off_means_off(commented, private_cache, monkeypatch):
    cached_library(Project.open(commented))
    entry = next(private_cache.iterdir())
    entry.write_bytes(b"not a pickle")
    assert "pp-crc" in cached_library(Project.open(commented)).clauses
    monkeypatch.setenv("DRAFTKIT_CACHE", "off")
    entry.unlink()
    cached_library(Project.open(commented))
    assert not entry.exists()


def test_an_unwritable_cache_folder_does_not_stop_clauses(runner, commented, tmp_path, monkeypatch) -> None:
    blocked = tmp_path / "cache-is-a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("DRAFTKIT_CACHE", str(blocked / "sub"))
    result = invoke(runner, "clauses", "-p", commented)
    assert result.exit_code == 0, result.output
    assert "op-urges" in result.stdout
