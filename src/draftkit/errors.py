"""The one exception tree of draftkit.

Every error a user can fix is a `DraftkitError` that knows where it happened (file,
line, paragraph id) and how to fix it; the CLI prints it on one line and exits.
This module knows nothing else.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable


#: Characters never written raw to a terminal or a log: C0 and C1 controls (U+009B is a
#: terminal's CSI), bidirectional overrides that reorder what is shown, lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
#: The longest message printed; a value quoted in one is cut much shorter (`shown`).
MAX_MESSAGE = 1000


def safe_text(text: str) -> str:
    """`text` with every character unsafe for a terminal written as an escape (\x9b, \u202e)."""
    return _UNSAFE.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)


def shown(value: object, width: int = 40) -> str:
    """A user's value quoted for a message: short (a whole file named by mistake must
    not end up in a CI log), on one line, escaped; longer texts say how long they are."""
    text = value if isinstance(value, str) else repr(value)
    cut = text[:width]
    quoted = repr(cut + ("…" if len(text) > width else "")) if isinstance(value, str) else cut
    quoted = safe_text(quoted)
    return f"{quoted} ({len(text):,} characters)" if len(text) > width else quoted


class Location:
    """A place in a user's file: 1-based line and column, as editors show them.

    An immutable value (equal by value, hashable), written by hand rather than as a
    dataclass so that importing the error tree stays cheap: every command imports it.
    """

    __slots__ = ("file", "line", "column")

    file: Path
    line: int
    column: int

    def __init__(self, file: Path, line: int = 0, column: int = 0):
        object.__setattr__(self, "file", file)
        object.__setattr__(self, "line", line)
        object.__setattr__(self, "column", column)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"Location is immutable; cannot set {name!r}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Location):
            return NotImplemented
        return (self.file, self.line, self.column) == (other.file, other.line, other.column)

    def __hash__(self) -> int:
        return hash((self.file, self.line, self.column))

    def __repr__(self) -> str:
        return f"Location(file={self.file!r}, line={self.line!r}, column={self.column!r})"

    def __reduce__(self) -> tuple:
        return (Location, (self.file, self.line, self.column))

    def __str__(self) -> str:
        if self.line and self.column:
            return f"{self.file}:{self.line}:{self.column}"
        if self.line:
            return f"{self.file}:{self.line}"
        return str(self.file)


class DraftkitError(Exception):
    """A problem the user can fix: printed as one line, exit code 1.

    `where` is a file location (or a plain path); `what` says what is wrong;
    `fix` says what to do about it.
    """

    exit_code = 1

    def __init__(self, what: str, *, where: Location | Path | str | None = None, fix: str | None = None):
        self.what = what
        self.where = where
        self.fix = fix
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """One line: where, what, fix; control characters escaped, at most `MAX_MESSAGE` long."""
        text = f"{self.where}: {self.what}" if self.where else self.what
        if self.fix:
            text += f" ({self.fix})"
        text = safe_text(text.replace("\n", " "))
        return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


class InputError(DraftkitError):
    """A user file cannot be read or is not valid (YAML, draft, library, DOCX)."""


class UnknownReference(DraftkitError):
    """A paragraph, clause, footnote or version id points at nothing."""


class MergeError(DraftkitError):
    """Contributions or decisions cannot be applied as written."""


class CheckFailed(DraftkitError):
    """`draftkit check` found problems at or above the failing severity; `findings` holds
    every one of them, so a refusal lists them all at once (the CLI prints one a line)."""

    def __init__(self, what: str, *, findings: tuple = (), headline: str = "", **kwargs: object):
        self.findings = tuple(findings)
        self.headline = headline or what  # `what` without the listing, for a caller that lists them
        super().__init__(what, **kwargs)  # type: ignore[arg-type]

    @property
    def short_message(self) -> str:
        """The message with the headline instead of the whole listing."""
        text = f"{self.where}: {self.headline}" if self.where else self.headline
        return f"{text} ({self.fix})" if self.fix else text


class ToolMissing(DraftkitError):
    """An external program (LibreOffice, git) is needed and not installed."""


class InternalError(DraftkitError):
    """draftkit itself went wrong (an output failed its own checks): exit code 3, like a
    crash, but with one line that says nothing was written and what to report."""

    exit_code = 3


class UsageError(DraftkitError):
    """The command line itself is wrong: exit code 2."""

    exit_code = 2


def closest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Return up to `n` candidates that look like `word` (for 'did you mean' hints)."""
    import difflib

    pool = list(candidates)
    found = difflib.get_close_matches(word, pool, n=n, cutoff=0.5)
    if not found:
        lowered = word.lower()
        found = [c for c in pool if lowered in c.lower() or c.lower() in lowered][:n]
    return found


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """Return 'did you mean …?' text, or |None| when nothing is close."""
    found = closest(word, candidates)
    if not found:
        return None
    return "did you mean " + " or ".join(repr(f) for f in found) + "?"
