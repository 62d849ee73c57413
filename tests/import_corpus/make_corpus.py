"""Make the import corpus: resolutions laid out as the UN and the IPU issue them, written by
python-docx (with the XML Word would add: fields, footnotes, list numbering, a second
section, a logo image, running headers and footers, an annex with a table) and the same
files opened and saved again by LibreOffice. Run it by hand when the corpus must change:

    .venv/bin/python tests/import_corpus/make_corpus.py

It writes the .docx files beside it; tests/test_import_corpus.py reads them (no LibreOffice
needed at test time). The texts are illustrative, in the form of A/C.3/74/L.11 and of an
IPU Standing Committee draft.
"""

from __future__ import annotations

import struct
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

import docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

HERE = Path(__file__).resolve().parent
W = nsdecls("w")

UN_PREAMBLE = [
    ("Recalling", " its resolution 73/187 of 17 December 2018,", "A/RES/73/187."),
    ("Noting with concern", " the increasing use of information technologies for criminal purposes,", None),
    ("Recognizing", " the need to enhance coordination and cooperation among States in combating the criminal "
                    "misuse of information technologies,", None),
]
UN_OPERATIVE = [
    ("Takes note", " of the report of the Secretary-General;", ()),
    ("Decides", " to establish an open-ended ad hoc intergovernmental committee of experts:",
     ("to elaborate a comprehensive international convention;", "to convene a session in August 2020;")),
    ("Requests", " the Secretary-General to report on the implementation of paragraph {REF} above;", ()),
    ("Decides", " to include in the provisional agenda of its seventy-fifth session the item entitled "
                "\u201cCountering the use of information and communications technologies for criminal purposes\u201d.",
     ()),
]


