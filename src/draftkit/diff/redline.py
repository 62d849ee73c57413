"""Turn a comparison into one document tree whose runs and paragraph marks carry revisions.

The tree is NEW's blocks (so list numbering stays real numbering) with OLD's deleted
and moved-away paragraphs and words merged in. `resolve` accepts or rejects every
revision of such a tree: the fast round-trip check. Knows nothing of Word's XML.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

from draftkit.diff.changes import BlockChange, Comparison, FootnoteDiff, Piece, Status
from draftkit.diff.words import Op, tokens
from draftkit.records import record
from draftkit.render.tree import Block, DocTree, FootnoteBody, FormatChange, Revision, RevisionKind, Run

_KIND = {Op.INSERT: RevisionKind.INSERT, Op.DELETE: RevisionKind.DELETE}
_AS_EDIT = {RevisionKind.MOVE_FROM: RevisionKind.DELETE, RevisionKind.MOVE_TO: RevisionKind.INSERT}


def redline(comparison: Comparison) -> DocTree:
    """Return NEW's tree with every change of `comparison` as a tracked revision."""
    writer = _Redline(comparison)
    blocks = _apart(_close_the_end(_marks_up([writer.block(change) for change in comparison.changes])),
                    writer.copy_note)
    return _in_call_order(replace(comparison.new, blocks=tuple(blocks), footnotes=tuple(writer.footnotes)))


def _in_call_order(tree: DocTree) -> DocTree:
    """Number the notes in the order of their calls (LibreOffice reads note texts in call
    order, whatever their ids); only a copied note (see `_apart`) is ever out of order."""
    notes = {f.number: f for f in tree.footnotes}
    order: dict[int, int] = {}
    blocks = []
    for block in tree.blocks:
        runs = tuple(replace(r, footnote=order.setdefault(r.footnote, len(order) + 1)) if r.footnote is not None else r
                     for r in block.runs)
        blocks.append(replace(block, runs=runs))
    if list(order) == sorted(order):
        return tree
    footnotes = tuple(replace(notes[old], number=new) for old, new in order.items())
    return replace(tree, blocks=tuple(blocks), footnotes=footnotes)


def _marks_up(blocks: list[Block]) -> list[Block]:
    """Shift the mark revisions of each run of removed (or of inserted) paragraphs one
    paragraph up, onto the unmarked paragraph before it, when that one has the same
    properties as the run's last.

    Accepting (rejecting) then ends the paragraph before with the run's last mark: same
    properties, same result; it is what Word writes for a selection deleted from the end of
    the paragraph before, or for Enter typed at its end. LibreOffice (7.4) counts the
    paragraph after a removed (inserted) paragraph mark as removed from NEW's (OLD's)
    numbering; a tracked mark right after an untracked one it counts right. Not onto a
    paragraph holding a footnote call: LibreOffice 7.4 drops the mark revision of such a
    paragraph (see tests/test_diff_clients.py).
    """
    out = list(blocks)
    k = 1
    while k < len(out):
        group = _mark_group(out[k])
        if group is None or out[k - 1].mark_revision is not None:
            k += 1
            continue
        end = k
        while end < len(out) and _mark_group(out[end]) == group:
            end += 1
        before = out[k - 1]
        if _same_properties(before, out[end - 1]) and not any(r.footnote is not None for r in before.runs):
            marks = [b.mark_revision for b in out[k:end]] + [None]
            out[k - 1 : end] = [replace(b, mark_revision=m) for b, m in zip(out[k - 1 : end], marks)]
        k = end
    return out


def _mark_group(block: Block) -> tuple[RevisionKind, ...] | None:
    """Which way the paragraph's mark goes: away on accepting, away on rejecting, or |None|."""
    if block.mark_revision is None:
        return None
    return _GONE_ON_ACCEPT if block.mark_revision.kind in _GONE_ON_ACCEPT else _GONE_ON_REJECT


def _removed(block: Block) -> bool:
    return _mark_group(block) == _GONE_ON_ACCEPT


