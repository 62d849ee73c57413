"""The legend of a DOCX-to-DOCX redline in NEW's own package: the first page's header says
each author and how many paragraphs they changed, as a redline of drafts does
(`diff.legend`), leaving the body exactly the tracked text."""

from __future__ import annotations

import copy
from dataclasses import replace
from pathlib import PurePath

from lxml import etree

from draftkit.diff.changes import Comparison
from draftkit.diff.legend import legend_text
from draftkit.diff.ooxml.parts import REL_TYPES, Package, rels_name
from draftkit.docxread.values import R, W, w
from draftkit.languages import known

_HEADER = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
_FOOTER = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
#: Elements whose w:id is a revision's (unique in the whole document).
_REVISIONS = tuple(w(tag) for tag in ("ins", "del", "moveFrom", "moveTo", "pPrChange", "rPrChange", "sectPrChange",
                                      "tblPrChange", "tblGridChange", "trPrChange", "tcPrChange", "tblPrExChange",
                                      "cellIns", "cellDel", "cellMerge", "numberingChange", "moveFromRangeStart",
                                      "moveToRangeStart"))
#: What follows `w:titlePg` in a `w:sectPr` (schema order).
_AFTER_TITLE_PG = ("textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange")


def package_language(package: Package) -> str:
    """The language of NEW's text by its default run properties ('fr' for fr-FR), for the
    legend's words; English when it says none draftkit has words for."""
    styles = package.xml(package.related(package.main, "styles") or "")
    found = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('lang')}") if styles is not None else None
    code = (found.get(w("val")) or "").split("-")[0].lower() if found is not None else ""
    return code if code and known(code) else "en"


def legend_in_package(package: Package, comparison: Comparison, ids: list[int]) -> None:
    """Begin a DOCX-to-DOCX redline (NEW's package, see `diff.ooxml`) with the legend, as
    a redline of drafts does: the first page's header becomes a copy of the header page 1
    showed, the legend its first paragraph, so the body and every other page stay as NEW
    has them. When page 1 had no header of its own (no `w:titlePg`), the section now has
    one, and page 1 keeps its footer through a copy of the default footer. A copy's tracked
    changes take fresh revision ids after `ids[0]` (the last one written)."""
    main = package.main
    body = package.xml(main).find(w("body"))
    section = next((found for p in body.iter(w("p")) if (found := p.find(f"{w('pPr')}/{w('sectPr')}")) is not None),
                   None)
    if section is None:
        section = body.find(w("sectPr"))
    if section is None:
        section = etree.SubElement(body, w("sectPr"))
    rels = package.relationships(main)

    def reference(kind: str, place: str):
        return next((ref for ref in section.findall(w(f"{kind}Reference")) if ref.get(w("type"), "default") == place),
                    None)

    def copied(kind: str, ref, first: list) -> str:
        """A new header or footer part: the part `ref` points to (its relationships too), or an
        empty one; `first` paragraphs go before its content."""
        rel = rels.get(ref.get(f"{{{R}}}id", "")) if ref is not None else None
        source = package.xml(rel.target) if rel is not None and not rel.external else None
        name = package.fresh_name("word", kind, "xml")
        if source is not None:
            root = copy.deepcopy(source)
            ranges: dict[tuple[str, str | None], str] = {}
            for element in root.iter(*_REVISIONS):  # a revision id is unique in the whole document
                ids[0] += 1
                ranges[(etree.QName(element).localname, element.get(w("id")))] = str(ids[0])
                element.set(w("id"), str(ids[0]))
            for kind in ("moveFrom", "moveTo"):  # a move range's end goes with its start
                for end in root.iter(w(f"{kind}RangeEnd")):
                    end.set(w("id"), ranges.get((f"{kind}RangeStart", end.get(w("id"))), end.get(w("id"))))
            if rels_name(rel.target) in package.parts:
                shown = package.trees.get(rels_name(rel.target))
                package.parts[rels_name(name)] = (etree.tostring(shown, xml_declaration=True, encoding="UTF-8")
                                                  if shown is not None else package.parts[rels_name(rel.target)])
        else:
            root = etree.Element(w("hdr" if kind == "header" else "ftr"), nsmap={"w": W, "r": R})
        for index, paragraph in enumerate(first):
            root.insert(index, paragraph)
        if not len(root):
            etree.SubElement(root, w("p"))
        package.add_part(name, b"", _HEADER if kind == "header" else _FOOTER)
        package.trees[name] = root
        return package.add_relationship(main, f"{REL_TYPES}/{kind}", name)

    def refer(kind: str, rel_id: str) -> None:
        old = reference(kind, "first")
        if old is not None:
            section.remove(old)
        element = etree.Element(w(f"{kind}Reference"), {w("type"): "first", f"{{{R}}}id": rel_id})
        section.insert(0, element)

    title_page = section.find(w("titlePg"))
    own_first = title_page is not None and title_page.get(w("val"), "true").lower() not in ("false", "0", "off")
    paragraph = etree.Element(w("p"))
    named = replace(comparison, old_name=PurePath(comparison.old_name).name or comparison.old_name,
                    new_name=PurePath(comparison.new_name).name or comparison.new_name)  # the files, not their folders
    for run in legend_text(named, package_language(package)):
        element = etree.SubElement(paragraph, w("r"))
        if run.bold:
            properties = etree.SubElement(element, w("rPr"))
            etree.SubElement(properties, w("b"))
        text = etree.SubElement(element, w("t"))
        text.text = run.text
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    header = copied("header", reference("header", "first" if own_first else "default"), [paragraph])
    if not own_first:
        footer = reference("footer", "default")
        if footer is not None:
            refer("footer", copied("footer", footer, []))
        if title_page is not None:
            section.remove(title_page)
        title_page = etree.Element(w("titlePg"))
        after = next((child for child in section if etree.QName(child).localname in _AFTER_TITLE_PG), None)
        if after is not None:
            after.addprevious(title_page)
        else:
            section.append(title_page)
    refer("header", header)
