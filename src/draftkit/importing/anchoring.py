"""A delegate's change quoted in the version's own words, as merge will look for them.

The DOCX text of a paragraph before the changes is aligned word for word with the
version's text (opening and text, or a sub-paragraph; cross-references read as their
words, as delegates saw them). A change found in the DOCX is carried onto the version's
words and widened with neighbouring words until the quote occurs once, so `old` is what
the version says even where the file's punctuation, quotes, spacing or field results
differ from it. Knows tokens and model paragraphs; no Word XML, no YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from draftkit.importing.matching import fold
from draftkit.merge.words import NO_SPACE_BEFORE, Change, align, cores, find, tokenize
from draftkit.model import Draft, Paragraph

OPENING, TEXT = 0, 1


@dataclass(frozen=True)
class VersionText:
    """The version's words of one target as delegates saw them: tokens (with their spaces),
    the part each belongs to (opening or text) and whether a cross-reference computed it."""

    tokens: tuple[str, ...]
    part: tuple[int, ...]
    computed: tuple[bool, ...]

    @cached_property
    def _folded(self) -> tuple[str, ...]:
        return tuple(fold(t) for t in cores(self.tokens))

    @cached_property
    def _parts(self) -> tuple[range, ...]:
        """The token ranges of the opening and of the text (empty when absent)."""
        def span(which: int) -> range:
            indexes = [k for k, p in enumerate(self.part) if p == which]
            return range(indexes[0], indexes[-1] + 1) if indexes else range(0)

        return span(OPENING), span(TEXT)

    def occurrences(self, start: int, end: int) -> int:
        """How many times tokens `start..end` occur in the target as merge searches it: in
        the opening, in the text, or as the whole opening followed by the text's first words."""
        needle = self._folded[start:end]
        if not needle:
            return 0
        hits = sum(len(find(self._folded[r.start:r.stop], needle)) for r in self._parts if r)
        opening, text = self._parts
        if opening and text and start == opening.start and end > text.start:
            hits += 1  # the quote starts with the whole opening phrase: merge reads the rest at the text's start
        return hits


def version_text(draft: Draft, lang: str, paragraph: Paragraph, subtext: str | None) -> VersionText:
    """The tokens of `paragraph` (its opening then its text), or of the sub-paragraph text
    `subtext`, in `lang`, each cross-reference as its words in `draft`."""
    from draftkit.merge.rendered import rendered

    tokens: list[str] = []
    part: list[int] = []
    computed: list[bool] = []
    pieces = [(TEXT, subtext)] if subtext is not None else [
        (OPENING, paragraph.opening.get(lang, "")), (TEXT, paragraph.text.get(lang, ""))]
    for which, text in pieces:
        if not text:
            continue
        shown = rendered(draft, lang, paragraph, text)
        found = (shown.tokens, shown.computed) if shown is not None else (tokenize(text), (False,) * len(tokenize(text)))
        words = list(found[0])
        if words and which == OPENING:
            words[-1] = words[-1].rstrip() + " "  # the opening is followed by the text
        tokens += words
        part += [which] * len(words)
        computed += list(found[1])
    return VersionText(tuple(tokens), tuple(part), tuple(computed))


@dataclass(frozen=True)
class Anchored:
    """A change as merge reads it: `old` words of the version, `new` words of the delegate;
    `problem` says why it cannot be quoted ('' when it can)."""

    old: str = ""
    new: str = ""
    problem: str = ""


class Anchor:
    """Carries changes of the DOCX text `before` onto the version's words."""

    def __init__(self, version: VersionText, before: tuple[str, ...]):
        self.version = version
        self.before = before
        self.kept = align(tuple(fold(t) for t in before), tuple(fold(t) for t in version.tokens)).kept

    def place(self, change: Change) -> tuple[int, int]:
        """The version's span of the DOCX tokens `change.start..change.end` (a gap for an insertion)."""
        mapped = [self.kept[k] for k in range(change.start, change.end) if self.kept[k] is not None]
        if mapped:
            return min(mapped), max(mapped) + 1  # type: ignore[type-var, operator]
        before = next((self.kept[k] for k in range(change.start - 1, -1, -1) if self.kept[k] is not None), None)
        if before is not None:
            return before + 1, before + 1
        after = next((self.kept[k] for k in range(change.end, len(self.kept)) if self.kept[k] is not None), None)
        at = after if after is not None else 0
        return at, at

    def quote(self, change: Change, after: tuple[str, ...]) -> Anchored | None:
        """`old`/`new` for one change (DOCX tokens `before[start:end]` → `after[new_start:new_end]`),
        widened until `old` occurs once in the version; |None| when it changes nothing there."""
        version = self.version
        start, end = self.place(change)
        added = "".join(after[change.new_start:change.new_end])
        if start == end and not added.strip():
            return None  # punctuation or spaces the version does not have, deleted
        touched = range(start, end) if end > start else range(max(0, start - 1), min(len(version.tokens), start + 1))
        if any(version.computed[k] for k in touched) and (end > start or _inside_reference(version, start)):
            return Anchored(problem="cross-reference")
        low, high = start, end
        n = len(version.tokens)
        while True:
            hits = version.occurrences(low, high) if high > low else 0
            if hits == 1:
                break
            if high < n and (low == 0 or high - low <= low):
                high += 1
            elif low > 0:
                low -= 1
            else:
                return Anchored(problem="ambiguous" if hits else "not found")
        old = "".join(version.tokens[low:high]).strip()
        head, tail = "".join(version.tokens[low:start]), "".join(version.tokens[end:high])
        if added.strip() and head and not head[-1].isspace() and head[-1] not in "([«“‘\"'" \
                and not added.lstrip().startswith(NO_SPACE_BEFORE):
            head += " "  # words inserted after a word that stood before punctuation
        if added.strip() and tail and not added[-1].isspace():
            added += " "
        return Anchored(old=old, new=_spaced(head + added + tail))


_SPACES = re.compile(r"[ \t\n]+")
_SPACE_BEFORE_MARK = re.compile("[ \t\n]+(?=[" + re.escape("".join(NO_SPACE_BEFORE)) + "])")


def _spaced(text: str) -> str:
    """Spaces as a reader types them: one between words, none before ',' ';' ')'…"""
    return _SPACE_BEFORE_MARK.sub("", _SPACES.sub(" ", text)).strip()


def _inside_reference(version: VersionText, at: int) -> bool:
    """An insertion at `at` falls between two words of one cross-reference."""
    return 0 < at < len(version.tokens) and version.computed[at - 1] and version.computed[at]
