"""Negotiation brackets and paragraph standing: parsing, loading, checking."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import invoke, write
from draftkit.check import run_checks
from draftkit.loading import Project
from draftkit.loading.serialize import dump_draft
from draftkit.loading.draft import load_draft
from draftkit.model import BracketHolders, Standing, TranslationSource
from draftkit.negotiation.brackets import BracketError, carry_holders, choose, groups


@pytest.mark.parametrize("text, expected", [
    ("to [make] [consider making] such measures", [("make", "consider making")]),
    ("to [make]/[consider making] them [and binding]", [("make", "consider making"), ("and binding",)]),
    ("the Convention[^crc] [as amended] in {ref:op-x}", [("as amended",)]),
    ("[the Convention[^crc]] and [other treaties]", [("the Convention[^crc]",), ("other treaties",)]),
    ("no brackets here", []),
])
def test_groups_are_alternatives_side_by_side_and_markup_is_not_a_bracket(text, expected):
    assert [g.signature() for g in groups(text)] == expected


@pytest.mark.parametrize("text, message", [
    ("to [make such", "never closed"),
    ("to make] such", "no opening"),
    ("to [make [all] such]", "do not nest"),
])
def test_unpaired_brackets_are_refused_with_their_place(text, message):
    with pytest.raises(BracketError, match=message) as caught:
        groups(text)
    assert 0 <= caught.value.offset < len(text)


def test_choosing_an_alternative_drops_the_brackets_and_holders_follow_the_groups_left():
    text = "to [make] [consider making] them [and binding]"
    agreed = choose(text, 0, 1)
    assert agreed == "to consider making them [and binding]"
    holders = (("Kenya",), ("France",))
    assert carry_holders(groups(text), groups(agreed), holders, ()) == (("France",),)
    assert carry_holders(groups(agreed), groups(agreed + " and [now]"), (("France",),), ()) == (("France",), ())


DRAFT = """
version: 1
date: 2021-07-15
body: ipu-assembly
session: "143"
revision: 2
languages: [en, fr]
title: {en: T, fr: T}
operative:
  - id: op-a
    opening: {en: Urges, fr: Exhorte}
    text:
      en: parliaments to [make] [consider making] such measures mandatory
      fr: les parlements à [rendre] [envisager de rendre] ces mesures obligatoires
    status: open
    brackets:
      - [Kenya, "France, Mexico"]
    translations: {fr: en@1a2b3c4d}
  - id: op-b
    opening: {en: Decides, fr: Décide}
    text:
      en: to remain seized of the matter
      fr: de demeurer saisie de la question
    status: agreed-ad-ref
"""


def test_standing_holders_translations_and_revision_load_and_dump_back(tmp_path, mini_project):
    path = write(tmp_path / "draft.yaml", DRAFT)
    library = Project.open(mini_project).library
    draft = load_draft(path, library)
    op_a, op_b = draft.operative
    assert op_a.status is Standing.OPEN and op_b.status is Standing.AGREED_AD_REF
    assert op_a.brackets == (BracketHolders((("Kenya",), ("France", "Mexico"))),)
    assert op_a.translations == {"fr": TranslationSource("en", "1a2b3c4d")}
    assert draft.meta.revision == 2
    again = load_draft(write(tmp_path / "again.yaml", dump_draft(draft)), library)
    assert again == draft


@pytest.mark.parametrize("change, message", [
    ("status: open", "'status' of paragraph 'op-a' is 'settled'"),
    ("translations: {fr: en@1a2b3c4d}", "translation 'fr' of paragraph 'op-a' is 'en-1a2b'"),
    ("revision: 2", "'revision' must be 1 or more"),
])
def test_bad_negotiation_keys_are_refused_where_they_are(tmp_path, mini_project, change, message):
    bad = {"status: open": "status: settled", "translations: {fr: en@1a2b3c4d}": "translations: {fr: en-1a2b}",
           "revision: 2": "revision: 0"}[change]
    path = write(tmp_path / "draft.yaml", DRAFT.replace(change, bad, 1))
    from draftkit.errors import InputError
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        load_draft(path, Project.open(mini_project).library)


def test_check_finds_unpaired_brackets_parity_holders_and_agreed_with_brackets(tmp_path, mini_project):
    text = (DRAFT.replace("[envisager de rendre] ces", "envisager de rendre] ces")
            .replace("- [Kenya, \"France, Mexico\"]", "- [Kenya]")
            .replace("status: agreed-ad-ref", "status: agreed-ad-ref\n    brackets: [Canada]")
            .replace("to remain seized", "to remain [actively] seized"))
    draft = load_draft(write(tmp_path / "draft.yaml", text), Project.open(mini_project).library)
    found = {(f.rule, f.where.paragraph, f.language) for f in run_checks(draft)}
    assert ("bracket-unpaired", "op-a", "fr") in found
    assert ("bracket-holders", "op-a", "") in found
    assert ("bracket-agreed", "op-b", "") in found
    assert ("parity-brackets", "op-b", "fr") in found  # [actively] only in English


def test_cli_check_prints_brackets_as_text(tmp_path, mini_project, runner):
    draft = mini_project / "drafts" / "draft-1.yaml"
    draft.write_text(draft.read_text().replace("{en: to remain seized of the matter,", "{en: '[actively] seized',"))
    result = invoke(runner, "check", "-p", mini_project, "--format", "json")
    assert result.exit_code == 1
    assert "parity-brackets" in result.stdout and "[actively]" not in result.stdout
    assert "1 bracketed group" in result.stdout


def test_brackets_inside_a_flow_mapping_get_a_hint_to_quote(tmp_path, mini_project, runner):
    draft = mini_project / "drafts" / "draft-1.yaml"
    draft.write_text(draft.read_text().replace("to remain seized", "to remain [actively] seized"))
    result = invoke(runner, "check", "-p", mini_project)
    assert result.exit_code == 1
    assert "quote" in result.stderr and "[" in result.stderr


# --- the two editions -----------------------------------------------------------------------

BRACKETED = """
  - id: op-bracketed
    opening: {en: Urges, fr: Exhorte}
    text:
      en: parliaments to [make] [consider making] such measures mandatory [and binding]
      fr: les parlements à [rendre] [envisager de rendre] ces mesures obligatoires [et contraignantes]
    status: open
    brackets:
      - [Kenya, "France, Mexico"]
      - Canada
