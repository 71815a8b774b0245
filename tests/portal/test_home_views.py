"""The home page and its JSON / GeoJSON twins, through Django's test client."""

import json

import pytest

pytestmark = pytest.mark.django_db


def test_home_in_french_lists_the_bassins(loaded_territories, client):
    response = client.get("/fr/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr">' in html
    for name in [
        "Centre-Ouest",
        "Nord-Est",
        "Sud-Est",
        "Anderlecht",
        "Bruxelles (partie: Bruxelles-Louise)",
    ]:
        assert name in html
    assert "34,05" in html and "724 secteurs statistiques" in html
    assert "+32 2 318 60 57" in html


def test_home_in_dutch(loaded_territories, client):
    html = client.get("/nl/").content.decode()
    assert '<html lang="nl">' in html
    for name in [
        "De vijf Brusselse zorgzones",
        "Centrum-West",
        "Noord-Oost",
        "Sint-Jans-Molenbeek",
        "Brussel-Louisa",
    ]:
        assert name in html


def test_home_json_twin(loaded_territories, client):
    data = client.get("/nl/index.json").json()
    by_code = {b["code"]: b for b in data["bassins"]}
    assert set(by_code) == {"N", "NE", "S", "SE", "CO"}
    assert by_code["S"]["name"] == "Zuid" and by_code["S"]["area_km2"] == pytest.approx(
        54.04, abs=0.01
    )
    assert sum(b["n_sectors"] for b in by_code.values()) == 724
    city = [c for c in by_code["N"]["communes"] if c["code"] == "21004"][0]
    assert city["whole"] is False and len(city["parts"]) == 3


def test_layer_geojson(loaded_territories, client):
    response = client.get("/fr/territories/bassin.geojson")
    assert response["Content-Type"].startswith("application/geo+json")
    collection = json.loads(response.content)
    assert [f["properties"]["code"] for f in collection["features"]] == ["CO", "N", "NE", "S", "SE"]
    assert client.get("/fr/territories/secret.geojson").status_code == 404
    assert (
        client.get("/fr/territories/qss.geojson").status_code == 404
    )  # not loaded: said, not invented


def test_home_without_territories_says_so(client):
    response = client.get("/fr/")
    assert response.status_code == 503
    assert "pas encore chargés" in response.content.decode()


def test_root_redirects_to_the_visitors_language(client):
    assert client.get("/")["Location"] == "/fr/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="nl-BE,nl;q=0.9")["Location"] == "/nl/"
