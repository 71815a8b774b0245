"""Template context shared by every page: the language switcher's links to the same page; the page language."""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

LANGUAGE_CODES = ("fr", "nl", "en")


def lang_code() -> str:
    """The language of the current request: "fr", "nl" or "en" (French when in doubt)."""
    lang = (get_language() or "fr")[:2]
    return lang if lang in LANGUAGE_CODES else "fr"


def languages(request):
    current = lang_code()
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return {"language_links": links, "current_language": current}
