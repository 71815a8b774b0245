"""Fixtures of the site-wide tests: the real territories, population and directory in the test database."""

import pytest

from bassins.config import data_dir
from offer.realdata import ensure_offer_data, flush_offer_data

MARKERS = ("boundaries/statbel_sectors_bxl_2022.gpkg", "services/directory_sample_bxl.csv")


@pytest.fixture(scope="package")
def _site_data_package(django_db_setup, django_db_blocker):
    """Loads (and commits) the real data once for this package; flushes the database afterwards."""
    missing = [name for name in MARKERS if not (data_dir() / name).exists()]
    if missing:
        pytest.fail(f"real data not found in {data_dir()} ({', '.join(missing)}): set BASSINS_DATA_DIR or run "
                    "`bassins data fetch`")
    with django_db_blocker.unblock():
        ensure_offer_data()
    yield
    with django_db_blocker.unblock():
        flush_offer_data()


@pytest.fixture
def loaded_site(_site_data_package, django_db_blocker):
    """Every page has its data (reloaded when a transactional test flushed it)."""
    with django_db_blocker.unblock():
        ensure_offer_data()
