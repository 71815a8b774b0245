"""The Django side on the real data: the bassin pages (FR/NL/EN), their twins and downloads, the
scenario endpoint, the CLI and the dashboard part; the real figures the issue asks for."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.test import RequestFactory
from localurls import url

from bassins.access import dashboard, data
from bassins.errors import InputError

pytestmark = [pytest.mark.realdata, pytest.mark.django_db]


def test_pages_in_three_languages(access_data, client):
    for lang, title in (
        ("fr", "Accessibilité — Pharmacie — bassin Nord"),
        ("nl", "Toegankelijkheid — Apotheek — zorgzone Noord"),
        ("en", "Accessibility — Pharmacy — bassin Nord"),
    ):
        response = client.get(url(lang, "access:bassin", slug="nord" if lang != "nl" else "noord"))
        assert response.status_code == 200
        assert title in response.content.decode()
    assert url("nl", "access:bassin", slug="noord") == "/nl/toegankelijkheid/noord/"


@pytest.mark.parametrize(
    "lang, path, bassin, menu",
    [
        ("fr", "/fr/accessibilite/", "Bassin Nord", "Accessibilité"),
        ("nl", "/nl/toegankelijkheid/", "Zorgzone Noord", "Toegankelijkheid"),
    ],
)
def test_the_index_lists_every_bassin_and_the_menu_leads_to_it(
    access_data, client, lang, path, bassin, menu
):
    assert url(lang, "access:index") == path
    html = client.get(path).content.decode()
    north = url(lang, "access:bassin", slug={"fr": "nord", "nl": "noord"}[lang])
    assert f'<a href="{north}">{bassin}</a>' in html
    assert html.count('href="' + path) >= 6  # the menu entry and the five bassins
    home = client.get(f"/{lang}/").content.decode()
    assert f'href="{path}">{menu}</a>' in home
    assert client.get(north).status_code == 200


def test_json_twin_real_figures(access_data, client):
    body = client.get(url("fr", "access:bassin-json", slug="nord")).json()
    region = body["region"]
    # 1,215,012 inhabitants (sector population ≈ 2020); the pharmacies: 533 AFMPS active + 12 OSM
    assert region["population"] == 1_215_012
    assert body["sites_total"] == 545
    assert body["provenance"]["sites_excluded"] == {"status: temporarily_closed": 59}
    assert body["provenance"]["cost_source"]["kind"] == "straight_line"
    assert body["provenance"]["demand_centres"]["urban block"] == 396
    # few people are beyond 10 minutes' walk of a pharmacy
    assert 0 < region["share_beyond"] < 0.05
    basket = {r["code"]: r for r in body["basket"]["rows"]}
    assert set(basket) == {"CO", "N", "NE", "S", "SE", "all"}
    assert basket["all"]["population"] == 1_215_012
    assert basket["all"]["people_beyond"] >= region["people_beyond"]


def test_emergency_departments_with_beds(access_data, client):
    body = client.get(
        url("en", "access:bassin-json", slug="sud-est") + "?category=emergency&minutes=20"
    ).json()
    assert body["sites_total"] == 16
    assert body["provenance"]["capacity"] == {"known": 16}
    assert all(s["capacity_basis"] == "known" and s["capacity"] > 0 for s in body["sites"])


def test_downloads(access_data, client):
    response = client.get(url("fr", "access:bassin-csv", slug="nord"))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv") and len(rows) > 100
    geo = json.loads(client.get(url("fr", "access:bassin-geojson", slug="nord")).content)
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == len(rows)


def test_bad_parameters_are_a_clear_400(access_data, client):
    response = client.get(url("fr", "access:bassin", slug="nord") + "?category=bogus")
    assert response.status_code == 400 and "unknown category 'bogus'" in response.content.decode()
    assert client.get(url("fr", "access:bassin", slug="nowhere")).status_code == 404


def test_scenario_endpoint_changes_the_figures(access_data, client):
    body = client.get(url("fr", "access:bassin-json", slug="nord")).json()
    worst = max(body["sectors"], key=lambda s: s["people_beyond"] or 0)
    assert worst["people_beyond"] > 0
    geo = json.loads(client.get(url("fr", "access:bassin-geojson", slug="nord")).content)
    feature = next(f for f in geo["features"] if f["properties"]["code"] == worst["code"])
    ring = feature["geometry"]["coordinates"][0]
    while isinstance(ring[0][0], list):
        ring = ring[0]
    lon = sum(p[0] for p in ring) / len(ring)
    lat = sum(p[1] for p in ring) / len(ring)
    answer = client.post(
        url("fr", "access:scenario"),
        json.dumps(
            {
                "bassin": "N",
                "category": "pharmacy",
                "minutes": 10,
                "edits": [{"op": "add", "lat": lat, "lon": lon}],
            }
        ),
        content_type="application/json",
    ).json()
    assert answer["bassin"]["after"]["people_beyond"] < answer["bassin"]["before"]["people_beyond"]
    assert answer["bassin"]["before"]["people_beyond"] == body["figures"]["people_beyond"]
    bad = client.post(url("fr", "access:scenario"), "{}", content_type="application/json")
    assert bad.status_code == 400


def test_cli_compute_csv_and_bad_category(access_data, tmp_path):
    out = tmp_path / "pharmacy.csv"
    call_command(
        "access",
        "compute",
        "--category",
        "pharmacy",
        "--method",
        "e2sfca",
        "--max-minutes",
        "15",
        "--format",
        "csv",
        "--output",
        str(out),
    )
    lines = out.read_text().splitlines()
    assert lines[0].startswith("# cost source: straight_line, detour_factor=1.3, speed_kmh=4.8")
    rows = list(csv.DictReader(lines[1:]))
    assert len(rows) == len(data.state()["points"]) and float(rows[0]["value"]) > 0
    with pytest.raises(InputError, match="unknown category"):
        call_command("access", "compute", "--category", "nope")


def test_dashboard_part(access_data):
    request = RequestFactory().get("/fr/")
    part = dashboard.part(request, "NE")
    assert part["template"] == "access/site_part.html"
    assert part["url"] == "/fr/accessibilite/nord-est/"
    assert part["context"]["report"]["figures"]["population"] > 100_000
    assert part["context"]["basket"]["code"] == "NE"


def test_warm_builds_the_state_and_the_default_result_once(access_data, monkeypatch):
    """`bassins serve` warms the data version's state before the first request; concurrent
    requests during the build wait for it instead of building it again."""
    import threading

    from django.db import connection

    def request():
        try:
            data.state()
        finally:
            connection.close()  # each thread's own connection

    data._state.clear()
    builds = []
    real_build = data._build
    monkeypatch.setattr(data, "_build", lambda v: builds.append(v) or real_build(v))
    threads = [threading.Thread(target=request) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 1
    built = data.warm()
    assert len(builds) == 1  # already built: warm reuses it
    assert ("result", "pharmacy", 10.0, "total") in built["setups"]
    assert built["costs"].nnz > 0
