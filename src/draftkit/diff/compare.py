"""Compare two document trees: align paragraphs, then diff the words of each pair.

Knows document trees and the change model; knows nothing of where the trees came
from (drafts or DOCX files) nor of Word or the terminal.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from itertools import groupby
from os.path import commonprefix
from typing import Callable, Sequence

from draftkit.diff.align import Item, Link, align
from draftkit.diff.changes import BlockChange, Comparison, FootnoteDiff, Piece, Status
from draftkit.diff.words import REWRITE_THRESHOLD, Op, Span, change_ratio, diff_sequences, tokens, word_key
from draftkit.render.tree import Block, DocTree, Role, Run, StyleChange
from draftkit.records import record

#: The token standing for a footnote call: calls match each other, their texts are diffed apart.
FOOTNOTE_TOKEN = "\x00footnote"



@record
class Hunk:
    """One changed stretch of a paragraph, as attribution sees it.

    `context` is the whole text the words stand in (OLD's paragraph or footnote for a
    deletion, NEW's for an insertion) and `start` their offset in it; a move has
    op EQUAL and no text.
    """

    key: str  # the block key: 'op-id' or 'op-id/a/ii'
    op: Op
    text: str
    context: str = ""
    start: int = 0


#: Who made a change: a hunk → author name ('' when unknown).
Attribute = Callable[[Hunk], str]

_FLIP = {Op.INSERT: Op.DELETE, Op.DELETE: Op.INSERT, Op.EQUAL: Op.EQUAL}

Token = tuple[str, Run]


def compare_trees(
    old: DocTree, new: DocTree, *, date: datetime, default_author: str,
    attribute: Attribute | None = None, old_name: str = "", new_name: str = "",
) -> Comparison:
    """Return the comparison of `old` and `new`, paragraph by paragraph and word by word."""
    who: Attribute = attribute or (lambda hunk: "")
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
            author = who(Hunk(b.key, Op.INSERT, b.text, b.text))
            changes.append(BlockChange(Status.INSERTED, None, b, (Piece(Op.INSERT, b.runs, author),), author=author))
        elif step.link is Link.DELETED:
            assert a is not None
            author = who(Hunk(a.key, Op.DELETE, a.text, a.text))
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
        changed = any(p.op is not Op.EQUAL or p.restyled for p in pieces) or any(n.changed for n in notes)
        status = Status.CHANGED if changed else Status.SAME
        return BlockChange(status, a, b, pieces, notes, rewritten=rewritten)
    author = who(Hunk(key, Op.EQUAL, ""))
    if link is Link.MOVED:
        return BlockChange(Status.MOVED, a, b, pieces, notes, author=author, move=move, rewritten=rewritten)
    # The old place shows the old words: what stayed (moved away) and what was deleted.
    # (diffed NEW → OLD, so its insertions are OLD's deleted words, placed in OLD's text)
    away, _ = diff_runs(b.runs, a.runs, key, lambda hunk: who(replace(hunk, op=_FLIP[hunk.op])))
    source = tuple(replace(p, op=Op.DELETE) if p.op is Op.INSERT else p for p in away if p.op is not Op.DELETE)
    return BlockChange(Status.MOVED_AWAY, a, b, source, author=author, move=move, rewritten=rewritten)


def _tokens(runs: Sequence[Run]) -> list[list[Token]]:
    """The words of `runs`, each with the spaces after it: a list of (text, run) parts, the
    word first. Spaces that open a run belong to the word before it (as they would in one
    run), so a word put in italics ("*Records* of") compares equal to the same word in roman,
    while each part keeps its own run."""
    out: list[list[Token]] = []
    for run in runs:
        if run.footnote is not None:
            out.append([(FOOTNOTE_TOKEN, run)])
            continue
        words = tokens(run.text)
        if words and not words[0].strip() and out and out[-1][0][0] != FOOTNOTE_TOKEN and not out[-1][-1][0][-1:].isspace():
            out[-1].append((words.pop(0), run))
        out.extend([(word, run)] for word in words)
    return out


def _joined(unit: list[Token]) -> str:
    return "".join(text for text, _ in unit)


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

    Words are compared without their trailing spaces (see `word_key`), so words added
    after the last one are one insertion. Equal words take NEW's runs (NEW's formatting
    is kept), deleted words OLD's.
    """
    a, b = _tokens(old), _tokens(new)
    words_a, words_b = [_joined(u) for u in a], [_joined(u) for u in b]
    spans = diff_sequences([word_key(t) for t in words_a], [word_key(t) for t in words_b])
    if not spans:
        return (), False
    rewritten = change_ratio(spans, words_a, words_b) > REWRITE_THRESHOLD and any(s.op is Op.EQUAL for s in spans)
    if rewritten:
        spans = [Span(Op.DELETE, 0, len(a), 0, 0), Span(Op.INSERT, len(a), len(a), 0, len(b))]
    atoms: list[_Atom] = []
    restyled: dict[tuple[int, int], Run] = {}
    for span in spans:
        if span.op is Op.EQUAL:
            for old_unit, new_unit in zip(a[span.a0 : span.a1], b[span.b0 : span.b1]):
                atoms += _equal_unit(old_unit, new_unit, restyled)
        elif span.op is Op.DELETE:
            atoms += [(Op.DELETE, word, run) for unit in a[span.a0 : span.a1] for word, run in unit]
        else:
            atoms += [(Op.INSERT, word, run) for unit in b[span.b0 : span.b1] for word, run in unit]
    pieces: list[Piece] = []
    context = {Op.DELETE: _text(old), Op.INSERT: _text(new)}
    at = {Op.DELETE: 0, Op.INSERT: 0}  # where the next piece starts in OLD's and NEW's text
    for op, group in groupby(share_spaces(slide_spaces(atoms)), key=lambda atom: atom[0]):
        piece = Piece(op, _runs([(word, run) for _, word, run in group]))
        if op is Op.EQUAL:
            at[Op.DELETE] += len(piece.text)
            at[Op.INSERT] += len(piece.text)
        else:
            piece = replace(piece, author=who(Hunk(key, op, piece.text, context[op], at[op])))
            at[op] += len(piece.text)
        pieces.append(piece)
    return tuple(pieces), rewritten


def _restyled(old: Run, new: Run, cache: dict[tuple[int, int], Run]) -> Run:
    """NEW's run, carrying OLD's style when the formatting of the same words changed
    ("italic added"): the redline tracks it as a formatting change (`w:rPrChange`), not
    as words deleted and inserted. One run per pair of source runs, so words stay together."""
    if old.style == new.style or old.footnote is not None or new.raw_rpr is not None or old.raw_rpr is not None:
        return new
    key = (id(old), id(new))
    if key not in cache:
        cache[key] = replace(new, was=StyleChange(None, old.style))
    return cache[key]


def _text(runs: Sequence[Run]) -> str:
    return "".join(r.text for r in runs if r.footnote is None)


#: One token of a word diff: its op, its text and the run it comes from.
_Atom = tuple[Op, str, Run]


def _equal_unit(old: list[Token], new: list[Token], restyled: dict[tuple[int, int], Run]) -> list[_Atom]:
    """A word both sides have, part by part in NEW's runs (each carrying OLD's style where
    the formatting changed); spaces after it that differ are deleted / inserted apart."""
    old_text, new_text = _joined(old), _joined(new)
    if len(old) == 1 and len(new) == 1:
        return equal_word(old_text, old[0][1], new_text, _restyled(old[0][1], new[0][1], restyled))
    stem = len(commonprefix([old_text, new_text]))
    out: list[_Atom] = []
    at = 0
    for text, run in new:
        kept = text[: max(0, stem - at)]
        if kept:
            out.append((Op.EQUAL, kept, _restyled(_run_at(old, at), run, restyled)))
        at += len(text)
    if old_text[stem:]:
        out.append((Op.DELETE, old_text[stem:], old[-1][1]))
    if new_text[stem:]:
        out.append((Op.INSERT, new_text[stem:], new[-1][1]))
    return out


def _run_at(unit: list[Token], offset: int) -> Run:
    """The run of `unit` holding character `offset`."""
    at = 0
    for text, run in unit:
        at += len(text)
        if offset < at:
            return run
    return unit[-1][1]


def equal_word(old_word: str, old_run: Run, new_word: str, new_run: Run) -> list[_Atom]:
    """A word both sides have; spaces after it that differ are deleted / inserted apart."""
    if old_word == new_word:
        return [(Op.EQUAL, new_word, new_run)]
    stem = commonprefix([old_word, new_word])  # the word and the spaces both have
    out: list[_Atom] = [(Op.EQUAL, stem, new_run)]
    if old_word[len(stem):]:
        out.append((Op.DELETE, old_word[len(stem):], old_run))
    if new_word[len(stem):]:
        out.append((Op.INSERT, new_word[len(stem):], new_run))
    return out


def slide_spaces(atoms: list[_Atom]) -> list[_Atom]:
    """Turn 'word[- -]{+, +}next' into 'word{+,+} next' (and the same with ins/del swapped).

    A space taken off the end of a word, followed by an edit ending in that same space,
    is the edit without its space and the space kept: fewer marks, same OLD and NEW.
    """
    out = list(atoms)
    k = 0
    while k < len(out) - 1:
        op, space, run = out[k]
        if op is Op.EQUAL or space.strip():
            k += 1
            continue
        other = Op.INSERT if op is Op.DELETE else Op.DELETE
        end = k + 1
        while end < len(out) and out[end][0] is other:
            end += 1
        last_op, last, last_run = out[end - 1]
        if end == k + 1 or not last.endswith(space) or last == space:
            k += 1
            continue
        kept = last_run if op is Op.DELETE else run  # an equal space is NEW's
        out[k: end] = [*out[k + 1: end - 1], (last_op, last[: -len(space)], last_run), (Op.EQUAL, space, kept)]
        k = end
    return out


def share_spaces(atoms: list[_Atom]) -> list[_Atom]:
    """Turn '[-consider making -]{+make +}such' into '[-consider making-]{+make+} such':
    the space a replaced stretch and its replacement both end with is kept, not edited."""
    out: list[_Atom] = []
    k = 0
    while k < len(atoms):
        end_del = k
        while end_del < len(atoms) and atoms[end_del][0] is Op.DELETE:
            end_del += 1
        end_ins = end_del
        while end_ins < len(atoms) and atoms[end_ins][0] is Op.INSERT:
            end_ins += 1
        if end_del == k or end_ins == end_del:
            out.append(atoms[k])
            k += 1
            continue
        *deleted, (_, old_last, old_run) = atoms[k:end_del]
        *inserted, (_, new_last, new_run) = atoms[end_del:end_ins]
        space = new_last[len(new_last.rstrip()):]
        if space and old_last.endswith(space) and old_last != space and new_last != space:
            out += [*deleted, (Op.DELETE, old_last[: -len(space)], old_run),
                    *inserted, (Op.INSERT, new_last[: -len(space)], new_run), (Op.EQUAL, space, new_run)]
        else:
            out += atoms[k:end_ins]
        k = end_ins
    return out


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
