"""Tables and annexes of an imported resolution: what follows an "Annex" heading after the
body, and every table of the body, become annex blocks (a resolution's paragraphs hold no
tables); the rest of the body goes on to be classified. Knows `Line`s and the DOCX tables;
no YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from draftkit.docxread import DocxDocument, w
from draftkit.importing.text import Line, as_markup, normalize, normalize_styled, note_text
from draftkit.importing.values import ImportedAnnex, ImportedAnnexText, ImportedTable, ImportWarning, excerpt
from draftkit.inline import escape

#: "Annex", "Annex I", "ANNEXE 2", "Appendix A", "Anexo", "Приложение", "附件", "المرفق" alone on a line.
ANNEX_HEADING = re.compile(
    r"^(annex|annexe|appendix|appendice|anexo|apéndice|приложение|附件|المرفق)"
    r"(\s+([ivxlc]+|\d{1,3}|[a-z]))?\s*[.:]?$", re.IGNORECASE)


@dataclass
class Split:
    """The body lines left to classify, the annexes, and what was said about them."""

    body: list[Line] = field(default_factory=list)
    annexes: list[ImportedAnnex] = field(default_factory=list)
    warnings: list[ImportWarning] = field(default_factory=list)
    annex_lines: list[Line] = field(default_factory=list)  # the annexes' paragraphs (their REF fields)


def split_annexes(doc: DocxDocument, lines: list[Line], default_title: str, evidence) -> Split:
    """Take the annexes and tables out of the body `lines`.

    An "Annex" heading line, once a body line has shown `evidence(line)` of a resolution
    paragraph, opens an annex holding every line and table after it (until the next
    heading); a table met in the body becomes an annex of its own titled `default_title`,
    with a warning. One pass: a document of 20,000 tables is split in linear time.
    """
    out = Split()
    annexes: list[tuple[int, str, list[str | ImportedTable]]] = []  # (where, title, items)
    current: list[str | ImportedTable] | None = None
    noted = {line.table for line in lines if line.table is not None and line.footnotes}
    seen_tables: set[int] = set()
    begun = False  # a resolution paragraph has been seen
    for line in lines:
        if line.table is not None:
            if line.table in seen_tables:
                continue
            seen_tables.add(line.table)
            table = read_table(doc, line.table)
            if line.table in noted:
                out.warnings.append(ImportWarning(line.index + 1, "a footnote inside a table is not imported",
                                                  excerpt(normalize(line.text))))
            if current is not None:
                current.append(table)
            else:
                annexes.append((line.index, default_title, [table]))
                out.warnings.append(ImportWarning(
                    line.index + 1, f"a table in the body is kept as an annex titled {default_title!r} (a "
                                    "resolution's paragraphs hold no tables); give it its title in the draft",
                    excerpt(normalize(line.text))))
            continue
        text = normalize(line.text)
        if ANNEX_HEADING.match(text) and begun:
            current = []
            annexes.append((line.index, text, current))
            continue
        if current is not None:
            notes = tuple((key, note_text(doc, key, note)) for key, note in line.footnotes)
            current.append(ImportedAnnexText(as_markup(normalize_styled(line.referenced)), notes, line.index))
            out.annex_lines.append(line)
            continue
        out.body.append(line)
        begun = begun or evidence(line)
    out.annexes = [ImportedAnnex(index, title, tuple(items)) for index, title, items in annexes]
    return out


@dataclass
class Memorandum:
    """The body lines before an explanatory memorandum, and the memorandum's paragraphs (markup)."""

    body: list[Line]
    paragraphs: tuple[str, ...] = ()
    symbol: str = ""


#: A number typed before a memorandum paragraph ("1. ", "2.\t").
_TYPED_NUMBER = re.compile(r"^\d{1,3}\.\s+")
_M_SYMBOL = re.compile(r"\S+/M\b")


def split_memorandum(doc: DocxDocument, lines: list[Line], evidence) -> Memorandum:
    """Take an explanatory memorandum off the end of the body `lines`: once a line has shown
    `evidence` of a resolution paragraph, a line naming the memorandum in any language
    draftkit writes ("Explanatory memorandum submitted by the co-Rapporteurs", « Mémoire
    explicatif ») opens it; its paragraphs are every later line (numbers typed before them
    dropped). When a section break comes before that line, what lies between (the
    memorandum's own heading: its two columns, its symbol '…/M', the title) is neither body
    nor memorandum. Without such a line, the lines stay the body."""
    from draftkit.languages import codes, language as language_data

    labels = {language_data(code).section("heading").values.get("memorandum", "") for code in codes()}
    labels = {str(label).casefold() for label in labels if label}
    begun, opening = False, None
    for k, line in enumerate(lines):
        if not begun:
            begun = evidence(line)
            continue
        text = normalize(line.text).casefold()
        if line.table is None and len(text) < 300 and any(label in text for label in labels):
            opening = k
            break
    if opening is None:
        return Memorandum(lines)
    at = lines[opening].index
    breaks = [p.index for p in doc.paragraphs if p.index < at and p.raw_ppr and "<w:sectPr" in p.raw_ppr]
    cut = opening
    if breaks:
        cut = next(k for k, line in enumerate(lines) if line.index > breaks[-1] or k == opening)
    if not any(evidence(line) for line in lines[:cut]):
        cut = opening
    heading = " ".join(normalize(line.text) for line in lines[cut:opening] if line.table is None)
    heading += " " + " ".join(" ".join(cell for row in doc.tables[line.table].rows for cell in row)
                              for line in lines[cut:opening] if line.table is not None)
    symbol = next(iter(_M_SYMBOL.findall(heading)), "")
    paragraphs = tuple(_TYPED_NUMBER.sub("", as_markup(normalize_styled(line.styled)))
                       for line in lines[opening + 1:] if line.table is None and line.text.strip())
    return Memorandum(lines[:cut], paragraphs, symbol)


def read_table(doc: DocxDocument, number: int) -> ImportedTable:
    """A body table of `doc` as rows of cell texts (markup-escaped: a '*' stays a star;
    empty cells at a row's end left out, as the writer fills them) and its heading rows
    (those marked to repeat on each page, `w:tblHeader`)."""
    table = doc.tables[number]
    rows = tuple(_trimmed(tuple(escape(" ".join(cell.split())) for cell in row)) for row in table.rows)
    header = 0
    try:
        root = etree.fromstring(table.xml.encode("utf-8"))
    except etree.XMLSyntaxError:
        root = None
    if root is not None:
        for row in root.findall(w("tr")):
            mark = row.find(f"{w('trPr')}/{w('tblHeader')}")
            if mark is None or mark.get(w("val"), "true").lower() in ("false", "0", "off"):
                break
            header += 1
    return ImportedTable(rows, min(header, len(rows)))


def _trimmed(row: tuple[str, ...]) -> tuple[str, ...]:
    end = len(row)
    while end > 1 and not row[end - 1]:
        end -= 1
    return row[:end]
