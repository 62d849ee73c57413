"""Typed reading of one YAML mapping, with located errors and unknown-key detection.

Each mapping is read against its `Shape` (loading/keys.py, the one declaration of every
key, which the JSON Schemas are generated from): a key the file holds and the shape does
not declare is named as unknown (with the closest declared key), so typos never pass
silently; a loader reading a key its shape does not declare is a bug (`UndeclaredKey`).
"""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo
from typing import Any, Iterator

from draftkit.errors import InputError, Location, closest, did_you_mean, shown
from draftkit.inline import XML_FORBIDDEN
from draftkit.loading.keys import KNOWN_LANGUAGES, Key, Nested, Shape
from draftkit.loading.yamlsource import LocatedList, LocatedMap

__all__ = ["KNOWN_LANGUAGES", "Fields", "UndeclaredKey"]


class UndeclaredKey(AssertionError):
    """A loader read a key that loading/keys.py does not declare, or read it as another
    type than declared: the JSON Schema would not know it. A bug, never the user's fault."""


#: DEL and the C1 controls: XML allows them, but no resolution holds one and a terminal
#: obeys them (U+009B starts an escape sequence), so text with one is refused too.
TERMINAL_CONTROLS = re.compile("[\x7f-\x9f]")
#: Half a surrogate pair: what an invalid UTF-8 byte of a command line becomes.
_SURROGATE = re.compile("[\ud800-\udfff]")


def check_text(value: str, where: Location | str) -> str:
    """Refuse characters that XML (and so Word) cannot hold, terminal controls, and halves of
    surrogate pairs (not characters at all): also for text typed on a command line, before it
    is written into a file draftkit would then refuse to read."""
    if _SURROGATE.search(value):
        raise InputError("text holds a byte that is not UTF-8", where=where,
                         fix="type it again in a UTF-8 terminal, or copy it from a UTF-8 file")
    bad = XML_FORBIDDEN.search(value) or TERMINAL_CONTROLS.search(value)
    if bad:
        raise InputError(
            f"text holds the control character U+{ord(bad.group()):04X}, which a document cannot contain",
            where=where,
            fix="delete it (often pasted from a PDF)",
        )
    return value


