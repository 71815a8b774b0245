"""The indicators through the API (`bassins.indicators.api`) on the real data: the registry, the tidy
rows in the paging envelope, the same CSV as the indicator pages' download, byte for byte, and the
one-line errors (unknown indicator 404, unknown layer 400)."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]


def test_registry(client, loaded):
    from bassins.indicators.registry import registry

    response = client.get("/api/indicators/")
    assert response["ETag"]  # the indicator loads are in the data version
    body = response.json()
    assert [i["id"] for i in body] == sorted(registry())
    population = next(i for i in body if i["id"] == "population")
    assert (population["name_fr"], population["name_nl"], population["name_en"]) == (
        "Population",
        "Bevolking",
        "Population",
    )
    assert population["definition_nl"] == "Inwoners op 1 januari (rijksregister)."
    assert population["unit"] == "inhabitants" and population["polarity"] == "neither"
    assert "bassin" in population["layers"] and population["source"].startswith("Statbel")
    assert population["values_url"] == "/api/indicators/population/values"
    one = client.get("/api/indicators/pharmacies_per_10000").json()
    assert one["polarity"] == "higher_is_better" and one["layers"] == [
        "commune",
        "bassin",
        "region",
    ]
    assert one["licence"] and one["reference_date"]
    missing = client.get("/api/indicators/no_such_thing")
    assert missing.status_code == 404
    assert missing["Content-Type"] == "application/json"
    assert missing.json() == {"error": "no indicator 'no_such_thing'"}
    assert client.get("/api/indicators/no_such_thing/values").status_code == 404


def test_values_in_the_tidy_shape(client, loaded):
    region = client.get("/api/indicators/pharmacies_per_10000/values?layer=region").json()
    assert region["total_items"] == 1 and region["size"] == 1
    row = region["contents"][0]
    assert (row["area_code"], row["count"], row["denominator"]) == ("04000", 545.0, 1218255.0)
    assert row["value"] == pytest.approx(545 / 1218255 * 10000, rel=1e-12)
    assert row["lower95"] < row["value"] < row["upper95"]
    assert row["lower998"] < row["lower95"] and row["upper95"] < row["upper998"]
    assert row["estimated"] is False and row["indicator"] == "pharmacies_per_10000"
    bassins = client.get("/api/indicators/pharmacies_per_10000/values?layer=bassin").json()
    assert sorted(r["area_code"] for r in bassins["contents"]) == ["CO", "N", "NE", "S", "SE"]
    assert sum(r["count"] for r in bassins["contents"]) == pytest.approx(545)
    assert {r["comparison998"] for r in bassins["contents"]} <= {"better", "similar", "worse"}
    one = client.get("/api/indicators/pharmacies_per_10000/values?layer=bassin&area_code=NE")
    assert [r["area_code"] for r in one.json()["contents"]] == ["NE"]
    people = client.get("/api/indicators/population/values?layer=bassin&period=2020").json()
    counts = {r["area_code"]: r["count"] for r in people["contents"]}
    assert counts["CO"] == 301296 and counts["SE"] == 182510
    assert sum(counts.values()) == 1215012  # the sum of the sectors (docs/indicators.md)
    assert {r["value_note"] for r in people["contents"]} == {"sum of sectors"}
    assert people["contents"][0]["lower95"] is None  # a count: no interval


def test_paging_and_filters(client, loaded):
    whole = client.get("/api/indicators/population/values?layer=commune&per_page=1000").json()
    assert whole["total_items"] == len(whole["contents"]) >= 19
    page = client.get("/api/indicators/population/values?layer=commune&per_page=7&page=2").json()
    assert page["contents"] == whole["contents"][7:14]
    assert (page["page_number"], page["size"], page["first_page"]) == (2, 7, False)
    assert page["total_pages"] == -(-whole["total_items"] // 7)
    period = whole["contents"][0]["period"]
    by_period = client.get(
        f"/api/indicators/population/values?layer=commune&period={period}&per_page=1000"
    ).json()
    assert by_period["contents"] == [r for r in whole["contents"] if r["period"] == period]
    empty = client.get("/api/indicators/population/values?layer=commune&period=1850").json()
    assert empty["total_items"] == 0 and empty["empty"] is True and empty["contents"] == []


def test_unknown_layer_is_400(client, loaded):
    for layer in ("atlantis", "sector"):
        response = client.get(f"/api/indicators/pharmacies_per_10000/values?layer={layer}")
        assert response.status_code == 400
        assert response.json()["error"] == (
            f"parameter layer: {layer!r} is not a layer of pharmacies_per_10000 "
            "(layers: commune, bassin, region)"
        )
    too_long = client.get("/api/indicators/population/values?layer=" + "x" * 41)
    assert too_long.status_code == 400


@pytest.mark.parametrize(
    ("indicator", "layer"), [("population", "bassin"), ("pharmacies_per_10000", "commune")]
)
def test_csv_is_the_page_download_byte_for_byte(client, loaded, indicator, layer):
    with translation.override("fr"):
        page_url = reverse("indicators:csv", kwargs={"layer": layer})
    page = client.get(page_url)
    assert page.status_code == 200
    lines = page.content.decode("utf-8").splitlines(keepends=True)
    expected = [lines[0]] + [line for line in lines[1:] if line.startswith(indicator + ",")]
    assert len(expected) > 5
    api = client.get(f"/api/indicators/{indicator}/values?layer={layer}&format=csv")
    assert api.status_code == 200 and api["Content-Type"] == "text/csv; charset=utf-8"
    assert api.content == "".join(expected).encode("utf-8")
    rows = list(csv.DictReader(io.StringIO(api.content.decode())))
    as_json = client.get(f"/api/indicators/{indicator}/values?layer={layer}&per_page=1000").json()[
        "contents"
    ]
    assert [r["area_code"] for r in rows] == [r["area_code"] for r in as_json]
    for text, value in zip(rows, as_json, strict=True):
        assert float(text["value"]) == value["value"]


def test_a_tidy_load_changes_the_etag_and_the_answer(client, loaded, tmp_path):
    # the indicators are cached under the data version, which holds the indicator loads: a 304 while
    # nothing changed, the new indicator at once after a load
    from indicators.tidyfiles import gp_share_definitions

    from bassins.indicators import store

    first = client.get("/api/indicators/")
    etag = first["ETag"]
    assert client.get("/api/indicators/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    definitions = gp_share_definitions(tmp_path, "2024-01-01")
    values = tmp_path / "gp.csv"
    values.write_text(
        "indicator,layer,area_code,period,count,denominator\ngp_share,commune,21001,2024,50,100\n",
        encoding="utf-8",
    )
    store.load_tidy(values, definitions)
    after = client.get("/api/indicators/", HTTP_IF_NONE_MATCH=etag)
    assert after.status_code == 200 and after["ETag"] != etag
    assert "gp_share" in [i["id"] for i in after.json()]
    rows = client.get("/api/indicators/gp_share/values?layer=region").json()
    assert rows["contents"][0]["count"] == 50
