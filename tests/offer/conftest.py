"""Fixtures of the offer tests: the real territories, population and directory in the test database."""

import uuid

import pytest

from bassins.offer import data
from bassins.offer.analysis import OfferAnalysis
from bassins.web import cache

from . import golden
from .realdata import ensure_offer_data, package_data


@pytest.fixture(scope="package")
def _offer_data_package(django_db_setup, django_db_blocker):
    """Loads (and commits) the real data once for this package; flushes the database afterwards."""
    yield from package_data(django_db_blocker)


@pytest.fixture
def loaded_offer(_offer_data_package, django_db_blocker):
    """The real data for the offer analysis; reloaded when a transactional test flushed it."""
    with django_db_blocker.unblock():
        ensure_offer_data()


@pytest.fixture
def golden_site(monkeypatch):
    inputs = golden.inputs()
    inputs.names = golden.NAMES
    inputs.categories = golden.CATEGORIES
    analysis = OfferAnalysis(inputs)
    monkeypatch.setattr(data, "current_analysis", lambda: analysis)
    monkeypatch.setattr(data, "area_names", lambda layers=None: golden.NAMES)
    # pages are cached per data version: these data get a version of their own (no database read)
    version = uuid.uuid4().hex[:16]
    monkeypatch.setattr(cache, "data_version", lambda: version)
    return analysis
