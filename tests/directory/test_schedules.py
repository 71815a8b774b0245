import pytest

from bassins.directory.schedules import OpeningHoursError, to_rules


def rows(expression):
    return [
        (r.byday, r.opens_at, r.closes_at, r.kind, r.closed) for r in to_rules(expression).rules
    ]


def test_weekdays_with_lunch_break_and_public_holidays_closed():
    assert rows("Mo-Fr 09:00-13:00,14:00-18:30; Sa 09:00-12:30; Su off; PH off") == [
        ("MO,TU,WE,TH,FR", "09:00", "13:00", "regular", False),
        ("MO,TU,WE,TH,FR", "14:00", "18:30", "regular", False),
        ("SA", "09:00", "12:30", "regular", False),
        ("", "", "", "public_holiday", True),
    ]


def test_always_open_and_midnight():
    result = to_rules("24/7")
    assert result.always_open and rows("24/7") == [
        ("MO,TU,WE,TH,FR,SA,SU", "00:00", "24:00", "regular", False)
    ]
    assert rows("Mo-Fr 22:00-02:00") == [
        ("MO,TU,WE,TH,FR", "22:00", "24:00", "regular", False),
        ("TU,WE,TH,FR,SA", "00:00", "02:00", "regular", False),
    ]


def test_public_holiday_hours():
    assert ("", "10:00", "12:00", "public_holiday", False) in rows(
        "Mo-Fr 09:00-18:00; PH 10:00-12:00"
    )


def test_seasonal_rules_are_kept_as_text():
    result = to_rules("Jan-Jun Mo-Fr 09:00-12:00; Jul-Dec Mo-Fr 14:00-18:00")
    assert result.seasonal and result.rules == []


def test_invalid_syntax():
    with pytest.raises(OpeningHoursError, match="opening_hours"):
        to_rules("garbage ; 12")


def test_descriptions_in_three_languages():
    rule = to_rules("Mo-Fr 09:00-17:00").rules[0]
    assert rule.description("fr") == "lundi–vendredi 09:00–17:00"
    assert rule.description("nl") == "maandag–vrijdag 09:00–17:00"
    assert rule.description("en") == "Monday–Friday 09:00–17:00"
