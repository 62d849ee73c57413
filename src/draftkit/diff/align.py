"""Paragraph alignment: which OLD paragraph became which NEW paragraph, before any word diff.

Paragraphs with a stable key (native drafts) match by key; the others (DOCX inputs,
heading lines) by exact text, then by word similarity inside the gaps. A matched pair
out of order is a move. Knows keys and texts only: no runs, no Word.
"""

from __future__ import annotations

import enum
from typing import Sequence

from draftkit.diff.words import Op, diff_sequences, rising, similarity, tokens
from draftkit.records import record

#: Two paragraphs in the same gap are "the same paragraph, edited" at this similarity.
PAIR_SIMILARITY = 0.5
#: Two paragraphs far apart are "moved" at this similarity (a stricter bar: a move
#: claims more than an edit does).
MOVE_SIMILARITY = 0.75
#: Share of word pairs (bigrams) two paragraphs must have in common to be compared for a move.
MOVE_PAIRS = 0.5
#: Above this many candidate comparisons, moves are found by exact text only.
MAX_MOVE_COMPARISONS = 40_000
#: Paragraphs shorter than this many words are never taken for moves by similarity.
MIN_MOVE_WORDS = 4


class Link(enum.Enum):
    SAME = "same"  # matched in order
    MOVED = "moved"  # matched, but out of order
    DELETED = "deleted"
    INSERTED = "inserted"
    MOVED_AWAY = "moved-away"  # the old place of a MOVED pair


@record
class Item:
    """What alignment needs to know of a paragraph: its key ('' if none) and its text."""

    key: str
    text: str
    role: str = ""  # unkeyed lines of the same role (heading lines) pair up in order
    kind: str = ""  # only items of one kind pair up (a DOCX table never pairs with a paragraph)


@record
class Step:
    """One line of the alignment in redline order; `old`/`new` are indices or |None|."""

    link: Link
    old: int | None
    new: int | None


def align(old: Sequence[Item], new: Sequence[Item]) -> list[Step]:
    """Return the alignment of `old` and `new` in redline order.

    Every old index and every new index appears exactly once, except that a moved pair
    appears twice: MOVED_AWAY at the old place (old set) and MOVED at the new place.
    """
    pairs = _key_pairs(old, new)
    keyed_old = {i for i, item in enumerate(old) if item.key}
    keyed_new = {j for j, item in enumerate(new) if item.key}
    free_old = [i for i in range(len(old)) if i not in keyed_old]
    free_new = [j for j in range(len(new)) if j not in keyed_new]
    pairs.update(_text_pairs(old, new, free_old, free_new))
    stable = _in_order(pairs)
    moved = {i: j for i, j in pairs.items() if i not in stable}
    # Gaps between in-order pairs: edited paragraphs pair up by similarity.
    stable.update(_gap_pairs(old, new, stable, set(pairs), set(pairs.values()), keyed_old, keyed_new))
    moved.update(_far_moves(old, new, stable, moved, keyed_old, keyed_new))
    return _walk(len(old), len(new), stable, moved)


def _key_pairs(old: Sequence[Item], new: Sequence[Item]) -> dict[int, int]:
    new_at: dict[str, int] = {}
    for j, item in enumerate(new):
        if item.key:
            new_at.setdefault(item.key, j)
    return {i: new_at[item.key] for i, item in enumerate(old) if item.key and item.key in new_at}


def _normal(text: str) -> str:
    return " ".join(text.split())


def _text_pairs(old: Sequence[Item], new: Sequence[Item], free_old: list[int], free_new: list[int]) -> dict[int, int]:
    """Pairs of unkeyed paragraphs with the same text, in order (a sequence diff of texts)."""
    a = [_normal(old[i].text) for i in free_old]
    b = [_normal(new[j].text) for j in free_new]
    out: dict[int, int] = {}
    for span in diff_sequences(a, b, semantic=False):
        if span.op is Op.EQUAL:
            for k in range(span.a1 - span.a0):
                out[free_old[span.a0 + k]] = free_new[span.b0 + k]
    return out


def _in_order(pairs: dict[int, int]) -> dict[int, int]:
    """The largest subset of pairs whose new indices rise with the old ones (the rest moved)."""
    return dict(rising(sorted(pairs.items())))


