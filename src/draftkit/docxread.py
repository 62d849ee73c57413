"""Read any DOCX (Word, LibreOffice, pandoc, draftkit): paragraphs, styles, list numbers,
runs with formatting, footnotes, comments and tracked changes, as typed values.

The one DOCX reader of draftkit, shared by `diff` and `import`. It reads the XML itself
(python-docx drops text inside `w:ins`/`w:del`) and knows nothing of YAML or drafts.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Iterator, Mapping

from lxml import etree

from draftkit.errors import InputError
from draftkit.render.tree import RevisionKind

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {"w": W, "r": R}

#: A DOCX larger than this on disk is refused (resolutions are well under 5 MB).
MAX_FILE_BYTES = 100 * 1024 * 1024
#: Any XML part whose uncompressed size is declared above this is refused (zip bombs).
MAX_PART_BYTES = 64 * 1024 * 1024
#: Total uncompressed size of the parts read.
MAX_TOTAL_BYTES = 256 * 1024 * 1024

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag: w('p') → '{…/main}p'."""
    return f"{{{W}}}{tag}"


# --- values -------------------------------------------------------------------------


@dataclass(frozen=True)
class DocxRevision:
    """A tracked change on a run or a paragraph mark (`id` is the document's w:id)."""

    kind: RevisionKind
    author: str
    date: datetime | None
    id: str = ""


@dataclass(frozen=True)
class DocxRun:
    """A stretch of text with one formatting, or a note reference (`footnote`/`endnote` set, text '').

    Line breaks inside a paragraph are '\\n' and tabs '\\t' in `text`. `comments` names
    the ids of the comments whose anchored range covers this run.
    """

    text: str = ""
    italic: bool = False
    bold: bool = False
    underline: bool = False
    strike: bool = False
    superscript: bool = False
    footnote: int | None = None
    endnote: int | None = None
    revision: DocxRevision | None = None
    format_changed: bool = False
    comments: tuple[str, ...] = ()
    raw_rpr: str | None = None

    @property
    def deleted(self) -> bool:
        """True when accepting all changes removes this run (w:del, w:moveFrom)."""
        return self.revision is not None and self.revision.kind in (RevisionKind.DELETE, RevisionKind.MOVE_FROM)

    @property
    def inserted(self) -> bool:
        """True when rejecting all changes removes this run (w:ins, w:moveTo)."""
        return self.revision is not None and self.revision.kind in (RevisionKind.INSERT, RevisionKind.MOVE_TO)


@dataclass(frozen=True)
class DocxNumbering:
    """Word list numbering on a paragraph: which list, which level, and the label shown.

    `label` is the computed text Word shows ("5.", "(a)", "a)", "•"), counted in
    document order as if all tracked changes were accepted; '' when the format is none.
    """

    num_id: str
    level: int
    label: str
    format: str = "decimal"
    from_style: bool = False


@dataclass(frozen=True)
class DocxComment:
    """A Word comment: who, when, what, and the text it is anchored on."""

    id: str
    author: str
    date: datetime | None
    text: str
    anchor: str = ""
    paragraph: int | None = None  # index of the paragraph where the anchor starts


@dataclass(frozen=True)
class DocxParagraph:
    """One Word paragraph of the body (or of a note), in document order."""

    index: int
    runs: tuple[DocxRun, ...]
    style_id: str = ""
    style_name: str = ""
    numbering: DocxNumbering | None = None
    mark_revision: DocxRevision | None = None
    properties_changed: bool = False
    comments: tuple[DocxComment, ...] = ()
    in_table: bool = False
    raw_ppr: str | None = None

    @property
    def text(self) -> str:
        """The text with every tracked change accepted (note references excluded)."""
        return "".join(r.text for r in self.runs if not r.deleted)

    @property
    def rejected_text(self) -> str:
        """The text with every tracked change rejected (the version before the edits)."""
        return "".join(r.text for r in self.runs if not r.inserted)

    @property
    def has_revisions(self) -> bool:
        return self.mark_revision is not None or any(r.revision for r in self.runs)

    @property
    def mark_deleted(self) -> bool:
        """The paragraph mark is a tracked deletion: accepting joins this paragraph to the next."""
        return self.mark_revision is not None and self.mark_revision.kind in (
            RevisionKind.DELETE, RevisionKind.MOVE_FROM)

    @property
    def mark_inserted(self) -> bool:
        """The paragraph mark is a tracked insertion: rejecting joins this paragraph to the next."""
        return self.mark_revision is not None and self.mark_revision.kind in (
            RevisionKind.INSERT, RevisionKind.MOVE_TO)


