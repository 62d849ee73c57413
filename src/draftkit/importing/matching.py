"""A returned DOCX against the draft version it answers: which of its paragraphs (as they
were before the tracked changes) are which of the version's paragraphs, by their words.

Punctuation, quotes and apostrophes, dashes, spacing, letter case, field results and
typed numbers do not count: Word, LibreOffice, autocorrect and the people in between
retouch them, and draftkit itself adds the final punctuation by rule. Each difference set
aside is reported. A file whose words are another version's is refused, naming the
paragraph and the words. Knows `docxread` paragraphs and rendered blocks; no proposals, no YAML.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Sequence

from draftkit.docxread import DocxParagraph
from draftkit.importing.classify import strip_number
from draftkit.importing.text import normalize
from draftkit.importing.values import excerpt
from draftkit.render.tree import Block

_WORD = re.compile(r"\w+")
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_FOLD = str.maketrans({**{c: "'" for c in "’‘‚‛′`´ʼ"}, **{c: '"' for c in "“”„‟«»″"},
                       **{c: "-" for c in "‐‑‒–—―−"}})
#: How many words of the version a field's result may stand for ('paragraph 5 above' → '6').
_FIELD_SPAN = 6
#: Above this many block × paragraph pairs in one unmatched stretch, pair in order only.
_DP_LIMIT = 250_000


def fold(text: str) -> str:
    """`text` as the matcher compares it: compatibility forms, case, quotes, apostrophes and
    dashes folded; soft hyphens and zero-width characters gone."""
    return unicodedata.normalize("NFKC", text).translate(_INVISIBLE).translate(_FOLD).casefold()


@dataclass(frozen=True)
class Words:
    """What identifies a paragraph: its words folded, which of them a field computed, and
    the typed number cut from its start ('' when none)."""

    words: tuple[str, ...]
    soft: tuple[bool, ...]
    number: str = ""

    @property
    def key(self) -> str:
        return " ".join(self.words)

    @property
    def identifying(self) -> bool:
        """Words that are not all a field's result (a page number line identifies nothing)."""
        return not all(self.soft)


def words_of(pieces: Sequence[tuple[str, bool]]) -> Words:
    """The `Words` of a text given as (text, computed by a field) pieces."""
    text = "".join(piece for piece, _ in pieces)
    soft_chars = [flag for piece, flag in pieces for _ in piece]
    rest, cut = strip_number(text)
    number = text[:cut].strip() if cut and rest != text.lstrip() else ""
    start = cut if number else 0
    folded = fold(text[start:])
    found = list(_WORD.finditer(folded))
    # a field's flag follows its characters: fold() keeps one character for one unless a
    # compatibility form expands (ﬁ → fi), and then no word is taken for a field's
    aligned = len(folded) == len(text) - start
    soft = [aligned and any(soft_chars[start + m.start():start + m.end()]) for m in found]
    return Words(tuple(m.group() for m in found), tuple(soft), number)


def paragraph_words(members: Sequence[DocxParagraph]) -> Words:
    """The words of DOCX paragraphs as they were before the tracked changes (rejected view)."""
    return words_of([(run.text, bool(run.field)) for p in members for run in p.runs if not run.inserted])


def original_text(members: Sequence[DocxParagraph]) -> str:
    return normalize("".join(p.rejected_text for p in members))


@dataclass(frozen=True)
class Pair:
    """DOCX paragraph group `group` is the version's block `block`; `ignored` lists what
    differs between them and was set aside ('’ for \\'', 'a field shows 6 for 5')."""

    group: int
    block: int
    ignored: tuple[str, ...] = ()
    elsewhere: bool = False  # found out of the version's order


@dataclass(frozen=True)
class Matching:
    """Which group is which block; `problem` (one sentence) when the file is another version's."""

    pairs: tuple[Pair, ...]
    problem: str = ""


