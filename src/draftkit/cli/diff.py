"""Command: diff — what changed between two drafts (or DOCX files), in the terminal or as a
tracked-changes DOCX. Parses arguments, calls `draftkit.diff.pipeline`, prints.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Optional

import click

from draftkit.cli.app import CONTEXT, app
from draftkit.cli.completion import complete_side
from draftkit.cli.options import color_option, format_option, lang_option, one_language, output_option, project_option
from draftkit.cli.output import color_wanted, echo, html_safe, json_escaped, safe

_FORMATS = ("text", "md", "html", "json")


@app.command("diff", context_settings=CONTEXT)
@click.argument("old", metavar="OLD", shell_complete=complete_side)
@click.argument("new", metavar="NEW", shell_complete=complete_side)
@project_option
@lang_option("Language of the drafts to compare (default: the first of the new draft).")
@output_option("Write changes.docx (tracked changes), .pdf, .md, .html or .json.")
@format_option(_FORMATS, "Output without -o: text (colour in a terminal, [-deleted-]{+inserted+} marks "
               "otherwise), md, html or json.", default="text")
@click.option("--author", metavar="NAME", default=None,
              help="Author of changes no delegation made (default: the draft's author).")
@click.option("--date", "day", metavar="YYYY-MM-DD", default=None,
              help="Date of the revisions (default: NEW's date, from the draft or the DOCX, else OLD's, else "
                   "today; a note says which).")
@color_option
def diff_command(old: str, new: str, project: Optional[Path], langs: tuple[str, ...], output: Optional[Path],
                 format: str, author: Optional[str], day: Optional[str], color: str) -> None:
    """Compare two drafts: word diff per paragraph, or a DOCX with real tracked changes.

    OLD and NEW are draft versions (2, v2), draft files, DOCX files or git REV:path.
    Without colour (--color never, a pipe, a file) insertions read {+so+} and
    deletions [-so-], as git diff --word-diff=plain writes them.
    """
    from draftkit.diff import pipeline

    language = one_language(langs, "diff")
    if output is not None:
        pipeline.output_format(output)  # refuse a bad suffix before reading anything
    comparison, old_side, new_side = pipeline.compare_inputs(old, new, project=project, language=language,
                                                             author=author, date=_date(day))
    for notice in comparison.notices:  # how it was compared: on stderr, so piped reports stay clean
        echo(f"note: {notice}.", err=True)
    if output is not None:
        pipeline.write(comparison, output, old=old_side, new=new_side)
        from draftkit.diff.report import summary_line

        echo(f"wrote {output} ({summary_line(comparison)})")
    elif format == "text" and color_wanted(color):
        _print_coloured(comparison)
    elif format == "text":  # no colour: marks
        from draftkit.diff.report import as_text

        sys.stdout.write(safe(as_text(comparison)))  # a DOCX's words may hold a terminal's CSI (U+009B)
    else:
        rendered = pipeline.render(comparison, format).decode("utf-8")
        # the same characters, written so a terminal shows them instead of obeying them
        sys.stdout.write(html_safe(rendered) if format == "html" else json_escaped(rendered) if format == "json"
                         else safe(rendered))


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


def _print_coloured(comparison) -> None:
    """Coloured word diff per paragraph (blue underlined: inserted, orange struck: deleted),
    then the summary. User text is only concatenated: square brackets stay as they are."""
    from draftkit.cli.output import Painter, write_lines
    from draftkit.diff.changes import BlockChange
    from draftkit.diff.report import heading_line, shows_words, summary_line
    from draftkit.diff.words import Op

    paint = Painter(True)
    styles = {Op.INSERT: "insert", Op.DELETE: "delete", Op.EQUAL: ""}

    def pieces(items) -> str:
        text = ""
        for piece in items:
            if not piece.restyled:
                text += paint(piece.text, styles[piece.op])
                continue
            for run in piece.runs:  # words kept, formatting changed: shown with what changed
                text += paint(run.text, "warning" if run.was is not None else "")
                if run.was is not None:
                    text += paint(f" ({run.was.described(run.style)})", "dim warning")
        return text

    def body(change: BlockChange) -> str:
        text = pieces(change.pieces)
        for note in change.footnotes:
            if note.changed:
                text += paint(f" [footnote {note.new_number}: ", "dim")
                text += pieces(note.pieces)
                text += paint("]", "dim")
        return text

    reported = comparison.reported()
    if not reported:
        write_lines([f"No changes between {comparison.old_name} and {comparison.new_name}."])
        return
    lines = []
    for change in reported:
        heading, status, names = heading_line(change)
        head = paint(heading, "bold") + "  " + paint(status, "status")
        lines.append(head + ("  " + paint(names, "author") if names else ""))
        if shows_words(change):
            lines.append(body(change))
        lines.append("")
    lines.append(paint(summary_line(comparison), "bold"))
    by_author = comparison.summary().by_author
    if by_author:
        lines.append("changes per author: " + ", ".join(f"{n} {c}" for n, c in by_author))
    write_lines(lines)
