"""Commands: contributions, merge, compile (see `draftkit.rounds`, `draftkit.merge` and
`draftkit.compilation`).

Parse the options, make one library call, print. User text is printed with
`rich.text.Text`: square brackets are negotiation brackets, not markup.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any, Optional

import typer

from draftkit.cli.app import app, refuse_bytes_on_terminal, write_stdout
from draftkit.files import STDOUT
from draftkit.errors import InputError, UsageError

CONTRIBUTIONS = typer.Option(None, "--contributions", help="Folder of the round's contribution files "
                             "(default: the latest round folder under contributions/).")
DECISIONS = typer.Option(None, "--decisions", help="The co-rapporteurs' decisions file (default: decisions/<round>.yaml).")
INCLUDE_LATE = typer.Option(False, "--include-late", help="Count contributions submitted after the deadline.")




def _console(stderr: bool = False):
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True, stderr=stderr)


@app.command("contributions")
def contributions_command(
    project: Path = typer.Argument(Path("."), help="Project folder."),
    contributions: Optional[Path] = CONTRIBUTIONS,
    decisions: Optional[Path] = DECISIONS,
    include_late: bool = INCLUDE_LATE,
    format: str = typer.Option("table", "-f", "--format", help="table or json."),
) -> None:
    """List the round's contributions: submitted, on time or late, proposals, targets, collisions."""
    from draftkit.instants import shown, shown_both
    from draftkit.loading.project import Project
    from draftkit.rounds import listing

    if format not in ("table", "json"):
        raise UsageError(f"unknown format {format!r}", fix="use table or json")
    listed = listing(Project.open(project), contributions, decisions, include_late=include_late)
    if format == "json":
        typer.echo(json.dumps(listed.as_json(), ensure_ascii=False, indent=2))
        if listed.errors:
            raise typer.Exit(1)
        return
    from rich.table import Table
    from rich.text import Text

    deadline = shown_both(listed.deadline, listed.timezone) if listed.deadline else "none"
    if not listed.round:
        _console().print(Text(f"no contributions yet · current draft {listed.version} · deadline {deadline}"))
        return
    table = Table(title=Text(f"Contributions ({listed.round}) · current draft {listed.version} · deadline {deadline}"))
    for column in ("delegation", "submitted", "on time", "proposals", "targets", "collisions"):
        table.add_column(column)
    for row in listed.rows:
        if row.error:
            table.add_row(Text(row.delegation or row.file), Text("—"), Text("unreadable"), Text("—"),
                          Text(row.error), Text("—"))
            continue
        targets = ", ".join(_arrow(p.seen_as, p.target) for p in row.proposals)
        clashes = "; ".join(f"{p.id} × {', '.join(p.collides_with)}" for p in row.proposals if p.collides_with)
        status = "yes" if row.on_time else ("LATE (included)" if row.included else "LATE (excluded)")
        table.add_row(Text(row.delegation), Text(shown(row.submitted, named=False, deadline=row.deadline)), Text(status),
                      Text(", ".join(p.id for p in row.proposals)), Text(targets), Text(clashes or "—"))
    _console().print(table)
    _print_terms(listed.terminology, _console())
    if listed.errors:
        count = len(listed.errors)
        raise InputError(
            f"{count} contribution file{'s' if count != 1 else ''} could not be read and "
            f"{'are' if count != 1 else 'is'} left out: {', '.join(r.file for r in listed.errors)}",
            fix="fix the file (its row says what is wrong) and list the round again")


def _print_terms(warnings: Any, console: Any) -> None:
    """Terminology warnings on the proposed words: shown, never blocking."""
    from rich.text import Text

    if warnings:
        console.print(Text(f"\nterminology warnings (proposed words): {len(warnings)}", style="bold"))
        for warning in warnings:
            console.print(Text("  " + warning.line()))


def _arrow(seen: str, now: str) -> str:
    return seen if seen == now or not now else f"{seen}→{now}"


@app.command("merge")
def merge_command(
    project: Path = typer.Argument(Path("."), help="Project folder."),
    contributions: Optional[Path] = CONTRIBUTIONS,
    decisions: Optional[Path] = DECISIONS,
    include_late: bool = INCLUDE_LATE,
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Where to write the next draft "
                                          "(default: drafts/draft-<N+1>.yaml)."),
    day: Optional[str] = typer.Option(None, "--date", help="Date of the new version, YYYY-MM-DD (default: today)."),
    deadline: Optional[str] = typer.Option(None, "--deadline", metavar="ISO",
                                           help="Deadline for contributions on the new version, e.g. "
                                                "2021-07-01T23:59:00+02:00 (default: none)."),
    replace: bool = typer.Option(False, "--replace", help="Redo the merge of this round: rewrite the draft "
                                 "it made, from the version it was made from, with the decisions as they are now."),
) -> None:
    """Apply the decided proposals of a round to its current draft and write the next version.

    Collisions (proposals touching words the co-rapporteurs or another accepted proposal
    changed) are reported and not applied; the draft is still written (exit 0). To merge
    the same round again after changing decisions, use --replace.
    """
    from draftkit.loading.project import Project
    from draftkit.rounds import merge_round

    opened = Project.open(project)
    merged = merge_round(opened, contributions, decisions, day=_day(day), include_late=include_late,
                         deadline=_deadline(deadline, opened), replace=replace, output=output)
    if merged.text is not None:
        write_stdout(merged.text.encode("utf-8"))
    _print_report(merged, _console(stderr=merged.text is not None))


