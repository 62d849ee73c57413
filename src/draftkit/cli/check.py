"""Command: check (see `draftkit.check`).

Exit status, like `git diff --exit-code`: 0 when no finding reaches `--fail-on`,
1 when some do (the findings are printed first), 2 for a usage error.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Optional

import click

from draftkit.cli.app import CONTEXT, app
from draftkit.cli.options import (color_option, draft_option, format_option, lang_option, languages,
                                  open_project_draft, project_option)

from draftkit.cli.output import json_text
SEVERITIES = ("error", "warning", "info")


@app.command("check", context_settings=CONTEXT)
@project_option
@draft_option("Draft version N to check (default: the latest); a draft file also works.")
@lang_option("Check only this language (repeatable); comparing footnote calls and references between "
             "languages needs two.")
@format_option(("text", "json"), "text: one finding a line, path:line: PARAGRAPH severity[rule]: message — fix.",
               default="text")
@click.option("--fail-on", type=click.Choice(SEVERITIES), default="error", show_default=True,
              help="Exit 1 when a finding is at or above this severity.")
@color_option
def check_command(project: Optional[Path], draft: Optional[str],
                  langs: tuple[str, ...], format: str, fail_on: str,
                  color: str) -> None:
    """Check a draft: opening phrases, punctuation, empty items, word limit, cross-references,
    terminology and bilingual parity.

    Each finding is one line, as compilers write them, so editors can jump to it:
    drafts/draft-2.yaml:132: OP14 warning[terminology]: message — suggestion.

    Exit status: 0 when no finding reaches --fail-on (default: error), 1 when some do,
    2 for a usage error.
    """
    from draftkit.check import Severity, counts, failing, run_checks

    opened, chosen = open_project_draft(project, draft)
    wanted = languages(langs) or None
    def history():  # earlier versions, read only when a translation is stale
        return [opened.draft(v) for v in opened.versions() if v < chosen.meta.version]

    findings = run_checks(chosen, project_config=opened.config, languages=wanted, history=history)
    if format == "json":
        record = {
            "draft": str(chosen.path) if chosen.path else None,
            "version": chosen.meta.version,
            "languages": list(wanted or chosen.meta.languages),
            "counts": counts(findings),
            "findings": [f.as_dict() for f in findings],
        }
        sys.stdout.write(json_text(record) + "\n")
    else:
        _print_findings(findings, chosen.meta.version, counts(findings), color)
    if failing(findings, Severity(fail_on)):
        raise click.exceptions.Exit(1)


def _print_findings(findings: list, version: int, tally: dict[str, int], color: str) -> None:
    from draftkit.cli.output import painter, write_lines
    from draftkit.wording import count, join

    paint = painter(color)
    lines = finding_lines(findings, paint)
    if not findings:
        lines.append(f"Draft {version}: no findings.")
    else:
        parts = [paint(count(n, name), name) for name, n in tally.items() if n]
        lines.append(f"Draft {version}: {join(parts)}.")
    write_lines(lines)


def finding_lines(findings: list, paint: Any) -> list[str]:
    """Each finding on one line, `path:line: OP5 severity[rule]: message — fix` (shared with `validate`)."""
    from draftkit.cli.output import finding_line

    return [finding_line(_location(f.where.location), _subject(f.where), f.severity.value, f.rule,
                         f"[{f.language}] {f.message}" if f.language else f.message, f.suggestion, paint)
            for f in findings]


def _subject(where: Any) -> str:
    """What the reader looks for: 'OP5(b) (op-cooperation)', 'draft' for the whole draft."""
    shown = where.shown()
    if shown == "draft" and not where.paragraph:
        return ""
    return f"{shown} ({where.paragraph})" if where.paragraph and where.paragraph != where.label else shown


def _location(location: Any) -> str:
    """path:line, relative to the current folder when the file is below it."""
    if location is None:
        return ""
    try:
        shown = location.file.resolve().relative_to(Path.cwd())
    except ValueError:
        shown = location.file
    return f"{shown}:{location.line}" if location.line else str(shown)
