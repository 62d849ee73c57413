"""Cross-references: `{ref:ID}` / `{num:ID}` to missing, deleted or preambular paragraphs,
paragraph numbers typed by hand ("paragraph 4", "OP4", « paragraphe 4 »), and markup
that is almost a footnote call or a cross-reference (which would print literally).

Knows the model and `draftkit.inline`; knows no Word and no terminal.
"""

from __future__ import annotations

import re
from typing import Any, Iterable, Iterator

from draftkit.check.findings import Finding, Severity
from draftkit.check.units import Unit, blank_markup
from draftkit.errors import did_you_mean
from draftkit.inline import CROSSREF, FOOTNOTE, problems
from draftkit.languages import known, language
from draftkit.model import Draft, Kind, ProposalAction

def crossref_findings(draft: Draft, items: Iterable[Unit], languages: Iterable[str]) -> Iterator[Finding]:
    """Yield errors for references to missing, deleted or preambular paragraphs, and self-references."""
    paragraphs = draft.by_id()
    labels = draft.labels()
    deleted = {r.paragraph: r for r in draft.provenance if r.action is ProposalAction.DELETE_PARAGRAPH}
    langs = tuple(languages)
    for unit in items:
        for lang in langs:
            for match in CROSSREF.finditer(unit.text.get(lang, "")):
                target = match.group(2)
                written = match.group()
                paragraph = paragraphs.get(target)  # type: ignore[call-overload]
                if paragraph is None:
                    record = deleted.get(target)  # type: ignore[call-overload]
                    how = (f"was deleted by proposal {record.proposal} ({record.delegation})" if record
                           else "is not a paragraph of this draft")
                    # only ids the reference could point at: operative, and not its own paragraph
                    candidates = [pid for pid, p in paragraphs.items() if p.kind is Kind.OPERATIVE
                                  and (unit.paragraph is None or pid != unit.paragraph.id)]
                    yield Finding(Severity.ERROR, "xref-missing", unit.where, f"{written} refers to {target!r}, which {how}",
                                  lang, did_you_mean(target, candidates) or "point it at an existing paragraph id, or reword")
                elif paragraph.kind is Kind.PREAMBULAR:
                    yield Finding(Severity.ERROR, "xref-preambular", unit.where,
                                  f"{written} refers to preambular paragraph {labels[target]}, "
                                  "and preambular paragraphs have no number in the resolution",
                                  lang, "name what it says instead (e.g. “the Convention recalled in the preamble”)")
                elif unit.paragraph is not None and target == unit.paragraph.id:
                    yield Finding(Severity.WARNING, "xref-self", unit.where, f"{written} refers to its own paragraph",
                                  lang, "write “the present paragraph” or remove the reference")


#: Something that starts like markup: "{ref:", "{ Num :", "[^" (after the valid forms are blanked).
_ALMOST_MARKUP = re.compile(r"\{\s*(?:ref|num)\s*:[^}]*\}?|\[\^[^\]]*\]?", re.IGNORECASE)


_DOUBLED_BRACE = re.compile(r"\{" + CROSSREF.pattern + r"|" + CROSSREF.pattern + r"\}")


def malformed_markup_findings(items: Iterable[Unit], languages: Iterable[str]) -> Iterator[Finding]:
    """Yield an error where a footnote call or cross-reference is misspelt, or a formatting
    mark is never closed: it would print as typed."""
    langs = tuple(languages)
    for unit in items:
        for lang in langs:
            text = unit.text.get(lang, "")
            for problem in problems(text):
                yield Finding(Severity.ERROR, "markup-unclosed", unit.where,
                              f"{problem.message}: “{_excerpt(text, problem.offset)}”", lang, problem.fix)
            if "{" not in text and "[^" not in text:
                continue
            for match in _DOUBLED_BRACE.finditer(text):  # "{num:op-b}}", "{{ref:op-b}"
                yield Finding(Severity.ERROR, "markup-malformed", unit.where,
                              f"“{match.group()}” has a brace too many, which would print as typed",
                              lang, "write {ref:ID} or {num:ID} with one brace on each side")
            rest = FOOTNOTE.sub(" ", CROSSREF.sub(" ", text))
            for match in _ALMOST_MARKUP.finditer(rest):
                written = match.group()
                hint = ("write a footnote call as [^key] with a key of letters, digits, - _ . :" if written.startswith("[")
                        else "write {ref:ID} or {num:ID}: lower case, no spaces, closed with }")
                yield Finding(Severity.ERROR, "markup-malformed", unit.where,
                              f"“{written}” looks like draftkit markup but is not, so it would print as typed",
                              lang, hint)


def _excerpt(text: str, offset: int, width: int = 30) -> str:
    """The words around `offset`, for a message."""
    start, end = max(0, offset - 10), min(len(text), offset + width)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def typed_number_findings(draft: Draft, items: Iterable[Unit], languages: Iterable[str]) -> Iterator[Finding]:
    """Yield a warning for every paragraph number typed by hand in the draft's own text."""
    langs = [lang for lang in languages if known(lang) and language(lang).cross_references.typed is not None]
    for unit in items:
        for lang in langs:
            text = unit.text.get(lang)
            if not text:
                continue
            words = language(lang).cross_references
            pattern, elsewhere = words.typed, words.elsewhere
            assert pattern is not None
            plain = blank_markup(text)
            for match in pattern.finditer(plain):
                if match.group("what") and elsewhere is not None and elsewhere.match(plain, match.end()):
                    continue  # "paragraph 4 of resolution 74/174": another document's number
                yield Finding(Severity.WARNING, "xref-hand-typed", unit.where,
                              f"“{match.group().strip()}” is a number typed by hand; it goes wrong when paragraphs move",
                              lang, _typed_suggestion(draft, match, words))


def _typed_suggestion(draft: Draft, match: re.Match[str], words: Any) -> str:
    preambular_words = words.preambular_words
    if match.group("short"):
        kind = Kind.PREAMBULAR if match.group("short").upper() == "PP" else Kind.OPERATIVE
        number = int(match.group("sn")) if len(match.group("sn")) <= 9 else 0
    else:
        what = match.group("what").lower()
        kind = Kind.PREAMBULAR if what.startswith(tuple(w.lower() for w in preambular_words)) else Kind.OPERATIVE
        number = words.number(match.group("n"))
        if number is None:
            return "write {ref:ID} with the id of the paragraph meant"
    if kind is Kind.PREAMBULAR:
        return "preambular paragraphs have no number in the resolution: name what the paragraph says"
    if 1 <= number <= len(draft.operative):
        target = draft.operative[number - 1].id
        if match.group("what") and not words.reads_as_ref(match.group("what")):
            # a declined form ("в пункте 5"): {ref:…} would write the nominative ("в пункт 1 выше")
            return (f"write {match.group('what')} {{num:{target}}} (OP{number} is now {target!r}) so the number "
                    f"follows the paragraph; {{ref:{target}}} would write “{words.same.format(n=number)}”, "
                    "another form")
        return f"write {{ref:{target}}} (OP{number} is now {target!r}) so the number follows the paragraph"
    return f"write {{ref:ID}} with the id of the paragraph meant (there is no OP{number})"