def png(width: int = 24, height: int = 8) -> bytes:
    """A small black-and-white PNG (a stand-in for the emblem or the barcode)."""
    rows = b"".join(b"\x00" + bytes((255 if (x // 2 + y) % 2 else 0) for x in range(width)) for y in range(height))
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _field(paragraph, instruction: str, shown: str) -> None:
    """A complex field (begin, instruction, separate, result, end) at the end of `paragraph`."""
    for xml in (f'<w:r {W}><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {W}><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
                f'<w:r {W}><w:fldChar w:fldCharType="separate"/></w:r>',
                f'<w:r {W}><w:t xml:space="preserve">{shown}</w:t></w:r>',
                f'<w:r {W}><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml))


def _numbering(document) -> tuple[int, int]:
    """Word list numbering for the operative part (1. / (a)) and the preamble's typed-free list; returns numIds."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {W} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1267" w:hanging="0"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1742" w:hanging="475"/></w:pPr></w:lvl></w:abstractNum>')
    numbering.insert(0, abstract)
    numbering.append(parse_xml(f'<w:num {W} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    return 90, 90


def _numbered(paragraph, num_id: int, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _opening(document, opening: str, rest: str, style: str | None = None):
    paragraph = document.add_paragraph(style=style)
    paragraph.add_run(opening).italic = True
    paragraph.add_run(rest)
    paragraph.paragraph_format.first_line_indent = docx.shared.Cm(1.25)
    return paragraph


def _header_rows(table, count: int) -> None:
    for row in table.rows[:count]:
        row._tr.get_or_add_trPr().append(parse_xml(f"<w:tblHeader {W}/>"))


def un_draft(path: Path, logo: Path) -> Path:
    """A UN L document: masthead table, distribution block, session, committee, agenda item,
    sponsors, title, authoring line, preamble with a footnote, numbered operative paragraphs
    with (a)/(b), a REF field; different first page, running header with the symbol, footer
    with PAGE/NUMPAGES fields and the job number, a logo image; an annex in a section of its
    own holding a table with a heading row."""
    document = docx.Document()
    num_id, _ = _numbering(document)
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.header.paragraphs[0].text = "A/C.3/74/L.11"
    footer = section.footer.paragraphs[0]
    footer.add_run("19-17623\t")
    _field(footer, "PAGE", "2")
    footer.add_run("/")
    _field(footer, "NUMPAGES", "3")
    first = section.first_page_footer.paragraphs[0]
    first.add_run("19-17623 (E)    151019    ")
    first.add_run().add_picture(str(logo))
    masthead = document.add_table(rows=1, cols=2)
    masthead.cell(0, 0).paragraphs[0].add_run().add_picture(str(logo))
    masthead.cell(0, 0).add_paragraph("United Nations")
    masthead.cell(0, 1).paragraphs[0].text = "A/C.3/74/L.11"
    for line in ("General Assembly", "Distr.: Limited", "11 October 2019", "Original: English",
                 "Seventy-fourth session", "Third Committee", "Agenda item 107",
                 "Countering the use of information and communications technologies for criminal purposes",
                 "Belarus, Cambodia, China, Nicaragua, Russian Federation and Venezuela (Bolivarian Republic of): "
                 "draft resolution"):
        document.add_paragraph(line)
    title = document.add_paragraph(style="Title")
    title.add_run("Countering the use of information and communications technologies for criminal purposes")
    document.add_paragraph("The General Assembly,")
    for opening, rest, note in UN_PREAMBLE:
        paragraph = _opening(document, opening, rest)
        if note:
            paragraph.add_run("[FN1]")
    for index, (opening, rest, subs) in enumerate(UN_OPERATIVE):
        if "{REF}" in rest:
            before, after = rest.split("{REF}")
            paragraph = _opening(document, opening, before)
            _field(paragraph, "REF _Ref21990001 \\r \\h", "2")
            paragraph.add_run(after)
        else:
            paragraph = _opening(document, opening, rest)
        if index == 1:  # the target of the REF field: Word's hidden _Ref bookmark
            paragraph._p.insert(1, parse_xml(f'<w:bookmarkStart {W} w:id="21" w:name="_Ref21990001"/>'))
            paragraph._p.append(parse_xml(f'<w:bookmarkEnd {W} w:id="21"/>'))
        _numbered(paragraph, num_id, 0)
        for sub in subs:
            _numbered(document.add_paragraph(sub), num_id, 1)
    document.add_section(WD_SECTION.NEW_PAGE)
    heading = document.add_paragraph("Annex")
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("Members of the open-ended ad hoc intergovernmental committee of experts")
    table = document.add_table(rows=3, cols=2)
    for row, cells in zip(table.rows, (("Region", "Seats"), ("African States", "12"), ("Asia-Pacific States", "11"))):
        for cell, text in zip(row.cells, cells):
            cell.text = text
    _header_rows(table, 1)
    document.save(str(path))
    return _with_footnote(path, "[FN1]", "A/RES/73/187.")


def ipu_draft(path: Path, logo: Path) -> Path:
    """An IPU Standing Committee draft: two-column heading table (logo, Assembly, place and
    dates left; committee, symbol and date right), title, subtitle naming the co-Rapporteurs,
    authoring line, preambular paragraphs numbered '(1)', operative ones typed '1.', and a
    running header '- 2 -' with a PAGE field."""
    document = docx.Document()
    header = document.sections[0].header.paragraphs[0]
    header.add_run("C-III/143/DR    - ")
    _field(header, "PAGE", "2")
    header.add_run(" -")
    table = document.add_table(rows=1, cols=2)
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.paragraphs[0].add_run().add_picture(str(logo))
    for line in ("143rd IPU Assembly", "Madrid, Spain", "26\u201330 November 2021"):
        left.add_paragraph(line)
    right.paragraphs[0].text = "Standing Committee on Democracy and Human Rights"
    for line in ("C-III/143/DR", "10 June 2021"):
        right.add_paragraph(line)
    document.add_paragraph("Legislation worldwide to combat online child sexual exploitation and abuse",
                           style="Title")
    document.add_paragraph("Draft resolution submitted by the co-Rapporteurs Ms. A. Rapporteur (Country) and "
                           "Mr. B. Rapporteur (Country)")
    document.add_paragraph("The 143rd Assembly of the Inter-Parliamentary Union,")
    for number, (opening, rest) in enumerate((
            ("Condemning", " in the strongest terms all forms of sexual exploitation and abuse of children,"),
            ("Recalling", " the Convention on the Rights of the Child,"),
            ("Deeply concerned", " that the COVID-19 pandemic has heightened the online risks faced by children,")),
            start=1):
        paragraph = document.add_paragraph(f"({number})\t")
        paragraph.add_run(opening).italic = True
        paragraph.add_run(rest)
    for number, (opening, rest) in enumerate((
            ("Urges", " parliaments to ensure that national legislation criminalizes all forms of online child "
                      "sexual exploitation;"),
            ("Calls upon", " parliaments to adopt legislation requiring online service providers to report child "
                           "sexual abuse material;"),
            ("Decides", " to review progress at a future Assembly.")), start=1):
        paragraph = document.add_paragraph(f"{number}.\t")
        paragraph.add_run(opening).italic = True
        paragraph.add_run(rest)
    document.save(str(path))
    return path


def _with_footnote(path: Path, marker: str, note: str) -> Path:
    """Turn `marker` in the body into a real footnote reference (python-docx has no footnotes)."""
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    document = parts["word/document.xml"].decode("utf-8")
    call = ('</w:t></w:r><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            '<w:footnoteReference w:id="1"/></w:r><w:r><w:t xml:space="preserve">')
    parts["word/document.xml"] = document.replace(marker, call, 1).encode("utf-8")
    parts["word/footnotes.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {W}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {note}</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>").encode("utf-8")
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    parts["word/_rels/document.xml.rels"] = rels.replace("</Relationships>", (
        '<Relationship Id="rIdFootnotes" Target="footnotes.xml" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/footnotes"/></Relationships>')).encode("utf-8")
    types = parts["[Content_Types].xml"].decode("utf-8")
    parts["[Content_Types].xml"] = types.replace("</Types>", (
        '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'wordprocessingml.footnotes+xml"/></Types>')).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return path


def main() -> None:
    sys.path.insert(0, str(HERE))
    from lo_delegate import lo_edit

    with tempfile.TemporaryDirectory() as folder:
        logo = Path(folder) / "logo.png"
        logo.write_bytes(png())
        made = [un_draft(HERE / "un-draft.python-docx.docx", logo), ipu_draft(HERE / "ipu-draft.python-docx.docx", logo)]
    lo_edit([{"docx": path, "out": path.with_name(path.name.replace("python-docx", "libreoffice")), "ops": []}
             for path in made])
    for path in sorted(HERE.glob("*.docx")):
        print(f"{path.name}: {path.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
