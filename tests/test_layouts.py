"""The layouts of issue 11, per body and stage: heading lines in the order issued documents
have them, session numbers in words, the sponsors line, the adopted forms, the running
heads (PAGE/NUMPAGES fields, a different first page, even pages apart) and the paper size,
all from the Jinja templates and the reference DOCX."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import EXAMPLES, write
from draftkit.loading import open_draft
from draftkit.render.docx import docx_parts
from draftkit.render.layout import layout
from draftkit.render.tree import NUMPAGES, PAGE, Role

UN = """
version: 1
date: 2019-10-11
body: un-general-assembly
session: "74"
symbol: A/C.3/74/L.11
languages: [en, fr]
title: {en: Countering child sexual exploitation online, fr: Lutter contre l'exploitation sexuelle en ligne}
committee: {en: Third Committee, fr: Troisième Commission}
stage: STAGE
sponsors: [Mexico, United Kingdom, Republic of Korea]
agenda: {item: "107", title: {en: "Crime prevention and criminal justice", fr: "Prévention du crime et justice pénale"}}
document: {original: en, job: 19-17623}
adoption: {date: 2019-12-18, resolution: 74/174, meeting: 50, report: A/74/400}
operative:
  - id: op-a
    opening: {en: Urges, fr: Exhorte}
    text: {en: States to act, fr: les États à agir}
  - id: op-b
    opening: {en: Decides, fr: Décide}
    text: {en: to remain seized of the matter, fr: de demeurer saisie de la question}
"""

IPU = """
version: 1
date: 2021-11-30
body: ipu-assembly
session: "143"
symbol: C-III/143/DR
languages: [en, fr]
title: {en: Legislation worldwide, fr: La législation dans le monde}
committee: {en: Standing Committee on Democracy and Human Rights, fr: Commission permanente de la démocratie et des droits de l'homme}
meeting: {place: {en: "Madrid, Spain", fr: Madrid (Espagne)}, start: 2021-11-26, end: 2021-11-30}
stage: STAGE
rapporteurs:
  - {en: Ms. A. Nowhere (Spain), fr: Mme A. Nowhere (Espagne)}
  - {en: Mr. B. Elsewhere (Kenya), fr: M. B. Elsewhere (Kenya)}
adoption: {vote: unanimously}
operative:
  - id: op-a
    opening: {en: Urges, fr: Exhorte}
    text: {en: parliaments to act, fr: les parlements à agir}
  - id: op-b
    opening: {en: Decides, fr: Décide}
    text: {en: to remain seized of the matter, fr: de demeurer saisie de la question}
"""


def tree(tmp_path: Path, text: str, stage: str, language: str):
    root = tmp_path / stage
    write(root / "draftkit.yaml", "name: layouts\nlibraries: []\n")
    write(root / "drafts" / "draft-1.yaml", text.replace("STAGE", stage))
    _, draft = open_draft(root)
    return layout(draft, language)


def heading(doc) -> list[tuple[str, str]]:
    """(style or role, text) of every block before the authoring line, and the closing lines."""
    out = []
    for block in doc.blocks:
        if block.role in (Role.PREAMBULAR, Role.OPERATIVE, Role.SUBPARAGRAPH, Role.AUTHORING):
            continue
        column = {1: "left.", 2: "right."}.get(block.column, "")
        out.append((column + (block.style or block.role.value), block.text))
    return out


def test_un_l_document_heading_in_the_issued_order(tmp_path):
    assert heading(tree(tmp_path, UN, "draft", "en")) == [
        ("left.masthead", "United Nations"), ("right.symbol", "A/C.3/74/L.11"),
        ("left.organ", "General Assembly"), ("right.distribution", "Distr.: Limited"),
        ("right.distribution", "11 October 2019"), ("right.distribution", "Original: English"),
        ("rule", ""), ("session", "Seventy-fourth session"), ("session", "Third Committee"),
        ("session", "Agenda item 107"), ("agenda-title", "Crime prevention and criminal justice"),
        ("sponsors", "Mexico, United Kingdom of Great Britain and Northern Ireland and Republic of Korea: "
                     "draft resolution"),
        ("title", "Countering child sexual exploitation online"),
    ]


def test_un_french_translation_session_in_words_and_names_of_members(tmp_path):
    lines = heading(tree(tmp_path, UN, "revised", "fr"))
    assert lines[3:8] == [("right.distribution", "Distr. limitée"), ("right.distribution", "11 octobre 2019"),
                          ("right.distribution", "Français"), ("right.distribution", "Original\u00a0: anglais"),
                          ("rule", "")]
    assert ("session", "Soixante-quatorzième session") in lines
    assert ("session", "Point 107 de l’ordre du jour") in lines
    assert ("sponsors", "Mexique, Royaume-Uni de Grande-Bretagne et d’Irlande du Nord et République de Corée\u00a0: "
                        "projet de résolution révisé") in lines


def test_un_adopted_resolution_with_number_origin_and_meeting_line(tmp_path):
    doc = tree(tmp_path, UN, "adopted", "en")
    lines = heading(doc)
    assert lines[:8] == [
        ("left.masthead", "United Nations"), ("right.symbol", "A/C.3/74/L.11"), ("left.organ", "General Assembly"),
        ("right.distribution", "Distr.: General"), ("right.distribution", "11 October 2019"), ("rule", ""),
        ("session", "Seventy-fourth session"), ("session", "Agenda item 107")]
    assert lines[9:12] == [
        ("adopted", "Resolution adopted by the General Assembly on 18 December 2019"),
        ("origin", "[on the report of the Third Committee (A/74/400)]"),
        ("number-title", "74/174.\tCountering child sexual exploitation online")]
    assert lines[-2:] == [("closing", "50th plenary meeting"), ("meeting", "18 December 2019")]
    assert [b.role for b in doc.blocks][-1] is Role.CLOSING
    french = heading(tree(tmp_path / "fr", UN, "adopted", "fr"))
    assert french[-2:] == [("closing", "50e séance plénière"), ("meeting", "18 décembre 2019")]
    closing = [b for b in tree(tmp_path / "fr2", UN, "adopted", "fr").blocks if b.role is Role.CLOSING][0]
    assert [(r.text, r.superscript) for r in closing.runs][:2] == [("50", False), ("e", True)]


def test_ipu_two_column_heading_rapporteurs_and_adopted_line(tmp_path):
    assert heading(tree(tmp_path, IPU, "draft", "en")) == [
        ("left.assembly", "143rd IPU Assembly"), ("left.header", "Madrid, Spain"), ("left.header", "26–30 November 2021"),
        ("right.committee", "Standing Committee on Democracy and Human Rights"), ("right.right", "C-III/143/DR"),
        ("right.right", "30 November 2021"), ("rule", ""), ("title", "Legislation worldwide"),
        ("subtitle", "Draft resolution submitted by the co-Rapporteurs Ms. A. Nowhere (Spain) and "
                     "Mr. B. Elsewhere (Kenya)")]
    adopted = heading(tree(tmp_path, IPU, "adopted", "fr"))
    assert adopted[:3] == [("left.assembly", "143e Assemblée de l’UIP"), ("left.header", "Madrid (Espagne)"),
                           ("left.header", "26–30 novembre 2021")]
    assert ("subtitle", "Résolution adoptée à l’unanimité par la 143e Assemblée de l’UIP (Madrid, 30 novembre 2021)") \
        in adopted
    assert not any(style.startswith("right.") for style, _ in adopted)  # no symbol line once adopted


def test_running_heads_are_fields_with_a_different_first_page_and_even_pages(tmp_path):
    doc = tree(tmp_path, UN, "adopted", "en")
    assert doc.page is not None and doc.page.paper == "letter"
    assert [b.text for b in doc.page.region("page-footer")] == [f"19-17623\t\t{PAGE}/{NUMPAGES}"]
    assert [b.text for b in doc.page.region("even-header")] == ["A/C.3/74/L.11"]
    assert [b.text for b in doc.page.region("first-footer")] == ["19-17623 (E)"]
    parts = docx_parts(doc)
    document = parts["word/document.xml"].decode()
    section = re.search(r"<w:sectPr>.*</w:sectPr>", document).group()
    assert re.match(r'<w:sectPr>(<w:headerReference w:type="(default|even)" r:id="rIdP\d"/>){2}'
                    r'(<w:footerReference w:type="(default|even|first)" r:id="rIdP\d"/>){3}<w:pgSz w:w="12240" w:h="15840"/>',
                    section), section
    assert "<w:titlePg/>" in section
    assert "<w:evenAndOddHeaders/>" in parts["word/settings.xml"].decode()
    footer = parts["word/footer1.xml"].decode()
    assert '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t>/</w:t></w:r>' \
           '<w:fldSimple w:instr=" NUMPAGES ">' in footer
    assert 'Target="footer1.xml"' in parts["word/_rels/document.xml.rels"].decode()
    assert 'PartName="/word/footer1.xml"' in parts["[Content_Types].xml"].decode()
    # the masthead is one borderless two-column table
    assert document.count("<w:tbl>") == 1 and '<w:pStyle w:val="ResolutionSymbol"/>' in document
    ipu = tree(tmp_path / "ipu", IPU, "draft", "en")
    assert ipu.page.paper == "a4"
    ipu_section = re.search(r"<w:sectPr>.*</w:sectPr>", docx_parts(ipu)["word/document.xml"].decode()).group()
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in ipu_section and "<w:titlePg/>" in ipu_section


def test_a_project_template_names_its_own_styles_and_an_unknown_one_falls_back(tmp_path, runner):
    root = tmp_path / "own"
    write(root / "draftkit.yaml", "name: own\nlibraries: []\ntemplates: tpl\n")
    write(root / "drafts" / "draft-1.yaml", UN.replace("STAGE", "draft"))
    write(root / "tpl" / "un-general-assembly.en.j2",
          "header.symbol: {{ symbol }}\nheader.no-such-style: {{ session|ordinal_words|upper_first }} session\n"
          "title: {{ title }}\nauthoring: The General Assembly\nfirst-header:\n"
          "page-footer: {{ TAB }}- {{ PAGE }} -\n")
    _, draft = open_draft(root)
    from draftkit.build import render_tree
    from draftkit.loading import Project

    doc = render_tree(Project.open(root), draft, "en")
    document = docx_parts(doc)["word/document.xml"].decode()
    assert re.findall(r'<w:pStyle w:val="(\w+)"/>', document)[:3] == ["ResolutionSymbol", "ResolutionHeader",
                                                                       "ResolutionTitle"]
    assert "Seventy-fourth session" in document


def test_bad_template_line_names_the_grammar(tmp_path):
    root = tmp_path / "bad"
    write(root / "draftkit.yaml", "name: bad\nlibraries: []\ntemplates: tpl\n")
    write(root / "drafts" / "draft-1.yaml", UN.replace("STAGE", "draft"))
    write(root / "tpl" / "un-general-assembly.en.j2", "header.Bad Style: x\n")
    from draftkit.build import render_tree
    from draftkit.errors import InputError
    from draftkit.loading import Project

    with pytest.raises(InputError, match="not 'REGION: text' or 'REGION.style: text'"):
        render_tree(Project.open(root), open_draft(root)[1], "en")


def test_examples_adopted_un_text_ends_with_the_meeting_line():
    _, draft = open_draft(EXAMPLES / "un-ga-countering-online-abuse")
    doc = layout(draft, "en")
    assert [b.text for b in doc.blocks[-2:]] == ["50th plenary meeting", "18 December 2019"]
    assert doc.blocks[0].text == "United Nations" and doc.blocks[1].text == "A/RES/74/999"


SIX = """
version: 1
date: 2020-01-07
body: un-general-assembly
session: "74"
symbol: A/RES/74/999
languages: [en, fr, es, ru, zh, ar]
title: {en: T, fr: T, es: T, ru: T, zh: T, ar: T}
committee: {en: Third Committee, fr: Troisième Commission, es: Tercera Comisión, ru: Третий комитет, zh: 第三委员会,
            ar: اللجنة الثالثة}
stage: adopted
adoption: {date: 2019-12-18, resolution: 74/999, meeting: 50, report: A/74/400}
operative:
  - id: op-a
    text: {en: x, fr: x, es: x, ru: x, zh: x, ar: x}
"""


@pytest.mark.parametrize(("language", "origin", "meeting"), [
    ("en", "[on the report of the Third Committee (A/74/400)]", "50th plenary meeting"),
    ("fr", "[sur la base du rapport de la Troisième Commission (A/74/400)]", "50e séance plénière"),
    ("es", "[sobre la base del informe de la Tercera Comisión (A/74/400)]", "50.ª sesión plenaria"),
    # the genitive, from the language data: "по докладу Третьего комитета"; заседание is neuter
    ("ru", "[по докладу Третьего комитета (A/74/400)]", "50-е пленарное заседание"),
    ("zh", "[根据第三委员会的报告(A/74/400)通过]", "第50次全体会议"),
    ("ar", "[بناء على تقرير اللجنة الثالثة (A/74/400)]", "الجلسة العامة 50"),
])
def test_origin_and_meeting_lines_in_the_six_languages(tmp_path, language, origin, meeting):
    """The adopted resolution's origin and meeting lines as the issued texts word them (the
    project's notes on layouts, §1c): the committee declined where the language declines it."""
    lines = dict(heading(tree(tmp_path, SIX, "adopted", language)))
    assert (lines["origin"], lines["closing"]) == (origin, meeting)



def test_each_body_takes_its_house_styles(tmp_path, monkeypatch):
    """UN documents in the UN's house (body 10 pt on exactly 12 pt, the layout notes §1d),
    IPU documents in the default one (12 pt single); both files are what
    tools/make_reference_docx.py writes."""
    import importlib.util
    import sys
    import zipfile

    from conftest import REPO
    from draftkit.render.docx import builtin_reference

    def style(styles: str, name: str) -> str:
        return re.search(rf'<w:style [^>]*w:styleId="{name}".*?</w:style>', styles).group()

    un = docx_parts(tree(tmp_path / "un", UN, "draft", "en"))["word/styles.xml"].decode()
    ipu = docx_parts(tree(tmp_path / "ipu", IPU, "draft", "en"))["word/styles.xml"].decode()
    defaults = r'<w:rPrDefault><w:rPr>.*?<w:sz w:val="(\d+)"/>'
    assert (re.search(defaults, un).group(1), re.search(defaults, ipu).group(1)) == ("20", "24")
    for name in ("Authoring", "Preambular", "Operative", "Subparagraph"):
        assert '<w:spacing w:after="120" w:line="240" w:lineRule="exact"/>' in style(un, name)
        assert 'w:lineRule="exact"' not in style(ipu, name)
    assert '<w:sz w:val="28"/>' in style(un, "ResolutionOrgan")  # the organ name 14 pt bold [K]
    spec = importlib.util.spec_from_file_location("make_reference_docx", REPO / "tools" / "make_reference_docx.py")
    tool = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, tool)  # its dataclasses look their module up
    spec.loader.exec_module(tool)
    for house, body in ((tool.UN, "un-general-assembly"), (tool.IPU, "ipu-assembly")):
        with zipfile.ZipFile(builtin_reference(body)) as package:
            assert package.read("word/styles.xml").decode() == tool.styles_xml(house), f"run {tool.__file__}"
