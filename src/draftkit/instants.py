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


def shown(moment: datetime, timezone: str | None = None, *, named: bool = True) -> str:
    """Return '2021-06-14 23:59 CEST (Europe/Zurich)': seconds only when there are some
    (one second decides lateness), the zone's name when it has one and `named`."""
    moment = in_zone(moment, timezone)
    text = moment.strftime("%Y-%m-%d %H:%M" + (":%S" if moment.second else ""))
    abbreviation = moment.tzname() or ""
    name = getattr(moment.tzinfo, "key", None) or abbreviation
    return f"{text} {abbreviation}" + (f" ({name})" if named and name != abbreviation else "")


def shown_both(moment: datetime, timezone: str | None, local: tzinfo | None) -> str:
    """`shown` in the draft's zone, followed by the user's local time when its offset differs."""
    here = in_zone(moment, timezone)
    text = shown(here)
    if local is not None:
        mine = moment.astimezone(local)
        if mine.utcoffset() != here.utcoffset():
            text += f" = {shown(mine)} your time"
    return text
