"""Command-line interface: `draftkit COMMAND`.

Each command module registers its commands on `app` when imported; heavy libraries
(python-docx, diff-match-patch) are imported inside the commands so `--help` is instant.
"""

from __future__ import annotations

import sys

from draftkit.cli.app import app, silence_stdout
from draftkit.cli import build, check, contrib, diff, edit, editors, importing, negotiation  # noqa: F401  (registers commands)


def main() -> None:
    """Console-script entry point."""
    try:
        app()
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            silence_stdout()


__all__ = ["app", "main"]
