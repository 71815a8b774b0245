"""/<lang>/accessibilite/... (NL /toegankelijkheid/, EN /accessibility/): the list of the bassins, a
page per bassin, its JSON
twin, CSV and GeoJSON downloads, the suggestions (where one more site would help most) as JSON, CSV
and GeoJSON, and the scenario endpoint."""

from django.urls import path

from bassins.access import views

app_name = "access"

urlpatterns = [
    path("", views.index, name="index"),
    path("scenario.json", views.scenario_json, name="scenario"),
    path("<slug:slug>/", views.page, name="bassin"),
    path("<slug:slug>.json", views.page_json, name="bassin-json"),
    path("<slug:slug>.csv", views.page_csv, name="bassin-csv"),
    path("<slug:slug>.geojson", views.page_geojson, name="bassin-geojson"),
    path("<slug:slug>/suggestions.json", views.suggestions_json, name="suggestions-json"),
    path("<slug:slug>/suggestions.csv", views.suggestions_csv, name="suggestions-csv"),
    path("<slug:slug>/suggestions.geojson", views.suggestions_geojson, name="suggestions-geojson"),
]
