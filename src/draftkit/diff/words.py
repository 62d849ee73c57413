"""Sequence and word diffs: the only importer of `diff_match_patch`.

Knows tokens (words keep their trailing space; a word is never split) and edit
scripts over any sequence of hashable items. Knows nothing of paragraphs or Word.
"""

from __future__ import annotations

import enum
import re
from typing import Hashable, Sequence

from diff_match_patch import diff_match_patch

from draftkit.scripts import CJK, MARKS
from draftkit.records import record

#: A word with the punctuation glued to it and its trailing spaces; a Han character (Chinese
#: has no spaces between words: each character is a word, see scripts.py); a lone
#: punctuation mark with its spaces; or leading whitespace. Never letters from inside a word.
TOKEN = re.compile(f"(?:(?![{CJK}])[\\w’'\\-\u00ad{MARKS}])+\\s*|[{CJK}]\\s*|" + r"[^\w\s]\s*|\s+", re.UNICODE)

#: A paragraph whose share of changed characters is above this is shown as one
#: replacement: word confetti over a rewritten sentence helps nobody read it.
REWRITE_THRESHOLD = 0.6

_ENGINE = diff_match_patch()
_ENGINE.Diff_Timeout = 0  # a timeout gives a degraded diff on large unrelated texts
_FIRST_CODE = 0x100  # stay clear of ASCII so dmp's boundary heuristics see no spaces


class Op(enum.Enum):
    EQUAL = "equal"
    DELETE = "delete"
    INSERT = "insert"


@record
class Span:
    """A stretch of an edit script: `op` applied to old[a0:a1] / new[b0:b1]."""

    op: Op
    a0: int
    a1: int
    b0: int
    b1: int


def tokens(text: str) -> list[str]:
    """Return `text` cut into word tokens; ''.join(tokens(t)) == t."""
    return TOKEN.findall(text)


def word_key(token: str) -> str:
    """Return what a token is compared by: the word without its trailing spaces.

    The last word of a text has no trailing space; the same word with more words
    after it has one. Compared whole, appending words at the end would strike the
    last word and insert it again; the spaces are diffed apart by the caller.
    """
    return token.rstrip() or token


def diff_sequences(old: Sequence[Hashable], new: Sequence[Hashable], *, semantic: bool = True) -> list[Span]:
    """Return the edit script turning `old` into `new`, items compared by equality.

    Each distinct item becomes one character (diff-match-patch's lines-to-chars trick
    applied to items), so words and paragraphs are diffed whole and fast.
    `semantic` merges tiny equalities into the surrounding edits (fewer, longer hunks).
    """
    codes: dict[Hashable, str] = {}

    def encode(items: Sequence[Hashable]) -> str:
        out = []
        for item in items:
            char = codes.get(item)
            if char is None:
                number = _FIRST_CODE + len(codes)
                if number >= 0xD800:  # skip the surrogate block
                    number += 0x800
                char = codes[item] = chr(number)
            out.append(char)
        return "".join(out)

    a, b = encode(old), encode(new)
    if a == b:
        return [Span(Op.EQUAL, 0, len(a), 0, len(b))] if a else []
    diffs = _patience(a, b) if len(a) + len(b) > PATIENCE_ABOVE else _ENGINE.diff_main(a, b, False)
    if semantic:
        _ENGINE.diff_cleanupSemantic(diffs)
    spans: list[Span] = []
    i = j = 0
    for code, chunk in diffs:
        n = len(chunk)
        if code == 0:
            spans.append(Span(Op.EQUAL, i, i + n, j, j + n))
            i, j = i + n, j + n
        elif code < 0:
            spans.append(Span(Op.DELETE, i, i + n, j, j))
            i += n
        else:
            spans.append(Span(Op.INSERT, i, i, j, j + n))
            j += n
    return spans


#: Above this many items in all, sequences are first cut at the items each side has once
#: (patience diff): diff-match-patch's bisection costs O(N·D) in pure Python, which made a
#: 10,000-paragraph diff take half a minute.
PATIENCE_ABOVE = 2000


def _patience(a: str, b: str) -> list[tuple[int, str]]:
    """diff-match-patch's diffs of `a` and `b`, computed between anchors: the characters
    that occur once in each, matched in the longest order both keep (O(n log n)); the
    stretches between anchors are short and go to diff-match-patch."""
    from collections import Counter

    count_a, count_b = Counter(a), Counter(b)
    where_b = {char: j for j, char in enumerate(b) if count_b[char] == 1}
    anchors = rising([(i, where_b[char]) for i, char in enumerate(a) if count_a[char] == 1 and char in where_b])
    diffs: list[tuple[int, str]] = []
    i0 = j0 = 0
    for i1, j1 in [*anchors, (len(a), len(b))]:
        if a[i0:i1] or b[j0:j1]:
            diffs += _ENGINE.diff_main(a[i0:i1], b[j0:j1], False)
        if i1 < len(a):
            diffs.append((0, a[i1]))
        i0, j0 = i1 + 1, j1 + 1
    merged: list[tuple[int, list[str]]] = []
    for code, chunk in diffs:
        if merged and merged[-1][0] == code:
            merged[-1][1].append(chunk)
        elif chunk:
            merged.append((code, [chunk]))
    return [(code, "".join(chunks)) for code, chunks in merged]


def rising(pairs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of `pairs` (sorted by their first number) whose second numbers rise
    too, in order: the matches two sequences keep in the same order (O(n log n))."""
    import bisect

    tails: list[int] = []  # second number ending the best chain of each length
    tail_at: list[int] = []  # where in `pairs` that chain ends
    parent = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        at = bisect.bisect_left(tails, j)
        if at == len(tails):
            tails.append(j)
            tail_at.append(k)
        else:
            tails[at], tail_at[at] = j, k
        parent[k] = tail_at[at - 1] if at else -1
    chain = []
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        chain.append(pairs[k])
        k = parent[k]
    return chain[::-1]


def change_ratio(spans: Sequence[Span], old: Sequence[str], new: Sequence[str]) -> float:
    """Return the share of characters (old + new) that the edit script changes, 0 to 1."""
    total = sum(map(len, old)) + sum(map(len, new))
    if not total:
        return 0.0
    changed = sum(sum(map(len, old[s.a0 : s.a1])) for s in spans if s.op is Op.DELETE)
    changed += sum(sum(map(len, new[s.b0 : s.b1])) for s in spans if s.op is Op.INSERT)
    return changed / total


def similarity(old: Sequence[str], new: Sequence[str]) -> float:
    """Return 1 - change ratio of the word diff of two token lists (1: identical)."""
    spans = diff_sequences([word_key(t) for t in old], [word_key(t) for t in new], semantic=False)
    return 1.0 - change_ratio(spans, old, new)
