"""The offer analysis on the real data of the data directory: every count reconciles, figures match an
independent spatial join, the pages, JSON, downloads and PDF work in French and Dutch."""

import io
import json

import geopandas as gpd
import pandas as pd
import pytest
from django.core.cache import cache
from django.core.management import call_command
from localurls import url

from bassins.config import data_file
from bassins.directory import frames
from bassins.offer import data, quotient
from bassins.offer.analysis import OfferAnalysis, OfferInputs
from bassins.offer.counts import TOTAL
from bassins.offer.provenance import provenance_block
from bassins.offer.rates import weighted_mean_rate
from bassins.territory import store

from .test_pdf import pdf_text, render_pages

pytestmark = [pytest.mark.realdata, pytest.mark.django_db]
BASSINS = ["CO", "N", "NE", "S", "SE"]


def test_every_count_reconciles_on_the_real_data(loaded_offer):
    analysis = data.current_analysis()
    assert analysis.areas("bassin") == BASSINS and len(analysis.areas("commune")) == 19
    for view in ("head_office", "site", "area_served"):
        bassins, communes = analysis.counts(view, "bassin"), analysis.counts(view, "commune")
        region = analysis.counts(view, "region")
        # sum over bassins (+ not placed in a bassin) = regional total = sum over communes (+ not placed)
        assert bassins.table[TOTAL].sum() + bassins.not_placed[TOTAL] == bassins.region[TOTAL]
        assert communes.table[TOTAL].sum() + communes.not_placed[TOTAL] == communes.region[TOTAL]
        assert bassins.region[TOTAL] == communes.region[TOTAL] == region.table.at["04000", TOTAL]
        assert region.not_placed[TOTAL] == 0
        for layer in analysis.layers:
            analysis.counts(view, layer).check()  # per category too
        assert (bassins.table[TOTAL] > 0).all() if view != "area_served" else True
    # the site view counts every active row flagged as a site, no more, no less
    frame = frames.service_location_frame()
    active_sites = frame[frame["is_site"] & (frame["status"] == "active")]
    assert analysis.counts("site", "bassin").universe[TOTAL] == len(active_sites)
    # the head-office view counts every active service once
    assert (
        analysis.counts("head_office", "bassin").universe[TOTAL]
        == frame.loc[frame["status"] == "active", "service_id"].nunique()
    )


def test_pharmacies_per_bassin_match_an_independent_spatial_join(loaded_offer):
    """AFMPS pharmacies (all geocoded) per bassin: the analysis vs geopandas sjoin on the raw files."""
    raw = pd.read_csv(data_file("services/afmps_pharmacies_bxl_2022.csv"), dtype=str)
    raw = raw[raw["status"] == "active"]
    points = gpd.GeoDataFrame(
        raw,
        geometry=gpd.points_from_xy(raw["lon"].astype(float), raw["lat"].astype(float)),
        crs="EPSG:4326",
    ).to_crs("EPSG:31370")
    sectors = gpd.read_file(data_file("boundaries/statbel_sectors_bxl_2022.gpkg"))
    joined = gpd.sjoin(
        points,
        sectors[["cd_sector", "cd_sub_munty", "cd_munty_refnis", "geometry"]],
        predicate="within",
    )
    table = pd.read_csv(data_file("reference/bassins_2024.csv"), dtype=str).set_index("area_code")[
        "bassin_code"
    ]
    bassin = joined["cd_sub_munty"].map(table).fillna(joined["cd_munty_refnis"].map(table))
    expected = bassin.value_counts().sort_index()
    assert expected.sum() == 533

    frame = frames.service_location_frame()
    afmps = OfferAnalysis(
        OfferInputs(locations=frame[frame["source"] == "afmps"], membership=store.membership())
    )
    counts = afmps.counts("head_office", "bassin")
    assert counts.table[TOTAL].to_dict() == expected.to_dict()
    assert counts.not_placed[TOTAL] == 0 and counts.region[TOTAL] == 533
    assert afmps.exclusions.frame()[["reason", "count", "detail"]].values.tolist() == [
        ["status", 59, "temporarily_closed"]
    ]
    communes = afmps.counts("site", "commune").table[TOTAL]
    assert (
        communes.to_dict()
        == joined["cd_munty_refnis"].value_counts().reindex(communes.index, fill_value=0).to_dict()
    )


