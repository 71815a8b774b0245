"""gettext for the pure modules of the offer analysis: the offer app's catalogues (bassins.i18n)."""

from __future__ import annotations

from bassins.i18n import CATALOGUE_LANGS, app_gettext, catalogue, gettext_noop

__all__ = ["CATALOGUE_LANGS", "gettext", "gettext_noop"]


def gettext(message: str, lang: str, **params) -> str:
    """`message` (an English msgid) in `lang` ("fr", "nl", "en"), formatted with `params`."""
    return app_gettext("offer", message, lang, **params)


def _catalogue(lang: str):
    return catalogue("offer", lang)
