"""The neutral document tree between a draft and its outputs (DOCX, markdown, text).

A `DocTree` is a flat list of `Block`s (one per Word paragraph) made of `Run`s, plus
the footnotes they call. Runs and paragraph marks may carry a `Revision`, so the same
tree type describes a plain rendering and a tracked-changes comparison; the writers
(`render.docx`, `render.text`) turn it into files without knowing where it came from.

For DOCX files draftkit did not write, `Block.raw_ppr` / `Run.raw_rpr` carry the
original paragraph/run properties (serialized `w:pPr` / `w:rPr` XML), so a redline
of foreign documents keeps their formatting.
"""

from __future__ import annotations

import enum
from dataclasses import replace
from datetime import datetime

from draftkit.inline import Style
from draftkit.records import record


#: Stand-ins a running head's text holds for Word's PAGE and NUMPAGES fields.
PAGE, NUMPAGES = "\ue000", "\ue001"


class RevisionKind(enum.Enum):
    INSERT = "ins"
    DELETE = "del"
    MOVE_FROM = "moveFrom"
    MOVE_TO = "moveTo"
    FORMAT = "pPrChange"  # paragraph properties changed (see `FormatChange`)
    RUN_FORMAT = "rPrChange"  # run properties changed (see `StyleChange`)


@record
class Revision:
    """A tracked change: who made it and when (`move` names the pair of a move)."""

    kind: RevisionKind
    author: str
    date: datetime
    move: str | None = None


class Role(enum.Enum):
    """What a block is; the DOCX writer maps each role to a style of the reference DOCX."""

    HEADER = "header"  # heading block lines above the title (assembly, place, dates, symbol)
    TITLE = "title"
    SUBTITLE = "subtitle"  # "Resolution adopted …", "Draft resolution submitted by …"
    AUTHORING = "authoring"  # "The 143rd Assembly of the Inter-Parliamentary Union,"
    PREAMBULAR = "preambular"
    OPERATIVE = "operative"
    SUBPARAGRAPH = "subparagraph"
    CLOSING = "closing"
    ANNEX_TITLE = "annex-title"  # "Annex", "Annex I": starts a new page
    ANNEX = "annex"  # a paragraph or a table of an annex (see Block.table)
    SECTION_BREAK = "section-break"  # ends the resolution's section: what follows is a document of its own
    MEMORANDUM = "memorandum"  # a numbered paragraph of the explanatory memorandum ("M3")
    BODY = "body"  # any other paragraph (foreign documents)


@record
class Run:
    """A stretch of text with one formatting, or a footnote reference when `footnote` is set.

    `was` is a tracked formatting change (Word's `w:rPrChange`): the revision and the
    style the run had before ("italic added": `was.style` is roman, the run italic).
    """

    text: str = ""
    italic: bool = False
    bold: bool = False
    footnote: int | None = None  # the number of the footnote this run calls
    revision: Revision | None = None
    raw_rpr: str | None = None
    superscript: bool = False
    subscript: bool = False
    small_caps: bool = False
    was: "StyleChange | None" = None

    @property
    def style(self) -> Style:
        """The run's formatting as one `inline.Style` value."""
        return _STYLES[(self.italic, self.bold, self.superscript, self.subscript, self.small_caps)]

    def styled(self, style: Style) -> "Run":
        """This run with the formatting `style` (every other field kept)."""
        return replace(self, italic=Style.ITALIC in style, bold=Style.BOLD in style,
                       superscript=Style.SUPERSCRIPT in style, subscript=Style.SUBSCRIPT in style,
                       small_caps=Style.SMALL_CAPS in style)


def styled_run(text: str, style: Style = Style.NONE, **fields) -> Run:
    """A run of `text` in `style`."""
    if style is Style.NONE:
        return Run(text, **fields)
    italic, bold, superscript, subscript, small_caps = _FLAGS[style]
    return Run(text, italic=italic, bold=bold, superscript=superscript, subscript=subscript, small_caps=small_caps,
               **fields)


#: Every combination of the five flags ↔ its `Style` (runs are made and read by the thousand).
_STYLES: dict[tuple[bool, ...], Style] = {}
_FLAGS: dict[Style, tuple[bool, ...]] = {}
for _value in range(32):
    _style = Style(_value)
    _flags = tuple(flag in _style for flag in (Style.ITALIC, Style.BOLD, Style.SUPERSCRIPT, Style.SUBSCRIPT,
                                               Style.SMALL_CAPS))
    _STYLES[_flags], _FLAGS[_style] = _style, _flags


