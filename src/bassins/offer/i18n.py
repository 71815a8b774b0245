"""gettext for the pure modules of the offer analysis (no Django): the app's own catalogues.

The strings are English msgids in `bassins/offer/locale/<lang>/LC_MESSAGES/django.po` (compiled by
`make messages`), the same catalogues Django uses for the offer templates; English is the msgid itself.
A missing compiled catalogue fails loudly rather than printing English on a French page.
"""

from __future__ import annotations

import gettext as _gettext
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
CATALOGUE_LANGS = ("fr", "nl")


@cache
def _catalogue(lang: str) -> _gettext.NullTranslations:
    if lang not in CATALOGUE_LANGS:
        return _gettext.NullTranslations()
    return _gettext.translation("django", localedir=LOCALE_DIR, languages=[lang])


def gettext(message: str, lang: str, **params) -> str:
    """`message` (an English msgid) in `lang` ("fr", "nl", "en"), formatted with `params`."""
    text = _catalogue(lang).gettext(message)
    return text.format(**params) if params else text


def gettext_noop(message: str) -> str:
    """Marks a msgid for extraction where it is translated later."""
    return message
