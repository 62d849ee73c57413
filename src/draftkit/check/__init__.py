"""`draftkit check`: drafting conventions, terminology, cross-references and bilingual
parity of a draft → a list of `Finding`s, in reading order.

Pure: reads the model and the rule data, never prints, never writes, knows no Word.
"""

from __future__ import annotations

from typing import Callable, Iterable

from draftkit.check.conventions import (
    opening_findings,
    single_subparagraph_findings,
    title_findings,
    unit_findings,
    word_count,
    word_limit_findings,
)
from draftkit.check.findings import Finding, Severity, Where, counts, failing
from draftkit.check.negotiation import bracket_findings, stale_findings
from draftkit.check.parity import parity_findings
from draftkit.check.references import crossref_findings, malformed_markup_findings, typed_number_findings
from draftkit.check.rules import project_phrases, project_terminology
from draftkit.check.terminology import TermHit, check_text_terminology, terminology_findings
from draftkit.check.units import annex_units, memorandum_units, units
from draftkit.errors import CheckFailed, Location, UsageError
from draftkit.loading.project import ProjectConfig
from draftkit.model import Draft

__all__ = [
    "Finding",
    "Severity",
    "TermHit",
    "Where",
    "check_text_terminology",
    "counts",
    "failing",
    "require_clean",
    "run_checks",
    "word_count",
]

DEFAULT_WORD_LIMIT = 3300


def run_checks(draft: Draft, *, project_config: ProjectConfig | None = None,
               languages: Iterable[str] | None = None,
               history: Callable[[], Iterable[Draft]] | None = None) -> list[Finding]:
    """Return every finding on `draft`, in reading order (draft-wide ones first).

    `languages` restricts the per-language rules (default: the draft's declared
    languages); bilingual parity runs when two or more languages are checked.
    `project_config` adds the project's phrases and terminology files and sets the
    word limit (default 3,300, the UN in-session limit). `history` gives the earlier draft
    versions (called only when a translation is stale, to show how its source changed).
    """
    declared = tuple(draft.meta.languages)
    langs = tuple(languages) if languages is not None else declared
    # A language the draft does not declare is still checkable when it has been written.
    unknown = [lang for lang in langs if lang not in declared and lang not in draft.meta.title]
    if unknown:
        raise UsageError(f"the draft is not written in {', '.join(map(repr, unknown))}",
                         where=draft.path, fix=f"its languages are {', '.join(declared)}")
    phrases = project_phrases(project_config.phrases if project_config else None, langs)
    terms = project_terminology(project_config.terminology if project_config else None, langs)
    limit = project_config.word_limit if project_config else DEFAULT_WORD_LIMIT
    labels = draft.labels()
    items = list(units(draft, labels))
    whole = Where(label="draft", location=Location(draft.path) if draft.path else None)

    findings: list[Finding] = []
    if not draft.operative:
        findings.append(Finding(Severity.ERROR, "no-operative", whole, "the draft has no operative paragraph", "",
                                "a resolution acts: add at least one operative paragraph ('operative:' list)"))
    findings += title_findings(draft, langs, Where(label="title", location=whole.location))
    findings += word_limit_findings(items, langs, limit, whole)
    provided = {lang for lang in langs if not draft.meta.is_authentic(lang)}
    findings += parity_findings(items, langs, provided)
    findings += opening_findings(draft, labels, phrases, langs)
    findings += unit_findings(items, langs)
    findings += single_subparagraph_findings(draft, labels)
    annexed = [*items, *annex_units(draft)]  # annex paragraphs refer and call notes too
    findings += crossref_findings(draft, annexed, langs)
    findings += malformed_markup_findings(annexed, langs)
    memorandum = list(memorandum_units(draft))
    findings += parity_findings(memorandum, langs, provided)
    findings += malformed_markup_findings(memorandum, langs)
    findings += typed_number_findings(draft, items, langs)
    findings += terminology_findings(items, langs, terms)
    findings += bracket_findings(draft, items, langs)
    findings += stale_findings(draft, langs, history)
    order = {paragraph_id: index for index, paragraph_id in enumerate(labels, start=1)}
    # Stable sort: by paragraph in reading order; within one, in the order rules ran.
    return sorted(findings, key=lambda f: order.get(f.where.paragraph, 0))


def require_clean(draft: Draft, *, project_config: ProjectConfig | None = None,
                  languages: Iterable[str] | None = None) -> list[Finding]:
    """Raise `CheckFailed` listing every error-level finding; return the other findings.

    `draftkit build` calls this first, so no document is written with broken
    cross-references, missing translations or empty paragraphs.
    """
    findings = run_checks(draft, project_config=project_config, languages=languages)
    errors = failing(findings, Severity.ERROR)
    if errors:
        from draftkit.wording import count, join

        in_languages = sorted({f.language for f in errors if f.language})
        headline = (f"{count(len(errors), 'error')} found by check" + (f" (in {join(in_languages)})" if in_languages
                                                                        else "") + ", so nothing was written")
        raise CheckFailed(
            headline + ": " + "; ".join(" ".join(filter(None, (f.where.shown(), f.language))) + f": {f.message}" for f in errors),
            where=draft.path,
            fix="fix each, then build again; `draftkit check` shows them with suggestions",
            findings=tuple(errors),
            headline=headline,
        )
    return [f for f in findings if f not in errors]
