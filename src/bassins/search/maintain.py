"""The live search index of this process: built from the database, kept current after every edit.

`live_index()` returns the index, first bringing it up to date:
* an import (a new `ImportRun`) or a change to the taxonomy (its synonyms shape every document)
  rebuilds the whole index;
* an edit through the admin writes its history (`Metadata`, bassins.directory.history): the records it
  names are mapped to the service_at_locations they show in, which are read again and replace their old
  documents in an overlay (`engine.LiveIndex.replace`), in milliseconds, without a rebuild;
* a save or delete made in this process outside the admin (code, shell) is caught by Django's
  post_save / post_delete signals and handled the same way.
The freshness check is one SQL statement of two indexed aggregates (`_version`). It runs before a
search when this process saw a change (a signal, above: an admin save is always seen by the next
search), and otherwise at most once per FRESHNESS_SECONDS (setting `BASSINS_SEARCH_FRESHNESS_SECONDS`,
default 1 s), so another server process's edit or import is seen within that interval, and a search
does not pay a database round trip, which on a loaded machine costs more than the ranking.
"""

from __future__ import annotations

import datetime as dt
import gc
import threading
import time
import uuid

from django.conf import settings
from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from bassins.directory import models as directory_models
from bassins.directory.history import TABLE_OF
from bassins.search import documents as docs_module
from bassins.search.engine import LiveIndex
from bassins.search.index import Index

_lock = threading.RLock()
_state: dict = {
    "live": None,
    "version": None,
    "pending": [],
    "checked": 0.0,
    "dirty": False,
    "stamp": None,
}
#: Past this many service_at_locations touched at once, rebuild rather than patch.
PATCH_LIMIT = 2000
#: Seconds between two freshness checks when this process saw no change.
FRESHNESS_SECONDS = 1.0


def freshness_seconds() -> float:
    """The interval between two freshness checks (setting BASSINS_SEARCH_FRESHNESS_SECONDS)."""
    return float(getattr(settings, "BASSINS_SEARCH_FRESHNESS_SECONDS", FRESHNESS_SECONDS))


