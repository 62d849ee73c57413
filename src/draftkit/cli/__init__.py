"""Command-line interface: `draftkit COMMAND`.

Each command module registers its commands on `app` (a click group) when imported;
heavy libraries (python-docx, diff-match-patch, lxml, jinja2) are imported inside the
commands, so that a command pays only for what it uses.
"""

from __future__ import annotations

import sys

from draftkit.cli.app import Terminated, app, silence_stdout, stop_on_signals
from draftkit.cli import build, check, contrib, diff, edit, editors, importing, negotiation  # noqa: F401  (registers commands)


def main() -> None:
    """Console-script entry point."""
    stop_on_signals()
    try:
        app(prog_name="draftkit")
    except Terminated as exc:  # before or after a command (while click parses, at exit)
        raise SystemExit(128 + exc.signum) from None
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            silence_stdout()


__all__ = ["app", "main"]
