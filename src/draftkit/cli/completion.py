"""Shell completion (bash, zsh, fish through click): the words a drafter types most — draft
versions, paragraph numbers and ids, clause ids, rounds, proposal ids, languages — read
from the project named by -p, or the one at or above the current folder.

Each completer is called by the shell at every Tab: it must be quick, print nothing and
never fail (a broken project completes nothing rather than a traceback).
"""

from __future__ import annotations

from functools import wraps
from pathlib import Path
from typing import Any, Callable, Iterable

import click

#: The shells click writes completion scripts for, and the command that installs one where
#: that shell loads it from by itself (zsh: a folder put on fpath before compinit).
SHELLS = {
    "bash": "mkdir -p ~/.local/share/bash-completion/completions && "
            "draftkit completion bash > ~/.local/share/bash-completion/completions/draftkit",
    "zsh": "mkdir -p ~/.zfunc && draftkit completion zsh > ~/.zfunc/_draftkit "
           "(and in ~/.zshrc, before compinit: fpath+=~/.zfunc)",
    "fish": "draftkit completion fish > ~/.config/fish/completions/draftkit.fish",
}


def install_lines(shell_path: str | None) -> list[str]:
    """How to install completion: for the user's shell (`$SHELL`), or for each shell."""
    shell = Path(shell_path).name if shell_path else ""
    chosen = [shell] if shell in SHELLS else list(SHELLS)
    lines = ["To complete draft versions, paragraph numbers and ids, clause ids and rounds in your shell, run once:"]
    return lines + [f"  {SHELLS[name]}" if len(chosen) == 1 else f"  {name}: {SHELLS[name]}" for name in chosen]


def _quietly(function: Callable[[click.Context, str], Iterable[tuple[str, str]]]) -> Callable[..., list[Any]]:
    """A click completer from `function(ctx, incomplete) -> (value, help)…`, silent on any failure."""

    @wraps(function)
    def complete(ctx: click.Context, param: Any, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        try:
            return [CompletionItem(value, help=help or None) for value, help in function(ctx, incomplete)
                    if value.startswith(incomplete)]
        except Exception:  # noqa: BLE001 - a completion never breaks the user's shell
            return []

    return complete


def _project(ctx: click.Context) -> Any:
    from draftkit.cli.options import project_path
    from draftkit.loading import Project

    return Project.open(project_path(ctx.params.get("project")))


@_quietly
def complete_version(ctx: click.Context, incomplete: str) -> Iterable[tuple[str, str]]:
    """The project's draft versions (--draft N, diff OLD NEW), the latest first."""
    project = _project(ctx)
    return [(str(version), path.name) for version, path in reversed(project.draft_files.items())]


def complete_side(ctx: click.Context, param: Any, incomplete: str) -> list[Any]:
    """diff's OLD and NEW: a draft version, or a file (the shell completes it when no version fits)."""
    from click.shell_completion import CompletionItem

    # the file item first: bash's script empties its list on it, then adds the versions
    return [CompletionItem(incomplete, type="file"), *complete_version(ctx, param, incomplete)]


@_quietly
def complete_paragraph(ctx: click.Context, incomplete: str) -> Iterable[tuple[str, str]]:
    """The paragraph numbers (OP4) and ids of the latest draft."""
    from draftkit.search import paragraph_choices

    return [(c.value, c.help) for c in paragraph_choices(_project(ctx).draft())]


@_quietly
def complete_clause(ctx: click.Context, incomplete: str) -> Iterable[tuple[str, str]]:
    """The clause ids of the project's libraries."""
    from draftkit.search import ClauseQuery, cached_library, excerpt, search_clauses

    library = cached_library(_project(ctx))
    return [(hit.clause.id, excerpt(f"{hit.opening} {hit.excerpt}", 50)) for hit in search_clauses(library, ClauseQuery())]


@_quietly
def complete_round(ctx: click.Context, incomplete: str) -> Iterable[tuple[str, str]]:
    """The round folders under contributions/, the latest first."""
    from draftkit.loading.contributions import round_folders

    folders = round_folders(_project(ctx).config.contributions)
    return [(folder.name, f"{sum(1 for _ in folder.glob('*.y*ml'))} files") for folder in reversed(folders)]


@_quietly
def complete_proposal(ctx: click.Context, incomplete: str) -> Iterable[tuple[str, str]]:
    """The proposal ids of the round (--round, default: the latest), with their delegation."""
    from draftkit.loading.contributions import load_contribution, round_folders

    project = _project(ctx)
    name = ctx.params.get("round_name")
    folders = round_folders(project.config.contributions)
    folder = project.config.contributions / name if name else folders[-1]
    found = []
    for path in sorted(folder.glob("*.y*ml")):
        try:
            contribution = load_contribution(path)
        except Exception:  # noqa: BLE001 - one unreadable file hides only its own proposals
            continue
        found.extend((p.id, f"{contribution.delegation}: {p.action.value} {p.target or ''}".strip())
                     for p in contribution.proposals)
    return found


@_quietly
def complete_verdict(ctx: click.Context, incomplete: str) -> Iterable[tuple[str, str]]:
    """The decisions `draftkit decide ID DECISION` records."""
    from draftkit.model import Verdict

    return [(verdict.value, "") for verdict in Verdict]


@_quietly
def complete_kind(ctx: click.Context, incomplete: str) -> Iterable[tuple[str, str]]:
    """The kinds of file `draftkit schema` knows."""
    from draftkit.loading.keys import FILE_KINDS

    return [(name, kind.title) for name, kind in FILE_KINDS.items()]


@_quietly
def complete_language(ctx: click.Context, incomplete: str) -> Iterable[tuple[str, str]]:
    """The language codes draftkit knows."""
    from draftkit.loading.keys import KNOWN_LANGUAGES

    return [(code, "") for code in KNOWN_LANGUAGES]


def completion_script(shell: str, prog_name: str = "draftkit") -> str:
    """The script that makes `shell` complete draftkit's commands, options and the words above."""
    from click.shell_completion import get_completion_class

    from draftkit.cli.app import app

    completion = get_completion_class(shell)
    if completion is None:
        from draftkit.errors import UsageError

        raise UsageError(f"no completion for the shell {shell!r}", fix=f"use one of: {', '.join(SHELLS)}")
    return completion(app, {}, prog_name, "_DRAFTKIT_COMPLETE").source()