def match(groups: Sequence[Sequence[DocxParagraph]], blocks: Sequence[Block], version: int) -> Matching:
    """Pair each block of draft `version` with the DOCX paragraph group that holds its words.

    Exact word sequences are aligned first (in order), then what is left between them is
    paired when the only differences are words a field computed; a block found out of
    order is paired too. Groups before the first block and after the last are the heading
    and closing lines. Any block left unpaired, or a group of words between blocks that
    the version lacks, makes `problem`.
    """
    from draftkit.diff.words import Op, diff_sequences

    group_words = [paragraph_words(g) for g in groups]
    block_words = [words_of([(b.text, False)]) for b in blocks]
    candidates = [i for i, w in enumerate(group_words) if w.words and w.identifying]
    pairs: dict[int, int] = {}  # block → group
    gaps: list[tuple[list[int], list[int]]] = []
    pending: tuple[list[int], list[int]] = ([], [])
    spans = diff_sequences([w.key for w in block_words], [group_words[i].key for i in candidates], semantic=False)
    for span in spans:
        if span.op is Op.EQUAL:
            if pending[0] or pending[1]:
                gaps.append(pending)
                pending = ([], [])
            for k in range(span.a1 - span.a0):
                pairs[span.a0 + k] = candidates[span.b0 + k]
        else:
            pending[0].extend(range(span.a0, span.a1))
            pending[1].extend(candidates[span.b0:span.b1])
    if pending[0] or pending[1]:
        gaps.append(pending)
    for block_ids, group_ids in gaps:
        for b, g in _pair_in_order(block_ids, group_ids, block_words, group_words):
            pairs[b] = g
    # a block whose words stand elsewhere in the file (moved without Track Changes, or
    # reordered by an import that put a late preambular paragraph back in the preamble)
    taken = set(pairs.values())
    loose = {group_words[g].key: g for g in reversed(candidates) if g not in taken}
    elsewhere: set[int] = set()
    for b in range(len(blocks)):
        if b not in pairs and block_words[b].key in loose:
            pairs[b] = loose.pop(block_words[b].key)
            elsewhere.add(b)
    problem = _problem(groups, blocks, version, pairs, candidates, group_words, block_words)
    out = tuple(Pair(g, b, tuple(_ignored(groups[g], blocks[b], group_words[g], version)), b in elsewhere)
                for b, g in sorted(pairs.items()))
    return Matching(out, problem)


def _same(block: Words, group: Words) -> bool:
    """Equal words, or differing only where the group's words are a field's result."""
    if block.words == group.words:
        return True
    if not any(group.soft):
        return False
    from draftkit.diff.words import diff_sequences

    for a0, a1, b0, b1 in hunks(diff_sequences(block.words, group.words, semantic=False)):
        if b1 == b0 or not all(group.soft[b0:b1]) or a1 - a0 > _FIELD_SPAN:
            return False
    return True


def hunks(spans) -> list[tuple[int, int, int, int]]:
    """The changes of an edit script as (a0, a1, b0, b1), a deletion beside an insertion as one."""
    from draftkit.diff.words import Op

    out: list[list[int]] = []
    for span in spans:
        if span.op is Op.EQUAL:
            continue
        if out and out[-1][1] == span.a0 and out[-1][3] == span.b0:
            out[-1][1], out[-1][3] = span.a1, span.b1
        else:
            out.append([span.a0, span.a1, span.b0, span.b1])
    return [(a0, a1, b0, b1) for a0, a1, b0, b1 in out]


def _pair_in_order(block_ids: list[int], group_ids: list[int], block_words: list[Words],
                   group_words: list[Words]) -> list[tuple[int, int]]:
    """The longest in-order pairing of `block_ids` with `group_ids` whose words are the same
    but for field results (dynamic programming when the stretch is small, else greedy)."""
    if not block_ids or not group_ids:
        return []
    n, m = len(block_ids), len(group_ids)
    if n * m > _DP_LIMIT:
        out, j = [], 0
        for b in block_ids:
            for k in range(j, m):
                if _same(block_words[b], group_words[group_ids[k]]):
                    out.append((b, group_ids[k]))
                    j = k + 1
                    break
        return out
    same = [[_same(block_words[b], group_words[g]) for g in group_ids] for b in block_ids]
    best = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            best[i][j] = max(best[i + 1][j], best[i][j + 1], best[i + 1][j + 1] + 1 if same[i][j] else 0)
    out, i, j = [], 0, 0
    while i < n and j < m:
        if same[i][j] and best[i][j] == best[i + 1][j + 1] + 1:
            out.append((block_ids[i], group_ids[j]))
            i, j = i + 1, j + 1
        elif best[i + 1][j] >= best[i][j + 1]:
            i += 1
        else:
            j += 1
    return out


def _problem(groups, blocks: Sequence[Block], version: int, pairs: dict[int, int], candidates: list[int],
             group_words: list[Words], block_words: list[Words]) -> str:
    """One sentence naming the first paragraph that shows the file is not draft `version`, '' when none."""
    taken = set(pairs.values())
    missing = next((b for b in range(len(blocks)) if b not in pairs), None)
    if missing is not None:
        b = missing
        lo = max((pairs[x] for x in pairs if x < b), default=-1)
        hi = min((pairs[x] for x in pairs if x > b), default=len(groups))
        near = [g for g in candidates if lo < g < hi and g not in taken]
        # the most alike paragraph where the block should be: the same paragraph, its words changed
        scored = [(SequenceMatcher(None, block_words[b].words, group_words[g].words, autojunk=False).ratio(), g)
                  for g in near]
        ratio, g = max(scored, default=(0.0, -1))
        if ratio >= 0.5:
            theirs, ours = differing_words(strip_number(original_text(groups[g]))[0], normalize(blocks[b].text))
            return (f"where draft {version} has {blocks[b].label} "
                    f"{excerpt_around(normalize(blocks[b].text), ours)!r}, the file (with its tracked changes "
                    f"rejected) has {excerpt_around(original_text(groups[g]), theirs)!r}: "
                    f"{_words_phrase(theirs, ours, version)}")
        return f"{blocks[b].label} {excerpt(normalize(blocks[b].text))!r} is not in it (with its tracked changes rejected)"
    paired = sorted(taken)
    extra = next((g for g in candidates if paired and paired[0] < g < paired[-1] and g not in taken), None)
    if extra is None:
        return ""
    before = max((b for b, p in pairs.items() if p < extra), default=None, key=lambda b: pairs[b])
    where = f"after {blocks[before].label}" if before is not None else "before the first paragraph"
    return (f"it has a paragraph draft {version} does not have, {where}: "
            f"{excerpt(original_text(groups[extra]))!r} (with its tracked changes rejected)")