class Fields:
    """A YAML mapping being read against its `shape`: call the typed getters, then `finish()`.

    `what` names the thing for messages ("clause 'pp-crc'", "draft metadata").
    """

    def __init__(self, data: Any, where: Location, what: str, shape: Shape):
        if not isinstance(data, dict):
            raise InputError(f"{what} must be a mapping of 'key: value' lines, not {_kind(data)}", where=where)
        self.data = data
        self.what = what
        self.shape = shape
        self.location: Location = getattr(data, "location", where)
        self.seen: set[str] = set()

    def declares(self, key: str) -> bool:
        """Whether the shape declares `key` (a reader shared by two shapes asks before reading)."""
        return self.shape.key(key) is not None

    def _declared(self, key: str, getter: str) -> Key:
        """The declaration of `key`, which is now read; raise `UndeclaredKey` when the shape
        does not declare it, or declares another type than `getter` reads."""
        declared = self.shape.key(key)
        if declared is None and self.shape.extra is not None:  # names from the file: the user's typo
            names = [*self.shape.names(), *(self.shape.extra_names or ())]
            raise InputError(f"unknown key {key!r} in {self.what}", where=self.where(key),
                             fix=did_you_mean(key, names) or f"known keys: {', '.join(names)}")
        if declared is None:
            raise UndeclaredKey(
                f"the loader reads {key!r} of {self.shape.name!r}, which loading/keys.py does not declare: "
                f"add Key({key!r}, …) to its Shape")
        if getter != "raw" and getter not in declared.value.getters:
            raise UndeclaredKey(
                f"the loader reads {key!r} of {self.shape.name!r} with Fields.{getter}(), but loading/keys.py "
                f"declares it as {type(declared.value).__name__}")
        self.seen.add(key)
        return declared

    def where(self, key: str) -> Location:
        return self.data.where(key) if isinstance(self.data, LocatedMap) else self.location

    def has(self, key: str) -> bool:
        self._declared(key, "raw")
        return key in self.data

    def raw(self, key: str, default: Any = None) -> Any:
        """The value as YAML gave it (for values with several forms)."""
        self._declared(key, "raw")
        return self.data.get(key, default)

    def _missing(self, key: str) -> InputError:
        """A required key is absent: name the likely typo when one of the unread keys looks like it."""
        typo = closest(key, [k for k in self.data if k not in self.seen and k != key], n=1)
        if typo:
            return InputError(
                f"unknown key {typo[0]!r} in {self.what}", where=self.where(typo[0]), fix=f"did you mean {key!r}?"
            )
        return InputError(f"{self.what} has no {key!r}", where=self.location, fix=f"add '{key}: …'")

    def text(self, key: str, *, required: bool = True, default: str | None = None) -> str | None:
        self._declared(key, "text")
        return self._text(key, required, default)

    def _text(self, key: str, required: bool, default: str | None = None) -> str | None:
        if key not in self.data or self.data[key] is None:
            if required:
                raise self._missing(key)
            return default
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise InputError(f"{key!r} of {self.what} must be text, not {_kind(value)}", where=self.where(key))
        return check_text(str(value), self.where(key))

    def integer(self, key: str, *, required: bool = True, default: int | None = None) -> int | None:
        self._declared(key, "integer")
        if key not in self.data or self.data[key] is None:
            if required:
                raise self._missing(key)
            return default
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise InputError(f"{key!r} of {self.what} must be a whole number, not {shown(value)}", where=self.where(key))
        return value

    def boolean(self, key: str, default: bool = False) -> bool:
        self._declared(key, "boolean")
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            raise InputError(f"{key!r} of {self.what} must be true or false, not {shown(value)}", where=self.where(key))
        return value

    def choice(self, key: str, choices: list[str], *, required: bool = True, default: str | None = None) -> str | None:
        self._declared(key, "choice")
        value = self._text(key, required, default)
        if value is not None and value not in choices:
            raise InputError(
                f"{key!r} of {self.what} is {shown(value)}; expected one of: {', '.join(choices)}",
                where=self.where(key),
                fix=did_you_mean(value, choices),
            )
        return value

    def day(self, key: str, *, required: bool = True) -> date | None:
        self._declared(key, "day")
        value = self._text(key, required)
        if value is None:
            return None
        return parse_day(value, self.where(key), f"{key!r} of {self.what}")

    def moment(self, key: str, *, required: bool = True, timezone: str | None = None) -> datetime | None:
        """An instant: ISO 8601 with an offset, or without one when `timezone` names an IANA zone."""
        self._declared(key, "moment")
        value = self._text(key, required)
        if value is None:
            return None
        return parse_moment(value, self.where(key), f"{key!r} of {self.what}", timezone)

    def strings(self, key: str) -> tuple[str, ...]:
        """A list of short texts (tags, languages); a single text is taken as a list of one."""
        self._declared(key, "strings")
        value = self.data.get(key)
        if value is None:
            return ()
        if isinstance(value, str):
            return (check_text(value, self.where(key)),)
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
            raise InputError(f"{key!r} of {self.what} must be a list of texts", where=self.where(key))
        return tuple(check_text(str(v), self.where(key)) for v in value)

    def items(self, key: str) -> Iterator[tuple[Any, Location]]:
        """The items of a list with their locations (absent or null: none)."""
        self._declared(key, "items")
        value = self.data.get(key)
        if value is None:
            return
        if not isinstance(value, list):
            raise InputError(f"{key!r} of {self.what} must be a list ('- …' lines), not {_kind(value)}", where=self.where(key))
        for index, item in enumerate(value):
            yield item, value.where(index) if isinstance(value, LocatedList) else self.where(key)

    def mapping(self, key: str, what: str, *, required: bool = False) -> Fields | None:
        """The mapping under `key`, read against the shape `key` is declared with."""
        declared = self._declared(key, "mapping")
        if key not in self.data or self.data[key] is None:
            if required:
                raise self._missing(key)
            return None
        assert isinstance(declared.value, Nested)
        return Fields(self.data[key], self.where(key), what, declared.value.shape)

    def by_language(self, key: str, *, required: bool = True) -> dict[str, str]:
        """Text per language: `{en: …, fr: …}`."""
        self._declared(key, "by_language")
        if key not in self.data or self.data[key] is None:
            if required:
                raise self._missing(key)
            return {}
        return read_by_language(self.data[key], self.where(key), f"{key!r} of {self.what}")

    def finish(self) -> None:
        """Raise on the first key nobody read: a typo, or a key this mapping does not use here."""
        for key in self.data:
            if key in self.seen:
                continue
            if self.shape.key(key) is None:
                known = self.shape.names()  # the keys read here first: they apply to this mapping
                hint = did_you_mean(key, sorted(self.seen)) or did_you_mean(key, known)
                raise InputError(
                    f"unknown key {key!r} in {self.what}",
                    where=self.where(key),
                    fix=hint or (f"known keys: {', '.join(known)}" if known else None),
                )
            raise InputError(f"key {key!r} does not apply to {self.what}", where=self.where(key), fix="remove it")


