"""Commands of the negotiation after the first round: decide (see `draftkit.negotiation`).

Each parses its options, makes one library call and prints whole lines; user text is
never read as markup (square brackets are negotiation brackets).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import click

from draftkit.cli.app import CONTEXT, app
from draftkit.cli.options import lang_option, one_language, project_option
from draftkit.wording import count as plural


def round_option(function):
    return click.option("--round", "round_name", metavar="NAME", default=None,
                        help="The round, as its folder under contributions/ is named (default: the latest).")(function)


def open_project(folder: Optional[Path]):
    """The project at `folder`, or the nearest one at or above the current folder."""
    from draftkit.loading.project import Project

    return Project.open(folder if folder is not None else Path.cwd())


def round_folder(project, name: Optional[str]) -> Optional[Path]:
    """`--round NAME` as the round's folder (None: the latest round)."""
    from draftkit.errors import InputError
    from draftkit.loading.contributions import round_folders

    if name is None:
        return None
    folder = project.config.contributions / name
    if not folder.is_dir():
        known = ", ".join(f.name for f in round_folders(project.config.contributions)) or "none yet"
        raise InputError(f"no round {name!r}", where=project.config.contributions, fix=f"rounds here: {known}")
    return folder


@app.command("decide", context_settings=CONTEXT)
@click.argument("proposal", metavar="[ID]", required=False)
@click.argument("verdict", metavar="[DECISION]", required=False)
@project_option
@round_option
@click.option("--text", metavar="WORDS", default=None, help="accept-revised: the revised words (in --lang).")
@lang_option("The language of --text (default: the draft's first).")
@click.option("--into", metavar="ID", default=None, help="merged: the proposal this one is folded into.")
@click.option("--note", metavar="NOTE", default=None, help="A note recorded with the decision.")
def decide_command(proposal: Optional[str], verdict: Optional[str], project: Optional[Path],
                   round_name: Optional[str], text: Optional[str], langs: tuple[str, ...], into: Optional[str],
                   note: Optional[str]) -> None:
    """Write the round's decisions file: every proposal, where it was seen and where it is
    now, overlaps grouped, decision pending; with ID and DECISION, record that decision.

    DECISION is accept, reject, accept-revised, merged or pending. Run it again when late
    contributions arrive: new proposals are added, and every decision and comment already
    in the file stays as typed. Lines starting with ## are draftkit's and are rewritten;
    exit status 1 when a contribution file could not be read (the others are still written).
    """
    from draftkit.errors import UsageError
    from draftkit.negotiation.decide import decide

    if (proposal is None) != (verdict is None):
        raise UsageError("give a proposal and its decision, or neither", fix="e.g. draftkit decide KEN-2 accept")
    if proposal is None and (text or into or note):
        raise UsageError("--text, --into and --note go with a decision", fix="e.g. draftkit decide KEN-2 reject --note …")
    lang = one_language(langs, "decide")
    opened = open_project(project)
    done = decide(opened, round_folder(opened, round_name), proposal=proposal, verdict=verdict, text=text,
                  language=lang, into=into, note=note)
    where = done.path.relative_to(opened.root) if done.path.is_relative_to(opened.root) else done.path
    if done.changed is not None:
        verb = "stays" if done.before == done.after else f"was {done.before}"
        click.echo(f"{done.changed}: {done.after} ({verb}) — {where}")
    else:
        click.echo(f"wrote {where}: {plural(done.proposals, 'proposal')} of {done.round} on draft "
                   f"{done.current}, {done.pending} pending")
    if done.added:
        click.echo(f"new since the last run: {', '.join(done.added)}")
    for name, members in done.groups if done.changed is None else ():
        click.echo(f"overlap {name}: {', '.join(members)}")
    if done.orphans:
        click.echo(f"kept as typed, not proposals of {done.round}: {', '.join(done.orphans)}")
    if done.problems:
        for problem in done.problems:
            click.echo(f"error: {problem}", err=True)
        raise click.exceptions.Exit(1)


__all__ = ["decide_command"]
