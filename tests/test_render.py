"""Rendering rules: punctuation, numbering, footnotes, cross-references, French spacing,
templates, and the DOCX writer's XML (numbering, footnotes, revisions, reproducibility)."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import GOLDEN, MINI_DRAFT, assert_golden, write
from draftkit.errors import DraftkitError, InputError, UnknownReference
from draftkit.loading import open_draft
from draftkit.render.docx import docx_parts, write_docx
from draftkit.render.layout import LayoutOptions, layout
from draftkit.render.text import labels, to_markdown, to_plain
from draftkit.render.tree import Block, DocTree, Revision, RevisionKind, Role, Run
from draftkit.render.typography import NBSP, NNBSP, french_spacing, strip_final


def tree_of(project: Path, language: str, **options) -> DocTree:
    _, draft = open_draft(project)
    return layout(draft, language, LayoutOptions(**options))


def texts(tree: DocTree, role: Role) -> list[str]:
    return [b.text for b in tree.blocks if b.role is role]


def set_draft(project: Path, text: str) -> None:
    write(project / "drafts" / "draft-1.yaml", text)


# --- golden text of the mini project -----------------------------------------------------


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("kind", ["txt", "md"])
def test_mini_project_matches_golden(mini_project, language, kind, update_golden):
    tree = tree_of(mini_project, language)
    produced = to_plain(tree) if kind == "txt" else to_markdown(tree)
    assert_golden(GOLDEN / "render" / f"mini.{language}.{kind}", produced, update_golden)


# --- punctuation by rule -------------------------------------------------------------------


def test_punctuation_by_rule_in_english(mini_project):
    tree = tree_of(mini_project, "en")
    assert texts(tree, Role.AUTHORING) == ["The 143rd Assembly of the Inter-Parliamentary Union,"]
    assert [t[-1] for t in texts(tree, Role.PREAMBULAR)] == [",", ","]
    assert [t[-1] for t in texts(tree, Role.OPERATIVE)] == [";", ":", "."]
    assert texts(tree, Role.SUBPARAGRAPH) == ["to share information;", "to train law enforcement officers;"]


def test_existing_final_punctuation_is_not_doubled(mini_project):
    set_draft(mini_project, MINI_DRAFT.replace("to remain seized of the matter", "to remain seized of the matter;")
              .replace("to share information", "to share information.")
              .replace("during the COVID-19 pandemic", "during the COVID-19 pandemic,"))
    tree = tree_of(mini_project, "en")
    assert texts(tree, Role.OPERATIVE)[-1] == "Decides to remain seized of the matter."
    assert texts(tree, Role.SUBPARAGRAPH)[0] == "to share information;"
    assert texts(tree, Role.PREAMBULAR)[1].endswith("pandemic,")


def test_last_subparagraph_of_last_operative_paragraph_ends_with_full_stop(mini_project):
    draft = MINI_DRAFT.split("  - id: op-seized")[0]
    set_draft(mini_project, draft)
    tree = tree_of(mini_project, "en")
    assert texts(tree, Role.SUBPARAGRAPH) == ["to share information;", "to train law enforcement officers."]
    assert texts(tree, Role.OPERATIVE)[-1].endswith("above:")


def test_no_comma_after_authoring_line_without_preamble(mini_project):
    draft = re.sub(r"preambular:.*?operative:", "operative:", MINI_DRAFT, flags=re.DOTALL)
    set_draft(mini_project, draft)
    assert texts(tree_of(mini_project, "en"), Role.AUTHORING) == ["The 143rd Assembly of the Inter-Parliamentary Union"]


def test_authoring_from_the_draft_replaces_the_template_line(mini_project):
    set_draft(mini_project, MINI_DRAFT + "authoring: {en: 'The Governing Council,', fr: 'Le Conseil directeur'}\n")
    assert texts(tree_of(mini_project, "en"), Role.AUTHORING) == ["The Governing Council,"]
    assert texts(tree_of(mini_project, "fr"), Role.AUTHORING) == ["Le Conseil directeur,"]


def test_single_operative_paragraph_is_not_numbered(mini_project):
    draft = MINI_DRAFT.split("  - id: op-cooperation")[0]
    set_draft(mini_project, draft)
    tree = tree_of(mini_project, "en")
    [operative] = [b for b in tree.blocks if b.role is Role.OPERATIVE]
    assert not operative.numbered
    assert operative.text.endswith("exploitation.")
    assert "<w:numPr>" not in docx_parts(tree)["word/document.xml"].decode()


# --- numbering -----------------------------------------------------------------------------


@pytest.mark.parametrize("language, expected", [
    ("en", ["1.", "2.", "(a)", "(b)", "3."]),
    ("fr", ["1.", "2.", "a)", "b)", "3."]),
])
def test_operative_and_subparagraph_labels(mini_project, language, expected):
    tree = tree_of(mini_project, language)
    shown = [label for block, label in zip(tree.blocks, labels(tree)) if label]
    assert shown == expected


def test_second_level_subparagraphs_and_restart_after_each_operative(mini_project):
    nested = MINI_DRAFT.replace(
        "      - text: {en: to share information, fr: de partager les informations}",
        "      - text: {en: to share information, fr: de partager les informations}\n"
        "        subparagraphs:\n"
        "          - text: {en: on offenders, fr: sur les auteurs}\n"
        "          - text: {en: on victims, fr: sur les victimes}",
    ).replace(
        "    text: {en: to remain seized of the matter, fr: de demeurer saisie de la question}",
        "    text: {en: to remain seized of the matter, fr: de demeurer saisie de la question}\n"
        "    subparagraphs:\n"
        "      - text: {en: of this question, fr: de cette question}",
    )
    set_draft(mini_project, nested)
    for language, expected in (("en", ["1.", "2.", "(a)", "(i)", "(ii)", "(b)", "3.", "(a)"]),
                               ("fr", ["1.", "2.", "a)", "i)", "ii)", "b)", "3.", "a)"])):
        tree = tree_of(mini_project, language)
        assert [label for label in labels(tree) if label] == expected
    tree = tree_of(mini_project, "en")
    assert texts(tree, Role.SUBPARAGRAPH) == [
        "to share information:", "on offenders;", "on victims;", "to train law enforcement officers;",
        "of this question.",
    ]
    assert [b.label for b in tree.blocks if b.role is Role.SUBPARAGRAPH][1] == "OP2(a)(i)"


def test_numbered_preamble_uses_pp_labels(mini_project):
    tree = tree_of(mini_project, "en", number_preambular=True)
    assert [label for label in labels(tree) if label][:2] == ["PP1", "PP2"]
    numbering = docx_parts(tree)["word/numbering.xml"].decode()
    assert '<w:lvlText w:val="PP%1"/>' in numbering
    document = docx_parts(tree)["word/document.xml"].decode()
    assert document.count('<w:numId w:val="2"/>') == 2


@pytest.mark.parametrize("language, level_texts", [("en", ["%1.", "(%2)", "(%3)"]), ("fr", ["%1.", "%2)", "%3)"])])
def test_word_numbering_definitions(mini_project, language, level_texts):
    parts = docx_parts(tree_of(mini_project, language))
    numbering = parts["word/numbering.xml"].decode()
    operative = numbering.split("</w:abstractNum>")[0]
    assert re.findall(r'<w:lvlText w:val="([^"]+)"/>', operative) == level_texts
    document = parts["word/document.xml"].decode()
    assert re.findall(r'<w:ilvl w:val="(\d)"/><w:numId w:val="1"/>', document) == ["0", "0", "1", "1", "0"]


def test_preambular_sub_lists_do_not_share_the_operative_definition(mini_project):
    draft = MINI_DRAFT.replace("""      fr: par l'augmentation de l'exploitation sexuelle des enfants en ligne pendant la pandémie de COVID-19
