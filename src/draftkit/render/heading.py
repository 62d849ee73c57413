"""The heading, closing and running heads of a resolution, from the body's Jinja template.

Finds the template (project folder first, then the built-in ones), gives it the draft's
metadata and the language's labels, and reads its "REGION[.style]: text" lines:

    header.symbol: A/RES/74/174        a heading line in the style ResolutionSymbol
    left.organ: General Assembly       the left column of the two-column heading
    right: Distr.: General             the right column
    title, subtitle, authoring, closing
    page-header, page-footer           running heads of the pages after the first
    even-header, even-footer           … of even pages, when they differ (outer corners)
    first-header, first-footer         … of the first page (a different first page)
    memorandum-left, memorandum-right, memorandum-header, memorandum-title, memorandum-subtitle
                                       the heading of the explanatory memorandum, which starts
                                       a section of its own (only when the draft has one)
    memorandum-page-header, …          its own running heads (its pages numbered from 1);
                                       without them it keeps the resolution's

`{{ PAGE }}` and `{{ NUMPAGES }}` become Word's PAGE / NUMPAGES fields; `{{ TAB }}` a tab
(running heads have a centre and a right tab stop). Knows no Word and no paragraph text.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from draftkit.errors import InputError, Location
from draftkit.model import DraftMeta, Memorandum, Stage
from draftkit.render.tree import NUMPAGES, PAGE, Role
from draftkit.templating import render_template
from draftkit.records import record

#: Roles a template line may have.
TEMPLATE_ROLES = {r.value: r for r in (Role.HEADER, Role.TITLE, Role.SUBTITLE, Role.AUTHORING, Role.CLOSING)}
#: The two columns of the heading block: heading lines set side by side.
COLUMNS = {"left": 1, "right": 2}
#: Running heads: region → (which pages, header or footer).
PAGE_REGIONS = ("page-header", "page-footer", "even-header", "even-footer", "first-header", "first-footer")
#: The memorandum's heading: "memorandum-" before a heading region.
MEMORANDUM = "memorandum-"
MEMORANDUM_REGIONS = tuple(MEMORANDUM + name for name in ("header", "title", "subtitle", *COLUMNS, *PAGE_REGIONS))
REGIONS = (*TEMPLATE_ROLES, *COLUMNS, *PAGE_REGIONS, *MEMORANDUM_REGIONS)
_STYLE_NAME = re.compile(r"[a-z][a-z0-9-]*")


@record
class Line:
    """One line a template produced: a paragraph of the heading, the closing or a running head.

    `style` is the style the line asked for ('symbol' → the reference DOCX's
    ResolutionSymbol), '' for its role's; `column` 1 or 2 for the two-column heading;
    `region` is set for running heads ('page-footer'); `memorandum` for the lines of the
    explanatory memorandum's heading.
    """

    role: Role
    text: str
    style: str = ""
    column: int = 0
    region: str = ""
    memorandum: bool = False


#: The largest template read: a heading template is a few hundred lines at most.
TEMPLATE_BYTES = 1024 * 1024


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
        if (own.exists() or own.is_symlink()) and not own.is_dir():
            # a pipe, a device or a broken link of that name is refused, not passed over for the built-in one
            return _read_text(own), own
        if not folder.is_dir():
            raise InputError("templates folder not found", where=folder, fix="check 'templates:' in draftkit.yaml")
    from draftkit import DATA

    templates = DATA / "templates"
    for candidate in (name, f"{meta.body.value}.j2"):
        builtin = templates / candidate
        if builtin.is_file():
            return builtin.read_text(encoding="utf-8"), f"draftkit/data/templates/{candidate}"
    raise InputError(f"no template {name}", where=folder or name, fix=f"add {name} to the templates folder")


def _read_text(path: Path) -> str:
    """A project template's text; raise `InputError` naming it when it is not UTF-8 text."""
    from draftkit.files import read_input

    data = read_input(path, limit=TEMPLATE_BYTES, what="template")  # a regular file, a heading's size
    try:
        return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"template is not UTF-8 text (byte {exc.object[exc.start]:#04x})",
                         where=Location(path, line), fix="save the template as UTF-8") from None


def memorandum_symbol(meta: DraftMeta, memorandum: Memorandum) -> str:
    """The memorandum's symbol: its own, else the draft's with '/DR' as '/M' (see
    `Memorandum.symbol_of`), else none."""
    return memorandum.symbol or Memorandum.symbol_of(meta.symbol or "")


