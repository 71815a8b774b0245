"""Where one more site would help most, on the real data: the CLI, the page and its twins give the
pure function's answer on the same state; the suggestions lie in the bassin asked; bad input is
refused naming the field."""

from __future__ import annotations

import csv
import io
import json

import numpy as np
import pytest
from django.core.management import call_command
from localurls import url

from bassins.access import data, optimize, suggestions
from bassins.errors import InputError

pytestmark = [pytest.mark.realdata, pytest.mark.django_db]


def run(tmp_path, *args, fmt="json"):
    out = tmp_path / f"suggestions.{fmt}"
    call_command("access", "suggest", *args, "--format", fmt, "--output", str(out))
    return out.read_text(encoding="utf-8")


def pure(bassin, minutes=10.0, k=3, group="total"):
    """`optimize.suggest` called directly on the state, as the module documents it."""
    built = data.state()
    setup = data.setup("pharmacy", minutes, group)
    result = data.result("pharmacy", minutes, group)
    points = built["points"]
    in_bassin = built["sectors"]["bassin"].reindex(points.sector).to_numpy(object) == bassin
    return optimize.suggest(
        points.xy[in_bassin],
        points.demand(group)[in_bassin],
        result.points["nearest_minutes"].to_numpy(float)[in_bassin],
        setup.sites.xy,
        points.xy[in_bassin],
        minutes,
        setup.costs.source,
        k=k,
        screen=suggestions.SCREEN,
    )


def test_cli_equals_the_pure_function_in_the_bassin(access_data, tmp_path):
    from bassins.territory import store

    out = json.loads(
        run(tmp_path, "--category", "pharmacy", "--max-minutes", "10", "--k", "3", "--bassin", "N")
    )
    expected = pure("N")
    p = out["provenance"]
    assert p["cost_source"]["kind"] == "straight_line" and p["max_minutes"] == 10.0
    assert (p["demand_group"], p["k"], p["bassin"], p["demand_scope"]) == (
        "total",
        3,
        "N",
        "bassin",
    )
    assert p["candidates"] == suggestions.SECTOR_CENTRES and p["existing_sites"] == 545
    rows = out["suggestions"]
    assert [r["method"] for r in rows] == ["coverage"] * 3 + ["median"] * 3
    for method in ("coverage", "median"):
        mine = sorted((r["x"], r["y"]) for r in rows if r["method"] == method)
        theirs = sorted((round(e["x"], 1), round(e["y"], 1)) for e in expected[method])
        assert mine == theirs
    by_xy = {(round(e["x"], 1), round(e["y"], 1)): e for e in expected["coverage"]}
    for row in (r for r in rows if r["method"] == "coverage"):
        e = by_xy[(row["x"], row["y"])]
        assert row["people_newly_within"] == pytest.approx(e["people_newly_within"], abs=0.05)
        assert row["people_minutes_saved"] == pytest.approx(
            e["people_minutes_saved_alone"], abs=0.05
        )
    # ranked by what each brings alone
    cover = [r["people_newly_within"] for r in rows if r["method"] == "coverage"]
    assert cover == sorted(cover, reverse=True) and cover[0] > 1000
    totals = out["totals"]
    assert totals["coverage_people_newly_within"] == pytest.approx(
        expected["coverage_people_newly_within"], abs=0.5
    )
    assert totals["median_people_minutes_saved"] == pytest.approx(
        expected["median_people_minutes_saved"], abs=0.05
    )
    assert 0 < totals["coverage_people_newly_within"] <= totals["people_beyond"]
    # the bassin's people: the page's own figures
    report = data.result("pharmacy", 10.0, "total")
    sectors = data.state()["sectors"]
    mask = sectors["bassin"].reindex(report.points["sector"]).to_numpy(object) == "N"
    beyond = ~(report.points["nearest_minutes"].to_numpy(float) <= 10)
    d = report.points["demand"].to_numpy(float)
    assert totals["population"] == round(d[mask].sum()) and totals["people_beyond"] == round(
        d[mask & beyond].sum()
    )
    # every suggestion lies in bassin N, in the sector and quartier it names
    located = store.locate_points([r["lon"] for r in rows], [r["lat"] for r in rows])
    assert set(located["bassin"]) == {"N"} and {r["bassin"] for r in rows} == {"N"}
    assert list(located["monitoring"]) == [r["monitoring"] for r in rows]
    assert all(
        r["sector_name_fr"] and r["sector_name_nl"] and r["monitoring_name_nl"] for r in rows
    )


