import pytest
from django.test import Client


@pytest.mark.parametrize("lang, title", [("fr", "Rapport de qualité de l'annuaire"),
                                         ("nl", "Kwaliteitsrapport van de sociale kaart")])
def test_quality_page_in_french_and_dutch(directory_loaded, lang, title):
    response = Client().get(f"/{lang}/directory/quality/")
    assert response.status_code == 200
    text = response.content.decode()
    assert title in text
    assert "afmps" in text and "suspected_duplicate" not in text.split("<h2")[1]  # sources table first


def test_quality_csv(directory_loaded):
    response = Client().get("/fr/directory/quality.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response.content.decode().startswith("record_type,record_id,source,name,issue,field,value")
