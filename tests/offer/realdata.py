"""Loading the real data the offer analysis needs into the test database (territories, population,
directory), once, and again only when a transactional test has flushed the database."""

from __future__ import annotations


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


def flush_offer_data() -> None:
    """Empty the test database again (as a transactional test does) and forget cached analyses."""
    from django.core.management import call_command

    from bassins.offer import data
    from bassins.territory import store

    call_command("flush", interactive=False, verbosity=0)
    store._index_for.cache_clear()
    store._address_locator_for.cache_clear()
    data.clear_cache()
