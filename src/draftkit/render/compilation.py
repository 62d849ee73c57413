"""Writing a compilation of amendments: a DOCX table (real underline / strike-through runs),
markdown, or plain text.

Knows the `compilation` model and python-docx; not how the rows were computed.
"""

from __future__ import annotations

import io
from datetime import datetime

from draftkit.compilation import Amendment, Compilation, Mark, Piece

HEADERS = ("No.", "Paragraph", "Current text", "Proposed change", "Delegation(s)", "Co-rapporteurs' position")


def _paragraph_cell(row: Amendment) -> str:
    text = row.label
    if row.seen_as and not row.seen_as.startswith(row.label + " "):
        text += f" ({row.seen_as})"
    return text


def _number_cell(row: Amendment) -> str:
    text = str(row.number)
    if row.group:
        text += f" · collision {row.group}"
    return text


def _delegation_cell(row: Amendment) -> str:
    return f"{row.delegation} ({row.proposal})" + (" — late" if row.late else "")


def _note(row: Amendment) -> str:
    notes = []
    if row.collides_with:
        notes.append("collides with " + ", ".join(row.collides_with))
    return "; ".join(notes)


def to_docx(compilation: Compilation, *, created: datetime | None = None) -> bytes:
    """Return the compilation as DOCX bytes: a landscape page with one table row per amendment."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    document.styles["Normal"].font.size = Pt(9)
    document.core_properties.title = f"Compilation of amendments — {compilation.title}"
    if created is not None:
        document.core_properties.created = created
        document.core_properties.modified = created
    document.add_heading("Compilation of amendments", level=1)
    document.add_paragraph(f"{compilation.title} — draft {compilation.version}")
    table = document.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, HEADERS):
        cell.paragraphs[0].add_run(header).bold = True
    for row in compilation.amendments:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(_number_cell(row))
        cells[1].paragraphs[0].add_run(_paragraph_cell(row))
        cells[2].paragraphs[0].add_run(row.current or "—")
        change = cells[3].paragraphs[0]
        change.add_run(row.instruction).italic = True
        body = cells[3].add_paragraph()
        for piece in row.change:
            run = body.add_run(piece.text)
            run.font.underline = piece.mark is Mark.INSERTED
            run.font.strike = piece.mark is Mark.DELETED
        if row.language != compilation.language:
            cells[3].add_paragraph(f"({row.language} only)").runs[0].italic = True
        cells[4].paragraphs[0].add_run(_delegation_cell(row))
        position = cells[5].paragraphs[0]
        position.add_run(row.position)
        if _note(row):
            cells[5].add_paragraph(_note(row)).runs[0].italic = True
    if compilation.excluded:
        document.add_paragraph("Not compiled: " + ", ".join(compilation.excluded))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


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
    lines = [f"# Compilation of amendments", "", f"{compilation.title} — draft {compilation.version}", "",
             "| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    for row in compilation.amendments:
        change = f"*{row.instruction}* " + _pieces(row.change, ("<ins>", "</ins>"), ("~~", "~~"))
        if row.language != compilation.language:
            change += f" *({row.language} only)*"
        position = row.position + (f" *({_note(row)})*" if _note(row) else "")
        cells = (_number_cell(row), _paragraph_cell(row), row.current or "—", change, _delegation_cell(row), position)
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    if compilation.excluded:
        lines += ["", "Not compiled: " + ", ".join(compilation.excluded)]
    return "\n".join(lines) + "\n"


def to_text(compilation: Compilation) -> str:
    """Return plain text, one block per amendment: insertions {+…+}, deletions {-…-}."""
    lines = [f"Compilation of amendments — {compilation.title} — draft {compilation.version}", ""]
    for row in compilation.amendments:
        lines.append(f"{_number_cell(row)}. {_paragraph_cell(row)} — {_delegation_cell(row)}")
        lines.append(f"   {row.instruction}")
        lines.append("   " + _pieces(row.change, ("{+", "+}"), ("{-", "-}"))
                     + (f" ({row.language} only)" if row.language != compilation.language else ""))
        lines.append(f"   Position: {row.position}" + (f" ({_note(row)})" if _note(row) else ""))
        lines.append("")
    if compilation.excluded:
        lines.append("Not compiled: " + ", ".join(compilation.excluded))
    return "\n".join(lines) + "\n"
