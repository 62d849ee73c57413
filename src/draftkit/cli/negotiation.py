"""Commands of the negotiation after the first round: decide (see `draftkit.negotiation`).

Each parses its options, makes one library call and prints; user text goes through
`rich.text.Text` (square brackets are negotiation brackets, never markup).
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from draftkit.cli.app import app

PROJECT = typer.Option(None, "-p", "--project", metavar="DIR", show_default=False,
                       help="The project folder (default: the nearest folder at or above this one holding "
                            "draftkit.yaml).")
ROUND = typer.Option(None, "--round", metavar="NAME", show_default=False,
                     help="The round, as its folder under contributions/ is named (default: the latest).")


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True, stderr=stderr)


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


def plural(count: int, word: str, many: str | None = None) -> str:
    """'1 proposal', '3 proposals'."""
    return f"{count} {word if count == 1 else many or word + 's'}"


@app.command("decide")
def decide_command(
    proposal: Optional[str] = typer.Argument(None, metavar="[ID]", show_default=False,
                                             help="A proposal to decide (e.g. KEN-2)."),
    verdict: Optional[str] = typer.Argument(None, metavar="[DECISION]", show_default=False,
                                            help="accept, reject, accept-revised, merged or pending."),
    project: Optional[Path] = PROJECT,
    round_name: Optional[str] = ROUND,
    text: Optional[str] = typer.Option(None, "--text", metavar="TEXT", show_default=False,
                                       help="accept-revised: the revised words (in --lang)."),
    lang: Optional[str] = typer.Option(None, "-l", "--lang", metavar="CODE", show_default=False,
                                       help="The language of --text (default: the draft's first)."),
    into: Optional[str] = typer.Option(None, "--into", metavar="ID", show_default=False,
                                       help="merged: the proposal this one is folded into."),
    note: Optional[str] = typer.Option(None, "--note", metavar="TEXT", show_default=False,
                                       help="A note recorded with the decision."),
) -> None:
    """Write the round's decisions file: every proposal, where it was seen and where it is
    now, overlaps grouped, decision pending; with ID and DECISION, record that decision.

    Run it again when late contributions arrive: new proposals are added, and every
    decision and comment already in the file stays as typed. Lines starting with ## are
    draftkit's and are rewritten; exit status 1 when a contribution file could not be read
    (the others are still written).
    """
    from rich.text import Text

    from draftkit.errors import UsageError
    from draftkit.negotiation.decide import decide

    if (proposal is None) != (verdict is None):
        raise UsageError("give a proposal and its decision, or neither", fix="e.g. draftkit decide KEN-2 accept")
    if proposal is None and (text or into or note):
        raise UsageError("--text, --into and --note go with a decision", fix="e.g. draftkit decide KEN-2 reject --note …")
    opened = open_project(project)
    done = decide(opened, round_folder(opened, round_name), proposal=proposal, verdict=verdict, text=text,
                  language=lang, into=into, note=note)
    console = _console()
    where = done.path.relative_to(opened.root) if done.path.is_relative_to(opened.root) else done.path
    if done.changed is not None:
        verb = "stays" if done.before == done.after else f"was {done.before}"
        console.print(Text(f"{done.changed}: {done.after} ({verb}) — {where}"))
    else:
        console.print(Text(f"wrote {where}: {plural(done.proposals, 'proposal')} of {done.round} on draft "
                           f"{done.current}, {done.pending} pending"))
    if done.added:
        console.print(Text(f"new since the last run: {', '.join(done.added)}"))
    for name, members in done.groups if done.changed is None else ():
        console.print(Text(f"overlap {name}: {', '.join(members)}"))
    if done.orphans:
        console.print(Text(f"kept as typed, not proposals of {done.round}: {', '.join(done.orphans)}"))
    if done.problems:
        for problem in done.problems:
            _console(stderr=True).print(Text(f"error: {problem}"))
        raise typer.Exit(1)


__all__ = ["decide_command"]
