"""Words: tokenizing paragraph text, word-level diffs, and mapping word spans between versions.

Tokens keep their trailing whitespace, so joining them gives the text back. Knows no
drafts, no proposals, no files.
"""

from __future__ import annotations

import re
from functools import lru_cache

from draftkit.scripts import CJK, WORD, has_cjk
from draftkit.records import record

# A footnote call or cross-reference is one token, never split; then words; a Han character
# is a word of its own (Chinese has no spaces: anchoring on characters, see scripts.py);
# then any other mark.
_TOKEN = re.compile(r"(\[\^[A-Za-z0-9_.:-]+\]|\{(?:ref|num):[A-Za-z0-9_.:-]+\}|" + WORD + f"|[{CJK}]|" + r"[^\w\s])(\s*)")
#: Marks written straight after the word before them (no space): one rule for merge and compilation.
NO_SPACE_BEFORE = tuple(",.;:)]»”%")


@lru_cache(maxsize=4096)
def tokenize(text: str) -> tuple[str, ...]:
    """Return the tokens of `text` (each with its trailing whitespace); joined, they give `text`."""
    lead = text[: len(text) - len(text.lstrip())]
    tokens = [m.group(0) for m in _TOKEN.finditer(text, len(lead))]
    if lead and tokens:
        tokens[0] = lead + tokens[0]
    return tuple(tokens)


def cores(tokens: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The tokens without whitespace: what matching and diffing compare."""
    return tuple(map(str.strip, tokens))


def find(haystack: tuple[str, ...], needle: tuple[str, ...]) -> list[int]:
    """Start indexes where the token cores `needle` occur in `haystack`."""
    if not needle:
        return []
    first, size = needle[0], len(needle)
    return [i for i, word in enumerate(haystack) if word == first and haystack[i : i + size] == needle]


@record
class Change:
    """Tokens `start`..`end` of the old sequence become tokens `new_start`..`new_end` of the new
    one (an insertion when start == end, a deletion when new_start == new_end)."""

    start: int
    end: int
    new_start: int
    new_end: int


def word_diff(old: tuple[str, ...], new: tuple[str, ...]) -> list[Change]:
    """Return the changes turning token cores `old` into `new`: the diff module's word-level
    edit script (diff-match-patch, no time limit), adjacent deletions and insertions joined."""
    if old == new:
        return []
    # Most amendments change one stretch: past the words both share at either end, one
    # side is empty or has no word of the other, and the script is that one change (what
    # diff-match-patch gives too, without its cost for each of thousands of proposals).
    head, limit = 0, min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    middle_old, middle_new = old[head:len(old) - tail], new[head:len(new) - tail]
    if not middle_old or not middle_new:  # one stretch put in or taken out, where it could go nowhere else
        longer, size = (new, len(middle_new)) if middle_new else (old, len(middle_old))
        if not head or longer[head - 1] != longer[head - 1 + size]:
            return [Change(head, head + len(middle_old), head, head + len(middle_new))]
    elif not set(middle_old) & set(middle_new):  # one stretch replaced by other words
        return [Change(head, len(old) - tail, head, len(new) - tail)]
    from draftkit.diff.words import Op, diff_sequences

    changes: list[Change] = []
    for span in diff_sequences(old, new):
        if span.op is Op.EQUAL:
            continue
        last = changes[-1] if changes else None
        if last is not None and last.end == span.a0 and last.new_end == span.b0:
            changes[-1] = Change(last.start, span.a1, last.new_start, span.b1)
        else:
            changes.append(Change(span.a0, span.a1, span.b0, span.b1))
    return changes


@record
class Alignment:
    """How the words of a base text survive in the current text.

    `kept[i]` is the current index of base token i (|None| when the co-rapporteurs
    removed or replaced it); `inserted` holds the base gaps (0..len) where they added words.
    """

    kept: tuple[int | None, ...]
    inserted: frozenset[int]

    def carry(self, start: int, end: int) -> tuple[int, int] | None:
        """Return the current span of base tokens `start..end` (a gap when equal), |None|
        when the co-rapporteurs changed those words, a word inside, or the words around the gap."""
        n = len(self.kept)
        if start == end:
            if start in self.inserted:
                return None
            neighbours = [k for k in (start - 1, start) if 0 <= k < n]
            if any(self.kept[k] is None for k in neighbours):
                return None
            if start < n:
                position = self.kept[start]
            else:
                position = (self.kept[n - 1] + 1) if n else 0  # type: ignore[operator]
            return position, position  # type: ignore[return-value]
        span = self.kept[start:end]
        if any(k is None for k in span) or any(g in self.inserted for g in range(start + 1, end)):
            return None
        return span[0], span[-1] + 1  # type: ignore[operator]


def align(base: tuple[str, ...], current: tuple[str, ...]) -> Alignment:
    """Align base tokens onto current tokens (cores compared)."""
    kept: list[int | None] = []
    inserted: set[int] = set()
    j = 0
    changes = word_diff(cores(base), cores(current))
    i = 0
    for change in changes:
        while i < change.start:
            kept.append(j)
            i += 1
            j += 1
        kept.extend([None] * (change.end - change.start))
        i = change.end
        if change.start == change.end:
            inserted.add(change.start)  # replaced words are already marked as not kept
        j += change.new_end - change.new_start
    while i < len(base):
        kept.append(j)
        i += 1
        j += 1
    return Alignment(tuple(kept), frozenset(inserted))


def trailing(token: str) -> str:
    return token[len(token.rstrip()):]


def splice(tokens: list[str], start: int, end: int, new: str) -> None:
    """Replace tokens `start..end` by the words `new` in place ('' deletes; start == end inserts).

    Spacing follows the words: a deletion hands the deleted words' trailing space to the
    word before, an insertion takes the place of the space it goes into. Callers apply
    several splices right to left so earlier indexes stay valid.
    """
    new = new.strip()
    if start < end:
        after = trailing(tokens[end - 1])
        if new:
            if start > 0 and new.startswith(NO_SPACE_BEFORE):  # "children , to" is never right
                tokens[start - 1] = tokens[start - 1].rstrip()
            tokens[start:end] = [new + after]
        else:
            del tokens[start:end]
            if start > 0:
                tokens[start - 1] = tokens[start - 1].rstrip() + after
        return
    if not new:
        return
    if start == 0:
        spaced = tokens and not tokens[0].startswith(NO_SPACE_BEFORE) and not _unspaced(new[-1:], tokens[0][:1])
        tokens.insert(0, new + (" " if spaced else ""))
        return
    before = tokens[start - 1]
    gap = trailing(before)
    separator = "" if new.startswith(NO_SPACE_BEFORE) or _unspaced(before.rstrip()[-1:], new[:1]) else " "
    tokens[start - 1] = before.rstrip() + separator
    tokens.insert(start, new + gap)


def _unspaced(left: str, right: str) -> bool:
    """No space between these two characters: one of them is Chinese (written without spaces)."""
    return bool(left and right) and (has_cjk(left) or has_cjk(right))


def render(tokens: list[str]) -> str:
    return "".join(tokens).strip()
