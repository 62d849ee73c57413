"""Showing instants (deadlines, submission times) to people: in the draft's time zone, and
in the user's own when it differs. Knows time zones, not drafts or the terminal.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


def in_zone(moment: datetime, timezone: str | None) -> datetime:
    """Return `moment` in the IANA zone `timezone` (as written when there is none or it is unknown)."""
    if not timezone:
        return moment
    try:
        return moment.astimezone(ZoneInfo(timezone))
    except (ZoneInfoNotFoundError, ValueError):
        return moment  # an unknown zone is reported where the draft is loaded


def local(moment: datetime, zone: tzinfo | None = None) -> datetime:
    """Return `moment` in `zone`, by default the user's own time zone with the offset it
    has at that instant (a deadline across a DST change is not shifted by today's offset)."""
    return moment.astimezone(zone) if zone is not None else moment.astimezone()


def shown(moment: datetime, timezone: str | None = None, *, named: bool = True,
          deadline: datetime | None = None) -> str:
    """Return '2021-06-14 23:59 CEST (Europe/Zurich)': seconds only when there are some
    (one second decides lateness), and always within the minute of `deadline` (23:59:00.5
    is late for 23:59); the zone's name when it has one and `named`."""
    moment = in_zone(moment, timezone)
    precise = moment.second or (deadline is not None and moment != deadline
                                and abs((moment - deadline).total_seconds()) < 60)
    stamp = "%Y-%m-%d %H:%M" + (":%S" if precise else "")
    text = moment.strftime(stamp) + (f".{moment.microsecond // 1000:03d}".rstrip("0").rstrip(".")
                                     if precise and moment.microsecond else "")
    abbreviation = moment.tzname() or ""
    name = getattr(moment.tzinfo, "key", None) or abbreviation
    return f"{text} {abbreviation}" + (f" ({name})" if named and name != abbreviation else "")


def shown_both(moment: datetime, timezone: str | None, zone: tzinfo | None = None) -> str:
    """`shown` in the draft's zone, followed by the user's local time (see `local`) when its
    offset differs."""
    here = in_zone(moment, timezone)
    text = shown(here)
    mine = local(moment, zone)
    if mine.utcoffset() != here.utcoffset():
        text += f" = {shown(mine)} your time"
    return text
