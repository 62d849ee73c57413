"""Sequence and word diffs: the only importer of `diff_match_patch`.

Knows tokens (words keep their trailing space; a word is never split) and edit
scripts over any sequence of hashable items. Knows nothing of paragraphs or Word.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from typing import Hashable, Sequence

from diff_match_patch import diff_match_patch

from draftkit.scripts import CJK, MARKS

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


@dataclass(frozen=True)
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
    diffs = _ENGINE.diff_main(a, b, False)
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
