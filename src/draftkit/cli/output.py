"""How every command prints: colour (or not), status words, one-line findings, widths.

Plain ANSI, no rich: `check`, `status`, `diff` and `contributions` must start in well
under a tenth of a second, and importing rich's console, table and text and drawing a
20-row table costs about 28 ms CPU (docs/architecture.md, "Command line"); what rich
adds beyond this module, wrapping inside table cells, is what these tables must never
do (an id, path or date broken in two).
User text is only ever concatenated, never parsed, so square brackets (negotiation
brackets) always print as they are.

Colours are colour-blind safe (blue for insertions and information, orange for
deletions and warnings, vermillion for errors: the Okabe–Ito palette) and never carry
meaning alone: every status is also a word (LATE, collision, error), and a word diff
without colour carries `[-deleted-]{+inserted+}` marks.
"""

from __future__ import annotations

import os
import re
import sys
from typing import IO

# 256-colour SGR codes of the Okabe–Ito palette, readable on dark and light backgrounds.
_BLUE, _ORANGE, _VERMILLION, _GREEN, _PURPLE = "38;5;32", "38;5;214", "38;5;202", "38;5;36", "38;5;175"
STYLES = {
    "bold": "1",
    "dim": "2",
    "italic": "3",
    "heading": "1",
    "error": f"1;{_VERMILLION}",
    "warning": _ORANGE,
    "info": _BLUE,
    "late": f"1;{_ORANGE}",
    "collision": f"1;{_PURPLE}",
    "ok": _GREEN,
    "insert": f"4;{_BLUE}",
    "delete": f"9;{_ORANGE}",
    "author": _PURPLE,
    "status": _BLUE,
}

COLOR_CHOICES = ("auto", "always", "never")

# Narrower than this, a terminal gets the same one-line-per-item output as a pipe.
WIDE = 100


def color_wanted(when: str = "auto", stream: IO[str] | None = None) -> bool:
    """Whether to colour `stream` (stdout by default): `always`/`never` decide; `auto`
    colours a terminal unless NO_COLOR is set or TERM is dumb (FORCE_COLOR forces it)."""
    if when == "always":
        return True
    if when == "never":
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    stream = stream or sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def width(stream: IO[str] | None = None) -> int | None:
    """The terminal's width in columns, |None| when `stream` is not a terminal (a pipe,
    a file: lines are never wrapped there). COLUMNS, when set, wins, as in every tool."""
    stream = stream or sys.stdout
    columns = os.environ.get("COLUMNS", "")
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):
        terminal = False
    if not terminal:
        return None
    if columns.isdigit():
        return int(columns)
    try:
        return os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError):
        return 80


def is_wide(stream: IO[str] | None = None) -> bool:
    """A terminal at least `WIDE` columns wide (where tables are worth drawing)."""
    columns = width(stream)
    return columns is not None and columns >= WIDE


class Painter:
    """Wraps text in ANSI styles when colour is on; returns it unchanged when off."""

    def __init__(self, on: bool):
        self.on = on

    def __call__(self, text: str, style: str) -> str:
        if not self.on or not style or not text:
            return text
        codes = ";".join(STYLES.get(part, part) for part in style.split())
        return f"\x1b[{codes}m{text}\x1b[0m"


def painter(when: str = "auto", stream: IO[str] | None = None) -> Painter:
    return Painter(color_wanted(when, stream))


# Status words: printed as the word itself, coloured when colour is on.
STATUS_STYLES = {
    "error": "error", "warning": "warning", "info": "info",
    "LATE": "late", "late": "late", "collision": "collision", "collisions": "collision",
    "on time": "ok", "applied": "ok", "undecided": "warning", "rejected": "dim",
}


def status_word(word: str, paint: Painter, style: str | None = None) -> str:
    """A status word (LATE, collision, error…) in its colour; the word is always there."""
    return paint(word, style or STATUS_STYLES.get(word, ""))


def finding_line(where: str, label: str, severity: str, rule: str, message: str, fix: str = "",
                 paint: Painter | None = None) -> str:
    """One finding in the compiler convention editors jump to:
    `drafts/draft-2.yaml:132: OP14 warning[terminology]: message — fix`.

    `where` is `path:line` (or a path, or '' for the draft as a whole); `label` the
    paragraph as delegates see it (OP14, PP2), '' when none."""
    paint = paint or Painter(False)
    head = f"{where}: " if where else ""
    subject = f"{label} " if label else ""
    text = f"{head}{subject}{status_word(severity, paint)}[{rule}]: {message}"
    return f"{text} — {fix}" if fix else text


#: C1 controls (U+009B is a terminal's CSI) and bidirectional overrides in user text
#: (a DOCX may hold them) are shown as escapes; draftkit's own colours use ESC, kept.
_TERMINAL_UNSAFE = re.compile("[\x80-\x9f\u202a-\u202e\u2066-\u2069]")
#: The same characters as a str.translate table to their escapes (faster than the regex
#: on the common text that holds none).
_TERMINAL_ESCAPES = str.maketrans({chr(code): chr(code).encode("unicode_escape").decode("ascii")
                                   for code in (*range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))})


def safe(text: str) -> str:
    """`text` with C1 controls and bidirectional overrides written as escapes (\x9b, \u202e):
    what every line shown to a user goes through, whatever file or DOCX its words came from."""
    return text.translate(_TERMINAL_ESCAPES)


def echo(text: str = "", *, err: bool = False, nl: bool = True) -> None:
    """click.echo of `text` made `safe`: the one way commands print lines (a path, a name, a
    DOCX's words may hold a terminal's CSI U+009B or a right-to-left override)."""
    import click

    click.echo(safe(text), err=err, nl=nl)


def json_text(value: object, *, indent: int | None = 2) -> str:
    """`value` as JSON with those characters as escapes (`\\u009b`): the same data for a program,
    harmless on a terminal (they only occur inside strings, the rest of JSON is ASCII)."""
    import json

    return json_escaped(json.dumps(value, ensure_ascii=False, indent=indent))


def json_escaped(text: str) -> str:
    """A JSON text with those characters as `\\u` escapes (see `json_text`)."""
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def html_safe(text: str) -> str:
    """An HTML document with the same characters as character references (`&#x9b;`): the
    same page in a browser, harmless on a terminal."""
    return _TERMINAL_UNSAFE.sub(lambda m: f"&#x{ord(m.group()):x};", text)


def write_lines(lines: list[str], stream: IO[str] | None = None) -> None:
    """Write whole lines (each ends with one newline), `safe`, and flush."""
    stream = stream or sys.stdout
    stream.write(safe("".join(line + "\n" for line in lines)))
    stream.flush()


def fits(rows: list[list[str]], columns: int | None, gap: int = 2) -> list[int] | None:
    """Column widths if `rows` fit in `columns` without cutting any cell, else |None|."""
    if columns is None or not rows:
        return None
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return widths if sum(widths) + gap * (len(widths) - 1) <= columns else None


def table_lines(rows: list[list[str]], widths: list[int], paint: Painter, header_style: str = "bold",
                styles: list[list[str]] | None = None, gap: int = 2) -> list[str]:
    """Rows (the first one the header) as aligned lines; a cell is never cut or folded."""
    lines = []
    for index, row in enumerate(rows):
        cells = []
        for column, cell in enumerate(row):
            padded = cell.ljust(widths[column]) if column < len(row) - 1 else cell
            style = header_style if index == 0 else (styles[index - 1][column] if styles else "")
            cells.append(paint(padded, style) if cell else padded)
        lines.append((" " * gap).join(cells).rstrip())
    return lines
