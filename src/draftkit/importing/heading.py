"""The heading block of an imported resolution: where the body starts (after the authoring
line), and the title, session, symbol, committee, place and dates the lines before it say.
Knows `Line`s and phrase evidence; no Word XML, no YAML.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
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
SYMBOL = re.compile(r"^[A-Z][A-Z0-9.\-]*(/[A-Za-z0-9.\-]+)+$")
_SESSION = re.compile(r"^(\d{1,4})\s*(?:st|nd|rd|th|e|re|ème)\b", re.IGNORECASE)
_COMMITTEE = re.compile(r"\b(committee|commission)\b", re.IGNORECASE)
_AGENDA = re.compile(r"^(?:agenda item|point)\s+(\d{1,3}(?:\s*\(?[a-z]\))?)(?:\s+de l['’]ordre du jour)?\*?$",
                     re.IGNORECASE)
_PROVISIONAL = re.compile(r"^item\s+(\d{1,3}(?:\s*\(?[a-z]\))?)\s+of the provisional agenda\*?$|"
                          r"^point\s+(\d{1,3}(?:\s*\(?[a-z]\))?)\s+de l['’]ordre du jour provisoire\*?$",
                          re.IGNORECASE)
_DISTRIBUTION = re.compile(r"^distr\.?\s*:?\s*(limited|general|limitée|générale)\b", re.IGNORECASE)
_ORIGINAL = re.compile(r"^original\s*:\s*(\w+)$", re.IGNORECASE)
_SPONSORS = re.compile(r"^(.{3,}?)\s*:\s*(?:revised draft resolution|draft resolution|projet de résolution révisé|"
                       r"projet de résolution)$", re.IGNORECASE)
_RAPPORTEURS = re.compile(r"co-?rapporteur(?:e)?s\s+(.+?)\.?$", re.IGNORECASE)
LANGUAGE_NAMES = {"english": "en", "french": "fr", "spanish": "es", "russian": "ru", "chinese": "zh", "arabic": "ar",
                  "anglais": "en", "français": "fr", "espagnol": "es", "russe": "ru", "chinois": "zh", "arabe": "ar"}
#: A UN job number as the first page's footer prints it: '19-17623 (E)'.
JOB = re.compile(r"(?<![\d-])((?:GE\.|V\.)?\d{2}-\d{5})\s*\([A-Z]\)")
_UNSAID = ("united nations", "nations unies", "general assembly", "assemblée générale")


@functools.cache
def _labels() -> tuple[re.Pattern[str], frozenset[str], re.Pattern[str]]:
    """From every language's heading labels: its authoring lines ("大会", "إن الجمعية العامة",
    "La {ordinal} Asamblea…"), the fixed lines a template writes again, and "General Assembly"."""
    from draftkit.languages import codes, language

    authoring, unsaid, assembly = [], set(_UNSAID), []
    for code in codes():
        heading = language(code).section("heading")
        for key in ("authoring_un", "authoring_ipu"):
            parts = [re.escape(part) for part in heading.get(key).split("{ordinal}")]
            if parts != [""]:
                authoring.append(".{1,12}?".join(parts))
        unsaid |= {heading.get(key).lower() for key in ("united_nations", "general_assembly", "draft_resolution")}
        assembly.append(re.escape(heading.get("general_assembly")))
    marks = "".join(dict.fromkeys(language(code).punctuation.authoring for code in codes()))
    # the mark is required: "大会" and "Генеральная Ассамблея" are also the organ's heading line
    return (re.compile(f"^(?:{'|'.join(authoring)})[{re.escape(marks)}:]$", re.IGNORECASE), frozenset(unsaid - {""}),
            re.compile("|".join(a for a in assembly if a), re.IGNORECASE))


def is_authoring(text: str) -> bool:
    """Whether `text` is an authoring line ("The General Assembly,") in any language."""
    return bool(AUTHORING.match(text) or _labels()[0].match(text))
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
        if is_authoring(text) and not is_body_evidence(line, phrases) and len(text) < 200:
            return position + 1
    return next((position for position, line in enumerate(lines) if is_body_evidence(line, phrases)), 0)


def read_heading(lines: list[Line], doc_title: str, fallback_title: str) -> tuple[ImportedHeading, list[ImportWarning]]:
    """Return what the heading `lines` say, and warnings for lines that were not understood.

    The title is the line in a Title style, else the last line that is not a date, symbol
    or subtitle, else the document's title property, else `fallback_title` (with a warning).
    """
    found = ImportedHeading()
    warnings: list[ImportWarning] = []
    header: list[Line] = []
    for line in lines:
        text = normalize(line.text)
        style = line.style.lower()
        if is_authoring(text) and line is lines[-1]:
            found = replace(found, authoring=strip_final(text))
        elif "title" in style and "subtitle" not in style and not found.title:
            found = replace(found, title=text)
        else:
            header.append(line)
    if not found.title:
        for line in reversed(header):
            text = normalize(line.text)
            if not (_SUBTITLE.match(text) or SYMBOL.match(text) or parse_date(text) or _RANGE.match(text)):
                found = replace(found, title=text)
                header.remove(line)
                break
    session_line = agenda_line = None
    for line in header:
        text = normalize(line.text)
        session = session_number(text)
        agenda = _AGENDA.match(text) or _PROVISIONAL.match(text)
        if session and not found.session:
            found, session_line = replace(found, session=session), line.index
        elif found.session and session_line == line.index - 1 and _place_like(text, found):
            found = replace(found, place=text)
        elif agenda and not found.agenda_item:
            item = next(group for group in agenda.groups() if group)
            found, agenda_line = replace(found, agenda_item=item, provisional=bool(_PROVISIONAL.match(text))), \
                line.index
        elif agenda_line is not None and agenda_line == line.index - 1 and not found.agenda_title:
            found = replace(found, agenda_title=text)  # the line after "Agenda item 107" is the item's title
        else:
            found = _header_line(found, text, warnings, line)
    if not found.title:
        found = replace(found, title=doc_title)
    if not found.title:
        found = replace(found, title=fallback_title)
        warnings.append(ImportWarning(1, "no title found; the file name is used"))
    said = found.authoring + " " + " ".join(normalize(x.text) for x in header)
    if _labels()[2].search(said):
        found = replace(found, body=Body.UN_GENERAL_ASSEMBLY)
    return found, warnings


_EN_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
             "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
             "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
             "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70,
             "eightieth": 80, "ninetieth": 90, "hundredth": 100}
_EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
            "ninety": 90, "hundred": 100}
_FR = {"un": 1, "une": 1, "premier": 1, "première": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
       "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
       "quinze": 15, "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50,
       "soixante": 60, "cent": 100}
_FR_STEMS = {"cinqu": "cinq", "neuv": "neuf", "quatr": "quatre", "onz": "onze", "douz": "douze", "treiz": "treize",
             "quatorz": "quatorze", "quinz": "quinze", "seiz": "seize", "trent": "trente", "quarant": "quarante",
             "cinquant": "cinquante", "soixant": "soixante", "un": "un"}
_SESSION_WORDS = re.compile(r"^([a-zéèêàç]+(?:[- ][a-zéèêàç]+)*)\s+session$", re.IGNORECASE)


def session_number(text: str) -> str | None:
    """The number an ordinal session line spells ('Seventy-fourth session' → '74',
    'Soixante-quatorzième session' → '74', '74th session' → '74'); |None| when it is not one."""
    found = _SESSION.match(text)
    if found:
        return found.group(1)
    found = _SESSION_WORDS.match(text.strip())
    if not found:
        return None
    words = [w for w in re.split(r"[- ]+", found.group(1).lower()) if w not in ("and", "et")]
    number = _english(words) if words[-1] in _EN_UNITS else _french(words)
    return str(number) if number else None


def _english(words: list[str]) -> int | None:
    total = 0
    for word in words:
        if word in _EN_TENS:
            total = (total or 1) * 100 if word == "hundred" else total + _EN_TENS[word]
        elif word in ("one",):
            total += 1
        elif word in _EN_UNITS:
            total += _EN_UNITS[word]
        else:
            return None
    return total


def _french(words: list[str]) -> int | None:
    last = words[-1]
    if last not in ("premier", "première"):
        if not last.endswith("ième"):
            return None
        stem = last[:-4]
        words = [*words[:-1], _FR_STEMS.get(stem, stem)]
    total, previous = 0, 0
    for word in words:
        value = _FR.get(word)
        if value is None:
            return None
        if value == 20 and previous == 4:  # quatre-vingt(s): 4 × 20
            total += 80 - 4
        elif value == 100:
            total = (total or 1) * 100
        else:
            total += value
        previous = value
    return total


def _place_like(text: str, found: ImportedHeading) -> bool:
    """The line after the session names the place ('Madrid, Spain') unless it is something else."""
    return (not found.place and len(text) < 80 and not SYMBOL.match(text) and parse_date(text) is None
            and _parse_range(text) is None and not _COMMITTEE.search(text) and not _SUBTITLE.match(text))


def _header_line(found: ImportedHeading, text: str, warnings: list[ImportWarning], line: Line) -> ImportedHeading:
    day = parse_date(text)
    span = _parse_range(text)
    if SYMBOL.match(text) and not found.symbol:
        return replace(found, symbol=text)
    if day is not None:
        return replace(found, date=day)
    if span is not None:
        return replace(found, start=span[0], end=span[1])
    if _COMMITTEE.search(text) and not found.committee:
        return replace(found, committee=text)
    if _SUBTITLE.match(text):  # "Draft resolution submitted by …": written again by the template
        named = _RAPPORTEURS.search(text)
        return replace(found, rapporteurs=sponsor_names(named.group(1))) if named and not found.rapporteurs \
            else found
    distribution = _DISTRIBUTION.match(text)
    if distribution:
        return replace(found, distribution="limited" if distribution.group(1).lower().startswith("limit")
                       else "general")
    original = _ORIGINAL.match(text)
    if original and original.group(1).lower() in LANGUAGE_NAMES:
        return replace(found, original=LANGUAGE_NAMES[original.group(1).lower()])
    sponsors = _SPONSORS.match(text)
    if sponsors and not found.sponsors:
        return replace(found, sponsors=sponsor_names(sponsors.group(1)))
    if text.lower() not in _labels()[1]:
        warnings.append(ImportWarning(line.index + 1, "heading line not imported", excerpt(text)))
    return found


def sponsor_names(text: str) -> tuple[str, ...]:
    """'Belarus, China and Venezuela (Bolivarian Republic of)' → the three names (commas
    inside parentheses do not cut; the last ' and ' / ' et ' does)."""
    names, depth, current = [], 0, ""
    for char in text:
        depth += char == "("
        depth -= char == ")"
        if char == "," and depth == 0:
            names.append(current)
            current = ""
        else:
            current += char
    guarded = _JOINED.sub(lambda m: m.group().replace(" ", "\u0000"), current)  # 'Trinidad and Tobago' is one
    names += [name.replace("\u0000", " ") for name in re.split(r"\s+(?:and|et)\s+(?![^(]*\))", guarded)]
    return tuple(name.strip() for name in names if name.strip())


#: Member States whose names hold 'and' / 'et': never cut there.
_JOINED = re.compile("|".join(re.escape(name) for name in (
    "Antigua and Barbuda", "Bosnia and Herzegovina", "Saint Kitts and Nevis", "Saint Vincent and the Grenadines",
    "Sao Tome and Principe", "Trinidad and Tobago", "United Kingdom of Great Britain and Northern Ireland",
    "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord", "Saint-Vincent-et-les Grenadines")))


def parse_date(text: str) -> date | None:
    """Return the date '18 December 2019' / '1er juin 2021' names, or the date written as any
    language's data writes it ('18 de diciembre de 2019', '18 декабря 2019 года',
    '2019年12月18日', '18 كانون الأول/ديسمبر 2019'); |None| when it is not one."""
    text = text.strip()
    match = _DATE.match(text)
    found = None
    if match and match.group(2).lower() in MONTHS:
        found = (int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1)))
    else:
        for pattern, months in _date_patterns():
            match = pattern.match(text)
            if match is None:
                continue
            parts = match.groupdict()
            month = int(parts["number"]) if parts.get("number") else months.get((parts.get("month") or "").lower())
            if month:
                found = (int(parts["year"]), month, int(parts["day"]))
                break
    if found is None:
        return None
    try:
        return date(*found)
    except ValueError:
        return None


@functools.cache
def _date_patterns() -> tuple[tuple[re.Pattern[str], dict[str, int]], ...]:
    """One pattern per language's long date (`dates: pattern` in its data), with its month names."""
    from draftkit.languages import codes, language

    out = []
    for code in codes():
        dates = language(code).dates
        first = re.escape(dates.first_day)
        regex = re.escape(dates.pattern)
        for name, group in (("day", rf"(?P<day>\d{{1,2}})(?:{first[1:] if len(first) > 1 else ''})?"),
                            ("month", r"(?P<month>.+?)"), ("month_number", r"(?P<number>\d{1,2})"),
                            ("year", r"(?P<year>\d{4})")):
            regex = regex.replace(re.escape("{" + name + "}"), group)
        out.append((re.compile(f"^{regex}$", re.IGNORECASE),
                    {month.lower(): number for number, month in enumerate(dates.months, start=1)}))
    return tuple(out)


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
