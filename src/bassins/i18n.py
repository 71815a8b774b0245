"""gettext for the pure modules (no Django): each app's own compiled catalogue, read with the stdlib.

The strings are English msgids in `bassins/<app>/locale/<lang>/LC_MESSAGES/django.po` (compiled by
`make messages`), the same catalogues Django uses for that app's templates and views; English is the
msgid itself. A missing compiled catalogue fails loudly rather than printing English on a French page.
"""

from __future__ import annotations

import gettext as _gettext
from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
CATALOGUE_LANGS = ("fr", "nl")


@cache
def catalogue(app: str, lang: str) -> _gettext.NullTranslations:
    """The compiled catalogue of `app` (e.g. "offer") in `lang`; English (no catalogue) otherwise."""
    if lang not in CATALOGUE_LANGS:
        return _gettext.NullTranslations()
    return _gettext.translation("django", localedir=PACKAGE_DIR / app / "locale", languages=[lang])


def app_gettext(app: str, message: str, lang: str, **params) -> str:
    """`message` (an English msgid) from `app`'s catalogue in `lang`, formatted with `params`."""
    text = catalogue(app, lang).gettext(message)
    return text.format(**params) if params else text


def gettext_noop(message: str) -> str:
    """Marks a msgid for extraction where it is translated later."""
    return message
