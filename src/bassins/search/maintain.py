"""The live search index of this process: built from the database, kept current after every edit.

`live_index()` returns the index, first bringing it up to date:
* an import (a new `ImportRun`) or a change to the taxonomy (its synonyms shape every document)
  rebuilds the whole index;
* an edit through the admin writes its history (`Metadata`, bassins.directory.history): the records it
  names are mapped to the service_at_locations they show in, which are read again and replace their old
  documents in an overlay (`engine.LiveIndex.replace`), in milliseconds, without a rebuild;
* a save or delete made in this process outside the admin (code, shell) is caught by Django's
  post_save / post_delete signals and handled the same way.
The check costs two indexed queries per search, so several server processes stay current too.
"""

from __future__ import annotations

import threading

from django.db.models import Max
from django.db.models.signals import post_delete, post_save

from bassins.directory import models as directory_models
from bassins.directory.history import TABLE_OF
from bassins.search import documents as docs_module
from bassins.search.engine import LiveIndex
from bassins.search.index import Index

_lock = threading.RLock()
_state: dict = {"live": None, "version": None, "pending": []}
#: Past this many service_at_locations touched at once, rebuild rather than patch.
PATCH_LIMIT = 2000


def _version() -> tuple:
    meta = directory_models.Metadata.objects.aggregate(last=Max("last_action_date"))["last"]
    run = directory_models.ImportRun.objects.aggregate(last=Max("pk"))["last"]
    return (meta, run)


def build() -> LiveIndex:
    """A new index of the whole directory."""
    concepts = docs_module.concepts()
    return LiveIndex(Index(docs_module.documents(), concepts))


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
    """The current index (built on first use; patched or rebuilt after changes)."""
    with _lock:
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
        _state["live"], _state["version"] = live, version
        return live


def reset() -> None:
    """Forget the index (the next search rebuilds it)."""
    with _lock:
        _state.update(live=None, version=None, pending=[])


def _on_change(sender, instance, **kwargs):
    table = TABLE_OF.get(sender)
    if table and table != "metadata":
        with _lock:
            _state["pending"].append((table, str(instance.pk)))


def connect() -> None:
    for model in directory_models.MODELS.values():
        post_save.connect(_on_change, sender=model, dispatch_uid=f"search-{model.__name__}-save")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"search-{model.__name__}-del")
