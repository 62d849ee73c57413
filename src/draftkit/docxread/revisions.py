"""A document's tracked changes all accepted, or all rejected, on its XML: what Word shows
after "Accept All Changes" / "Reject All Changes".

Works in place on any story element (`w:body`, a header, a footnote, a table cell) parsed
with lxml, so a reader or a diff sees one clean version: text, paragraph marks (a deleted
mark joins its paragraph to the next), table rows, and property changes
(`w:pPrChange`, `w:rPrChange`, …). Knows WordprocessingML only.
"""

from __future__ import annotations

from lxml import etree

from draftkit.docxread.values import w

_INSERTED = (w("ins"), w("moveTo"))
_DELETED = (w("del"), w("moveFrom"))
#: Property-change records: their element holds the OLD properties.
_PROPERTY_CHANGES = tuple(w(t) for t in ("pPrChange", "rPrChange", "sectPrChange", "tblPrChange", "tblGridChange",
                                         "trPrChange", "tcPrChange", "tblPrExChange", "numberingChange"))
#: Marks with no content of their own: ranges of moves and of custom XML changes.
_RANGE_MARKS = tuple(w(t) for t in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd",
                                    "customXmlInsRangeStart", "customXmlInsRangeEnd", "customXmlDelRangeStart",
                                    "customXmlDelRangeEnd", "customXmlMoveFromRangeStart",
                                    "customXmlMoveFromRangeEnd", "customXmlMoveToRangeStart",
                                    "customXmlMoveToRangeEnd"))
_DELETED_TEXT = {w("delText"): w("t"), w("delInstrText"): w("instrText")}


def has_revisions(root: etree._Element) -> bool:
    """True when `root` holds any tracked change (text, paragraph mark, row or property)."""
    tags = (*_INSERTED, *_DELETED, *_PROPERTY_CHANGES, w("cellIns"), w("cellDel"))
    return next(root.iter(*tags), None) is not None


def accept_all(root: etree._Element) -> etree._Element:
    """Accept every tracked change under `root` (in place); return `root`."""
    _resolve(root, keep=_INSERTED, drop=_DELETED)
    for change in list(root.iter(*_PROPERTY_CHANGES)):
        _remove(change)
    _cells(root, gone=w("cellDel"), stays=w("cellIns"))
    return root


def reject_all(root: etree._Element) -> etree._Element:
    """Reject every tracked change under `root` (in place); return `root`."""
    _resolve(root, keep=_DELETED, drop=_INSERTED)
    for tag, plain in _DELETED_TEXT.items():
        for element in list(root.iter(tag)):
            element.tag = plain
    for change in list(root.iter(*_PROPERTY_CHANGES)):
        _restore(change)
    _cells(root, gone=w("cellIns"), stays=w("cellDel"))
    return root


def _resolve(root: etree._Element, *, keep: tuple[str, ...], drop: tuple[str, ...]) -> None:
    # whole rows first: a row's runs carry the row's fate too
    for row in [r for r in root.iter(w("tr")) if _marked(r, "trPr", drop)]:
        _remove(row)
    for table in [t for t in root.iter(w("tbl")) if t.find(w("tr")) is None]:
        _remove(table)
    # paragraph marks: the paragraph joins the next one (last first, so chains join up)
    joins = [p for p in root.iter(w("p")) if _marked(p, "pPr/rPr", drop)]
    for paragraph in reversed(joins):
        _join_next(paragraph, drop)
    markers = [e for e in root.iter(*keep, *drop) if e.getparent() is not None
               and (e.getparent().tag == w("trPr") or _is_mark(e))]
    for marker in markers:
        _remove(marker)
    for element in list(root.iter(*drop)):
        _remove(element)
    for element in list(root.iter(*keep)):
        _unwrap(element)
    for element in list(root.iter(*_RANGE_MARKS)):
        _remove(element)


def _cells(root: etree._Element, *, gone: str, stays: str) -> None:
    """Cells marked `gone` leave their row; the marks of cells that stay go."""
    for cell in [c for c in root.iter(w("tc")) if _marked(c, "tcPr", (gone,))]:
        _remove(cell)
    for marker in list(root.iter(stays)):
        _remove(marker)


def _marked(element: etree._Element, properties: str, tags: tuple[str, ...]) -> bool:
    props = element.find("/".join(w(tag) for tag in properties.split("/")))
    return props is not None and any(props.find(t) is not None for t in tags)


def _is_mark(element: etree._Element) -> bool:
    """A paragraph mark's revision: `w:pPr/w:rPr/w:ins` (and del, moveFrom, moveTo)."""
    parent = element.getparent()
    return parent is not None and parent.tag == w("rPr") and parent.getparent() is not None \
        and parent.getparent().tag == w("pPr")


def _join_next(paragraph: etree._Element, gone: tuple[str, ...]) -> None:
    """The paragraph's mark goes: its content moves to the start of the next paragraph,
    whose properties the joined paragraph keeps. At the end of its story a paragraph mark
    cannot go (Word keeps it too); before a table, a paragraph whose words all go goes
    whole, and one with words left stays."""
    after = paragraph.getnext()
    while after is not None and after.tag in (w("bookmarkStart"), w("bookmarkEnd"), w("proofErr"), *_RANGE_MARKS):
        after = after.getnext()
    if after is None:
        return
    if after.tag != w("p"):
        left = [c for c in paragraph if c.tag not in (w("pPr"), *gone)]
        content = (w("t"), w("delText"), w("tab"), w("br"), w("drawing"), w("pict"), w("object"),
                   w("footnoteReference"), w("endnoteReference"), w("fldChar"), w("sym"))
        if after.tag == w("tbl") and not any(next(c.iter(*content), None) is not None for c in left):
            _remove(paragraph)
        return
    content = [child for child in paragraph if child.tag != w("pPr")]
    ppr = after.find(w("pPr"))
    at = 0 if ppr is None else list(after).index(ppr) + 1
    for offset, child in enumerate(content):
        after.insert(at + offset, child)
    _remove(paragraph)


def _remove(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    parent.remove(element)


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    if parent is None:
        return
    at = parent.index(element)
    for offset, child in enumerate(list(element)):
        parent.insert(at + offset, child)
    _remove(element)


def _restore(change: etree._Element) -> None:
    """Reject a property change: the properties become the old ones it records.

    A paragraph's mark properties (`w:rPr`) and section (`w:sectPr`) are not part of
    the recorded old `w:pPr` and stay.
    """
    owner = change.getparent()
    old = change[0] if len(change) else None
    _remove(change)
    if owner is None:
        return
    if change.tag in (w("numberingChange"), w("tblGridChange")) or old is None:
        if old is not None and change.tag == w("tblGridChange"):
            for child in list(owner):
                owner.remove(child)
            for child in list(old):
                owner.append(child)
        return
    kept = [child for child in owner if child.tag in (w("rPr"), w("sectPr"))] if owner.tag == w("pPr") else []
    for child in list(owner):
        owner.remove(child)
    for child in list(old):
        owner.append(child)
    for child in kept:
        owner.append(child)