def _gap_pairs(
    old: Sequence[Item], new: Sequence[Item], stable: dict[int, int],
    used_old: set[int], used_new: set[int], keyed_old: set[int], keyed_new: set[int],
) -> dict[int, int]:
    """Pair unmatched unkeyed paragraphs lying between the same two in-order anchors."""
    out: dict[int, int] = {}
    anchors = sorted(stable.items())
    bounds = [(-1, -1), *anchors, (len(old), len(new))]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
        gap_old = [i for i in range(i0 + 1, i1) if i not in used_old and i not in keyed_old]
        gap_new = [j for j in range(j0 + 1, j1) if j not in used_new and j not in keyed_new]
        start = 0
        words_new: dict[int, list[str]] = {}
        for i in gap_old:
            words_i = tokens(old[i].text)
            for pos in range(start, min(len(gap_new), start + 8)):
                j = gap_new[pos]
                if j not in words_new:
                    words_new[j] = tokens(new[j].text)
                same_line = old[i].role and old[i].role == new[j].role and len(gap_old) == len(gap_new)
                if old[i].kind != new[j].kind:
                    continue
                if same_line or similarity(words_i, words_new[j]) >= PAIR_SIMILARITY:
                    out[i] = j
                    start = pos + 1
                    break
    return out


def _far_moves(
    old: Sequence[Item], new: Sequence[Item], stable: dict[int, int], moved: dict[int, int],
    keyed_old: set[int], keyed_new: set[int],
) -> dict[int, int]:
    """Unkeyed paragraphs deleted in one place and inserted (maybe edited) in another."""
    taken_new = set(stable.values()) | set(moved.values())
    lone_old = [i for i in range(len(old)) if i not in stable and i not in moved and i not in keyed_old]
    lone_new = [j for j in range(len(new)) if j not in taken_new and j not in keyed_new]
    out: dict[int, int] = {}
    if not lone_old or not lone_new:
        return out
    by_text: dict[str, list[int]] = {}
    for j in lone_new:
        by_text.setdefault(_normal(new[j].text), []).append(j)
    for i in lone_old:
        same = by_text.get(_normal(old[i].text))
        if same and len(tokens(old[i].text)) >= MIN_MOVE_WORDS and new[same[0]].kind == old[i].kind:
            out[i] = same.pop(0)
    rest_old = [i for i in lone_old if i not in out]
    rest_new = [j for j in lone_new if j not in set(out.values())]
    if len(rest_old) * len(rest_new) > MAX_MOVE_COMPARISONS:
        return out
    words_new = {j: tokens(new[j].text) for j in rest_new}
    taken = set(out.values())
    pairs_new = {j: _bigrams(words_new[j]) for j in rest_new}
    for i in rest_old:
        words_i = tokens(old[i].text)
        if len(words_i) < MIN_MOVE_WORDS:
            continue
        pairs_i = _bigrams(words_i)
        best, best_score = None, MOVE_SIMILARITY
        for j in rest_new:
            # cheap filter first: a paragraph moved with a few edits keeps most word pairs
            shared = len(pairs_i & pairs_new[j])
            if j in taken or new[j].kind != old[i].kind \
                    or shared < MOVE_PAIRS * max(len(pairs_i), len(pairs_new[j])):
                continue
            score = similarity(words_i, words_new[j])
            if score >= best_score:
                best, best_score = j, score
        if best is not None:
            out[i] = best
            taken.add(best)
    return out


def _bigrams(words: list[str]) -> set[tuple[str, str]]:
    bare = [w.strip().lower() for w in words]
    return set(zip(bare, bare[1:]))


def _walk(n_old: int, n_new: int, stable: dict[int, int], moved: dict[int, int]) -> list[Step]:
    """Interleave both sides: between anchors, old-only lines first, then new-only lines."""
    steps: list[Step] = []
    moved_to = {j: i for i, j in moved.items()}
    i = j = 0
    anchors = sorted(stable.items())
    for ai, aj in [*anchors, (n_old, n_new)]:
        for k in range(i, ai):
            steps.append(Step(Link.MOVED_AWAY, k, moved[k]) if k in moved else Step(Link.DELETED, k, None))
        for k in range(j, aj):
            steps.append(Step(Link.MOVED, moved_to[k], k) if k in moved_to else Step(Link.INSERTED, None, k))
        if ai < n_old:
            steps.append(Step(Link.SAME, ai, aj))
        i, j = ai + 1, aj + 1
    return steps