def _day(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date {value!r} is not a date", fix="write it as YYYY-MM-DD") from None


def _deadline(value: str | None, project: Any) -> datetime | None:
    """--deadline as an instant; without an offset it is read in the latest draft's time zone."""
    if value is None:
        return None
    from draftkit.errors import InputError
    from draftkit.loading.fields import parse_moment

    try:
        return parse_moment(value, "--deadline", "--deadline", project.draft().meta.timezone)
    except InputError as error:  # the option is named in the message already: no 'where'
        raise UsageError(error.what, fix=error.fix) from None


def _print_report(merged: Any, console: Any) -> None:
    from rich.text import Text

    from draftkit.instants import shown
    from draftkit.merge import Status

    report = merged.result.report
    applied = report.with_status(Status.APPLIED)
    verb = "replaced" if merged.replaced else "wrote"
    where = "standard output" if merged.text is not None else merged.path
    console.print(Text(f"{verb} {where}: draft {merged.result.draft.meta.version} from draft {merged.source} "
                       f"and {merged.round} ({len(applied)} proposal(s) applied)"))
    titles = [(Status.APPLIED, "applied"), (Status.COLLISION, "collisions (not applied)"),
              (Status.REJECTED, "rejected"), (Status.MERGED, "merged into another proposal"),
              (Status.UNDECIDED, "undecided (not applied)"), (Status.LATE, "late (excluded; --include-late counts them)")]
    for status, title in titles:
        outcomes = report.with_status(status)
        if not outcomes:
            continue
        console.print(Text(f"\n{title}: {len(outcomes)}", style="bold"))
        for o in outcomes:
            where = _arrow(o.seen_as, o.label)
            console.print(Text(f"  {o.proposal} ({o.delegation}) {where}" + (f": {o.detail}" if o.detail else "")))
            if status is Status.COLLISION:
                for c in (c for c in report.collisions if c.proposal == o.proposal):
                    other = c.other or "the co-rapporteurs' text"
                    console.print(Text(f"      {c.reason}; this proposal: {c.ours}"))
                    console.print(Text(f"      {other}: {c.theirs}"))
    if report.late:
        console.print(Text("\nlate contributions: " + ", ".join(
            f"{c.delegation} ({shown(c.submitted_at, merged.timezone)})" for c in report.late)))
    if report.pending:
        console.print(Text("\ntranslations to make (the proposal was written in one language only):", style="bold"))
        for p in report.pending:
            console.print(Text(f"  {p.label} ({p.language}): matching change for {p.proposal}"))
    _print_terms(merged.terminology, console)
    new_deadline = merged.result.draft.meta.deadline
    console.print(Text("\ndeadline of the new draft: " + (shown(new_deadline, merged.timezone) if new_deadline
                                                           else "none (set one with --deadline, or in the file)")))


@app.command("compile")
def compile_command(
    project: Path = typer.Argument(Path("."), help="Project folder."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output file "
                                          "(default: build/compilation-draft<N>.<lang>.<format>; md/txt: the terminal)."),
    format: Optional[str] = typer.Option(None, "-f", "--format", help="docx, md, txt or pdf (default: docx, "
                                         "or the extension of -o; txt with -o -)."),
    lang: Optional[str] = typer.Option(None, "-l", "--lang", help="Language of the texts and labels "
                                       "(default: the draft's first)."),
    contributions: Optional[Path] = CONTRIBUTIONS,
    decisions: Optional[Path] = DECISIONS,
    include_late: bool = INCLUDE_LATE,
) -> None:
    """Write the compilation of amendments: a numbered table in paragraph order, insertions
    underlined, deletions struck through, colliding proposals grouped."""
    from rich.text import Text

    from draftkit.loading.project import Project
    from draftkit.rounds import compile_project

    if output == STDOUT:
        refuse_bytes_on_terminal(format, "compilation")
    compiled = compile_project(Project.open(project), contributions, decisions, include_late=include_late,
                               language=lang, format=format, output=output)
    _print_terms(compiled.terminology, _console(stderr=compiled.path is None))
    if compiled.text is not None:
        typer.echo(compiled.text, nl=False)
        return
    if compiled.data is not None:
        write_stdout(compiled.data)
        return
    _console().print(Text(f"wrote {compiled.path} ({compiled.amendments} amendments)"))