def test_csv_and_geojson_shapes(access_data, tmp_path):
    args = ("--max-minutes", "10", "--k", "2", "--bassin", "SE", "--group", "65+")
    lines = run(tmp_path, *args, fmt="csv").splitlines()
    assert lines[0].startswith("# cost source: straight_line, detour_factor=1.3, speed_kmh=4.8")
    assert "demand 65+ (bassin); k 2; candidates sector centres; bassin SE" in lines[0]
    rows = list(csv.DictReader(lines[1:]))
    assert list(rows[0]) == suggestions.COLUMNS
    assert [(r["method"], r["rank"]) for r in rows] == [
        ("coverage", "1"),
        ("coverage", "2"),
        ("median", "1"),
        ("median", "2"),
    ]
    geo = json.loads(run(tmp_path, *args, fmt="geojson"))
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == 4
    assert geo["provenance"]["demand_group"] == "65+"
    first = geo["features"][0]
    assert first["geometry"]["type"] == "Point"
    assert first["geometry"]["coordinates"] == [float(rows[0]["lon"]), float(rows[0]["lat"])]
    assert first["properties"]["sector"] == rows[0]["sector"]


def test_given_candidates_and_regional_demand(access_data, tmp_path):
    from bassins.access.report import TO_WGS

    built = data.state()
    points, sectors = built["points"], built["sectors"]
    bassin = sectors["bassin"].reindex(points.sector).to_numpy(object)
    # the three farthest from a pharmacy in N (people there: a site brings them within reach),
    # one in S between them (refused: outside the bassin asked)
    nearest = data.result("pharmacy", 10.0, "total").points["nearest_minutes"].to_numpy(float)
    far = np.flatnonzero((bassin == "N") & (points.demand() > 0))
    far = far[np.argsort(-np.nan_to_num(nearest[far], posinf=99.0), kind="stable")[:3]]
    picks = [int(far[0]), int(np.flatnonzero(bassin == "S")[0]), int(far[1]), int(far[2])]
    lon, lat = TO_WGS.transform(points.x[picks], points.y[picks])
    path = tmp_path / "candidates.csv"
    path.write_text("lon,lat\n" + "".join(f"{a},{b}\n" for a, b in zip(lon, lat, strict=True)))
    out = json.loads(
        run(tmp_path, "--k", "1", "--bassin", "N", "--demand", "region", "--candidates", str(path))
    )
    p = out["provenance"]
    assert p["candidates"] == suggestions.GIVEN and p["demand_scope"] == "region"
    assert p["candidates_count"] == 3 and p["candidates_outside_bassin"] == 1
    assert out["totals"]["population"] == 1_215_012
    rows = out["suggestions"]
    # the candidate is its row in the file given (the second, in S, left out)
    assert len(rows) == 2 and {r["candidate"] for r in rows} <= {1, 3, 4}
    sector_of = {1: picks[0], 3: picks[2], 4: picks[3]}
    assert all(r["sector"] == str(points.sector[sector_of[r["candidate"]]]) for r in rows)
    assert rows[0]["method"] == "coverage" and rows[0]["people_newly_within"] > 0


def test_bad_input_names_the_field(access_data, tmp_path, capsys):
    with pytest.raises(InputError, match="unknown category") as error:
        call_command("access", "suggest", "--category", "nope")
    assert error.value.field == "--category"
    with pytest.raises(InputError, match="k must be") as error:
        call_command("access", "suggest", "--k", "0")
    assert error.value.field == "--k"
    with pytest.raises(InputError, match="unknown bassin") as error:
        call_command("access", "suggest", "--bassin", "XX")
    assert error.value.field == "--bassin"
    broken = tmp_path / "broken.csv"
    broken.write_text("lon,lat\n4.35,50.85\n4.36,north\n")
    with pytest.raises(InputError, match="not a number") as error:
        call_command("access", "suggest", "--candidates", str(broken))
    assert (error.value.row, error.value.field) == (3, "lat")
    columns = tmp_path / "columns.csv"
    columns.write_text("x,y\n150000,170000\n")
    with pytest.raises(InputError, match="columns lon and lat"):
        call_command("access", "suggest", "--candidates", str(columns))
    outside = tmp_path / "outside.csv"
    outside.write_text("lon,lat\n4.35,50.85\n4.70,50.88\n")  # the second one: Leuven's way
    with pytest.raises(InputError, match="candidate 2 .* outside the Brussels region") as error:
        call_command("access", "suggest", "--candidates", str(outside))
    assert error.value.field == "--candidates"
    # the command line: one line naming the field, exit status 2
    from bassins.cli import main

    assert main(["access", "suggest", "--k", "0"]) == 2
    assert "field '--k': k must be a whole number" in capsys.readouterr().err


