"""Template context shared by every page: the language switcher's links to the same page."""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def languages(request):
    current = (get_language() or "fr")[:2]
    links = []
    for code, name in settings.LANGUAGES:
        url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return {"language_links": links, "current_language": current}
