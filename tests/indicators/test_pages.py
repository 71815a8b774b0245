"""The pages, their .json twins, the CSV download and the dashboard parts (Django test client)."""

import re

import pytest
from django.test import RequestFactory
from django.utils import translation
from localurls import url

from bassins.indicators import dashboard, store

pytestmark = [pytest.mark.realdata, pytest.mark.django_db]


@pytest.fixture
def indicators_loaded(loaded_territories, db):
    from bassins.population import store as population_store

    population_store.load()
    store.load(with_offer=False)


def test_profile_and_its_json_twin(indicators_loaded, client):
    page = client.get(url("fr", "indicators:profile", layer="bassin", code="SE"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Part des habitants de 65 ans et plus" in text and "plus élevé que la Région" in text
    twin = client.get(url("nl", "indicators:profile-json", layer="bassin", code="SE")).json()
    share = {row["id"]: row for row in twin["rows"]}["share_65plus"]
    assert share["count"] == 28_994 and share["comparison998"] == "higher"
    assert share["lower95"] < share["value"] < share["upper95"]
    assert client.get(url("fr", "indicators:profile", layer="bassin", code="ZZ")).status_code == 404


def test_map_definition_and_csv(indicators_loaded, client):
    page = client.get(url("nl", "indicators:map", layer="commune", indicator="share_65plus"))
    text = page.content.decode()
    assert page.status_code == 200 and "Fisher-Jenks" in text
    # the key: the region's value, classes with their unit, each after the first above the last
    assert "Gewest: 13,12 %" in text
    keys = re.findall(r"</svg> (&gt; )?([\d,]+) – ([\d,]+ %)</li>", text)
    assert len(keys) >= 3 and keys[0][0] == "" and all(k[0] == "&gt; " for k in keys[1:])
    assert all(keys[i][1] == keys[i - 1][2].rstrip(" %") for i in range(1, len(keys)))
    geo = client.get(url("fr", "indicators:map-json", layer="commune", indicator="share_65plus"))
    data = geo.json()
    assert len(data["features"]) == 19 and data["metadata"]["legend"]
    assert (
        client.get(url("fr", "indicators:definition-json", indicator="bim_rate_2024")).json()[
            "polarity"
        ]
        == "higher_is_worse"
    )
    csv = client.get(url("fr", "indicators:csv", layer="bassin"))
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    assert csv.content.decode().splitlines()[0].startswith("indicator,layer,area_code,period")


def test_dashboard_parts(indicators_loaded):
    request = RequestFactory().get("/")
    with translation.override("fr"):
        part = dashboard.part(request, "SE")
        attention = dashboard.attention_part(request, "N")
    assert part["template"] == "indicators/site_part.html" and part["date"] == "2022-01-01"
    names = [row["name"] for row in part["context"]["rows"]]
    assert names[0] == "Population" and "Part des habitants de 80 ans et plus" in names
    assert attention["template"] == "indicators/attention_part.html"
    # the Monitoring rates have no interval: listed by rank, not as significant
    assert attention["context"]["ranked"] and all(
        row["layer"] == "Quartiers du Monitoring" for row in attention["context"]["ranked"]
    )


def test_no_part_without_indicators(db):
    assert dashboard.part(RequestFactory().get("/"), "N") is None
    assert dashboard.attention_part(RequestFactory().get("/"), "N") is None
