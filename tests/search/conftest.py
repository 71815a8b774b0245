"""Fixtures of the search tests: hand-made categories and documents, and a fresh live index."""

from __future__ import annotations

import pytest

from bassins.search import maintain
from bassins.search.concepts import Category, Concepts
from bassins.search.engine import LiveIndex
from bassins.search.index import Document, Index


@pytest.fixture(autouse=True)
def fresh_index():
    """Each test builds its own index from its own database."""
    maintain.reset()
    yield
    maintain.reset()


CATEGORIES = [
    Category(
        "cpas",
        None,
        {"fr": "CPAS", "nl": "OCMW", "en": "Social welfare centre"},
        {"fr": ("aide sociale", "revenu d'intégration"), "nl": ("leefloon",)},
    ),
    Category(
        "medical_house",
        None,
        {"fr": "Maison médicale", "nl": "Wijkgezondheidscentrum", "en": "Medical house"},
        {"fr": ("médecin généraliste",), "nl": ("huisarts",)},
    ),
    Category(
        "addiction",
        None,
        {"fr": "Assuétudes", "nl": "Verslavingszorg", "en": "Addiction"},
        {"fr": ("drogues", "alcool"), "nl": ("verslaving", "drugs")},
    ),
    Category("addiction.alcohol", "addiction", {"fr": "Alcool"}, {}),
    Category(
        "homelessness",
        None,
        {"fr": "Sans-abrisme", "nl": "Dakloosheid", "en": "Homelessness"},
        {"fr": ("sans-abri", "hébergement d'urgence"), "nl": ("dakloos", "nachtopvang")},
    ),
    Category(
        "family_planning",
        None,
        {"fr": "Planning familial", "nl": "Gezinsplanning", "en": "Family planning"},
        {"fr": ("IVG", "avortement"), "nl": ("abortus",)},
    ),
]

WEEKDAYS_9_17 = tuple((day, 9 * 60, 17 * 60) for day in range(5))


def doc(doc_id, name, category, **kwargs) -> Document:
    texts = {"name": [("fr", name)], "body": [("fr", kwargs.pop("body", ""))]}
    kwargs.setdefault("rules", WEEKDAYS_9_17)
    kwargs.setdefault("hours_known", bool(kwargs["rules"]))
    return Document(
        id=doc_id,
        service_id=f"s-{doc_id}",
        texts=texts,
        categories=(category,) if category else (),
        primary=category,
        **kwargs,
    )


def documents() -> list[Document]:
    return [
        doc(
            "a1",
            "CPAS de Schaerbeek",
            "cpas",
            commune="21015",
            bassin="NE",
            monitoring="M1",
            lat=50.867,
            lon=4.377,
            exact_point=True,
            areas=(("commune", "21015"),),
            languages=("fr", "nl"),
            body="Revenu d'intégration et aides sociales pour les habitants.",
        ),
        doc(
            "a2",
            "CPAS d'Anderlecht",
            "cpas",
            commune="21001",
            bassin="CO",
            monitoring="M2",
            lat=50.836,
            lon=4.309,
            exact_point=True,
            areas=(("commune", "21001"),),
            languages=("fr",),
            body="Aide sociale et financière.",
        ),
        doc(
            "b1",
            "Maison médicale du Nord",
            "medical_house",
            commune="21015",
            bassin="NE",
            lat=50.86,
            lon=4.37,
            free=True,
            wheelchair=True,
            languages=("fr", "ar"),
            body="Médecine générale au forfait, kinésithérapie.",
        ),
        doc(
            "c1",
            "Projet Lama",
            "addiction",
            commune="21001",
            bassin="CO",
            lat=50.84,
            lon=4.33,
            min_age=18,
            body="Traitement de substitution à la méthadone pour usagers de drogues.",
            rules=tuple((day, 20 * 60, 24 * 60) for day in range(7))
            + tuple((day, 0, 8 * 60) for day in range(7)),
        ),
        doc(
            "c2",
            "Centre alcool Bruxelles",
            "addiction.alcohol",
            commune="21004",
            bassin="CO",
            lat=50.85,
            lon=4.35,
            status="temporarily closed",
            body="Consultations pour problèmes d'alcool.",
        ),
        doc(
            "d1",
            "Samusocial",
            "homelessness",
            commune="21004",
            bassin="CO",
            lat=50.85,
            lon=4.34,
            areas=(("region", "04000"),),
            body="Hébergement d'urgence de nuit pour personnes sans-abri.",
            rules=tuple((day, 0, 24 * 60) for day in range(7)),
            display={"always_open": True},
        ),
        doc(
            "e1",
            "Planning familial de Saint-Gilles",
            "family_planning",
            commune="21013",
            bassin="S",
            lat=50.83,
            lon=4.345,
            min_age=12,
            max_age=99,
            body="Contraception, interruption volontaire de grossesse, consultations jeunes.",
            rules=(),
            hours_known=False,
        ),
    ]


@pytest.fixture
def concepts() -> Concepts:
    return Concepts(CATEGORIES)


@pytest.fixture
def live(concepts) -> LiveIndex:
    return LiveIndex(Index(documents(), concepts))
