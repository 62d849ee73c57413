"""Reading one DOCX package into a `DocxDocument`: the main part and its relationships,
paragraphs and runs (text inside tracked changes included), styles, comments and notes.
Knows the XML; knows nothing of YAML or drafts.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath
from typing import Iterator

from lxml import etree

from draftkit.docxread.numbering import ListCounter
from draftkit.docxread.package import open_package, read_member
from draftkit.docxread.objects import paragraph_objects, table_rows
from draftkit.docxread.values import (PKG_REL, DocxComment, DocxDocument, DocxNote, DocxParagraph, DocxRevision,
                                      DocxRun, DocxStyle, DocxTable, date_or_none, int_or_none, on, val, w)
from draftkit.errors import InputError
from draftkit.render.tree import RevisionKind

def read_docx(path: Path) -> DocxDocument:
    """Read `path` as a DOCX, or raise `InputError` saying in one line why it cannot be read."""
    package = open_package(Path(path))
    with package:
        reader = _PackageReader(Path(path), package)
        return reader.document()


def read_package(path: Path) -> dict[str, bytes]:
    """Return every part of the DOCX at `path` (size limits applied, Strict names mapped to
    transitional); raise `InputError` when it is no DOCX."""
    package = open_package(Path(path))
    with package:
        reader = _PackageReader(Path(path), package)
        reader.main_body()
        for info in package.infolist():
            if not info.is_dir():
                reader.raw(info.filename)
        return dict(reader.parts)


def read_part(path: Path, name: str) -> bytes:
    """Return the bytes of one part of the package at `path` (size limits applied)."""
    with open_package(Path(path)) as package:
        return read_member(Path(path), package, name, [0])



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
        self.comments: dict[str, DocxComment] = {}
        self.targets: dict[str, tuple[str, bool]] = {}  # main part's relationship id → (part name or address, external)

    # parts

    def raw(self, name: str) -> bytes | None:
        if name not in self.names:
            return None
        if name not in self.parts:
            self.parts[name] = read_member(self.path, self.package, name, self.total)
        return self.parts[name]

    def xml(self, name: str) -> etree._Element | None:
        data = self.raw(name)
        if data is None:
            return None
        try:
            root = etree.fromstring(data, _PARSER)
            if root.getroottree().docinfo.doctype:
                # Word never writes one; its entities are not expanded, so text after one would vanish
                raise InputError(f"part {name} declares a DOCTYPE (XML entities), which no Word document has",
                                 where=self.path, fix="save the document again from Word or LibreOffice")
            return root
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

    def relationships(self, main: str) -> list[tuple[str, str, str, bool]]:
        """(id, type suffix, part name or external address, external) of the main part's relationships."""
        folder = PurePosixPath(main).parent
        rels = self.xml(str(folder / "_rels" / (PurePosixPath(main).name + ".rels")))
        out = []
        for rel in rels.iter(f"{{{PKG_REL}}}Relationship") if rels is not None else ():
            target, external = rel.get("Target", ""), rel.get("TargetMode") == "External"
            if not external:
                target = target.lstrip("/") if target.startswith("/") else _normalize(folder / target)
            out.append((rel.get("Id", ""), rel.get("Type", "").rsplit("/", 1)[-1], target, external))
        return out

    def target(self, rel_id: str) -> str:
        """What relationship `rel_id` of the main part points to: a part's bytes digest, or an address."""
        import hashlib

        name, external = self.targets.get(rel_id, ("", True))
        if external or name not in self.names:
            return name
        return hashlib.sha1(self.raw(name) or b"").hexdigest()

    def comment(self, cid: str) -> str:
        found = self.comments.get(cid)
        return f"{found.author}: {found.text}" if found else ""

    def headers(self, main: str) -> tuple[str, ...]:
        """The accepted text of each header and footer part."""
        out = []
        anchors, self.anchors = self.anchors, {}
        for _, kind, name, external in self.relationships(main):
            root = self.xml(name) if kind in ("header", "footer") and not external else None
            if root is not None:
                out.append("\n".join(p.text for p in self.paragraphs(((p, None) for p in root.iter(w("p"))),
                                                                     counting=False)))
        self.anchors = anchors
        return tuple(out)

    # document

    def main_body(self) -> tuple[str, etree._Element]:
        """The main part's name and its `w:body`; raise `InputError` when there is none."""
        main = self.main_part()
        if main not in self.names:
            raise InputError(f"not a DOCX file (its main part {main} is missing)", where=self.path,
                             fix="save it again from Word or LibreOffice")
        root = self.xml(main)
        assert root is not None
        body = root.find(w("body"))
        if root.tag != w("document") or body is None:
            raise InputError(f"not a DOCX file (part {main} is not a WordprocessingML document)", where=self.path)
        return main, body

    def document(self) -> DocxDocument:
        main, body = self.main_body()
        related = self.related(main)
        styles_root = self.xml(related["styles"]) if "styles" in related else None
        self.styles, default_lang = read_styles(styles_root)
        numbering_root = self.xml(related["numbering"]) if "numbering" in related else None
        self.counter = ListCounter(numbering_root, self.styles)
        comments = _read_comments(self.xml(related["comments"]) if "comments" in related else None)
        self.comments = comments
        self.targets = {rid: (name, external) for rid, _, name, external in self.relationships(main)}
        table_elements: list[etree._Element] = []
        paragraph_elements = list(_body_paragraphs(body, table_elements))
        paragraphs = self.paragraphs(iter(paragraph_elements))
        if not any(p.text.strip() or p.rejected_text.strip() for p in paragraphs):
            raise InputError("the DOCX has no paragraphs with text", where=self.path,
                             fix="check that this is the right file")
        anchored = _anchor_comments(comments, self.anchors)
        footnotes = self.notes(related.get("footnotes"), "footnote")
        endnotes = self.notes(related.get("endnotes"), "endnote")
        texts = {id(element): p.text for (element, _), p in zip(paragraph_elements, paragraphs)}
        bookmarks = _bookmarks(body, {id(element): p.index for (element, _), p in zip(paragraph_elements, paragraphs)})
        tables = []
        by_table: dict[int, list[int]] = {}  # one pass: a document of 20,000 tables is read in linear time
        for p in paragraphs:
            if p.table is not None:
                by_table.setdefault(p.table, []).append(p.index)
        for number, table in enumerate(table_elements):
            inside = by_table.get(number, [])
            tables.append(DocxTable(number, inside[0] if inside else len(paragraphs), len(inside),
                                    etree.tostring(table, encoding="unicode"),
                                    table_rows(table, lambda p: texts.get(id(p), ""))))
        headers = self.headers(main)
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
            tables=tuple(tables),
            headers=headers,
            bookmarks=bookmarks,
        )

    def paragraphs(self, elements: Iterator[tuple[etree._Element, int | None]], *, counting: bool = True
                   ) -> list[DocxParagraph]:
        out: list[DocxParagraph] = []
        self.fields: list[list] = []  # open complex fields of this story: [instruction, showing its result]
        for element, table in elements:
            out.append(self.paragraph(element, len(out), table, counting))
        return out

    def paragraph(self, p: etree._Element, index: int, table: int | None, counting: bool = True) -> DocxParagraph:
        ppr = p.find(w("pPr"))
        style_id = val(ppr, "pStyle") or ""
        style = self.styles.get(style_id)
        mark, mark_insertion = None, None
        if ppr is not None and ppr.find(w("rPr")) is not None:
            mark, mark_insertion = _revision_of(ppr.find(w("rPr")))
        runs = tuple(self.runs(p, index))
        deleted_whole = mark is not None and mark.kind in (RevisionKind.DELETE, RevisionKind.MOVE_FROM) and all(
            r.deleted for r in runs)
        numbering = self.counter.number(ppr, style_id, counting and not deleted_whole)
        objects = paragraph_objects(p, self.target, self.comment) if counting else ()
        return DocxParagraph(
            index=index,
            runs=runs,
            style_id=style_id,
            style_name=style.name if style else style_id,
            numbering=numbering,
            mark_revision=mark,
            mark_insertion=mark_insertion,
            properties_changed=ppr is not None and ppr.find(w("pPrChange")) is not None,
            in_table=table is not None,
            raw_ppr=etree.tostring(ppr, encoding="unicode") if ppr is not None else None,
            table=table,
            objects=objects,
            raw_xml=etree.tostring(p, encoding="unicode") if objects else None,
        )

    def runs(self, p: etree._Element, index: int) -> Iterator[DocxRun]:
        open_comments: list[str] = []
        for element, revision, insertion in _walk_runs(p, None):
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
            yield from self.run_pieces(element, revision, tuple(open_comments), index, insertion,
                                       _simple_field(element, p))

    def run_pieces(self, r: etree._Element, revision: DocxRevision | None, comments: tuple[str, ...],
                   index: int, insertion: DocxRevision | None = None, simple: str = "") -> Iterator[DocxRun]:
        """The runs of `r`: its text cut at note references and at field marks, each piece
        knowing the field whose result it shows (`simple`: the w:fldSimple around `r`)."""
        rpr = r.find(w("rPr"))
        base = dict(
            italic=self.flag(rpr, "i"),
            bold=self.flag(rpr, "b"),
            underline=val(rpr, "u") not in (None, "none"),
            strike=self.flag(rpr, "strike") or self.flag(rpr, "dstrike"),
            superscript=val(rpr, "vertAlign") == "superscript",
            subscript=val(rpr, "vertAlign") == "subscript",
            small_caps=self.flag(rpr, "smallCaps"),
            revision=revision,
            insertion=insertion,
            format_changed=rpr is not None and rpr.find(w("rPrChange")) is not None,
            comments=comments,
            raw_rpr=etree.tostring(rpr, encoding="unicode") if rpr is not None else None,
        )
        text: list[str] = []

        def field() -> str:
            top = self.fields[-1] if self.fields else None
            return (top[0].strip() or "?") if top is not None and top[1] else simple

        for child in r:
            tag = child.tag
            if tag == w("fldChar"):
                if text:
                    yield DocxRun(text="".join(text), field=field(), **base)
                    text = []
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    self.fields.append(["", False])
                elif kind == "separate" and self.fields:
                    self.fields[-1][1] = True
                elif kind == "end" and self.fields:
                    self.fields.pop()
            elif tag in (w("instrText"), w("delInstrText")):
                if self.fields:
                    self.fields[-1][0] += child.text or ""
            elif tag in (w("t"), w("delText")):
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
                char = _sym(code)
                if char is None:
                    raise InputError(f"paragraph {index + 1}: a symbol has the invalid character code {code[:12]!r}",
                                     where=self.path, fix="the file is damaged; save it again from Word or "
                                                          "LibreOffice, or retype the symbol")
                text.append(char)
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                if text:
                    yield DocxRun(text="".join(text), field=field(), **base)
                    text = []
                note = int_or_none(child.get(w("id")))
                kind = "footnote" if tag == w("footnoteReference") else "endnote"
                yield DocxRun(**{**base, kind: note})
            elif tag == w("commentReference"):
                self.anchors.setdefault(child.get(w("id"), ""), (index, []))
        if text:
            piece = "".join(text)
            for cid in comments:
                self.anchors.setdefault(cid, (index, []))[1].append(piece)
            yield DocxRun(text=piece, field=field(), **base)

    def flag(self, rpr: etree._Element | None, name: str) -> bool:
        """A toggle property set directly, or by the run's character style (and its parents)."""
        if rpr is not None and rpr.find(w(name)) is not None:
            return on(rpr.find(w(name)))
        style_id = val(rpr, "rStyle")
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
            number = int_or_none(note.get(w("id")))
            if number is None:
                continue
            paragraphs = self.paragraphs(((p, None) for p in note.iter(w("p"))), counting=False)
            out[number] = DocxNote(id=number, paragraphs=tuple(paragraphs))
        self.anchors = anchors
        return out


