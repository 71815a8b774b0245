"""The offer's block on the bassins' sites (bassins.offer.dashboard) on the real data: the counts
beside the rates, the same figures as the offer page, the estimated share said."""

import pytest
from django.test import RequestFactory
from django.utils import translation

from bassins.offer import dashboard
from bassins.offer.counts import TOTAL
from bassins.offer.data import current_analysis

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]


def test_the_part_follows_the_contract(loaded_offer):
    with translation.override("fr"):
        part = dashboard.part(RequestFactory().get("/fr/bassin/nord/"), "N")
        title = str(part["title"])  # a lazy string: read in the page's language
    assert part["template"] == "offer/site_part.html"
    assert part["url"] == "/fr/offre/bassin/N/" and part["date"] == "2020-01-01"
    assert title == "Offre de services"


def test_counts_beside_rates_as_on_the_offer_page(loaded_offer):
    summary = dashboard.offer_summary("N", "fr")
    analysis = current_analysis()
    assert (
        summary["count"]
        == int(analysis.counts("head_office", "bassin").table.at["N", TOTAL])
        == 106
    )
    bassin, region = summary["rows"]
    assert (bassin["count"], bassin["rate"], bassin["interval"]) == ("106", "0,51", "0,42–0,62")
    assert region["count"] == "792" and region["estimated_rate"] is False
    assert bassin["estimated_rate"] is True and summary["estimated"] == "4,4"
    assert summary["not_placed"] == "64" and summary["has_estimate"]
    assert summary["facts"][0].startswith("Nord : 106 services")
    assert dashboard.offer_summary("XX", "fr") is None


def test_no_part_while_the_data_are_not_loaded(db, monkeypatch):
    from bassins.errors import DataNotLoadedError

    def not_loaded():
        raise DataNotLoadedError("the directory is empty")

    monkeypatch.setattr(dashboard.data, "current_analysis", not_loaded)
    assert dashboard.part(RequestFactory().get("/"), "N") is None
