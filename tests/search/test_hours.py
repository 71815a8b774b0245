import datetime as dt

import pytest

from bassins.search.hours import is_open, is_public_holiday, parse_french

MON = dt.date(2026, 11, 30)  # a Monday


def at(day: dt.date, hh: int, mm: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hh, mm))


def test_parse_the_sample_phrasings():
    parsed = parse_french("lun-jeu 7h30-11h30 et 13h00-15h30, ven 7h30-11h30")
    assert parsed.ok
    assert (0, 450, 690) in parsed.rules and (3, 780, 930) in parsed.rules
    assert (4, 450, 690) in parsed.rules and not any(
        d == 4 and o == 780 for d, o, _ in parsed.rules
    )
    assert parse_french("Lun–Ven 9h–17h").rules == tuple((d, 540, 1020) for d in range(5))
    assert parse_french("tous les jours de 14h00 à 17h00").rules == tuple(
        (d, 840, 1020) for d in range(7)
    )
    assert parse_french("chaque jour ouvrable 9h-13h et 14h-15h45").rules[-1] == (4, 840, 945)
    assert parse_french("24h/24 – 7j/7").always_open
    assert parse_french("lun, mar, jeu 14h00-15h00").rules == (
        (0, 840, 900),
        (1, 840, 900),
        (3, 840, 900),
    )
    hsds = parse_french("lun-ven 12h00-14h30").hsds()
    assert hsds == [
        {
            "freq": "WEEKLY",
            "byday": "MO,TU,WE,TH,FR",
            "opens_at": "12:00",
            "closes_at": "14:30",
            "description_fr": "lun-ven 12h00-14h30",
        }
    ]


def test_phone_hours_are_not_opening_hours():
    parsed = parse_french(
        "Accueil: lun-jeu 8h-12h; permanence téléphonique lun-ven 8h-12h et 13h-16h"
    )
    assert parsed.ok and {d for d, _o, _c in parsed.rules} == {0, 1, 2, 3}


def test_ambiguous_texts_are_kept_not_guessed():
    for text in (
        "Heures de bureau — avec ou sans rendez-vous",
        "consultations sur rendez-vous: 2e et 4e mardi du mois dès 10h",
        "accueil lun-ven 8h30-10h00 (juillet-août: 8h30-10h00 seulement)",
        "Secrétariat : Lun–Ven 10h–17h · mardi jusqu'à 18h",
        "Soirs, week-ends et jours fériés",
        "22h-2h",
    ):
        assert not parse_french(text).ok, text


def test_open_around_midnight():
    rules = tuple((d, 20 * 60, 24 * 60) for d in range(7)) + tuple((d, 0, 8 * 60) for d in range(7))
    assert is_open(rules, at(MON, 23, 59))
    assert is_open(rules, at(MON + dt.timedelta(days=1), 0, 0))
    assert not is_open(rules, at(MON, 8, 0))
    assert not is_open(rules, at(MON, 19, 59))


def test_public_holiday():
    christmas = dt.date(2026, 12, 25)  # a Friday
    assert is_public_holiday(christmas) and not is_public_holiday(dt.date(2026, 12, 24))
    office = tuple((d, 9 * 60, 17 * 60) for d in range(5))
    assert is_open(office, at(dt.date(2026, 12, 24), 10))
    assert not is_open(office, at(christmas, 10))
    assert is_open(office, at(christmas, 10), holiday_rules=((600, 720),))
    always = tuple((d, 0, 1440) for d in range(7))
    assert is_open(always, at(christmas, 3), always_open=True)
    assert not is_open(always, at(christmas, 3), always_open=True, holiday_closed=True)


def test_closures_close():
    office = tuple((d, 9 * 60, 17 * 60) for d in range(5))
    closure = ((dt.date(2026, 11, 30), dt.date(2026, 12, 4)),)
    assert not is_open(office, at(MON, 10), closures=closure)
    assert is_open(office, at(MON + dt.timedelta(days=7), 10), closures=closure)


@pytest.mark.realdata
def test_parsed_hours_are_schedule_rows_read_by_open_now(directory_loaded, capsys):
    from django.core.management import call_command

    from bassins.config import data_file
    from bassins.directory import importers
    from bassins.directory.french_hours import PARSED_NOTE
    from bassins.directory.models import Schedule
    from bassins.search import engine, maintain

    parsed = Schedule.objects.filter(source="directory_sample", notes__startswith=PARSED_NOTE)
    assert parsed.count() == 75
    report = importers.import_file("sample", data_file("services/directory_sample_bxl.csv"))
    assert not report.changed
    assert parsed.count() == 75  # a reimport writes the same rows, never a second set
    call_command("search", "--hours-report")
    lines = capsys.readouterr().out.splitlines()
    assert "directory_sample\t111\t52\t0.47\t75" in lines and "osm\t10\t0\t0.00\t0" in lines
    # the CPAS d'Anderlecht's hours come from its schedule rows: open Monday 8:00, not 12:00
    live = maintain.live_index()
    cpas = next(
        doc for doc in live.base.docs if doc.display["name_fr"].startswith("CPAS d'Anderlecht")
    )
    assert (0, 450, 690) in cpas.rules and cpas.display["hours_from_text"]
    at = dt.datetime(2026, 11, 30, 8, 0)
    found = engine.search(live, engine.Request(q="CPAS Anderlecht", open_at=at, per_page=100))
    assert cpas.id in [hit.doc.id for hit in found.hits]
    noon = dt.datetime(2026, 11, 30, 12, 0)
    closed = engine.search(live, engine.Request(q="CPAS Anderlecht", open_at=noon, per_page=100))
    assert cpas.id not in [hit.doc.id for hit in closed.hits]
