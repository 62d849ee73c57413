"""Writing a compilation of amendments: a DOCX table (real underline / strike-through runs,
styled by the project's reference DOCX), markdown, or plain text; labels in the
compilation's language.

Knows the `compilation` model and python-docx; not how the rows were computed.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any

from draftkit.compilation import Amendment, Compilation, Mark, Piece
from draftkit.errors import InputError, shown
from draftkit.inline import Style

FORMATS = ("docx", "md", "txt", "pdf")


def _paragraph_cell(row: Amendment) -> str:
    text = row.label
    if row.seen_as and not row.seen_as.lower().startswith(row.label.lower() + " "):
        text += f" ({row.seen_as})"
    return text


def _current_pieces(row: Amendment) -> list[tuple[str, Style]]:
    """The current text as the resolution prints it (italic opening, punctuation), else as stored."""
    return list(row.current_styled) or [(row.current or "—", Style.NONE)]


def _number_cell(row: Amendment, compilation: Compilation) -> str:
    text = str(row.number)
    if row.group:
        text += " · " + compilation.words.collision.format(name=row.group)
    return text


def _delegation_cell(row: Amendment, compilation: Compilation) -> str:
    return f"{row.delegation} ({row.proposal})" + (f" — {compilation.words.late}" if row.late else "")


def _only(row: Amendment, compilation: Compilation) -> str:
    """'(en only)' when the proposal gives no text in the compilation's language."""
    return compilation.words.only.format(language=row.language) if row.language != compilation.language else ""


def _heading(compilation: Compilation) -> str:
    return f"{compilation.title} — {compilation.words.draft.format(n=compilation.version)}"


def _reference_document(Document: Any, reference: Path | None) -> Any:
    """python-docx's document of the reference DOCX, whose parts are first read within the
    limits of any DOCX draftkit reads: python-docx inflates whatever a package holds (a zip
    bomb as `reference_docx` took gigabytes), and fails in its own ways on a zip that is no
    Word document."""
    import zipfile

    from draftkit.docxread.package import open_package, read_member
    from draftkit.render.docx import builtin_reference

    if reference is None:
        return Document(str(builtin_reference()))
    fix = "check 'reference_docx:' in draftkit.yaml"
    try:
        with open_package(reference) as package:
            total = [0]
            parts = [(info.filename, read_member(reference, package, info.filename, total))
                     for info in package.infolist() if not info.is_dir()]
    except InputError as error:
        raise InputError(f"cannot read the reference DOCX: {error.what}", where=reference, fix=fix) from None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts:
            package.writestr(name, data)
    buffer.seek(0)
    try:
        return Document(buffer)
    except Exception as exc:  # noqa: BLE001 - python-docx's own errors: an .xlsx, a missing main part
        raise InputError(f"cannot read the reference DOCX: {shown(str(exc), 80)}", where=reference, fix=fix) from None


