"""Commands: contributions, merge, compile (see `draftkit.rounds`, `draftkit.merge` and
`draftkit.compilation`).

Parse the options, make one library call, print. User text is only concatenated into
lines (never read as markup): square brackets are negotiation brackets.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Optional

import click

from draftkit.cli.app import CONTEXT, app, refuse_bytes_on_terminal, write_stdout
from draftkit.cli.options import (color_option, format_option, lang_option, languages,
                                  output_option, project_option, project_path)
from draftkit.cli.output import echo, json_text
from draftkit.errors import UsageError
from draftkit.wording import count


def round_options(function: Callable[..., Any]) -> Callable[..., Any]:
    """--contributions, --decisions, --include-late: which round, decided how."""
    function = click.option("--include-late", is_flag=True,
                            help="Count contributions submitted after the deadline.")(function)
    function = click.option("--decisions", metavar="FILE", type=click.Path(path_type=Path), default=None,
                            help="The co-rapporteurs' decisions file (default: decisions/<round>.yaml).")(function)
    return click.option("--contributions", metavar="DIR", type=click.Path(path_type=Path), default=None,
                        help="Folder of the round's contribution files (default: the latest round folder "
                             "under contributions/).")(function)


def _open(project: Optional[Path]) -> Any:
    from draftkit.loading.project import Project

    return Project.open(project_path(project))


@app.command("contributions", context_settings=CONTEXT)
@project_option
@round_options
@format_option(("text", "json"), "text: a table in a wide terminal, else one line per contribution; json.",
               default="text")
@color_option
def contributions_command(project: Optional[Path], contributions: Optional[Path],
                          decisions: Optional[Path], include_late: bool, format: str, color: str) -> None:
    """List the round's contributions: submitted, on time or late, proposals, targets, collisions."""
    from draftkit.rounds import listing

    listed = listing(_open(project), contributions, decisions, include_late=include_late)
    if format == "json":
        echo(json_text(listed.as_json()))
        if listed.errors:
            raise click.exceptions.Exit(1)
        return
    from draftkit.cli.output import painter, write_lines

    paint = painter(color)
    lines = _listing_lines(listed, paint)
    write_lines(lines)
    _print_terms(listed.terminology)
    if listed.errors:
        from draftkit.errors import InputError
        from draftkit.wording import verb

        n = len(listed.errors)
        raise InputError(
            f"{count(n, 'contribution file')} could not be read and {verb(n, 'is')} left out: "
            f"{', '.join(r.file for r in listed.errors)}",
            fix="fix the file (its line says what is wrong) and list the round again")


def _listing_lines(listed: Any, paint: Any) -> list[str]:
    """The title, then a table when it fits a wide terminal, else one line per contribution."""
    from draftkit.cli.output import fits, is_wide, table_lines, width
    from draftkit.instants import shown, shown_both

    deadline = shown_both(listed.deadline, listed.timezone) if listed.deadline else "none"
    if not listed.round:
        return [f"No contributions yet · current draft {listed.version} · deadline {deadline}"]
    title = paint(f"Contributions in {listed.round} · current draft {listed.version} · deadline {deadline}", "bold")
    rows, styles = [], []
    for row in listed.rows:
        if row.error:
            rows.append([row.delegation or row.file, "—", "unreadable", row.error, ""])
            styles.append(["", "", "error", "", ""])
            continue
        status = "on time" if row.on_time else ("LATE (included)" if row.included else "LATE (excluded)")
        proposals = ", ".join(f"{p.id} {_arrow(p.seen_as, p.target)}".strip() for p in row.proposals)
        clashes = "; ".join(f"{p.id} × {', '.join(p.collides_with)}" for p in row.proposals if p.collides_with)
        rows.append([row.delegation, shown(row.submitted, named=False, deadline=row.deadline), status, proposals,
                     clashes])
        styles.append(["", "", "ok" if row.on_time else "late", "", "collision"])
    header = ["delegation", "submitted", "status", "proposals and targets", "collisions"]
    widths = fits([header, *rows], width()) if is_wide() else None
    if widths is not None:
        return [title, *table_lines([header, *rows], widths, paint, styles=styles)]
    lines = [title]
    for cells, style in zip(rows, styles):
        delegation, submitted, status, proposals, clashes = cells
        line = f"{paint(delegation, 'bold')} · {submitted} · {paint(status, style[2])} · {proposals}"
        if clashes:
            line += " · " + paint("collision" if clashes.count("×") == 1 else "collisions", "collision") + f" {clashes}"
        lines.append(line)
    return lines


def _print_terms(warnings: Any, err: bool = False) -> None:
    """Terminology warnings on the proposed words: shown, never blocking."""
    if warnings:
        echo(f"\nTerminology of the proposed words: {count(len(warnings), 'warning')}.", err=err)
        for warning in warnings:
            echo("  " + warning.line(), err=err)


def _arrow(seen: str, now: str) -> str:
    return seen if seen == now or not now else f"{seen}→{now}"


@app.command("merge", context_settings=CONTEXT)
@project_option
@round_options
@output_option("Where to write the next draft (default: drafts/draft-<N+1>.yaml; - for standard output).")
@click.option("--date", "day", metavar="YYYY-MM-DD", default=None,
              help="Date of the new version (default: today).")
