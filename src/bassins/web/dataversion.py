"""The DATA VERSION: one key that changes whenever the data behind the public pages change.

Everything the public pages show that only changes with the data (the offer analysis, rendered pages,
the PDF, the map layers) is cached under this key, so an import or an admin edit is visible on the
next request and nothing needs to be invalidated by hand:

- the active territory generation (a territory load activates a new one);
- the population counts (count and latest id: a population load adds rows);
- the directory: its history (`Metadata`: every import and every edit through the admin writes one;
  count and latest date), the import runs, and the services, service locations and areas served
  (count and latest id: directory rows have UUID keys and may be deleted);
- the indicator loads (`IndicatorLoad`: count, latest id and latest load time: a reload of the same
  source rewrites its row, a tidy file adds one).

Not in it: what changes with the clock or with each visitor (the agenda's upcoming events and
registrations, the helpdesk's cases): those are answered live.

Computing it costs one SQL statement of indexed aggregates (about a millisecond).
"""

from __future__ import annotations

import hashlib


def data_version_key() -> tuple:
    """The data version as a tuple of plain values (see the module docstring for what goes in).

    One SQL statement of scalar subqueries (the same on SQLite and PostgreSQL): it runs on every
    request that a cache serves, so it must cost next to nothing."""
    from django.db import connection

    from bassins.directory.models import (
        ImportRun,
        Metadata,
        Service,
        ServiceArea,
        ServiceAtLocation,
    )
    from bassins.indicators.models import IndicatorLoad
    from bassins.population.models import PopulationCount
    from bassins.territory.models import Generation
    from bassins.territory.store import MAIN_VINTAGE

    quote = connection.ops.quote_name

    def table(model) -> str:
        return quote(model._meta.db_table)

    def pk(model) -> str:
        column = quote(model._meta.pk.column)
        # PostgreSQL has no MAX(uuid): compare UUID keys as text (the same on SQLite)
        uuid_key = model._meta.pk.get_internal_type() == "UUIDField"
        return f"CAST({column} AS TEXT)" if uuid_key else column

    parts = [
        f"(SELECT MAX({pk(Generation)}) FROM {table(Generation)} "
        f"WHERE {quote('active')} = %s AND {quote('vintage')} = %s)",
        f"(SELECT MAX({quote('last_action_date')}) FROM {table(Metadata)})",
        f"(SELECT MAX({quote('loaded_at')}) FROM {table(IndicatorLoad)})",
    ]
    models = (PopulationCount, Metadata, ImportRun, ServiceAtLocation, ServiceArea, Service)
    for model in (*models, IndicatorLoad):
        parts.append(f"(SELECT COUNT(*) FROM {table(model)})")
        parts.append(f"(SELECT MAX({pk(model)}) FROM {table(model)})")
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), [True, MAIN_VINTAGE])
        return tuple(str(value) for value in cursor.fetchone())


def data_version() -> str:
    """The data version as a short string, fit for a cache key or an ETag."""
    return hashlib.sha256(repr(data_version_key()).encode()).hexdigest()[:16]
