"""`draftkit check` rules (issue 4): each fixture fires exactly where it should, and the
bundled example is clean in both languages."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from conftest import EXAMPLES, FIXTURES, invoke, write
from draftkit.check import Severity, check_text_terminology, require_clean, run_checks, word_count
from draftkit.check.rules import project_terminology
from draftkit.check.units import units
from draftkit.errors import CheckFailed, InputError, UsageError
from draftkit.loading import ProjectConfig, load_draft, open_draft
from draftkit.model import Body, ChangeRecord, Library, ParagraphId, ProposalAction, ProposalId

CHECK = FIXTURES / "check"
EXAMPLE = EXAMPLES / "child-online-exploitation"


def fixture(name: str):
    return load_draft(CHECK / f"{name}.yaml", Library({}))


def found(findings) -> set[tuple[str, str, str]]:
    return {(f.rule, f.where.shown(), f.language) for f in findings}


#: fixture → every finding it must produce (rule, where, language), and nothing else.
EXPECTED = {
    "opening-unknown": {("opening-unknown", "PP2", "en")},
    "opening-kind": {("opening-kind", "PP2", "en"), ("opening-kind", "PP2", "fr"),
                     ("opening-kind", "OP2", "en"), ("opening-kind", "OP2", "fr")},
    "opening-case": {("opening-case", "OP1", "en")},
    "opening-agreement": {("opening-agreement", "PP1", "fr"), ("opening-agreement", "PP3", "fr"),
                          ("opening-agreement", "OP1", "fr")},
    "opening-repeated": {("opening-repeated", "PP2", "en"), ("opening-repeated", "PP2", "fr")},
    "opening-inline": {("opening-inline", "PP1", "en"), ("opening-inline", "PP1", "fr"),
                       ("opening-missing", "OP1", "en"), ("opening-missing", "OP1", "fr")},
    "punctuation-own": {("punctuation-own", "PP1", "en"), ("punctuation-own", "OP1", "fr"),
                        ("punctuation-own", "OP1(a)", "en")},
    "empty-paragraph": {("empty-paragraph", "OP1", "en"), ("empty-subparagraph", "OP2(b)", "en"),
                        ("empty-subparagraph", "OP2(b)", "fr"), ("empty-footnote", "PP1 [^crc]", "fr")},
    "subparagraph-level": {("subparagraph-level", "OP1(a)", ""), ("subparagraph-label-typed", "OP1(b)", "en"),
                           ("subparagraph-single", "OP2", "")},
    "xref": {("xref-preambular", "OP1", "en"), ("xref-preambular", "OP1", "fr"),
             ("xref-self", "OP2", "en"), ("xref-self", "OP2", "fr"),
             ("xref-hand-typed", "OP3", "en"), ("xref-hand-typed", "OP3", "fr")},
    "markup-malformed": {("markup-malformed", "OP1", "en"), ("markup-malformed", "OP1", "fr"),
                         ("markup-malformed", "OP2", "fr"), ("markup-malformed", "OP2(a)", "en")},
    "markup-unclosed": {("markup-unclosed", "PP1", "en"), ("markup-unclosed", "OP1", "fr"),
                        ("markup-unclosed", "OP2 [^a]", "fr"), ("parity-formatting", "PP2", "fr")},
    "terminology": {("terminology", "OP1", "en"), ("terminology", "OP1", "fr"),
                    ("terminology", "OP2", "en"), ("terminology", "OP2", "fr")},
    "parity": {("parity-footnotes", "PP1 [^crc]", "fr"), ("parity-missing", "PP2", "fr"),
               ("parity-footnotes", "PP3", "fr"), ("parity-missing", "OP1", "fr"),
               ("parity-subparagraphs", "OP2(b)", "fr"), ("parity-xrefs", "OP3", "fr")},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rule_fires_exactly_where_it_should(name: str) -> None:
    assert found(run_checks(fixture(name))) == EXPECTED[name]


def test_every_fixture_is_in_the_table() -> None:
    assert {p.stem for p in CHECK.glob("*.yaml")} == set(EXPECTED)


@pytest.mark.parametrize("version", [1, 2])
def test_bundled_example_is_clean_in_every_language(version: int) -> None:
    project, draft = open_draft(EXAMPLE, version)
    # English and French authentic, Spanish and Arabic provided: all four checked alike
    assert draft.meta.languages == ("en", "fr", "es", "ar") and draft.meta.authentic == ("en", "fr")
    assert [f.as_dict() for f in run_checks(draft, project_config=project.config)] == []


def test_bundled_example_exercises_the_rules() -> None:
    # The example being clean proves something only if it holds what the rules look at.
    _, draft = open_draft(EXAMPLE)
    texts = " ".join(u.text.get("en", "") for u in units(draft))
    assert "child prostitution and child pornography" in texts  # the Optional Protocol's title
    assert "{ref:" in texts
    assert any(p.subparagraphs for p in draft.operative) and any(p.footnotes for p in draft.paragraphs())


# --- messages and suggestions ---------------------------------------------------------------


def messages(findings, rule: str) -> list[tuple[str, str, str]]:
    return [(f.language, f.message, f.suggestion) for f in findings if f.rule == rule]


def test_repeated_opening_suggests_the_house_form() -> None:
    draft = fixture("opening-repeated")
    ipu = messages(run_checks(draft), "opening-repeated")
    assert [(lang, s) for lang, _, s in ipu] == [("en", "write “Also recalling”"), ("fr", "write “Rappelant également”")]
    un = dataclasses.replace(draft, meta=dataclasses.replace(draft.meta, body=Body.UN_GENERAL_ASSEMBLY))
    assert [s for _, _, s in messages(run_checks(un), "opening-repeated")][0] == "write “Recalling also”"


def test_agreement_gives_the_feminine_form() -> None:
    found_ = messages(run_checks(fixture("opening-agreement")), "opening-agreement")
    assert [s for _, _, s in found_] == ["write “Consciente”", "write “Profondément préoccupée”", "write “demeurer saisie”"]


def test_unknown_opening_names_close_phrases_and_the_project_file() -> None:
    [(lang, message, suggestion)] = messages(run_checks(fixture("opening-unknown")), "opening-unknown")
    assert message == "“Remembering” is not a known preambular opening in 'en'"
    assert "phrases:" in suggestion


def test_project_phrases_file_extends_the_lists(tmp_path: Path) -> None:
    phrases = write(tmp_path / "phrases.yaml", "en:\n  preambular: [Remembering]\n")
    config = ProjectConfig(root=tmp_path, phrases=phrases)
    assert messages(run_checks(fixture("opening-unknown"), project_config=config), "opening-unknown") == []


def test_project_phrases_file_with_a_typo_is_a_located_error(tmp_path: Path) -> None:
    phrases = write(tmp_path / "phrases.yaml", "en:\n  preambullar: [Remembering]\n")
    with pytest.raises(InputError) as info:
        run_checks(fixture("opening-unknown"), project_config=ProjectConfig(root=tmp_path, phrases=phrases))
    assert "phrases.yaml:2:3: unknown key 'preambullar'" in str(info.value)


def test_hand_typed_number_suggests_the_reference_to_write() -> None:
    typed = messages(run_checks(fixture("xref")), "xref-hand-typed")
    assert [(lang, m.split("”")[0].strip("“")) for lang, m, _ in typed] == [
        ("en", "paragraph 1"), ("en", "OP2"), ("fr", "paragraphe 1")]
    assert typed[0][2] == "write {ref:op-share} (OP1 is now 'op-share') so the number follows the paragraph"


def test_word_limit_from_project_config() -> None:
    project, draft = open_draft(CHECK / "word-limit")
    assert project.config.word_limit == 20
    assert messages(run_checks(draft, project_config=project.config), "word-limit") == [
        ("en", "the draft has 23 words in 'en', over the limit of 20", "shorten it by 3 words, or set 'word_limit:' in draftkit.yaml"),
        ("fr", "the draft has 23 words in 'fr', over the limit of 20", "shorten it by 3 words, or set 'word_limit:' in draftkit.yaml"),
    ]
    assert run_checks(draft) == []  # the default limit is 3,300


def test_word_count_counts_what_renders() -> None:
    draft = fixture("xref")
    # {ref:…} reads "paragraph 1 above" (3 words), {num:…} "1"; footnote calls are not words.
    def count(paragraph_id: str) -> int:
        return word_count([u for u in units(draft) if u.where.paragraph == paragraph_id and u.part.value == "text"], "en")

    assert count("op2") == 4 + 3 + 4 + 3  # "parliaments to do as {ref:op2} says and as in {ref:op-share}"
    assert count("op-typed") == 19  # … "74/174 and {num:op2}": 74, 174 and the number are words


# --- cross-references ------------------------------------------------------------------------


def without(draft, paragraph_id: str, *, deleted_by: str | None = None):
    """The draft with one paragraph gone, as a merge that deletes it would leave it."""
    provenance = draft.provenance
    if deleted_by:
        provenance += (ChangeRecord(ParagraphId(paragraph_id), ProposalAction.DELETE_PARAGRAPH,
                                    ProposalId("P3"), deleted_by),)
    return dataclasses.replace(
        draft,
        operative=tuple(p for p in draft.operative if p.id != paragraph_id),
        provenance=provenance,
    )


def test_reference_to_a_missing_or_deleted_paragraph_is_an_error(mini_project: Path) -> None:
    _, draft = open_draft(mini_project)
    gone = messages(run_checks(without(draft, "op-urges")), "xref-missing")
    assert gone == [("en", "{ref:op-urges} refers to 'op-urges', which is not a paragraph of this draft",
                     "point it at an existing paragraph id, or reword")] + [gone[1]]
    assert gone[1][0] == "fr"
    deleted = messages(run_checks(without(draft, "op-urges", deleted_by="Kenya")), "xref-missing")
    assert deleted[0][1] == "{ref:op-urges} refers to 'op-urges', which was deleted by proposal P3 (Kenya)"


def rendered_line(draft, language: str, words: str) -> str:
    from draftkit.render.layout import layout
    from draftkit.render.text import to_plain

    return next(line for line in to_plain(layout(draft, language)).splitlines() if words in line)


def test_moving_a_paragraph_changes_the_rendered_number(mini_project: Path) -> None:
    _, draft = open_draft(mini_project)
    assert rendered_line(draft, "en", "cooperation").endswith("as set out in paragraph 1 above:")
    assert rendered_line(draft, "fr", "coopération").endswith("comme indiqué au paragraphe 1 ci-dessus\u00a0:")
    # Move the referenced paragraph (OP1) to the end: the reference follows it.
    moved = dataclasses.replace(draft, operative=draft.operative[1:] + draft.operative[:1])
    assert moved.label("op-urges") == "OP3" and run_checks(moved) == []
    assert rendered_line(moved, "en", "cooperation").endswith("as set out in paragraph 3 below:")
    assert rendered_line(moved, "fr", "coopération").endswith("comme indiqué au paragraphe 3 ci-après\u00a0:")


def test_build_refuses_a_draft_with_check_errors(runner, tmp_path: Path) -> None:
    result = invoke(runner, "build", "--draft", CHECK / "xref.yaml", "-o", tmp_path / "out")
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == (f"error: {CHECK / 'xref.yaml'}: 2 errors found by check (in en and fr), so nothing was written "
                        "(fix each, then build again; `draftkit check` shows them with suggestions)")
    assert len(lines) == 3 and all("xref.yaml:16: OP1 (op-share) error[xref-preambular]" in line for line in lines[1:])
    assert not (tmp_path / "out").exists()


def test_build_refuses_once_listing_every_error_of_every_language(runner, mini_project, tmp_path: Path) -> None:
    """A missing French text, a broken English reference and an empty sub-paragraph: one refusal names all."""
    draft = mini_project / "drafts" / "draft-1.yaml"
    text = draft.read_text(encoding="utf-8")
    text = text.replace("      fr: par l'augmentation de l'exploitation sexuelle des enfants en ligne pendant la pandémie de COVID-19\n", "")
    text = text.replace("{ref:op-urges}", "{ref:op-urge}", 1)
    draft.write_text(text, encoding="utf-8")
    result = invoke(runner, "build", "-p", mini_project, "-o", tmp_path / "out")
    assert result.exit_code == 1
    head, *listed = result.stderr.splitlines()
    assert "errors found by check (in en and fr), so nothing was written" in head
    rules = [line.split("error[", 1)[1].split("]", 1)[0] for line in listed]
    assert "xref-missing" in rules and any(r.startswith("parity") for r in rules), listed
    assert not (tmp_path / "out").exists()


# --- terminology -----------------------------------------------------------------------------

OPSC_EN = ("Optional Protocol to the Convention on the Rights of the Child on the sale of children, "
           "child prostitution and child pornography")
OPSC_FR = ("Protocole facultatif à la Convention relative aux droits de l’enfant, concernant la vente "
           "d’enfants, la prostitution des enfants et la pornographie mettant en scène des enfants")


@pytest.mark.parametrize("language, title, running, term", [
    ("en", OPSC_EN, "parliaments to criminalize child pornography", "child pornography"),
    ("fr", OPSC_FR, "les parlements à ériger en infraction la pornographie mettant en scène des enfants",
     "pornographie mettant en scène des enfants"),
])
def test_title_is_not_flagged_but_running_text_is(language: str, title: str, running: str, term: str) -> None:
    assert check_text_terminology(f"Recalling the {title}[^opsc]", language) == []
    assert check_text_terminology(title.replace("’", "'").replace(" ", "\u00a0", 3), language) == []
    [hit] = check_text_terminology(f"{title}, and urges {running}", language)
    assert hit.term == term and hit.start > len(title)


def test_terminology_on_contribution_text() -> None:
    hits = check_text_terminology("Child Prostitutes and webcam child sex tourism, “sextortion”", "en")
    assert [(h.term, h.prefer) for h in hits] == [
        ("Child Prostitutes", "sexual exploitation of children in prostitution"),
        ("webcam child sex tourism", "live online child sexual abuse"),
    ]
    assert check_text_terminology("child pornography", "es") == []


def test_project_terminology_file_adds_rules(tmp_path: Path) -> None:
    terms = write(tmp_path / "terms.yaml", """
        en:
          terms:
            - avoid: [juvenile offender]
              prefer: child in conflict with the law
    """)
    draft = fixture("opening-case")
    config = ProjectConfig(root=tmp_path, terminology=terms)
    [hit] = check_text_terminology("a juvenile offender", "en", project_terminology(terms))
    assert hit.prefer == "child in conflict with the law"
    assert check_text_terminology("child pornography", "en", project_terminology(terms))  # built-ins kept
    assert messages(run_checks(draft, project_config=config), "terminology") == []


# --- languages and the build gate -----------------------------------------------------------


def test_one_language_checks_only_that_language() -> None:
    draft = fixture("parity")
    assert found(run_checks(draft, languages=["en"])) == set()
    # French alone: what is missing in French, but no comparison of calls with English.
    assert found(run_checks(draft, languages=["fr"])) == {
        (rule, where, lang) for rule, where, lang in EXPECTED["parity"] if rule not in ("parity-xrefs",)
        and (rule, where) != ("parity-footnotes", "PP3")}
    with pytest.raises(UsageError):
        run_checks(draft, languages=["es"])


def test_require_clean_lists_every_error_and_returns_the_rest() -> None:
    with pytest.raises(CheckFailed) as info:
        require_clean(fixture("xref"))
    assert info.value.message.count("refers to preambular paragraph PP1") == 2
    assert info.value.where == CHECK / "xref.yaml"
    rest = require_clean(fixture("opening-repeated"))
    assert {f.severity for f in rest} == {Severity.WARNING}


@pytest.mark.parametrize("language, text, flagged", [
    ("en", "as in paragraph 4 of the present resolution", ["paragraph 4"]),
    ("en", "paragraphs 3 and 4 of this resolution", ["paragraphs 3 and 4"]),
    ("en", "as requested in paragraph 4 of resolution 70/1", []),
    ("fr", "visé à l'alinéa 3 du préambule", ["alinéa 3"]),
    ("fr", "le paragraphe 4 de la présente résolution", ["paragraphe 4"]),
    ("fr", "au paragraphe 4 de la résolution 70/1", []),
])
def test_hand_typed_numbers_of_this_text_not_of_other_documents(language: str, text: str, flagged: list[str]) -> None:
    draft = fixture("opening-case")
    paragraph = dataclasses.replace(draft.operative[1], text={**draft.operative[1].text, language: text})
    draft = dataclasses.replace(draft, operative=(draft.operative[0], paragraph))
    found_ = [m.split("”")[0].strip("“") for lang, m, _ in messages(run_checks(draft), "xref-hand-typed")]
    assert found_ == flagged