@dataclass(frozen=True)
class DocxNote:
    """A footnote or endnote: its paragraphs (whose runs may carry revisions)."""

    id: int
    paragraphs: tuple[DocxParagraph, ...]

    @property
    def text(self) -> str:
        """Accepted text, paragraphs joined by a newline."""
        return "\n".join(p.text for p in self.paragraphs).strip()

    @property
    def rejected_text(self) -> str:
        return "\n".join(p.rejected_text for p in self.paragraphs).strip()


@dataclass(frozen=True)
class DocxStyle:
    """A style of the styles part: id, shown name, parent, and the list it attaches."""

    id: str
    name: str
    type: str = "paragraph"
    based_on: str | None = None
    num_id: str | None = None
    level: int | None = None
    italic: bool | None = None
    bold: bool | None = None


@dataclass(frozen=True)
class DocxDocument:
    """A whole DOCX as read: body paragraphs, notes, comments, and the raw parts to reuse.

    `parts` holds the bytes of the XML parts that were read (by name inside the
    package, e.g. 'word/styles.xml'), so a writer can keep a document's styles and
    numbering; `main_part` is the name of the document part.
    """

    path: Path
    paragraphs: tuple[DocxParagraph, ...]
    footnotes: Mapping[int, DocxNote] = field(default_factory=dict)
    endnotes: Mapping[int, DocxNote] = field(default_factory=dict)
    comments: Mapping[str, DocxComment] = field(default_factory=dict)
    styles: Mapping[str, DocxStyle] = field(default_factory=dict)
    parts: Mapping[str, bytes] = field(default_factory=dict)
    main_part: str = "word/document.xml"
    title: str = ""
    language: str | None = None

    @property
    def styles_xml(self) -> bytes | None:
        return self.parts.get(_sibling(self.main_part, "styles.xml"))

    @property
    def numbering_xml(self) -> bytes | None:
        return self.parts.get(_sibling(self.main_part, "numbering.xml"))

    @property
    def has_revisions(self) -> bool:
        notes = [*self.footnotes.values(), *self.endnotes.values()]
        return any(p.has_revisions for p in self.paragraphs) or any(
            p.has_revisions for n in notes for p in n.paragraphs)

    def authors(self) -> list[str]:
        """Authors of tracked changes, in order of first appearance."""
        seen: dict[str, None] = {}
        notes = [p for n in [*self.footnotes.values(), *self.endnotes.values()] for p in n.paragraphs]
        for paragraph in [*self.paragraphs, *notes]:
            if paragraph.mark_revision:
                seen.setdefault(paragraph.mark_revision.author)
            for run in paragraph.runs:
                if run.revision:
                    seen.setdefault(run.revision.author)
        return list(seen)


# --- reading ------------------------------------------------------------------------


def read_docx(path: Path) -> DocxDocument:
    """Read `path` as a DOCX, or raise `InputError` saying in one line why it cannot be read."""
    package = _open_package(Path(path))
    with package:
        reader = _PackageReader(Path(path), package)
        return reader.document()


def read_part(path: Path, name: str) -> bytes:
    """Return the bytes of one part of the package at `path` (size limits applied)."""
    with _open_package(Path(path)) as package:
        return _read_member(Path(path), package, name, [0])


def _open_package(path: Path) -> zipfile.ZipFile:
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise InputError("file not found", where=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a DOCX file", where=path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", where=path) from None
    if size > MAX_FILE_BYTES:
        raise InputError(
            f"file is {size // (1024 * 1024)} MB; draftkit reads DOCX files up to {MAX_FILE_BYTES // (1024 * 1024)} MB",
            where=path,
            fix="remove large images or save the text alone as a new DOCX",
        )
    if head.startswith(_OLE_MAGIC):
        if _is_encrypted_ole(path):
            raise InputError(
                "the DOCX is encrypted (password-protected)",
                where=path,
                fix="open it in Word, remove the password (File > Info > Protect Document) and save again",
            )
        raise InputError("is an old binary Word file (.doc), not a DOCX", where=path,
                         fix="open it in Word or LibreOffice and save it as .docx")
    if not head.startswith(b"PK"):
        raise InputError(f"not a DOCX file ({_sniff(head)})", where=path, fix="give a Word .docx file")
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"not a DOCX file (damaged zip package: {exc})", where=path,
                         fix="save it again from Word or LibreOffice") from None
    return package


