"""Quoting what delegates saw: a cross-reference as its rendered words ("paragraph 2
above", « paragraphe 2 ci-dessus »), and an opening phrase changed with the text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLES, invoke, write

from draftkit.loading.project import Project

EXAMPLE = "child-online-exploitation"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    root = tmp_path / "examples" / EXAMPLE
    shutil.copytree(EXAMPLES / EXAMPLE, root, ignore=shutil.ignore_patterns("build"))
    shutil.copytree(EXAMPLES.parent / "clauses", tmp_path / "clauses")
    return root


def merge_round_2(root: Path, runner, *proposals: str):
    """Round 2 on draft 2, every proposal accepted, merged into draft 3 (late counted)."""
    write(root / "contributions" / "round-2" / "kenya.yaml", "delegation: Kenya\n"
          "submitted_at: 2021-06-20T10:00:00+03:00\nresponds_to: 2\nlanguage: en\nproposals:\n"
          + "".join(f"  - {p}\n" for p in proposals))
    ids = [p.split("id: ")[1].split(",")[0] for p in proposals]
    write(root / "decisions" / "round-2.yaml", "".join(f"- {{proposal: {i}, decision: accept}}\n" for i in ids))
    return invoke(runner, "merge", "-p", root, "--date", "2021-06-25", "--include-late")


def paragraph(root: Path, pid: str):
    return Project.open(root).draft(3).by_id()[pid]


def test_a_rendered_cross_reference_is_quoted_as_delegates_saw_it(example: Path, runner) -> None:
    result = merge_round_2(
        example, runner,
        '{id: KEN-1, action: amend-text, target: OP14, old: "referred to in paragraph 2 above at regular", '
        'new: "referred to in paragraph 2 above at frequent"}',
        '{id: KEN-2, action: amend-text, target: OP14, language: fr, '
        'old: "visée au paragraphe 2 ci-dessus, en consultation", '
        'new: "visée au paragraphe 2 ci-dessus, en étroite consultation"}',
        # a quote may begin inside the reference's words
        '{id: KEN-3, action: amend-text, target: OP14, old: "2 above at regular intervals, in", '
        'new: "2 above at regular intervals, and in"}')
    assert result.exit_code == 0, result.output
    text = paragraph(example, "op-review-legislation").text
    # the cross-reference stays markup: it keeps following the numbering
    assert text["en"].startswith("that parliaments review the legislation referred to in "
                                 "{ref:op-criminalize-all-forms} at frequent intervals, and in consultation")
    assert "visée au {ref:op-criminalize-all-forms}, en étroite consultation avec" in text["fr"]


def test_amending_the_cross_reference_itself_is_refused_in_one_line(example: Path, runner) -> None:
    result = merge_round_2(
        example, runner,
        '{id: KEN-1, action: amend-text, target: OP14, old: "referred to in paragraph 2 above", '
        'new: "referred to in paragraph 3 above"}')
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert ("proposal KEN-1: the cross-reference 'paragraph 2 above' is computed from the numbering: it cannot be "
            "amended (quote the words around it; to point at another paragraph, ask the co-rapporteurs)"
            ) in result.stderr


def test_an_opening_changed_with_the_text_changes_the_opening(example: Path, runner) -> None:
    result = merge_round_2(
        example, runner,
        '{id: KEN-1, action: amend-text, target: OP2, old: "Urges parliaments to ensure", '
        'new: "Strongly urges parliaments to ensure"}',
        '{id: KEN-2, action: amend-text, target: OP9, old: "Urges parliaments to ensure that child", '
        'new: "Calls upon parliaments to guarantee that child"}')
    assert result.exit_code == 0, result.output
    op2, op9 = paragraph(example, "op-criminalize-all-forms"), paragraph(example, "op-victim-support")
    assert (op2.opening["en"], op2.text["en"][:28]) == ("Strongly urges", "parliaments to ensure that n")
    assert (op9.opening["en"], op9.text["en"][:33]) == ("Calls upon", "parliaments to guarantee that chi")
    assert op9.opening["fr"] == "Exhorte"  # the other language waits for its translation
    compiled = invoke(runner, "compile", "-p", example, "-f", "txt", "--include-late", "--contributions",
                      example / "contributions" / "round-2")
    assert "{-Urges-} {+Calls upon+} parliaments to {-ensure-} {+guarantee+} that child" in compiled.stdout


def test_a_change_across_the_opening_and_the_text_is_refused(example: Path, runner) -> None:
    result = merge_round_2(
        example, runner,
        '{id: KEN-1, action: amend-text, target: OP2, old: "Urges parliaments to ensure", '
        'new: "Calls on legislatures to ensure"}')
    assert result.exit_code == 1
    assert "runs across the opening phrase 'Urges' and the text after it" in result.stderr
    assert "propose the new opening phrase and the change of the text as two amend-text proposals" in result.stderr


# --- quotes across formatting marks and footnote calls: the words as printed ----------------


def quote_across(tmp_path: Path, text: str, old: str, new: str, footnote: bool = False):
    """Merge one amendment of PP1 of the mini project whose English text is `text`; return
    the merged text, or the MergeError."""
    from test_merge import MINI, contribution, decide, run, texts

    from draftkit.errors import MergeError

    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    draft = root / "drafts" / "draft-2.yaml"
    source = draft.read_text(encoding="utf-8").replace(
        "text: {en: the Convention on the Rights of the Child,", f"text: {{en: '{text}',")
    if footnote:
        source = source.replace("    opening: {en: Recalling, fr: Rappelant}",
                                "    opening: {en: Recalling, fr: Rappelant}\n"
                                "    footnotes: {x: {en: A note., fr: Une note.}}", 1)
        source = source.replace("fr: la Convention relative aux droits de l'enfant}",
                                "fr: 'la Convention relative aux droits de l''enfant[^x]'}", 1)
    draft.write_text(source, encoding="utf-8")
    contribution(root, "fra", f'- {{id: FRA-1, action: amend-text, target: PP1, old: "{old}", new: "{new}"}}\n',
                 responds_to=2)
    decide(root, "- {proposal: FRA-1, decision: accept}\n")
    try:
        return texts(run(root), "pp-a")["text"]["en"]
    except MergeError as error:
        return error


TREATY = "the *United Nations, Treaty Series*, vol. 1577"


@pytest.mark.parametrize(("old", "new", "merged"), [
    # a delegate quotes what was printed: no asterisks; the italic title keeps its marks
    ("Treaty Series, vol. 1577", "Treaty Series, volume 1577", "the *United Nations, Treaty Series*, volume 1577"),
    ("Treaty Series, vol.", "Treaty Collection, vol.", "the *United Nations, Treaty Collection*, vol. 1577"),
    ("Series, vol. 1577", "Series, vol. 2171", "the *United Nations, Treaty Series*, vol. 2171"),
    # words added at the edge of the title go outside it, deleted words around it leave it whole
    ("Treaty Series, vol.", "Treaty Series, 2020, vol.", "the *United Nations, Treaty Series*, 2020, vol. 1577"),
    ("the United Nations", "the official United Nations", "the official *United Nations, Treaty Series*, vol. 1577"),
    ("Series, vol.", "Series", "the *United Nations, Treaty Series* 1577"),
    ("Series, vol.", "vol.", "the *United Nations, Treaty* vol. 1577"),
])
def test_a_quote_across_an_italic_title_matches_the_printed_words_and_keeps_the_marks(tmp_path, old, new, merged):
    assert quote_across(tmp_path, TREATY, old, new) == merged


def test_superscripts_small_capitals_no_break_spaces_and_calls_are_quoted_as_printed(tmp_path):
    assert quote_across(tmp_path / "a", "n^o^ 27531 and 27532", "no 27531 and", "no 27533 and") == (
        "n^o^ 27533 and 27532")
    assert quote_across(tmp_path / "b", "the {sc:United Nations} Secretariat", "United Nations Secretariat",
                        "United Nations Office") == "the {sc:United Nations} Office"
    assert quote_across(tmp_path / "c", "26\\ November 2021 in Madrid", "26 November 2021", "27 November 2021") == (
        "27\\ November 2021 in Madrid")
    # the footnote call printed as a number is not in the quote; it stays after its word
    assert quote_across(tmp_path / "d", "the Rights of the Child[^x] in full", "the Child in full",
                        "the Child as a whole", footnote=True) == "the Rights of the Child[^x] as a whole"


def test_a_change_that_would_split_a_mark_is_refused_in_one_line(tmp_path):
    error = quote_across(tmp_path / "a", TREATY, "Series, vol.", "Collection")
    assert error.what == ("proposal FRA-1: the change from 'Series, vol.' to 'Collection' runs across the edge of "
                          "the italic words 'United Nations, Treaty Series': it cannot say which new words are italic")
    assert error.fix == "propose the change of the formatted words and of the words beside them separately"
    called = quote_across(tmp_path / "b", "the Rights of the Child[^x] in full", "Child in", "child within",
                          footnote=True)
    assert called.what == ("proposal FRA-1: the change from 'Child in' to 'child within' runs across a footnote "
                           "call: it cannot say where the call goes")
    assert "\n" not in error.what + called.what