def _version() -> tuple:
    """(latest history date, latest import run id): one statement, two indexed aggregates."""
    quote = connection.ops.quote_name
    metadata = directory_models.Metadata._meta
    runs = directory_models.ImportRun._meta
    sql = (
        f"SELECT (SELECT MAX({quote('last_action_date')}) FROM {quote(metadata.db_table)}), "
        f"(SELECT MAX({quote(runs.pk.column)}) FROM {quote(runs.db_table)})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        meta, run = cursor.fetchone()
    if isinstance(meta, str):  # SQLite gives the stored text (UTC)
        meta = parse_datetime(meta)
    if meta is not None and timezone.is_naive(meta):
        meta = timezone.make_aware(meta, dt.UTC)
    return (meta, run)


def build() -> LiveIndex:
    """A new index of the whole directory."""
    concepts = docs_module.concepts()
    live = LiveIndex(Index(docs_module.documents(), concepts))
    settle()
    return live


def settle() -> None:
    """Move the objects alive now (the index: millions of small objects) out of the garbage
    collector's generations (`gc.freeze`): otherwise every full collection, which any search may
    trigger, walks all of them (tens of milliseconds at 100,000 documents). What an earlier call
    froze is unfrozen and collected first, so a replaced index and any cycle released since are
    freed."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def _affected(items: list[tuple[str, str]]) -> tuple[set[str], set[str]] | None:
    """(service_at_location ids to read again, ids that may be gone) for changed records; None
    when the change calls for a rebuild."""
    m = directory_models
    sal, gone = set(), set()
    by_type: dict[str, set[str]] = {}
    for table, pk in items:
        by_type.setdefault(table, set()).add(str(pk))
    for table, ids in by_type.items():
        if table in ("taxonomy", "taxonomy_term"):
            return None
        if table == "service_at_location":
            sal |= ids
            gone |= ids
        elif table == "service":
            sal |= {
                str(i)
                for i in m.ServiceAtLocation.objects.filter(service_id__in=ids).values_list(
                    "id", flat=True
                )
            }
        elif table == "location":
            sal |= {
                str(i)
                for i in m.ServiceAtLocation.objects.filter(location_id__in=ids).values_list(
                    "id", flat=True
                )
            }
        elif table == "organization":
            sal |= {
                str(i)
                for i in m.ServiceAtLocation.objects.filter(
                    service__organization_id__in=ids
                ).values_list("id", flat=True)
            } | {
                str(i)
                for i in m.ServiceAtLocation.objects.filter(
                    location__organization_id__in=ids
                ).values_list("id", flat=True)
            }
        elif table in m.MODELS and table not in ("metadata",):
            model = m.MODELS[table]
            rows = list(model.objects.filter(pk__in=ids).values())
            if len(rows) < len(ids):
                return None  # a child record was deleted: its parent is unknown now
            services, locations = set(), set()
            for row in rows:
                if row.get("service_at_location_id"):
                    sal.add(str(row["service_at_location_id"]))
                if row.get("service_id"):
                    services.add(row["service_id"])
                if row.get("location_id"):
                    locations.add(row["location_id"])
                if row.get("link_id"):
                    services.add(row["link_id"])
                    locations.add(row["link_id"])
            sal |= {
                str(i)
                for i in m.ServiceAtLocation.objects.filter(service_id__in=services).values_list(
                    "id", flat=True
                )
            }
            sal |= {
                str(i)
                for i in m.ServiceAtLocation.objects.filter(location_id__in=locations).values_list(
                    "id", flat=True
                )
            }
    return sal, gone


def _patch(live: LiveIndex, items: list[tuple[str, str]]) -> bool:
    found = _affected(items)
    if found is None:
        return False
    sal, gone = found
    if len(sal) > PATCH_LIMIT:
        return False
    if sal:
        fresh = docs_module.documents(sal)
        removed = (sal | gone) - {doc.id for doc in fresh}
        live.replace(fresh, removed)
    return True


def live_index() -> LiveIndex:
    """The current index (built on first use; patched or rebuilt after changes; see the module
    docstring for when the database is asked)."""
    live = _state["live"]
    if (
        live is not None
        and not _state["dirty"]
        and time.monotonic() - _state["checked"] < freshness_seconds()
    ):
        return live
    with _lock:
        checked = time.monotonic()
        _state["dirty"] = False
        version = _version()
        live = _state["live"]
        pending, _state["pending"] = _state["pending"], []
        if live is None or version[1] != _state["version"][1]:
            live = build()
        else:
            items = list(pending)
            if version[0] != _state["version"][0]:
                since = _state["version"][0]
                history = directory_models.Metadata.objects.all()
                if since is not None:
                    history = history.filter(last_action_date__gt=since)
                items += [
                    (row["resource_type"], str(row["resource_id"]))
                    for row in history.values("resource_type", "resource_id")
                ]
            if items and not _patch(live, items):
                live = build()
            elif items:
                _state["stamp"] = None  # patched in place: a new state of the same index
        if live is not _state["live"] or _state["stamp"] is None:
            _state["stamp"] = _new_stamp()
        _state.update(live=live, version=version, checked=checked)
        return live


def _new_stamp() -> str:
    return uuid.uuid4().hex[:16]


def current() -> tuple[LiveIndex, str]:
    """(the current index, its freshness stamp): the stamp changes whenever the index is built,
    rebuilt or patched (an admin edit, a plain save seen by a signal, an import), so a value kept
    under it (bassins.search.cache) never outlives the index state it came from. Random, so two
    processes sharing a cache never mix their states."""
    live = live_index()
    return live, _state["stamp"]


def install(live: LiveIndex) -> None:
    """Make `live` this process's index as of the database's current version (benchmarks, tests)."""
    with _lock:
        settle()
        _state.update(
            live=live,
            version=_version(),
            pending=[],
            checked=time.monotonic(),
            dirty=False,
            stamp=_new_stamp(),
        )


def reset() -> None:
    """Forget the index (the next search rebuilds it)."""
    with _lock:
        _state.update(live=None, version=None, pending=[], checked=0.0, dirty=False, stamp=None)


def _on_change(sender, instance, **kwargs):
    table = TABLE_OF.get(sender)
    with _lock:
        _state["dirty"] = True  # the next search asks the database (history, import runs)
        if table and table != "metadata":
            _state["pending"].append((table, str(instance.pk)))


def connect() -> None:
    """Listen to saves and deletes of the directory's records and import runs (see the module
    docstring)."""
    for model in (*directory_models.MODELS.values(), directory_models.ImportRun):
        post_save.connect(_on_change, sender=model, dispatch_uid=f"search-{model.__name__}-save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"search-{model.__name__}-del")