def differing_words(theirs: str, ours: str) -> tuple[str, str]:
    """The first stretch of words where two texts differ (folded words compared), as written in each."""
    from draftkit.diff.words import diff_sequences

    def spans(text: str) -> list[tuple[int, int]]:
        return [m.span() for m in _WORD.finditer(text)]

    mine, other = spans(theirs), spans(ours)
    keys_mine = [fold(theirs[a:b]) for a, b in mine]
    keys_other = [fold(ours[a:b]) for a, b in other]
    found = hunks(diff_sequences(keys_other, keys_mine, semantic=True))
    if not found:
        return "", ""
    hunk = found[0]

    def cut(text: str, found: list[tuple[int, int]], start: int, end: int) -> str:
        return text[found[start][0]:found[end - 1][1]] if end > start else ""

    return cut(theirs, mine, hunk[2], hunk[3]), cut(ours, other, hunk[0], hunk[1])


def _words_phrase(theirs: str, ours: str, version: int) -> str:
    if theirs and ours:
        return f"{theirs!r} where draft {version} has {ours!r}"
    if theirs:
        return f"{theirs!r}, which draft {version} does not have"
    return f"no {ours!r}, which draft {version} has"


def excerpt_around(text: str, words: str, width: int = 20) -> str:
    """A short excerpt of `text` around the first occurrence of `words` ('…to outlaw all…')."""
    at = text.find(words) if words else -1
    if at < 0 or len(text) <= 2 * width + len(words):
        return excerpt(text) if at < 0 else text
    start = max(0, text.rfind(" ", 0, max(0, at - width)) + 1)
    end = text.find(" ", min(len(text), at + len(words) + width))
    end = len(text) if end < 0 else end
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


# --- what was set aside -------------------------------------------------------------


def _ignored(members: Sequence[DocxParagraph], block: Block, words: Words, version: int) -> list[str]:
    """What differs between a DOCX paragraph and the block it was paired with, in a few
    words each ("'’' for \\"'\\"", "spacing", "a field shows '6' for '5'", "typed number '3.'")."""
    from draftkit.diff.words import Op, diff_sequences
    from draftkit.merge.words import tokenize

    out: list[str] = []
    if words.number:
        out.append(f"typed number {words.number!r}")
    pieces = [(run.text, run.field) for p in members for run in p.runs if not run.inserted]
    text = "".join(piece for piece, _ in pieces)
    field_at = [bool(f) for piece, f in pieces for _ in piece]
    if words.number:
        cut = text.find(words.number) + len(words.number)
        text, field_at = text[cut:], field_at[cut:]
    theirs, ours = list(tokenize(text.strip())), list(tokenize(block.text.strip()))
    offsets, at = [], len(text) - len(text.lstrip())
    for token in theirs:
        offsets.append(at)
        at += len(token)
    found: list[str] = []
    spacing = False
    spans = diff_sequences([t.strip() for t in ours], [t.strip() for t in theirs], semantic=True)
    for span in spans:
        if span.op is Op.EQUAL:
            spacing = spacing or any(_gap(theirs[span.b0 + k]) != _gap(ours[span.a0 + k])
                                     for k in range(span.a1 - span.a0 - 1))
    for a0, a1, b0, b1 in hunks(spans):
        mine = "".join(theirs[b0:b1]).strip()
        other = "".join(ours[a0:a1]).strip()
        computed = b1 > b0 and all(field_at[offsets[k]] for k in range(b0, b1) if offsets[k] < len(field_at))
        if computed:
            found.append(f"a field shows {mine!r} for {other!r}")
        elif mine and other:
            found.append(f"{mine!r} for {other!r}")
        elif mine:
            found.append(f"{mine!r} added")
        else:
            found.append(f"{other!r} missing")
    if len(found) > 4:
        found = found[:4] + [f"{len(found) - 4} more"]
    out += found
    if spacing:
        out.append("spacing")
    return out


def _gap(token: str) -> str:
    """The spaces after a token (one space, several, a no-break space, none)."""
    return token[len(token.rstrip()):]
