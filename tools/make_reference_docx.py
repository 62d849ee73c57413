"""Generate the house styles draftkit renders with, one reference DOCX per body:
src/draftkit/data/reference.docx (the IPU Assembly, and any document without a body: the
compilation, redlines) and reference.un-general-assembly.docx (the UN General Assembly).

One paragraph style per block role (see draftkit.render.docx.ROLE_STYLES), plus the
footnote styles and the layouts' heading styles. A secretariat changes the look by editing
a copy of one of these files in Word (Modify Style) and naming it in draftkit.yaml as
`reference_docx:`; draftkit takes its styles, theme, fonts and page setup.
Run: python tools/make_reference_docx.py
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DATA = Path(__file__).resolve().parent.parent / "src" / "draftkit" / "data"

FONT = "Times New Roman"


@dataclass(frozen=True)
class House:
    """What differs between the bodies' houses: sizes in half-points, the text's leading in
    twips (0: single spacing of its font), the page in twips."""

    file: str
    body_size: int  # the text of the resolution, and every style that names no size
    leading: int  # the line pitch of the resolution's paragraphs, exactly; 0 for single spacing
    organ_size: int  # "General Assembly" in the masthead
    footnote_size: int
    page: tuple[int, int]  # width, height


#: IPU Assembly documents: Times New Roman 12 pt, single spacing, A4 (as before: the layout
#: notes give no IPU sizes).
IPU = House("reference.docx", body_size=24, leading=0, organ_size=40, footnote_size=20,
            page=(11906, 16838))
#: UN General Assembly documents: body Times New Roman 10 pt on 12 pt leading, organ name
#: 12–14 pt bold (the project's notes on layouts, §1d [K]); footnotes 9 pt [K]; US Letter.
UN = House("reference.un-general-assembly.docx", body_size=20, leading=240, organ_size=28,
           footnote_size=18, page=(12240, 15840))
HOUSES = (IPU, UN)


def paragraph_style(style_id: str, name: str, ppr: str = "", rpr: str = "", *, next_id: str = "") -> str:
    """A paragraph style based on Normal; `ppr`/`rpr` children already in schema order."""
    return (
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>'
        f'<w:basedOn w:val="Normal"/><w:next w:val="{next_id or style_id}"/><w:qFormat/>'
        + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "")
        + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "")
        + "</w:style>"
    )


def styles_xml(house: House = IPU) -> str:
    body_spacing = f'<w:spacing w:after="120"{leading(house)}/>'
    size = f'<w:sz w:val="{house.body_size}"/><w:szCs w:val="{house.body_size}"/>'
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W}">'
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
        f'{size}<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>'
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
        + paragraph_style("ResolutionHeader", "Resolution Header", '<w:spacing w:after="0"/>',
                          '<w:sz w:val="20"/><w:szCs w:val="20"/>')
        + paragraph_style("ResolutionTitle", "Resolution Title",
                          '<w:keepNext/><w:spacing w:before="480" w:after="240"/><w:jc w:val="center"/>',
                          '<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/>', next_id="ResolutionSubtitle")
        + paragraph_style("ResolutionSubtitle", "Resolution Subtitle",
                          '<w:keepNext/><w:spacing w:after="360"/><w:jc w:val="center"/>',
                          '<w:i/><w:iCs/>', next_id="Authoring")
        + paragraph_style("Authoring", "Authoring", f'<w:keepNext/>{body_spacing}<w:ind w:firstLine="567"/>',
                          next_id="Preambular")
        + paragraph_style("Preambular", "Preambular Paragraph",
                          f'{body_spacing}<w:ind w:firstLine="567"/><w:jc w:val="both"/>')
        + paragraph_style("Operative", "Operative Paragraph",
                          f'{body_spacing}<w:ind w:firstLine="567"/><w:jc w:val="both"/>')
        + paragraph_style("Subparagraph", "Operative Subparagraph",
                          f'{body_spacing}<w:ind w:left="1134" w:hanging="567"/><w:jc w:val="both"/>')
        + paragraph_style("ResolutionClosing", "Resolution Closing",
                          '<w:keepNext/><w:spacing w:before="360"/><w:jc w:val="right"/>')
        + paragraph_style("FootnoteText", "footnote text", '<w:spacing w:after="0"/><w:jc w:val="both"/>',
                          f'<w:sz w:val="{house.footnote_size}"/><w:szCs w:val="{house.footnote_size}"/>')
        + layout_styles(house)
        + '<w:style w:type="character" w:styleId="FootnoteReference"><w:name w:val="footnote reference"/>'
        '<w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
        '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>'
        "</w:styles>"
    )


def leading(house: House) -> str:
    """The `w:spacing` attributes of the body's leading: exact in the UN's house (the text's
    styles only: headings and notes keep single spacing in their own sizes), none where
    the body is single-spaced like everything else."""
    return f' w:line="{house.leading}" w:lineRule="exact"' if house.leading else ""


def layout_styles(house: House = IPU) -> str:
    """The styles the layouts' heading lines name (`header.symbol:` → ResolutionSymbol) and
    the running heads' Header / Footer: UN masthead and IPU two-column heading, after the
    issued documents (sizes [K], see the project's notes on layouts)."""
    small = '<w:sz w:val="20"/><w:szCs w:val="20"/>'
    tight = '<w:spacing w:after="0"/>'
    rule = '<w:pBdr><w:bottom w:val="single" w:sz="18" w:space="1" w:color="auto"/></w:pBdr>'
    return (
        paragraph_style("ResolutionMasthead", "Resolution Masthead", tight, '<w:sz w:val="28"/><w:szCs w:val="28"/>')
        + paragraph_style("ResolutionSymbol", "Resolution Symbol", f'{tight}<w:jc w:val="right"/>',
                          '<w:b/><w:bCs/><w:sz w:val="32"/><w:szCs w:val="32"/>')
        + paragraph_style("ResolutionOrgan", "Resolution Organ", '<w:spacing w:before="120" w:after="0"/>',
                          f'<w:b/><w:bCs/><w:sz w:val="{house.organ_size}"/><w:szCs w:val="{house.organ_size}"/>')
        + paragraph_style("ResolutionDistribution", "Resolution Distribution",
                          f'{tight}<w:ind w:left="2268"/>', '<w:sz w:val="18"/><w:szCs w:val="18"/>')
        + paragraph_style("ResolutionRule", "Resolution Rule", f'{rule}<w:spacing w:after="240"/>',
                          '<w:sz w:val="8"/><w:szCs w:val="8"/>')
        + paragraph_style("ResolutionSession", "Resolution Session", tight, small)
        + paragraph_style("ResolutionAgendaTitle", "Resolution Agenda Title",
                          '<w:spacing w:after="360"/><w:ind w:right="3969"/>', f"<w:b/><w:bCs/>{small}")
        + paragraph_style("ResolutionSponsors", "Resolution Sponsors",
                          '<w:keepNext/><w:spacing w:after="240"/><w:ind w:left="1247" w:right="1247"/>')
        + paragraph_style("ResolutionAdopted", "Resolution Adopted", '<w:keepNext/><w:spacing w:after="120"/>',
                          '<w:b/><w:bCs/><w:sz w:val="34"/><w:szCs w:val="34"/>')
        + paragraph_style("ResolutionOrigin", "Resolution Origin", '<w:keepNext/><w:spacing w:after="360"/>')
        + paragraph_style("ResolutionNumberTitle", "Resolution Number Title",
                          '<w:keepNext/><w:spacing w:before="120" w:after="240"/><w:ind w:left="1247" w:hanging="1247"/>',
                          '<w:b/><w:bCs/><w:sz w:val="28"/><w:szCs w:val="28"/>', next_id="Authoring")
        + paragraph_style("ResolutionMeeting", "Resolution Meeting", '<w:jc w:val="right"/>')
        + paragraph_style("ResolutionAssembly", "Resolution Assembly", tight, '<w:b/><w:bCs/>')
        + paragraph_style("ResolutionCommittee", "Resolution Committee", f'{tight}<w:jc w:val="right"/>',
                          f"<w:b/><w:bCs/>{small}")
        + paragraph_style("ResolutionRight", "Resolution Right", f'{tight}<w:jc w:val="right"/>', small)
        + paragraph_style("Header", "header", tight, '<w:sz w:val="18"/><w:szCs w:val="18"/>')
        + paragraph_style("Footer", "footer", tight, '<w:sz w:val="18"/><w:szCs w:val="18"/>')
        + paragraph_style("ResolutionJob", "Resolution Job Number", tight, '<w:sz w:val="16"/><w:szCs w:val="16"/>')
        + paragraph_style("ResolutionLegend", "Redline Legend",
                          '<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1" w:color="auto"/></w:pBdr>',
                          '<w:sz w:val="18"/><w:szCs w:val="18"/>')
    )


SAMPLES = [
    ("ResolutionHeader", "143rd IPU Assembly"),
    ("ResolutionTitle", "Title of the resolution"),
    ("ResolutionSubtitle", "Draft resolution submitted by the co-Rapporteurs"),
    ("Authoring", "The 143rd Assembly of the Inter-Parliamentary Union,"),
    ("Preambular", "Recalling the Convention on the Rights of the Child,"),
    ("Operative", "Urges parliaments to act;"),
    ("Subparagraph", "(a) a sub-paragraph;"),
    ("ResolutionClosing", "30 November 2021"),
    ("ResolutionMasthead", "United Nations"),
    ("ResolutionSymbol", "A/RES/74/999"),
    ("ResolutionOrgan", "General Assembly"),
    ("ResolutionDistribution", "Distr.: General"),
    ("ResolutionRule", ""),
    ("ResolutionSession", "Seventy-fourth session"),
    ("ResolutionAgendaTitle", "Crime prevention and criminal justice"),
    ("ResolutionSponsors", "Australia, Canada and Mexico: draft resolution"),
    ("ResolutionAdopted", "Resolution adopted by the General Assembly on 18 December 2019"),
    ("ResolutionOrigin", "[on the report of the Third Committee (A/74/999)]"),
    ("ResolutionNumberTitle", "74/999. Title of the resolution"),
    ("ResolutionMeeting", "18 December 2019"),
    ("ResolutionAssembly", "143rd IPU Assembly"),
    ("ResolutionCommittee", "Standing Committee on Democracy and Human Rights"),
    ("ResolutionRight", "C-III/143/DR"),
]

def section(house: House) -> str:
    width, height = house.page
    return (
        f'<w:sectPr><w:pgSz w:w="{width}" w:h="{height}"/>'
        '<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="709" w:footer="709" w:gutter="0"/>'
        "</w:sectPr>"
    )


def document_xml(house: House = IPU) -> str:
    paragraphs = "".join(
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>' for style, text in SAMPLES
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{paragraphs}{section(house)}</w:body></w:document>'
    )


CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)
DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" '
    'Target="settings.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" '
    'Target="fontTable.xml"/>'
    '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" '
    'Target="theme/theme1.xml"/></Relationships>'
)
FONT_TABLE = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{W}">'
    f'<w:font w:name="{FONT}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
    '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>'
)
SETTINGS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="{W}">'
    '<w:defaultTabStop w:val="567"/><w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
    'w:val="15"/></w:compat></w:settings>'
)


def theme_xml() -> bytes:
    """Office's default theme, taken from python-docx's template (styles name no theme fonts)."""
    import docx

    template = Path(docx.__file__).parent / "templates" / "default.docx"
    with zipfile.ZipFile(template) as archive:
        return archive.read("word/theme/theme1.xml")


def write(house: House) -> Path:
    parts = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": ROOT_RELS,
        "word/document.xml": document_xml(house),
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/styles.xml": styles_xml(house),
        "word/settings.xml": SETTINGS,
        "word/fontTable.xml": FONT_TABLE,
        "word/theme/theme1.xml": theme_xml(),
    }
    out = DATA / house.file
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text)
    return out


def main() -> None:
    for house in HOUSES:
        print(f"wrote {write(house)}")


if __name__ == "__main__":
    main()
