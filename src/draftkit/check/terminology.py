"""Terminology rule: discouraged terms in running text, with official titles left alone.

`check_text_terminology` works on any text (a contribution, an imported paragraph);
`terminology_findings` applies it to every unit of a draft. Knows no Word, no terminal.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Mapping

from draftkit.check.findings import Finding, Severity
from draftkit.check.rules import TermList, builtin_terminology
from draftkit.check.units import Unit, blank_markup
from draftkit.records import record

#: Characters that open / close a quotation: a term quoted as a term is a mention, not a use.
_OPEN_QUOTES = "\"“‘'«‹"
_CLOSE_QUOTES = "\"”’'»›"
_PAD = " \u00a0\u202f"


@record
class TermHit:
    """A discouraged term found in a text: the words as written, where, and what to use."""

    term: str
    start: int
    end: int
    prefer: str
    note: str = ""


def check_text_terminology(text: str, language: str, terms: Mapping[str, TermList] | None = None) -> list[TermHit]:
    """Return the discouraged terms in `text` (in `language`), in order.

    Terms inside an official instrument title listed as an exception, or quoted as a
    term (“the term ‘child pornography’”), are not reported. `terms` defaults to the
    built-in rules; pass `rules.project_terminology(path)` to add a project's own.
    """
    table = (terms if terms is not None else builtin_terminology((language,))).get(language)
    if table is None:
        return []
    matcher = table.matcher
    plain = blank_markup(text)
    terms, title_pattern = matcher.patterns(plain)
    if terms is None:
        return []
    titles = [m.span() for m in title_pattern.finditer(plain)] if title_pattern else []
    hits = []
    for match in terms.finditer(plain):
        start, end = match.span()
        if any(a <= start and end <= b for a, b in titles) or _quoted(plain, start, end):
            continue
        rule = matcher.rule_for(match.group())
        hits.append(TermHit(term=match.group(), start=start, end=end, prefer=rule.prefer, note=rule.note))
    return hits


def _quoted(text: str, start: int, end: int) -> bool:
    """Whether the term stands alone between quotation marks, punctuation inside the quotes
    included (“child pornography,” as English puts the comma)."""
    before = text[:start].rstrip(_PAD)[-1:]
    after = text[end:].lstrip(_PAD).lstrip(",.;:!?")[:1]
    return bool(before) and before in _OPEN_QUOTES and bool(after) and after in _CLOSE_QUOTES


def terminology_findings(items: Iterable[Unit], languages: Iterable[str],
                         terms: Mapping[str, TermList] | None = None) -> Iterator[Finding]:
    """Yield a warning per discouraged term in every unit, per checked language."""
    langs = tuple(languages)
    for unit in items:
        for lang in langs:
            text = unit.text.get(lang)
            if not text:
                continue
            for hit in check_text_terminology(text, lang, terms):
                why = f" ({hit.note})" if hit.note else ""
                yield Finding(
                    Severity.WARNING,
                    "terminology",
                    unit.where,
                    f"“{hit.term}” is discouraged by the terminology guidelines{why}",
                    language=lang,
                    suggestion=f"use “{hit.prefer}”; official titles of instruments keep their wording",
                )
