"""Commands: contributions, merge, compile (see `draftkit.merge` and `draftkit.compilation`).

Parse the options, load the round, make one library call, print. User text is printed
with `rich.text.Text`: square brackets are negotiation brackets, not markup.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Optional

import typer

from draftkit.cli.app import app
from draftkit.errors import UsageError

CONTRIBUTIONS = typer.Option(None, "--contributions", help="Folder of the round's contribution files "
                             "(default: the latest round under contributions/).")
DECISIONS = typer.Option(None, "--decisions", help="The co-rapporteurs' decisions file (default: decisions/<round>.yaml).")
INCLUDE_LATE = typer.Option(False, "--include-late", help="Count contributions submitted after the deadline.")


def _console():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def _moment(moment: datetime, timezone: str | None) -> str:
    """A submission instant in the draft's time zone (as written when there is none)."""
    if timezone:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            moment = moment.astimezone(ZoneInfo(timezone))
        except (ZoneInfoNotFoundError, ValueError):
            pass  # an unknown zone name: show the instant with the offset it was written with
    return moment.strftime("%Y-%m-%d %H:%M:%S %z").replace(" +", " +").strip()


@app.command("contributions")
def contributions_command(
    project: Path = typer.Argument(Path("."), help="Project folder."),
    contributions: Optional[Path] = CONTRIBUTIONS,
    decisions: Optional[Path] = DECISIONS,
    include_late: bool = INCLUDE_LATE,
    format: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """List the round's contributions: submitted, on time or late, proposals, targets, collisions."""
    from draftkit.loading.contributions import open_round
    from draftkit.loading.project import Project
    from draftkit.merge import review

    if format not in ("table", "json"):
        raise UsageError(f"unknown format {format!r}", fix="use table or json")
    loaded = open_round(Project.open(project), contributions, decisions)
    result = review(loaded.versions, loaded.current, loaded.round.contributions, loaded.decisions,
                    include_late=include_late)
    timezone = loaded.current.meta.timezone
    rows = []
    for entry in result.entries:
        mine = [i for i in result.items if i.contribution is entry.contribution]
        rows.append({
            "delegation": entry.contribution.delegation,
            "file": entry.contribution.path.name if entry.contribution.path else "",
            "submitted": _moment(entry.contribution.submitted_at, timezone),
            "on_time": entry.on_time,
            "included": entry.included,
            "responds_to": entry.contribution.responds_to,
            "proposals": [{
                "id": i.id, "action": i.proposal.action.value, "seen_as": i.seen_as, "target": i.label,
                "collides_with": list(result.collisions.get(i.id, ())) + (["co-rapporteurs"] if i.blocked else []),
                "decision": result.decisions[i.id].verdict.value if i.id in result.decisions else None,
            } for i in mine],
        })
    if format == "json":
        typer.echo(json.dumps({"draft": loaded.current.meta.version,
                               "deadline": result.deadline.isoformat() if result.deadline else None,
                               "contributions": rows}, ensure_ascii=False, indent=2))
        return
    from rich.table import Table
    from rich.text import Text

    deadline = _moment(result.deadline, timezone) if result.deadline else "none"
    table = Table(title=Text(f"Contributions ({loaded.round.name}) · current draft {loaded.current.meta.version}"
                             f" · deadline {deadline}"))
    for column in ("delegation", "submitted", "on time", "proposals", "targets", "collisions"):
        table.add_column(column)
    for row in rows:
        targets = ", ".join(_arrow(p["seen_as"], p["target"]) for p in row["proposals"])
        clashes = "; ".join(f"{p['id']} × {', '.join(p['collides_with'])}" for p in row["proposals"] if p["collides_with"])
        status = "yes" if row["on_time"] else ("LATE (included)" if row["included"] else "LATE (excluded)")
        table.add_row(Text(row["delegation"]), Text(row["submitted"]), Text(status),
                      Text(", ".join(p["id"] for p in row["proposals"])), Text(targets), Text(clashes or "—"))
    _console().print(table)


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
) -> None:
    """Apply the decided proposals of a round to the latest draft and write the next version.

    Collisions (proposals touching words the co-rapporteurs or another accepted proposal
    changed) are reported and not applied; the draft is still written (exit 0).
    """
    from draftkit.files import write_atomic
    from draftkit.loading.contributions import open_round
    from draftkit.loading.project import Project
    from draftkit.loading.serialize import dump_draft
    from draftkit.merge import merge

    when = _day(day)
    opened = Project.open(project)
    loaded = open_round(opened, contributions, decisions, need_decisions=True)
    result = merge(loaded.versions, loaded.current, loaded.round.contributions, loaded.decisions,
                   day=when, include_late=include_late)
    version = result.draft.meta.version
    target = output or opened.config.drafts / f"draft-{version}.yaml"
    header = (f"Version {version}: draft {loaded.current.meta.version} with the decided proposals of "
              f"{loaded.round.name}, made by `draftkit merge`.\n'provenance' names the proposal and "
              "delegation behind each change.")
    write_atomic(target, dump_draft(result.draft, header), inputs=loaded.inputs())
    _print_report(result.report, target, loaded.current.meta.timezone)


