"""/fr/bassin/<slug>/ (NL /zorgzone/<slug>/, EN /bassin/<slug>/): the bassins' websites; the regional
page at /fr/bassins/ (NL /zorgzones/). URL paths translated with gettext (context "URL path")."""

from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from bassins.sites import views

app_name = "sites"
#: The path of a bassin's site in the reader's language: bassin (fr, en), zorgzone (nl).
BASSIN = pgettext_lazy("URL path of a bassin's website", "bassin")
#: The regional page: bassins (fr, en), zorgzones (nl).
REGIONAL = pgettext_lazy("URL path of the page comparing the bassins", "bassins")
NEWS = pgettext_lazy("URL path of a bassin's news", "news")
PAGE = pgettext_lazy("URL path of a bassin's pages", "page")

urlpatterns = [
    path(format_lazy("{}/", REGIONAL), views.regional, name="regional"),
    path(format_lazy("{}/<slug:slug>/", BASSIN), views.bassin_home, name="bassin"),
    path(format_lazy("{}/<slug:slug>/map.geojson", BASSIN), views.bassin_map, name="map"),
    path(format_lazy("{}/<slug:slug>/{}/", BASSIN, NEWS), views.news_list, name="news"),
    path(
        format_lazy("{}/<slug:slug>/{}/<int:pk>/", BASSIN, NEWS),
        views.news_detail,
        name="news-detail",
    ),
    path(
        format_lazy("{}/<slug:slug>/{}/<slug:page>/", BASSIN, PAGE),
        views.page_detail,
        name="page",
    ),
]
