"""Loading the real data the offer analysis needs into the test database (territories, population,
directory, and the indicators built from them), once, and again only when a transactional test has
flushed the database."""

from __future__ import annotations

MARKERS = (
    "boundaries/statbel_sectors_bxl_2022.gpkg",
    "population/statbel_population_by_sex_commune_bxl_2020.csv",
    "services/directory_sample_bxl.csv",
)


def require_real_data() -> None:
    """Tests on the real data fail (they do not skip) when the data directory lacks it."""
    import pytest

    from bassins.config import data_dir

    missing = [name for name in MARKERS if not (data_dir() / name).exists()]
    if missing:
        pytest.fail(
            f"real data not found in {data_dir()} ({', '.join(missing)}): set BASSINS_DATA_DIR or run "
            "`bassins data fetch`"
        )


def package_data(django_db_blocker):
    """The body of a package-scoped fixture: the real data loaded (and committed) once for the package,
    before any test transaction begins; the database flushed afterwards, so that later tests find it as
    they expect (empty)."""
    require_real_data()
    with django_db_blocker.unblock():
        ensure_offer_data()
    yield
    with django_db_blocker.unblock():
        flush_offer_data()


def ensure_offer_data() -> None:
    from bassins.directory import importers
    from bassins.directory.models import Service
    from bassins.offer import data
    from bassins.population import store as population_store
    from bassins.population.models import PopulationCount
    from bassins.territory import loader, store
    from bassins.territory.models import Generation

    if not Generation.objects.filter(active=True, vintage=store.MAIN_VINTAGE).exists():
        loader.load_territories()
        store._index_for.cache_clear()
        store._address_locator_for.cache_clear()
    if not PopulationCount.objects.exists():
        population_store.load()
    if not Service.objects.exists():
        importers.load_all()
    data.clear_cache()
    from bassins.indicators import store as indicators_store
    from bassins.indicators.models import IndicatorValue

    if not IndicatorValue.objects.exists():  # the indicator pages read the three above
        indicators_store.load()


def flush_offer_data() -> None:
    """Empty the test database again (as a transactional test does) and forget cached analyses."""
    from django.core.management import call_command

    from bassins.offer import data
    from bassins.territory import store

    call_command("flush", interactive=False, verbosity=0)
    store._index_for.cache_clear()
    store._address_locator_for.cache_clear()
    data.clear_cache()
