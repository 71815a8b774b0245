"""The iCalendar files, parsed back with icalendar: UID, TZID, DST, cancelled events."""

import datetime as dt

import icalendar
import pytest

from agenda.helpers import brussels
from bassins.agenda import ical

STAMP = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)


def entry(**fields):
    values = {
        "uid": ical.uid_of("0b0a"),
        "start": brussels(2025, 3, 29, 20, 0),
        "end": brussels(2025, 3, 30, 8, 0),
        "summary": "Garde de nuit",
    }
    return ical.Entry(**{**values, **fields})


def parse(body: bytes):
    return icalendar.Calendar.from_ical(body)


def test_times_keep_brussels_tzid_across_the_spring_dst_change():
    cal = parse(ical.calendar([entry()], name="N", stamp=STAMP))
    event = cal.walk("VEVENT")[0]
    assert event["DTSTART"].params["TZID"] == "Europe/Brussels"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start.utcoffset() == dt.timedelta(hours=1)  # CET before 02:00 on 30 March
    assert end.utcoffset() == dt.timedelta(hours=2)  # CEST after
    # 20:00 CET to 08:00 CEST is 11 hours, not 12
    assert end.astimezone(dt.UTC) - start.astimezone(dt.UTC) == dt.timedelta(hours=11)
    assert start.astimezone(dt.UTC) == dt.datetime(2025, 3, 29, 19, tzinfo=dt.UTC)
    # the VTIMEZONE the TZID needs is in the file
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Brussels"]


def test_autumn_change_and_utc_input_are_written_in_brussels_time():
    start = dt.datetime(2025, 10, 26, 9, 30, tzinfo=dt.UTC)  # 10:30 CET, after the change
    cal = parse(
        ical.calendar(
            [entry(start=start, end=start + dt.timedelta(hours=1))], name="N", stamp=STAMP
        )
    )
    event = cal.walk("VEVENT")[0]
    assert event.decoded("DTSTART").replace(tzinfo=None) == dt.datetime(2025, 10, 26, 10, 30)
    assert b"DTSTART;TZID=Europe/Brussels:20251026T103000" in event.to_ical()


def test_uid_sequence_status_and_place():
    body = ical.calendar(
        [
            entry(
                status="cancelled",
                sequence=3,
                location="Rue de la Loi 16",
                latitude=50.8,
                longitude=4.4,
            )
        ],
        name="Agenda",
        stamp=STAMP,
    )
    event = parse(body).walk("VEVENT")[0]
    assert str(event["UID"]) == "0b0a@agenda.bassins"
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 3
    assert str(event["LOCATION"]) == "Rue de la Loi 16"
    assert event.decoded("GEO") == pytest.approx((50.8, 4.4)) or event["GEO"].latitude == 50.8
    assert str(parse(body)["X-WR-CALNAME"]) == "Agenda"


def test_naive_times_and_reversed_events_are_refused():
    with pytest.raises(ValueError, match="no time zone"):
        ical.calendar([entry(start=dt.datetime(2025, 1, 1, 10))], name="x", stamp=STAMP)
    with pytest.raises(ValueError, match="ends"):
        ical.calendar(
            [entry(start=brussels(2025, 1, 2, 10), end=brussels(2025, 1, 2, 9))],
            name="x",
            stamp=STAMP,
        )