@click.option("--deadline", metavar="ISO", default=None,
              help="Deadline for contributions on the new version, e.g. 2021-07-01T23:59:00+02:00 (default: none).")
@click.option("--replace", is_flag=True, help="Redo the merge of this round: rewrite the draft it made, from the "
              "version it was made from, with the decisions as they are now.")
@click.option("--revision", metavar="N", type=click.IntRange(min=1), default=None,
              help="Issue the new version as Rev.N (headings and file names say so; default: the next revision "
                   "when the current draft is one, else none).")
def merge_command(project: Optional[Path], contributions: Optional[Path],
                  decisions: Optional[Path], include_late: bool, output: Optional[Path], day: Optional[str],
                  deadline: Optional[str], replace: bool, revision: Optional[int]) -> None:
    """Apply the decided proposals of a round to its current draft and write the next version.

    Collisions (proposals touching words the co-rapporteurs or another accepted proposal
    changed) are reported and not applied; the draft is still written (exit 0). To merge
    the same round again after changing decisions, use --replace.
    """
    from draftkit.rounds import merge_round

    opened = _open(project)
    merged = merge_round(opened, contributions, decisions, day=_day(day), include_late=include_late,
                         deadline=_deadline(deadline, opened), replace=replace, output=output, revision=revision)
    if merged.text is not None:
        write_stdout(merged.text.encode("utf-8"))
    _print_report(merged, err=merged.text is not None)


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


def _print_report(merged: Any, err: bool) -> None:
    from draftkit.instants import shown
    from draftkit.merge import Status

    def say(text: str = "") -> None:
        echo(text, err=err)

    report = merged.result.report
    applied = report.with_status(Status.APPLIED)
    verb_written = "replaced" if merged.replaced else "wrote"
    where = "standard output" if merged.text is not None else merged.path
    say(f"{verb_written} {where}: draft {merged.result.draft.meta.version} from draft {merged.source} "
        f"and {merged.round} ({count(len(applied), 'proposal')} applied)")
    titles = [(Status.APPLIED, "applied"), (Status.COLLISION, "collisions (not applied)"),
              (Status.REJECTED, "rejected"), (Status.MERGED, "merged into another proposal"),
              (Status.UNDECIDED, "undecided (not applied)"), (Status.LATE, "late (excluded; --include-late counts them)")]
    for status, title in titles:
        outcomes = report.with_status(status)
        if not outcomes:
            continue
        say(f"\n{title}: {len(outcomes)}")
        for o in outcomes:
            where = _arrow(o.seen_as, o.label)
            say(f"  {o.proposal} ({o.delegation}) {where}" + (f": {o.detail}" if o.detail else ""))
            if status is Status.COLLISION:
                for c in (c for c in report.collisions if c.proposal == o.proposal):
                    other = c.other or "the co-rapporteurs' text"
                    say(f"      {c.reason}; this proposal: {c.ours}")
                    say(f"      {other}: {c.theirs}")
    if report.late:
        say("\nlate contributions: " + ", ".join(
            f"{c.delegation} ({shown(c.submitted_at, merged.timezone)})" for c in report.late))
    if report.pending:
        say(f"\ntranslations to make (a proposal written in one language only): {len(report.pending)}")
        for p in report.pending:
            say(f"  {p.label} ({p.language}): matching change for {p.proposal}")
    _print_terms(merged.terminology, err)
    for warning in merged.warnings:
        echo(f"warning: {warning}", err=True)
    new_deadline = merged.result.draft.meta.deadline
    say("\ndeadline of the new draft: " + (shown(new_deadline, merged.timezone) if new_deadline
                                         else "none (set one with --deadline, or in the file)"))


@app.command("compile", context_settings=CONTEXT)
@project_option
@output_option("Output file or folder (default: build/compilation-draft<N>.<lang>.<format>; md/txt: the "
               "terminal; - for standard output).")
@format_option(("docx", "md", "txt", "pdf"), "Output format (default: docx, or the extension of -o; txt with -o -).")
@lang_option("Language of the texts and labels (repeatable: one compilation each; default: the draft's first).")
@round_options
def compile_command(project: Optional[Path], output: Optional[Path],
                    format: Optional[str], langs: tuple[str, ...], contributions: Optional[Path],
                    decisions: Optional[Path], include_late: bool) -> None:
    """Write the compilation of amendments: a numbered table in paragraph order, insertions
    underlined, deletions struck through, colliding proposals grouped."""
    from draftkit.rounds import compile_project

    chosen = list(languages(langs)) or [None]
    stdout = Path("-")  # files.STDOUT
    if len(chosen) > 1 and (output == stdout or (output is not None and not output.is_dir())):
        raise UsageError(f"{len(chosen)} languages make {len(chosen)} compilations, and -o {output} names one",
                         fix="give a folder with -o, or one --lang")
    if output == stdout:
        refuse_bytes_on_terminal(format, "compilation")
    opened = _open(project)
    for language in chosen:
        compiled = compile_project(opened, contributions, decisions, include_late=include_late,
                                   language=language, format=format, output=output)
        _print_terms(compiled.terminology, err=compiled.path is None)
        if compiled.text is not None:
            echo(compiled.text, nl=False)
        elif compiled.data is not None:
            write_stdout(compiled.data)
        else:
            echo(f"wrote {compiled.path} ({count(compiled.amendments, 'amendment')})")
