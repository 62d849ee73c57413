"""Command-line interface: `draftkit COMMAND`.

Each command module registers its commands on `app` when imported; heavy libraries
(python-docx, diff-match-patch) are imported inside the commands so `--help` is instant.
"""

from __future__ import annotations

from draftkit.cli.app import app
from draftkit.cli import build, check, contrib, diff, edit, importing  # noqa: F401  (registers commands)


def main() -> None:
    """Console-script entry point."""
    app()


__all__ = ["app", "main"]
