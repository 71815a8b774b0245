"""/<lang>/accessibilite/... (NL /toegankelijkheid/, EN /accessibility/): a page per bassin, its JSON
twin, CSV and GeoJSON downloads, and the scenario endpoint."""

from django.urls import path

from bassins.access import views

app_name = "access"

urlpatterns = [
    path("scenario.json", views.scenario_json, name="scenario"),
    path("<slug:slug>/", views.page, name="bassin"),
    path("<slug:slug>.json", views.page_json, name="bassin-json"),
    path("<slug:slug>.csv", views.page_csv, name="bassin-csv"),
    path("<slug:slug>.geojson", views.page_geojson, name="bassin-geojson"),
]
