"""Territories as GeoJSON and the offer tables through the API: the same data as the maps and the
offer pages' downloads."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]


def test_every_layer_as_geojson(client, loaded):
    from bassins.territory import store

    layers = client.get("/api/territories/").json()
    names = {layer["layer"] for layer in layers}
    assert {"bassin", "commune", "monitoring", "submunicipality", "sector", "region"} <= names
    assert names == set(store.loaded_layers())
    for layer in layers:
        if not layer["has_geometry"]:
            continue
        response = client.get(layer["geojson"])
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/geo+json")
        body = response.json()
        assert body["type"] == "FeatureCollection"
        assert len(body["features"]) == layer["areas"]
    bassins = client.get("/api/territories/bassin").json()
    assert sorted(f["properties"]["code"] for f in bassins["features"]) == [
        "CO",
        "N",
        "NE",
        "S",
        "SE",
    ]


def test_simplified_geometries_are_the_maps_and_full_ones_finer(client, loaded):
    simplified = client.get("/api/territories/commune").content
    assert simplified == client.get("/fr/territories/commune.geojson").content
    full = client.get("/api/territories/commune?simplified=false").json()
    assert len(full["features"]) == 19
    points = lambda body: len(json.dumps(body["geometry"]))  # noqa: E731
    simple = json.loads(simplified)["features"]
    assert sum(map(points, full["features"])) > sum(map(points, simple))
    lon, lat = full["features"][0]["geometry"]["coordinates"][0][0][:2]
    assert 4.2 < lon < 4.5 and 50.7 < lat < 51.0


def test_offer_tables_are_the_offer_downloads(client, loaded):
    areas = client.get("/api/offer/?lang=nl").json()
    bassins = next(layer for layer in areas if layer["layer"] == "bassin")
    assert [a["code"] for a in bassins["areas"]] == ["CO", "N", "NE", "S", "SE"]
    tables = client.get("/api/offer/bassin/N?lang=nl").json()
    assert tables["name"] == "Noord" and tables["tables"]
    for table in tables["tables"]:
        api_csv = client.get(table["csv_url"])
        assert api_csv.status_code == 200
        with translation.override("nl"):
            url = reverse(
                "offer:bassin-table", kwargs={"code": "N", "table": table["key"], "fmt": "csv"}
            )
        page_csv = client.get(url)
        assert page_csv.status_code == 200
        assert api_csv.content == page_csv.content
        body = client.get(table["json_url"]).json()
        assert body["key"] == table["key"] and body["rows"]
        assert [c["key"] for c in body["columns"]] == list(body["rows"][0])
    commune = client.get("/api/offer/commune/21015").json()
    assert commune["name"] == "Schaerbeek"


def test_docs_are_served_locally(client, loaded):
    page = client.get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in html
    assert "/api/openapi.json" in html
    assert "http://" not in html and "https://" not in html
    from django.contrib.staticfiles import finders

    assert finders.find("vendor/swagger-ui/swagger-ui-bundle.js"), "run make vendor"
