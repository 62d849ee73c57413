"""Every piece of translatable text of a draft, with the place a finding should point at.

Knows the model (paragraphs, sub-paragraphs, footnotes, labels); knows no rule.
"""

from __future__ import annotations

import enum
import re
from typing import Iterator

from draftkit.check.findings import Where
from draftkit.errors import Location
from draftkit.inline import blank_markup as inline_blank_markup
from draftkit.model import AnnexText, ByLanguage, Draft, Paragraph, SubParagraph, subparagraph_label
from draftkit.records import record


class Part(enum.Enum):
    """Which field of the draft a text unit is."""

    TITLE = "title"
    OPENING = "opening"
    TEXT = "text"
    SUBPARAGRAPH = "subparagraph"
    FOOTNOTE = "footnote"
    MEMORANDUM = "memorandum"

    @property
    def noun(self) -> str:
        """How messages name the part: 'paragraph', 'sub-paragraph', 'footnote'…"""
        return {"text": "paragraph", "subparagraph": "sub-paragraph",
                "memorandum": "memorandum paragraph"}.get(self.value, self.value)


@record
class Unit:
    """One translatable text: its part, its per-language text, its paragraph and place.

    `level` is the sub-paragraph level (1 for (a), 2 for (i)); `children` says whether
    a sub-paragraph has sub-paragraphs of its own; `last` whether it is the last item
    of its list (punctuation at render depends on both).
    """

    part: Part
    text: ByLanguage
    where: Where
    paragraph: Paragraph | None = None
    level: int = 0
    children: int = 0
    last: bool = False


def units(draft: Draft, labels: dict[str, str] | None = None) -> Iterator[Unit]:
    """Yield the title, then every paragraph's opening, text, sub-paragraphs and footnotes."""
    labels = labels if labels is not None else draft.labels()
    yield Unit(Part.TITLE, draft.meta.title, Where(label="title", location=_file(draft)))
    for paragraph in draft.paragraphs():
        yield from paragraph_units(paragraph, labels[paragraph.id])


def memorandum_units(draft: Draft) -> Iterator[Unit]:
    """Yield the memorandum's title (when given) and paragraphs ('M1', 'M2'…): prose no
    drafting convention applies to, whose markup and formatting are still checked."""
    memorandum = draft.memorandum
    if memorandum is None:
        return
    where = memorandum.location or _file(draft)
    if memorandum.title:
        yield Unit(Part.MEMORANDUM, memorandum.title, Where(label="memorandum title", location=where))
    for number, text in enumerate(memorandum.paragraphs, start=1):
        yield Unit(Part.MEMORANDUM, text, Where(label=f"M{number}", location=where))


def paragraph_units(paragraph: Paragraph, label: str) -> Iterator[Unit]:
    """Yield the opening, text, sub-paragraphs (depth first) and footnotes of one paragraph."""
    base = Where(label=label, paragraph=paragraph.id, location=paragraph.location)
    if paragraph.opening:
        yield Unit(Part.OPENING, paragraph.opening, base, paragraph)
    yield Unit(Part.TEXT, paragraph.text, base, paragraph, children=len(paragraph.subparagraphs))
    yield from _sub_units(paragraph, paragraph.subparagraphs, base, (), 1)
    for footnote in paragraph.footnotes:
        where = Where(label=label, paragraph=paragraph.id, footnote=footnote.key,
                      location=footnote.location or paragraph.location)
        yield Unit(Part.FOOTNOTE, footnote.text, where, paragraph)


def annex_units(draft: Draft) -> Iterator[Unit]:
    """Yield each annex paragraph's text and its footnotes: they may hold cross-references
    and footnote calls (an annex title or table cell holds neither, see loading.annexes)."""
    for number, annex in enumerate(draft.annexes, start=1):
        for item in annex.items:
            if isinstance(item, AnnexText):
                yield Unit(Part.TEXT, item.text, Where(label=f"annex {number}", location=item.location))
                for note in item.footnotes:
                    yield Unit(Part.FOOTNOTE, note.text, Where(label=f"annex {number}", footnote=note.key,
                                                               location=note.location or item.location))


def _sub_units(paragraph: Paragraph, subs: tuple[SubParagraph, ...], base: Where,
               path: tuple[str, ...], level: int) -> Iterator[Unit]:
    for index, sub in enumerate(subs):
        shown = path + (subparagraph_label(index, level),)
        where = Where(label=base.label, paragraph=base.paragraph, subparagraph=")(".join(shown),
                      location=sub.location or base.location)
        yield Unit(Part.SUBPARAGRAPH, sub.text, where, paragraph, level=level,
                   children=len(sub.children), last=index == len(subs) - 1)
        yield from _sub_units(paragraph, sub.children, base, shown, level + 1)


def _file(draft: Draft) -> Location | None:
    return Location(draft.path) if draft.path else None


_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Lower case, typographic apostrophes and no-break spaces made plain, spaces collapsed.

    Lengths are kept where only characters are swapped, so callers comparing phrases
    never depend on which apostrophe a translator's keyboard typed.
    """
    return _SPACES.sub(" ", text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")).strip().lower()


def blank_markup(text: str) -> str:
    """`text` with footnote calls, cross-references and formatting marks replaced by spaces
    of their length (see `inline.blank_markup`): offsets stay those of the original, and an
    id such as `{ref:op4}` never reads as words."""
    return inline_blank_markup(text)
