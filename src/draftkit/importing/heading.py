"""The heading block of an imported resolution: where the body starts (after the authoring
line), and the title, session, symbol, committee, place and dates the lines before it say.
Knows `Line`s and phrase evidence; no Word XML, no YAML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from draftkit.importing.classify import Phrases, is_body_evidence
from draftkit.importing.text import Line, normalize
from draftkit.importing.values import ImportedHeading, ImportWarning, excerpt
from draftkit.model import Body
from draftkit.render.typography import strip_final

AUTHORING = re.compile(
    r"^(the\b.{0,80}\b(assembly|council|conference|commission|committee|union)\b"
    r"|(l['’]|le |la |les ).{0,80}\b(assemblée|conseil|conférence|commission|comité|union)\b).{0,80}[,:]?$",
    re.IGNORECASE,
)
_SUBTITLE = re.compile(r"^(draft )?resolution\b|^(projet de )?r[ée]solution\b|^(submitted|pr[ée]sent[ée])",
                       re.IGNORECASE)
_SYMBOL = re.compile(r"^[A-Z][A-Z0-9.\-]*(/[A-Za-z0-9.\-]+)+$")
_SESSION = re.compile(r"^(\d{1,4})\s*(?:st|nd|rd|th|e|re|ème)\b", re.IGNORECASE)
_UNSAID = ("united nations", "nations unies", "general assembly", "assemblée générale")
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
}
_DAY = r"(\d{1,2})(?:er)?"
_MONTH = r"([A-Za-zéû]+)"
_DATE = re.compile(rf"^{_DAY}\s+{_MONTH}\s+(\d{{4}})$")
_RANGE = re.compile(rf"^{_DAY}(?:\s+{_MONTH})?\s*[-–]\s*{_DAY}\s+{_MONTH}\s+(\d{{4}})$")


def body_start(lines: list[Line], phrases: Phrases) -> int:
    """Return the index of the first body line: after the authoring line, or the first that looks like a paragraph."""
    for position, line in enumerate(lines[:40]):
        text = normalize(line.text)
        if AUTHORING.match(text) and not is_body_evidence(line, phrases) and len(text) < 200:
            return position + 1
    return next((position for position, line in enumerate(lines) if is_body_evidence(line, phrases)), 0)


@dataclass
class _Found:
    """What the heading lines said so far (filled line by line, so not frozen)."""

    title: str | None = None
    authoring: str = ""
    session: str = ""
    session_line: int | None = None
    symbol: str = ""
    committee: str = ""
    place: str = ""
    date: date | None = None
    start: date | None = None
    end: date | None = None
    warnings: list[ImportWarning] = field(default_factory=list)

    def warn(self, line: Line, message: str) -> None:
        self.warnings.append(ImportWarning(line.index + 1, message, excerpt(normalize(line.text))))


def read_heading(lines: list[Line], doc_title: str, fallback_title: str) -> tuple[ImportedHeading, list[ImportWarning]]:
    """Return what the heading `lines` say, and warnings for lines that were not understood.

    The title is the line in a Title style, else the last line that is not a date, symbol
    or subtitle, else the document's title property, else `fallback_title` (with a warning).
    """
    found = _Found()
    header: list[Line] = []
    for line in lines:
        text = normalize(line.text)
        style = line.style.lower()
        if AUTHORING.match(text) and line is lines[-1]:
            found.authoring = strip_final(text)
        elif "title" in style and "subtitle" not in style and found.title is None:
            found.title = text
        else:
            header.append(line)
    if found.title is None:
        for line in reversed(header):
            text = normalize(line.text)
            if not (_SUBTITLE.match(text) or _SYMBOL.match(text) or parse_date(text) or _RANGE.match(text)):
                found.title = text
                header.remove(line)
                break
    for line in header:
        _header_line(found, line, normalize(line.text))
    if found.title is None:
        found.title = doc_title or None
    if found.title is None:
        found.title = fallback_title
        found.warnings.append(ImportWarning(1, "no title found; the file name is used"))
    said = found.authoring + " " + " ".join(normalize(x.text) for x in header)
    body = Body.UN_GENERAL_ASSEMBLY if re.search(r"general assembly|assemblée générale", said, re.I) \
        else Body.IPU_ASSEMBLY
    heading = ImportedHeading(title=found.title, authoring=found.authoring, body=body, session=found.session,
                              symbol=found.symbol, committee=found.committee, place=found.place, date=found.date,
                              start=found.start, end=found.end)
    return heading, found.warnings


def _header_line(found: _Found, line: Line, text: str) -> None:
    session = _SESSION.match(text)
    day = parse_date(text)
    span = _parse_range(text)
    if session and not found.session:
        found.session, found.session_line = session.group(1), line.index
    elif _SYMBOL.match(text) and not found.symbol:
        found.symbol = text
    elif day is not None:
        found.date = day
    elif span is not None:
        found.start, found.end = span
    elif re.search(r"\b(committee|commission)\b", text, re.I) and not found.committee:
        found.committee = text
    elif _SUBTITLE.match(text):
        pass  # "Draft resolution submitted by …": written again by the template
    elif found.session_line == line.index - 1 and not found.place and len(text) < 80:
        found.place = text
    elif text.lower() not in _UNSAID:
        found.warn(line, "heading line not imported")


def parse_date(text: str) -> date | None:
    """Return the date '18 December 2019' / '1er juin 2021' names, |None| when it is not one."""
    match = _DATE.match(text.strip())
    if not match or match.group(2).lower() not in MONTHS:
        return None
    try:
        return date(int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1)))
    except ValueError:
        return None


def _parse_range(text: str) -> tuple[date, date] | None:
    match = _RANGE.match(text.strip())
    if not match:
        return None
    first_month = (match.group(2) or match.group(4)).lower()
    month = match.group(4).lower()
    if first_month not in MONTHS or month not in MONTHS:
        return None
    year = int(match.group(5))
    try:
        return date(year, MONTHS[first_month], int(match.group(1))), date(year, MONTHS[month], int(match.group(3)))
    except ValueError:
        return None
