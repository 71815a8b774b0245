"""/<lang>/indicators/... (FR /indicateurs/, NL /indicatoren/): profiles, maps, definitions, CSV."""

from django.urls import path

from bassins.indicators import pages

app_name = "indicators"

urlpatterns = [
    path("", pages.index, name="index"),
    path("area/<slug:layer>/<str:code>/", pages.profile_page, name="profile"),
    path("area/<slug:layer>/<str:code>.json", pages.profile_json, name="profile-json"),
    path("map/<slug:layer>/<slug:indicator>/", pages.map_page, name="map"),
    path("map/<slug:layer>/<slug:indicator>.json", pages.map_json, name="map-json"),
    path("definition/<slug:indicator>/", pages.definition_page, name="definition"),
    path("definition/<slug:indicator>.json", pages.definition_json, name="definition-json"),
    path("data/<slug:layer>.csv", pages.csv_download, name="csv"),
]
