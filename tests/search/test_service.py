"""Reading search parameters: the person's commune gives their bassin when it lies in one."""

from __future__ import annotations

import pytest

from bassins.search import service

pytestmark = pytest.mark.realdata


def test_the_person_s_bassin_follows_from_the_commune(loaded_territories, db):
    near = service.request_from({"q": "aide", "near": "Forest"})
    assert (near.person_commune, near.person_bassin) == ("21007", "S")
    assert service.request_from({"commune": "21015"}).person_bassin == "NE"
    # Bruxelles-Ville lies in three bassins: none is assumed
    assert service.request_from({"commune": "21004"}).person_bassin is None
    assert service.request_from({"near": "1000"}).person_bassin is None
    # a bassin given beside the commune is kept
    both = service.request_from({"commune": "21004", "bassin": "N"})
    assert (both.person_commune, both.person_bassin) == ("21004", "N")


def test_a_service_of_the_person_s_bassin_serves_them(directory_loaded):
    from bassins.search import engine, maintain

    request = service.request_from(
        {"q": "helpdesk orientation situation complexe", "near": "Forest"}
    )
    hits = engine.search(maintain.live_index(), request).hits
    sud = next(h for h in hits if ("bassin", "S") in h.doc.areas)
    assert sud.coverage == 2 and sud.why["area"] == "serves"
    assert hits[0].coverage == 2