def _sniff(head: bytes) -> str:
    if head.startswith(b"{\\rtf"):
        return "it is an RTF file"
    if head.startswith(b"%PDF"):
        return "it is a PDF"
    if head[:5].lower().startswith((b"<?xml", b"<html", b"<!doc")):
        return "it is an XML or HTML file"
    if not head:
        return "the file is empty"
    return "not a zip package"


def _is_encrypted_ole(path: Path) -> bool:
    """Word's encrypted DOCX is an OLE compound file holding an 'EncryptionInfo' stream."""
    with path.open("rb") as handle:
        data = handle.read(min(MAX_FILE_BYTES, 4 * 1024 * 1024))
    return "EncryptionInfo".encode("utf-16-le") in data or "EncryptedPackage".encode("utf-16-le") in data


def _read_member(path: Path, package: zipfile.ZipFile, name: str, total: list[int]) -> bytes:
    info = package.getinfo(name)
    if info.file_size > MAX_PART_BYTES or total[0] + info.file_size > MAX_TOTAL_BYTES:
        raise InputError(
            f"part {name} would unpack to {info.file_size // (1024 * 1024)} MB, beyond draftkit's limit"
            " (a damaged file or a zip bomb)",
            where=path,
            fix="save the document again from Word or LibreOffice",
        )
    total[0] += info.file_size
    try:
        return package.read(info)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
        raise InputError(f"cannot unpack part {name}: {exc}", where=path,
                         fix="save the document again from Word or LibreOffice") from None


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)