def read_by_language(value: Any, where: Location, what: str) -> dict[str, str]:
    """Validate a `{language: text}` mapping."""
    if not isinstance(value, dict):
        raise InputError(
            f"{what} must give the text per language, e.g. 'en: …' and 'fr: …' on their own lines",
            where=where,
        )
    out: dict[str, str] = {}
    for lang, text in value.items():
        at = value.where(lang) if isinstance(value, LocatedMap) else where
        if lang not in KNOWN_LANGUAGES:
            raise InputError(
                f"unknown language {lang!r} in {what}",
                where=at,
                fix=did_you_mean(lang, KNOWN_LANGUAGES) or f"use one of {', '.join(KNOWN_LANGUAGES)}",
            )
        if text is None:
            continue
        if isinstance(text, bool) or not isinstance(text, (str, int, float)):
            raise InputError(f"{what} in {lang!r} must be text, not {_kind(text)}", where=at)
        out[lang] = check_text(normalize_space(str(text)), at)
    return out


_SPACES = re.compile(r"[ \t\r\n]+")


def normalize_space(text: str) -> str:
    """Collapse the line breaks and runs of ordinary spaces YAML folding leaves.

    No-break spaces (U+00A0, U+202F) are kept: French typography depends on them.
    """
    return _SPACES.sub(" ", text).strip()


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


#: The years a draftkit date or instant may fall in: the IPU dates from 1889; past 2999
#: (or near year 1) date arithmetic and time zones overflow.
YEARS = (1800, 2999)


def _in_years(day: date, value: str, where: Location, what: str) -> None:
    if not YEARS[0] <= day.year <= YEARS[1]:
        raise InputError(f"{what} is {shown(value)}, outside the years {YEARS[0]}–{YEARS[1]} draftkit works with",
                         where=where, fix="check the year")


def parse_day(value: str, where: Location, what: str) -> date:
    """Parse YYYY-MM-DD, saying whether the form or the calendar is wrong."""
    try:
        day = date.fromisoformat(value.strip())
        _in_years(day, value, where, what)
        return day
    except ValueError as exc:
        if _ISO_DAY.match(value.strip()):
            raise InputError(f"{what} is {shown(value)}, which is not a day of the calendar ({exc})", where=where,
                             fix="check the day and the month") from None
        raise InputError(f"{what} is {shown(value)}, not a date", where=where, fix="write it as YYYY-MM-DD") from None


def parse_moment(value: str, where: Location, what: str, timezone: str | None = None) -> datetime:
    """Parse an ISO 8601 instant; refuse one with no time of day, or no time zone unless
    `timezone` is given.

    A bare date is refused rather than read as midnight: "deadline: 2021-06-14" would
    otherwise close the round at the start of the day its author meant to include.
    """
    text = value.strip()
    if _ISO_DAY.match(text):
        raise InputError(
            f"{what} ({shown(value)}) has no time of day",
            where=where,
            fix=f"add the time and its offset, e.g. {text}T23:59:00+02:00; for a deadline, the last minute that counts",
        )
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise InputError(
            f"{what} is {shown(value)}, not a date and time",
            where=where,
            fix="write it as 2021-06-14T23:59:00+02:00 (ISO 8601 with the offset)",
        ) from None
    _in_years(moment.date(), value, where, what)
    if moment.tzinfo is None:
        if timezone is None:
            raise InputError(
                f"{what} ({shown(value)}) has no time zone",
                where=where,
                fix="add the offset, e.g. 2021-06-14T23:59:00+02:00",
            )
        moment = moment.replace(tzinfo=zone(timezone, where))
    return moment


def zone(name: str, where: Location) -> tzinfo:
    try:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # here: most files name no zone

        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(f"unknown time zone {name!r}", where=where, fix="use an IANA name such as Europe/Zurich (Geneva) or America/New_York") from None


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    return f"{type(value).__name__} {shown(value)}"
