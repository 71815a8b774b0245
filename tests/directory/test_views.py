import pytest
from django.test import Client
from localurls import url

#: English texts that used to leak into the French and Dutch quality page (codes and stored reasons).
ENGLISH = [
    "linked to the official record of the same place",
    "contact (phone, e-mail or web site)",
    "never verified",
    "similar names",
    "m apart",
    "same postcode",
    "directory_sample",
    "Pharmacy register",
    "Hospital sites",
]


@pytest.mark.parametrize(
    "lang, title, words",
    [
        (
            "fr",
            "Rapport de qualité de l'annuaire",
            [
                "lié à la fiche officielle du même lieu (AFMPS)",
                "Registre des pharmacies (AFMPS)",
                "Échantillon de l&#x27;annuaire",
                "Problèmes à vérifier ou à corriger, un par ligne",
            ],
        ),
        (
            "nl",
            "Kwaliteitsrapport van de sociale kaart",
            [
                "gekoppeld aan de officiële fiche van dezelfde plaats (FAGG)",
                "Register van de apotheken (FAGG)",
                "Steekproef uit de sociale kaart",
                "Te controleren of te verbeteren problemen, één per rij",
            ],
        ),
    ],
)
def test_quality_page_in_french_and_dutch(directory_loaded, lang, title, words):
    response = Client().get(url(lang, "directory:quality"))
    assert response.status_code == 200
    text = response.content.decode()
    assert title in text
    assert "suspected_duplicate" not in text.split("<h2")[1]  # sources table first
    assert text.count("<caption>") == 3
    for word in words:
        assert word in text
    assert [english for english in ENGLISH if english in text] == []


@pytest.mark.parametrize("issue", ["missing_field", "stale", "suspected_duplicate"])
def test_quality_page_details_of_one_kind_in_dutch(directory_loaded, issue):
    text = Client().get(url("nl", "directory:quality") + f"?issue={issue}").content.decode()
    assert "van de soort" in text.split("<caption>")[3]
    assert [english for english in ENGLISH if english in text] == []


def test_quality_csv(directory_loaded):
    response = Client().get(url("fr", "directory:quality_csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="annuaire-qualite-' in response["Content-Disposition"]
    text = response.content.decode()
    assert text.startswith("Fiche,Identifiant de la fiche,Source,Nom,Problème,Champ,Valeur\n")
    assert "missing_field" not in text and "Champ manquant" in text


def test_quality_csv_in_dutch(directory_loaded):
    response = Client().get(url("nl", "directory:quality_csv"))
    assert 'filename="sociale-kaart-kwaliteit-' in response["Content-Disposition"]
    text = response.content.decode()
    assert text.startswith("Fiche,Identificatie van de fiche,Bron,Naam,Probleem,Veld,Waarde\n")
    assert "contact (telefoon, e-mail of website)" in text
    assert [english for english in ENGLISH if english in text] == []