"""


def bracketed_project(mini_project: Path) -> Path:
    draft = mini_project / "drafts" / "draft-1.yaml"
    text = draft.read_text().replace("operative:\n  - clause: op-urges\n",
                                     "operative:\n  - clause: op-urges\n    status: agreed-ad-ref\n" + BRACKETED.lstrip("\n"))
    draft.write_text(text)
    return mini_project


def test_a_clean_build_refuses_while_brackets_remain_unless_asked(mini_project, runner, tmp_path):
    root = bracketed_project(mini_project)
    refused = invoke(runner, "build", "-p", root, "-f", "txt")
    assert refused.exit_code == 1
    assert refused.stderr.count("\n") == 1 and "1 paragraph still holds bracketed words: OP2" in refused.stderr
    assert "--negotiation" in refused.stderr and not (root / "build").exists()
    kept = invoke(runner, "build", "-p", root, "-l", "en", "--keep-brackets", "-o", "-")
    assert kept.exit_code == 0
    assert "2. Urges parliaments to [make] [consider making] such measures mandatory [and binding];" in kept.stdout


def test_the_negotiation_version_labels_alternatives_and_names_holders_in_each_language(mini_project, runner):
    root = bracketed_project(mini_project)
    english = invoke(runner, "build", "-p", root, "-l", "en", "--negotiation", "-o", "-")
    assert ("Urges parliaments to [Alt 1: make (Kenya)] [Alt 2: consider making (France, Mexico)] such measures "
            "mandatory [and binding (Canada)];") in english.stdout
    french = invoke(runner, "build", "-p", root, "-l", "fr", "--negotiation", "-f", "md", "-o", "-")
    assert "\\[*Variante 1\u00a0:* rendre *(Kenya)*\\]" in french.stdout  # French: a no-break space before ':'


def test_the_status_column_is_a_table_beside_the_paragraphs(mini_project, runner, tmp_path):
    import zipfile

    root = bracketed_project(mini_project)
    result = invoke(runner, "build", "-p", root, "-l", "en", "--status-column", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    written = tmp_path / "out" / "mini-draft1-negotiation.en.docx"
    document = zipfile.ZipFile(written).read("word/document.xml").decode()
    assert document.count("<w:tbl>") == 1 and "<w:tblHeader/>" in document
    rows = document.split("<w:tr>")[1:]
    assert len(rows) == 1 + 2 + 4  # header, 2 PP, 4 OP (sub-paragraphs share their paragraph's row)
    assert "Agreed ad ref" in rows[3] and "criminalize" in rows[3]
    assert "Open — bracketed" in rows[4] and "Alt 1:" in rows[4]
    assert ">Status<" in rows[0]


def test_brackets_survive_import_and_an_edited_paragraph_keeps_its_standing(mini_project, runner, tmp_path):
    """A DOCX with bracketed words imports with its brackets; importing it into the project
    keeps the paragraph's standing and holders (the text is matched to its id)."""
    root = bracketed_project(mini_project)
    built = invoke(runner, "build", "-p", root, "-l", "en", "--keep-brackets", "-o", tmp_path / "out.docx")
    assert built.exit_code == 0, built.output
    fresh = invoke(runner, "import", tmp_path / "out.docx", "-o", tmp_path / "imported")
    assert fresh.exit_code == 0, fresh.output
    texts = "".join(p.read_text() for p in (tmp_path / "imported").rglob("*.yaml"))
    assert "[make] [consider making] such measures mandatory [and binding]" in texts
    again = invoke(runner, "import", tmp_path / "out.docx", "-o", root)
    assert again.exit_code == 0, again.output
    from draftkit.loading import Project
    from draftkit.model import Standing

    kept = Project.open(root).draft(2).by_id()["op-bracketed"]
    assert kept.status is Standing.OPEN and len(kept.brackets) == 2