def _body_paragraphs(body: etree._Element, tables: list[etree._Element]) -> Iterator[tuple[etree._Element, int | None]]:
    """Body paragraphs in order, including those inside tables and content controls, each
    with the index of its table in `tables` (which collects the body's tables as they come)."""
    for child in body:
        tag = child.tag
        if tag == w("p"):
            yield child, None
        elif tag == w("tbl"):
            tables.append(child)
            for p in child.iter(w("p")):
                yield p, len(tables) - 1
        elif tag in (w("sdt"), w("customXml")):
            content = child.find(w("sdtContent")) if tag == w("sdt") else child
            if content is not None:
                yield from _body_paragraphs(content, tables)


def _bookmarks(body: etree._Element, index_of: dict[int, int]) -> dict[str, int]:
    """Bookmark name → index of the body paragraph where it starts (`index_of`: id of a body
    paragraph element → its index); a bookmark between paragraphs or rows belongs to the next
    paragraph. One pass in document order; the first start of a name counts."""
    out: dict[str, int] = {}
    pending: list[str] = []
    for element in body.iter(w("p"), w("bookmarkStart")):
        if element.tag == w("p"):
            at = index_of.get(id(element))
            if at is not None and pending:
                for name in pending:
                    out.setdefault(name, at)
                pending = []
            continue
        name = element.get(w("name"))
        if not name:
            continue
        parent = element.getparent()
        while parent is not None and parent is not body and id(parent) not in index_of:
            parent = parent.getparent()
        if parent is not None and id(parent) in index_of:
            out.setdefault(name, index_of[id(parent)])
        else:
            pending.append(name)
    return out


