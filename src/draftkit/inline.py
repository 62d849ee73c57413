"""The small inline language inside paragraph text: footnote calls and cross-references.

    "the Convention on the Rights of the Child[^crc]"   → a footnote call
    "the measures referred to in {ref:op-legislation}"  → "paragraph 5 above" (computed)
    "paragraphs {num:op-a} and {num:op-b}"              → "3" and "7"

Member and clause text is data: only these two forms are interpreted, nothing is
ever evaluated as a template. Knows no YAML, no Word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Union

FOOTNOTE = re.compile(r"\[\^([A-Za-z0-9_.:-]+)\]")
CROSSREF = re.compile(r"\{(ref|num):([A-Za-z0-9_.:-]+)\}")
_ANY = re.compile(FOOTNOTE.pattern + "|" + CROSSREF.pattern)

#: Characters XML 1.0 forbids (control characters except tab, newline, carriage return).
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Plain:
    text: str


@dataclass(frozen=True)
class FootnoteCall:
    key: str


@dataclass(frozen=True)
class CrossRef:
    """`form` is 'ref' ("paragraph 5 above") or 'num' (just "5")."""

    target: str
    form: str


Segment = Union[Plain, FootnoteCall, CrossRef]


def segments(text: str) -> Iterator[Segment]:
    """Split text into plain runs, footnote calls and cross-references, in order."""
    pos = 0
    for match in _ANY.finditer(text):
        if match.start() > pos:
            yield Plain(text[pos : match.start()])
        if match.group(1) is not None:
            yield FootnoteCall(match.group(1))
        else:
            yield CrossRef(target=match.group(3), form=match.group(2))
        pos = match.end()
    if pos < len(text):
        yield Plain(text[pos:])


def footnote_keys(text: str) -> list[str]:
    """Keys of the footnote calls in `text`, in order."""
    return FOOTNOTE.findall(text)


def crossref_targets(text: str) -> list[str]:
    """Paragraph ids named by cross-references in `text`, in order."""
    return [m.group(2) for m in CROSSREF.finditer(text)]


def strip_markup(text: str) -> str:
    """Text with footnote calls removed and cross-references shown as their id."""
    return CROSSREF.sub(lambda m: m.group(2), FOOTNOTE.sub("", text))
