"""Command: import (see `draftkit.importing`): a resolution DOCX → draft + clause library,
or a returned tracked-changes DOCX → a delegation's contribution file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from draftkit.cli.app import CONTEXT, app
from draftkit.cli.completion import complete_round
from draftkit.cli.options import lang_option, one_language, output_option, project_option, project_path
from draftkit.cli.output import echo
from draftkit.errors import UsageError
from draftkit.files import STDOUT
from draftkit.wording import count


@app.command("import", context_settings=CONTEXT)
@click.argument("file", metavar="FILE", type=click.Path(path_type=Path))
@project_option
@output_option("Project folder (new, or existing: a new draft version is added) or draft .yaml path; with "
               "--contribution, the contribution .yaml path or a folder (default: the round folder).")
@lang_option("Language of the DOCX (default: detected).")
@click.option("--contribution", is_flag=True, help="Read FILE as the circulated draft returned with tracked changes.")
@click.option("--delegation", "-d", metavar="NAME", default=None, help="With --contribution: who sent it.")
@click.option("--against", metavar="N", type=int, default=None,
              help="With --contribution: the draft version the file was made from.")
@click.option("--round", "round_name", metavar="NAME", default=None, shell_complete=complete_round,
              help="With --contribution: the round folder under contributions/ (default: the latest round "
                   "answering --against, else a new round-N).")
@click.option("--submitted-at", metavar="ISO", default=None,
              help="With --contribution: when it was received, ISO 8601 with offset (default: the author's last "
                   "change in the file).")
def import_command(file: Path, project: Optional[Path], output: Optional[Path],
                   langs: tuple[str, ...], contribution: bool, delegation: Optional[str], against: Optional[int],
                   round_name: Optional[str], submitted_at: Optional[str]) -> None:
    """Import a resolution DOCX as a draft and clause library, or (with --contribution) a
    delegation's tracked changes as a contribution file of the project (-p).

    Paragraphs the importer could not classify are listed as warnings; check them.
    """
    from draftkit.docxread import read_docx

    lang = one_language(langs, "import")
    from draftkit.languages import codes

    if lang is not None and lang not in codes():
        raise UsageError(f"--lang {lang!r} is not a language the importer reads", fix=f"use one of {', '.join(codes())}")
    if output == STDOUT:  # '-' is standard output everywhere; here it once made a project folder named '-'
        raise UsageError("import writes files (a project, a draft or contribution files), not standard output",
                         fix="give a folder or a .yaml path with -o")
    if contribution:
        if against is None:
            raise UsageError("--contribution needs --against N (the draft version the file was made from)")
        from draftkit.importing import import_contribution
        from draftkit.loading.fields import parse_moment

        moment = parse_moment(submitted_at, "--submitted-at", "--submitted-at") if submitted_at else None
        result = import_contribution(read_docx(file), project_path(project), against,
                                     delegation=delegation, language=lang,
                                     output=output, round_name=round_name, submitted_at=moment)
        _report_contribution(result)
        return
    if project is not None:
        raise UsageError(f"-p {project} goes with --contribution; a new draft or project is written to -o",
                         fix="give the output folder with -o")
    if round_name is not None:
        raise UsageError("--round goes with --contribution")
    from draftkit.importing import import_file

    _report_draft(import_file(file, output or Path(file.stem), lang))


def _report_draft(result) -> None:
    imported = result.imported
    echo(f"Imported {imported.source.name} ({imported.language}): {len(imported.preambular)} preambular, "
               f"{count(len(imported.operative), 'operative paragraph')}")
    echo(f"  draft    {result.draft_path} (version {result.version})")
    if result.library_path is not None:
        echo(f"  clauses  {result.library_path} ({len(result.clause_ids)} new)")
    if result.reused:
        echo(f"  kept     the ids of {count(result.reused, 'paragraph')} already in the project")
    _warnings([str(w) for w in imported.warnings])


def _report_contribution(result) -> None:
    for written in result.files:
        echo(f"{written.delegation}: {count(written.proposals, 'proposal')} → {written.path}")
    if not result.files:
        echo("No tracked change became a proposal (see the warnings): no contribution written." if result.tracked
             else "No tracked changes or comments found: no contribution written.")
    _warnings([str(w) for w in result.warnings])


def _warnings(warnings: list[str]) -> None:
    if warnings:
        echo(f"{count(len(warnings), 'warning')}:")
        for warning in warnings:
            echo(f"  {warning}")