def _day(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date {value!r} is not a date", fix="write it as YYYY-MM-DD") from None


def _print_report(report, target: Path, timezone: str | None) -> None:
    from rich.text import Text

    from draftkit.merge import Status

    console = _console()
    applied = report.with_status(Status.APPLIED)
    console.print(Text(f"wrote {target} ({len(applied)} proposal(s) applied)"))
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
            line = f"  {o.proposal} ({o.delegation}) {where}" + (f": {o.detail}" if o.detail else "")
            console.print(Text(line))
            if status is Status.COLLISION:
                for c in (c for c in report.collisions if c.proposal == o.proposal):
                    other = c.other or "the co-rapporteurs' text"
                    console.print(Text(f"      {c.reason}; this proposal: {c.ours}"))
                    console.print(Text(f"      {other}: {c.theirs}"))
    if report.late:
        console.print(Text("\nlate contributions: " + ", ".join(
            f"{c.delegation} ({_moment(c.submitted_at, timezone)})" for c in report.late)))
    if report.pending:
        console.print(Text("\ntranslations to make (the proposal was written in one language only):", style="bold"))
        for p in report.pending:
            console.print(Text(f"  {p.label} ({p.language}): matching change for {p.proposal}"))


@app.command("compile")
def compile_command(
    project: Path = typer.Argument(Path("."), help="Project folder."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output file "
                                          "(default: build/compilation-draft<N>.<lang>.<format>; md/txt: the terminal)."),
    format: str = typer.Option("docx", "--format", help="docx, md, txt or pdf."),
    lang: Optional[str] = typer.Option(None, "--lang", help="Language of the texts (default: the draft's first)."),
    contributions: Optional[Path] = CONTRIBUTIONS,
    decisions: Optional[Path] = DECISIONS,
    include_late: bool = INCLUDE_LATE,
) -> None:
    """Write the compilation of amendments: a numbered table in paragraph order, insertions
    underlined, deletions struck through, colliding proposals grouped."""
    import tempfile

    from draftkit.compilation import compile_round
    from draftkit.files import write_atomic
    from draftkit.loading.contributions import open_round
    from draftkit.loading.project import Project
    from draftkit.merge import review
    from draftkit.render import compilation as render

    if format not in ("docx", "md", "txt", "pdf"):
        raise UsageError(f"unknown format {format!r}", fix="use docx, md, txt or pdf")
    opened = Project.open(project)
    loaded = open_round(opened, contributions, decisions)
    current = loaded.current
    language = lang or current.meta.languages[0]
    if language not in current.meta.languages:
        raise UsageError(f"draft {current.meta.version} has no {language!r} text",
                         fix=f"use --lang {' or '.join(current.meta.languages)}")
    result = compile_round(review(loaded.versions, current, loaded.round.contributions, loaded.decisions,
                                  include_late=include_late), language)
    if format in ("md", "txt") and output is None:
        typer.echo(render.to_markdown(result) if format == "md" else render.to_text(result), nl=False)
        return
    target = output or opened.config.output / f"compilation-draft{current.meta.version}.{language}.{format}"
    created = datetime.combine(current.meta.date, datetime.min.time())
    if format == "md":
        write_atomic(target, render.to_markdown(result), inputs=loaded.inputs())
    elif format == "txt":
        write_atomic(target, render.to_text(result), inputs=loaded.inputs())
    elif format == "docx":
        write_atomic(target, render.to_docx(result, created=created), inputs=loaded.inputs())
    else:
        from draftkit.render.pdf import docx_to_pdf

        with tempfile.TemporaryDirectory(prefix="draftkit-compile-") as folder:
            docx = Path(folder) / target.with_suffix(".docx").name
            docx.write_bytes(render.to_docx(result, created=created))
            pdf = docx_to_pdf(docx, Path(folder) / target.name)
            write_atomic(target, pdf.read_bytes(), inputs=loaded.inputs())
    from rich.text import Text

    _console().print(Text(f"wrote {target} ({len(result.amendments)} amendments)"))