def test_real_rates_use_the_sector_population_with_its_inferred_date(loaded_offer):
    analysis = data.current_analysis()
    rates = analysis.rates("head_office", "bassin")
    raw = pd.read_csv(
        data_file("population/sector_population_bxl_c2020.csv"), dtype={"SECTOR": str}
    )
    expected = raw.set_index("SECTOR")["POP"].groupby(store.membership()["bassin"]).sum()
    assert rates["population"].astype(int).to_dict() == expected.to_dict()
    assert int(rates["population"].sum()) == 1_215_012
    assert set(rates["basis"]) == {"inferred date"} and set(
        rates["reference_date"].astype(str)
    ) == {"2020-01-01"}
    region = analysis.region_rate("head_office")
    assert region["population"] == 1_218_255 and region["basis"] == "official"
    communes = analysis.rates("head_office", "commune")
    assert int(communes["population"].sum()) == 1_218_255 and set(communes["basis"]) == {"official"}
    for _code, row in rates.iterrows():
        assert row["rate"] == pytest.approx(row["count"] / row["population"] * 1000)


@pytest.mark.parametrize(
    "lang, words",
    [
        ("fr", ["Nord-Est", "Schaerbeek", "Provenance et limites", "date déduite", "(AFMPS)"]),
        (
            "nl",
            ["Noord-Oost", "Schaarbeek", "Herkomst en beperkingen", "afgeleide datum", "(FAGG)"],
        ),
    ],
)
def test_real_bassin_page(client, loaded_offer, lang, words):
    response = client.get(url(lang, "offer:bassin", code="NE"))
    assert response.status_code == 200
    html = response.content.decode()
    for word in words:
        assert word in html
    payload = json.loads(client.get(url(lang, "offer:bassin-json", code="NE")).content)
    rows = {t["key"]: t for t in payload["tables"]}["bassins"]["rows"]
    counts = data.current_analysis().counts("head_office", "bassin")
    assert [r["code"] for r in rows[:5]] == BASSINS
    assert rows[2]["count"] == counts.table.at["NE", TOTAL]
    # five bassins + "not placed at this level" = the regional total row; then the "outside" row
    assert (
        sum(r["count"] for r in rows[:5]) + rows[5]["count"]
        == rows[6]["count"]
        == counts.region[TOTAL]
    )
    assert rows[6]["code"] == "04000" and rows[7]["count"] == counts.outside[TOTAL]
    csv = client.get(url(lang, "offer:bassin-table", code="NE", table="reconciliation", fmt="csv"))
    frame = pd.read_csv(io.BytesIO(csv.content), encoding="utf-8-sig")
    assert len(frame) == 3 and set(frame.iloc[:, -1]) == {"oui" if lang == "fr" else "ja"}
    # the "yes" is computed afresh from the units: it is "NON" when a published count is off
    analysis = data.current_analysis()
    analysis.counts("site", "bassin").table.loc["NE", TOTAL] += 1
    cache.clear()  # the downloads are cached per data version: this change is not a data change
    try:
        csv = client.get(
            url(lang, "offer:bassin-table", code="NE", table="reconciliation", fmt="csv")
        )
        frame = pd.read_csv(io.BytesIO(csv.content), encoding="utf-8-sig")
        expected = ["oui", "NON", "oui"] if lang == "fr" else ["ja", "NEEN", "ja"]
        assert frame.iloc[:, -1].tolist() == expected
    finally:
        analysis.counts("site", "bassin").table.loc["NE", TOTAL] -= 1
        cache.clear()


def test_real_commune_pages(client, loaded_offer):
    for code in ("21004", "21015"):
        for lang in ("fr", "nl"):
            assert client.get(url(lang, "offer:commune", code=code)).status_code == 200


def test_real_pdf_report_of_a_bassin(loaded_offer, tmp_path):
    out = tmp_path / "NE.pdf"
    call_command("report", "offer", "--bassin", "NE", "--lang", "fr", "--out", str(out))
    pages = render_pages(out, tmp_path)
    assert len(pages) >= 3
    text = " ".join(pdf_text(out).split())
    assert "Provenance et limites" in text and "Nord-Est" in text
    assert ("Registre des pharmacies (AFMPS) : 592 enregistrements, extrait le 8 mars 2022") in text
    assert "temporairement fermé" in text  # the 59 pharmacies left out, and why (in French)
    assert "Les prestataires individuels" in text


