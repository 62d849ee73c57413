"""Bilingual parity: every text in every declared language, with the same footnote calls
and cross-references in each.

Knows the model and `draftkit.inline`; knows no Word and no terminal.
"""

from __future__ import annotations

from collections import Counter
from typing import Collection, Iterable, Iterator

from draftkit.check.findings import Finding, Severity
from draftkit.check.units import Part, Unit
from draftkit.inline import Style, crossref_targets, footnote_keys, problems, style_counts
from draftkit.languages import known, language

_MISSING_RULE = {Part.SUBPARAGRAPH: "parity-subparagraphs", Part.FOOTNOTE: "parity-footnotes"}


def parity_findings(items: Iterable[Unit], languages: Iterable[str],
                    provided: Collection[str] = ()) -> Iterator[Finding]:
    """Yield an error per text missing in one of `languages`, and per call/reference mismatch.

    A text is missing when another language has it, so checking one language alone
    (`--lang fr`) still lists what the translators have left to do. In a `provided`
    language (a translation given for information beside the authentic texts) a missing
    text is a warning: it stops building that language, not the draft.
    """
    langs = tuple(languages)
    for unit in items:
        present = [lang for lang in langs if lang in unit.text]
        missing = [lang for lang in langs if lang not in unit.text]
        if unit.text and missing:
            present = present or list(unit.text)
            for lang in missing:
                yield Finding(Severity.WARNING if lang in provided else Severity.ERROR,
                              _MISSING_RULE.get(unit.part, "parity-missing"), unit.where,
                              f"the {unit.part.noun} has text in {', '.join(map(repr, present))} but not in {lang!r}"
                              + (" (a translation provided for information)" if lang in provided else ""),
                              lang, f"add '{lang}: …' (the translation)")
        if len(present) < 2:
            continue
        first = present[0]
        yield from _same(unit, first, present[1:], footnote_keys, "parity-footnotes", "footnote calls",
                         lambda k: f"[^{k}]")
        yield from _same(unit, first, present[1:], crossref_targets, "parity-xrefs", "cross-references",
                         lambda t: f"{{ref:{t}}}")
        yield from _same_formatting(unit, first, present[1:])


#: Formatting that follows the meaning (a title in italics in every language); superscripts
#: and subscripts are typography of each language ("143rd" / "143^e^") and are not compared.
_COMPARED = (Style.ITALIC, Style.BOLD, Style.SMALL_CAPS)


def _same_formatting(unit: Unit, first: str, others: list[str]) -> Iterator[Finding]:
    """Warn where a language has more or fewer italic, bold or small-capital stretches."""
    if problems(unit.text[first]):
        return  # an unclosed mark is reported as such; counting around it says nothing more
    reference = style_counts(unit.text[first])
    for lang in others:
        if problems(unit.text[lang]):
            continue
        found = style_counts(unit.text[lang])
        compared = _COMPARED if _italics(first) and _italics(lang) else tuple(s for s in _COMPARED if s is not Style.ITALIC)
        differ = [(s, reference.get(s, 0), found.get(s, 0)) for s in compared if reference.get(s, 0) != found.get(s, 0)]
        if not differ:
            continue
        shown = "; ".join(f"{n} {s.words} in {lang!r}, {r} in {first!r}" for s, r, n in differ)
        yield Finding(Severity.WARNING, "parity-formatting", unit.where,
                      f"the {unit.part.noun}'s formatting differs between languages ({shown})",
                      lang, "mark the same titles and terms in each language (*italic*, **bold**, {sc:…})")


def _italics(lang: str) -> bool:
    """Whether `lang` sets titles in italics (Chinese puts them in 《》; Arabic uses none)."""
    return not known(lang) or language(lang).typography.italics


def _same(unit: Unit, first: str, others: list[str], extract, rule: str, what: str, show) -> Iterator[Finding]:
    """Compare what `extract` finds in each language's text, as multisets (word order may differ)."""
    reference = Counter(extract(unit.text[first]))
    for lang in others:
        found = Counter(extract(unit.text[lang]))
        if found == reference:
            continue
        lacking = ", ".join(show(k) for k in sorted((reference - found).elements()))
        extra = ", ".join(show(k) for k in sorted((found - reference).elements()))
        parts = [f"lacks {lacking}" if lacking else "", f"has {extra} that {first!r} has not" if extra else ""]
        yield Finding(Severity.ERROR, rule, unit.where,
                      f"the {lang!r} text {' and '.join(p for p in parts if p)} ({what} differ from {first!r})",
                      lang, f"make the {what} of both languages the same")
