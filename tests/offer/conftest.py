"""Fixtures of the offer tests: the real territories, population and directory in the test database."""

import pytest

from bassins.config import data_dir

from .realdata import ensure_offer_data, flush_offer_data


def _require_real_data() -> None:
    if not (data_dir() / "services" / "directory_sample_bxl.csv").exists():
        pytest.fail(f"real data not found in {data_dir()}: set BASSINS_DATA_DIR or run `bassins data fetch`")


@pytest.fixture(scope="package")
def _offer_data_package(django_db_setup, django_db_blocker):
    """Loads (and commits) the real data once for this package, before any test transaction begins;
    flushes the database afterwards so that later tests find it as they expect (empty)."""
    _require_real_data()
    with django_db_blocker.unblock():
        ensure_offer_data()
    yield
    with django_db_blocker.unblock():
        flush_offer_data()


@pytest.fixture
def loaded_offer(_offer_data_package, django_db_blocker):
    """The real data for the offer analysis; reloaded when a transactional test flushed it."""
    with django_db_blocker.unblock():
        ensure_offer_data()
