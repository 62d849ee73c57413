"""What a check reports: a `Finding` (severity, rule, where, message, suggestion).

Knows the model's paragraphs and locations; knows nothing of the rules themselves,
of the terminal or of JSON files.
"""

from __future__ import annotations

import enum
from typing import Iterable

from draftkit.errors import Location
from draftkit.records import record


class Severity(enum.Enum):
    """How bad a finding is; `draftkit check --fail-on` and `build` compare by rank."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for info: higher is worse."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]

    def at_least(self, other: Severity) -> bool:
        """True when this severity is `other` or worse."""
        return self.rank >= other.rank


@record
class Where:
    """The place of a finding: paragraph label and id, sub-paragraph path, footnote, file:line.

    `label` is the number delegates see ("OP5", "PP3"), `paragraph` the stable id,
    `subparagraph` the shown path ("b", "b)(ii"), `footnote` a footnote key. Everything
    is optional: a word-count finding is about the whole draft.
    """

    label: str = ""
    paragraph: str = ""
    subparagraph: str = ""
    footnote: str = ""
    location: Location | None = None

    def shown(self) -> str:
        """'OP5(b) [^crc]' — what a reader looks for in the document."""
        text = self.label or ""
        if self.subparagraph:
            text += f"({self.subparagraph})"
        if self.footnote:
            text += f" [^{self.footnote}]"
        return text.strip() or "draft"


@record
class Finding:
    """One problem found in a draft: rule id, severity, where, language, message, suggestion."""

    severity: Severity
    rule: str
    where: Where
    message: str
    language: str = ""
    suggestion: str = ""

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready mapping with stable keys (the `--format json` record)."""
        location = self.where.location
        return {
            "severity": self.severity.value,
            "rule": self.rule,
            "label": self.where.label,
            "paragraph": self.where.paragraph,
            "subparagraph": self.where.subparagraph,
            "footnote": self.where.footnote,
            "file": str(location.file) if location else None,
            "line": location.line if location and location.line else None,
            "language": self.language,
            "message": self.message,
            "suggestion": self.suggestion,
        }


def counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Return the number of findings per severity, every severity present (0 when none)."""
    out = {s.value: 0 for s in Severity}
    for finding in findings:
        out[finding.severity.value] += 1
    return out


def failing(findings: Iterable[Finding], threshold: Severity) -> list[Finding]:
    """Return the findings at or above `threshold`."""
    return [f for f in findings if f.severity.at_least(threshold)]
