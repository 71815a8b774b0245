"""Opening hours for search: "open at" a moment, with Belgian public holidays. Pure.

French free-text hours are read by `bassins.directory.french_hours` (re-exported here:
`parse_french`), on import: the sample importer writes what it reads as HSDS schedule rows.

`is_open(rules, moment, ...)` answers with Belgian public holidays (the `holidays` package): on a
public holiday a service is open only by its public-holiday rules, or when it is open around the
clock; a closure (an HSDS schedule of kind "closure" with dates) closes it.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

from bassins.directory.french_hours import (  # noqa: F401 (the one reader of French hours)
    WEEKDAYS_BYDAY,
    Parsed,
    _hhmm,
    parse_french,
)


@lru_cache(maxsize=16)
def belgian_holidays(year: int) -> holidays.HolidayBase:
    """The Belgian public holidays of `year`."""
    return holidays.country_holidays("BE", years=year)


def is_public_holiday(day: dt.date) -> bool:
    """Whether `day` is a Belgian public holiday."""
    return day in belgian_holidays(day.year)


def is_open(
    rules,
    moment: dt.datetime,
    *,
    holiday_rules=(),
    holiday_closed: bool = False,
    closures=(),
    always_open: bool = False,
) -> bool:
    """Whether a service with these weekly rules is open at `moment` (local Brussels time)."""
    day = moment.date()
    minute = moment.hour * 60 + moment.minute
    for start, end in closures:
        if (start is None or start <= day) and (end is None or day <= end):
            return False
    if is_public_holiday(day):
        if always_open and not holiday_closed:
            return True
        return any(opens <= minute < closes for opens, closes in holiday_rules)
    weekday = moment.weekday()
    return any(d == weekday and opens <= minute < closes for d, opens, closes in rules)


def minutes_of(value: str) -> int | None:
    """'HH:MM' (or 'HH:MM:SS', '24:00') -> minutes after midnight."""
    match = re.match(r"^\s*(\d{1,2}):(\d{2})", value or "")
    if not match:
        return None
    minutes = int(match.group(1)) * 60 + int(match.group(2))
    return minutes if minutes <= 24 * 60 else None


BRUSSELS = ZoneInfo("Europe/Brussels")


def now() -> dt.datetime:
    """The current local time in Brussels (naive, as schedules are written)."""
    return dt.datetime.now(BRUSSELS).replace(tzinfo=None)
