"""The page around the text in DOCX: paper size, the two-column heading block, and the
running heads (headers and footers with real PAGE / NUMPAGES fields, a different first
page, even pages apart), as the templates' `left`/`right` lines and running-head regions
ask (see `render.heading`).

Writes WordprocessingML as text in schema order, like `render.docx`, whose paragraph and
run writers it uses. Knows no drafting rules and no YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable

from draftkit.render.tree import NUMPAGES, PAGE, Block, DocTree, PageSetup, Run

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

#: Page sizes in twips (width, height).
PAPER = {"a4": (11906, 16838), "letter": (12240, 15840)}
#: Running-head region → (w:type of the reference, header or footer).
REGIONS = {
    "page-header": ("default", "header"), "page-footer": ("default", "footer"),
    "first-header": ("first", "header"), "first-footer": ("first", "footer"),
    "even-header": ("even", "header"), "even-footer": ("even", "footer"),
}
_FIELDS = {PAGE: "PAGE", NUMPAGES: "NUMPAGES"}
_STAND_INS = re.compile(f"([{PAGE}{NUMPAGES}])")
_CONTENT = {"header": "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml",
            "footer": "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"}


def style_id(name: str) -> str:
    """The reference DOCX's style for a template style name: 'agenda-title' → 'ResolutionAgendaTitle'."""
    return "Resolution" + "".join(part.capitalize() for part in name.split("-"))


@dataclass(frozen=True)
class RunningHeads:
    """What the running heads add to a package: parts, relationships, content types, and
    the section's references; `even` asks settings for `w:evenAndOddHeaders`."""

    parts: dict[str, str]
    relationships: tuple[tuple[str, str, str], ...]  # (id, type, target)
    content_types: tuple[tuple[str, str], ...]  # (part name, content type)
    references: str
    title_page: bool
    even: bool


#: No running heads: a section keeps the reference's header references, the package gains nothing.
NO_HEADS = RunningHeads({}, (), (), "", False, False)


WriteParagraph = Callable[[Block, "int | None"], str]


def running_heads(page: PageSetup | None, width: int, style_of: Callable[[Block, str], str], rtl: bool,
                  run: Callable[[Run], str], *, after_break: bool = False) -> RunningHeads:
    """Return the header and footer parts of `page`'s regions (none when it has none);
    `after_break`: of its `after_break` regions, in parts of other names.

    A region given for the first page only still makes the first page different; pages
    after it then have no running head unless `page-header`/`page-footer` give one.
    """
    regions = (page.after_break if after_break else page.regions) if page is not None else ()
    if not regions:
        return NO_HEADS
    stem, prefix = ("-after-break", "rIdQ") if after_break else ("", "rIdP")
    parts: dict[str, str] = {}
    relationships = []
    types = []
    references = []
    counters = {"header": 0, "footer": 0}
    for region, blocks in regions:
        if region not in REGIONS or not blocks:
            continue
        kind, part = REGIONS[region]
        counters[part] += 1
        name = f"{part}{counters[part]}{stem}.xml"
        rid = f"{prefix}{len(relationships) + 1}"
        tag = "hdr" if part == "header" else "ftr"
        default = "Header" if part == "header" else "Footer"
        body = "".join(_paragraph(block, style_of(block, default), width, rtl, run) for block in blocks)
        parts[f"word/{name}"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                                 f'<w:{tag} xmlns:w="{W_NS}" xmlns:r="{R_NS}">{body}</w:{tag}>')
        relationships.append((rid, f"{R_NS}/{part}", name))
        types.append((f"/word/{name}", _CONTENT[part]))
        references.append((0 if part == "header" else 1, kind, f'<w:{part}Reference w:type="{kind}" r:id="{rid}"/>'))
    given = {kind for region, blocks in regions if blocks and region in REGIONS for kind in [REGIONS[region][0]]}
    ordered = "".join(xml for _, _, xml in sorted(references, key=lambda r: r[0]))
    return RunningHeads(parts, tuple(relationships), tuple(types), ordered, "first" in given, "even" in given)


def _paragraph(block: Block, style: str, width: int, rtl: bool, run: Callable[[Run], str]) -> str:
    """A running-head paragraph: a centre tab stop mid-page and a right one at the margin
    (a template's TAB moves to them), PAGE/NUMPAGES stand-ins as fields."""
    tabs = f'<w:tabs><w:tab w:val="center" w:pos="{width // 2}"/><w:tab w:val="right" w:pos="{width}"/></w:tabs>'
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/>{tabs}{"<w:bidi/>" if rtl else ""}</w:pPr>'
    return f"<w:p>{ppr}{''.join(_runs_with_fields(r, run) for r in block.runs)}</w:p>"


def _runs_with_fields(source: Run, run: Callable[[Run], str]) -> str:
    out = []
    for piece in _STAND_INS.split(source.text):
        if not piece:
            continue
        if piece in _FIELDS:
            shown = run(replace(source, text="1"))
            out.append(f'<w:fldSimple w:instr=" {_FIELDS[piece]} ">{shown}</w:fldSimple>')
        else:
            out.append(run(replace(source, text=piece)))
    return "".join(out)


