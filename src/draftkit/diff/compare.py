"""Compare two document trees: align paragraphs, then diff the words of each pair.

Knows document trees and the change model; knows nothing of where the trees came
from (drafts or DOCX files) nor of Word or the terminal.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Callable, Sequence

from draftkit.diff.align import Item, Link, align
from draftkit.diff.changes import BlockChange, Comparison, FootnoteDiff, Piece, Status
from draftkit.diff.words import REWRITE_THRESHOLD, Op, Span, change_ratio, diff_sequences, tokens
from draftkit.render.tree import Block, DocTree, Role, Run

#: The token standing for a footnote call: calls match each other, their texts are diffed apart.
FOOTNOTE_TOKEN = "\x00footnote"

#: Who made a change: (block key, op, changed text) → author name ('' when unknown).
Attribute = Callable[[str, Op, str], str]

Token = tuple[str, Run]


def compare_trees(
    old: DocTree, new: DocTree, *, date: datetime, default_author: str,
    attribute: Attribute | None = None, old_name: str = "", new_name: str = "",
) -> Comparison:
    """Return the comparison of `old` and `new`, paragraph by paragraph and word by word."""
    who: Attribute = attribute or (lambda key, op, text: "")
    old_notes = {f.number: f.runs for f in old.footnotes}
    new_notes = {f.number: f.runs for f in new.footnotes}
    steps = align([_item(b) for b in old.blocks], [_item(b) for b in new.blocks])
    changes: list[BlockChange] = []
    move_names: dict[int, str] = {}
    for step in steps:
        a = old.blocks[step.old] if step.old is not None else None
        b = new.blocks[step.new] if step.new is not None else None
        if step.link is Link.INSERTED:
            assert b is not None
            author = who(b.key, Op.INSERT, b.text)
            changes.append(BlockChange(Status.INSERTED, None, b, (Piece(Op.INSERT, b.runs, author),), author=author))
        elif step.link is Link.DELETED:
            assert a is not None
            author = who(a.key, Op.DELETE, a.text)
            changes.append(BlockChange(Status.DELETED, a, None, (Piece(Op.DELETE, a.runs, author),), author=author))
        else:
            assert a is not None and b is not None and step.old is not None
            name = move_names.setdefault(step.old, f"move{len(move_names) + 1}")
            changes.append(_pair(step.link, a, b, name, old_notes, new_notes, who))
    return Comparison(old=old, new=new, changes=tuple(changes), date=date, default_author=default_author,
                      old_name=old_name, new_name=new_name)


def _item(block: Block) -> Item:
    # heading lines pair by role; paragraphs of foreign documents (BODY) only by text
    return Item(block.key, block.text, "" if block.key or block.role is Role.BODY else block.role.value)


def _pair(link: Link, a: Block, b: Block, move: str, old_notes: dict, new_notes: dict, who: Attribute) -> BlockChange:
    key = b.key or a.key
    pieces, rewritten = diff_runs(a.runs, b.runs, key, who)
    notes = tuple(_footnote_pairs(pieces, a.runs, b.runs, old_notes, new_notes, key, who))
    if link is Link.SAME:
        status = Status.CHANGED if any(p.op is not Op.EQUAL for p in pieces) or any(n.changed for n in notes) else Status.SAME
        return BlockChange(status, a, b, pieces, notes, rewritten=rewritten)
    author = who(key, Op.EQUAL, "")
    if link is Link.MOVED:
        return BlockChange(Status.MOVED, a, b, pieces, notes, author=author, move=move, rewritten=rewritten)
    # The old place shows the old words: what stayed (moved away) and what was deleted.
    away, _ = diff_runs(b.runs, a.runs, key, who)
    source = tuple(Piece(Op.DELETE, p.runs, who(key, Op.DELETE, p.text)) if p.op is Op.INSERT else p
                   for p in away if p.op is not Op.DELETE)
    return BlockChange(Status.MOVED_AWAY, a, b, source, author=author, move=move, rewritten=rewritten)


def _tokens(runs: Sequence[Run]) -> list[Token]:
    out: list[Token] = []
    for run in runs:
        if run.footnote is not None:
            out.append((FOOTNOTE_TOKEN, run))
        else:
            out.extend((word, run) for word in tokens(run.text))
    return out


def _runs(items: Sequence[Token]) -> tuple[Run, ...]:
    """Glue consecutive tokens of the same source run back into one run."""
    out: list[Run] = []
    group: list[str] = []
    source: Run | None = None
    for word, run in items:
        if run is not source and source is not None:
            out.append(source if source.footnote is not None else replace(source, text="".join(group)))
            group = []
        source = run
        group.append(word)
    if source is not None:
        out.append(source if source.footnote is not None else replace(source, text="".join(group)))
    return tuple(out)


def diff_runs(old: Sequence[Run], new: Sequence[Run], key: str, who: Attribute) -> tuple[tuple[Piece, ...], bool]:
    """Return the word diff of two run lists as pieces, and whether it counts as a rewrite.

    Equal words take NEW's runs (NEW's formatting is kept), deleted words OLD's.
    """
    a, b = _tokens(old), _tokens(new)
    words_a, words_b = [t for t, _ in a], [t for t, _ in b]
    spans = diff_sequences(words_a, words_b)
    if not spans:
        return (), False
    rewritten = change_ratio(spans, words_a, words_b) > REWRITE_THRESHOLD and any(s.op is Op.EQUAL for s in spans)
    if rewritten:
        spans = [Span(Op.DELETE, 0, len(a), 0, 0), Span(Op.INSERT, len(a), len(a), 0, len(b))]
    pieces: list[Piece] = []
    for span in spans:
        if span.op is Op.EQUAL:
            pieces.append(Piece(Op.EQUAL, _runs(b[span.b0 : span.b1])))
        elif span.a1 > span.a0 or span.b1 > span.b0:
            side = a[span.a0 : span.a1] if span.op is Op.DELETE else b[span.b0 : span.b1]
            runs = _runs(side)
            text = "".join(r.text for r in runs)
            pieces.append(Piece(span.op, runs, who(key, span.op, text)))
    return tuple(pieces), rewritten


def _footnote_pairs(
    pieces: Sequence[Piece], old: Sequence[Run], new: Sequence[Run],
    old_notes: dict[int, tuple[Run, ...]], new_notes: dict[int, tuple[Run, ...]], key: str, who: Attribute,
) -> list[FootnoteDiff]:
    """Diff the texts of footnotes whose calls are equal tokens of the paragraph."""
    old_calls = [r.footnote for r in old if r.footnote is not None]
    new_calls = [r.footnote for r in new if r.footnote is not None]
    out: list[FootnoteDiff] = []
    i = j = 0
    for piece in pieces:
        calls = sum(1 for r in piece.runs if r.footnote is not None)
        if piece.op is Op.EQUAL:
            for _ in range(calls):
                o, n = old_calls[i], new_calls[j]
                body, _ = diff_runs(old_notes.get(o, ()), new_notes.get(n, ()), key, who)
                out.append(FootnoteDiff(o, n, body))
                i, j = i + 1, j + 1
        elif piece.op is Op.DELETE:
            i += calls
        else:
            j += calls
    return out
