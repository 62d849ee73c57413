"""Command-line interface: `draftkit COMMAND`.

Each command module registers its commands on `app` (a click group) when imported;
heavy libraries (python-docx, diff-match-patch, lxml, jinja2) are imported inside the
commands, so that a command pays only for what it uses.
"""

from __future__ import annotations

import sys

from draftkit.cli.app import app, silence_stdout
from draftkit.cli import build, check, contrib, diff, edit, editors, importing, negotiation  # noqa: F401  (registers commands)


def main() -> None:
    """Console-script entry point."""
    try:
        app(prog_name="draftkit")
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            silence_stdout()


__all__ = ["app", "main"]
