"""Compare two stories read from DOCX files and say what the redline writes: which
blocks stay, come, go or move; inside paired paragraphs, which words (and objects) are
equal, inserted or deleted and which runs changed their look; inside paired tables,
which rows are inserted, deleted or diffed cell by cell.

The result (`OutParagraph`, `OutTable`) names the source nodes to copy and the revision
each gets, in output order; `emit` writes it. Alignment is `diff.align`'s, word diffs are
`diff.words`' with `diff.compare`'s space rules, so DOCX and drafts read alike.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace

from lxml import etree

from draftkit.diff.align import Item as AlignItem
from draftkit.diff.changes import Piece
from draftkit.diff.align import Link, Step, align
from draftkit.diff.compare import equal_word, share_spaces, slide_spaces
from draftkit.diff.ooxml.props import Definitions
from draftkit.diff.ooxml.story import (MARK, MARKS, OBJ, OBJECT, RUN_MARKS, TEXT, Node, Paragraph, Row, Story, Table,
                                      Unsupported)
from draftkit.diff.ooxml.story import Piece as StoryPiece
from draftkit.diff.words import REWRITE_THRESHOLD, Op, change_ratio, diff_sequences, tokens, word_key
from draftkit.docxread.values import w
from draftkit.records import record
from draftkit.render.tree import RevisionKind, Run, StyleChange, styled_run

INS, DEL = RevisionKind.INSERT, RevisionKind.DELETE
_CHARACTER_TAGS = {w(t) for t in ("tab", "ptab", "cr", "br", "noBreakHyphen", "softHyphen", "sym")}
MOVE_FROM, MOVE_TO = RevisionKind.MOVE_FROM, RevisionKind.MOVE_TO
#: Revisions whose content accepting all removes.
GONE_ON_ACCEPT = (DEL, MOVE_FROM)
GONE_ON_REJECT = (INS, MOVE_TO)


@dataclass(eq=False)
class Item:
    """One node to write, with its revision (|None|: unchanged) and, for a run whose look
    changed, OLD's run properties (`w:rPrChange`). `old` says the node is OLD's (its
    relationships, styles and lists must be brought into the output package). For a note
    call, `notes` pairs OLD's and NEW's note ids (either may be |None|). Text kept from
    NEW knows where the same text stands in OLD (`was`: OLD's paragraph and the offset), so
    that a word of it shown replaced is deleted in OLD's runs (see `deleted_as_old`)."""

    revision: RevisionKind | None
    node: Node
    text: str | None = None  # the slice of a `w:t` to write
    old: bool = False
    old_rpr: etree._Element | None = None
    formatted: bool = False  # a run whose look changed (old_rpr may be |None|: it had no properties)
    notes: tuple[str | None, str | None] | None = None
    was: tuple[Paragraph, int] | None = None


def deleted_as_old(item: Item, at: int, length: int) -> list[Item] | None:
    """The deletion of `length` characters of a kept text item from its offset `at`: OLD's
    runs holding them (their properties and ids, however NEW restyled or split them), or
    |None| when the item does not know OLD's text."""
    if item.was is None:
        return None
    paragraph, start = item.was
    return nodes(paragraph, start + at, start + at + length, DEL, old=True, marks=False)


@dataclass(eq=False)
class OutParagraph:
    """A paragraph of the redline: its source `w:p` (NEW's, or OLD's when it is deleted or
    the old place of a move), the items, the revision of its mark, and OLD's properties
    when they changed (`w:pPrChange`)."""

    element: etree._Element
    old: bool
    items: list[Item]
    mark: RevisionKind | None = None
    old_ppr: etree._Element | None = None
    ppr_changed: bool = False
    ppr_from: etree._Element | None = None  # NEW's properties written on an OLD paragraph (see emit._above_table)
    move: str | None = None
    chain: tuple = ()
    lead: list = field(default_factory=list)
    look: str = ""  # what its properties look like (see props.Definitions.ppr_key)
    report: list[Piece] = field(default_factory=list)  # the word diff as a reader sees it
    paired: Paragraph | None = None  # the OLD paragraph of a paired one (for reports)
    reported: bool = True  # False for the deleted half of a paragraph written deleted and inserted whole
    verbatim: bool = False  # unchanged: NEW's paragraph is copied as it stands (`items` is empty)

    @property
    def calls_note(self) -> bool:
        return any(i.node.element.tag in (w("footnoteReference"), w("endnoteReference")) for i in self.items)


@dataclass(eq=False)
class OutRow:
    element: etree._Element
    old: bool
    mark: RevisionKind | None
    cells: list[list]  # each cell: its out blocks


@dataclass(eq=False)
class OutTable:
    element: etree._Element
    old: bool
    rows: list[OutRow]
    chain: tuple = ()
    lead: list = field(default_factory=list)
    report: list[Piece] = field(default_factory=list)
    paired: Table | None = None


OutBlock = OutParagraph | OutTable


@dataclass
class Sides:
    """What comparing needs of each side: its definitions (styles, lists), and OLD's
    bookmarks NEW has not (by name): they come along where OLD's words are written or kept,
    so that rejecting every change gives OLD's cross-references their targets again."""

    old: Definitions
    new: Definitions
    carried: frozenset = frozenset()  # OLD's bookmarkStart/End elements to keep


@record
class Range:
    """A stretch of a paragraph pair's diff: `op` over OLD's text [a0, a1) and NEW's [b0, b1)."""

    op: Op
    a0: int
    a1: int
    b0: int
    b1: int
    formatted: bool = False  # EQUAL words whose runs changed their look


# --- stories ---------------------------------------------------------------------------------


def diff_story(old: Story, new: Story, sides: Sides) -> list[OutBlock]:
    """Return the redline blocks of two stories, in output order."""
    items_old = [_align_item(b) for b in old.blocks]
    items_new = [_align_item(b) for b in new.blocks]
    out: list[OutBlock] = []
    moves: dict[int, str] = {}
    for step in _close_last(align(items_old, items_new), old, new):
        a = old.blocks[step.old] if step.old is not None else None
        b = new.blocks[step.new] if step.new is not None else None
        link = step.link
        if isinstance(a, Table) or isinstance(b, Table):
            if link in (Link.MOVED, Link.MOVED_AWAY):  # a moved table: removed here, added there
                link = Link.INSERTED if link is Link.MOVED else Link.DELETED
                a, b = (None, b) if link is Link.INSERTED else (a, None)
            if link is Link.INSERTED:
                out.append(whole_table(b, INS, old=False))
            elif link is Link.DELETED:
                out.append(whole_table(a, DEL, old=True, carried=sides.carried))
            else:
                out.append(diff_table(a, b, sides))
            continue
        if link is Link.INSERTED:
            out.append(whole_paragraph(b, INS, old=False, look=sides.new.ppr_key(b.ppr)))
        elif link is Link.DELETED:
            out.append(whole_paragraph(a, DEL, old=True, look=sides.old.ppr_key(a.ppr), carried=sides.carried))
        else:
            name = moves.setdefault(step.old, f"move{len(moves) + 1}") if link is not Link.SAME else None
            paired = pair_paragraphs(a, b, sides, link, name)
            if link is Link.SAME and _replaced_object(paired):
                out += [whole_paragraph(a, DEL, old=True, look=sides.old.ppr_key(a.ppr), carried=sides.carried),
                        whole_paragraph(b, INS, old=False, look=sides.new.ppr_key(b.ppr))]
                out[-2].reported = False
                out[-1].paired, out[-1].report = a, paired.report
            else:
                out.append(paired)
    return _tables_first(out)


def _tables_first(blocks: list[OutBlock]) -> list[OutBlock]:
    """Put a table added before the paragraphs removed just above it.

    A removed paragraph's mark joins it to the next paragraph; right before a table there
    is none, and LibreOffice then keeps an empty paragraph on accepting all. An added
    table's place among removed paragraphs is free (rejecting removes it): the paragraphs
    go after it and join the paragraph that follows.
    """
    out = list(blocks)
    k = 0
    while k < len(out) - 1:
        block, after = out[k], out[k + 1]
        if (isinstance(block, OutParagraph) and block.paired is None and block.old and block.move is None
                and isinstance(after, OutTable) and after.paired is None and not after.old):
            out[k], out[k + 1] = after, block
            k = max(k - 1, 0)
            continue
        k += 1
    return out


def _replaced_object(paired: OutParagraph) -> bool:
    """True when nothing of the paragraph stays and an object (an image, a field) comes or
    goes: LibreOffice then removes the whole paragraph as it accepts (or rejects) the object,
    so the paragraph is written deleted and inserted whole instead."""
    content = [i for i in paired.items if i.node.element.tag not in MARKS and i.node.element.tag not in RUN_MARKS]
    if any(i.revision is None for i in content):
        return False
    return any(i.text is None and i.node.element.tag not in _CHARACTER_TAGS for i in content)


def _close_last(steps: list, old: Story, new: Story) -> list:
    """Pair the last paragraph deleted with the last inserted when nothing stays after them
    but the story's end or a table kept there.

    The last paragraph mark of a story (a cell, a note, the body) cannot go, nor can the
    one right before a table (LibreOffice joins no paragraph to a table): a story whose end
    was rewritten, or a paragraph rewritten right above a table (the annex's heading),
    would keep an empty paragraph on rejecting all changes. Paired, it is one paragraph
    with its words replaced. Only the last block of each side in such a stretch is paired,
    so neither side's order changes.
    """
    out: list = []
    stretch: list = []
    for step in steps:
        if step.link in (Link.DELETED, Link.INSERTED, Link.MOVED_AWAY):
            stretch.append(step)
            continue
        kept_table = step.link is Link.SAME and isinstance(new.blocks[step.new], Table)
        out += _pair_last(stretch, old, new) if kept_table else stretch
        out.append(step)
        stretch = []
    return out + _pair_last(stretch, old, new)


def _pair_last(tail: list, old: Story, new: Story) -> list:
    olds = [s for s in tail if s.link in (Link.DELETED, Link.MOVED_AWAY)]
    news = [s for s in tail if s.link is Link.INSERTED]
    if not olds or not news or olds[-1].link is not Link.DELETED:
        return tail
    gone, came = olds[-1], news[-1]
    if not isinstance(old.blocks[gone.old], Paragraph) or not isinstance(new.blocks[came.new], Paragraph):
        return tail
    rest = [s for s in tail if s is not gone and s is not came]
    return [*rest, Step(Link.SAME, gone.old, came.new)]


def _align_item(block) -> AlignItem:
    if isinstance(block, Table):
        return AlignItem("", "\x01table " + block.text, kind="table")
    return AlignItem("", block.text, kind="paragraph")


# --- tables ----------------------------------------------------------------------------------


def whole_table(table: Table, revision: RevisionKind, *, old: bool, carried: frozenset = frozenset()) -> OutTable:
    rows = [_whole_row(r, revision, old, carried) for r in table.rows]
    op = Op.INSERT if revision in GONE_ON_REJECT else Op.DELETE
    return OutTable(table.element, old, rows, () if old else table.chain, [] if old else table.lead,
                    report=[said(op, _table_text(table))])


def _table_text(table: Table) -> str:
    return " / ".join(" | ".join(c.shown for c in row.cells) for row in table.rows)


def _whole_story(story: Story, revision: RevisionKind, old: bool, carried: frozenset) -> list[OutBlock]:
    out: list[OutBlock] = []
    for block in story.blocks:
        if isinstance(block, Table):
            out.append(whole_table(block, revision, old=old, carried=carried))
        else:
            out.append(whole_paragraph(block, revision, old=old, carried=carried))
    return out


def diff_table(a: Table, b: Table, sides: Sides) -> OutTable:
    """Rows matched by their text; a row kept with the same cells is diffed cell by cell,
    others are deleted and inserted whole (`w:trPr/w:del|w:ins`)."""
    rows: list[OutRow] = []
    report: list[Piece] = []
    steps = align([AlignItem("", r.text, kind="row") for r in a.rows], [AlignItem("", r.text, kind="row") for r in b.rows])
    for step in steps:
        old = a.rows[step.old] if step.old is not None else None
        new = b.rows[step.new] if step.new is not None else None
        if report:
            report.append(said(Op.EQUAL, " / "))
        if step.link is Link.SAME and old.shape == new.shape:
            cells = [diff_story(x, y, sides) for x, y in zip(old.cells, new.cells)]
            rows.append(OutRow(new.element, False, None, cells))
            for k, cell in enumerate(cells):
                report += ([said(Op.EQUAL, " | ")] if k else []) + _said(cell)
            continue
        if step.link in (Link.DELETED, Link.MOVED_AWAY) or (step.link is Link.SAME and old is not None):
            rows.append(_whole_row(old, DEL, True, sides.carried))
            report.append(said(Op.DELETE, " | ".join(c.shown for c in old.cells)))
        if step.link in (Link.INSERTED, Link.MOVED) or (step.link is Link.SAME and new is not None):
            rows.append(_whole_row(new, INS, False, frozenset()))
            report.append(said(Op.INSERT, " | ".join(c.shown for c in new.cells)))
    return OutTable(b.element, False, rows, b.chain, b.lead, report=report, paired=a)


def said(op: Op, text: str) -> Piece:
    """A piece of a report: words with what happened to them."""
    return Piece(op, (Run(text),))


def _said(blocks: list[OutBlock]) -> list[Piece]:
    """A cell's report: its blocks' reports, a space between two."""
    out: list[Piece] = []
    for block in blocks:
        if (isinstance(block, OutParagraph) and ((block.move is not None and block.old) or not block.reported)) \
                or not block.report:
            continue
        out += ([said(Op.EQUAL, " ")] if out else []) + block.report
    return out


def _whole_row(row: Row, revision: RevisionKind, old: bool, carried: frozenset) -> OutRow:
    return OutRow(row.element, old, revision, [_whole_story(c, revision, old, carried) for c in row.cells])


# --- paragraphs ------------------------------------------------------------------------------


def whole_paragraph(p: Paragraph, revision: RevisionKind, *, old: bool, look: str = "",
                    carried: frozenset = frozenset()) -> OutParagraph:
    """A paragraph inserted or deleted whole: every item and the mark carry `revision`
    (an OLD paragraph keeps the bookmarks of `carried`)."""
    if any(piece.key.startswith("field-part:") for piece in p.pieces):
        raise Unsupported("a changed field that runs over several paragraphs (a table of contents, an index)")
    items = nodes(p, 0, len(p.text), revision, old=old, marks=carried if old else True) + marks_after(
        p, carried if old else True)
    op = Op.INSERT if revision in GONE_ON_REJECT else Op.DELETE
    return OutParagraph(p.element, old, items, mark=revision, chain=() if old else p.chain,
                        lead=[] if old else p.lead, look=look, report=[said(op, p.shown)])


def pair_paragraphs(a: Paragraph, b: Paragraph, sides: Sides, link: Link, move: str | None) -> OutParagraph:
    """The redline of paragraph `a` (OLD) become `b` (NEW); `link` SAME, MOVED (at `b`'s
    place) or MOVED_AWAY (at `a`'s place, in OLD's words)."""
    if link is Link.SAME and _unchanged(a, b, sides):
        return OutParagraph(b.element, False, [], chain=b.chain, lead=b.lead, look=sides.new.ppr_key(b.ppr),
                            report=[said(Op.EQUAL, b.shown)], paired=a, verbatim=True)
    ranges = diff_paragraph(a, b, sides)
    if link is Link.MOVED_AWAY:
        items: list[Item] = []
        for r in ranges:
            if r.op is Op.EQUAL:
                items += nodes(a, r.a0, r.a1, MOVE_FROM, old=True, marks=sides.carried)
            elif r.op is Op.DELETE:
                items += nodes(a, r.a0, r.a1, DEL, old=True, marks=sides.carried)
        return OutParagraph(a.element, True, items, mark=MOVE_FROM, move=move, look=sides.old.ppr_key(a.ppr),
                            paired=a)
    equal = MOVE_TO if link is Link.MOVED else None
    items = []
    for r in ranges:
        if r.op is Op.EQUAL:
            items += nodes(b, r.b0, r.b1, equal, old=False, marks=True, against=Against(a, r.a0, r.formatted, sides))
        elif r.op is Op.INSERT:
            items += nodes(b, r.b0, r.b1, INS, old=False, marks=True)
        elif link is Link.SAME:
            items += nodes(a, r.a0, r.a1, DEL, old=True, marks=sides.carried)
    items += marks_after(b)
    old_look, new_look = sides.old.ppr_key(a.ppr), sides.new.ppr_key(b.ppr)
    changed = old_look != new_look
    report = [_restyled(a, b, r, sides) if r.formatted else
              said(r.op, a.shown_between(r.a0, r.a1) if r.op is Op.DELETE else b.shown_between(r.b0, r.b1))
              for r in ranges]
    return OutParagraph(b.element, False, items, mark=MOVE_TO if link is Link.MOVED else None,
                        old_ppr=a.ppr if changed else None, ppr_changed=changed, move=move, chain=b.chain,
                        lead=b.lead, look=new_look, report=report, paired=a)


_RSIDS = re.compile(rb' w:rsid\w*="[^"]*"| w14:(?:paraId|textId)="[^"]*"')


def _unchanged(a: Paragraph, b: Paragraph, sides: Sides) -> bool:
    """True when NEW's paragraph can be copied as it stands: the same text and XML (Word's
    revision ids aside), no object or hyperlink whose target could differ, no note call
    (its note is diffed), and the same look."""
    if a.text != b.text or any(p.kind == OBJ or p.link for p in b.pieces):
        return False
    if _RSIDS.sub(b"", etree.tostring(a.element)) != _RSIDS.sub(b"", etree.tostring(b.element)):
        return False
    return sides.old.ppr_key(a.ppr) == sides.new.ppr_key(b.ppr)


def _restyled(a: Paragraph, b: Paragraph, r: Range, sides: Sides) -> Piece:
    """The report of words whose look changed: each run with its style now and before."""
    runs = []
    for k, piece in enumerate(b.pieces):
        start = b.starts[k]
        if piece.kind != TEXT or start + len(piece.text) <= r.b0 or start >= r.b1:
            continue
        text = piece.shown[max(r.b0 - start, 0): r.b1 - start]
        old = a.piece_at(r.a0 + max(start, r.b0) - r.b0)
        now, before = sides.new.style(_rpr(piece)), sides.old.style(_rpr(old))
        runs.append(styled_run(text, now, was=StyleChange(None, before) if now != before else None))
    return Piece(Op.EQUAL, tuple(runs))


def diff_paragraph(a: Paragraph, b: Paragraph, sides: Sides) -> list[Range]:
    """The ranges of the word diff of two paragraphs (objects are single words compared by
    key); EQUAL ranges split where runs changed their look or their hyperlink."""
    words_a, words_b = tokens(a.text), tokens(b.text)
    keys_a, keys_b = _keys(a, words_a), _keys(b, words_b)
    spans = diff_sequences(keys_a, keys_b)
    if not spans:
        return []
    if change_ratio(spans, words_a, words_b) > REWRITE_THRESHOLD and any(s.op is Op.EQUAL for s in spans):
        return [Range(Op.DELETE, 0, len(a.text), 0, 0), Range(Op.INSERT, len(a.text), len(a.text), 0, len(b.text))]
    atoms: list = []
    for span in spans:
        if span.op is Op.EQUAL:
            for old_word, new_word in zip(words_a[span.a0:span.a1], words_b[span.b0:span.b1]):
                atoms += equal_word(old_word, None, new_word, None)
        elif span.op is Op.DELETE:
            atoms += [(Op.DELETE, word, None) for word in words_a[span.a0:span.a1]]
        else:
            atoms += [(Op.INSERT, word, None) for word in words_b[span.b0:span.b1]]
    ranges: list[Range] = []
    i = j = 0
    for op, text, _ in share_spaces(slide_spaces(atoms)):
        n = len(text)
        if not n:
            continue
        a1 = i + n if op is not Op.INSERT else i
        b1 = j + n if op is not Op.DELETE else j
        last = ranges[-1] if ranges else None
        if last is not None and last.op is op:
            ranges[-1] = Range(op, last.a0, a1, last.b0, b1)
        else:
            ranges.append(Range(op, i, a1, j, b1))
        i, j = a1, b1
    _spanning_field_changed(a, b, ranges)
    return [piece for r in ranges for piece in (_refine(a, b, r, sides) if r.op is Op.EQUAL else (r,))]


def _spanning_field_changed(a: Paragraph, b: Paragraph, ranges: list[Range]) -> None:
    """Raise `Unsupported` when part of a field that runs over several paragraphs (a table of
    contents) is inserted or deleted: its field characters would interleave OLD's and NEW's."""
    for r in ranges:
        if r.op is Op.EQUAL:
            continue
        side, lo, hi = (a, r.a0, r.a1) if r.op is Op.DELETE else (b, r.b0, r.b1)
        for offset in range(lo, hi):
            if side.text[offset] == OBJECT and side.piece_at(offset).key.startswith("field-part:"):
                raise Unsupported("a changed field that runs over several paragraphs (a table of contents, "
                                  "an index)")


def _keys(p: Paragraph, words: list[str]) -> list:
    out = []
    at = 0
    for word in words:
        out.append(("object", p.piece_at(at).key) if word[0] == OBJECT else word_key(word))
        at += len(word)
    return out


def _refine(a: Paragraph, b: Paragraph, r: Range, sides: Sides) -> list[Range]:
    """Split an EQUAL range where the runs' look (or hyperlink) differs: a changed look is
    a formatted EQUAL range; another hyperlink is words deleted and inserted."""
    cuts = sorted({0, r.a1 - r.a0, *(s - r.a0 for s in a.starts if r.a0 < s < r.a1),
                   *(s - r.b0 for s in b.starts if r.b0 < s < r.b1)})
    out: list[Range] = []
    for lo, hi in zip(cuts, cuts[1:]):
        old, new = a.piece_at(r.a0 + lo), b.piece_at(r.b0 + lo)
        state = "same"
        if old.kind == TEXT and new.kind == TEXT:
            if old.link != new.link:
                state = "link"
            elif sides.old.rpr_key(_rpr(old)) != sides.new.rpr_key(_rpr(new)):
                state = "look"

        piece = (r.a0 + lo, r.a0 + hi, r.b0 + lo, r.b0 + hi)
        if out and out[-1][0] == state:
            out[-1] = (state, out[-1][1], piece[1], out[-1][3], piece[3])
        else:
            out.append((state, *piece))
    ranges: list[Range] = []
    for state, a0, a1, b0, b1 in out:
        if state == "link":
            ranges += [Range(Op.DELETE, a0, a1, b0, b0), Range(Op.INSERT, a1, a1, b0, b1)]
        else:
            ranges.append(Range(Op.EQUAL, a0, a1, b0, b1, formatted=state == "look"))
    return ranges


def _rpr(piece: StoryPiece) -> etree._Element | None:
    run = piece.nodes[0].run
    return run.find(w("rPr")) if run is not None else None


# --- items -----------------------------------------------------------------------------------


@record
class Against:
    """The OLD side of an EQUAL range written from NEW: OLD's paragraph and where the
    same text starts in it; `look`: runs changed their look somewhere in the range."""

    paragraph: Paragraph
    start: int
    look: bool
    sides: Sides


def nodes(p: Paragraph, lo: int, hi: int, revision: RevisionKind | None, *, old: bool, marks: bool | frozenset,
          against: Against | None = None) -> list[Item]:
    """The items of `p`'s text [lo, hi) with `revision`; its marks in the range when `marks`
    (or those of its marks that `marks` holds).

    With `against` (an EQUAL range written from NEW), runs whose look changed carry OLD's
    properties, note calls pair their notes (unless the range is a move's), and OLD's
    bookmarks that NEW has not come along at the same place in the words.
    """
    out = _nodes(p, lo, hi, revision, old=old, marks=marks, against=against)
    if against is not None and against.look:
        out = _looks(out, against, lo, hi)
    if against is None or not against.sides.carried:
        return [item for _, item in out]
    shift = lo - against.start
    kept = _nodes(against.paragraph, against.start, against.start + hi - lo, None, old=True,
                  marks=against.sides.carried, only_marks=True)
    if kept:  # a run of NEW's is cut where OLD's bookmark starts or ends inside it
        out = _cut(out, sorted({at + shift for at, _ in kept}))
    merged = sorted([(at + shift, 0, item) for at, item in kept] + [(at, 1, item) for at, item in out],
                    key=lambda entry: entry[:2])
    return [item for _, _, item in merged]


def _looks(out: list[tuple[int, Item]], against: Against, lo: int, hi: int) -> list[tuple[int, Item]]:
    """The items with OLD's properties on each text whose look changed (`w:rPrChange`), a
    run of NEW's cut where OLD's runs under it looked different (one of NEW's italic runs
    over a plain and a bold run of OLD's records both, so rejecting gives both back)."""
    old, sides = against.paragraph, against.sides
    start, end, cuts, before = against.start, against.start + hi - lo, [], None
    for k, piece in enumerate(old.pieces):
        if piece.kind != TEXT or old.starts[k] + len(piece.text) <= start or old.starts[k] >= end:
            continue
        look = sides.old.rpr_key(_rpr(piece))
        if before is not None and look != before:
            cuts.append(old.starts[k] - start + lo)
        before = look
    out = _cut(out, cuts) if cuts else out
    for _, item in out:
        if item.was is None or item.node.run is None:
            continue
        other = old.piece_at(item.was[1])
        if other.kind == TEXT and sides.old.rpr_key(_rpr(other)) != sides.new.rpr_key(item.node.run.find(w("rPr"))):
            item.formatted, item.old_rpr = True, _rpr(other)
    return out


def _cut(out: list[tuple[int, Item]], cuts: list[int]) -> list[tuple[int, Item]]:
    """The items with each text slice that a cut falls inside split in two there."""
    pieces: list[tuple[int, Item]] = []
    for at, item in out:
        text = item.text
        inner = [c for c in cuts if at < c < at + len(text)] if text else []
        edges = [at, *inner, at + len(text or "")]
        pieces += [(a0, replace(item, text=text[a0 - at:a1 - at], was=_shifted(item.was, a0 - at)))
                   for a0, a1 in zip(edges, edges[1:])] if inner else [(at, item)]
    return pieces


def _shifted(was: tuple[Paragraph, int] | None, by: int) -> tuple[Paragraph, int] | None:
    return (was[0], was[1] + by) if was is not None else None


def _nodes(p: Paragraph, lo: int, hi: int, revision: RevisionKind | None, *, old: bool, marks: bool | frozenset,
           against: Against | None = None, only_marks: bool = False) -> list[tuple[int, Item]]:
    """`nodes`, each item with the offset in `p`'s text where it stands."""
    out: list[tuple[int, Item]] = []
    k = bisect_left(p.starts, lo)
    k = k - 1 if k else 0  # a text piece starting before lo may reach into the range
    while k < len(p.pieces) and p.starts[k] <= hi:
        piece, start = p.pieces[k], p.starts[k]
        k += 1
        end = start + len(piece.text)
        if piece.kind == MARK:
            wanted = marks is True or (marks and piece.nodes[0].element in marks)
            if wanted and lo <= start < hi:
                out.append((start, Item(None, piece.nodes[0], old=old)))
            continue
        if end <= lo or start >= hi or only_marks:
            continue
        if piece.kind == TEXT:
            node = piece.nodes[0]
            text = None
            if node.element.tag in (w("t"), w("delText")):
                text = (node.element.text or "")[max(lo - start, 0): hi - start]
            item = Item(revision, node, text, old)
            if against is not None:
                item.was = (against.paragraph, against.start + max(start, lo) - lo)
            out.append((max(start, lo), item))
            continue
        notes = None
        if piece.note is not None:
            if old:
                notes = (piece.note[1], None)
            elif against is not None and revision is None:
                other = against.paragraph.piece_at(against.start + start - lo)
                notes = (other.note[1] if other.note else None, piece.note[1])
            else:
                notes = (None, piece.note[1])
        out += [(start, Item(revision, node, None, old, notes=notes if n == 0 else None))
                for n, node in enumerate(piece.nodes)]
    return out


def marks_after(p: Paragraph, marks: bool | frozenset = True) -> list[Item]:
    """The marks at the very end of the paragraph (after its last character): all, or
    those `marks` holds."""
    at = len(p.text)
    k = bisect_left(p.starts, at)
    return [Item(None, piece.nodes[0], old=marks is not True) for piece in p.pieces[k:]
            if piece.kind == MARK and (marks is True or piece.nodes[0].element in marks)]
