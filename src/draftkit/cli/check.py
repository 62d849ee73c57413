"""Command: check (see `draftkit.check`).

Exit status, like `git diff --exit-code`: 0 when no finding reaches `--fail-on`,
1 when some do (the findings are printed first), 2 for a usage error.
"""

from __future__ import annotations

import enum
import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from draftkit.cli.app import app


class Format(str, enum.Enum):
    TABLE = "table"
    JSON = "json"


class FailOn(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@app.command("check")
def check_command(
    target: Path = typer.Argument(Path("."), help="Project folder or draft file (default: the current folder)."),
    version: Optional[int] = typer.Option(None, "--version", "-v", help="Draft version to check (default: the latest)."),
    lang: Optional[List[str]] = typer.Option(None, "--lang", "-l", help="Check only this language (repeatable); comparing footnote calls and references between languages needs two."),
    output_format: Format = typer.Option(Format.TABLE, "--format", "-f", help="table (default) or json."),
    fail_on: FailOn = typer.Option(FailOn.ERROR, "--fail-on", help="Exit 1 when a finding is at or above this severity."),
) -> None:
    """Check a draft: opening phrases, punctuation, empty items, word limit, cross-references,
    terminology and bilingual parity.

    Exit status: 0 when no finding reaches --fail-on (default: error), 1 when some do,
    2 for a usage error.
    """
    from draftkit.check import Severity, counts, failing, run_checks
    from draftkit.loading import open_draft

    project, draft = open_draft(target, version)
    languages = _languages(lang)
    findings = run_checks(draft, project_config=project.config, languages=languages)
    if output_format is Format.JSON:
        record = {
            "draft": str(draft.path) if draft.path else None,
            "version": draft.meta.version,
            "languages": list(languages or draft.meta.languages),
            "counts": counts(findings),
            "findings": [f.as_dict() for f in findings],
        }
        sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    else:
        _print_table(findings, draft.meta.version, counts(findings))
    if failing(findings, Severity(fail_on.value)):
        raise typer.Exit(1)


def _languages(values: Optional[List[str]]) -> tuple[str, ...] | None:
    """'--lang en --lang fr' or '--lang en,fr' → ('en', 'fr'); nothing → |None| (all declared)."""
    if not values:
        return None
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _print_table(findings: list, version: int, tally: dict[str, int]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(highlight=False)
    summary = ", ".join(f"{n} {name}{'s' if n != 1 and name != 'info' else ''}" for name, n in tally.items())
    if not findings:
        console.print(Text(f"draft {version}: no findings"))
        return
    styles = {"error": "bold red", "warning": "yellow", "info": "cyan"}
    table = Table(show_lines=False, header_style="bold")
    for column in ("severity", "where", "rule", "message", "suggestion"):
        table.add_column(column, overflow="fold")
    for finding in findings:
        where = finding.where
        place = " ".join(p for p in (where.shown(), where.paragraph, _location(where.location)) if p)
        message = f"[{finding.language}] {finding.message}" if finding.language else finding.message
        table.add_row(
            Text(finding.severity.value, style=styles[finding.severity.value]),
            Text(place),
            Text(finding.rule),
            Text(message),
            Text(finding.suggestion),
        )
    console.print(table)
    console.print(Text(f"draft {version}: {summary}"))


def _location(location) -> str:
    """file:line, relative to the current folder when the file is below it."""
    if location is None:
        return ""
    try:
        shown = location.file.resolve().relative_to(Path.cwd())
    except ValueError:
        shown = location.file
    return f"{shown}:{location.line}" if location.line else str(shown)
