"""Screening of free text: national numbers (checksum, 2000+ rule, bis), phones, e-mails, streets."""

from __future__ import annotations

import pytest

from bassins.helpdesk import screening


def national_number(yy, mm, dd, seq, *, born_2000s=False):
    base = int(f"{yy:02d}{mm:02d}{dd:02d}{seq:03d}")
    check = 97 - ((2_000_000_000 + base if born_2000s else base) % 97)
    return f"{yy:02d}{mm:02d}{dd:02d}{seq:03d}{check:02d}"


def test_checksum_before_and_after_2000():
    before = national_number(85, 7, 30, 33)
    assert before == "85073003328"
    assert screening.valid_national_number(before)
    after = national_number(5, 3, 1, 12, born_2000s=True)
    assert after == "05030101216"
    assert screening.valid_national_number(after)
    # the same digits with a checksum one off are not a national number
    assert not screening.valid_national_number(after[:-2] + f"{int(after[-2:]) % 97 + 1:02d}")
    assert not screening.valid_national_number("12345678901")


def test_bis_number_and_unknown_birth_date():
    assert screening.valid_national_number(national_number(85, 27, 30, 33))  # month + 20
    assert screening.valid_national_number(national_number(85, 47, 30, 33))  # month + 40
    assert screening.valid_national_number(national_number(85, 0, 0, 33))
    assert not screening.valid_national_number(national_number(85, 13, 30, 33))


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        ("rijksregisternummer 85.07.30-033.28", ["national_number"]),
        ("NN 05030101216 à vérifier", ["national_number"]),
        ("appeler le 0470 12 34 56 demain", ["phone"]),
        ("bellen op +32 2 512 34 56", ["phone"]),
        ("joindre via j.dupont@example.be", ["email"]),
        ("habite rue de la Loi 16", ["address"]),
        ("woont in de Wetstraat 16 bus 3", ["address"]),
        ("au 12, place Flagey", ["address"]),
        ("Grand-Place 1, 1000 Bruxelles", ["address"]),
    ],
)
def test_identifying_details_found(text, kinds):
    assert screening.kinds_found(text) == kinds


@pytest.mark.parametrize(
    "text",
    [
        "orientée vers le CPAS d'Anderlecht le 3 mars 2025, 2 entretiens",
        "3 enfants de 4, 7 et 12 ans; attente 15 min",
        "doorverwezen naar het OCMW van Schaarbeek, wachtlijst 6 maanden",
        "RDV 10/03 à 14h30, dossier 2024-118",
        "12345678901 n'est pas un numéro valide",
    ],
)
def test_ordinary_notes_pass(text):
    assert screening.kinds_found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Madame Dupont a appelé pour sa mère",
        "rappeler M. Janssens demain",
        "mevrouw Peeters belt terug",
        "mevrouw De Smet, 82 jaar",
        "gesprek met dhr. Vandenbroucke",
        "de heer El Amrani komt langs",
        "Mr Smith needs a flat",
        "Mme van den Bossche attend une place",
        "MONSIEUR DUPONT sans logement",
        "sa fille s'appelle Fatima",
        "elle s’appelle Aïcha et a 3 enfants",
        "de cliënt heet Mohamed",
        "zij heet Anna",
        "her name is Maria",
        "prénom : Karim",
        "voornaam: Lotte",
    ],
)
def test_person_names_found(text):
    assert screening.kinds_found(text) == ["person_name"], text


@pytest.mark.parametrize(
    "text",
    [
        "orientée vers la Maison Médicale Marconi",
        "le service s'appelle Maison Médicale Marconi",
        "CPAS d'Anderlecht, puis Infor-Drogues",
        "Madame a appelé, elle cherche un logement",
        "Monsieur est sans abri depuis 3 mois",
        "madame la directrice du CPAS rappellera",
        "contact avec Monsieur le Bourgmestre",
        "doorverwezen naar Huis van het Nederlands",
        "de dienst heet Brussel Onthaal",
        "meneer is dakloos, mevrouw zoekt werk",
        "RDV à l'hôpital Saint-Pierre, Rue Haute",
        "MS patient, wachtlijst Nationaal MS Centrum",
        "the service named after Jules Bordet",
    ],
)
def test_service_and_role_words_are_not_names(text):
    assert "person_name" not in screening.kinds_found(text), text
