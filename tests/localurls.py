"""URLs of the site in a given language (the URL slugs are translated: /fr/offre/, /nl/aanbod/)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation


def url(lang: str, name: str, *args, **kwargs) -> str:
    """The path of the named URL in `lang`, e.g. url("nl", "offer:bassin", code="NE")."""
    with translation.override(lang):
        return reverse(name, args=args or None, kwargs=kwargs or None)


def path_in(lang: str, name: str, *args, **kwargs) -> str:
    """The same path without its /<lang>/ prefix (what tests/browser's `page_in` takes)."""
    return url(lang, name, *args, **kwargs).removeprefix(f"/{lang}")
