"""The last check before any DOCX leaves draftkit: the package is whole.

Every writer (build, compile, diff, PDF through LibreOffice) zips its parts through
`render.docx.zip_parts`, which calls `check_package` first. A failure here is draftkit's
own bug, never the user's: it raises `InternalError` (exit 3) and nothing is written.
Knows the Open Packaging Conventions and the WordprocessingML ids that must be unique;
knows nothing of drafts or diffs.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from typing import Iterable, Mapping
from urllib.parse import unquote

from lxml import etree

from draftkit.errors import InternalError

_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R_NAMESPACES = ("http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                 "http://purl.oclc.org/ooxml/officeDocument/relationships")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)

#: Elements whose w:id is a revision: unique across the whole document.
_REVISIONS = tuple(f"{{{_W}}}{tag}" for tag in (
    "ins", "del", "moveFrom", "moveTo", "pPrChange", "rPrChange", "sectPrChange", "tblPrChange",
    "tblGridChange", "trPrChange", "tcPrChange", "tblPrExChange", "cellIns", "cellDel", "cellMerge",
    "numberingChange", "moveFromRangeStart", "moveToRangeStart"))
_RANGE_ENDS = {f"{{{_W}}}moveFromRangeStart": f"{{{_W}}}moveFromRangeEnd",
               f"{{{_W}}}moveToRangeStart": f"{{{_W}}}moveToRangeEnd"}
_STORY_TYPES = ("document.main+xml", "header+xml", "footer+xml", "footnotes+xml", "endnotes+xml",
                "comments+xml", "document.macroEnabled.main+xml", "template.main+xml")
_NOTE_REFERENCES = {"footnotes": f"{{{_W}}}footnoteReference", "endnotes": f"{{{_W}}}endnoteReference"}


def check_package(parts: Mapping[str, bytes]) -> None:
    """Raise `InternalError` unless `parts` (name → bytes, as zipped) make a sound DOCX:
    every XML part parses, content types cover every part, every relationship's target
    exists and every referenced relationship id is defined, and the ids Word requires
    to be unique (revisions, bookmarks, move ranges, notes, comments) are unique and
    every note and comment reference has its note or comment."""
    problems = list(_problems(parts))
    if problems:
        raise InternalError(
            f"draftkit made a damaged DOCX ({problems[0]}"
            + (f"; and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''}" if len(problems) > 1 else "")
            + "); nothing was written",
            fix="this is a bug in draftkit: please report it with the input files")


def _problems(parts: Mapping[str, bytes]) -> Iterable[str]:
    names = {name.lower(): name for name in parts}
    trees: dict[str, etree._Element] = {}
    types = _content_types(parts)
    if types is None:
        yield "no [Content_Types].xml"
        return
    defaults, overrides = types
    kinds: dict[str, str] = {}
    for name, data in parts.items():
        if name == "[Content_Types].xml":
            continue
        kind = overrides.get("/" + name.lower()) or defaults.get(_extension(name))
        if kind is None:
            yield f"part {name} has no content type"
            continue
        kinds[name] = kind
        if kind.endswith("xml") or name.endswith((".xml", ".rels")):
            try:
                trees[name] = etree.fromstring(data, _PARSER)
            except etree.XMLSyntaxError as exc:
                yield f"part {name} is not well-formed XML: {exc.msg}"
    for part in overrides:
        if part.lstrip("/") not in names:
            yield f"[Content_Types].xml names a missing part {part}"
    relationship_ids: dict[str, set[str]] = {}
    for name, root in trees.items():
        if not name.endswith(".rels"):
            continue
        source = _rels_source(name)
        if source is None:
            continue
        if source and source.lower() not in names:
            yield f"relationships {name} belong to a missing part {source}"
        ids = Counter()
        for rel in root.iter(f"{_PKG_REL}Relationship"):
            ids[rel.get("Id", "")] += 1
            if rel.get("TargetMode") == "External":
                continue
            target = _resolve(source, rel.get("Target", ""))
            if target.lower() not in names:
                yield f"relationship {rel.get('Id')} of {source or 'the package'} points at a missing part {target}"
        for rel_id, count in ids.items():
            if count > 1:
                yield f"relationship id {rel_id} is used {count} times in {name}"
        relationship_ids[source] = set(ids)
    yield from _references(trees, relationship_ids)
    yield from _unique_ids(trees, kinds)


def _content_types(parts: Mapping[str, bytes]) -> tuple[dict[str, str], dict[str, str]] | None:
    data = parts.get("[Content_Types].xml")
    if data is None:
        return None
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError:
        return {}, {}
    defaults = {d.get("Extension", "").lower(): d.get("ContentType", "") for d in root.iter(f"{_CT}Default")}
    overrides = {o.get("PartName", "").lower(): o.get("ContentType", "") for o in root.iter(f"{_CT}Override")}
    return defaults, overrides


def _extension(name: str) -> str:
    file = posixpath.basename(name)
    return file.rsplit(".", 1)[1].lower() if "." in file else ""


def _rels_source(name: str) -> str | None:
    """'word/_rels/document.xml.rels' → 'word/document.xml'; '_rels/.rels' → '' (the package)."""
    folder, file = posixpath.split(name)
    if posixpath.basename(folder) != "_rels" or not file.endswith(".rels"):
        return None
    return posixpath.join(posixpath.dirname(folder), file[: -len(".rels")]).lstrip("/")


def _resolve(source: str, target: str) -> str:
    target = unquote(target.split("#", 1)[0])
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


def _references(trees: Mapping[str, etree._Element], relationship_ids: Mapping[str, set[str]]) -> Iterable[str]:
    """Every r:id / r:embed / r:link … in a part names a relationship of that part."""
    for name, root in trees.items():
        if name.endswith(".rels") or name == "[Content_Types].xml":
            continue
        used = root.xpath("//@*[namespace-uri()=$a or namespace-uri()=$b]", a=_R_NAMESPACES[0], b=_R_NAMESPACES[1])
        if not used:
            continue
        defined = relationship_ids.get(name, set())
        for value in sorted(set(map(str, used)) - defined):
            if value:
                yield f"part {name} refers to relationship {value}, which it does not have"


def _unique_ids(trees: Mapping[str, etree._Element], kinds: Mapping[str, str]) -> Iterable[str]:
    stories = [name for name, kind in kinds.items() if kind.endswith(_STORY_TYPES) and name in trees]
    revisions: Counter[str] = Counter()
    notes: dict[str, set[str]] = {}
    comments: set[str] | None = None
    for name in stories:
        root = trees[name]
        kind = kinds[name]
        for element in root.iter(*_REVISIONS):
            revisions[element.get(f"{{{_W}}}id", "")] += 1
        bookmarks = Counter(b.get(f"{{{_W}}}id", "") for b in root.iter(f"{{{_W}}}bookmarkStart"))
        for bookmark, count in bookmarks.items():
            if count > 1:
                yield f"bookmark id {bookmark} is used {count} times in {name}"
        for start, end in _RANGE_ENDS.items():
            starts = {e.get(f"{{{_W}}}id") for e in root.iter(start)}
            ends = {e.get(f"{{{_W}}}id") for e in root.iter(end)}
            if starts != ends:
                yield f"a move range in {name} is not closed"
        for note_kind in ("footnotes", "endnotes"):
            if kind.endswith(f"{note_kind}+xml"):
                tag = f"{{{_W}}}{note_kind[:-1]}"
                found = Counter(n.get(f"{{{_W}}}id", "") for n in root.iter(tag))
                notes[note_kind] = set(found)
                for note, count in found.items():
                    if count > 1:
                        yield f"{note_kind[:-1]} id {note} is used {count} times in {name}"
        if kind.endswith("comments+xml"):
            comments = {c.get(f"{{{_W}}}id", "") for c in root.iter(f"{{{_W}}}comment")}
    for revision, count in revisions.items():
        if count > 1:
            yield f"revision id {revision} is used {count} times"
    for name in stories:
        root = trees[name]
        for note_kind, tag in _NOTE_REFERENCES.items():
            for reference in root.iter(tag):
                if reference.get(f"{{{_W}}}id", "") not in notes.get(note_kind, set()):
                    yield f"{name} calls {note_kind[:-1]} {reference.get(f'{{{_W}}}id')}, which is missing"
        marks = root.iter(f"{{{_W}}}commentReference", f"{{{_W}}}commentRangeStart")
        for mark in marks:
            if comments is None or mark.get(f"{{{_W}}}id", "") not in comments:
                yield f"{name} anchors comment {mark.get(f'{{{_W}}}id')}, which is missing"
