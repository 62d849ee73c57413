"""Word cross-references in an imported resolution → draftkit's `{ref:…}` / `{num:…}`.

A REF field that shows the number of a bookmarked paragraph ("paragraph 5 above", the 5 a
`REF _Ref… \\r \\h` field) is carried through classification as marks (see
`text.Line.referenced`). Here each mark becomes a cross-reference to the operative paragraph
the bookmark is on: `{ref:OP5}` when the words around it are the language's own phrase
("paragraph {n} above"), else `{num:OP5}` with the words kept. Until `write` gives the
paragraphs their ids, a cross-reference names its target by label (OP5). A field whose
bookmark is on no operative paragraph stays the text it shows, with a warning.
Knows imported values and the language data; no Word, no YAML.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from draftkit.importing.text import REFERENCE_BASE, REFERENCE_MARK, Line, LineReference
from draftkit.importing.values import (ImportedAnnex, ImportedAnnexText, ImportedParagraph, ImportedSub,
                                       ImportWarning, excerpt)

_LEADING_NUMBER = re.compile(r"\s*(\d{1,4})")
#: A cross-reference the importer wrote (never one a delegate typed: `as_markup` escapes those).
_PLACED = re.compile(r"(?<!\\)((?:\\\\)*)\{(ref|num):OP(\d+)\}")


def resolve_references(preambular: Sequence[ImportedParagraph], operative: Sequence[ImportedParagraph],
                       lines: Sequence[Line], language: str, annexes: Sequence[ImportedAnnex] = ()
                       ) -> tuple[list[ImportedParagraph], list[ImportedParagraph], list[ImportedAnnex],
                                  list[ImportWarning]]:
    """Return the paragraphs and the annexes (whose paragraphs' lines `lines` holds too) with
    every reference mark resolved, and what was said about them."""
    table = {r.number: (r, line) for line in lines for r in line.references}
    if not table:
        return list(preambular), list(operative), list(annexes), []
    resolver = _Resolver(table, operative, language)
    out = ([resolver.paragraph(p) for p in preambular], [resolver.paragraph(p) for p in operative])
    return out[0], out[1], [resolver.annex(a) for a in annexes], resolver.warnings


def reads_as(text: str, operative: Sequence[ImportedParagraph], at: int, language: str) -> str:
    """`text` of the imported paragraph at DOCX index `at` with each cross-reference the
    importer wrote as the words a build will print ('paragraph 2 above'), for comparing it
    with a rendered draft."""
    def words(match: re.Match[str]) -> str:
        number = int(match.group(3))
        if number > len(operative):
            return match.group(0)
        if match.group(2) == "num":
            return match.group(1) + str(number)
        phrase = _phrase(language, operative[number - 1].index, at)
        return match.group(1) + (phrase.format(n=number) if phrase else str(number))

    return _PLACED.sub(words, text)


def with_ids(text: str, ids: Sequence[str]) -> str:
    """`text` with each cross-reference the importer wrote (`{ref:OP2}`) naming the id of
    that operative paragraph (`ids`, in order)."""
    def named(match: re.Match[str]) -> str:
        number = int(match.group(3))
        if not 0 < number <= len(ids):
            return match.group(0)
        return f"{match.group(1)}{{{match.group(2)}:{ids[number - 1]}}}"

    return _PLACED.sub(named, text)


class _Resolver:
    def __init__(self, table: dict[int, tuple[LineReference, Line]], operative: Sequence[ImportedParagraph],
                 language: str):
        self.table = table
        self.numbers = {p.index: n for n, p in enumerate(operative, start=1)}
        self.language = language
        self.warnings: list[ImportWarning] = []

    def paragraph(self, paragraph: ImportedParagraph) -> ImportedParagraph:
        if not any(REFERENCE_MARK.search(t) for t in (paragraph.text, *_sub_texts(paragraph.subparagraphs))):
            return paragraph
        return replace(paragraph, text=self.text(paragraph.text, paragraph.index),
                       subparagraphs=self.subs(paragraph.subparagraphs, paragraph.index))

    def annex(self, annex: ImportedAnnex) -> ImportedAnnex:
        """`annex` with its paragraphs' marks resolved (read from after the resolution)."""
        return replace(annex, items=tuple(replace(item, text=self.text(item.text, item.index))
                                          if isinstance(item, ImportedAnnexText) and REFERENCE_MARK.search(item.text)
                                          else item for item in annex.items))

    def subs(self, subs: tuple[ImportedSub, ...], at: int) -> tuple[ImportedSub, ...]:
        return tuple(ImportedSub(self.text(s.text, at), self.subs(s.children, at)) for s in subs)

    def text(self, text: str, at: int) -> str:
        """`text` (of the paragraph at DOCX index `at`) with its marks resolved, first to last."""
        while True:
            found = REFERENCE_MARK.search(text)
            if found is None:
                return text
            mark = found.group()
            before, after = text[:found.start()], text[text.rindex(mark) + 1:].replace(mark, "")
            entry = self.table.get(ord(mark) - REFERENCE_BASE)
            if entry is None:  # not a reference: cannot happen (a document holding such characters has none)
                text = before + after
                continue
            cut, made = self.reference(*entry, before, after, at)
            text = before[:len(before) - cut] + made

    def reference(self, reference: LineReference, line: Line, before: str, after: str, at: int) -> tuple[int, str]:
        """How many characters of `before` the cross-reference takes (the words of the
        language's phrase before the number), and what replaces the mark and `after`."""
        shown = line.text[reference.start:reference.end]
        number = self.numbers.get(reference.target)
        leading = _LEADING_NUMBER.match(shown)
        if number is None or leading is None:
            why = ("it shows no paragraph number" if leading is None else
                   "it points to a paragraph draftkit does not number (a preambular paragraph, a sub-paragraph, "
                   "a heading or annex line)")
            self.warn(line, f"the REF field is imported as the text it shows, {shown.strip()!r}: {why}")
            return 0, shown + after
        if int(leading.group(1)) != number:
            self.warn(line, f"the REF field shows {leading.group(1)!r} for OP{number} (not updated since the "
                            f"paragraphs moved): imported as a cross-reference, which reads {number}")
        rest = shown[leading.end():] + after
        phrase = _phrase(self.language, reference.target, at)
        if "{n}" in phrase:
            head, tail = phrase.split("{n}", 1)
            if _same(before[len(before) - len(head):], head) and _same(rest[:len(tail)], tail):
                return len(head), f"{{ref:OP{number}}}" + rest[len(tail):]
        return 0, f"{{num:OP{number}}}" + rest

    def warn(self, line: Line, message: str) -> None:
        self.warnings.append(ImportWarning(line.index + 1, message, excerpt(" ".join(line.text.split()))))


def _phrase(language: str, target: int, at: int) -> str:
    """The language's words for a cross-reference from DOCX paragraph `at` to `target`, '' when unknown."""
    from draftkit.languages import known, language as language_data

    if not known(language):
        return ""
    words = language_data(language).cross_references
    return words.above if target < at else words.below if target > at else words.same


def _same(text: str, words: str) -> bool:
    """Whether `text` is the phrase `words` but for letter case and no-break spaces."""
    return text.replace("\u00a0", " ").lower() == words.replace("\u00a0", " ").lower()


def _sub_texts(subs: tuple[ImportedSub, ...]) -> list[str]:
    return [t for s in subs for t in (s.text, *_sub_texts(s.children))]
