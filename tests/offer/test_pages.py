"""The offer pages, JSON twin and downloads, on the golden directory (the stores monkeypatched)."""

import html as htmllib
import io
import json

import openpyxl
import pandas as pd
import pytest

from bassins.offer import data
from bassins.offer.analysis import OfferAnalysis

from . import golden
from .golden import NAMES

#: The offer pages of a bassin, per language (translated slugs).
BASSIN = {"fr": "/fr/offre/bassin", "nl": "/nl/aanbod/zorgzone", "en": "/en/offer/bassin"}


@pytest.fixture(autouse=True)
def fresh_data_version(monkeypatch):
    """Pages are cached per data version: each test's monkeypatched data get a version of their own
    (and no database is read to compute it)."""
    import uuid

    from bassins.web import cache

    version = uuid.uuid4().hex[:16]
    monkeypatch.setattr(cache, "data_version", lambda: version)


@pytest.mark.parametrize(
    "lang, heading, caption",
    [
        (
            "fr",
            "L'offre sociale et de santé — Bassin d'aide et de soins : Nord-Est",
            "Services par siège social, par bassin",
        ),
        (
            "nl",
            "Het welzijns- en zorgaanbod — Zorgzone: Noord-Oost",
            "Diensten volgens maatschappelijke zetel, per zorgzone",
        ),
    ],
)
def test_bassin_page(client, golden_site, lang, heading, caption):
    base = BASSIN[lang]
    response = client.get(f"{base}/NE/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert heading in htmllib.unescape(html)
    assert caption in html
    assert html.count("<caption>") == 6 and 'scope="row"' in html and 'scope="col"' in html
    assert html.count("<svg") == 4 and 'role="img"' in html and "<desc" in html
    assert "<script" not in html.split("</main>")[0].split("<main")[1]  # no JS charts
    for key in ("bassins", "communes", "categories", "views", "precision", "reconciliation"):
        assert f"{base}/NE/{key}.csv" in html and f"{base}/NE/{key}.xlsx" in html
    assert f"{base}/NE.json" in html and f"{base}/NE.pdf" in html
    # the downloads come first, before the key figures
    assert html.index(f"{base}/NE.pdf") < html.index('id="facts-title"')
    limits = {"fr": "Les prestataires individuels", "nl": "Individuele zorgverleners"}[lang]
    assert limits in html


def test_commune_page_and_unknown_area(client, golden_site):
    response = client.get("/nl/aanbod/gemeente/21004/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Brussel" in html and "Rang onder de 3 gemeenten" in html
    assert client.get("/fr/offre/commune/21099/").status_code == 404
    assert client.get("/fr/offre/bassin/XX.json").status_code == 404


def test_json_twin(client, golden_site):
    payload = json.loads(client.get("/fr/offre/bassin/N.json").content)
    assert payload["code"] == "N" and payload["name"] == "Nord" and payload["layer"] == "bassin"
    tables = {t["key"]: t for t in payload["tables"]}
    bassins = {row["code"]: row for row in tables["bassins"]["rows"]}
    assert bassins["N"]["count"] == 2 and bassins["N"]["population"] == 3900
    assert (
        bassins["N"]["reference_date"] == "2020-01-01" and bassins["N"]["basis"] == "inferred date"
    )
    assert bassins["04000"]["count"] == 9
    # like with like: N's rate rests on its 2 head offices + 39/59 of S5 (estimated), over the
    # population of the bassins (23,900), the Region's benchmark too
    assert bassins["N"]["estimated_units"] == pytest.approx(39 / 59)
    assert bassins["N"]["units"] == pytest.approx(2 + 39 / 59)
    assert bassins["04000"]["population"] == 23_900 and bassins["04000"]["units"] == 9
    assert bassins["N"]["rate_low"] < bassins["N"]["rate"] < bassins["N"]["rate_high"]
    assert [s["key"] for s in payload["provenance"]["sections"]] == [
        "sources",
        "records",
        "excluded",
        "precision",
        "unresolved",
        "estimated",
        "population",
        "limits",
    ]


def test_csv_and_xlsx_downloads(client, golden_site):
    response = client.get("/fr/offre/bassin/CO/views.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="offre_bassin_CO_views_fr.csv"' in response["Content-Disposition"]
    frame = pd.read_csv(io.BytesIO(response.content), encoding="utf-8-sig", dtype={"Code": str})
    assert frame.columns[0] == "Territoire"
    assert frame.set_index("Code").loc["CO", "Siège social (services)"] == 3
    book = openpyxl.load_workbook(io.BytesIO(client.get("/nl/aanbod/zorgzone/CO.xlsx").content))
    assert book.sheetnames == [
        "bassins",
        "communes",
        "categories",
        "views",
        "precision",
        "reconciliation",
        "provenance",
    ]
    single = openpyxl.load_workbook(
        io.BytesIO(client.get("/nl/aanbod/zorgzone/CO/categories.xlsx").content)
    )
    assert single.sheetnames == ["categories"]
    assert client.get("/fr/offre/bassin/CO/nothing.csv").status_code == 404
    assert client.get("/fr/offre/bassin/CO/views.pdf").status_code == 404


def test_index(client, golden_site):
    html = client.get("/fr/offre/").content.decode()
    assert "/fr/offre/bassin/NE/" in html and "/fr/offre/commune/21015/" in html


def test_rates_on_an_estimated_population_say_so(client, monkeypatch):
    inputs = golden.inputs(with_sectors=False)
    inputs.names = NAMES
    analysis = OfferAnalysis(inputs)
    monkeypatch.setattr(data, "current_analysis", lambda: analysis)
    monkeypatch.setattr(data, "area_names", lambda layers=None: NAMES)
    payload = json.loads(client.get("/fr/offre/bassin/N.json").content)
    rows = {r["code"]: r for r in payload["tables"][0]["rows"]}
    assert rows["N"]["basis"] == "estimated" and rows["NE"]["basis"] == "official"
    assert any(
        "ESTIMATION" in note and "superficie" in note for note in payload["tables"][0]["notes"]
    )
    html = htmllib.unescape(client.get("/fr/offre/bassin/N/").content.decode())
    # every rate resting on the estimate is marked in the table, the key figures and the chart
    assert html.count("(estimation)") >= 3
    assert "Nord (≈)" in html and "≈ 4\xa0500" in html  # Django's French grouping
    nl = htmllib.unescape(client.get("/nl/aanbod/zorgzone/N/").content.decode())
    assert "(schatting)" in nl and "SCHATTING" in nl


def test_every_download_says_503_while_the_data_are_not_loaded(client, monkeypatch):
    from bassins.errors import DataNotLoadedError

    def not_loaded():
        raise DataNotLoadedError("the directory is empty: import services first")

    monkeypatch.setattr(data, "current_analysis", not_loaded)
    monkeypatch.setattr(data, "missing_inputs", lambda: ["territories", "directory"])
    for path in (
        "bassin/N/",
        "bassin/N.json",
        "bassin/N.xlsx",
        "bassin/N/views.csv",
        "bassin/N.pdf",
        "commune/21004.pdf",
    ):
        assert client.get(f"/fr/offre/{path}").status_code == 503, path


@pytest.mark.parametrize(
    "lang, words",
    [
        ("fr", ["pas encore disponible", "l'annuaire des services", "bassins directory load"]),
        ("nl", ["nog niet beschikbaar", "de dienstengids", "bassins directory load"]),
    ],
)
def test_the_not_loaded_page_says_what_is_missing_in_the_readers_language(
    client, monkeypatch, lang, words
):
    from bassins.errors import DataNotLoadedError

    def not_loaded():
        raise DataNotLoadedError("the directory is empty: import services first")

    monkeypatch.setattr(data, "current_analysis", not_loaded)
    monkeypatch.setattr(data, "missing_inputs", lambda: ["directory"])
    response = client.get(f"{BASSIN[lang]}/N/")
    html = htmllib.unescape(response.content.decode())
    assert response.status_code == 503
    for word in words:
        assert word in html
    assert "the directory is empty" not in html and "import services first" not in html


@pytest.mark.parametrize(
    "old, new",
    [
        ("/nl/offre/bassin/NE/", "/nl/aanbod/zorgzone/NE/"),
        ("/nl/offre/commune/21004.json", "/nl/aanbod/gemeente/21004.json"),
        ("/nl/offre/bassin/CO/views.csv", "/nl/aanbod/zorgzone/CO/views.csv"),
        ("/en/offre/", "/en/offer/"),
        ("/fr/directory/quality/?issue=stale", "/fr/repertoire/qualite/?issue=stale"),
        ("/nl/directory/quality.csv", "/nl/gids/kwaliteit.csv"),
    ],
)
def test_old_urls_redirect_to_the_translated_ones(client, old, new):
    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == new


def test_the_page_links_its_bassin_and_communes_and_carries_the_helpdesk_line(client, golden_site):
    nl = htmllib.unescape(client.get("/nl/aanbod/gemeente/21004/").content.decode())
    # Brussel lies in two bassins of the golden territories: both are linked, with the reason
    for code in ("CO", "N"):
        assert f'href="/nl/aanbod/zorgzone/{code}/"' in nl.split('id="facts-title"')[0]
    assert "de straat bepaalt welke" in nl
    fr = htmllib.unescape(client.get("/fr/offre/bassin/NE/").content.decode())
    top = fr.split('id="facts-title"')[0]
    assert "Ligne d'appui" in top and 'href="/fr/offre/commune/21015/"' in top
    assert 'class="map map-small"' in top and 'data-focus-code="NE"' in top
    assert 'action="/fr/trouver-mon-bassin/"' in top
