"""Negotiation checks: brackets that pair up, the same bracketed groups in every language,
holders for each group, and a standing that agrees with the text.

Knows the model, `negotiation.brackets` and the check units; knows no Word.
"""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

from draftkit.check.findings import Finding, Severity, Where
from draftkit.check.units import Unit
from draftkit.model import Draft, Standing
from draftkit.negotiation.brackets import BracketError, groups, paragraph_groups, source_language


def bracket_findings(draft: Draft, items: Iterable[Unit], languages: Iterable[str]) -> Iterator[Finding]:
    """Yield an error per unpaired or nested bracket and per language whose bracketed groups
    differ from the first's; a warning per paragraph whose `brackets:` holders do not match
    its groups, or that is marked agreed while brackets remain."""
    langs = tuple(languages)
    broken: set[tuple[str, str]] = set()
    for unit in items:
        for lang in langs:
            text = unit.text.get(lang, "")
            try:
                groups(text)
            except BracketError as exc:
                broken.add((unit.where.paragraph, lang))
                yield Finding(Severity.ERROR, "bracket-unpaired", unit.where,
                              f"{exc} at {_excerpt(text, exc.offset)!r}", lang,
                              "pair every '[' with a ']'; alternatives are written [one] [other]")
    labels = draft.labels()
    for paragraph in draft.paragraphs():
        where = Where(label=labels[paragraph.id], paragraph=paragraph.id, location=paragraph.location)
        present = [lang for lang in langs if lang in paragraph.text and (paragraph.id, lang) not in broken]
        if not present:
            continue
        shapes = {lang: [len(g.alternatives) for g in paragraph_groups(paragraph, lang)] for lang in present}
        first = present[0]
        for lang in present[1:]:
            if shapes[lang] != shapes[first]:
                yield Finding(Severity.ERROR, "parity-brackets", where,
                              f"the {lang!r} text has {_shape(shapes[lang])}, the {first!r} text {_shape(shapes[first])}",
                              lang, "bracket the same words, with the same alternatives, in every language")
        source = source_language(paragraph, tuple(present))
        shape = shapes[source] if source else []
        given = [len(g.alternatives) for g in paragraph.brackets]
        if paragraph.brackets and given != shape:
            yield Finding(Severity.WARNING, "bracket-holders", where,
                          f"'brackets:' names holders for {_shape(given)}, the text has {_shape(shape)}", "",
                          "list one entry per bracketed group, one holder list per alternative")
        if shape and paragraph.status in (Standing.AGREED, Standing.AGREED_AD_REF):
            yield Finding(Severity.WARNING, "bracket-agreed", where,
                          f"marked {paragraph.status.value} but still has {_shape(shape)}", "",
                          "remove the brackets (keep the agreed words), or mark it open")


def _shape(counts: list[int]) -> str:
    """'2 bracketed groups (2 and 1 alternatives)', 'no brackets'."""
    if not counts:
        return "no brackets"
    groups_ = f"{len(counts)} bracketed group{'s' if len(counts) != 1 else ''}"
    return f"{groups_} ({' and '.join(map(str, counts))} alternative{'s' if counts != [1] else ''})"


def _excerpt(text: str, offset: int) -> str:
    return text[max(0, offset - 20) : offset + 20]


def stale_findings(draft: Draft, languages: Iterable[str], history: Callable[[], Iterable[Draft]] | None) -> Iterator[Finding]:
    """Yield a warning per translation whose source text changed since it was made (item by
    item, with the source's word diff when an earlier version holds the source as it was)."""
    from draftkit.negotiation.translations import marked_change, stale

    found = stale(draft, (), languages)
    if found and history is not None:
        found = stale(draft, history(), languages)
    labels = draft.labels()
    for item in found:
        key = item.item.key
        sub = item.item.label[len(labels[item.paragraph]):] if key.startswith("sub/") else ""
        where = Where(label=labels[item.paragraph], paragraph=item.paragraph, subparagraph=sub.strip("()"),
                      footnote=key.split("/", 1)[1] if key.startswith("footnote/") else "",
                      location=draft.by_id()[item.paragraph].location)  # type: ignore[index]
        if item.before is None:
            change = f"the {item.source!r} text changed since (its earlier wording is in no draft version)"
        elif not item.before:
            change = f"the {item.source!r} text is new: {item.now!r}"
        else:
            change = f"the {item.source!r} text changed: {marked_change(item.before, item.now)}"
        yield Finding(Severity.WARNING, "translation-stale", where,
                      f"translated from an earlier text; {change}", item.language,
                      f"update the translation, or send it to the translators: draftkit translations export "
                      f"-l {item.language}")
