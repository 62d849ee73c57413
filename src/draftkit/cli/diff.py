"""Command: diff — what changed between two drafts (or DOCX files), in the terminal or as a
tracked-changes DOCX. Parses arguments, calls `draftkit.diff.pipeline`, prints.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import typer

from draftkit.cli.app import app

_FORMATS = ("text", "md", "html", "json")


@app.command("diff")
def diff_command(
    old: str = typer.Argument(..., help="OLD: draft version (2, v2), draft file, DOCX file, or git REV:path."),
    new: str = typer.Argument(..., help="NEW: same forms as OLD."),
    output: Optional[Path] = typer.Option(
        None, "-o", "--output", help="Write changes.docx (tracked changes), .pdf, .md, .html or .json."),
    fmt: str = typer.Option("text", "--format", "-f",
                            help="Output without -o: text (colour in a terminal, [-deleted-]{+inserted+} "
                                 "marks when piped), md, html or json."),
    author: Optional[str] = typer.Option(
        None, "--author", help="Author of changes no delegation made (default: the draft's author)."),
    day: Optional[str] = typer.Option(
        None, "--date", help="Date of the revisions, YYYY-MM-DD (default: NEW's date, from the draft or the DOCX)."),
    language: Optional[str] = typer.Option(None, "--lang", "-l", help="Language of the drafts to compare (en, fr)."),
    project: Optional[Path] = typer.Option(None, "--project", "-p", help="Project folder (default: here)."),
) -> None:
    """Compare two drafts: word diff per paragraph, or a DOCX with real tracked changes."""
    from draftkit.diff import pipeline
    from draftkit.errors import UsageError

    if fmt not in _FORMATS:
        raise UsageError(f"unknown format {fmt!r}", fix="use --format text, md, html or json")
    if output is not None:
        pipeline.output_format(output)  # refuse a bad suffix before reading anything
    comparison, old_side, new_side = pipeline.compare_inputs(old, new, project=project, language=language,
                                                             author=author, date=_date(day))
    if output is not None:
        pipeline.write(comparison, output, old=old_side, new=new_side)
        from draftkit.diff.report import summary_line

        typer.echo(f"wrote {output} ({summary_line(comparison)})")
    elif fmt == "text" and sys.stdout.isatty():
        _print_terminal(comparison)
    elif fmt == "text":  # piped or redirected: marks instead of colour
        from draftkit.diff.report import as_text

        sys.stdout.write(as_text(comparison))
    else:
        sys.stdout.write(pipeline.render(comparison, fmt).decode("utf-8"))


def _date(value: Optional[str]):
    """`--date` as a UTC midnight, or |None|."""
    if value is None:
        return None
    from datetime import date, datetime, timezone

    from draftkit.errors import UsageError

    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date {value!r} is not a date", fix="write it as YYYY-MM-DD") from None
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)


def _print_terminal(comparison) -> None:
    """Coloured word diff per paragraph, then the summary. User text is never markup."""
    from rich.console import Console
    from rich.text import Text

    from draftkit.diff.changes import BlockChange
    from draftkit.diff.report import heading_line, shows_words, summary_line
    from draftkit.diff.words import Op

    console = Console(highlight=False, soft_wrap=False)
    styles = {Op.INSERT: "green underline", Op.DELETE: "red strike", Op.EQUAL: ""}

    def pieces(text: Text, items) -> None:
        for piece in items:
            if not piece.restyled:
                text.append(piece.text, style=styles[piece.op])
                continue
            for run in piece.runs:  # words kept, formatting changed: shown with what changed
                text.append(run.text, style="yellow" if run.was is not None else "")
                if run.was is not None:
                    text.append(f" ({run.was.described(run.style)})", style="dim yellow")

    def body(change: BlockChange) -> Text:
        text = Text()
        pieces(text, change.pieces)
        for note in change.footnotes:
            if note.changed:
                text.append(f" [footnote {note.new_number}: ", style="dim")
                pieces(text, note.pieces)
                text.append("]", style="dim")
        return text

    reported = comparison.reported()
    if not reported:
        console.print(Text(f"No changes between {comparison.old_name} and {comparison.new_name}."))
        return
    for change in reported:
        heading, status, names = heading_line(change)
        head = Text(heading, style="bold")
        head.append(f"  {status}", style="cyan")
        if names:
            head.append("  " + names, style="magenta")
        console.print(head)
        if shows_words(change):
            console.print(body(change))
        console.print()
    summary = comparison.summary()
    console.print(Text(summary_line(comparison), style="bold"))
    if summary.by_author:
        console.print(Text("changes per author: " + ", ".join(f"{n} {c}" for n, c in summary.by_author)))