class _PackageReader:
    """Reads one open package; holds the parts, styles and numbering while paragraphs are built."""

    def __init__(self, path: Path, package: zipfile.ZipFile):
        self.path = path
        self.package = package
        self.names = set(package.namelist())
        self.total = [0]
        self.parts: dict[str, bytes] = {}
        # comment id → (paragraph index where its anchor starts, anchored text pieces)
        self.anchors: dict[str, tuple[int, list[str]]] = {}

    # parts

    def raw(self, name: str) -> bytes | None:
        if name not in self.names:
            return None
        if name not in self.parts:
            self.parts[name] = _read_member(self.path, self.package, name, self.total)
        return self.parts[name]

    def xml(self, name: str) -> etree._Element | None:
        data = self.raw(name)
        if data is None:
            return None
        try:
            return etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as exc:
            line = f" line {exc.lineno}" if getattr(exc, "lineno", None) else ""
            raise InputError(f"unreadable XML in part {name}{line}: {exc.msg}", where=self.path,
                             fix="the file is damaged; save it again from Word or LibreOffice") from None

    def main_part(self) -> str:
        rels = self.xml("_rels/.rels")
        if rels is not None:
            for rel in rels.iter(f"{{{PKG_REL}}}Relationship"):
                if rel.get("Type", "").endswith("/officeDocument"):
                    return rel.get("Target", "").lstrip("/")
        if "word/document.xml" in self.names:
            return "word/document.xml"
        raise InputError(f"not a DOCX file ({self._what_package()})", where=self.path,
                         fix="give a Word .docx file")

    def _what_package(self) -> str:
        if "mimetype" in self.names:
            kind = (self.raw("mimetype") or b"").decode("ascii", "replace").strip()
            if "opendocument.text" in kind:
                return "it is an OpenDocument .odt; save it as .docx"
            return f"it is an OpenDocument file ({kind})"
        if "xl/workbook.xml" in self.names:
            return "it is an Excel workbook"
        if "ppt/presentation.xml" in self.names:
            return "it is a PowerPoint presentation"
        return "a zip archive with no word/document.xml"

    def related(self, main: str) -> dict[str, str]:
        """Relationship type suffix ('footnotes', 'styles', …) → part name, for the main part."""
        folder = PurePosixPath(main).parent
        rels = self.xml(str(folder / "_rels" / (PurePosixPath(main).name + ".rels")))
        out: dict[str, str] = {}
        if rels is None:
            return out
        for rel in rels.iter(f"{{{PKG_REL}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            name = target.lstrip("/") if target.startswith("/") else _normalize(folder / target)
            out.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], name)
        return out

    # document

    def document(self) -> DocxDocument:
        main = self.main_part()
        if main not in self.names:
            raise InputError(f"not a DOCX file (its main part {main} is missing)", where=self.path,
                             fix="save it again from Word or LibreOffice")
        root = self.xml(main)
        assert root is not None
        body = root.find(w("body"))
        if root.tag != w("document") or body is None:
            raise InputError(f"not a DOCX file (part {main} is not a WordprocessingML document)", where=self.path)
        related = self.related(main)
        styles_root = self.xml(related["styles"]) if "styles" in related else None
        self.styles, default_lang = _read_styles(styles_root)
        numbering_root = self.xml(related["numbering"]) if "numbering" in related else None
        self.counter = _ListCounter(numbering_root, self.styles)
        comments = _read_comments(self.xml(related["comments"]) if "comments" in related else None)
        paragraphs = self.paragraphs(_body_paragraphs(body))
        if not any(p.text.strip() or p.rejected_text.strip() for p in paragraphs):
            raise InputError("the DOCX has no paragraphs with text", where=self.path,
                             fix="check that this is the right file")
        anchored = _anchor_comments(comments, self.anchors)
        footnotes = self.notes(related.get("footnotes"), "footnote")
        endnotes = self.notes(related.get("endnotes"), "endnote")
        title = ""
        core = self.xml("docProps/core.xml")
        if core is not None:
            title = next((el.text or "" for el in core if etree.QName(el).localname == "title"), "").strip()
        return DocxDocument(
            path=self.path,
            paragraphs=tuple(
                _with_comments(p, [c for c in anchored.values() if c.paragraph == p.index]) for p in paragraphs
            ),
            footnotes=footnotes,
            endnotes=endnotes,
            comments=anchored,
            styles=self.styles,
            parts=dict(self.parts),
            main_part=main,
            title=title,
            language=default_lang,
        )

    def paragraphs(self, elements: Iterator[tuple[etree._Element, bool]], *, counting: bool = True
                   ) -> list[DocxParagraph]:
        out: list[DocxParagraph] = []
        for element, in_table in elements:
            out.append(self.paragraph(element, len(out), in_table, counting))
        return out

    def paragraph(self, p: etree._Element, index: int, in_table: bool, counting: bool = True) -> DocxParagraph:
        ppr = p.find(w("pPr"))
        style_id = _val(ppr, "pStyle") or ""
        style = self.styles.get(style_id)
        mark = None
        if ppr is not None and ppr.find(w("rPr")) is not None:
            mark = _revision_of(ppr.find(w("rPr")))
        runs = tuple(self.runs(p, index))
        deleted_whole = mark is not None and mark.kind in (RevisionKind.DELETE, RevisionKind.MOVE_FROM) and all(
            r.deleted for r in runs)
        numbering = self.counter.number(ppr, style_id, counting and not deleted_whole)
        return DocxParagraph(
            index=index,
            runs=runs,
            style_id=style_id,
            style_name=style.name if style else style_id,
            numbering=numbering,
            mark_revision=mark,
            properties_changed=ppr is not None and ppr.find(w("pPrChange")) is not None,
            in_table=in_table,
            raw_ppr=etree.tostring(ppr, encoding="unicode") if ppr is not None else None,
        )

    def runs(self, p: etree._Element, index: int) -> Iterator[DocxRun]:
        open_comments: list[str] = []
        for element, revision in _walk_runs(p, None):
            tag = element.tag
            if tag == w("commentRangeStart"):
                cid = element.get(w("id"), "")
                open_comments.append(cid)
                self.anchors.setdefault(cid, (index, []))
                continue
            if tag == w("commentRangeEnd"):
                cid = element.get(w("id"), "")
                if cid in open_comments:
                    open_comments.remove(cid)
                self.anchors.setdefault(cid, (index, []))
                continue
            yield from self.run_pieces(element, revision, tuple(open_comments), index)

    def run_pieces(self, r: etree._Element, revision: DocxRevision | None, comments: tuple[str, ...],
                   index: int) -> Iterator[DocxRun]:
        rpr = r.find(w("rPr"))
        base = dict(
            italic=self.flag(rpr, "i"),
            bold=self.flag(rpr, "b"),
            underline=_val(rpr, "u") not in (None, "none"),
            strike=self.flag(rpr, "strike") or self.flag(rpr, "dstrike"),
            superscript=_val(rpr, "vertAlign") == "superscript",
            revision=revision,
            format_changed=rpr is not None and rpr.find(w("rPrChange")) is not None,
            comments=comments,
            raw_rpr=etree.tostring(rpr, encoding="unicode") if rpr is not None else None,
        )
        text: list[str] = []
        for child in r:
            tag = child.tag
            if tag in (w("t"), w("delText")):
                text.append(child.text or "")
            elif tag in (w("tab"), w("ptab")):
                text.append("\t")
            elif tag in (w("br"), w("cr")):
                text.append("\n")
            elif tag == w("noBreakHyphen"):
                text.append("\u2011")
            elif tag == w("softHyphen"):
                text.append("\u00ad")
            elif tag == w("sym"):
                code = child.get(w("char"), "")
                text.append(_sym(code))
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                if text:
                    yield DocxRun(text="".join(text), **base)
                    text = []
                note = _int(child.get(w("id")))
                kind = "footnote" if tag == w("footnoteReference") else "endnote"
                yield DocxRun(**{**base, kind: note})
            elif tag == w("commentReference"):
                self.anchors.setdefault(child.get(w("id"), ""), (index, []))
        if text:
            piece = "".join(text)
            for cid in comments:
                self.anchors.setdefault(cid, (index, []))[1].append(piece)
            yield DocxRun(text=piece, **base)

    def flag(self, rpr: etree._Element | None, name: str) -> bool:
        """A toggle property set directly, or by the run's character style (and its parents)."""
        if rpr is not None and rpr.find(w(name)) is not None:
            return _on(rpr.find(w(name)))
        style_id = _val(rpr, "rStyle")
        seen: set[str] = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self.styles.get(style_id)
            if style is None:
                break
            value = style.italic if name == "i" else style.bold if name == "b" else None
            if value is not None:
                return value
            style_id = style.based_on
        return False

    def notes(self, name: str | None, kind: str) -> dict[int, DocxNote]:
        root = self.xml(name) if name else None
        out: dict[int, DocxNote] = {}
        if root is None:
            return out
        anchors, self.anchors = self.anchors, {}  # comments inside notes are not anchored on body paragraphs
        for note in root.findall(w(kind)):
            if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            number = _int(note.get(w("id")))
            if number is None:
                continue
            paragraphs = self.paragraphs(((p, False) for p in note.iter(w("p"))), counting=False)
            out[number] = DocxNote(id=number, paragraphs=tuple(paragraphs))
        self.anchors = anchors
        return out


