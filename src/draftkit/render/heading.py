"""The heading and closing lines of a resolution, from the body's Jinja template.

Finds the template (project folder first, then the built-in ones), gives it the draft's
metadata, and reads its "ROLE: text" lines. Knows no Word and no paragraph text.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from draftkit.errors import InputError, Location
from draftkit.model import DraftMeta
from draftkit.render.tree import Role
from draftkit.templating import render_template

#: Roles a template line may have.
TEMPLATE_ROLES = {r.value: r for r in (Role.HEADER, Role.TITLE, Role.SUBTITLE, Role.AUTHORING, Role.CLOSING)}


@dataclass(frozen=True)
class Line:
    """One line a template produced: a paragraph of the heading or the closing."""

    role: Role
    text: str


def template_name(meta: DraftMeta, language: str) -> str:
    """Return the file name of the template for the draft's body in `language`."""
    return f"{meta.body.value}.{language}.j2"


def find_template(meta: DraftMeta, language: str, folder: Path | None) -> tuple[str, Path | str]:
    """Return the template text and where it came from: the project's `<body>.<lang>.j2`,
    the built-in one, else the built-in `<body>.j2`, which writes any language from the
    heading labels of its data folder (so a new language needs no template)."""
    name = template_name(meta, language)
    if folder is not None:
        own = folder / name
        if own.is_file():
            return _read_text(own), own
        if not folder.is_dir():
            raise InputError("templates folder not found", where=folder, fix="check 'templates:' in draftkit.yaml")
    templates = resources.files("draftkit") / "data" / "templates"
    for candidate in (name, f"{meta.body.value}.j2"):
        builtin = templates / candidate
        if builtin.is_file():
            return builtin.read_text(encoding="utf-8"), f"draftkit/data/templates/{candidate}"
    raise InputError(f"no template {name}", where=folder or name, fix=f"add {name} to the templates folder")


def _read_text(path: Path) -> str:
    """A project template's text; raise `InputError` naming it when it is not UTF-8 text."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise InputError(f"template is not UTF-8 text (byte {exc.object[exc.start]:#04x})",
                         where=Location(path, line), fix="save the template as UTF-8") from None
    except OSError as exc:
        raise InputError(f"cannot read the template ({exc.strerror})", where=path) from None


def context(meta: DraftMeta, language: str) -> dict[str, object]:
    """Return what a template may use: the draft's metadata in `language` (no paragraph text)."""
    meeting = meta.meeting
    return {
        "session": meta.session,
        "version": meta.version,
        "date": meta.date,
        "symbol": f"{meta.symbol}/Rev.{meta.revision}" if meta.symbol and meta.revision else meta.symbol,
        "revision": meta.revision,
        "title": meta.title.get(language, ""),
        "committee": meta.committee.get(language, ""),
        "place": meeting.place.get(language, "") if meeting else "",
        "start": meeting.start if meeting else None,
        "end": meeting.end if meeting else None,
        "author": meta.author,
        "language": language,
        "labels": _heading_labels(language),
    }


def _heading_labels(language: str) -> dict[str, str]:
    """The fixed heading wording of `language` (`labels: heading:` in its language.yaml)."""
    from draftkit.languages import known, language as language_data

    if not known(language):
        return {}
    values = language_data(language).section("heading").values
    return {key: value for key, value in values.items() if isinstance(value, str)}


def heading_lines(meta: DraftMeta, language: str, folder: Path | None = None) -> list[Line]:
    """Render the body's template for `language` and return its lines in order."""
    source, origin = find_template(meta, language, folder)
    output = render_template(source, origin, context(meta, language), language)
    lines: list[Line] = []
    for number, raw in enumerate(output.splitlines(), start=1):
        if not raw.strip():
            continue
        role, sep, text = raw.partition(":")
        if not sep or role.strip() not in TEMPLATE_ROLES:
            raise InputError(
                f"line {number} of the template's output is {raw.strip()!r}, not 'ROLE: text'",
                where=origin if isinstance(origin, Path) else Location(Path(origin)),
                fix=f"start each line with one of: {', '.join(TEMPLATE_ROLES)}",
            )
        lines.append(Line(TEMPLATE_ROLES[role.strip()], text.strip()))
    return lines
