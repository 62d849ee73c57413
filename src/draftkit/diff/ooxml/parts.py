"""The two packages of a DOCX-to-DOCX redline: OLD as read, and the output, which starts as
NEW's package and receives what the redline brings from OLD (an image or a hyperlink of
deleted text, a style or a list definition of a deleted paragraph, a deleted note).

`Package` holds parts by name with their relationships and content types; `Imports`
brings OLD's resources into the output for one part, each once. Knows the Open Packaging
Conventions and where WordprocessingML refers to styles, lists and relationships.
"""

from __future__ import annotations

import copy
import posixpath
from dataclasses import dataclass, field
from urllib.parse import unquote

from lxml import etree

from draftkit.docxread.values import w, whole
from draftkit.errors import InputError
from draftkit.diff.ooxml.story import rel_ids
from draftkit.records import record

CT = "http://schemas.openxmlformats.org/package/2006/content-types"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPES = {
    "footnotes": "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
    "endnotes": "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
    "numbering": "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
    "styles": "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
}
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_blank_text=False)


@record
class Relationship:
    id: str
    type: str  # the last segment of the type ('image', 'hyperlink', 'footnotes')
    target: str  # a part name, or an external address
    external: bool
    full_type: str


def rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def resolve(source: str, target: str) -> str:
    target = unquote(target)
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