def _body_paragraphs(body: etree._Element) -> Iterator[tuple[etree._Element, bool]]:
    """Body paragraphs in order, including those inside tables and content controls."""
    for child in body:
        tag = child.tag
        if tag == w("p"):
            yield child, False
        elif tag == w("tbl"):
            for p in child.iter(w("p")):
                yield p, True
        elif tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent")) if tag == w("sdt") else child
            if content is not None:
                yield from _body_paragraphs(content)


_RUN_CONTAINERS = {w(t) for t in ("hyperlink", "smartTag", "fldSimple", "customXml", "sdtContent", "sdt",
                                  "dir", "bdo")}
_REVISIONS = {w("ins"): RevisionKind.INSERT, w("del"): RevisionKind.DELETE,
              w("moveFrom"): RevisionKind.MOVE_FROM, w("moveTo"): RevisionKind.MOVE_TO}


def _walk_runs(parent: etree._Element, revision: DocxRevision | None) -> Iterator[tuple[etree._Element, DocxRevision | None]]:
    """`w:r` elements (and comment range marks) under a paragraph, with the revision around them."""
    for child in parent:
        tag = child.tag
        if tag == w("r"):
            yield child, revision
        elif tag in _REVISIONS:
            yield from _walk_runs(child, _revision(child, _REVISIONS[tag]))
        elif tag in (w("commentRangeStart"), w("commentRangeEnd")):
            yield child, revision
        elif tag in _RUN_CONTAINERS:
            yield from _walk_runs(child, revision)
        # pPr, bookmarks, proofErr, permStart, oMath…: no text of the paragraph itself


def _revision(element: etree._Element, kind: RevisionKind) -> DocxRevision:
    return DocxRevision(kind=kind, author=element.get(w("author"), ""), date=_date(element.get(w("date"))),
                        id=element.get(w("id"), ""))