# --- the section -----------------------------------------------------------------------------

_PG_SZ = re.compile(r"<w:pgSz\b[^>]*/>")
_AFTER_TITLE_PG = re.compile(r"<w:(?:textDirection|bidi|rtlGutter|docGrid|printerSettings|sectPrChange)\b")


def section_xml(reference: str, page: PageSetup | None, heads: RunningHeads, *, restart: bool = False) -> str:
    """The body's `w:sectPr`: the reference's margins and columns, `page.paper`'s size,
    the running heads' references first and `w:titlePg` where the schema puts it;
    `restart` numbers its pages from 1 (`w:pgNumType w:start`)."""
    section = reference or "<w:sectPr></w:sectPr>"
    if section.endswith("/>"):
        section = section[:-2] + "></w:sectPr>"
    if page is not None and page.paper in PAPER:
        width, height = PAPER[page.paper]
        size = f'<w:pgSz w:w="{width}" w:h="{height}"/>'
        section = _PG_SZ.sub(size, section, count=1) if _PG_SZ.search(section) else _insert_size(section, size)
    if heads.references:
        start = section.index(">") + 1
        section = section[:start] + heads.references + section[start:]
    if heads.title_page and "<w:titlePg" not in section:
        found = _AFTER_TITLE_PG.search(section)
        at = found.start() if found else section.rindex("</w:sectPr>")
        section = section[:at] + "<w:titlePg/>" + section[at:]
    if restart:
        numbering = _PG_NUM.search(section)
        if numbering is not None:
            tag = re.sub(r'\s+w:start="[^"]*"', "", numbering.group()).replace("<w:pgNumType", '<w:pgNumType w:start="1"', 1)
            section = section[:numbering.start()] + tag + section[numbering.end():]
        else:
            found = _AFTER_PG_NUM.search(section)
            at = found.start() if found else section.rindex("</w:sectPr>")
            section = section[:at] + '<w:pgNumType w:start="1"/>' + section[at:]
    return section


_PG_NUM = re.compile(r"<w:pgNumType\b[^>]*/>")
_AFTER_PG_NUM = re.compile(r"<w:(?:cols|formProt|vAlign|noEndnote|titlePg|textDirection|bidi|rtlGutter|docGrid"
                           r"|printerSettings|sectPrChange)\b")


def _insert_size(section: str, size: str) -> str:
    """Put `w:pgSz` after the header/footer references and notes properties, before the rest."""
    found = re.search(r"<w:(?:pgMar|paperSrc|pgBorders|lnNumType|pgNumType|cols|formProt|vAlign|noEndnote|titlePg"
                      r"|textDirection|bidi|rtlGutter|docGrid|printerSettings)\b", section)
    at = found.start() if found else section.rindex("</w:sectPr>")
    return section[:at] + size + section[at:]


def text_width(section: str) -> int:
    """The width between the margins of a section, in twips (A4 with 2.5 cm margins when unknown)."""
    def number(pattern: str, default: int) -> int:
        found = re.search(pattern, section)
        return int(found.group(1)) if found else default

    width = number(r'<w:pgSz\b[^>]*w:w="(\d+)"', 11906)
    left = number(r'<w:pgMar\b[^>]*w:left="(\d+)"', 1417)
    right = number(r'<w:pgMar\b[^>]*w:right="(\d+)"', 1417)
    return max(width - left - right, 1440)


# --- the two-column heading block -----------------------------------------------------------


def body_xml(tree: DocTree, numbers: list[int | None], width: int, paragraph: WriteParagraph) -> str:
    """The body's paragraphs, consecutive `column` blocks gathered into one borderless
    two-column table (left lines in the first cell, right lines in the second)."""
    out: list[str] = []
    k = 0
    blocks = tree.blocks
    while k < len(blocks):
        if not blocks[k].column:
            out.append(paragraph(blocks[k], numbers[k]))
            k += 1
            continue
        end = k
        while end < len(blocks) and blocks[end].column:
            end += 1
        cells = [[b for b in blocks[k:end] if b.column == column] for column in (1, 2)]
        out.append(_table(cells, width, paragraph))
        k = end
    return "".join(out)


def _table(cells: list[list[Block]], width: int, paragraph: WriteParagraph) -> str:
    half = width // 2
    none = "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    properties = (f'<w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:tblBorders>{none}</w:tblBorders>'
                  '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/>'
                  '<w:right w:w="0" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>')
    grid = f'<w:tblGrid><w:gridCol w:w="{half}"/><w:gridCol w:w="{width - half}"/></w:tblGrid>'
    row = "".join(
        f'<w:tc><w:tcPr><w:tcW w:w="{size}" w:type="dxa"/></w:tcPr>'
        + ("".join(paragraph(block, None) for block in cell) or "<w:p/>")
        + "</w:tc>"
        for cell, size in zip(cells, (half, width - half))
    )
    return f"<w:tbl>{properties}{grid}<w:tr>{row}</w:tr></w:tbl>"
