"""The "find your bassin" box: a postcode, an address or a commune name -> the bassin(s), their helpdesk
line and pages; on the real territories, as HTML (no JavaScript) and as JSON."""

import html as htmllib

import pytest
from localurls import url

from bassins.portal.finder import split_query

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query, postcode, name",
    [
        ("1030", "1030", ""),
        (" 1000 Bruxelles ", "1000", "Bruxelles"),
        ("Rue Haute 12, 1000 Bruxelles", "1000", "Bruxelles"),
        ("Chaussée de Haecht 12, 1030", "1030", "Chaussée de Haecht"),
        ("Ixelles", "", "Ixelles"),
    ],
)
def test_split_query(query, postcode, name):
    assert split_query(query) == (postcode, name)


def answer(client, lang, query):
    response = client.get(url(lang, "portal:find-json"), {"q": query})
    assert response.status_code == 200
    return response.json()


def test_a_postcode_of_one_bassin(loaded_territories, client):
    found = answer(client, "fr", "1030")
    assert [b["code"] for b in found["bassins"]] == ["NE"] and not found["ambiguous"]
    assert [c["code"] for c in found["communes"]] == ["21015"]
    assert found["bassins"][0]["helpdesk_phone"].startswith("+32")
    assert found["bassins"][0]["url"] == "/fr/offre/bassin/NE/"
    assert found["message"] == "1030 (Schaerbeek) fait partie du bassin Nord-Est."
    # "Bruxelles" after a postcode names the city, not the commune Bruxelles-Ville
    assert [b["code"] for b in answer(client, "fr", "1030 Bruxelles")["bassins"]] == ["NE"]


def test_a_postcode_that_spans_two_bassins_lists_both(loaded_territories, client):
    found = answer(client, "nl", "Hoogstraat 12, 1000 Brussel")
    assert found["ambiguous"] and sorted(b["code"] for b in found["bassins"]) == ["CO", "S"]
    assert all(b["helpdesk_phone"] for b in found["bassins"])
    assert {b["url"] for b in found["bassins"]} == {
        "/nl/aanbod/zorgzone/CO/",
        "/nl/aanbod/zorgzone/S/",
    }
    assert found["message"].startswith("1000 ligt in 2 zorgzones: ")
    assert "Centrum-West" in found["message"] and "Zuid" in found["message"]


@pytest.mark.parametrize(
    "query, bassins",
    [
        ("1020", ["N"]),
        ("1050 Ixelles", ["S"]),
        ("1040", ["CO", "SE"]),
        ("Rue des Champs 3, 1040 Etterbeek", ["SE"]),
        ("Etterbeek", ["SE"]),
        ("1180", ["S"]),
        ("Bruxelles", ["CO", "N", "S"]),
    ],
)
def test_other_places(loaded_territories, client, query, bassins):
    assert sorted(b["code"] for b in answer(client, "fr", query)["bassins"]) == bassins


@pytest.mark.parametrize(
    "query, words",
    [
        ("", "Tapez un code postal"),
        ("9000", "en dehors de la Région"),
        ("1999", "Aucun code postal ni commune de Bruxelles"),
        ("<script>alert(1)</script>", "Aucun code postal ni commune de Bruxelles"),
    ],
)
def test_what_is_not_found_says_why(loaded_territories, client, query, words):
    found = answer(client, "fr", query)
    assert found["bassins"] == [] and words in found["message"]


def test_the_box_works_without_javascript(loaded_territories, client):
    home = client.get("/fr/").content.decode()
    assert f'<form method="get" action="{url("fr", "portal:find")}"' in home
    response = client.get(url("fr", "portal:find"), {"q": "1000"})
    assert response.status_code == 200
    page = htmllib.unescape(response.content.decode())
    box = page.split('id="find-answer"')[1]
    assert "1000 s'étend sur 2 bassins" in box
    assert 'href="/fr/offre/bassin/CO/"' in box and 'href="/fr/offre/bassin/S/"' in box
    assert box.count('href="tel:') == 2 and 'value="1000"' in page
    # an HTML payload is escaped, never reflected
    hostile = client.get(url("fr", "portal:find"), {"q": "<img src=x onerror=alert(1)>"})
    assert "<img src=x" not in hostile.content.decode()
