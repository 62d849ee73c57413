"""The command group and the one place that turns errors into exit codes.

0 ok · 1 a user-fixable error (one line on stderr) · 2 usage · 3 internal error ·
130 interrupted. Command modules register on `app` (a click group); they parse, call
the library once, and print. The shared options (-p, --draft, -l, -o, -f) live in
`draftkit.cli.options`; the shared ways of printing in `draftkit.cli.output`.

The CLI is written on click directly: typer 0.29 coerces every parameter through a
pydantic TypeAdapter, which cost about 0.12 s per run — more than the whole budget of a
command (see docs/architecture.md, "Command line").
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Any, Iterator

import click

from draftkit import __version__

_state = {"debug": False}

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Terminated(BaseException):
    """SIGTERM or SIGHUP (a CI timeout, a closed terminal, `kill`), raised where the command
    is, like Ctrl-C's KeyboardInterrupt: every `finally` runs, so temporary files and folders
    are removed, LibreOffice is stopped and the edit lock released. Not an `Exception`: the
    last line of defence must not report it as a crash."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def stop_on_signals() -> None:
    """Turn SIGTERM and SIGHUP into `Terminated` (a second one ends the process at once)."""
    import signal

    def stop(signum: int, frame: object) -> None:
        signal.signal(signum, signal.SIG_DFL)
        raise Terminated(signum)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            try:
                signal.signal(getattr(signal, name), stop)
            except (ValueError, OSError):  # not the main thread, or not allowed here
                pass


def error_line(message: str) -> None:
    """Print one error line on stderr (plain text: user text is never read as markup; control
    characters and bidirectional overrides as escapes, whatever the message quotes)."""
    from draftkit.errors import safe_text

    sys.stderr.write(f"error: {safe_text(message)}\n")
    sys.stderr.flush()


def warning_line(message: str) -> None:
    """Print one warning line on stderr (escaped as `error_line`)."""
    from draftkit.errors import safe_text

    sys.stderr.write(f"warning: {safe_text(message)}\n")
    sys.stderr.flush()


@contextmanager
def stdout_errors() -> Iterator[None]:
    """Around writes to standard output: a closed pipe (`| head`) ends quietly (see
    `DraftkitGroup.invoke`); a full disk or another failed write is an `InputError`."""
    from draftkit.errors import InputError

    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        silence_stdout()  # what stayed in the buffer would fail again at exit
        raise InputError(f"cannot write to standard output: {exc.strerror or exc}") from None


def write_stdout(data: bytes) -> None:
    """Write bytes (a document, a text) to standard output."""
    with stdout_errors():
        sys.stdout.buffer.write(data)
        sys.stdout.flush()


def is_terminal() -> bool:
    """Whether standard output is a terminal (rather than a pipe or a file)."""
    return sys.stdout.isatty()


def refuse_bytes_on_terminal(format: str | None, name: str) -> None:
    """DOCX and PDF go to standard output only into a pipe or a file, never onto a terminal."""
    from draftkit.errors import UsageError

    if format in ("docx", "pdf") and is_terminal():
        raise UsageError(f"will not write a {format.upper()} file to the terminal",
                         fix=f"redirect it (> {name}.{format}), or use -f txt or -f md")


def escape_what_the_output_cannot_encode() -> None:
    """Let stdout and stderr write every character: where their encoding lacks one (a Windows
    file or console in cp1252 has no '→', `PYTHONIOENCODING=ascii`), it is shown as an escape
    (`\\u2192`) instead of failing the command once its work is done. Documents written to
    standard output go out as UTF-8 bytes (`write_stdout`) and are not concerned."""
    for stream in (sys.stdout, sys.stderr):
        if getattr(stream, "errors", None) == "strict" and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass  # a closed or replaced stream: nothing to adjust


def silence_stdout() -> None:
    """Point stdout at /dev/null so Python's final flush into a closed pipe stays silent."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # not a real file descriptor (tests): nothing to silence


def summary(help_text: str) -> str:
    """The one-line summary of a command's help: its first sentence, up to a colon that
    is not inside parentheses ("List the clauses matching SEARCH (default: all) as…")."""
    first = " ".join(help_text.strip().split("\n\n", 1)[0].split()).split(". ", 1)[0]
    depth = 0
    for index, char in enumerate(first):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == ":" and depth == 0 and first[index + 1 : index + 2] in (" ", ""):
            return first[:index]
    return first.rstrip(".")


class DraftkitGroup(click.Group):
    """Runs a command and maps `DraftkitError` and crashes to one line and an exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)  # keep the order commands were declared in

    def format_commands(self, ctx: click.Context, formatter: Any) -> None:
        """List commands with their summary: the first sentence of the help up to its colon
        (the default cut at 45 characters left "Render a draft as a numbered resolution:...")."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.short_help or summary(command.help or "")))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        from draftkit.errors import DraftkitError  # here, not at the top: `--help` never needs it

        try:
            return super().invoke(ctx)
        except DraftkitError as exc:
            if _state["debug"]:
                raise
            findings = getattr(exc, "findings", ())
            if findings:  # a refusal by check: say so, then every finding on a line of its own
                from draftkit.cli.check import finding_lines
                from draftkit.cli.output import painter, write_lines

                error_line(exc.short_message)
                write_lines(finding_lines(list(findings), painter("auto", sys.stderr)), sys.stderr)
            else:
                error_line(exc.message)
            raise click.exceptions.Exit(exc.exit_code) from None
        except click.UsageError as exc:
            # One line, like every other error: what is wrong, and where the help is.
            command = exc.ctx.command_path if exc.ctx is not None else ctx.command_path
            message = " ".join(exc.format_message().split("\n")).rstrip(".")
            error_line(f"{message} (see `{command} --help`)")
            raise click.exceptions.Exit(exc.exit_code) from None
        except (click.exceptions.Exit, click.Abort, click.ClickException):
            raise  # click's own control flow (--help, --version) keeps its exit codes
        except KeyboardInterrupt:
            error_line("interrupted")
            raise click.exceptions.Exit(130) from None
        except Terminated as exc:
            error_line("terminated")
            raise click.exceptions.Exit(128 + exc.signum) from None
        except BrokenPipeError:
            # `draftkit diff 1 2 | head`: the reader has what it wanted; stop quietly, like git.
            silence_stdout()
            raise click.exceptions.Exit(0) from None
        except OSError as exc:
            # A full disk, a read-only folder, a file locked by Word: the machine's state, not a bug.
            if _state["debug"]:
                raise
            place = f"{exc.filename}: " if exc.filename else ""
            error_line(f"{place}{exc.strerror or exc} (free space or fix permissions, then run the command again)")
            raise click.exceptions.Exit(1) from None
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if _state["debug"]:
                raise
            error_line(f"internal error: {type(exc).__name__}: {exc}"
                       f" (rerun as `draftkit --debug {ctx.invoked_subcommand or ''} …` for the traceback)")
            raise click.exceptions.Exit(3) from None


def _version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"draftkit {__version__}")
        ctx.exit()


@click.group(cls=DraftkitGroup, context_settings=CONTEXT,
             help="Draft UN- and IPU-style resolutions: clause libraries and contributions in, "
                  "numbered DOCX and tracked changes out.")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True, callback=_version,
              help="Show draftkit's version and exit.")
@click.option("--debug", is_flag=True, help="Show full tracebacks instead of one-line errors.")
def app(debug: bool) -> None:
    _state["debug"] = debug