class Package:
    """Parts by name; XML parts parsed on demand and written back when changed."""

    def __init__(self, parts: dict[str, bytes], source: str = ""):
        self.parts = parts
        self.source = source  # the file, for messages
        self.trees: dict[str, etree._Element] = {}
        self._rels: dict[str, dict[str, Relationship]] = {}
        self._digests: dict[str, str] = {}

    def xml(self, name: str) -> etree._Element | None:
        if name not in self.trees:
            data = self.parts.get(name)
            if data is None:
                return None
            try:
                root = self.trees[name] = etree.fromstring(data, PARSER)
            except etree.XMLSyntaxError as exc:
                raise InputError(f"unreadable XML in part {name}: {exc.msg}", where=self.source or None,
                                 fix="the file is damaged; save it again from Word or LibreOffice") from None
            if root.getroottree().docinfo.doctype:  # as docxread: entities are not expanded, text would vanish
                raise InputError(f"part {name} declares a DOCTYPE (XML entities), which no Word document has",
                                 where=self.source or None, fix="save the document again from Word or LibreOffice")
        return self.trees[name]

    @property
    def main(self) -> str:
        for rel in self.relationships("").values():
            if rel.type == "officeDocument" and not rel.external:
                return rel.target
        return "word/document.xml"

    def relationships(self, part: str) -> dict[str, Relationship]:
        """The relationships of `part` ('' for the package's own) by id."""
        if part not in self._rels:
            root = self.xml(rels_name(part) if part else "_rels/.rels")
            found: dict[str, Relationship] = {}
            for rel in root.iter(f"{{{PKG_REL}}}Relationship") if root is not None else ():
                external = rel.get("TargetMode") == "External"
                target = rel.get("Target", "")
                full = rel.get("Type", "")
                found[rel.get("Id", "")] = Relationship(rel.get("Id", ""), full.rsplit("/", 1)[-1],
                                                        target if external else resolve(part or "/", target),
                                                        external, full)
            self._rels[part] = found
        return self._rels[part]

    def related(self, part: str, kind: str) -> str | None:
        """The part `part` relates to by relationship type `kind` ('styles', 'footnotes'…)."""
        return next((r.target for r in self.relationships(part).values() if r.type == kind and not r.external), None)

    def target(self, part: str, rel_id: str) -> str:
        """What relationship `rel_id` of `part` points to: an address, or the digest of a part."""
        rel = self.relationships(part).get(rel_id)
        if rel is None:
            return rel_id
        if rel.external:
            return rel.target
        if rel.target not in self._digests:
            import hashlib  # here: OpenSSL's import, paid only by documents with related parts

            self._digests[rel.target] = hashlib.sha1(self.parts.get(rel.target, b"")).hexdigest()
        return self._digests[rel.target]

    def content_type(self, name: str) -> str | None:
        root = self.xml("[Content_Types].xml")
        if root is None:
            return None
        for override in root.iter(f"{{{CT}}}Override"):
            if override.get("PartName", "").lower() == "/" + name.lower():
                return override.get("ContentType")
        ext = posixpath.basename(name).rsplit(".", 1)[-1].lower()
        for default in root.iter(f"{{{CT}}}Default"):
            if default.get("Extension", "").lower() == ext:
                return default.get("ContentType")
        return None

    # changing the output

    def add_relationship(self, part: str, kind: str, target: str, external: bool = False) -> str:
        """Relate `part` to `target` (a part name or an address); return the new id."""
        name = rels_name(part)
        root = self.xml(name)
        if root is None:
            root = self.trees[name] = etree.Element(f"{{{PKG_REL}}}Relationships", nsmap={None: PKG_REL})
            self.parts[name] = b""
        ids = set(self.relationships(part))
        number = len(ids) + 1
        while f"rIdDk{number}" in ids:
            number += 1
        rel_id = f"rIdDk{number}"
        value = target if external else posixpath.relpath(target, posixpath.dirname(part) or ".")
        attributes = {"Id": rel_id, "Type": kind, "Target": value}
        if external:
            attributes["TargetMode"] = "External"
        etree.SubElement(root, f"{{{PKG_REL}}}Relationship", attributes)
        self._rels.pop(part, None)
        return rel_id

    def add_part(self, name: str, data: bytes, content_type: str | None) -> None:
        self.parts[name] = data
        self.trees.pop(name, None)
        if content_type is None:
            return
        root = self.xml("[Content_Types].xml")
        ext = posixpath.basename(name).rsplit(".", 1)[-1].lower()
        defaults = {d.get("Extension", "").lower(): d.get("ContentType") for d in root.iter(f"{{{CT}}}Default")}
        if defaults.get(ext) == content_type:
            return
        if ext not in defaults and "." in posixpath.basename(name) and not name.endswith(".xml"):
            etree.SubElement(root, f"{{{CT}}}Default", {"Extension": ext, "ContentType": content_type})
            root[:] = sorted(root, key=lambda e: e.tag != f"{{{CT}}}Default")
            return
        etree.SubElement(root, f"{{{CT}}}Override", {"PartName": "/" + name, "ContentType": content_type})

    def fresh_name(self, folder: str, stem: str, ext: str) -> str:
        names = {n.lower() for n in self.parts}
        number = 1
        while f"{folder}/{stem}{number}.{ext}".lower() in names:
            number += 1
        return f"{folder}/{stem}{number}.{ext}"

    def serialize(self) -> dict[str, bytes]:
        """Every part as bytes, changed XML parts written again."""
        out = dict(self.parts)
        for name, root in self.trees.items():
            out[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return out


@dataclass
class Shared:
    """What every `Imports` of one redline shares: parts already copied, styles and lists
    already brought over, and the next free drawing id."""

    parts: dict[str, str] = field(default_factory=dict)  # OLD part name → output part name
    styles: dict[str, str] = field(default_factory=dict)
    nums: dict[str, str] = field(default_factory=dict)
    abstracts: dict[str, str] = field(default_factory=dict)
    drawing: int = 0


class Imports:
    """Brings what OLD's content of part `old_part` refers to into the output's `out_part`."""

    def __init__(self, old: Package, out: Package, old_part: str, out_part: str, shared: Shared):
        self.old, self.out = old, out
        self.old_part, self.out_part = old_part, out_part
        self.shared = shared
        self._rels: dict[str, str] = {}

    def element(self, element: etree._Element) -> etree._Element:
        """Fix, in place, the references of a copy of OLD's `element`; return it."""
        for inner, name in list(rel_ids(element)):
            inner.set(name, self.rel(inner.get(name)))
        for inner in element.iter(w("pStyle"), w("rStyle"), w("tblStyle")):
            inner.set(w("val"), self.style(inner.get(w("val"), "")))
        for inner in element.iter(w("numId")):
            inner.set(w("val"), self.num(inner.get(w("val"), "")))
        for inner in element.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"):
            inner.set("id", str(self.drawing_id()))
        for inner in element.iter(w("bookmarkStart"), w("bookmarkEnd")):  # apart from NEW's ids (renumbered later)
            inner.set(w("id"), "old" + inner.get(w("id"), ""))
        for inner in element.iter():
            for name in (f"{{{W14}}}paraId", f"{{{W14}}}textId"):
                inner.attrib.pop(name, None)
        return element

    def rel(self, rel_id: str) -> str:
        if rel_id in self._rels:
            return self._rels[rel_id]
        rel = self.old.relationships(self.old_part).get(rel_id)
        if rel is None:
            self._rels[rel_id] = rel_id
            return rel_id
        if rel.external:
            new_id = self.out.add_relationship(self.out_part, rel.full_type, rel.target, external=True)
        else:
            new_id = self.out.add_relationship(self.out_part, rel.full_type, self.part(rel.target))
        self._rels[rel_id] = new_id
        return new_id

    def part(self, name: str) -> str:
        """Copy OLD's part `name` (and what it relates to) into the output; return its name there.
        A part whose bytes the output already has is not copied again."""
        if name in self.shared.parts:
            return self.shared.parts[name]
        data = self.old.parts.get(name, b"")
        if "/media/" in f"/{name}":  # an image the output already has is shared (a chart, a note part is not)
            for existing, bytes_ in self.out.parts.items():
                if "/media/" in f"/{existing}" and bytes_ == data:
                    self.shared.parts[name] = existing
                    return existing
        folder, file = posixpath.split(name)
        stem, _, ext = file.rpartition(".")
        target = self.out.fresh_name(folder, (stem.rstrip("0123456789") or "part") + "-old", ext or "bin")
        self.shared.parts[name] = target
        self.out.add_part(target, data, self.old.content_type(name) or "application/octet-stream")
        inner = Imports(self.old, self.out, name, target, self.shared)
        root = None
        for rel in self.old.relationships(name).values():
            if root is None and target.endswith(".xml"):
                root = etree.fromstring(data, PARSER)
            inner.rel(rel.id)
        if root is not None:
            for element, attribute in list(rel_ids(root)):
                element.set(attribute, inner.rel(element.get(attribute)))
            self.out.trees[target] = root
        return target

    def style(self, style_id: str) -> str:
        """The output's id for OLD's style `style_id`: the same when the output has it,
        else OLD's definition (with the styles it is based on) copied in."""
        if style_id in self.shared.styles:
            return self.shared.styles[style_id]
        self.shared.styles[style_id] = style_id
        out_root = self.out.xml(self.out.related(self.out.main, "styles") or "")
        old_root = self.old.xml(self.old.related(self.old.main, "styles") or "")
        if out_root is None or old_root is None:
            return style_id
        have = {s.get(w("styleId")) for s in out_root.iter(w("style"))}
        if style_id in have:
            return style_id
        found = next((s for s in old_root.iter(w("style")) if s.get(w("styleId")) == style_id), None)
        if found is None:
            return style_id
        definition = copy.deepcopy(found)
        definition.attrib.pop(w("default"), None)
        out_root.append(definition)
        for ref in definition.iter(w("basedOn"), w("next"), w("link")):
            ref.set(w("val"), self.style(ref.get(w("val"), "")))
        for inner in definition.iter(w("numId")):
            inner.set(w("val"), self.num(inner.get(w("val"), "")))
        return style_id

    def num(self, num_id: str) -> str:
        """The output's numId for OLD's list `num_id`: OLD's definition copied into the
        output's numbering part under new ids (the output's own ids mean other lists)."""
        if num_id in ("0", "") or num_id in self.shared.nums:
            return self.shared.nums.get(num_id, num_id)
        old_root = self.old.xml(self.old.related(self.old.main, "numbering") or "")
        num = next((n for n in old_root.iter(w("num")) if n.get(w("numId")) == num_id), None) \
            if old_root is not None else None
        if num is None:
            self.shared.nums[num_id] = "0"
            return "0"
        out_root = self._numbering()
        same = _equivalent_num(old_root, num, out_root)
        if same is not None:
            self.shared.nums[num_id] = same
            return same
        abstract_id = num.find(w("abstractNumId")).get(w("val")) if num.find(w("abstractNumId")) is not None else ""
        if abstract_id not in self.shared.abstracts:
            abstract = next((a for a in old_root.iter(w("abstractNum")) if a.get(w("abstractNumId")) == abstract_id),
                            None)
            new_abstract = str(1 + max((number for a in out_root.iter(w("abstractNum"))
                                        if (number := whole(a.get(w("abstractNumId")))) is not None), default=-1))
            self.shared.abstracts[abstract_id] = new_abstract
            if abstract is not None:
                copied = copy.deepcopy(abstract)
                copied.set(w("abstractNumId"), new_abstract)
                for nsid in copied.iter(w("nsid")):
                    copied.remove(nsid)
                for ref in copied.iter(w("pStyle"), w("rStyle")):
                    ref.set(w("val"), self.style(ref.get(w("val"), "")))
                first_num = out_root.find(w("num"))
                if first_num is not None:
                    first_num.addprevious(copied)
                else:
                    out_root.append(copied)
        new_num = str(1 + max((number for n in out_root.iter(w("num"))
                               if (number := whole(n.get(w("numId")))) is not None), default=0))
        copied = copy.deepcopy(num)
        copied.set(w("numId"), new_num)
        abstract_ref = copied.find(w("abstractNumId"))
        if abstract_ref is not None:
            abstract_ref.set(w("val"), self.shared.abstracts[abstract_id])
        before = out_root.find(w("numIdMacAtCleanup"))
        if before is not None:
            before.addprevious(copied)
        else:
            out_root.append(copied)
        self.shared.nums[num_id] = new_num
        return new_num

    def _numbering(self) -> etree._Element:
        name = self.out.related(self.out.main, "numbering")
        if name is None:
            name = posixpath.join(posixpath.dirname(self.out.main), "numbering.xml")
            self.out.add_part(name, b"", TYPES["numbering"])
            self.out.trees[name] = etree.Element(w("numbering"), nsmap={"w": w("")[1:-1]})
            self.out.add_relationship(self.out.main, f"{REL_TYPES}/numbering", name)
        return self.out.xml(name)

    def drawing_id(self) -> int:
        if not self.shared.drawing:
            self.shared.drawing = max_drawing_id(self.out) + 1000
        self.shared.drawing += 1
        return self.shared.drawing


W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


def _equivalent_num(old_root: etree._Element, num: etree._Element, out_root: etree._Element) -> str | None:
    """The output's list that numbers like OLD's `num` (same levels; the same numId first,
    as both documents usually share their lists): OLD's paragraphs then count in it."""
    wanted = _num_signature(old_root, num)
    nums = list(out_root.iter(w("num")))
    nums.sort(key=lambda n: n.get(w("numId")) != num.get(w("numId")))
    for candidate in nums:
        if _num_signature(out_root, candidate) == wanted:
            return candidate.get(w("numId"))
    return None


def _num_signature(root: etree._Element, num: etree._Element) -> tuple:
    ref = num.find(w("abstractNumId"))
    abstract_id = ref.get(w("val")) if ref is not None else ""
    abstract = next((a for a in root.iter(w("abstractNum")) if a.get(w("abstractNumId")) == abstract_id), None)
    levels = []
    for lvl in abstract.iter(w("lvl")) if abstract is not None else ():
        values = tuple(lvl.find(w(t)).get(w("val"), "") if lvl.find(w(t)) is not None else ""
                       for t in ("start", "numFmt", "lvlText", "lvlRestart"))
        levels.append((lvl.get(w("ilvl")), values))
    overrides = tuple(etree.tostring(o) for o in num.findall(w("lvlOverride")))
    return tuple(levels), overrides


def max_drawing_id(package: Package) -> int:
    """The largest `wp:docPr` id in the output's document parts (ids a copy must not reuse)."""
    found = 0
    for name, data in package.parts.items():
        if name.endswith(".xml") and b"docPr" in data:
            root = package.xml(name)
            for element in root.iter("{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"):
                value = whole(element.get("id"))
                if value is not None:
                    found = max(found, value)
    return found
