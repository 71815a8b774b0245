"""Every string the pure offer modules translate with gettext has a French and a Dutch translation."""

import ast
from pathlib import Path

import pytest

from bassins.offer import i18n

MODULES = ("report.py", "provenance.py")


def msgids() -> list[str]:
    found = []
    for name in MODULES:
        tree = ast.parse((Path(i18n.__file__).parent / name).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) in ("_", "gettext_noop")
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.append(node.args[0].value)
    return sorted(set(found))


def test_the_modules_use_gettext():
    assert len(msgids()) >= 20


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_every_msgid_is_translated(lang):
    catalogue = i18n._catalogue(lang)
    missing = [
        m
        for m in msgids()
        if catalogue.gettext(m) == m and not _same_in(lang, m) and m not in catalogue._catalog
    ]
    assert missing == []


def _same_in(lang: str, msgid: str) -> bool:
    """msgids whose translation is the msgid itself (formats only)."""
    return msgid in {"n<{small}", "{count} services", "{units} in {where} → {shares}"} or (
        lang == "nl" and msgid == "{count} {units}: {reason} ({view})"
    )


def test_translation_with_parameters():
    assert i18n.gettext("{count} services", "nl", count="3") == "3 diensten"
    assert i18n.gettext("{count} services", "en", count="3") == "3 services"
