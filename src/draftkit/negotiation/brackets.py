"""Negotiation brackets in paragraph text: `[shall] [may]` is one bracketed group with two
alternatives, `[and other professionals]` a group with one.

Square brackets are never inline markup (see `draftkit.inline`): they are read here, on
the text `inline.blank_markup` gives (footnote calls `[^key]`, references and formatting
marks blanked out), so a call inside a bracket stays what it is; an escaped bracket
(`\\[sic\\]`) is a literal one. Knows text only; no YAML, no Word.
"""

from __future__ import annotations

import re
from dataclasses import replace

from draftkit.inline import blank_markup
from draftkit.model import BracketHolders, Paragraph
from draftkit.records import record

OPEN, CLOSE = "[", "]"
#: What may stand between two alternatives of one group: spaces, or a slash ("[shall]/[may]").
_BETWEEN = frozenset(" \u00a0\u202f/")


@record
class Alternative:
    """One bracketed span: `start`..`end` are offsets in the text, brackets included."""

    start: int
    end: int
    inner: str


@record
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
    """`text` as `inline.blank_markup` gives it (footnote calls, references and formatting
    marks blanked, offsets kept), with escaped brackets (`\\[`, a literal "[sic]") blanked
    too: only the brackets left are negotiation brackets."""
    masked = blank_markup(text)
    if "\\" not in text:
        return masked
    chars = list(masked)
    for match in _ESCAPED.finditer(text):
        at = match.end() - 1
        if chars[at] in (OPEN, CLOSE):
            chars[at] = " "
    return "".join(chars)


_ESCAPED = re.compile(r"\\[\[\]]")
_BRACKET = re.compile(r"[\[\]]")


def spans(text: str) -> list[Alternative]:
    """Every bracketed span of `text` in order; raises `BracketError` for an unpaired or
    nested bracket."""
    if OPEN not in text and CLOSE not in text:
        return []  # most paragraphs: nothing to mask or scan
    found: list[Alternative] = []
    opened: int | None = None
    masked = _masked(text)
    for match in _BRACKET.finditer(masked):
        at, char = match.start(), match.group()
        if char == OPEN and masked.startswith("^", at + 1):
            continue  # an unclosed footnote call: `check` reports it as malformed markup
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


def carry_holders(before: tuple[Group, ...], after: tuple[Group, ...], holders: tuple, empty: object) -> tuple:
    """Holders of the groups `after`, taken from those of `before` (which `holders` follow)
    where a group of the same words is still there, in order; a new group gets `empty`."""
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


def follow_holders(before: Paragraph, after: Paragraph, languages: tuple[str, ...]) -> Paragraph:
    """`after` (an edit of `before`) with `before`'s bracket holders moved onto the groups
    still there: a group agreed away drops its holders, a new group has none yet."""
    if not before.brackets:
        return after
    language = source_language(before, languages)
    if language is None:
        return after
    try:
        old, new = paragraph_groups(before, language), paragraph_groups(after, language)
    except BracketError:
        return after
    if [g.signature() for g in old] == [g.signature() for g in new]:
        return after if after.brackets == before.brackets else replace(after, brackets=before.brackets)
    empty = BracketHolders(())
    carried = carry_holders(old, new, before.brackets, empty)
    while carried and carried[-1] == empty:
        carried = carried[:-1]
    return replace(after, brackets=tuple(carried))


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
