"""Make the DOCX-diff corpus: pairs of (OLD, NEW) documents written the way real ones are —
by LibreOffice through UNO (sections, first-page headers, PAGE/DATE/SEQ/REF fields,
bookmarks, tables with rows added and removed, images, text boxes, hyperlinks, footnotes,
endnotes, tracked changes), by pandoc (equations, tables, images) and by python-docx —
plus pairs given Word's own markup (rsids, runs split inside words, proofing marks,
`_GoBack`, complex and simple fields, LISTNUM, content controls, smart tags, Strict
OOXML, no date).

    .venv/bin/python tests/corpus/make_corpus.py      # rewrites tests/corpus/pairs/

Each pair is NAME.old.docx and NAME.new.docx; pairs.json says what each exercises. The
files are committed (small); this script is how they were made (LibreOffice 7.4, pandoc
2.17). OLD and NEW of a LibreOffice pair come from one base with the same steps, NEW with
its edits on top, so they differ only by those edits (as a delegation's copy does).
"""

from __future__ import annotations

import copy
import json
import os
import random
import re
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from pathlib import Path

from lxml import etree

HERE = Path(__file__).resolve().parent
PAIRS = HERE / "pairs"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


RESOLUTION = """\
---
title: Countering online child sexual exploitation and abuse
---

The General Assembly,

*Recalling* its resolution 74/174 of 18 December 2019 and all other relevant resolutions,[^1]

*Deeply concerned* by the growth of online child sexual exploitation during the COVID-19 pandemic,

*Noting with appreciation* the work of the [United Nations Office on Drugs and Crime](https://www.unodc.org) and of national hotlines,

*Recalling also* the outcome of the 143^rd^ IPU Assembly,

1. *Urges* all States to criminalize every form of online child sexual exploitation and abuse;

2. *Calls upon* parliaments to strengthen international cooperation, including through mutual legal assistance;

3. *Encourages* Member States to support survivors through accessible and child-friendly services;

4. *Requests* the Secretary-General to report to the General Assembly at its seventy-eighth session on the implementation of the present resolution;

5. *Decides* to remain seized of the matter.

![Emblem](emblem.png)

Annex

| Country | Contributions | Hotlines |
|---------|---------------|----------|
| Norway  | 12            | 3        |
| Chile   | 7             | 1        |
| Kenya   | 4             | 2        |

[^1]: See A/RES/74/174 and A/RES/75/185.
"""

EQUATIONS = """\
The Assembly notes that the share of reports answered within a day is $s = \\frac{a}{n}$, where $n$ is the number of reports.

It requests that the indicator $r^2 + q^2 \\le 1$ be published each year.

The Assembly decides to remain seized of the matter.
"""


def png(rgb: tuple[int, int, int], size: int = 4) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


# --- LibreOffice recipes: (name, what it exercises, steps of both, NEW's edits) -------------

# Steps shared by OLD and NEW of most pairs: a real resolution layout.
LAYOUT = [
    ["header", "Standard", "A/76/L.5", "United Nations A/76/L.5"],
    ["footer_page", "Standard", "- ", " -"],
    ["section", "Annex", "Annex", True],
    ["header", "Annex", "A/76/L.5 Annex"],
]