_RUN_CONTAINERS = {w(t) for t in ("hyperlink", "smartTag", "fldSimple", "customXml", "sdtContent", "sdt",
                                  "dir", "bdo")}
_REVISIONS = {w("ins"): RevisionKind.INSERT, w("del"): RevisionKind.DELETE,
              w("moveFrom"): RevisionKind.MOVE_FROM, w("moveTo"): RevisionKind.MOVE_TO}


_Walked = tuple[etree._Element, DocxRevision | None, DocxRevision | None]


def _walk_runs(parent: etree._Element, revision: DocxRevision | None,
               insertion: DocxRevision | None = None) -> Iterator[_Walked]:
    """`w:r` elements (and comment range marks) under a paragraph, with the revision around
    them and, for a deletion of inserted text (`w:ins` around `w:del`, or the reverse), that insertion."""
    for child in parent:
        tag = child.tag
        if tag == w("r"):
            yield child, revision, insertion
        elif tag in _REVISIONS:
            yield from _walk_runs(child, *_nested(revision, insertion, _revision(child, _REVISIONS[tag])))
        elif tag in (w("commentRangeStart"), w("commentRangeEnd")):
            yield child, revision, insertion
        elif tag in _RUN_CONTAINERS:
            yield from _walk_runs(child, revision, insertion)
        # pPr, bookmarks, proofErr, permStart, oMath…: no text of the paragraph itself


