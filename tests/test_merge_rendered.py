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
