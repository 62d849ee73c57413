"""The options every command shares, declared once so they mean the same everywhere:

    -p/--project DIR   the project (default: the nearest folder at or above here with draftkit.yaml)
    --draft N          a draft version (default: the latest); a draft file also works
    -l/--lang CODE     a language, repeatable (also -l en,fr)
    -o/--output PATH   where to write; - is standard output
    -f/--format NAME   choices listed in the help
    --color WHEN       auto, always or never

See docs/architecture.md, "Command line".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Sequence

import click

from draftkit.cli.completion import complete_language, complete_version
from draftkit.cli.output import COLOR_CHOICES
from draftkit.errors import UsageError, shown

PROJECT_HELP = ("The project folder (default: the nearest folder at or above the current one "
                "that holds draftkit.yaml).")


def project_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("-p", "--project", "project", metavar="DIR", type=click.Path(path_type=Path),
                        default=None, help=PROJECT_HELP)(function)


def draft_option(help: str = "Draft version N (default: the latest); a draft file also works.") -> Callable:
    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        return click.option("--draft", "draft", metavar="N", default=None, help=help,
                            shell_complete=complete_version)(function)
    return decorate


def lang_option(help: str) -> Callable:
    return click.option("-l", "--lang", "langs", metavar="CODE", multiple=True, help=help,
                        shell_complete=complete_language)


def output_option(help: str) -> Callable:
    return click.option("-o", "--output", "output", metavar="PATH", type=click.Path(path_type=Path),
                        default=None, help=help)


def format_option(choices: Sequence[str], help: str, *, default: str | None = None,
                  multiple: bool = False) -> Callable:
    return click.option("-f", "--format", "format", type=click.Choice(list(choices)), default=default,
                        multiple=multiple, help=help, show_default=default is not None)


def color_option(function: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--color", "color", type=click.Choice(COLOR_CHOICES), default="auto",
                        show_default=True, help="Colour the output: auto (in a terminal, unless NO_COLOR "
                        "is set), always or never.")(function)


def languages(values: Sequence[str] | None) -> tuple[str, ...]:
    """'-l en -l fr' or '-l en,fr' → ('en', 'fr'); nothing → () (the draft's languages)."""
    found: list[str] = []
    for value in values or ():
        found.extend(part.strip() for part in value.split(",") if part.strip())
    return tuple(dict.fromkeys(found))


def one_language(values: Sequence[str] | None, command: str) -> str | None:
    """The one language of a command that shows one at a time, |None| when none is given."""
    chosen = languages(values)
    if len(chosen) > 1:
        raise UsageError(f"{command} shows one language at a time, and {', '.join(chosen)} were given",
                         fix="give one --lang")
    return chosen[0] if chosen else None


def project_path(project: Path | None) -> Path:
    """The project folder from -p; '.' when none is given, which finds the nearest project."""
    if project is None:
        return Path(".")
    if project.is_file():
        raise UsageError(f"-p {project} is a file; -p takes the project folder",
                         fix=f"for a draft file, use --draft {project}")
    return project


def draft_choice(draft: str | None) -> int | Path | None:
    """--draft as a version number (2, v2), a draft file, or |None| for the latest."""
    if draft is None:
        return None
    text = draft.strip()
    digits = text[1:] if text[:1] in ("v", "V") else text
    if digits.isascii() and digits.isdigit():  # not '²' (a digit int() refuses), not 5,000 digits
        from draftkit.loading.yamlsource import MAX_DIGITS  # here: `--help` needs no loader

        if len(digits) > MAX_DIGITS:
            raise UsageError(f"--draft {shown(draft)} is no draft version", fix="give a version such as --draft 2")
        return int(digits)
    path = Path(text)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return path
    raise UsageError(f"--draft {draft!r} is neither a version number nor a draft file",
                     fix="give a version (--draft 2) or a draft file (--draft drafts/draft-2.yaml)")


def open_project_draft(project: Path | None, draft: str | None) -> tuple[Any, Any]:
    """The project and the draft a command works on, from -p and --draft."""
    from draftkit.loading import open_draft

    folder = project_path(project)
    chosen = draft_choice(draft)
    if isinstance(chosen, Path):
        if project is None:
            return open_draft(chosen)
        from draftkit.loading import Project

        opened = Project.open(folder)
        return opened, opened.load_draft_file(chosen)
    return open_draft(folder, chosen)