RECIPES = [
    ("sections", "section break in the body, first-page header, PAGE footer, a second section's header; "
                 "words, a paragraph and a header edited", LAYOUT,
     [["replace", "every form", "all forms"],
      ["paragraph_after", "Encourages Member States", "Also encourages parliaments to hold hearings;"],
      ["header", "Standard", "A/76/L.5/Rev.1", "United Nations A/76/L.5/Rev.1"],
      ["replace", "Hotlines", "Helplines"]]),
    ("tables", "a table with a row inserted, a row deleted and cells edited; a table inserted whole and one "
               "deleted whole", [*LAYOUT, ["table", "Decides to remain", "Region|Members", "Africa|54", "Europe|44"]],
     [["table_insert_row", "Country", "3", "Peru", "3", "1"], ["table_delete_row", "Country", "2"],
      ["table_cell", "Country", "B2", "14"], ["table_delete", "Region"],
      ["table", "Deeply concerned", "Year|Reports", "2020|21,000", "2021|29,000"]]),
    ("images", "an image replaced (its own paragraph), an image deleted from a sentence, an image inserted "
               "inside a sentence; a text box kept and one edited",
     [*LAYOUT, ["image", "Decides to remain seized of the matter.", "seal.png"],
      ["frame", "Urges all States", "Box kept"], ["frame", "Requests the Secretary", "Box to edit"]],
     [["image_replace", "0", "emblem-new.png"], ["image_delete", "1"],
      ["image", "national hotlines", "flag.png", 400], ["frame_text", "1", "Box edited"]]),
    ("objects", "an embedded chart (its own part and workbook) deleted with its paragraph, one kept",
     [*LAYOUT, ["chart", "child-friendly services;"], ["chart", "mutual legal assistance;"]],
     [["delete_paragraph", "Encourages Member States"], ["replace", "seventy-eighth", "seventy-ninth"]]),
    ("links", "a hyperlink whose words change, a hyperlink removed from its words, a hyperlink added",
     [*LAYOUT, ["link", "mutual legal assistance", "https://www.unodc.org/mla"]],
     [["replace", "United Nations Office on Drugs", "UN Office on Drugs"], ["link", "mutual legal assistance", ""],
      ["link", "child-friendly services", "https://www.unicef.org"]]),
    ("notes", "footnotes and endnotes: one edited, one deleted with its call, one added; an endnote edited",
     [*LAYOUT, ["footnote", "pandemic", "WHO, Global status report, 2021."],
      ["endnote", "national hotlines", "INHOPE annual report."], ["endnote", "matter", "Adopted without a vote."]],
     [["note_text", "footnote", "0", "75/185", "75/185 and 76/1"], ["note_delete", "footnote", "1"],
      ["footnote", "mutual legal assistance", "Including the 2000 Protocol."],
      ["note_text", "endnote", "0", "annual report", "annual report 2022"], ["note_delete", "endnote", "1"]]),
    ("fields", "DATE, SEQ, REF to a bookmark and author fields kept; a field deleted with its words; a field "
               "inserted; words edited around fields",
     [*LAYOUT, ["bookmark", "resolution 74/174", "res74174"], ["field", "General Assembly,", "date"],
      ["field", "Annex", "seq", "Table"], ["field", "other relevant resolutions", "ref", "res74174"],
      ["field", "seventy-eighth session", "author", "Secretariat"]],
     [["replace", "other relevant", "relevant"], ["delete_span", "seventy-eighth", "on the implementation"],
      ["field", "accessible", "date", "fixed"], ["replace", "Decides to", "Decides to remain actively"]]),
    ("formatting", "italic removed and added, a superscript removed, bold added, a paragraph style changed, "
                   "numbering added to a paragraph, a bullet list turned into numbers",
     [*LAYOUT, ["paragraph_after", "Noting with appreciation", "Bearing in mind the following:"],
      ["paragraph_after", "Bearing in mind", "the Convention on the Rights of the Child;"],
      ["paragraph_after", "the Convention on the Rights", "the Optional Protocol;"],
      ["numbering", "the Convention on the Rights", "List 1"], ["numbering", "the Optional Protocol", "List 1"]],
     [["italic", "Deeply concerned", False], ["italic", "national hotlines", True], ["superscript", "rd IPU", False],
      ["bold", "every form", True], ["style", "Annex", "Heading 2"], ["numbering", "The General Assembly,", "Numbering 123"],
      ["numbering", "the Convention on the Rights", "Numbering 123"], ["numbering", "the Optional Protocol", "Numbering 123"]]),
    ("moves", "a paragraph moved, a paragraph moved and edited",
     LAYOUT,
     [["move_paragraph", "Decides to remain", "Requests the Secretary-General"],
      ["replace", "Encourages Member States", "Strongly encourages Member States"],
      ["move_paragraph", "Strongly encourages", "Urges all States"]]),
    ("tracked", "NEW already holds tracked changes (words, a joined paragraph, a deleted and an added "
                "paragraph): compared as accepted",
     LAYOUT,
     [["author", "Kenya Delegation"], ["record", True], ["replace", "every form", "all forms"],
      ["join_next", "child-friendly services;"], ["delete_paragraph", "Decides to remain"],
      ["paragraph_after", "mutual legal assistance", "Invites regional organizations to act;"]]),
]


