"""Command-line interface: `draftkit COMMAND`.

Each command module registers its commands on `app` (a click group) when imported;
heavy libraries (python-docx, diff-match-patch, lxml, jinja2) are imported inside the
commands, so that a command pays only for what it uses.
"""

from __future__ import annotations

import sys

from draftkit.cli.app import (Terminated, app, error_line, escape_what_the_output_cannot_encode, silence_stdout,
                              stop_on_signals)
from draftkit.cli import build, check, contrib, diff, edit, editors, importing, negotiation  # noqa: F401  (registers commands)


def main() -> None:
    """Console-script entry point.

    A run makes many objects and few cycles: the collector runs less often. When the
    command is done (output flushed, `atexit` handlers run, no other thread left), the
    process ends without tearing down every module and object one by one, which took
    about a sixth of a `status` run and does nothing a finished command needs. Every
    `finally` and `with` of the command (temporary folders, the edit lock, LibreOffice)
    has run by then; SIGTERM/SIGHUP still end a run as Ctrl-C does (`Terminated`).
    """
    import gc

    gc.set_threshold(50_000, 50, 100)
    escape_what_the_output_cannot_encode()
    stop_on_signals()
    code: object = 0
    try:
        app(prog_name="draftkit")
    except SystemExit as exc:
        code = exc.code
    except Terminated as exc:  # before or after a command (while click parses, at exit)
        code = 128 + exc.signum
    except BrokenPipeError:  # `draftkit --help | head`, outside a command
        silence_stdout()
    except OSError as exc:  # `--help` written to a full disk, outside a command: one line, no traceback
        error_line(f"{exc.strerror or exc} (free space or fix permissions, then run the command again)")
        code = 1
    finally:
        try:
            sys.stdout.flush()
        except BrokenPipeError:
            silence_stdout()
    try:
        _exit(code)
    except Terminated as exc:  # while the exit handlers run: the normal exit, with its status
        raise SystemExit(128 + exc.signum) from None


def _exit(code: object) -> None:
    """End the process with `code` as `sys.exit` would, skipping interpreter teardown."""
    import atexit
    import os
    import threading

    if code is None:
        code = 0
    elif not isinstance(code, int):
        sys.stderr.write(f"{code}\n")  # sys.exit("message"): printed, exit status 1
        code = 1
    if threading.active_count() > 1:
        sys.exit(code)  # another thread may still have work to finish: the normal way
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:
            pass  # the reader has gone (`| head`): what it read is all it wanted
        except (ValueError, OSError):
            code = code or 120  # output lost (a full disk): as Python's own exit says, not 0
    os._exit(code)


__all__ = ["app", "main"]
