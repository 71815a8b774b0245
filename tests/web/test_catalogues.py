"""Every user-facing string of every app is translated in French and Dutch.

The strings are extracted afresh from each app's sources (Django's `makemessages`, run on a copy of
the app so the project's catalogues are not touched) and looked up in the compiled catalogues Django
merges at run time (a string may be translated in another app's catalogue). This catches a string
added to a template or a module but never extracted, which would show in English on a French or
Dutch page."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import trans_real

import bassins

APPS = sorted(p.parent for p in Path(bassins.__file__).parent.glob("*/locale"))
DJANGO_ADMIN = Path(sys.executable).with_name("django-admin")


def _field(block: str, name: str) -> str | None:
    match = re.search(rf'^{name} ((?:".*"\n?)+)', block, re.M)
    if not match:
        return None
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', match.group(1))
    return "".join(parts).encode().decode("unicode_escape").encode("latin-1").decode()


def _msgids(po: Path) -> set[str]:
    """The catalogue keys of a .po file: msgid, or context + EOT + msgid (pgettext)."""
    out = set()
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        if block.lstrip().startswith("#~"):
            continue
        text = _field(block, "msgid")
        if text:
            context = _field(block, "msgctxt")
            out.add(f"{context}\x04{text}" if context is not None else text)
    return out


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """app name -> the msgids its sources hold today."""
    if shutil.which("xgettext") is None:
        pytest.fail("xgettext (gettext) is missing: run `make system-packages`")
    out = {}
    for app in APPS:
        copy = tmp_path_factory.mktemp("catalogue") / app.name
        shutil.copytree(app, copy, ignore=shutil.ignore_patterns("*.mo", "__pycache__"))
        subprocess.run(
            [str(DJANGO_ADMIN), "makemessages", "-l", "fr", "--no-obsolete"],
            cwd=copy,
            env={**os.environ, "DJANGO_SETTINGS_MODULE": "bassins.web.settings"},
            check=True,
            capture_output=True,
        )
        out[app.name] = _msgids(copy / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    return out


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_every_string_of_every_app_is_translated(extracted, lang):
    with translation.override(lang):
        catalog = trans_real.translation(lang)._catalog
    missing = []
    for app, ids in extracted.items():
        for msgid in sorted(ids):
            keys = (msgid, msgid.replace("%%", "%"))
            if not any(catalog.get(k) or catalog.get((k, 0)) for k in keys):
                missing.append(f"{app}: {msgid[:70]!r}")
    assert sum(len(ids) for ids in extracted.values()) > 1000
    assert missing == []