def lo_recipes(folder: Path) -> tuple[list[dict], dict[str, str]]:
    recipes, about = [], {}
    base = folder / "resolution.docx"
    for name, what, steps, edits in RECIPES:
        recipes.append({"source": str(base), "out": str(PAIRS / f"lo-{name}.old.docx"), "ops": steps})
        recipes.append({"source": str(base), "out": str(PAIRS / f"lo-{name}.new.docx"), "ops": steps + edits})
        about[f"lo-{name}"] = what
    return recipes, about


# --- Word's own markup, given to a LibreOffice pair -----------------------------------------


def word_markup(path: Path, seed: int, *, go_back: str | None = None) -> None:
    """Rewrite `path` with the markup Word saves: rsid attributes, runs split inside words
    (each piece with its own rsid), proofing marks around some words, `_GoBack` inside a
    word, a last-rendered page break. Text and formatting stay the same."""
    rng = random.Random(seed)
    parts = _read(path)
    root = etree.fromstring(parts["word/document.xml"])
    rsids = [f"00{rng.randrange(16**6):06X}" for _ in range(6)]
    for p in root.iter(w("p")):
        p.set(w("rsidR"), rng.choice(rsids))
        p.set(w("rsidRDefault"), rsids[0])
        for run in [r for r in p if r.tag == w("r")]:
            run.set(w("rsidR"), rng.choice(rsids))
            texts = run.findall(w("t"))
            if len(texts) != 1 or len(texts[0].text or "") < 8 or rng.random() < 0.4:
                continue
            text = texts[0].text
            cut = rng.randrange(2, len(text) - 2)
            second = copy.deepcopy(run)
            second.set(w("rsidR"), rng.choice(rsids))
            _set_text(texts[0], text[:cut])
            _set_text(second.find(w("t")), text[cut:])
            run.addnext(second)
            if rng.random() < 0.3:
                run.addnext(etree.Element(w("proofErr"), {w("type"): "spellEnd"}))
                run.addprevious(etree.Element(w("proofErr"), {w("type"): "spellStart"}))
    if go_back:
        _bookmark_inside(root, go_back, "_GoBack")
    first = next(root.iter(w("r")))
    etree.SubElement(first, w("lastRenderedPageBreak"))
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    _write(path, parts)


def _set_text(element: etree._Element, text: str) -> None:
    element.text = text
    if text != text.strip():
        element.set(XML_SPACE, "preserve")


def _bookmark_inside(root: etree._Element, word: str, name: str) -> None:
    """Split the run holding `word` in the middle of the word and put a bookmark there."""
    for t in root.iter(w("t")):
        text = t.text or ""
        at = text.find(word)
        if at < 0:
            continue
        cut = at + len(word) // 2
        run = t.getparent()
        second = copy.deepcopy(run)
        _set_text(t, text[:cut])
        _set_text(second.find(w("t")), text[cut:])
        run.addnext(second)
        start = etree.Element(w("bookmarkStart"), {w("id"): "900", w("name"): name})
        run.addnext(start)
        start.addnext(etree.Element(w("bookmarkEnd"), {w("id"): "900"}))
        return
    raise SystemExit(f"no {word!r} for the bookmark")


# --- hand-made Word constructs: fields, content controls ------------------------------------


