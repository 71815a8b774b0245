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
    """The language switcher's links to this page. Computed once per request and language (a page
    rendering its blocks with `render_to_string(request=...)` runs the context processors for each
    block, and each link resolves and reverses the URL)."""
    current = lang_code()
    memo = request.__dict__.setdefault("_bassins_language_links", {})
    links = memo.get(current)
    if links is None:
        links = []
        for code, name in settings.LANGUAGES:
            url = translate_url(request.get_full_path(), code)
            links.append({"code": code, "name": name, "url": url, "current": code == current})
        memo[current] = links
    return {"language_links": links, "current_language": current}