def test_views_page_twins_fr_nl(access_data, client):
    for lang, slug, heading, method in (
        ("fr", "nord", "Où un service de plus aiderait le plus", "Couverture maximale"),
        ("nl", "noord", "Waar zou één dienst meer het meest helpen", "Maximale dekking"),
    ):
        response = client.get(url(lang, "access:bassin", slug=slug))
        body = response.content.decode()
        assert response.status_code == 200
        assert heading in body and 'id="suggestions-table"' in body
        assert body.count('<tr data-method="coverage">') == 3 and method in body
        assert url(lang, "access:suggestions-csv", slug=slug) in body
    direct = suggestions.build("pharmacy", 10.0, "total", 3, bassin="N")
    response = client.get(url("fr", "access:suggestions-json", slug="nord"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert response.json() == json.loads(suggestions.to_json(direct))
    twin = client.get(url("fr", "access:bassin-json", slug="nord")).json()
    assert twin["suggestions"] == response.json()
    response = client.get(url("nl", "access:suggestions-csv", slug="noord") + "?k=2")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode().split("\n", 1)[1])))
    assert len(rows) == 4 and {r["bassin"] for r in rows} == {"N"}
    response = client.get(url("fr", "access:suggestions-geojson", slug="nord"))
    assert response["Content-Type"].startswith("application/geo+json")
    assert len(json.loads(response.content)["features"]) == 6
    bad = client.get(url("fr", "access:suggestions-json", slug="nord") + "?k=99")
    assert bad.status_code == 400 and "k must be" in bad.content.decode()


def test_page_without_suggestions_says_why(access_data, client, monkeypatch):
    """Costs on a walking network (no straight-line parameters): the page stays, the section says
    why it has no suggestions; a download asked for answers 400."""

    def refuse(*args, **kwargs):
        raise InputError("suggestions need straight-line cost parameters (speed, detour factor)")

    monkeypatch.setattr(suggestions, "build", refuse)
    query = "?minutes=11"  # a URL no other test cached
    page = client.get(url("fr", "access:bassin", slug="nord") + query)
    text = page.content.decode()
    assert page.status_code == 200 and 'id="suggestions-unavailable"' in text
    assert "Pas de suggestions ici : suggestions need straight-line cost parameters" in text
    assert 'id="suggestions-table"' not in text
    twin = client.get(url("fr", "access:bassin-json", slug="nord") + query).json()
    assert twin["suggestions"]["error"].startswith("suggestions need straight-line")
    assert twin["figures"]["population"] == 215_353
    download = client.get(url("fr", "access:suggestions-csv", slug="nord") + query)
    assert download.status_code == 400


def test_candidates_given_in_the_url(access_data, client):
    # the same candidates as a file for the CLI, given to the web twins as "lon,lat;lon,lat"
    from bassins.access.report import TO_WGS

    built = data.state()
    points, sectors = built["points"], built["sectors"]
    bassin = sectors["bassin"].reindex(points.sector).to_numpy(object)
    inside = np.flatnonzero((bassin == "N") & (points.demand() > 0))[:4]
    lon, lat = TO_WGS.transform(points.x[inside], points.y[inside])
    given = ";".join(f"{a:.6f},{b:.6f}" for a, b in zip(lon, lat, strict=True))
    response = client.get(
        url("fr", "access:suggestions-json", slug="nord") + f"?k=1&candidates={given}"
    )
    assert response.status_code == 200
    body = response.json()
    direct = suggestions.build(
        "pharmacy",
        10.0,
        "total",
        1,
        bassin="N",
        candidates=[(float(a), float(b)) for a, b in (p.split(",") for p in given.split(";"))],
    )
    assert body == json.loads(suggestions.to_json(direct))
    assert body["provenance"]["candidates"] == suggestions.GIVEN
    assert {r["candidate"] for r in body["suggestions"]} <= {1, 2, 3, 4}
    # a broken list is a clear 400 naming the parameter and the candidate
    bad = client.get(url("fr", "access:suggestions-csv", slug="nord") + "?candidates=4.35;x")
    assert bad.status_code == 400 and "candidate 1" in bad.content.decode()
    assert "candidates" in bad.content.decode()
