"""The quartiers social-santé: once their sector table is loaded, the indicators are summed to them
and their profile, map and CSV pages work; before, no page links to them.

The official workbook (SS_QSS_2024.xlsx) is not among the open files: the test builds one of its
documented shape, two quartiers per bassin (`tests/territory/test_loader.py` does the same)."""

import pandas as pd
import pytest
from localurls import url

from bassins.indicators import store
from bassins.territory import loader
from bassins.territory import store as territory_store

pytestmark = [pytest.mark.realdata, pytest.mark.django_db]
NAMES = {"CO": "Centre-Ouest", "N": "Nord", "NE": "Nord-Est", "S": "Sud", "SE": "Sud-Est"}


def _qss_workbook(path):
    rows = [
        {
            "CodeSector": sector,
            "QuartierSS_Gwwijk": f"{row['bassin']}{1 if sector < '21010' else 2}",
            "NomQuartierSSFR": f"Quartier {row['bassin']}{1 if sector < '21010' else 2}",
            "NaamGWwijkNL": f"Wijk {row['bassin']}{1 if sector < '21010' else 2}",
            "BassinFR": NAMES[row["bassin"]],
            "ZoneNL": NAMES[row["bassin"]],
        }
        for sector, row in territory_store.membership().iterrows()
    ]
    pd.DataFrame(rows).to_excel(path, index=False)
    return path


@pytest.fixture
def population_loaded(loaded_territories, db):
    from bassins.population import store as population_store

    population_store.load()


def test_no_page_links_to_the_quartiers_before_they_are_loaded(population_loaded, client):
    store.load(with_offer=False)
    page = client.get(url("fr", "indicators:index")).content.decode()
    assert "/qss/" not in page and "Quartiers social-santé" not in page


def test_the_quartiers_get_sums_of_sectors_and_their_pages(population_loaded, client, tmp_path):
    assert loader.load_qss(_qss_workbook(tmp_path / "SS_QSS_2024.xlsx")) == 10
    store.load(with_offer=False)
    values = store.values_frame(layer="qss")
    population = values[values["indicator"] == "population"].set_index("area_code")["count"]
    sectors = store.values_frame(indicator="population", layer="sector")
    membership = territory_store.membership()
    by_qss = sectors.groupby(sectors["area_code"].map(membership["qss"]))["count"].sum()
    assert len(population) == 10 and population.sum() == 1_215_012
    assert population.to_dict() == by_qss.to_dict()
    share = values[values["indicator"] == "share_65plus"].set_index("area_code")
    assert share.loc["NE1", "value"] == pytest.approx(
        share.loc["NE1", "count"] / share.loc["NE1", "denominator"] * 100
    )
    # the pages: linked from the index, profile and map in FR and NL, the tidy CSV
    index = client.get(url("nl", "indicators:index")).content.decode()
    assert "Sociale-gezondheidswijken" in index
    profile = client.get(url("fr", "indicators:profile", layer="qss", code="NE1"))
    assert profile.status_code == 200 and "Quartier NE1" in profile.content.decode()
    twin = client.get(url("nl", "indicators:profile-json", layer="qss", code="NE1")).json()
    rows = {row["id"]: row for row in twin["rows"]}
    assert rows["population"]["value"] == population["NE1"]
    assert rows["share_65plus"]["comparison998"] in {"higher", "lower", "similar"}
    geo = client.get(url("nl", "indicators:map-json", layer="qss", indicator="share_65plus"))
    assert len(geo.json()["features"]) == 10
    assert (
        client.get(url("nl", "indicators:map", layer="qss", indicator="share_65plus")).status_code
        == 200
    )
    csv = client.get(url("fr", "indicators:csv", layer="qss")).content.decode().splitlines()
    assert len([line for line in csv[1:] if line.startswith("population,qss,")]) == 10
