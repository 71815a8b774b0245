"""Every string of the agenda is translated in French and Dutch (compiled catalogue)."""

import gettext
import re
from pathlib import Path

import pytest

import bassins.agenda

LOCALE = Path(bassins.agenda.__file__).parent / "locale"


def msgids(po: Path) -> list[str]:
    text = po.read_text(encoding="utf-8")
    blocks = [b for b in text.split("\n\n") if not b.lstrip().startswith("#~")]
    found = []
    for block in blocks:
        match = re.search(r'^msgid "(.+)"$', block, re.M)
        if match:
            assert "#, fuzzy" not in block, f"{po}: fuzzy entry {match.group(1)!r}"
            found.append(match.group(1).replace('\\"', '"'))
    return found


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_every_agenda_string_is_translated(lang):
    po = LOCALE / lang / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} missing: run `make messages`"
    with mo.open("rb") as file:
        catalog = gettext.GNUTranslations(file)._catalog
    ids = msgids(po)
    assert len(ids) > 200
    missing = [m for m in ids if not (catalog.get(m) or catalog.get((m, 0)))]
    assert missing == []