def _revision_of(rpr: etree._Element) -> DocxRevision | None:
    for child in rpr:
        if child.tag in _REVISIONS:
            return _revision(child, _REVISIONS[child.tag])
    return None


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _val(parent: etree._Element | None, tag: str) -> str | None:
    if parent is None:
        return None
    child = parent.find(w(tag))
    return None if child is None else child.get(w("val"))


def _on(element: etree._Element) -> bool:
    return element.get(w("val"), "true").lower() not in ("false", "0", "off", "none")


def _sym(code: str) -> str:
    try:
        value = int(code, 16)
    except ValueError:
        return ""
    # Symbol-font characters are stored in the private-use area F0xx.
    return chr(value - 0xF000) if 0xF020 <= value <= 0xF0FF else chr(value)


def _normalize(path: PurePosixPath) -> str:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)


def _sibling(main: str, name: str) -> str:
    folder = PurePosixPath(main).parent
    return str(folder / name) if str(folder) != "." else name


def _with_comments(paragraph: DocxParagraph, comments: list[DocxComment]) -> DocxParagraph:
    if not comments:
        return paragraph
    return DocxParagraph(**{**paragraph.__dict__, "comments": tuple(comments)})


# --- styles, comments ---------------------------------------------------------------


def _read_styles(root: etree._Element | None) -> tuple[dict[str, DocxStyle], str | None]:
    """Styles by id, and the document's default language (docDefaults), when given."""
    styles: dict[str, DocxStyle] = {}
    if root is None:
        return styles, None
    lang = None
    defaults = root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    if defaults is not None and defaults.find(w("lang")) is not None:
        lang = defaults.find(w("lang")).get(w("val"))
    for style in root.findall(w("style")):
        style_id = style.get(w("styleId"), "")
        ppr = style.find(w("pPr"))
        num = ppr.find(w("numPr")) if ppr is not None else None
        rpr = style.find(w("rPr"))
        italic = rpr.find(w("i")) if rpr is not None else None
        bold = rpr.find(w("b")) if rpr is not None else None
        styles[style_id] = DocxStyle(
            id=style_id,
            name=_val(style, "name") or style_id,
            type=style.get(w("type"), "paragraph"),
            based_on=_val(style, "basedOn"),
            num_id=_val(num, "numId") if num is not None else None,
            level=_int(_val(num, "ilvl")) if num is not None else None,
            italic=_on(italic) if italic is not None else None,
            bold=_on(bold) if bold is not None else None,
        )
    return styles, lang


def _read_comments(root: etree._Element | None) -> dict[str, DocxComment]:
    out: dict[str, DocxComment] = {}
    if root is None:
        return out
    for comment in root.findall(w("comment")):
        cid = comment.get(w("id"), "")
        texts = []
        for p in comment.iter(w("p")):
            texts.append("".join(t.text or "" for t in p.iter(w("t"))))
        out[cid] = DocxComment(id=cid, author=comment.get(w("author"), ""), date=_date(comment.get(w("date"))),
                               text="\n".join(t for t in texts if t.strip()).strip())
    return out


def _anchor_comments(comments: dict[str, DocxComment], anchors: dict[str, tuple[int, list[str]]]) -> dict[str, DocxComment]:
    out = {}
    for cid, comment in comments.items():
        index, pieces = anchors.get(cid, (None, []))
        out[cid] = DocxComment(id=comment.id, author=comment.author, date=comment.date, text=comment.text,
                               anchor="".join(pieces), paragraph=index)
    return out


# --- list numbering -----------------------------------------------------------------


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None
    legal: bool = False


