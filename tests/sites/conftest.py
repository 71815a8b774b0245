"""Fixtures of the bassin sites' tests: the real territories, population and directory loaded once."""

import pytest
from offer.realdata import ensure_offer_data, package_data

from bassins.agenda import seed


@pytest.fixture(scope="package")
def _sites_data_package(django_db_setup, django_db_blocker):
    yield from package_data(django_db_blocker)


@pytest.fixture
def loaded_site(_sites_data_package, django_db_blocker):
    """Every page has its data (reloaded when a transactional test flushed it, which also removes
    the working groups the agenda's migration seeds)."""
    with django_db_blocker.unblock():
        ensure_offer_data()
        seed.ensure_working_groups()