def _same_properties(a: Block, b: Block) -> bool:
    return (a.kept is None and b.kept is None and a.format_change is None and b.format_change is None
            and (a.role, a.level, a.numbered, a.raw_ppr) == (b.role, b.level, b.numbered, b.raw_ppr))


def _close_the_end(blocks: list[Block]) -> list[Block]:
    """Shift the revisions of the trailing marked paragraph marks one paragraph up.

    The last paragraph mark of a document cannot go away: deleting (or, on reject,
    un-inserting) the final paragraphs with their own marks leaves an empty (numbered)
    paragraph. Each boundary of the trailing run takes the fate of the next one instead,
    so the last kept paragraph's mark goes away and the final mark stays, as Word does
    when a paragraph is added or removed at the end.
    """
    end = len(blocks)
    while end and blocks[end - 1].mark_revision is not None:
        end -= 1
    if end in (0, len(blocks)):
        return blocks
    marks = [b.mark_revision for b in blocks[end:]] + [None]
    return [*blocks[: end - 1], *(replace(b, mark_revision=m) for b, m in zip(blocks[end - 1 :], marks))]


def _apart(blocks: list[Block], copy_note: Callable[[int], int]) -> list[Block]:
    """Keep an insertion that ends a paragraph away from one that starts the next.

    LibreOffice (7.4, `AppendRedline`) joins two insertions of the same author and minute
    that meet across a paragraph end into one, which then takes the unchanged paragraph
    mark with it: rejecting it joins the two paragraphs. Where a paragraph ends with
    deleted then inserted words, the insertion is written first (same meaning for every
    reader); where it ends with inserted words only, the word before them is shown
    replaced as well, so the paragraph ends with a deletion (when that is a footnote
    call, the call is: `copy_note` gives the inserted call a note of its own).
    """
    out = list(blocks)
    for k in range(len(out) - 1):
        block, after = out[k], out[k + 1]
        last = block.runs[-1].revision if block.runs else None
        first = after.runs[0].revision if after.runs else after.mark_revision
        if (block.mark_revision is None and last is not None and first is not None
                and last.kind is RevisionKind.INSERT and first.kind is RevisionKind.INSERT
                and last.author == first.author):
            out[k] = replace(block, runs=_end_with_deletion(block.runs, copy_note))
    return out


def _end_with_deletion(runs: tuple[Run, ...], copy_note: Callable[[int], int]) -> tuple[Run, ...]:
    inserted = len(runs)
    while inserted and _kind(runs[inserted - 1]) is RevisionKind.INSERT:
        inserted -= 1
    deleted = inserted
    while deleted and _kind(runs[deleted - 1]) is RevisionKind.DELETE:
        deleted -= 1
    if deleted < inserted:  # ... [deleted][inserted] → ... [inserted][deleted]
        return (*runs[:deleted], *runs[inserted:], *runs[deleted:inserted])
    if not deleted or runs[deleted - 1].revision is not None:
        return runs  # nothing plain to widen over: the paragraph was inserted word by word
    plain_run = runs[deleted - 1]
    revision = runs[inserted].revision
    assert revision is not None
    gone = replace(revision, kind=RevisionKind.DELETE)
    if plain_run.footnote is not None:  # one note per call: the inserted call gets a copy
        copy = replace(plain_run, footnote=copy_note(plain_run.footnote), revision=revision)
        return (*runs[: deleted - 1], copy, *runs[deleted:inserted], *runs[inserted:], replace(plain_run, revision=gone))
    words = tokens(plain_run.text)
    head, word = "".join(words[:-1]), words[-1]
    widened = [replace(plain_run, text=head)] if head else []
    widened.append(replace(plain_run, text=word, revision=revision))
    return (*runs[: deleted - 1], *widened, *runs[inserted:], replace(plain_run, text=word, revision=gone))


def _kind(run: Run) -> RevisionKind | None:
    return run.revision.kind if run.revision is not None else None


