from django.urls import path
from django.utils.translation import gettext_lazy as _

from bassins.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("index.json", views.home_json, name="home-json"),
    # Translators: URL slug of the "find your bassin" page (lower case, no space or accent).
    path(_("find-your-bassin/"), views.find, name="find"),
    path(_("find-your-bassin.json"), views.find_json, name="find-json"),
    path("territories/<slug:layer>.geojson", views.layer_geojson, name="layer-geojson"),
]
