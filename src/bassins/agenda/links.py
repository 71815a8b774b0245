"""URLs of the agenda's pages, in the reader's language (the bassin and theme slugs are translated:
/fr/bassin/nord/agenda/, /nl/zorgzone/noord/agenda/), and their absolute form for e-mails and feeds."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from bassins.agenda.themes import theme_slug
from bassins.codes import bassin_slug


def url(name: str, bassin: str, lang: str | None = None, **kwargs) -> str:
    """The path of agenda URL `name` for `bassin` in `lang` (the active language by default)."""
    lang = lang or (translation.get_language() or "fr")[:2]
    if "theme" in kwargs:
        kwargs["theme"] = theme_slug(kwargs["theme"], lang)
    with translation.override(lang):
        return reverse(f"agenda:{name}", kwargs={"slug": bassin_slug(bassin, lang), **kwargs})


def absolute(path: str, request=None) -> str:
    """`path` with the scheme and host of the request (else of BASSINS_SITE_URL)."""
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.BASSINS_SITE_URL.rstrip("/") + path


def event_url(event, lang: str | None = None) -> str:
    return url("event", event.bassin, lang, pk=event.pk)


def group_url(group, lang: str | None = None) -> str:
    return url("group", group.bassin, lang, theme=group.theme)
