"""The open-data downloads and page on the real data: every layer as CSV, XLSX and GeoJSON, the
directory's services as CSV, XLSX and GeoJSON, and the HSDS datapackage zip, valid HSDS 3.1."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest
from localurls import url

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]


def test_every_layer_in_three_formats(client, loaded):
    from bassins.territory import store

    for name, layer in store.loaded_layers().items():
        base = f"/api/opendata/territories/{name}"
        csv = client.get(f"{base}?format=csv&lang=nl")
        assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
        lines = csv.content.decode("utf-8-sig").splitlines()
        assert len(lines) == layer.areas.count() + 1
        assert lines[0].startswith("Code,Naam (Frans),Naam (Nederlands)")
        book = openpyxl.load_workbook(io.BytesIO(client.get(f"{base}?format=xlsx").content))
        assert book.active.max_row == layer.areas.count() + 4  # title, caption, blank, header
        if layer.has_geometry:
            geo = client.get(f"{base}?format=geojson").json()
            assert len(geo["features"]) == layer.areas.count()


def test_services_table_and_points(client, loaded):
    from bassins.directory.models import ServiceAtLocation

    csv = client.get("/api/opendata/services?format=csv").content.decode("utf-8-sig")
    assert len(csv.splitlines()) == ServiceAtLocation.objects.count() + 1
    points = client.get("/api/opendata/services?format=geojson").json()["features"]
    placed = ServiceAtLocation.objects.exclude(location__latitude=None).count()
    assert len(points) == placed > 600
    lon, lat = points[0]["geometry"]["coordinates"]
    assert 4.2 < lon < 4.5 and 50.7 < lat < 51.0


def test_hsds_package_is_valid(client, loaded, tmp_path):
    from bassins.directory.sources import hsds

    response = client.get("/api/opendata/directory-hsds.zip")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        archive.extractall(tmp_path)
    folder = tmp_path / "bassins-directory-hsds"
    assert "bassins-directory-hsds/datapackage.json" in names
    assert "bassins-directory-hsds/services.csv" in names
    assert hsds.validate_official(folder) == []
    assert hsds.check_references(folder) == []
    services = (folder / "services.csv").read_text("utf-8").splitlines()
    assert len(services) == 891
    # the same bytes again (built once per data version, and deterministic)
    assert client.get("/api/opendata/directory-hsds.zip").content == response.content


def test_an_invalid_package_is_not_published(client, loaded, monkeypatch):
    from bassins.directory.sources import hsds

    monkeypatch.setattr(hsds, "validate_official", lambda folder: ["services.csv, row 1: bad"])
    response = client.get("/api/opendata/directory-hsds.zip")
    assert response.status_code == 503
    assert "1 problems: services.csv, row 1: bad" in response.json()["error"]


@pytest.mark.parametrize(
    "lang, heading, licence",
    [("fr", "Données ouvertes", "Licence"), ("nl", "Open data", "Licentie")],
)
def test_page_lists_every_dataset_with_licence_and_date(client, loaded, lang, heading, licence):
    from bassins.territory import store

    path = url(lang, "opendata")
    assert path == {"fr": "/fr/donnees-ouvertes/", "nl": "/nl/open-data/"}[lang]
    html = client.get(path).content.decode()
    assert f"<h1>{heading}</h1>" in html
    for name in store.loaded_layers():
        assert f"/api/opendata/territories/{name}?format=csv&amp;lang={lang}" in html
    assert "/api/opendata/directory-hsds.zip" in html
    # the layers by their names, not their codes
    names = {
        "fr": "Secteurs statistiques (724 zones)",
        "nl": "Statistische sectoren (724 gebieden)",
    }
    titles = re.findall(r'<span class="opendata-title">([^<]+)</span>', html)
    assert names[lang] in titles and not any("_" in title for title in titles)
    assert "Statbel open-data licence" in html and "ODbL 1.0" in html
    # five groups: territories, directory, offer, indicators, accessibility
    assert html.count(f"<dt>{licence}</dt>") == 5
    assert "boundaries/statbel_sectors_bxl_2022.gpkg" in html
    assert "afmps 2022-03-08" in html  # the extract date of a source
    assert "/fr/offre/" in html or "/nl/aanbod/" in html


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_page_offers_the_indicators_and_the_accessibility_downloads(client, loaded, lang):
    import re

    from bassins.indicators.models import IndicatorValue

    html = client.get(url(lang, "opendata")).content.decode()
    layers = set(IndicatorValue.objects.values_list("layer", flat=True))
    csvs = re.findall(r'href="(/(?:fr|nl)/[^"]+/data/([a-z]+)\.csv)"', html)
    assert {layer for _, layer in csvs} == layers and "bassin" in layers
    access = re.findall(r'href="(/(?:fr|nl)/[^"]+?(?:\.csv|\.geojson))"', html)
    access = [link for link in access if "/data/" not in link]
    assert len(access) == 5 * 4  # per bassin: measures and suggestions, CSV and GeoJSON
    assert "bimd2011_sector_deprivation_bxl.csv" in html  # the provenance of the equity figures
    # every download answers (the first bassin's four, one layer's tidy CSV, the API registry)
    for link in [csvs[0][0], *access[:4], "/api/indicators/"]:
        response = client.get(link.replace("&amp;", "&"))
        assert response.status_code == 200, link
