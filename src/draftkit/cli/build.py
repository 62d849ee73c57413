"""Commands: build (a draft → DOCX / md / txt / PDF) and init (a new project).

Each parses its arguments, makes one library call (`draftkit.build.build`,
`draftkit.scaffold.scaffold`) and prints what it wrote.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from draftkit.cli.app import app


def _console():
    from rich.console import Console

    return Console(highlight=False)


def _print_written(paths: list[Path]) -> None:
    from rich.text import Text

    console = _console()
    for path in paths:
        console.print(Text(f"wrote {path}"), soft_wrap=True)  # a path must stay on one line


@app.command()
def build(
    target: Path = typer.Argument(Path("."), help="Project folder or draft file (default: the current folder)."),
    version: Optional[int] = typer.Option(None, "--version", "-v", help="Draft version (default: the latest)."),
    lang: List[str] = typer.Option([], "--lang", "-l", help="Language to build: en or fr (repeatable; default: the draft's languages)."),
    fmt: List[str] = typer.Option([], "--format", "-f", help="docx, md, txt or pdf (repeatable; default: docx, or the extension of -o)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Output folder, or output file for one format."),
    number_preambular: bool = typer.Option(False, "--number-preambular", help="Number preambular paragraphs PP1, PP2… (drafts for amendment)."),
    watch: bool = typer.Option(False, "--watch", help="Rebuild after every save of a draft, library, template or contribution (Ctrl-C stops)."),
) -> None:
    """Render a draft as a numbered resolution: build/<name>-draft<N>.<lang>.docx by default."""
    from draftkit.build import Format, build as build_draft
    from draftkit.errors import UsageError
    from draftkit.loading import open_draft

    choices = [f.value for f in Format]
    for value in fmt:
        if value not in choices:
            raise UsageError(f"unknown format {value!r}", fix=f"use one of: {', '.join(choices)}")
    formats = [Format(v) for v in fmt]
    if not formats:
        suffix = output.suffix[1:] if output is not None and not output.is_dir() else ""
        formats = [Format(suffix)] if suffix in choices else [Format.DOCX]

    def once() -> list[Path]:
        project, draft = open_draft(target, version)
        return build_draft(project, draft, languages=lang, formats=formats, output=output,
                           number_preambular=number_preambular)

    if watch:
        from draftkit.cli.edit import watch_builds

        return watch_builds(target, once, output)
    _print_written(once())


@app.command()
def init(
    folder: Path = typer.Argument(..., help="New project folder (must not exist, or be empty)."),
    body: str = typer.Option("ipu-assembly", "--body", help="ipu-assembly or un-general-assembly."),
    lang: List[str] = typer.Option([], "--lang", "-l", help="Languages of the draft (repeatable; default: en and fr)."),
) -> None:
    """Create a project that builds out of the box: settings, a clause library, draft 1."""
    from draftkit.scaffold import scaffold

    _print_written(scaffold(folder, body=body, languages=lang or ["en", "fr"]))
