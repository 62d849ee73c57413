"""Negotiation brackets in paragraph text: `[shall] [may]` is one bracketed group with two
alternatives, `[and other professionals]` a group with one.

Square brackets are never inline markup (see `draftkit.inline`): they are read here,
with inline's own footnote calls `[^key]` and cross-references blanked out first, so a
call inside a bracket stays what it is. Knows text only; no YAML, no Word.
"""

from __future__ import annotations

from dataclasses import dataclass

from draftkit.inline import CROSSREF, FOOTNOTE
from draftkit.model import Paragraph

OPEN, CLOSE = "[", "]"
#: What may stand between two alternatives of one group: spaces, or a slash ("[shall]/[may]").
_BETWEEN = frozenset(" \u00a0\u202f/")


@dataclass(frozen=True)
class Alternative:
    """One bracketed span: `start`..`end` are offsets in the text, brackets included."""

    start: int
    end: int
    inner: str


@dataclass(frozen=True)
class Group:
    """Bracketed spans next to each other: the alternatives negotiators choose between."""

    alternatives: tuple[Alternative, ...]

    @property
    def start(self) -> int:
        return self.alternatives[0].start

    @property
    def end(self) -> int:
        return self.alternatives[-1].end

    def signature(self) -> tuple[str, ...]:
        """The alternatives' words: what identifies the group when the text around it changes."""
        return tuple(" ".join(a.inner.split()) for a in self.alternatives)


class BracketError(ValueError):
    """Brackets that do not pair up; `offset` is where in the text."""

    def __init__(self, message: str, offset: int):
        super().__init__(message)
        self.offset = offset


def _masked(text: str) -> str:
    """`text` with footnote calls and cross-references blanked to spaces of their length, so
    their own brackets (`[^key]`) are never read as negotiation brackets and offsets stay."""
    def blank(match) -> str:
        return " " * len(match.group())

    return CROSSREF.sub(blank, FOOTNOTE.sub(blank, text))


def spans(text: str) -> list[Alternative]:
    """Every bracketed span of `text` in order; raises `BracketError` for an unpaired or
    nested bracket."""
    found: list[Alternative] = []
    opened: int | None = None
    masked = _masked(text)
    for at, char in enumerate(masked):
        if char == OPEN and masked.startswith("^", at + 1):
            continue  # an unclosed footnote call: `check` reports it as malformed markup
        if char in (OPEN, CLOSE):
            if char == OPEN:
                if opened is not None:
                    raise BracketError("a bracket opens inside another (brackets do not nest)", at)
                opened = at
            else:
                if opened is None:
                    raise BracketError("a closing bracket has no opening one", at)
                found.append(Alternative(opened, at + 1, text[opened + 1 : at]))
                opened = None
    if opened is not None:
        raise BracketError("a bracket is never closed", opened)
    return found


def groups(text: str) -> tuple[Group, ...]:
    """The bracketed groups of `text`: spans separated only by spaces or a slash are
    alternatives of one group. Raises `BracketError` as `spans` does."""
    out: list[list[Alternative]] = []
    for span in spans(text):
        if out and all(c in _BETWEEN for c in text[out[-1][-1].end : span.start]):
            out[-1].append(span)
        else:
            out.append([span])
    return tuple(Group(tuple(g)) for g in out)


def bracketed(text: str) -> bool:
    """True when `text` holds a bracketed span (unpaired brackets count: they are unsettled too)."""
    try:
        return bool(spans(text))
    except BracketError:
        return True


def choose(text: str, group: int, alternative: int) -> str:
    """`text` with group `group` (0-based) replaced by the words of one alternative, brackets dropped."""
    found = groups(text)[group]
    kept = found.alternatives[alternative].inner
    return text[: found.start] + kept + text[found.end :]


def carry_holders(old: str, new: str, holders: tuple, empty: object) -> tuple:
    """Holders of the groups of `new`, taken from those of `old` where a group of the same
    words is still there (in order); a new group gets `empty`. `holders` follow `old`'s groups."""
    try:
        before, after = groups(old), groups(new)
    except BracketError:
        return holders
    signatures = [g.signature() for g in before]
    out, cursor = [], 0
    for group in after:
        sign = group.signature()
        match = next((i for i in range(cursor, len(signatures)) if signatures[i] == sign), None)
        if match is None:
            out.append(empty)
            continue
        out.append(holders[match] if match < len(holders) else empty)
        cursor = match + 1
    return tuple(out)


def paragraph_texts(paragraph: Paragraph, language: str) -> list[str]:
    """The texts of `paragraph` whose bracketed groups its `brackets:` holders follow, in
    order: the opening, the text, then the sub-paragraphs depth first (footnotes are not
    negotiated text)."""
    out = [paragraph.opening.get(language, ""), paragraph.text.get(language, "")]
    stack = list(paragraph.subparagraphs)
    while stack:
        sub = stack.pop(0)
        out.append(sub.text.get(language, ""))
        stack[0:0] = list(sub.children)
    return out


def paragraph_groups(paragraph: Paragraph, language: str) -> tuple[Group, ...]:
    """Every bracketed group of `paragraph` in `language`, in the order of `paragraph_texts`;
    raises `BracketError` for unpaired brackets."""
    return tuple(g for text in paragraph_texts(paragraph, language) for g in groups(text))


def source_language(paragraph: Paragraph, languages: tuple[str, ...]) -> str | None:
    """The first of `languages` the paragraph has text in (holders count its groups)."""
    return next((lang for lang in languages if lang in paragraph.text), None)
