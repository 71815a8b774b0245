"""OpenStreetMap `opening_hours` -> HSDS 3.1 schedules (weekly rules and public-holiday exceptions). Pure.

The expression is parsed and evaluated by `opening_hours` (opening_hours_py, the Rust parser of the OSM
specification), not by hand: the weekly pattern is read off the intervals the library returns for
reference weeks. Each distinct opening interval becomes one HSDS schedule row (freq WEEKLY, byday the
days sharing it, opens_at / closes_at in local Brussels time, "24:00" for midnight at the end of a day).
An interval crossing midnight is cut at midnight.

Rules that change over the year (week numbers, months, dates) cannot be written as one weekly rule: when
the reference weeks of January, April, July and October differ, no weekly row is made and the expression
is kept as a description-only schedule (`ScheduleResult.seasonal`). Public holidays ("PH off",
"PH 10:00-12:00") are evaluated with the Belgian holiday calendar and become an exception row
(kind "public_holiday", closed or with its hours).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import opening_hours

from bassins.directory.profile import WEEKDAYS
from bassins.i18n import app_gettext, gettext_noop

#: Reference weeks (Mondays, 2024: no Belgian public holiday in those weeks).
REFERENCE_WEEKS = (
    dt.date(2024, 1, 8),
    dt.date(2024, 4, 8),
    dt.date(2024, 7, 8),
    dt.date(2024, 10, 7),
)
#: A Belgian public holiday on a Monday (Armistice, 2024-11-11) and an ordinary Monday to compare with.
HOLIDAY, ORDINARY_MONDAY = dt.date(2024, 11, 11), dt.date(2024, 11, 4)

#: Day names (English msgids of the directory's catalogue, translated by `_`), Monday first.
DAY_NAMES = (
    gettext_noop("Monday"),
    gettext_noop("Tuesday"),
    gettext_noop("Wednesday"),
    gettext_noop("Thursday"),
    gettext_noop("Friday"),
    gettext_noop("Saturday"),
    gettext_noop("Sunday"),
)
HOLIDAY_TEXT = gettext_noop("public holidays")
CLOSED_TEXT = gettext_noop("closed")


def _(message: str, lang: str) -> str:
    """`message` in `lang` from the directory's catalogue."""
    return app_gettext("directory", message, lang)


class OpeningHoursError(ValueError):
    """The expression is not valid OSM opening_hours syntax."""


@dataclass
class Rule:
    """One schedule row: opens..closes on `days` (indices 0=Monday), or an exception."""

    days: tuple[int, ...]
    opens_at: str
    closes_at: str
    kind: str = "regular"
    closed: bool = False

    @property
    def byday(self) -> str:
        """The days as iCalendar BYDAY codes, e.g. 'MO,TU,WE'."""
        return ",".join(WEEKDAYS[day] for day in self.days)

    def description(self, lang: str) -> str:
        """The rule in words in `lang` ('fr', 'nl' or 'en'), e.g. 'lundi–vendredi 09:00–17:00'."""
        if self.kind == "public_holiday":
            what = _(HOLIDAY_TEXT, lang)
        else:
            what = _days_text(self.days, lang)
        if self.closed:
            return f"{what}: {_(CLOSED_TEXT, lang)}"
        return f"{what} {self.opens_at}–{self.closes_at}"


@dataclass
class ScheduleResult:
    """An opening_hours expression and the schedule rows read from it."""

    expression: str
    rules: list[Rule] = field(default_factory=list)
    seasonal: bool = False  # the hours change over the year: kept as text only
    always_open: bool = False


def _days_text(days: tuple[int, ...], lang: str) -> str:
    names = [_(name, lang) for name in DAY_NAMES]
    if len(days) > 2 and list(days) == list(range(days[0], days[-1] + 1)):
        return f"{names[days[0]]}–{names[days[-1]]}"
    return ", ".join(names[day] for day in days)


def parse(expression: str) -> opening_hours.OpeningHours:
    """The parsed opening_hours expression (Belgian holidays).

    Raises OpeningHoursError with a one-line reason when the syntax is not valid."""
    try:
        return opening_hours.OpeningHours(expression, country="BE")
    except (opening_hours.ParserError, SyntaxError, ValueError, TypeError) as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else "syntax error"
        raise OpeningHoursError(f"not valid opening_hours syntax: {first_line}") from None
    except Exception as error:  # the Rust parser may raise its own exception types
        raise OpeningHoursError(
            f"not valid opening_hours syntax ({type(error).__name__})"
        ) from None


def _fmt(moment: dt.datetime, day_start: dt.datetime) -> str:
    if moment - day_start >= dt.timedelta(days=1):
        return "24:00"
    return moment.strftime("%H:%M")


def _week_pattern(
    hours: opening_hours.OpeningHours, monday: dt.date
) -> tuple[tuple[tuple[str, str], ...], ...]:
    start = dt.datetime.combine(monday, dt.time(0))
    return tuple(_day_intervals(hours, start + dt.timedelta(days=day)) for day in range(7))


def _day_intervals(
    hours: opening_hours.OpeningHours, day_start: dt.datetime
) -> tuple[tuple[str, str], ...]:
    day_end = day_start + dt.timedelta(days=1)
    intervals: list[tuple[str, str]] = []
    for begin, end, state, _comment in hours.intervals(day_start, day_end):
        if state != opening_hours.State.OPEN:
            continue
        begin = max(begin, day_start)
        end = day_end if end is None else min(end, day_end)
        if end <= begin:
            continue
        opens, closes = _fmt(begin, day_start), _fmt(end, day_start)
        if intervals and intervals[-1][1] == opens:  # contiguous pieces (e.g. split by a comment)
            intervals[-1] = (intervals[-1][0], closes)
        else:
            intervals.append((opens, closes))
    return tuple(intervals)


def to_rules(expression: str) -> ScheduleResult:
    """Parse and convert; raises OpeningHoursError on invalid syntax."""
    expression = (expression or "").strip()
    result = ScheduleResult(expression)
    if not expression:
        return result
    hours = parse(expression)
    try:
        patterns = [_week_pattern(hours, monday) for monday in REFERENCE_WEEKS]
        holiday = _day_intervals(hours, dt.datetime.combine(HOLIDAY, dt.time(0)))
        ordinary = _day_intervals(hours, dt.datetime.combine(ORDINARY_MONDAY, dt.time(0)))
    except Exception as error:  # evaluation errors of the library (e.g. unsupported selectors)
        raise OpeningHoursError(f"cannot be evaluated: {type(error).__name__}: {error}") from None
    if any(pattern != patterns[0] for pattern in patterns[1:]) or ordinary != patterns[0][0]:
        result.seasonal = True
        return result
    week = patterns[0]
    result.always_open = all(day == (("00:00", "24:00"),) for day in week)
    grouped: dict[tuple[str, str], list[int]] = {}
    for day, intervals in enumerate(week):
        for interval in intervals:
            grouped.setdefault(interval, []).append(day)
    result.rules = [
        Rule(tuple(days), opens, closes)
        for (opens, closes), days in sorted(grouped.items(), key=lambda item: (item[1][0], item[0]))
    ]
    if holiday != ordinary:
        if holiday:
            result.rules.extend(
                Rule(tuple(), opens, closes, kind="public_holiday") for opens, closes in holiday
            )
        else:
            result.rules.append(Rule(tuple(), "", "", kind="public_holiday", closed=True))
    return result