def _run(text: str = "", **kw) -> str:
    props = "<w:rPr><w:i/></w:rPr>" if kw.get("italic") else ""
    return f'<w:r w:rsidR="00A1B2C3">{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _complex(instruction: str, result: str) -> str:
    """A complex field as Word writes it: begin, instruction (split in two pieces), separate, result, end."""
    half = len(instruction) // 2
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {instruction[:half]}</w:instrText></w:r>'
            f'<w:r><w:instrText xml:space="preserve">{instruction[half:]} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r><w:t>{result}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>')


def word_fields_body(new: bool) -> str:
    listnum = '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> LISTNUM LegalDefault \\l 1 </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    paragraphs = [
        _run("Adopted on ") + _complex('DATE \\@ "d MMMM yyyy"', "4 December 2021") + _run("."),
        listnum + _run(" The Assembly " + ("strongly urges" if new else "urges") + " all States to act;"),
        listnum + _run(" The Assembly calls upon parliaments to legislate;") if not new else None,
        listnum + _run(" The Assembly invites regional organizations to act, ")
        + '<w:bookmarkStart w:id="10" w:name="_Ref12345"/>' + _run("see table ")
        + _complex("SEQ Table \\* ARABIC", "1") + '<w:bookmarkEnd w:id="10"/>' + _run("."),
        _run("As set out in ") + _complex("REF _Ref12345 \\h", "see table 1") + _run(" above, the figures "
                                                                                     + ("were updated" if new else "stand") + "."),
        _run("Page ") + '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
        + _run(" of ") + '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>1</w:t></w:r></w:fldSimple>' + _run("."),
        (_run("Report due on ") + _complex('DATE \\@ "yyyy"', "2021") + _run(" by the Secretariat.")) if new else None,
        _run("The Assembly ") + _complex('IF 1 = 1 "' + ("decides" if new else "resolves") + '" "x"',
                                         "decides" if new else "resolves") + _run(" to remain seized of the matter."),
    ]
    return "".join(f'<w:p w:rsidR="00A1B2C3"><w:pPr><w:pStyle w:val="Normal"/></w:pPr>{p}</w:p>'
                   for p in paragraphs if p is not None)


def word_sdt_body(new: bool) -> str:
    prop = '<w:sdtPr><w:alias w:val="Sponsors"/><w:tag w:val="sponsors"/><w:id w:val="-1186017"/></w:sdtPr>'
    inline = ('<w:sdt><w:sdtPr><w:alias w:val="Symbol"/><w:id w:val="4242"/><w:text/></w:sdtPr><w:sdtContent>'
              + _run("A/76/L.5" + ("/Rev.1" if new else "")) + "</w:sdtContent></w:sdt>")
    smart = ('<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="place">'
             + _run("Geneva") + "</w:smartTag>")
    return (f'<w:p><w:r><w:t xml:space="preserve">Document </w:t></w:r>{inline}<w:r><w:t>.</w:t></w:r></w:p>'
            f'<w:sdt>{prop}<w:sdtContent>'
            f'<w:p><w:r><w:t>Sponsored by Norway, Chile{" and Kenya" if new else ""}.</w:t></w:r></w:p>'
            '<w:p><w:r><w:t>Co-sponsored by Peru.</w:t></w:r></w:p></w:sdtContent></w:sdt>'
            f'<w:p><w:r><w:t xml:space="preserve">Meeting held in </w:t></w:r>{smart}'
            f'<w:r><w:t xml:space="preserve"> {"in December" if new else "in November"}.</w:t></w:r></w:p>'
            '<w:customXml w:uri="urn:un" w:element="operative"><w:p><w:r><w:t>'
            + ("Decides to remain actively seized." if new else "Decides to remain seized.")
            + "</w:t></w:r></w:p></w:customXml>")


