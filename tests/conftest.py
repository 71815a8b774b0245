"""Shared fixtures: the real territories loaded once per test session."""

from __future__ import annotations

import pytest

from bassins.config import data_dir


def require_real_data() -> None:
    """Tests on the real data fail loudly (they do not skip) when the data directory is missing."""
    marker = data_dir() / "boundaries" / "statbel_sectors_bxl_2022.gpkg"
    if not marker.exists():
        pytest.fail(
            f"real data not found in {data_dir()}: set BASSINS_DATA_DIR or run `bassins data fetch`"
        )


@pytest.fixture(scope="session")
def real_territories():
    """The Territories object built from the real files (pure, no database)."""
    require_real_data()
    from bassins.config import data_file
    from bassins.territory import sources
    from bassins.territory.layers import build_territories

    return build_territories(
        sources.read_sectors(data_file("boundaries/statbel_sectors_bxl_2022.gpkg")),
        sources.read_quartier_table(data_file("reference/ibsa_sector_quartier_commune_2024.csv")),
        sources.read_bassin_table(data_file("reference/bassins_2024.csv")),
        vintage="2022",
    )


@pytest.fixture
def loaded_territories(django_db_setup, django_db_blocker):
    """The real territories in the test database, loaded (and committed) once and reloaded only when a
    transactional test has flushed them. Request it before `db` so the load is not rolled back."""
    require_real_data()
    from bassins.territory import loader, store
    from bassins.territory.models import Generation

    with django_db_blocker.unblock():
        if not Generation.objects.filter(active=True, vintage=store.MAIN_VINTAGE).exists():
            loader.load_territories()
        store._index_for.cache_clear()
        store._address_locator_for.cache_clear()
        return store.active_generation()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: a request through the test client activates its
    page's language in the thread and leaves it active, so a lazy string read after a Dutch page
    would be Dutch in the next test."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with an empty cache: pages cached per data version by an earlier test (on the
    same data, so the same version) must not hide what this test changes by monkeypatching."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def directory_loaded(loaded_territories, db):
    """Every real directory source loaded (inside the test's transaction), with the load reports."""
    from bassins.directory import importers

    return {report.source: report for report in importers.load_all()}
