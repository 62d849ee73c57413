"""Check the files a commit changes (what the pre-commit hooks run): each draftkit file loads
as its kind — the keys and types its JSON Schema states, and the references a loader
resolves — and, when asked, each changed draft passes the drafting checks, as does the
latest draft of a project whose libraries, settings, phrases or terminology changed.

Files that are not draftkit's (a CI configuration beside the project) are left alone.
Knows the loaders and the checks; nothing of git or the terminal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from draftkit.check.findings import Finding, Severity, Where
from draftkit.errors import DraftkitError, Location, UnknownReference
from draftkit.loading import Project
from draftkit.loading.kinds import kind_of
from draftkit.loading.project import PROJECT_FILE, find_root, read_config

#: Kinds whose change can change what the project's latest draft says or how it is checked.
_PROJECT_WIDE = ("project", "library", "phrases", "terminology")


def load_as(path: Path, kind: str, project: Project | None = None) -> None:
    """Load `path` with the loader of `kind` (a draft against `project`'s libraries); raise
    the loader's `DraftkitError` when it is not a valid file of that kind."""
    from draftkit.check.rules import (read_language_phrases, read_language_terminology, read_phrases,
                                      read_terminology)
    from draftkit.languages import read_language
    from draftkit.loading.contributions import load_contribution, load_decisions
    from draftkit.loading.library import load_library_file

    loaders: dict[str, Callable[[Path], object]] = {
        "project": lambda settings: read_config(settings.parent),
        "library": load_library_file,
        "draft": lambda draft: (project or Project.open(draft)).load_draft_file(draft),
        "contribution": load_contribution,
        "decisions": load_decisions,
        "phrases": read_phrases,
        "terminology": read_terminology,
        "language": read_language,
        "language-phrases": read_language_phrases,
        "language-terminology": read_language_terminology,
    }
    if kind not in loaders:
        raise ValueError(f"no loader for files of kind {kind!r}")
    loaders[kind](path)


@dataclass
class FilesChecked:
    """The findings on a set of files, and which files were draftkit's."""

    findings: list[Finding] = field(default_factory=list)
    checked: list[Path] = field(default_factory=list)
    drafts: list[Path] = field(default_factory=list)  # the drafts whose drafting conventions were checked


def check_files(paths: Iterable[Path], *, drafting: bool = False) -> FilesChecked:
    """Return the findings on `paths`: one error for a file that does not load as its kind,
    and with `drafting` the findings of the drafting checks on every affected draft."""
    from draftkit.check import run_checks

    result = FilesChecked()
    projects: dict[Path, Project | DraftkitError] = {}
    affected: dict[Path, Project] = {}
    for path in paths:
        project = _project(path, projects)
        if isinstance(project, DraftkitError):
            if path.name == PROJECT_FILE:
                result.findings.append(_load_finding(project, path))
            continue  # the settings file reports it, once
        kind = kind_of(path, project.config if project else None)
        if kind is None:
            continue
        result.checked.append(path)
        try:
            load_as(path, kind, project)
        except DraftkitError as exc:
            result.findings.append(_load_finding(exc, path))
            continue
        if not drafting or project is None:
            continue
        if kind == "draft":
            affected[path.resolve()] = project
        elif kind in _PROJECT_WIDE and project.draft_files:
            affected.setdefault(project.draft_files[project.latest_version()].resolve(), project)
    for draft_path, project in affected.items():
        try:
            draft = project.load_draft_file(draft_path)
        except DraftkitError as exc:
            result.findings.append(_load_finding(exc, draft_path))
            continue
        result.drafts.append(draft_path)
        result.findings.extend(_located(f, draft_path) for f in run_checks(draft, project_config=project.config))
    return result


def _project(path: Path, cache: dict[Path, Project | DraftkitError]) -> Project | DraftkitError | None:
    root = find_root(path.resolve().parent)
    if root is None:
        return None
    if root not in cache:
        try:
            cache[root] = Project(read_config(root))
        except DraftkitError as exc:
            cache[root] = exc
    return cache[root]


def _load_finding(error: DraftkitError, path: Path) -> Finding:
    where = error.where
    location = where if isinstance(where, Location) else Location(Path(where)) if isinstance(where, Path) else Location(path)
    rule = "reference" if isinstance(error, UnknownReference) else "schema"
    return Finding(Severity.ERROR, rule, Where(location=location), error.what, suggestion=error.fix or "")


def _located(finding: Finding, draft_path: Path) -> Finding:
    """A draft-wide finding (the word count) is placed at the top of its draft file."""
    if finding.where.location is not None:
        return finding
    where = Where(finding.where.label, finding.where.paragraph, finding.where.subparagraph, finding.where.footnote,
                  Location(draft_path, 1))
    return Finding(finding.severity, finding.rule, where, finding.message, finding.language, finding.suggestion)
