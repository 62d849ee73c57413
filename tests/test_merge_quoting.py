"""Merge fixes: punctuation spacing, natural quoting, member text is data, one-language
revisions, and merge -o refusing every project input."""

from __future__ import annotations

import pytest
from conftest import invoke
from test_merge import contribution, decide, project, run, status, texts  # noqa: F401  (fixture)

from draftkit.errors import MergeError
from draftkit.merge import Status


def amend(old: str, new: str, target: str = "OP1", language: str = "en") -> str:
    return (f"- id: FRA-1\n  action: amend-text\n  target: {target}\n  old: \"{old}\"\n  new: \"{new}\"\n")


def merged_text(root, old: str, new: str, **options) -> str:
    contribution(root, "fra", amend(old, new, **options))
    decide(root, "- {proposal: FRA-1, decision: accept}\n")
    return texts(run(root), "op-a")["text"]["en"]


def test_replacement_starting_with_a_comma_takes_no_space_before(project) -> None:
    assert merged_text(project, "all forms of online", "all forms, online") == (
        "parliaments to criminalize all forms, online child sexual exploitation")
    # "19 and 34" → "19, 34 and 35": the word diff replaces "and 34" by ", 34 and 35"
    from draftkit.merge.words import render, splice, tokenize

    tokens = list(tokenize("in particular its articles 19 and 34"))
    splice(tokens, 5, 7, ", 34 and 35")
    assert render(tokens) == "in particular its articles 19, 34 and 35"


@pytest.mark.parametrize(("old", "new", "expected"), [
    # the rendered full stop is not in the text
    ("child sexual exploitation.", "child sexual abuse.", "all forms of online child sexual abuse"),
    # the opening phrase in front of the text
    ("Urges parliaments to criminalize", "Urges parliaments urgently to criminalize",
     "parliaments urgently to criminalize all forms"),
    # non-breaking space typed by Word
    ("all\u00a0forms of", "all the forms of", "criminalize all the forms of online"),
])
def test_natural_quotes_are_found(project, old: str, new: str, expected: str) -> None:
    assert expected in merged_text(project, old, new)


def test_curly_and_straight_apostrophes_match(project) -> None:
    contribution(project, "fra", amend("la Convention relative aux droits de l’enfant", "la Convention de 1989",
                                       target="PP1"), language="fr")
    decide(project, "- {proposal: FRA-1, decision: accept}\n")
    assert texts(run(project), "pp-a")["text"]["fr"] == "la Convention de 1989"


def test_a_fragment_cutting_a_word_is_refused_as_such(project) -> None:
    contribution(project, "fra", amend("riminalize all", "punish all"))
    decide(project, "- {proposal: FRA-1, decision: accept}\n")
    with pytest.raises(MergeError) as caught:
        run(project)
    assert caught.value.what == ("proposal FRA-1: 'riminalize all' cuts a word in two in OP1 (en) of draft 1 "
                                 "(it reads 'criminalize all'): an amendment quotes whole words")


def test_not_found_marks_the_closest_words_in_one_line(project) -> None:
    contribution(project, "fra", amend("all forms of on-line", "x"))
    decide(project, "- {proposal: FRA-1, decision: accept}\n")
    with pytest.raises(MergeError) as caught:
        run(project)
    assert caught.value.what == (
        "proposal FRA-1: 'all forms of on-line' is not in OP1 (en) of draft 1; closest: 'parliaments to "
        "criminalize ‹all forms of online› child sexual exploitation'")
    assert "\n" not in caught.value.what


@pytest.mark.parametrize("new", ["the measures in {ref:op-b}", "paragraph {num:op-b}", "the Convention[^crc]"])
def test_cross_references_in_member_text_are_refused_naming_the_proposal(project, new: str) -> None:
    contribution(project, "fra", amend("all forms of online", new))
    decide(project, "- {proposal: FRA-1, decision: accept}\n")
    with pytest.raises(MergeError) as caught:
        run(project)
    assert caught.value.what.startswith("proposal FRA-1: its text has ")
    assert "added by the co-rapporteurs" in caught.value.what and "removes a paragraph" not in caught.value.what
    assert caught.value.fix.startswith("write the words instead")


def test_the_co_rapporteurs_may_revise_with_a_cross_reference(project) -> None:
    contribution(project, "fra", amend("all forms of online", "the forms in {ref:op-b}"))
    decide(project, "- {proposal: FRA-1, decision: accept-revised, text: {en: 'the forms in {ref:op-b}'}}\n")
    result = run(project)
    assert texts(result, "op-a")["text"]["en"] == (
        "parliaments to criminalize the forms in {ref:op-b} child sexual exploitation")
    assert result.draft.provenance[0].delegation == "France"


def test_one_language_revision_applies_there_and_asks_for_the_translation(project) -> None:
    contribution(project, "fra", """
- id: FRA-1
  action: amend-text
  target: OP1
  old: {en: all forms of online, fr: toutes les formes}
  new: {en: every form of online, fr: chaque forme}
""")
    decide(project, "- {proposal: FRA-1, decision: accept-revised, text: {en: each form of online}}\n")
    result = run(project)
    now = texts(result, "op-a")["text"]
    assert now["en"] == "parliaments to criminalize each form of online child sexual exploitation"
    assert now["fr"].startswith("les parlements à ériger en infraction toutes les formes")
    assert [(p.proposal, p.label, p.language) for p in result.report.pending] == [("FRA-1", "OP2", "fr")]
    assert status(result, "FRA-1") is Status.APPLIED


@pytest.mark.parametrize("target", ["draftkit.yaml", "clauses/empty.yaml", "drafts/draft-1.yaml",
                                    "contributions/round-1/fra.yaml", "decisions/round-1.yaml", "clauses"])
def test_merge_output_never_overwrites_a_project_input(project, runner, target: str) -> None:
    contribution(project, "fra", amend("all forms of online", "every form of online"))
    decide(project, "- {proposal: FRA-1, decision: accept}\n")
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    result = invoke(runner, "merge", "-p", project, "-o", project / target)
    assert result.exit_code == 1, result.output
    assert "refusing to overwrite an input file" in result.stderr or "is a folder" in result.stderr
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_a_look_alike_character_is_named_by_code_point() -> None:
    from draftkit.merge.plan import _difference

    assert _difference("co-operation", "co\u2010operation") == " (the draft has '\u2010' U+2010 where the quote has '-' U+002D)"
    assert _difference("cooperation", "coordination") == ""


def test_merged_into_a_rejected_proposal_is_a_warning(project) -> None:
    contribution(project, "fra", amend("all forms of online", "every form of online")
                 + amend("child sexual", "sexual", target="OP1").replace("FRA-1", "FRA-2"))
    decide(project, "- {proposal: FRA-1, decision: reject}\n- {proposal: FRA-2, decision: merged, into: FRA-1}\n")
    outcome = next(o for o in run(project).report.outcomes if o.proposal == "FRA-2")
    assert outcome.detail == ("into FRA-1 — warning: FRA-1 is rejected or merged itself, "
                              "so nothing of this proposal is applied")


def test_merge_to_standard_output_writes_no_file(project, runner) -> None:
    contribution(project, "fra", amend("all forms of online", "every form of online"))
    decide(project, "- {proposal: FRA-1, decision: accept}\n")
    result = invoke(runner, "merge", "-p", project, "-o", "-", "--date", "2021-06-16")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Version 3: draft 2 with the decided proposals of round-1")
    assert "every form of online" in result.stdout and "wrote standard output" in result.stderr
    assert not (project / "drafts" / "draft-3.yaml").exists()
