"""Command: import (see `draftkit.importing`): a resolution DOCX → draft + clause library,
or a returned tracked-changes DOCX → a delegation's contribution file.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Optional

import typer

from draftkit.cli.app import app
from draftkit.errors import UsageError


class Language(str, enum.Enum):
    EN = "en"
    FR = "fr"


@app.command("import")
def import_command(
    file: Path = typer.Argument(..., help="The DOCX file to import."),
    project: Optional[Path] = typer.Argument(
        None, help="With --contribution: the project folder (default: the current folder)."),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o",
        help="Project folder (new, or existing: a new draft version is added) or draft .yaml path; "
             "with --contribution, the contribution .yaml path or a folder (default: the round folder)."),
    lang: Optional[Language] = typer.Option(None, "--lang", "-l", help="Language of the DOCX (default: detected)."),
    contribution: bool = typer.Option(
        False, "--contribution", help="Read FILE as the circulated draft returned with tracked changes."),
    delegation: Optional[str] = typer.Option(None, "--delegation", "-d", help="With --contribution: who sent it."),
    against: Optional[int] = typer.Option(
        None, "--against", help="With --contribution: the draft version the file was made from."),
    round_name: Optional[str] = typer.Option(
        None, "--round", help="With --contribution: the round folder under contributions/ (default: the latest "
                              "round answering --against, else a new round-N)."),
    submitted_at: Optional[str] = typer.Option(
        None, "--submitted-at", help="With --contribution: when it was received, ISO 8601 with offset "
                                     "(default: the author's last change in the file)."),
) -> None:
    """Import a resolution DOCX as a draft and clause library, or (with --contribution) a
    delegation's tracked changes as a contribution file.

    Paragraphs the importer could not classify are listed as warnings; check them.
    """
    from draftkit.docxread import read_docx

    if contribution:
        if against is None:
            raise UsageError("--contribution needs --against VERSION (the draft version the file was made from)")
        from draftkit.importing import import_contribution
        from draftkit.loading.fields import parse_moment

        moment = parse_moment(submitted_at, "--submitted-at", "--submitted-at") if submitted_at else None
        result = import_contribution(read_docx(file), project or Path("."), against,
                                     delegation=delegation, language=lang.value if lang else None,
                                     output=output, round_name=round_name, submitted_at=moment)
        _report_contribution(result)
        return
    if project is not None:
        raise UsageError(f"unexpected argument {str(project)!r}", fix="give the output folder with -o")
    if round_name is not None:
        raise UsageError("--round goes with --contribution")
    from draftkit.importing import import_file

    _report_draft(import_file(file, output or Path(file.stem), lang.value if lang else None))


def _report_draft(result) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)
    imported = result.imported
    console.print(Text(
        f"Imported {imported.source.name} ({imported.language}): {len(imported.preambular)} preambular, "
        f"{len(imported.operative)} operative paragraphs"))
    console.print(Text(f"  draft    {result.draft_path} (version {result.version})"))
    if result.library_path is not None:
        console.print(Text(f"  clauses  {result.library_path} ({len(result.clause_ids)} new)"))
    if result.reused:
        console.print(Text(f"  kept     the ids of {result.reused} paragraph(s) already in the project"))
    _warnings(console, [str(w) for w in imported.warnings])


def _report_contribution(result) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)
    for written in result.files:
        console.print(Text(f"{written.delegation}: {written.proposals} proposal(s) → {written.path}"))
    if not result.files:
        console.print(Text("No tracked changes or comments found: no contribution written."))
    _warnings(console, [str(w) for w in result.warnings])


def _warnings(console, warnings: list[str]) -> None:
    from rich.text import Text

    if warnings:
        console.print(Text(f"{len(warnings)} warning(s):", style="yellow"))
        for warning in warnings:
            console.print(Text(f"  {warning}"))