def to_docx(compilation: Compilation, *, created: datetime | None = None, reference: Path | None = None) -> bytes:
    """Return the compilation as DOCX bytes: a landscape page with one table row per amendment,
    in the fonts and styles of `reference` (draftkit's own reference DOCX when |None|)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    words = compilation.words
    document = _reference_document(Document, reference)
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):  # the reference's sample text goes; its page setup stays
            body.remove(child)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    document.core_properties.title = f"{words.title} — {compilation.title}"
    if created is not None:
        document.core_properties.created = created
        document.core_properties.modified = created
    title = document.add_paragraph()
    run = title.add_run(words.title)
    run.bold, run.font.size = True, Pt(14)
    document.add_paragraph(_heading(compilation))
    table = document.add_table(rows=1, cols=len(words.headers))
    _grid(table, document)
    for cell, header in zip(table.rows[0].cells, words.headers):
        _small(cell.paragraphs[0].add_run(header)).bold = True
    _repeat_as_header(table.rows[0])
    for row in compilation.amendments:
        cells = table.add_row().cells
        number = cells[0].paragraphs[0]
        _small(number.add_run(str(row.number)))
        if row.group:  # the group on its own line, never broken inside "collision A"
            _small(number.add_run()).add_break()
            _small(number.add_run(compilation.words.collision.format(name=row.group).replace(" ", "\u00a0")))
        _small(cells[1].paragraphs[0].add_run(_paragraph_cell(row)))
        for text, style in _current_pieces(row):
            run = _small(cells[2].paragraphs[0].add_run(text))
            run.italic, run.bold = Style.ITALIC in style or None, Style.BOLD in style or None
            run.font.superscript = Style.SUPERSCRIPT in style or None
            run.font.subscript = Style.SUBSCRIPT in style or None
            run.font.small_caps = Style.SMALL_CAPS in style or None
        _small(cells[3].paragraphs[0].add_run(row.instruction)).italic = True
        change = cells[3].add_paragraph()
        for piece in row.change:
            run = _small(change.add_run(piece.text))
            run.font.underline = piece.mark is Mark.INSERTED
            run.font.strike = piece.mark is Mark.DELETED
        if _only(row, compilation):
            _small(cells[3].add_paragraph().add_run(_only(row, compilation))).italic = True
        _small(cells[4].paragraphs[0].add_run(_delegation_cell(row, compilation)))
        _small(cells[5].paragraphs[0].add_run(row.position))
        if row.note:
            _small(cells[5].add_paragraph().add_run(row.note)).italic = True
    _widths(table, fitted_widths(compilation))
    if compilation.excluded:
        document.add_paragraph(f"{words.not_compiled} " + ", ".join(compilation.excluded))
    if _rtl(compilation.language):
        _right_to_left(document)
    out = io.BytesIO()
    document.save(out)
    return _reproducible(out.getvalue(), created)


def _rtl(language: str) -> bool:
    from draftkit.languages import known, language as language_data

    return known(language) and language_data(language).rtl


def _right_to_left(document) -> None:
    """Every paragraph right to left (`w:bidi`) and the table's columns from the right
    (`w:bidiVisual`), for an Arabic compilation; each in its schema place."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    after_bidi = ("w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                  "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                  "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
    for paragraph in document.element.body.iter(qn("w:p")):
        ppr = paragraph.get_or_add_pPr()
        if ppr.find(qn("w:bidi")) is None:
            ppr.insert_element_before(OxmlElement("w:bidi"), *after_bidi)
    after_visual = ("w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing",
                    "w:tblInd", "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                    "w:tblCaption", "w:tblDescription", "w:tblPrChange")
    for properties in document.element.body.iter(qn("w:tblPr")):
        if properties.find(qn("w:bidiVisual")) is None:
            properties.insert_element_before(OxmlElement("w:bidiVisual"), *after_visual)


def _reproducible(package: bytes, created: datetime | None) -> bytes:
    """The package re-zipped with fixed entry stamps: same compilation, same bytes."""
    import zipfile

    from draftkit.render.docx import zip_parts

    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    return zip_parts(parts, created=created)


def _small(run):
    """A table run at 9 pt, whatever the reference's body size (a landscape table of six columns)."""
    from docx.shared import Pt

    run.font.size = Pt(9)
    return run


def _grid(table, document) -> None:
    """Borders on every cell: the reference's 'Table Grid' style when it has one, else drawn."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    if any(style.name == "Table Grid" for style in document.styles):
        table.style = "Table Grid"
        return
    edges = "".join(f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
                    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
    borders = parse_xml(f"<w:tblBorders {nsdecls('w')}>{edges}</w:tblBorders>")
    properties = table._tbl.tblPr
    # Schema order: tblBorders comes before shd, tblLayout, tblCellMar and tblLook (Word is strict).
    later = [child for child in properties if child.tag.rsplit("}", 1)[-1] in _AFTER_BORDERS]
    if later:
        later[0].addprevious(borders)
    else:
        properties.append(borders)


_AFTER_BORDERS = {"shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription"}


def _repeat_as_header(row) -> None:
    """The heading row is repeated at the top of every page (`w:tblHeader`)."""
    from docx.oxml import OxmlElement

    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:tblHeader"))


#: The width of the page between its margins (landscape A4, 1.5 cm margins), and about how
#: wide a character is at 9 pt in the table's serif font.
PAGE_CM, CHAR_CM, PADDING_CM = 26.7, 0.19, 0.4


def fitted_widths(compilation: Compilation) -> tuple[float, ...]:
    """Column widths fitted to what the columns hold: the number, paragraph and delegation
    columns as wide as their longest unbreakable part (within bounds), the two texts and
    the position sharing the rest (current 40 %, change 45 %, position 15 %)."""
    def longest(texts, lo: float, hi: float) -> float:
        size = max((len(part) for text in texts for part in text.replace("\u00a0", "~").split()), default=4)
        return round(min(max(size * CHAR_CM + PADDING_CM, lo), hi), 1)

    words = compilation.words
    rows = compilation.amendments
    number = longest([words.headers[0], *(str(r.number) for r in rows),
                      *(words.collision.format(name=r.group).replace(" ", "~") for r in rows if r.group)], 0.9, 2.6)
    label = longest([words.headers[1], *(_paragraph_cell(r) for r in rows)], 1.6, 3.4)
    delegation = longest([words.headers[4], *(_delegation_cell(r, compilation) for r in rows)], 2.0, 4.0)
    rest = PAGE_CM - number - label - delegation
    return (number, label, round(rest * 0.40, 1), round(rest * 0.45, 1), delegation, round(rest * 0.15, 1))


def _widths(table, widths: tuple[float, ...]) -> None:
    """Fixed column widths (grid and every cell: Word reads the one, LibreOffice the other)."""
    from docx.shared import Cm

    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _pieces(pieces: tuple[Piece, ...], inserted: tuple[str, str], deleted: tuple[str, str]) -> str:
    out = []
    for piece in pieces:
        if piece.mark is Mark.INSERTED:
            out.append(inserted[0] + piece.text + inserted[1])
        elif piece.mark is Mark.DELETED:
            out.append(deleted[0] + piece.text + deleted[1])
        else:
            out.append(piece.text)
    return "".join(out)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(compilation: Compilation) -> str:
    """Return a markdown table: insertions as <ins>…</ins>, deletions as ~~…~~."""
    from draftkit.render.text import styled_markdown

    words = compilation.words
    lines = [f"# {words.title}", "", _heading(compilation), "",
             "| " + " | ".join(words.headers) + " |", "|" + "---|" * len(words.headers)]
    for row in compilation.amendments:
        change = f"*{row.instruction}* " + _pieces(row.change, ("<ins>", "</ins>"), ("~~", "~~"))
        if _only(row, compilation):
            change += f" *{_only(row, compilation)}*"
        position = row.position + (f" *({row.note})*" if row.note else "")
        current = "".join(styled_markdown(text, style) for text, style in _current_pieces(row))
        cells = (_number_cell(row, compilation), _paragraph_cell(row), current, change,
                 _delegation_cell(row, compilation), position)
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    if compilation.excluded:
        lines += ["", f"{words.not_compiled} " + ", ".join(compilation.excluded)]
    return "\n".join(lines) + "\n"


def to_text(compilation: Compilation) -> str:
    """Return plain text, one block per amendment: insertions {+…+}, deletions {-…-}."""
    words = compilation.words
    lines = [f"{words.title} — {_heading(compilation)}", ""]
    for row in compilation.amendments:
        lines.append(f"{_number_cell(row, compilation)}. {_paragraph_cell(row)} — {_delegation_cell(row, compilation)}")
        lines.append(f"   {row.instruction}")
        only = _only(row, compilation)
        lines.append("   " + _pieces(row.change, ("{+", "+}"), ("{-", "-}")) + (f" {only}" if only else ""))
        lines.append(f"   {words.position} {row.position}" + (f" ({row.note})" if row.note else ""))
        lines.append("")
    if compilation.excluded:
        lines.append(f"{words.not_compiled} " + ", ".join(compilation.excluded))
    return "\n".join(lines) + "\n"


def rendered(compilation: Compilation, format: str, *, created: datetime | None = None,
             reference: Path | None = None) -> bytes | str:
    """Return the compilation in `format` (docx, md or txt); PDF is the DOCX converted."""
    if format == "md":
        return to_markdown(compilation)
    if format == "txt":
        return to_text(compilation)
    return to_docx(compilation, created=created, reference=reference)