""", """      fr: par l'augmentation de l'exploitation sexuelle des enfants en ligne pendant la pandémie de COVID-19
    subparagraphs:
      - text: {en: in schools, fr: dans les écoles}
      - text: {en: at home, fr: à la maison}
""")
    set_draft(mini_project, draft)
    parts = docx_parts(tree_of(mini_project, "en"))
    numbering = parts["word/numbering.xml"].decode()
    # LibreOffice counts every w:num of one definition in one list: the operative list's
    # definition (0) must serve the operative paragraphs only
    assert re.findall(r'<w:num w:numId="(\d+)"><w:abstractNumId w:val="(\d+)"/>', numbering) == [
        ("1", "0"), ("2", "1"), ("3", "2")]
    assert numbering.count('<w:startOverride w:val="1"/>') == 3
    document = parts["word/document.xml"].decode()
    assert re.findall(r'<w:numId w:val="(\d)"/>', document) == ["3", "3", "1", "1", "1", "1", "1"]


# --- footnotes -----------------------------------------------------------------------------


def test_footnote_call_after_punctuation_in_english_before_it_in_french(mini_project):
    english = next(b for b in tree_of(mini_project, "en").blocks if b.key == "pp-crc")
    french = next(b for b in tree_of(mini_project, "fr").blocks if b.key == "pp-crc")
    assert [(r.text, r.footnote) for r in english.runs][-1] == ("", 1)
    assert english.runs[-2].text.endswith("Child,")
    assert [(r.text, r.footnote) for r in french.runs][-2:] == [("", 1), (",", None)]


def test_footnotes_are_numbered_through_the_document(mini_project):
    draft = MINI_DRAFT.replace(
        "      en: to remain seized of the matter", "      en: to remain seized[^a] of the matter[^b]"
    ).replace(
        "    text: {en: to remain seized of the matter, fr: de demeurer saisie de la question}",
        "    text: {en: 'to remain seized[^a] of the matter[^b]', fr: 'de demeurer saisie[^a] de la question[^b]'}\n"
        "    footnotes:\n      a: {en: First., fr: Première.}\n      b: {en: Second., fr: Seconde.}",
    )
    set_draft(mini_project, draft)
    tree = tree_of(mini_project, "fr")
    assert [(n.number, "".join(r.text for r in n.runs)) for n in tree.footnotes] == [
        (1, "Nations Unies, Recueil des Traités, vol. 1577, no\u00a027531."), (2, "Première."), (3, "Seconde.")]
    assert [(r.text, r.superscript) for r in tree.footnotes[0].runs][1] == ("o", True)
    last = [b for b in tree.blocks if b.role is Role.OPERATIVE][-1]
    assert [(r.text, r.footnote) for r in last.runs][1:] == [
        (" de demeurer saisie", None), ("", 2), (" de la question", None), ("", 3), (".", None)]
    footnotes = docx_parts(tree)["word/footnotes.xml"].decode()
    assert re.findall(r'w:footnote (?:w:type="\w+" )?w:id="(-?\d+)"', footnotes) == ["-1", "0", "1", "2", "3"]
    assert "<w:separator/>" in footnotes and "<w:continuationSeparator/>" in footnotes
    document = docx_parts(tree)["word/document.xml"].decode()
    assert re.findall(r'<w:footnoteReference w:id="(\d+)"/>', document) == ["1", "2", "3"]


# --- cross-references ----------------------------------------------------------------------


def test_cross_reference_follows_the_paragraph_when_it_moves(mini_project):
    assert "as set out in paragraph 1 above" in texts(tree_of(mini_project, "en"), Role.OPERATIVE)[1]
    moved = MINI_DRAFT.replace("operative:\n  - clause: op-urges\n", "operative:\n").replace(
        "  - id: op-seized", "  - clause: op-urges\n  - id: op-seized")
    set_draft(mini_project, moved)
    english = texts(tree_of(mini_project, "en"), Role.OPERATIVE)
    french = texts(tree_of(mini_project, "fr"), Role.OPERATIVE)
    assert "as set out in paragraph 2 below" in english[0]
    assert f"comme indiqué au paragraphe 2 ci-après{NBSP}:" in french[0]


def test_num_reference_gives_the_bare_number(mini_project):
    set_draft(mini_project, MINI_DRAFT.replace("as set out in {ref:op-urges}", "as in paragraphs {num:op-urges} and {num:op-seized}"))
    assert "as in paragraphs 1 and 3:" in texts(tree_of(mini_project, "en"), Role.OPERATIVE)[1]


def test_reference_to_a_preambular_paragraph_is_an_error(mini_project):
    set_draft(mini_project, MINI_DRAFT.replace("{ref:op-urges}", "{ref:pp-concern}"))
    with pytest.raises(DraftkitError, match="'op-cooperation' refers to preambular paragraph 'pp-concern'"):
        tree_of(mini_project, "en")


def test_reference_to_a_missing_paragraph_is_an_error_naming_it(mini_project):
    from dataclasses import replace

    _, draft = open_draft(mini_project)
    broken = replace(draft, operative=tuple(p for p in draft.operative if p.id != "op-urges"))
    with pytest.raises(UnknownReference, match="'op-cooperation' refers to unknown paragraph 'op-urges'"):
        layout(broken, "en")


# --- French typography ---------------------------------------------------------------------


@pytest.mark.parametrize("raw, expected", [
    ("Il dit : « oui » ; puis?", f"Il dit{NBSP}: «{NBSP}oui{NBSP}»{NNBSP}; puis{NNBSP}?"),
    ("«non»", f"«{NBSP}non{NBSP}»"),
    (f"déjà{NBSP}; bon{NNBSP}!", f"déjà{NNBSP}; bon{NNBSP}!"),
    ("à 14:30, voir https://ipu.org/?q=1 !", f"à 14:30, voir https://ipu.org/?q=1{NNBSP}!"),
    ("quoi ?!", f"quoi{NNBSP}?!"),
])
def test_french_spacing(raw, expected):
    assert french_spacing(raw) == expected
    assert french_spacing(expected) == expected  # never doubled


def test_french_spacing_applies_to_every_french_text(mini_project):
    set_draft(mini_project, MINI_DRAFT.replace(
        "fr: La législation dans le monde", "fr: « La législation » ; dans le monde").replace(
        "fr: de partager les informations", "fr: 'de partager les informations (voir : « annexe »)'"))
    tree = tree_of(mini_project, "fr")
    assert texts(tree, Role.TITLE)[0].startswith(f"«{NBSP}La législation{NBSP}»{NNBSP}; dans")
    assert texts(tree, Role.SUBPARAGRAPH)[0] == f"de partager les informations (voir{NBSP}: «{NBSP}annexe{NBSP}»){NNBSP};"
    for block in tree.blocks:
        assert not re.search(r"[ ][;:!?»]|«[ ]", block.text), block.text


# --- templates -----------------------------------------------------------------------------


def test_project_template_overrides_the_builtin_one(mini_project):
    write(mini_project / "draftkit.yaml", "name: mini\ntemplates: tpl\n")
    write(mini_project / "tpl" / "ipu-assembly.en.j2", """
        header: {{ session|ordinal }} session, {{ date|longdate }}
        title: {{ title|upper }}
        authoring: The Governing Council
        closing: Adopted on {{ date|longdate }}
        """)
    _, draft = open_draft(mini_project)
    from draftkit.build import render_tree
    from draftkit.loading import Project

    tree = render_tree(Project.open(mini_project), draft, "en")
    assert [(b.role, b.text) for b in tree.blocks[:3]] == [
        (Role.HEADER, "143rd session, 15 July 2021"),
        (Role.TITLE, "LEGISLATION WORLDWIDE TO COMBAT ONLINE CHILD SEXUAL EXPLOITATION AND ABUSE"),
        (Role.AUTHORING, "The Governing Council,"),
    ]
    assert (tree.blocks[-1].role, tree.blocks[-1].text) == (Role.CLOSING, "Adopted on 15 July 2021")
    # the French template is still the built-in one
    assert render_tree(Project.open(mini_project), draft, "fr").blocks[0].text == "143e Assemblée de l’UIP"


@pytest.mark.parametrize("template, message", [
    ("header: {{ sesion }}\n", "'sesion' is undefined"),
    ("header: {% if %}\n", "template error"),
    ("header: fine\nsomething else\n", "line 2 of the template's output is 'something else', not 'REGION: text'"),
    ("header: {{ ''.__class__ }}\n", "template error"),
])
def test_bad_templates_are_reported(mini_project, template, message):
    write(mini_project / "draftkit.yaml", "name: mini\ntemplates: tpl\n")
    write(mini_project / "tpl" / "ipu-assembly.en.j2", template)
    from draftkit.build import render_tree
    from draftkit.loading import Project

    _, draft = open_draft(mini_project)
    with pytest.raises(InputError, match=re.escape(message)) as caught:
        render_tree(Project.open(mini_project), draft, "en")
    assert "ipu-assembly.en.j2" in caught.value.message


def test_a_template_that_is_not_utf8_is_a_located_error(runner, mini_project):
    from conftest import invoke

    write(mini_project / "draftkit.yaml", "name: mini\ntemplates: tpl\n")
    template = mini_project / "tpl" / "ipu-assembly.en.j2"
    template.parent.mkdir()
    template.write_bytes("header: fine\nclosing: Genève\n".encode("latin-1"))  # saved by an old editor
    result = invoke(runner, "build", "-p", mini_project, "-l", "en")
    assert result.exit_code == 1
    assert result.stderr == (f"error: {template.resolve()}:2: template is not UTF-8 text (byte 0xe8) "
                             "(save the template as UTF-8)\n")


def test_member_text_is_never_rendered_as_a_template(mini_project):
    set_draft(mini_project, MINI_DRAFT.replace(
        "{en: to share information,", "{en: 'to share {{ information }} {% raw %}',"))
    assert texts(tree_of(mini_project, "en"), Role.SUBPARAGRAPH)[0] == "to share {{ information }} {% raw %};"


def test_dates_and_ordinals_per_language():
    from datetime import date

    from draftkit.templating import date_range, long_date, ordinal

    assert [ordinal(n, "en") for n in (1, 2, 3, 11, 12, 13, 21, 143)] == [
        "1st", "2nd", "3rd", "11th", "12th", "13th", "21st", "143rd"]
    assert [ordinal(n, "fr") for n in (1, 2, 143)] == ["1re", "2e", "143e"]
    assert long_date(date(2021, 11, 30), "fr") == "30 novembre 2021"
    assert long_date(date(2021, 12, 1), "fr") == "1er décembre 2021"
    assert date_range(date(2021, 11, 26), date(2021, 11, 30), "en") == "26-30 November 2021"
    assert date_range(date(2021, 11, 30), date(2021, 12, 2), "en") == "30 November-2 December 2021"


# --- the DOCX package ----------------------------------------------------------------------


def test_xml_parts_and_bytes_are_identical_across_builds(mini_project):
    first = write_docx(tree_of(mini_project, "fr"))
    second = write_docx(tree_of(mini_project, "fr"))
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2021, 7, 15, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
        assert "<dcterms:created xsi:type=\"dcterms:W3CDTF\">2021-07-15T00:00:00Z</dcterms:created>" in core
        assert "stylesWithEffects" not in " ".join(archive.namelist())
        assert 'w:lang w:val="fr-FR"' in archive.read("word/styles.xml").decode()


def test_openings_are_italic_runs_and_paragraphs_use_role_styles(mini_project):
    document = docx_parts(tree_of(mini_project, "en"))["word/document.xml"].decode()
    assert '<w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t>Recalling</w:t></w:r>' in document
    styles = re.findall(r'<w:pStyle w:val="(\w+)"/>', document)
    # the two-column heading (assembly, place and dates | committee, symbol, date), a rule, then the body
    assert styles == ["ResolutionAssembly", "ResolutionRight", "ResolutionRight", "ResolutionRule",
                      "ResolutionTitle", "ResolutionSubtitle", "Authoring",
                                                  "Preambular", "Preambular", "Operative", "Operative",
                                                  "Subparagraph", "Subparagraph", "Operative"]


def test_project_reference_docx_gives_the_styles_and_missing_ones_are_added(mini_project, tmp_path):
    from draftkit.render.docx import builtin_reference

    with zipfile.ZipFile(builtin_reference()) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    styles = parts["word/styles.xml"].decode()
    styles = styles.replace('w:ascii="Times New Roman"', 'w:ascii="Arial"')
    styles = re.sub(r'<w:style [^>]*w:styleId="Subparagraph".*?</w:style>', "", styles, flags=re.DOTALL)
    parts["word/styles.xml"] = styles.encode()
    house = tmp_path / "house.docx"
    with zipfile.ZipFile(house, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    out = docx_parts(tree_of(mini_project, "en"), house)["word/styles.xml"].decode()
    assert 'w:ascii="Arial"' in out
    assert out.count('w:styleId="Subparagraph"') == 1


def test_reference_that_is_not_a_docx_is_refused(mini_project, tmp_path):
    bad = write(tmp_path / "house.docx", "not a zip")
    with pytest.raises(InputError, match="cannot read the reference DOCX"):
        docx_parts(tree_of(mini_project, "en"), bad)


def test_revision_marks_wrap_runs_with_unique_ids():
    moment = datetime(2021, 7, 15, tzinfo=timezone.utc)
    tree = DocTree(language="en", blocks=(
        Block(Role.OPERATIVE, (
            Run("Urges "),
            Run("all ", revision=Revision(RevisionKind.DELETE, "Kenya", moment)),
            Run("the ", revision=Revision(RevisionKind.INSERT, "France & co", moment)),
            Run("parliaments."),
        ), numbered=True),
        Block(Role.OPERATIVE, (Run("New paragraph.", revision=Revision(RevisionKind.INSERT, "Chile", moment)),),
              numbered=True, mark_revision=Revision(RevisionKind.INSERT, "Chile", moment)),
        Block(Role.OPERATIVE, (Run("Moved.", revision=Revision(RevisionKind.MOVE_TO, "Chile", moment, move="m1")),),
              numbered=True),
    ), created=moment)
    document = docx_parts(tree)["word/document.xml"].decode()
    assert ('<w:del w:id="1" w:author="Kenya" w:date="2021-07-15T00:00:00Z"><w:r>'
            '<w:delText xml:space="preserve">all </w:delText></w:r></w:del>') in document
    assert '<w:ins w:id="2" w:author="France &amp; co" w:date="2021-07-15T00:00:00Z"><w:r><w:t xml:space="preserve">the </w:t></w:r></w:ins>' in document
    assert '<w:rPr><w:ins w:id="3" w:author="Chile" w:date="2021-07-15T00:00:00Z"/></w:rPr></w:pPr>' in document
    assert '<w:moveToRangeStart w:id="6" w:author="Chile" w:date="2021-07-15T00:00:00Z" w:name="m1"/>' in document
    ids = re.findall(r'<w:(?:ins|del|moveTo) w:id="(\d+)"', document)
    assert len(ids) == len(set(ids))
    assert to_plain(tree).splitlines()[0] == "1. Urges the parliaments."


# --- abbreviations keep their full stop -------------------------------------------------


def test_an_abbreviation_keeps_its_full_stop_and_takes_the_rule_mark_after_it(mini_project):
    set_draft(mini_project, MINI_DRAFT
              .replace("during the COVID-19 pandemic", "in the U.S.")
              .replace("pendant la pandémie de COVID-19", "aux É.-U.")
              .replace("to share information", "to share information on boys and girls etc.")
              .replace("to remain seized of the matter", "to act under resolution No."))
    en, fr = tree_of(mini_project, "en"), tree_of(mini_project, "fr")
    assert texts(en, Role.PREAMBULAR)[1] == "Deeply concerned by the growth of online child sexual exploitation in the U.S.,"
    assert texts(fr, Role.PREAMBULAR)[1] == ("Profondément préoccupée par l’augmentation de l’exploitation sexuelle"
                                            " des enfants en ligne aux É.-U.,")
    assert texts(en, Role.SUBPARAGRAPH)[0] == "to share information on boys and girls etc.;"
    # the abbreviation's full stop is also the resolution's last one: not doubled
    assert texts(en, Role.OPERATIVE)[-1] == "Decides to act under resolution No."


def test_a_typed_mark_after_an_abbreviation_is_replaced_by_the_rule_mark(mini_project):
    set_draft(mini_project, MINI_DRAFT.replace("during the COVID-19 pandemic", "in the U.S.;"))
    assert texts(tree_of(mini_project, "en"), Role.PREAMBULAR)[1].endswith(" in the U.S.,")


@pytest.mark.parametrize("raw, expected", [
    ("the U.S.", "the U.S."), ("the U.S.,", "the U.S."), ("les É.-U.", "les É.-U."), ("etc. ", "etc."),
    ("children.", "children"), ("Mexico.", "Mexico"), ("online;", "online"), ("the Co.:", "the Co."),
])
def test_strip_final_keeps_only_an_abbreviations_full_stop(raw, expected):
    assert strip_final(raw) == expected


def test_check_and_render_share_the_abbreviations(mini_project):
    from draftkit.check import run_checks

    set_draft(mini_project, MINI_DRAFT.replace("during the COVID-19 pandemic", "in the U.S.")
              .replace("pendant la pandémie de COVID-19", "aux É.-U."))
    _, draft = open_draft(mini_project)
    assert [f for f in run_checks(draft) if f.rule == "punctuation-own"] == []
    set_draft(mini_project, MINI_DRAFT.replace("pendant la pandémie de COVID-19", "aux États-Unis."))
    _, draft = open_draft(mini_project)
    assert [(f.rule, f.language) for f in run_checks(draft) if f.rule == "punctuation-own"] == [("punctuation-own", "fr")]


# --- an opening followed only by sub-paragraphs --------------------------------------------

_DECIDES_ONLY = """
  - id: op-decides
    opening: {en: Decides, fr: Décide}
    subparagraphs:
      - text: {en: to convene a panel, fr: de convoquer un groupe}
      - text: {en: to report back, fr: de faire rapport}