def _simple_field(r: etree._Element, p: etree._Element) -> str:
    """The instruction of the `w:fldSimple` holding run `r` inside paragraph `p`, '' when none."""
    parent = r.getparent()
    while parent is not None and parent is not p:
        if parent.tag == w("fldSimple"):
            return parent.get(w("instr"), "").strip() or "?"
        parent = parent.getparent()
    return ""


_GONE_ON_ACCEPT = (RevisionKind.DELETE, RevisionKind.MOVE_FROM)


def _nested(outer: DocxRevision | None, insertion: DocxRevision | None,
            inner: DocxRevision) -> tuple[DocxRevision | None, DocxRevision | None]:
    """(revision, insertion) inside `inner`: an insertion and a deletion nested either way
    make a deleted run that remembers the insertion (accepting all drops it, as pandoc does,
    and so does rejecting all); otherwise the inner revision counts."""
    if outer is not None and (inner.kind in _GONE_ON_ACCEPT) != (outer.kind in _GONE_ON_ACCEPT):
        return (inner, outer) if inner.kind in _GONE_ON_ACCEPT else (outer, inner)
    return inner, insertion


def _revision(element: etree._Element, kind: RevisionKind) -> DocxRevision:
    return DocxRevision(kind=kind, author=element.get(w("author"), ""), date=date_or_none(element.get(w("date"))),
                        id=element.get(w("id"), ""))


def _revision_of(rpr: etree._Element) -> tuple[DocxRevision | None, DocxRevision | None]:
    """The paragraph mark's revision, and the insertion it deletes when it has both."""
    found: tuple[DocxRevision | None, DocxRevision | None] = (None, None)
    for child in rpr:
        if child.tag in _REVISIONS:
            found = _nested(*found, _revision(child, _REVISIONS[child.tag]))
    return found


def _sym(code: str) -> str | None:
    """The character a `w:sym` names (hex code), '' for an empty code, |None| when it is no character."""
    if not code:
        return ""
    try:
        value = int(code, 16)
    except ValueError:
        return None
    # Symbol-font characters are stored in the private-use area F0xx.
    if 0xF020 <= value <= 0xF0FF:
        value -= 0xF000
    return chr(value) if 0 <= value <= 0x10FFFF else None


def _normalize(path: PurePosixPath) -> str:
    parts: list[str] = []
    for part in path.parts:
        if part == "..":
            if parts:
                parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)



def _with_comments(paragraph: DocxParagraph, comments: list[DocxComment]) -> DocxParagraph:
    if not comments:
        return paragraph
    return DocxParagraph(**{**paragraph.__dict__, "comments": tuple(comments)})


# --- styles, comments ---------------------------------------------------------------


def read_styles(root: etree._Element | None) -> tuple[dict[str, DocxStyle], str | None]:
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
            name=val(style, "name") or style_id,
            type=style.get(w("type"), "paragraph"),
            based_on=val(style, "basedOn"),
            num_id=val(num, "numId") if num is not None else None,
            level=int_or_none(val(num, "ilvl")) if num is not None else None,
            italic=on(italic) if italic is not None else None,
            bold=on(bold) if bold is not None else None,
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
        out[cid] = DocxComment(id=cid, author=comment.get(w("author"), ""), date=date_or_none(comment.get(w("date"))),
                               text="\n".join(t for t in texts if t.strip()).strip())
    return out


def _anchor_comments(comments: dict[str, DocxComment], anchors: dict[str, tuple[int, list[str]]]) -> dict[str, DocxComment]:
    out = {}
    for cid, comment in comments.items():
        index, pieces = anchors.get(cid, (None, []))
        out[cid] = DocxComment(id=comment.id, author=comment.author, date=comment.date, text=comment.text,
                               anchor="".join(pieces), paragraph=index)
    return out