def word_annex_body(new: bool) -> str:
    """An annex as Word ends a document: its heading, a table, Word's empty last paragraph;
    NEW adds a heading right above the second table."""
    def cell(text: str) -> str:
        return f'<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr><w:p>{_run(text)}</w:p></w:tc>'

    def table(rows: list[tuple[str, str]]) -> str:
        return ('<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
                '<w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>'
                + "".join(f"<w:tr>{cell(a)}{cell(b)}</w:tr>" for a, b in rows) + "</w:tbl>")

    heading = '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
    return (f"<w:p>{_run('The Assembly decides to remain seized of the matter.')}</w:p>"
            f"<w:p>{heading}{_run('Contributions received by 14 June 2021' if new else 'Annex')}</w:p>"
            + table([("Country", "Contributions"),
                     ("Norway (Storting, written contribution)", "twelve in all" if new else "12"), ("Chile", "7")])
            + f"<w:p>{_run('Sources of the figures below:' if new else 'Source of the figures below:')}</w:p>"
            + (f"<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/></w:pPr>{_run('Survey figures')}</w:p>" if new else "")
            + table([("Survey of national helplines, 2021", "Hotlines" if new else "Helplines")]) + "<w:p/>")


_XLSX = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.'
    'openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
    'formats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
    'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.'
    'main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.'
    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.'
    'org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.'
    'openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="Figures" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns='
    '"http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '</Relationships>',
}


def xlsx(value: int) -> bytes:
    """A one-cell workbook, as Word embeds a spreadsheet (an OLE object)."""
    import io

    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.'
             f'org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1"><v>{value}</v></c></row></sheetData>'
             '</worksheet>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in {**_XLSX, "xl/worksheets/sheet1.xml": sheet}.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2021, 12, 4, 0, 0, 0)), text)
    return buffer.getvalue()


def _ole(number: int) -> str:
    """Word's embedded spreadsheet: a VML picture of it and the OLE object (relationship ids
    rIdImage<n> and rIdOle<n>)."""
    return ('<w:r><w:object w:dxaOrig="2880" w:dyaOrig="720">'
            f'<v:shape id="_x0000_i10{number:02}" type="#_x0000_t75" style="width:144pt;height:36pt" o:ole="">'
            f'<v:imagedata r:id="rIdImage{number}" o:title=""/></v:shape>'
            f'<o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="_x0000_i10{number:02}" DrawAspect="Content" '
            f'ObjectID="_17000000{number:02}" r:id="rIdOle{number}"/></w:object></w:r>')