"""


def _paragraph_texts(docx: bytes) -> list[str]:
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode("utf-8")
    return ["".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p)) for p in re.findall(r"<w:p>.*?</w:p>", xml)]


@pytest.mark.parametrize("language, opening, colon, subs", [
    ("en", "Decides", ":", ["to convene a panel;", "to report back."]),
    ("fr", "Décide", NBSP + ":", ["de convoquer un groupe" + NNBSP + ";", "de faire rapport."]),
])
def test_an_opening_with_only_subparagraphs_renders_the_opening_and_a_colon(mini_project, language, opening, colon,
                                                                            subs):
    set_draft(mini_project, MINI_DRAFT.split("  - id: op-seized")[0] + _DECIDES_ONLY.lstrip("\n"))
    tree = tree_of(mini_project, language)
    block = next(b for b in tree.blocks if b.key == "op-decides")
    assert [(r.text, r.italic) for r in block.runs] == [(opening, True), (colon, False)]
    assert texts(tree, Role.SUBPARAGRAPH)[-2:] == subs
    assert f"\n3. {opening}{colon}\n" in to_plain(tree)
    assert f"\n3\\. *{opening}*{colon}\n" in to_markdown(tree)
    paragraphs = _paragraph_texts(write_docx(tree))
    start = paragraphs.index(opening + colon)
    assert paragraphs[start:start + 3] == [opening + colon, *subs]


def test_markdown_keeps_negotiation_brackets_and_angle_text_literal(mini_project):
    """'[shall][may]' is bracketed negotiation text, '<b>' is text: markdown must not read them."""
    import shutil
    import subprocess

    draft_file = mini_project / "drafts" / "draft-1.yaml"
    draft_file.write_text(MINI_DRAFT.replace("to remain seized of the matter", "\"to [remain][stay] seized <b>now</b>\""),
                          encoding="utf-8")
    _, draft = open_draft(mini_project)
    markdown = to_markdown(layout(draft, "en"))
    assert r"to \[remain\]\[stay\] seized \<b\>now\</b\>." in markdown
    if shutil.which("pandoc"):
        plain = subprocess.run(["pandoc", "-f", "markdown", "-t", "plain", "--wrap=none"], input=markdown,
                               capture_output=True, text=True, check=True).stdout
        assert "Decides to [remain][stay] seized <b>now</b>." in plain


# --- inline markup and typography by language ----------------------------------------------


def test_inline_markup_becomes_run_properties(mini_project):
    set_draft(mini_project, MINI_DRAFT.replace(
        "text: {en: to remain seized of the matter, fr: de demeurer saisie de la question}",
        "text: {en: 'to report under the *Official Records*, H~2~O, {sc:Unies} and **this**',"
        " fr: 'de faire rapport selon les *Documents officiels*, n^o^ 3 et **ceci**'}"))
    tree = tree_of(mini_project, "en")
    last = [b for b in tree.blocks if b.role is Role.OPERATIVE][-1]
    assert [(r.text, r.style.words) for r in last.runs] == [
        ("Decides", "italic"), (" to report under the ", "roman"), ("Official Records", "italic"),
        (", H", "roman"), ("2", "subscript"), ("O, ", "roman"), ("Unies", "small capitals"), (" and ", "roman"),
        ("this", "bold"), (".", "roman")]
    document = docx_parts(tree)["word/document.xml"].decode()
    assert "<w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t>Official Records</w:t></w:r>" in document
    assert '<w:rPr><w:vertAlign w:val="subscript"/></w:rPr><w:t>2</w:t>' in document
    assert "<w:rPr><w:smallCaps/></w:rPr><w:t>Unies</w:t>" in document
    assert "<w:rPr><w:b/><w:bCs/></w:rPr><w:t>this</w:t>" in document
    markdown = to_markdown(tree)
    assert "under the *Official Records*, H~2~O, [Unies]{.smallcaps} and **this**." in markdown
    assert "under the Official Records, H2O, Unies and this." in to_plain(tree)
    french = to_markdown(tree_of(mini_project, "fr"))
    assert "selon les *Documents officiels*, n^o^\u00a03 et **ceci**." in french


@pytest.mark.parametrize("language, text, expected", [
    ("fr", "la 143e Assemblée, le 1er juin, la 2e séance", [("la 143", ""), ("e", "superscript"), (" Assemblée, le 1", ""),
                                                           ("er", "superscript"), (" juin, la 2", ""),
                                                           ("e", "superscript"), (" séance", "")]),
    ("fr", "vol. 1577, no 27531 et nos 3-5", [("vol. 1577, n", ""), ("o", "superscript"), ("\u00a027531 et n", ""),
                                              ("os", "superscript"), ("\u00a03–5", "")]),
    ("fr", "l'enfant et \"la famille\"", [("l’enfant et «\u00a0la famille\u00a0»", "")]),
    ("fr", "au XXIe siècle, voir http://a.b/l'x", [("au XXI", ""), ("e", "superscript"),
                                                    (" siècle, voir http://a.b/l'x", "")]),
    ("en", "the 143rd Assembly, 26-30 November, No. 3, l'x", [("the 143rd Assembly, 26–30 November, No. 3, l'x", "")]),
    ("en", "document A/74/400 and COVID-19 in 2018-2021", [("document A/74/400 and COVID-19 in 2018–2021", "")]),
])
def test_typography_by_language(language, text, expected):
    from draftkit.inline import StyledText
    from draftkit.render.typography import typeset

    out = typeset(StyledText.of(text), language).pieces()
    assert [(t, s.words if s.value else "") for t, s in out] == expected