def context(meta: DraftMeta, language: str, memorandum: Memorandum | None = None) -> dict[str, object]:
    """Return what a template may use: the draft's metadata in `language` (no paragraph text),
    and whether the draft has a memorandum (its symbol and title)."""
    from draftkit.render.members import member_names

    meeting = meta.meeting
    labels = _heading_labels(language)
    place = meeting.place.get(language, "") if meeting else ""
    adoption = meta.adoption
    return {
        "session": meta.session,
        "version": meta.version,
        "date": meta.date,
        "symbol": f"{meta.symbol}/Rev.{meta.revision}" if meta.symbol and meta.revision else meta.symbol,
        "revision": meta.revision,
        "title": meta.title.get(language, ""),
        "committee": meta.committee.get(language, ""),
        "place": place,
        "city": re.split(r"\s*[,(]", place, maxsplit=1)[0].strip(),
        "start": meeting.start if meeting else None,
        "end": meeting.end if meeting else None,
        "author": meta.author,
        "language": language,
        "language_name": _language_name(language),
        "labels": labels,
        "stage": meta.stage.value,
        "sponsors": member_names(meta.sponsors, language),
        "agenda_item": meta.agenda.item if meta.agenda else "",
        "agenda_title": meta.agenda.title.get(language, "") if meta.agenda else "",
        "agenda_provisional": bool(meta.agenda and meta.agenda.provisional),
        "distribution": meta.document.distribution or ("general" if meta.stage is Stage.ADOPTED else "limited"),
        "original": meta.document.original,
        "job": meta.document.job,
        "adopted": adoption.date,
        "resolution": adoption.resolution,
        "meeting_number": adoption.meeting,
        "report": adoption.report,
        "vote": adoption.vote,
        "rapporteurs": [r.get(language, "") for r in meta.rapporteurs if r.get(language)],
        "memorandum": memorandum is not None,
        "memorandum_symbol": memorandum_symbol(meta, memorandum) if memorandum is not None else "",
        "memorandum_title": (memorandum.title.get(language, "") if memorandum is not None else "")
        or str(labels.get("memorandum", "")),
        "PAGE": PAGE,
        "NUMPAGES": NUMPAGES,
        "TAB": "\t",
    }


def _rendered(source: str, origin: Path | str, values: dict[str, object], language: str) -> str:
    """`render_template`'s output, from the user's cache when this template was rendered
    with these values before. The output is a function of the template's text, the values
    (plain strings, numbers, dates, lists and dicts of them: their repr is exact), the
    language data the filters read (`language` and English), the code that renders
    (draftkit's version and these modules) and the versions of Jinja and num2words; all
    of that is the key, so a change to any of it renders again. Saves importing Jinja
    and compiling the template (about 30 ms a run)."""
    import zlib

    from draftkit import __version__, cache, languages, templating

    languages_folder = languages.languages_folder
    shown = repr(values)
    stamps = [cache.stamp(__file__), cache.stamp(templating.__file__), cache.stamp(languages.__file__),
              cache.module_stamp("jinja2"),
              cache.module_stamp("num2words"), *(cache.stamp(languages_folder() / code / "language.yaml")
                                                 for code in dict.fromkeys(("en", language)))]
    key = None if None in stamps or not _plain(values) else (__version__, tuple(stamps), language, source, shown)
    place = Path("template", language, f"{zlib.crc32((source + shown).encode('utf-8', 'surrogatepass')):08x}")
    if key is not None:
        found = cache.load("template", place, key)
        if isinstance(found, str):
            return found
    output = render_template(source, origin, values, language)
    if key is not None:
        cache.store("template", place, key, output)
    return output


def _plain(value: object) -> bool:
    """Whether `value` is made of values whose repr says all they are (no object whose
    repr might leave something out)."""
    if value is None or isinstance(value, (str, int, float, date)):
        return True
    if isinstance(value, (list, tuple)):
        return all(_plain(item) for item in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    return False


def _language_name(language: str) -> str:
    """The language's name in itself ('Français'), for the masthead of a translation."""
    from draftkit.languages import known, language as language_data

    return language_data(language).name if known(language) else language


def _heading_labels(language: str) -> dict[str, object]:
    """The fixed heading wording of `language` (`labels: heading:` in its language.yaml),
    English's for a label the language does not have yet."""
    from draftkit.languages import known, language as language_data

    english = dict(language_data("en").section("heading").values)
    if not known(language) or language == "en":
        return english
    return {**english, **language_data(language).section("heading").values}


def heading_lines(meta: DraftMeta, language: str, folder: Path | None = None,
                  memorandum: Memorandum | None = None) -> list[Line]:
    """Render the body's template for `language` and return its lines in order (the
    memorandum's heading lines only when the draft has a `memorandum`)."""
    source, origin = find_template(meta, language, folder)
    output = _rendered(source, origin, context(meta, language, memorandum), language)
    lines: list[Line] = []
    for number, raw in enumerate(output.splitlines(), start=1):
        if not raw.strip():
            continue
        head, sep, text = raw.rstrip().partition(":")
        region, _, style = head.strip().partition(".")
        if not sep or region not in REGIONS or (style and not _STYLE_NAME.fullmatch(style)):
            raise InputError(
                f"line {number} of the template's output is {raw.strip()!r}, not 'REGION: text' or 'REGION.style: text'",
                where=origin if isinstance(origin, Path) else Location(Path(origin)),
                fix=f"start each line with one of: {', '.join(REGIONS)} (a style name in lower case after a dot)",
            )
        text = text.strip(" ")  # a running head's leading TAB is meant
        own = region.startswith(MEMORANDUM)  # the memorandum's heading or its own running heads
        if own:
            if memorandum is None:
                continue
            region = region[len(MEMORANDUM):]
        if region in COLUMNS:
            lines.append(Line(Role.HEADER, text, style, column=COLUMNS[region], memorandum=own))
        elif region in PAGE_REGIONS:
            lines.append(Line(Role.HEADER, text, style, region=region, memorandum=own))
        else:
            lines.append(Line(TEMPLATE_ROLES[region], text, style, memorandum=own))
    return lines