class _ListCounter:
    """Computes Word's list labels in document order from numbering.xml.

    Lists (w:num) that share an abstract definition continue one another, as in
    Word; a w:num with a start override restarts that count where it is first used.
    """

    def __init__(self, root: etree._Element | None, styles: Mapping[str, DocxStyle]):
        self.styles = styles
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.style_links: dict[str, str] = {}
        self.nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self.counters: dict[str, dict[int, int]] = {}  # per abstract list: level → current count
        self.started: set[str] = set()
        if root is None:
            return
        for abstract in root.findall(w("abstractNum")):
            aid = abstract.get(w("abstractNumId"), "")
            self.abstract[aid] = {_int(lvl.get(w("ilvl"))) or 0: _level(lvl) for lvl in abstract.findall(w("lvl"))}
            link = _val(abstract, "numStyleLink")
            if link:
                self.style_links[aid] = link
        for num in root.findall(w("num")):
            starts: dict[int, int] = {}
            levels: dict[int, _Level] = {}
            for override in num.findall(w("lvlOverride")):
                ilvl = _int(override.get(w("ilvl"))) or 0
                start = _int(_val(override, "startOverride"))
                if start is not None:
                    starts[ilvl] = start
                lvl = override.find(w("lvl"))
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
            self.nums[num.get(w("numId"), "")] = (_val(num, "abstractNumId") or "", starts, levels)

    def number(self, ppr: etree._Element | None, style_id: str, count: bool) -> DocxNumbering | None:
        """The numbering of one paragraph (advancing the counters when `count`)."""
        num_id, level, from_style = self._num_pr(ppr, style_id)
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        abstract_id, starts, overrides = self.nums[num_id]
        levels = self._levels(abstract_id)
        if not levels and not overrides:
            return None
        levels = {**levels, **overrides}
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.started and starts:
            # a list with a start override restarts the shared list where it is first used
            self.started.add(num_id)
            for restarted in starts:
                counters.pop(restarted, None)
        current = counters.get(level)
        value = (current + 1) if current is not None else starts.get(level, levels.get(level, _Level()).start)
        if count:
            counters[level] = value
            for deeper in [k for k in counters if k > level]:
                restart = levels.get(deeper, _Level()).restart
                if restart != 0 and (restart is None or restart - 1 >= level):
                    del counters[deeper]
        # a paragraph left out of the count (deleted) shows the number it had
        shown = {**counters, level: value}
        lvl = levels.get(level, _Level())
        label = lvl.text
        if lvl.fmt == "none":
            label = ""
        elif lvl.fmt != "bullet":
            for k in range(9):
                if f"%{k + 1}" not in label:
                    continue
                other = levels.get(k, _Level())
                number = shown.get(k, starts.get(k, other.start))
                fmt = "decimal" if lvl.legal and k != level else other.fmt
                label = label.replace(f"%{k + 1}", format_number(number, fmt))
        return DocxNumbering(num_id=num_id, level=level, label=label, format=lvl.fmt, from_style=from_style)

    def _levels(self, abstract_id: str) -> dict[int, _Level]:
        levels = self.abstract.get(abstract_id, {})
        link = self.style_links.get(abstract_id)
        if link and link in self.styles and self.styles[link].num_id in self.nums:
            target = self.nums[self.styles[link].num_id or ""][0]
            if target != abstract_id:
                return self.abstract.get(target, levels)
        return levels

    def _num_pr(self, ppr: etree._Element | None, style_id: str) -> tuple[str | None, int, bool]:
        num = ppr.find(w("numPr")) if ppr is not None else None
        if num is not None and _val(num, "numId") is not None:
            level = _int(_val(num, "ilvl"))
            if level is None:
                level = self._style_level(style_id) or 0
            return _val(num, "numId"), level, False
        seen: set[str] = set()
        current = style_id
        while current and current not in seen:
            seen.add(current)
            style = self.styles.get(current)
            if style is None:
                break
            if style.num_id is not None:
                return style.num_id, style.level or 0, True
            current = style.based_on or ""
        return None, 0, False

    def _style_level(self, style_id: str) -> int | None:
        style = self.styles.get(style_id)
        return style.level if style else None


def _level(lvl: etree._Element) -> _Level:
    return _Level(
        start=_int(_val(lvl, "start")) or (0 if _val(lvl, "start") == "0" else 1),
        fmt=_val(lvl, "numFmt") or "decimal",
        text=_val(lvl, "lvlText") if _val(lvl, "lvlText") is not None else "",
        restart=_int(_val(lvl, "lvlRestart")),
        legal=lvl.find(w("isLgl")) is not None,
    )


def format_number(value: int, fmt: str) -> str:
    """Write `value` in a Word number format (decimal, lowerLetter, upperRoman, …)."""
    from draftkit.model import roman, subparagraph_label

    if fmt in ("lowerLetter", "upperLetter"):
        letters = subparagraph_label(max(value, 1) - 1, 1) if value > 0 else ""
        # Word repeats the letter past z (aa, bbb), unlike spreadsheet columns.
        if value > 26:
            letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        text = roman(value) if value > 0 else str(value)
        return text.upper() if fmt == "upperRoman" else text
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt == "ordinal":
        suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        return f"{value}{suffix}"
    return str(value)
