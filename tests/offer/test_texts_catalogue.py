"""One translation system: the words of the offer analysis are English msgids translated through the
gettext catalogues (no FR/NL dicts left in Python), and numbers and dates follow Django's locale."""

import ast
import datetime as dt
from pathlib import Path

import pytest

from bassins.offer import i18n, report, texts

MODULES = ("texts.py", "report.py", "provenance.py")


def test_no_language_dicts_are_left_in_the_modules():
    for name in MODULES:
        tree = ast.parse((Path(texts.__file__).parent / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict):
                keys = {k.value for k in node.keys if isinstance(k, ast.Constant)}
                assert not {"fr", "nl"} <= keys, f"{name}:{node.lineno}: a FR/NL dict"


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_every_text_is_translated(lang):
    catalogue = i18n._catalogue(lang)
    entries = {**texts.TEXTS, **report.FACTS, **report.CAPTIONS, **report.LABELS}
    missing = [m for m in entries.values() if m not in catalogue._catalog]
    assert missing == []
    assert (
        texts.t("layer.bassin", lang) == {"fr": "Bassin d'aide et de soins", "nl": "Zorgzone"}[lang]
    )


@pytest.mark.parametrize(
    "lang, number, decimal, date",
    [
        ("fr", "12\xa0345", "1\xa0234,57", "8 mars 2022"),
        ("nl", "12.345", "1.234,57", "8 maart 2022"),
        ("en", "12,345", "1,234.57", "March 8, 2022"),
    ],
)
def test_numbers_and_dates_in_the_readers_locale(lang, number, decimal, date):
    assert texts.fmt_int(12345, lang) == number
    assert texts.fmt_dec(1234.567, lang) == decimal
    assert texts.fmt_date(dt.date(2022, 3, 8), lang) == date
    assert texts.fmt_date("2022-03-08", lang) == date
    assert texts.fmt_int(None, lang) == "–" and texts.fmt_date(None, lang) != ""
