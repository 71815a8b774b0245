from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from bassins.search import views

app_name = "search"
#: The page's path in the reader's language: recherche/ (fr), zoeken/ (nl), search/ (en).
SEARCH = pgettext_lazy("URL path", "search")
urlpatterns = [
    path(format_lazy("{}/", SEARCH), views.search_page, name="page"),
    path(format_lazy("{}.json", SEARCH), views.search_json, name="json"),
]