@record
class StyleChange:
    """A tracked change of a run's formatting: who changed it (|None| until a redline
    credits it), and the style before."""

    revision: Revision | None
    style: Style

    def described(self, now: Style) -> str:
        """'italic added', 'bold removed', 'italic added, superscript removed'."""
        added = [s.words for s in _SINGLE if s in now and s not in self.style]
        removed = [s.words for s in _SINGLE if s in self.style and s not in now]
        return ", ".join([f"{w} added" for w in added] + [f"{w} removed" for w in removed]) or "formatting changed"


_SINGLE = (Style.ITALIC, Style.BOLD, Style.SUPERSCRIPT, Style.SUBSCRIPT, Style.SMALL_CAPS)


@record
class FormatChange:
    """A tracked change of paragraph properties: the OLD role, level and numbering."""

    revision: Revision
    role: Role
    level: int
    numbered: bool


@record
class KeptXml:
    """Body XML a tracked diff copies as it stands in NEW (a table, a paragraph with an
    image or a comment), allowed only where OLD and NEW agree on it.

    `what` names the construct for messages ('a table', 'an image'); `paragraph` is the
    0-based paragraph index where it starts; `signature` compares it between OLD and NEW;
    `problem` says why it cannot be carried at all ('' when it can).
    """

    xml: str
    what: str
    paragraph: int
    signature: str
    problem: str = ""


@record
class Table:
    """A table of the document (an annex's): rows of cells, each cell its runs; the first
    `header_rows` rows are headings, repeated at the top of each page."""

    rows: tuple[tuple[tuple[Run, ...], ...], ...]
    header_rows: int = 0

    def flattened(self) -> str:
        """The cells' text as one line per table ('State | Date / Chile | 1990'), for text diffs."""
        return " / ".join(" | ".join("".join(r.text for r in cell) for cell in row) for row in self.rows)


@record
class Block:
    """One paragraph of output.

    `level` is the list level for numbered blocks (0: operative "1.", 1: "(a)",
    2: "(i)"); `numbered` says whether Word list numbering applies (the number is
    never in the text). `key` is a stable identity (paragraph id, "id/sub-id") and
    `label` the number shown to people ("OP5", "OP5(b)"), for text outputs and diffs.
    `mark_revision` marks the paragraph mark itself inserted/deleted/moved;
    `format_change` records the properties it had before (Word's `w:pPrChange`).
    """

    role: Role
    runs: tuple[Run, ...]
    key: str = ""
    label: str = ""
    level: int = 0
    numbered: bool = False
    mark_revision: Revision | None = None
    raw_ppr: str | None = None
    format_change: FormatChange | None = None
    kept: KeptXml | None = None  # written as this XML (see KeptXml), not from the runs
    table: Table | None = None  # a table: written as one (its runs hold `Table.flattened`, for diffs)
    style: str = ""  # a heading line's own style ('symbol' → ResolutionSymbol), '' for the role's
    column: int = 0  # 1 or 2: a line of the two-column heading block

    @property
    def text(self) -> str:
        """The visible text (footnote references excluded)."""
        return "".join(r.text for r in self.runs if r.footnote is None)

    @property
    def shown_table(self) -> Table | None:
        """The table this block is written as, |None| for a paragraph: a tracked comparison of
        a table, whose runs carry revisions, stays a paragraph of its cells' words so that
        accept and reject hold."""
        return self.table if self.table is not None and not any(run.revision for run in self.runs) else None


@record
class FootnoteBody:
    """The text of footnote `number`; its runs may carry revisions too."""

    number: int
    runs: tuple[Run, ...]


@record
class PageSetup:
    """The page: its size ('a4', 'letter'; '' keeps the reference DOCX's), the running
    heads by region ('page-header', 'first-footer', 'even-header'…, see `render.heading`),
    whose runs may hold the PAGE / NUMPAGES stand-ins (`after_break`: those of a section
    after a break), and the body whose built-in house
    styles it takes when the project names no reference DOCX ('un-general-assembly';
    '' for the default)."""

    paper: str = ""
    regions: tuple[tuple[str, tuple[Block, ...]], ...] = ()
    body: str = ""
    #: The running heads of the section after a `Role.SECTION_BREAK` (the memorandum's), when
    #: it has its own: its pages are then numbered from 1.
    after_break: tuple[tuple[str, tuple[Block, ...]], ...] = ()

    def region(self, name: str) -> tuple[Block, ...]:
        return next((blocks for region, blocks in self.regions if region == name), ())


@record
class DocTree:
    """A whole document: language, blocks in order, footnotes by number, page setup."""

    language: str
    blocks: tuple[Block, ...]
    footnotes: tuple[FootnoteBody, ...] = ()
    title: str = ""
    created: datetime | None = None  # written to core properties (reproducible output)
    page: PageSetup | None = None
