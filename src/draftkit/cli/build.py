"""Commands: build (a draft → DOCX / md / txt / PDF) and init (a new project).

Each parses its arguments, makes one library call (`draftkit.build.build`,
`draftkit.scaffold.scaffold`) and prints what it wrote.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, List, Optional

import typer

from draftkit.cli.app import app, refuse_bytes_on_terminal, stdout_errors, write_stdout
from draftkit.files import STDOUT


def _console(*, stderr: bool = False):
    from rich.console import Console

    return Console(highlight=False, stderr=stderr)


def _print_written(paths: list[Path]) -> None:
    from rich.text import Text

    console = _console()
    with stdout_errors():
        for path in paths:
            console.print(Text(f"wrote {path}"), soft_wrap=True)  # a path must stay on one line


@app.command()
def build(
    target: Path = typer.Argument(Path("."), help="Project folder or draft file (default: the current folder)."),
    version: Optional[int] = typer.Option(None, "--version", "-v", help="Draft version (default: the latest)."),
    lang: List[str] = typer.Option([], "--lang", "-l", help="Language to build: en or fr (repeatable; default: the draft's languages)."),
    fmt: List[str] = typer.Option([], "--format", "-f", help="docx, md, txt or pdf (repeatable; default: docx, or the extension of -o; txt with -o -)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Output folder, or output file for one format; - for standard output (one language, one format; docx/pdf only into a pipe)."),
    number_preambular: bool = typer.Option(False, "--number-preambular", help="Number preambular paragraphs PP1, PP2… (drafts for amendment)."),
    watch: bool = typer.Option(False, "--watch", help="Rebuild after every save of a draft, library, template or contribution (Ctrl-C stops, exit status 0)."),
    negotiation: bool = typer.Option(False, "--negotiation", help="The negotiation version: brackets kept, alternatives labelled, their holders named (file names end in -negotiation)."),
    status_column: bool = typer.Option(False, "--status-column", help="In the negotiation version, each paragraph's standing (agreed ad ref, open …) in a column beside it."),
    keep_brackets: bool = typer.Option(False, "--keep-brackets", help="Build the clean version although brackets remain, printing them as they are."),
) -> None:
    """Render a draft as a numbered resolution: build/<name>-draft<N>.<lang>.docx by default.

    The clean version is refused while bracketed words remain (naming the paragraphs):
    build the negotiation version with --negotiation, or use --keep-brackets.
    """
    from draftkit.build import Format, build as build_draft
    from draftkit.errors import UsageError
    from draftkit.loading import open_draft
    from draftkit.negotiation.render import Edition

    edition = Edition(negotiation=negotiation or status_column, status_column=status_column,
                      keep_brackets=keep_brackets)

    choices = [f.value for f in Format]
    for value in fmt:
        if value not in choices:
            raise UsageError(f"unknown format {value!r}", fix=f"use one of: {', '.join(choices)}")
    formats = [Format(v) for v in dict.fromkeys(fmt)]
    if output == STDOUT:
        if watch:
            raise UsageError("--watch writes files, not standard output", fix="give an output folder with -o")
        return _to_stdout(target, version, lang, formats, number_preambular, edition)
    if not formats:
        suffix = output.suffix[1:] if output is not None and not output.is_dir() else ""
        formats = [Format(suffix)] if suffix in choices else [Format.DOCX]

    def once() -> list[Path]:
        project, draft = open_draft(target, version)
        return build_draft(project, draft, languages=lang, formats=formats, output=output,
                           number_preambular=number_preambular, edition=edition)

    if watch:
        return watch_builds(target, once, output)
    _print_written(once())


def _to_stdout(target: Path, version: Optional[int], lang: List[str], formats: list, number_preambular: bool,
               edition: object) -> None:
    """`build -o -`: one language in one format on standard output. Text by default; a
    DOCX or PDF only into a pipe or a file, never onto a terminal."""
    from draftkit.build import Format, build_bytes
    from draftkit.errors import UsageError
    from draftkit.loading import open_draft

    if len(formats) > 1:
        raise UsageError("standard output takes one format", fix="give one --format with -o -")
    fmt = formats[0] if formats else Format.TEXT
    refuse_bytes_on_terminal(fmt.value, "draft")
    if len(lang) > 1:
        raise UsageError("standard output takes one language", fix="give one --lang with -o -")
    project, draft = open_draft(target, version)
    data = build_bytes(project, draft, fmt, language=lang[0] if lang else None, number_preambular=number_preambular,
                       edition=edition)  # type: ignore[arg-type]
    write_stdout(data)


def watch_builds(target: Path, rebuild: Callable[[], list[Path]], output: Optional[Path] = None) -> None:
    """Run `draftkit.watch.watch` on `target`, printing one line per build until Ctrl-C,
    which is how watching ends: quietly, exit status 0."""
    from datetime import datetime

    from rich.text import Text

    from draftkit.loading import Project
    from draftkit.watch import watch

    console = _console()
    errors = _console(stderr=True)
    # Outputs written elsewhere (-o) are skipped by the loop itself, once written.
    out = output if output is not None and output.is_dir() else Project.open(target).config.output

    def report(event) -> None:
        stamp = datetime.now().strftime("%H:%M:%S")
        cause = ", ".join(p.name for p in event.changed[:3]) + (" …" if len(event.changed) > 3 else "")
        head = f"[{stamp}] " + (f"{cause} changed: " if cause else "")
        if event.error is not None:
            errors.print(Text(f"{head}error: {event.error.message}; the previous output is kept"), soft_wrap=True)
        else:
            console.print(Text(f"{head}wrote {', '.join(str(p) for p in event.outputs)}"), soft_wrap=True)

    console.print(Text(f"watching {target} (Ctrl-C to stop)"), soft_wrap=True)
    try:
        watch(target, rebuild, report, output=out)
    except KeyboardInterrupt:
        # outputs are written atomically: stopping mid-build leaves the previous ones
        console.print()  # end the line the terminal's "^C" started
        raise typer.Exit(0) from None


@app.command()
def init(
    folder: Path = typer.Argument(..., help="New project folder (must not exist, or be empty)."),
    body: str = typer.Option("ipu-assembly", "--body", help="ipu-assembly or un-general-assembly."),
    lang: List[str] = typer.Option([], "--lang", "-l", help="Languages of the draft (repeatable; default: en and fr)."),
) -> None:
    """Create a project that builds out of the box: settings, a clause library, draft 1."""
    from draftkit.scaffold import scaffold

    _print_written(scaffold(folder, body=body, languages=lang or ["en", "fr"]))
