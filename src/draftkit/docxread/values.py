"""The values `docxread` gives: paragraphs, runs, list numbers, notes, comments, styles and
the document; plus the WordprocessingML names and small XML attribute helpers the readers share.
Knows no zip package and no YAML.
"""

from __future__ import annotations

from dataclasses import field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Mapping

from lxml import etree

from draftkit.records import record
from draftkit.render.tree import RevisionKind

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {"w": W, "r": R}


def w(tag: str) -> str:
    """Clark name of a WordprocessingML tag: w('p') → '{…/main}p'."""
    return f"{{{W}}}{tag}"


# --- values -------------------------------------------------------------------------


@record
class DocxRevision:
    """A tracked change on a run or a paragraph mark (`id` is the document's w:id)."""

    kind: RevisionKind
    author: str
    date: datetime | None
    id: str = ""


@record
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
    subscript: bool = False
    small_caps: bool = False
    footnote: int | None = None
    endnote: int | None = None
    revision: DocxRevision | None = None
    insertion: DocxRevision | None = None  # the insertion a deletion removes (one author deleting another's text)
    format_changed: bool = False
    comments: tuple[str, ...] = ()
    raw_rpr: str | None = None
    field: str = ""  # the instruction of the field whose result this text is ('PAGE', 'REF _Ref1 \\h'); '' for text


    @property
    def deleted(self) -> bool:
        """True when accepting all changes removes this run (w:del, w:moveFrom)."""
        return self.revision is not None and self.revision.kind in (RevisionKind.DELETE, RevisionKind.MOVE_FROM)

    @property
    def inserted(self) -> bool:
        """True when rejecting all changes removes this run (w:ins, w:moveTo, or a deletion inside one)."""
        return self.inserted_by is not None

    @property
    def inserted_by(self) -> DocxRevision | None:
        """The insertion that brought this run, if any (also when another change deletes it again)."""
        if self.revision is not None and self.revision.kind in (RevisionKind.INSERT, RevisionKind.MOVE_TO):
            return self.revision
        return self.insertion

    def revisions(self) -> tuple[DocxRevision, ...]:
        """Every tracked change on this run: its revision and the insertion it deletes."""
        return tuple(r for r in (self.revision, self.insertion) if r is not None)


@record
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


@record
class DocxComment:
    """A Word comment: who, when, what, and the text it is anchored on."""

    id: str
    author: str
    date: datetime | None
    text: str
    anchor: str = ""
    paragraph: int | None = None  # index of the paragraph where the anchor starts


@record
class DocxObject:
    """Something in a paragraph that is not plain text: an image or drawing, an embedded
    object, a comment anchor, a hyperlink, an equation, an endnote call.

    `kind` is one of OBJECT_KINDS; `detail` compares it between two documents (the
    image's bytes digest, the comment's author and text, the link's target).
    """

    kind: str
    detail: str = ""


#: The kinds of `DocxObject`, with the phrase that names one in messages.
OBJECT_KINDS = {"image": "an image", "object": "an embedded object", "comment": "a comment",
                "hyperlink": "a hyperlink", "equation": "an equation", "endnote": "an endnote"}


@record
class DocxTable:
    """A table of the body: its XML as written, its cell texts (accepted), and where it is.

    `first` is the index of its first paragraph and `count` how many paragraphs it holds.
    """

    index: int
    first: int
    count: int
    xml: str
    rows: tuple[tuple[str, ...], ...]


@record
class DocxParagraph:
    """One Word paragraph of the body (or of a note), in document order."""

    index: int
    runs: tuple[DocxRun, ...]
    style_id: str = ""
    style_name: str = ""
    numbering: DocxNumbering | None = None
    mark_revision: DocxRevision | None = None
    mark_insertion: DocxRevision | None = None  # when the mark is an insertion another change deletes
    properties_changed: bool = False
    comments: tuple[DocxComment, ...] = ()
    in_table: bool = False
    raw_ppr: str | None = None
    table: int | None = None  # index of the body table holding it (see DocxDocument.tables)
    objects: tuple[DocxObject, ...] = ()
    raw_xml: str | None = None  # the paragraph's XML, kept when it holds objects

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
        return self.mark_insertion is not None or (self.mark_revision is not None and self.mark_revision.kind in (
            RevisionKind.INSERT, RevisionKind.MOVE_TO))


@record
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


@record
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


@record
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
    tables: tuple[DocxTable, ...] = ()
    headers: tuple[str, ...] = ()  # accepted text of each header and footer part, in relationship order
    #: Bookmark name → index of the body paragraph where it starts (a bookmark standing between
    #: paragraphs: the next one); what a REF field's cross-reference points to.
    bookmarks: Mapping[str, int] = field(default_factory=dict)

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
            for revision in (paragraph.mark_insertion, paragraph.mark_revision,
                             *(r for run in paragraph.runs for r in run.revisions()[::-1])):
                if revision is not None:
                    seen.setdefault(revision.author)
        return list(seen)


def date_or_none(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def int_or_none(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def whole(value: str | None, *, signed: bool = False) -> int | None:
    """An id or count written in ASCII digits (with `signed`, maybe after a '-'), |None| for
    anything else: '²' passes str.isdigit() yet int() refuses it, as it refuses 4,300 digits."""
    if value is None:
        return None
    digits = value[1:] if signed and value.startswith("-") else value
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 18:
        return None
    return int(value)


def val(parent: etree._Element | None, tag: str) -> str | None:
    if parent is None:
        return None
    child = parent.find(w(tag))
    return None if child is None else child.get(w("val"))


def on(element: etree._Element | None) -> bool:
    """A toggle property is on: present, with no val or a true one (|False| when absent)."""
    return element is not None and element.get(w("val"), "true").lower() not in ("false", "0", "off", "none")



def _sibling(main: str, name: str) -> str:
    folder = PurePosixPath(main).parent
    return str(folder / name) if str(folder) != "." else name

