"""The provenance block speaks the reader's language, population sources included."""

import html as htmllib
import re

import pytest
from localurls import url

from bassins.offer.provenance import apportionment_lines, population_source
from bassins.population import readers

from . import handmade

LABELS = [
    readers.COMMUNE_SOURCE_LABEL,
    readers.C2020_SOURCE_LABEL,
    readers.SECTOREN_SOURCE_LABEL.format(year=2024),
]


@pytest.mark.parametrize("lang, words", [("fr", "population par"), ("nl", "bevolking")])
def test_population_sources_are_translated(lang, words):
    for label in LABELS:
        text = population_source(label, lang)
        assert text != label and text.startswith("Statbel") and words in text
        assert "OPENDATA" not in text and "test" not in text  # no file name, no "test data"
    assert population_source(LABELS[2], lang).endswith(", 2024")


def test_population_sources_in_english_and_unknown_ones_stay_as_they_are():
    assert [population_source(label, "en") for label in LABELS] == [
        "Statbel, population by place of residence and sex, per commune",
        "Statbel, population per statistical sector, secondary copy (prepared by Sciensano, "
        "published by SwissTPH)",
        "Statbel, population per statistical sector, 2024",
    ]
    assert population_source("IBSA, population 2023", "fr") == "IBSA, population 2023"


@pytest.mark.parametrize(
    "lang, narrowed, within",
    [
        (
            "fr",
            "3 d'entre eux sont connus par un code postal : chacun n'est réparti qu'entre les "
            "territoires contenant les sous-communes que couvre ce code postal",
            "21004 (par code postal : 21004A, 21004C) → CO 25,0 %, S 75,0 %",
        ),
        (
            "nl",
            "3 ervan zijn gekend per postcode: elk daarvan wordt enkel verdeeld over de gebieden "
            "met de deelgemeenten die deze postcode dekt",
            "21004 (volgens postcode: 21004A, 21004C) → CO 25,0 %, S 75,0 %",
        ),
        (
            "en",
            "3 of them are known by a postcode: each of those is shared only among the areas "
            "holding the sub-municipalities that postcode covers",
            "21004 (by postcode: 21004A, 21004C) → CO 25.0 %, S 75.0 %",
        ),
    ],
)
def test_estimated_shares_say_the_postcode_narrows_the_candidates(lang, narrowed, within):
    lines = apportionment_lines(
        handmade.city_analysis(), lang, ("bassin",), lambda layer, code: code
    )
    assert len(lines) == 1 and narrowed in lines[0] and within in lines[0]


@pytest.mark.django_db
@pytest.mark.realdata
@pytest.mark.parametrize(
    "lang, sector_source",
    [
        ("fr", "Statbel, population par secteur statistique, copie secondaire"),
        ("nl", "Statbel, bevolking per statistische sector, secundaire kopie"),
    ],
)
def test_real_page_names_its_sources_in_the_readers_language(
    client, loaded_offer, lang, sector_source
):
    html = htmllib.unescape(client.get(url(lang, "offer:bassin", code="N")).content.decode())
    assert sector_source in html
    assert {
        "fr": "Sites hospitaliers (SPF Santé publique) : ",
        "nl": "Ziekenhuisvestigingen (FOD Volksgezondheid): ",
    }[lang] in html
    # no internal wording in what the page says: no file names, "test data", "service(s)", ISO dates
    text = re.sub(r"<[^>]+>", " ", html.split("<main")[1].split("</main>")[0])
    assert ".csv" not in text and ".xlsx" not in text and "OPENDATA_SECTOREN" not in text
    assert {"fr": "données de test", "nl": "testgegevens"}[lang] not in text
    assert "(s)" not in text and "(en)" not in text
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", text)
    assert (
        "hospitals (" not in html and "directory_sample (" not in html and "import osm" not in html
    )
    assert readers.C2020_SOURCE_LABEL not in html and readers.COMMUNE_SOURCE_LABEL not in html
