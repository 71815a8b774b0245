import datetime as dt

import pytest

from bassins.directory.text import (
    clean,
    parse_partial_date,
    parse_postcode,
    proper_case,
    split_full_address,
    split_street,
)
from bassins.errors import InputError

WHERE = {"source": "f.csv", "row": 3}


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Boulevard Leopold Ii 230", "Boulevard Leopold II 230"),
        ("Place De La Monnaie 2", "Place de la Monnaie 2"),
        (
            "EUROPAZIEKENHUIZEN - CLINIQUES DE L'EUROPE",
            "Europaziekenhuizen - Cliniques de l'Europe",
        ),
        (
            "HOPITAL UNIVERSITAIRE DES ENFANTS REINE FABIOLA (HUDERF)",
            "Hopital Universitaire des Enfants Reine Fabiola (HUDERF)",
        ),
        ("AVENUE J.J. CROCQ 15", "Avenue J.J. Crocq 15"),
        ("Rue Van Artevelde", "Rue Van Artevelde"),
    ],
)
def test_proper_case(raw, expected):
    assert proper_case(raw) == expected


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Chaussée de Waterloo 795-797", ("Chaussée de Waterloo", "795-797")),
        ("Rue de la Loi 12 bte 3", ("Rue de la Loi", "12 bte 3")),
        ("Avenue du 11 Novembre 4", ("Avenue du 11 Novembre", "4")),
        ("Rue du Moulin 27 - 29", ("Rue du Moulin", "27 - 29")),
        ("Boulevard Anspach", ("Boulevard Anspach", "")),
    ],
)
def test_split_street(raw, expected):
    assert split_street(raw) == expected


def test_split_full_address():
    assert split_full_address("Rue Van Artevelde 155 1000 Bruxelles") == (
        "Rue Van Artevelde",
        "155",
        "1000",
        "Bruxelles",
    )


def test_clean_rejects_control_characters_and_names_row_and_field():
    with pytest.raises(InputError) as error:
        clean("abc\x00def", where=WHERE, field="name")
    assert (
        "row 3" in str(error.value)
        and "'name'" in str(error.value)
        and "U+0000" in str(error.value)
    )


def test_clean_limits_length():
    with pytest.raises(InputError, match="characters long"):
        clean("x" * 600, where=WHERE, field="name")
    assert clean("  a \u00a0 b  ", where=WHERE, field="name") == "a b"


def test_dates():
    assert parse_partial_date("2026-08-10", where=WHERE, field="d") == (dt.date(2026, 8, 10), "day")
    assert parse_partial_date("2022-06", where=WHERE, field="d") == (dt.date(2022, 6, 1), "month")
    assert parse_partial_date("2024", where=WHERE, field="d") == (dt.date(2024, 1, 1), "year")
    assert parse_partial_date("01/02/20", where=WHERE, field="d") == (dt.date(2020, 2, 1), "day")
    with pytest.raises(InputError, match="not a date"):
        parse_partial_date("31/02/2020", where=WHERE, field="d")


def test_postcode():
    assert parse_postcode("1000.0", where=WHERE, field="pc") == "1000"
    with pytest.raises(InputError, match="not a Belgian postcode"):
        parse_postcode("B-1000", where=WHERE, field="pc")
