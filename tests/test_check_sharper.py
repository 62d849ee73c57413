"""What an editor catches and check caught too late or wrongly (issue 13): an orphan
"Also recalling", the placeholder title, spellings of discouraged terms, hand-typed
"para. 4" / "paragraph four", an (a) empty in one language above (i)–(iii), a quoted term
with its comma inside the quotes, the one-item-list info beside the real error, and
"did you mean" hints that point at the paragraph itself or at a preambular one."""

from __future__ import annotations

from pathlib import Path

from conftest import MINI_LIBRARY, write
from draftkit.check import run_checks
from draftkit.loading import open_draft

HEAD = """
version: 1
date: 2021-07-15
body: ipu-assembly
session: "143"
languages: [en, fr]
title: {en: Online child protection, fr: La protection des enfants en ligne}
"""


def findings(tmp_path: Path, body: str, *, head: str = HEAD) -> set[tuple[str, str, str]]:
    root = tmp_path / "p"
    write(root / "draftkit.yaml", "name: p\n")
    write(root / "clauses" / "standard.yaml", MINI_LIBRARY)
    write(root / "drafts" / "draft-1.yaml", head + body)
    project, draft = open_draft(root)
    return {(f.rule, f.where.shown(), f.language) for f in run_checks(draft, project_config=project.config)}


SEIZED = """
  - id: op-seized
    opening: {en: Decides, fr: Décide}
    text: {en: to remain seized of the matter, fr: de demeurer saisie de la question}
"""


def test_also_recalling_with_no_recalling_before_it(tmp_path):
    body = """
preambular:
  - id: pp-a
    opening: {en: Also recalling, fr: Rappelant également}
    text: {en: the Convention, fr: la Convention}
  - id: pp-b
    opening: {en: Recalling, fr: Rappelant}
    text: {en: its resolution, fr: sa résolution}
  - id: pp-c
    opening: {en: Also recalling, fr: Rappelant en outre}
    text: {en: the Protocol, fr: le Protocole}
operative:""" + SEIZED
    found = findings(tmp_path, body)
    assert {f for f in found if f[0] == "opening-also"} == {("opening-also", "PP1", "en"),
                                                             ("opening-also", "PP1", "fr")}


def test_placeholder_title(tmp_path):
    head = HEAD.replace("title: {en: Online child protection, fr: La protection des enfants en ligne}",
                        "title: {en: Title of the resolution, fr: Titre de la résolution}")
    found = findings(tmp_path, "operative:" + SEIZED, head=head)
    assert {f for f in found if f[0] == "title-placeholder"} == {("title-placeholder", "title", "en"),
                                                                  ("title-placeholder", "title", "fr")}


def test_spellings_of_discouraged_terms(tmp_path):
    body = """
operative:
  - id: op-a
    opening: {en: Urges, fr: Exhorte}
    text:
      en: parliaments to outlaw child-pornography and Child  Pornography
      fr: les parlements à interdire la pédo-pornographie et la pedopornographie
""" + SEIZED
    found = findings(tmp_path, body)
    assert ("terminology", "OP1", "en") in found and ("terminology", "OP1", "fr") in found
    from draftkit.check import check_text_terminology

    assert [h.term for h in check_text_terminology("la pédo-pornographie et la pedopornographie", "fr")] == [
        "pédo-pornographie", "pedopornographie"]
    assert [h.term for h in check_text_terminology("no child-pornography, no Child\u00a0pornography", "en")] == [
        "child-pornography", "Child\u00a0pornography"]


def test_a_quoted_term_with_the_comma_inside_is_a_mention(tmp_path):
    from draftkit.check import check_text_terminology

    assert check_text_terminology("the term “child pornography,” which is outdated", "en") == []
    assert check_text_terminology("the term “child pornography”, which is outdated", "en") == []
    assert [h.term for h in check_text_terminology("no “child pornography” laws, but child pornography", "en")] == [
        "child pornography"]


def test_hand_typed_references_in_other_spellings(tmp_path):
    body = """
operative:
  - id: op-a
    opening: {en: Urges, fr: Exhorte}
    text: {en: parliaments to act, fr: les parlements à agir}
  - id: op-b
    opening: {en: Calls upon, fr: Demande}
    text:
      en: States to apply para. 1 and paragraph one
      fr: aux États d'appliquer le par. 1 et le paragraphe un
""" + SEIZED
    from draftkit.check import run_checks as run

    root = tmp_path / "p"
    write(root / "draftkit.yaml", "name: p\n")
    write(root / "clauses" / "standard.yaml", MINI_LIBRARY)
    write(root / "drafts" / "draft-1.yaml", HEAD + body)
    project, draft = open_draft(root)
    typed = [(f.language, f.message.split("”")[0].lstrip("“"), f.suggestion) for f in run(draft)
             if f.rule == "xref-hand-typed"]
    assert [(lang, words) for lang, words, _ in typed] == [
        ("en", "para. 1"), ("en", "paragraph one"), ("fr", "par. 1"), ("fr", "paragraphe un")]
    assert all("{ref:op-a}" in suggestion for _, _, suggestion in typed)


def test_a_sub_paragraph_empty_in_one_language_above_its_own_items(tmp_path):
    body = """
operative:
  - id: op-a
    opening: {en: Urges, fr: Exhorte}
    text: {en: parliaments, fr: les parlements}
    subparagraphs:
      - text: {en: "to legislate:", fr: ""}
        subparagraphs:
          - text: {en: on grooming, fr: sur la sollicitation}
          - text: {en: on extortion, fr: sur l'extorsion}
          - text: {en: on streaming, fr: sur la diffusion}
      - text: {en: to report, fr: de faire rapport}
""" + SEIZED
    found = findings(tmp_path, body)
    assert ("empty-subparagraph", "OP1(a)", "fr") in found
    assert ("empty-subparagraph", "OP1(a)", "en") not in found


def test_no_one_item_info_beside_the_level_error(tmp_path):
    body = """
operative:
  - id: op-a
    opening: {en: Urges, fr: Exhorte}
    text: {en: parliaments, fr: les parlements}
    subparagraphs:
      - text: {en: "", fr: ""}
        subparagraphs:
          - text: {en: to legislate, fr: de légiférer}
          - text: {en: to report, fr: de faire rapport}
""" + SEIZED
    rules = {rule for rule, _, _ in findings(tmp_path, body)}
    assert "subparagraph-level" in rules and "subparagraph-single" not in rules


def test_did_you_mean_never_names_the_paragraph_itself_or_a_preambular_one(tmp_path):
    body = """
preambular:
  - id: pp-cooperation
    opening: {en: Recalling, fr: Rappelant}
    text: {en: earlier work, fr: les travaux antérieurs}
operative:
  - id: op-cooperation
    opening: {en: Calls upon, fr: Demande}
    text: {en: "States to cooperate, as in {ref:op-cooperatio}", fr: "aux États de coopérer, comme au {ref:op-cooperatio}"}
""" + SEIZED
    root = tmp_path / "p"
    write(root / "draftkit.yaml", "name: p\n")
    write(root / "clauses" / "standard.yaml", MINI_LIBRARY)
    write(root / "drafts" / "draft-1.yaml", HEAD + body)
    project, draft = open_draft(root)
    missing = [f for f in run_checks(draft) if f.rule == "xref-missing"]
    assert missing and all("op-cooperation" not in f.suggestion and "pp-" not in f.suggestion for f in missing)
