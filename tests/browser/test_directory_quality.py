"""The directory quality page in a real browser, in Dutch and French: every text in the reader's language
(no English leaks for the strings that used to leak), captioned tables, accessibility holds."""

from __future__ import annotations

import pytest
from localurls import path_in

pytestmark = [pytest.mark.browser, pytest.mark.realdata, pytest.mark.django_db(transaction=True)]

#: English texts that leaked into the French and Dutch page before (stored reasons, field codes, sources).
ENGLISH = [
    "linked to the official record of the same place",
    "contact (phone, e-mail or web site)",
    "never verified",
    "similar names",
    "same address",
    "same postcode",
    "m apart",
    "possibly the same place",
    "directory_sample",
    "Pharmacy register",
    "Hospital sites",
]
EXPECTED = {
    "nl": {
        "h1": "Kwaliteitsrapport van de sociale kaart",
        "excluded": "402: gekoppeld aan de officiële fiche van dezelfde plaats (FAGG)",
        "field": "contact (telefoon, e-mail of website)",
        "captions": [
            "Diensten en plaatsen per bron, met de fiches die de laatste import niet als afzonderlijke "
            "fiches heeft geladen",
            "Aantal problemen per soort (rijen) en per bron (kolommen)",
            "Te controleren of te verbeteren problemen, één per rij",
        ],
        "duplicate": "gelijkaardige namen (100), zelfde adres, zelfde postcode 1160; score 100",
    },
    "fr": {
        "h1": "Rapport de qualité de l'annuaire",
        "excluded": "402 : lié à la fiche officielle du même lieu (AFMPS)",
        "field": "contact (téléphone, e-mail ou site web)",
        "captions": [
            "Services et lieux par source, avec les fiches que le dernier import n'a pas chargées comme "
            "fiches distinctes",
            "Nombre de problèmes par type (lignes) et par source (colonnes)",
            "Problèmes à vérifier ou à corriger, un par ligne",
        ],
        "duplicate": "noms semblables (100), même adresse, même code postal 1160 ; score 100",
    },
}


@pytest.fixture
def directory_data(loaded_territories, django_db_blocker):
    """The real directory and its duplicate queue, loaded again after each transactional test's flush."""
    from bassins.directory import importers, reports
    from bassins.directory.models import Service

    with django_db_blocker.unblock():
        if not Service.objects.exists():
            importers.load_all()
            reports.refresh_queue()


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_quality_page_speaks_the_readers_language(
    directory_data, page_in, assert_accessible, offsite_requests, page_errors, lang
):
    expected = EXPECTED[lang]
    page = page_in(lang, path_in(lang, "directory:quality"))
    assert page.locator("h1").inner_text() == expected["h1"]
    assert page.locator("table.data caption").all_inner_texts() == expected["captions"]
    osm_row = page.locator("table.data").first.locator("tr", has_text="OpenStreetMap")
    assert osm_row.locator("td").last.inner_text() == expected["excluded"]
    text = page.locator("main").inner_text()
    assert expected["field"] in text
    assert [english for english in ENGLISH if english in text] == []
    assert_accessible(page)

    page = page_in(lang, path_in(lang, "directory:quality") + "?issue=suspected_duplicate")
    text = page.locator("main").inner_text()
    assert expected["duplicate"] in text  # CHIREC – Delta, sample directory ~ hospital site
    assert [english for english in ENGLISH if english in text] == []
    assert offsite_requests == [] and page_errors == []
    assert_accessible(page)