# Measured on the real data (directory extracts of the data directory, population of 2020-01-01):
# head-office services per 1,000 inhabitants, like with like (placed + estimated share).
# Cliniques universitaires Saint-Luc, 42 m outside the outline, is placed in Woluwe-Saint-Lambert by
# the one "in the region" rule (bassins.codes), no longer shared out as a unit without a bassin.
# The 55 head offices known by postcode 1000 are shared between Centre-Ouest and Sud only (the
# sub-municipalities of the Brussels postcode table), no longer with Nord: before, CO 0.723, N 0.638,
# S 0.659 (all 64 shared CO 45.1 %, N 48.9 %, S 6.0 %).
REAL_RATES = {"CO": 0.802, "N": 0.513, "NE": 0.559, "S": 0.669, "SE": 0.641}


def test_population_weighted_mean_of_the_rates_is_the_regions_rate_on_the_real_data(loaded_offer):
    analysis = data.current_analysis()
    for layer in analysis.layers:
        for view in ("head_office", "site", "area_served"):
            counts = analysis.counts(view, layer)
            for column in [TOTAL, *counts.categories]:
                r = analysis.rates(view, layer, column)
                benchmark = analysis.region_rate(view, column, layer=layer)
                assert r["count"].sum() == pytest.approx(benchmark["count"]), (layer, view, column)
                assert weighted_mean_rate(r) == pytest.approx(benchmark["rate"], nan_ok=True), (
                    layer,
                    view,
                    column,
                )
    r = analysis.rates("head_office", "bassin")
    assert r["rate"].round(3).to_dict() == REAL_RATES
    # The 64 head offices of the Region that no bassin can hold (Bruxelles-Ville known by commune or
    # postcode 1000) are shared, not left in the benchmark only. (65 before Saint-Luc, then known
    # only to be in the Region, was placed by the region rule's tolerance.)
    assert analysis.counts("head_office", "bassin").not_placed[TOTAL] == 64
    assert r["estimated"].sum() == pytest.approx(64)
    shared = analysis.apportioned("head_office", "bassin")
    groups = {tuple(g["within"]): g for g in shared.groups}
    assert shared.narrowed == 55 and shared.unnarrowed == 0 and groups[()]["units"] == 9
    by_postcode = groups[("21004A", "21004B", "21004C", "21004D")]
    assert by_postcode["units"] == 55 and set(by_postcode["shares"]) == {"CO", "S"}  # never N
    assert round(by_postcode["shares"]["CO"], 3) == 0.883
    assert {k: round(v, 3) for k, v in groups[()]["shares"].items()} == {
        "CO": 0.451,
        "N": 0.489,
        "S": 0.060,
    }
    assert r["estimated"].round(1).to_dict() == {"CO": 52.6, "N": 4.4, "NE": 0, "S": 7.0, "SE": 0}
    benchmark = analysis.region_rate("head_office", layer="bassin")
    assert benchmark["population"] == r["population"].sum()
    assert round(benchmark["rate"], 3) == 0.652
    # below and above the Region now, not all below it as with the units placed only
    assert (r["rate"] > benchmark["rate"]).any() and (r["rate"] < benchmark["rate"]).any()
    assert (r["rate_placed"] < benchmark["rate"]).all()
    assert (r["rate_low"] < r["rate"]).all() and (r["rate"] < r["rate_high"]).all()


def test_location_quotients_average_one_on_the_real_data(loaded_offer):
    analysis = data.current_analysis()
    for layer in ("commune", "bassin"):
        counts = analysis.counts("head_office", layer)
        units = analysis.apportioned("head_office", layer).combined(counts)[TOTAL]
        means = quotient.weighted_mean(analysis.quotients("head_office", layer), units)
        for category in counts.categories:
            if counts.region[category]:
                assert means[category] == pytest.approx(1.0), (layer, category)
    legal_aid = analysis.quotients("head_office", "bassin")["legal_aid"]
    assert quotient.weighted_mean(legal_aid.to_frame(), units)["legal_aid"] == pytest.approx(1.0)


def test_nothing_unresolved_is_dropped_on_the_real_data(loaded_offer):
    analysis = data.current_analysis()
    unresolved = analysis.unresolved()
    head_office = analysis.counts("head_office", "region")
    assert sum(unresolved["head_office"].values()) == head_office.outside[TOTAL]
    assert unresolved["head_office"] == {"no_head_office": 39}
    block = provenance_block(analysis, "fr")
    lines = " ".join(next(s for s in block["sections"] if s["key"] == "unresolved")["lines"])
    assert "39" in lines