class _Redline:
    def __init__(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.old_notes = {f.number: f.runs for f in comparison.old.footnotes}
        self.new_notes = {f.number: f.runs for f in comparison.new.footnotes}
        self.footnotes: list[FootnoteBody] = []

    def revision(self, kind: RevisionKind, author: str, move: str | None = None) -> Revision:
        return Revision(kind, author or self.comparison.default_author, self.comparison.date, move)

    def block(self, change: BlockChange) -> Block:
        status = change.status
        if status in (Status.SAME, Status.CHANGED):
            assert change.new is not None
            diffs = {f.new_number: f for f in change.footnotes}
            return replace(change.new, runs=self.runs(change.pieces, diffs=diffs),
                           format_change=self.format_change(change))
        if status is Status.INSERTED:
            assert change.new is not None
            mark = self.revision(RevisionKind.INSERT, change.author)
            return replace(change.new, runs=self.runs(change.pieces), mark_revision=mark)
        if status is Status.DELETED:
            assert change.old is not None
            mark = self.revision(RevisionKind.DELETE, change.author)
            return replace(change.old, runs=self.runs(change.pieces), mark_revision=mark)
        if status is Status.MOVED:
            assert change.new is not None
            mark = self.revision(RevisionKind.MOVE_TO, change.author, change.move)
            kept = [p for p in change.pieces if p.op is not Op.DELETE]
            return replace(change.new, runs=self.runs(kept, moved=mark), mark_revision=mark,
                           format_change=self.format_change(change))
        assert change.old is not None
        mark = self.revision(RevisionKind.MOVE_FROM, change.author, change.move)
        return replace(change.old, runs=self.runs(change.pieces, moved=mark), mark_revision=mark)

    def format_change(self, change: BlockChange) -> FormatChange | None:
        """OLD's paragraph properties when they differ from NEW's (numbering switched on or
        off, another level or role), so that rejecting every change restores them."""
        old, new = change.old, change.new
        assert old is not None and new is not None
        if (old.role, old.level, old.numbered) == (new.role, new.level, new.numbered) or new.raw_ppr is not None:
            return None  # a foreign DOCX keeps its own numbering definitions: not rewritten
        return FormatChange(self.revision(RevisionKind.FORMAT, change.author), old.role, old.level, old.numbered)

    def runs(self, pieces: list[Piece] | tuple[Piece, ...], *, moved: Revision | None = None,
             diffs: dict[int, FootnoteDiff] | None = None) -> tuple[Run, ...]:
        """Runs of `pieces` with their revisions; footnote calls renumbered in output order.

        Equal words carry `moved` (the move's revision) or nothing; inserted and deleted
        words carry their own revision, even inside a move.
        """
        out: list[Run] = []
        for piece in pieces:
            if piece.op is Op.EQUAL:
                revision = moved
            else:
                revision = self.revision(_KIND[piece.op], piece.author)
            from_old = piece.op is Op.DELETE or (moved is not None and moved.kind is RevisionKind.MOVE_FROM)
            for run in piece.runs:
                if run.footnote is not None:
                    run = replace(run, footnote=self.footnote(run.footnote, from_old, revision, diffs or {}))
                elif not run.text:
                    continue
                if run.was is not None and run.was.revision is None:  # words kept, formatting changed
                    run = replace(run, was=replace(run.was, revision=self.revision(RevisionKind.RUN_FORMAT, "")))
                out.append(replace(run, revision=revision))
        return tuple(out)

    def copy_note(self, number: int) -> int:
        """Add a second note with the text of output note `number`; return its number."""
        self.footnotes.append(FootnoteBody(len(self.footnotes) + 1, self.footnotes[number - 1].runs))
        return len(self.footnotes)

    def footnote(self, number: int, from_old: bool, revision: Revision | None, diffs: dict[int, FootnoteDiff]) -> int:
        """Add the text of a footnote call to the output notes; return its output number."""
        output = len(self.footnotes) + 1
        if revision is None and number in diffs:
            runs = self.runs(diffs[number].pieces)
        else:
            source = (self.old_notes if from_old else self.new_notes).get(number, ())
            # a moved call's note text is deleted / inserted: a move is named once, in the body
            if revision is not None and revision.kind in _AS_EDIT:
                revision = replace(revision, kind=_AS_EDIT[revision.kind], move=None)
            runs = tuple(replace(r, revision=revision) for r in source if r.text or r.footnote is not None)
        self.footnotes.append(FootnoteBody(output, runs))
        return output


@record
class Resolved:
    """A paragraph after accepting or rejecting every revision."""

    key: str
    level: int
    numbered: bool
    text: str


_GONE_ON_ACCEPT = (RevisionKind.DELETE, RevisionKind.MOVE_FROM)
_GONE_ON_REJECT = (RevisionKind.INSERT, RevisionKind.MOVE_TO)


def resolve(tree: DocTree, *, accept: bool) -> list[Resolved]:
    """Return the paragraphs of `tree` once every revision is accepted (or rejected).

    A removed paragraph mark joins what is left of its paragraph to the next one, as
    in Word; footnote texts follow their calls as ' [^text]'.
    """
    gone = _GONE_ON_ACCEPT if accept else _GONE_ON_REJECT
    notes = {f.number: f.runs for f in tree.footnotes}

    def text(runs: tuple[Run, ...]) -> str:
        parts = []
        for run in runs:
            if run.revision is not None and run.revision.kind in gone:
                continue
            if run.footnote is not None:
                parts.append(" [^" + text(notes.get(run.footnote, ())) + "]")
            else:
                parts.append(run.text)
        return "".join(parts)

    out: list[Resolved] = []
    carry, first = "", None
    for block in tree.blocks:
        own = text(block.runs)
        body = carry + own
        if block.mark_revision is not None and block.mark_revision.kind in gone:
            if carry == "" or first is None:
                first = block
            carry = body
            continue
        # a kept paragraph joined by removed (emptied) ones keeps its own properties
        props = first if carry and not own and first is not None else block
        carry, first = "", None
        old = props.format_change if not accept else None
        out.append(Resolved(props.key, old.level if old else props.level, old.numbered if old else props.numbered, body))
    if carry:
        out.append(Resolved("", 0, False, carry))
    return out


def plain(tree: DocTree) -> list[Resolved]:
    """Return the paragraphs of a tree without revisions, in the form `resolve` gives."""
    return resolve(tree, accept=True)


def numbers_as_text(tree: DocTree) -> DocTree:
    """Return `tree` with list numbers written as text, for printing a redline (PDF).

    LibreOffice numbers a list paragraph holding any tracked deletion as a deleted item
    ("[7.]") and shifts the following numbers; typed numbers print as NEW numbers them.
    Deleted and moved-away paragraphs get no number: they are not in NEW.
    """
    blocks = []
    for block in tree.blocks:
        if not block.numbered:
            blocks.append(block)
            continue
        # by its words: a removed paragraph's mark revision may sit on the paragraph before
        gone = (all(r.revision is not None and r.revision.kind in _GONE_ON_ACCEPT for r in block.runs)
                if block.runs else _removed(block))
        number = "" if gone else _shown_number(block.label, tree.language)
        runs = (Run(number + "\t"), *block.runs) if number else block.runs
        blocks.append(replace(block, runs=runs, numbered=False))
    return replace(tree, blocks=tuple(blocks))


def _shown_number(label: str, language: str) -> str:
    """'OP5' → '5.', 'OP5(b)' → '(b)' ('b)' in French, 'б)' in Russian, '(ب)' in Arabic), as
    the language's numbering writes them; a DOCX label ('5.', '(a)') as it is."""
    from draftkit.languages import known
    from draftkit.render.numbering import label_number, operative_levels

    levels = operative_levels(language if known(language) else "en")
    if "(" in label:
        level = min(label.count("("), len(levels) - 1)
        number = label_number(label[label.rindex("(") + 1 :].rstrip(")"), level)
        return levels[level].show(number) if number else label
    digits = label.lstrip("POM")  # PP3, OP3, M3 (a memorandum paragraph)
    return levels[0].show(int(digits)) if digits.isdigit() else label