def word_ole(template: Path, target: Path, new: bool) -> None:
    """Embedded spreadsheets as Word writes them: one kept, one deleted from its sentence
    (OLD), one inserted in another (NEW); NEW's workbook has the name OLD's deleted one has."""
    objects = {1: 12, 2: 7} if not new else {2: 7, 3: 14}  # number -> the value in its workbook
    body = (f"<w:p>{_run('The Assembly takes note of the figures' + ('' if new else ' below'))}"
            f"{_ole(1) if 1 in objects else ''}{_run(':')}</w:p>"
            f"<w:p>{_run('Contributions received: ')}{_ole(2)}</w:p>"
            f"<w:p>{_run('Hotlines reported: ')}{_ole(3) if 3 in objects else ''}{_run('(see annex).')}</w:p>")
    with_body(template, target, body)
    parts = _read(target)
    xml = parts["word/document.xml"].decode("utf-8")
    xml = xml.replace("<w:document ", '<w:document xmlns:v="urn:schemas-microsoft-com:vml" '
                      'xmlns:o="urn:schemas-microsoft-com:office:office" ', 1) if "xmlns:v=" not in xml else xml
    parts["word/document.xml"] = xml.encode("utf-8")
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8")
    for k, (number, value) in enumerate(sorted(objects.items()), start=1):
        parts[f"word/media/image{k}.png"] = png((40 * number, 90, 160), 8)
        parts[f"word/embeddings/Microsoft_Excel_Worksheet{k}.xlsx"] = xlsx(value)
        rels = rels.replace("</Relationships>", (
            f'<Relationship Id="rIdImage{number}" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'relationships/image" Target="media/image{k}.png"/><Relationship Id="rIdOle{number}" Type="http://'
            'schemas.openxmlformats.org/officeDocument/2006/relationships/package" '
            f'Target="embeddings/Microsoft_Excel_Worksheet{k}.xlsx"/></Relationships>'))
    parts["word/_rels/document.xml.rels"] = rels.encode("utf-8")
    types = parts["[Content_Types].xml"].decode("utf-8")
    for extension, kind in (("png", "image/png"),
                            ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")):
        if f'Extension="{extension}"' not in types:
            types = types.replace("<Default ", f'<Default Extension="{extension}" ContentType="{kind}"/><Default ', 1)
    parts["[Content_Types].xml"] = types.encode("utf-8")
    _write(target, parts)


def with_body(template: Path, target: Path, body: str, *, core: bytes | None = None) -> None:
    """A copy of `template` (a python-docx document) whose body is `body`."""
    parts = _read(template)
    document = parts["word/document.xml"].decode("utf-8")
    document = re.sub(r"(<w:body>).*?(<w:sectPr)", lambda m: m.group(1) + body + m.group(2), document,
                      count=1, flags=re.DOTALL)
    parts["word/document.xml"] = document.encode("utf-8")
    if core is not None:
        parts["docProps/core.xml"] = core
    _write(target, parts)


def _lean(path: Path) -> None:
    """python-docx's template without its thumbnail and its Word 2010 `stylesWithEffects`
    part (which disagrees with styles.xml: a finding of every schema check)."""
    parts = _read(path)
    for name in ("docProps/thumbnail.jpeg", "word/stylesWithEffects.xml"):
        parts.pop(name, None)
    for name in ("[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels"):
        text = parts[name].decode("utf-8")
        text = re.sub(r'<(?:Override|Relationship)\b[^>]*(?:thumbnail|stylesWithEffects)[^>]*/>', "", text)
        parts[name] = text.encode("utf-8")
    _write(path, parts)


NO_DATE_CORE = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties '
                b'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
                b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>No date</dc:title></cp:coreProperties>')


def _read(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist()}


def _write(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2021, 12, 4, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)


def strict_copy(source: Path, target: Path) -> None:
    sys.path.insert(0, str(HERE.parent.parent / "src"))
    from draftkit.docxread.strict import strict

    parts = {n: strict(d) if n.endswith((".xml", ".rels")) else d for n, d in _read(source).items()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"<w:document ",
                                                                    b'<w:document w:conformance="strict" ', 1)
    _write(target, parts)


def main() -> None:
    PAIRS.mkdir(exist_ok=True)
    for old in PAIRS.glob("*.docx"):
        old.unlink()
    about: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="corpus-") as tmp:
        folder = Path(tmp)
        for name, rgb in (("emblem", (0, 90, 160)), ("emblem-new", (0, 120, 60)), ("seal", (160, 30, 0)),
                          ("flag", (200, 200, 0))):
            (folder / f"{name}.png").write_bytes(png(rgb))
        (folder / "resolution.md").write_text(RESOLUTION, encoding="utf-8")
        subprocess.run(["pandoc", "resolution.md", "-o", "resolution.docx"], cwd=folder, check=True)
        # pandoc: equations (LibreOffice without its Math module drops them)
        (folder / "eq-old.md").write_text(EQUATIONS, encoding="utf-8")
        (folder / "eq-new.md").write_text(
            EQUATIONS.replace("\\frac{a}{n}", "\\frac{a}{m}").replace("It requests that the indicator $r^2 + q^2 "
                                                                      "\\le 1$ be published each year.\n",
                                                                      "It requests yearly publication.\n")
            .replace("decides to remain", "decides, with $k = 2$, to remain"), encoding="utf-8")
        for side in ("old", "new"):
            subprocess.run(["pandoc", f"eq-{side}.md", "-o", str(PAIRS / f"pandoc-equations.{side}.docx")],
                           cwd=folder, check=True)
        about["pandoc-equations"] = "OMML equations: one changed, one deleted with its sentence, one inserted"
        for side, text in (("old", RESOLUTION), ("new", RESOLUTION.replace("| Chile   | 7 ", "| Chile   | 9 ")
                                                 .replace("every form", "all forms").replace(
                                                     "![Emblem](emblem.png)\n\n", ""))):
            (folder / f"rich-{side}.md").write_text(text, encoding="utf-8")
            subprocess.run(["pandoc", f"rich-{side}.md", "-o", str(PAIRS / f"pandoc-rich.{side}.docx")],
                           cwd=folder, check=True)
        about["pandoc-rich"] = "pandoc's table, image, footnote and hyperlink: a cell edited, the image removed"
        # LibreOffice through UNO
        recipes, lo_about = lo_recipes(folder)
        about.update(lo_about)
        (folder / "recipes.json").write_text(json.dumps(recipes), encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        subprocess.run(["/usr/bin/python3", str(HERE / "lo_edit.py"), str(folder / "recipes.json")], cwd=folder,
                       check=True, env=env, timeout=600)
        # Word's markup on LibreOffice pairs
        for side, seed in (("old", 1), ("new", 2)):
            target = PAIRS / f"word-markup.{side}.docx"
            target.write_bytes((PAIRS / f"lo-sections.{side}.docx").read_bytes())
            word_markup(target, seed, go_back="cooperation" if side == "new" else None)
        about["word-markup"] = ("Word's rsids, runs split inside words (differently in OLD and NEW), proofing marks, "
                                "_GoBack inside a word, a last rendered page break; the sections pair's edits")
        import docx  # python-docx: Word's own default template

        template = folder / "template.docx"
        docx.Document().save(template)
        _lean(template)
        for side in ("old", "new"):
            with_body(template, PAIRS / f"word-fields.{side}.docx", word_fields_body(side == "new"))
            with_body(template, PAIRS / f"word-sdt.{side}.docx", word_sdt_body(side == "new"))
            with_body(template, PAIRS / f"nodate.{side}.docx", word_sdt_body(side == "new"), core=NO_DATE_CORE)
            strict_copy(PAIRS / f"lo-tables.{side}.docx", PAIRS / f"strict-tables.{side}.docx")
            with_body(template, PAIRS / f"word-annex.{side}.docx", word_annex_body(side == "new"))
            word_ole(template, PAIRS / f"word-ole.{side}.docx", side == "new")
        about["word-fields"] = ("complex fields as Word writes them (DATE, SEQ, REF to a _Ref bookmark, IF, "
                                "LISTNUM without result) and simple fields (PAGE, NUMPAGES); a LISTNUM paragraph "
                                "deleted, a paragraph with a DATE field inserted, words edited around fields")
        about["word-sdt"] = "content controls (block and inline), a smart tag and custom XML; words edited in them"
        about["nodate"] = "neither file has a date in its core properties"
        about["strict-tables"] = "the tables pair in Strict OOXML"
        about["word-ole"] = ("embedded spreadsheets as Word writes them (w:object: a VML picture, an OLE package "
                             "part): one kept, one deleted from its sentence, one inserted in another; NEW's "
                             "workbook has the part name of OLD's deleted one")
        about["word-annex"] = ("an annex as Word ends a document: the heading right above its table rewritten "
                               "(nothing of it kept), a cell's words rewritten, a paragraph between two tables "
                               "edited, a heading added right above a table, Word's empty last paragraph after "
                               "a table")
    (PAIRS / "pairs.json").write_text(json.dumps(dict(sorted(about.items())), indent=2) + "\n", encoding="utf-8")
    for path in sorted(PAIRS.glob("*.docx")):
        print(f"{path.stat().st_size:>7} {path.name}")


if __name__ == "__main__":
    main()
