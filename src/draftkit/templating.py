"""The Jinja environment for the heading/closing templates: sandboxed, strict, and the
only importer of `jinja2`.

Templates receive metadata only (strings, dates) and get per-language filters for dates
and ordinals. Member and clause text never reaches Jinja as a template.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, Mapping

from draftkit.errors import InputError, Location

MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"),
}


def long_date(day: date, language: str) -> str:
    """Return '30 November 2021' (en) or '30 novembre 2021' (fr; '1er' on the first)."""
    number = "1er" if language == "fr" and day.day == 1 else str(day.day)
    return f"{number} {MONTHS[language][day.month - 1]} {day.year}"


def date_range(start: date | None, end: date | None, language: str) -> str:
    """Return '26-30 November 2021', '30 November-2 December 2021', or one date."""
    if start is None or end is None or start == end:
        day = start or end
        return long_date(day, language) if day else ""
    if (start.year, start.month) == (end.year, end.month):
        first = "1er" if language == "fr" and start.day == 1 else str(start.day)
        return f"{first}-{long_date(end, language)}"
    if start.year == end.year:
        head = long_date(start, language).rsplit(" ", 1)[0]
        return f"{head}-{long_date(end, language)}"
    return f"{long_date(start, language)}-{long_date(end, language)}"


def ordinal(value: Any, language: str) -> str:
    """Return '143rd' / '143e' ('1re' in French: the Assembly is feminine)."""
    text = str(value).strip()
    if not text.isdigit():
        return text
    number = int(text)
    if language == "fr":
        return f"{number}re" if number == 1 else f"{number}e"
    if 10 <= number % 100 <= 20:
        return f"{number}th"
    return f"{number}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th') }"


def render_template(source: str, name: Path | str, context: Mapping[str, Any], language: str) -> str:
    """Render trusted template `source` with `context`; raise `InputError` at the template line.

    Undefined names are errors (StrictUndefined) and the sandbox refuses attribute
    tricks, so a project's own template cannot reach into Python.
    """
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is plain text lines, escaped by the writers
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["longdate"] = lambda day: long_date(day, language) if day else ""
    env.filters["ordinal"] = lambda value: ordinal(value, language)
    env.globals["daterange"] = lambda start, end: date_range(start, end, language)
    try:
        return env.from_string(source).render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(f"template error: {exc.message}", where=Location(Path(name), exc.lineno or 0),
                         fix="see the line format described at the top of the built-in templates") from None
    except jinja2.TemplateError as exc:
        raise InputError(f"template error: {exc}", where=Path(name),
                         fix=f"available names: {', '.join(sorted(context))}") from None
