"""What a body paragraph holds besides text (images, embedded objects, comment anchors,
hyperlinks, equations, endnote calls) and the cell texts of tables, as typed values.
Knows the XML of one paragraph or table; the package (relationships, parts) is the caller's.
"""

from __future__ import annotations

from typing import Callable

from lxml import etree

from draftkit.docxread.values import R, DocxObject, w

M = "http://schemas.openxmlformats.org/officeDocument/2006/math"

_DRAWINGS = {w("drawing"): "image", w("pict"): "image", w("object"): "object"}
_COMMENT_MARKS = {w("commentRangeStart"), w("commentRangeEnd"), w("commentReference")}
_EQUATIONS = {f"{{{M}}}oMath", f"{{{M}}}oMathPara"}
_REL_ATTRIBUTES = tuple(f"{{{R}}}{name}" for name in ("embed", "link", "id", "pict"))


def paragraph_objects(p: etree._Element, target: Callable[[str], str],
                      comment: Callable[[str], str]) -> tuple[DocxObject, ...]:
    """Return the objects of paragraph `p` in document order.

    `target(rel_id)` describes what a relationship points to (a digest of the part's bytes,
    or an external address); `comment(id)` describes a comment (author and text).
    """
    out: list[DocxObject] = []
    for element in p.iter():
        tag = element.tag
        if tag in _DRAWINGS:
            rels = [value for inner in element.iter() for name in _REL_ATTRIBUTES
                    if (value := inner.get(name)) is not None]
            texts = "".join(t.text or "" for t in element.iter(w("t")))  # a text box's words
            out.append(DocxObject(_DRAWINGS[tag], " ".join([*(target(r) for r in rels), texts])))
        elif tag in _COMMENT_MARKS:
            out.append(DocxObject("comment", f"{etree.QName(tag).localname} {comment(element.get(w('id'), ''))}"))
        elif tag == w("hyperlink"):
            link = element.get(f"{{{R}}}id")
            out.append(DocxObject("hyperlink", target(link) if link else "#" + element.get(w("anchor"), "")))
        elif tag in _EQUATIONS and (element.getparent() is None or element.getparent().tag not in _EQUATIONS):
            out.append(DocxObject("equation", "".join(t.text or "" for t in element.iter(f"{{{M}}}t"))))
        elif tag == w("endnoteReference"):
            out.append(DocxObject("endnote", element.get(w("id"), "")))
    return tuple(out)


def table_rows(table: etree._Element, text: Callable[[etree._Element], str]) -> tuple[tuple[str, ...], ...]:
    """Return the cell texts of `table`, row by row (`text(p)` is a paragraph's accepted text;
    a cell's paragraphs are joined by newlines, a nested table's too)."""
    rows = []
    for row in table.iter(w("tr")):
        if _owner(row) is not table:
            continue
        rows.append(tuple("\n".join(text(p) for p in cell.iter(w("p")))
                          for cell in row.iter(w("tc")) if _owner(cell) is table))
    return tuple(rows)


def _owner(element: etree._Element) -> etree._Element | None:
    """The nearest table around `element`."""
    parent = element.getparent()
    while parent is not None and parent.tag != w("tbl"):
        parent = parent.getparent()
    return parent
