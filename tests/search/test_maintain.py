"""The live index stays current: a change seen by this process's signals is searchable at once; a
change made by another process (no signal here) is found by the freshness check, which asks the
database at most once per BASSINS_SEARCH_FRESHNESS_SECONDS."""

from __future__ import annotations

import pytest
from django.utils import timezone

from bassins.directory import history
from bassins.directory.models import Metadata, Service
from bassins.search import engine, maintain, service

pytestmark = pytest.mark.realdata


def names(q: str) -> list[str]:
    result = service.run(engine.Request(q=q), count_unmet=False)
    return [hit.doc.display["name_fr"] for hit in result.hits]


def test_a_save_in_this_process_is_seen_by_the_next_search(directory_loaded, settings):
    settings.BASSINS_SEARCH_FRESHNESS_SECONDS = 3600
    assert names("Zyxwvu") == []
    checks = []
    real_version = maintain._version
    maintain._version = lambda: checks.append(1) or real_version()
    try:
        names("aide")
        assert checks == []  # nothing changed here, inside the interval: no database round trip
        edited = Service.objects.get(source="directory_sample", source_key="1")
        edited.name_fr = "Zyxwvu antenne"
        edited.save()  # the post_save signal marks the index stale
        assert names("Zyxwvu") == ["Zyxwvu antenne"]
        assert checks == [1]
    finally:
        maintain._version = real_version


def test_another_process_s_edit_is_seen_after_the_interval(directory_loaded, settings):
    settings.BASSINS_SEARCH_FRESHNESS_SECONDS = 3600
    assert names("Zyxwvu") == []
    edited = Service.objects.get(source="directory_sample", source_key="1")
    before = history.snapshot(edited)
    # What another server process's admin save leaves in the database: the row and its history,
    # with no signal in this process.
    Service.objects.filter(pk=edited.pk).update(name_fr="Zyxwvu ailleurs")
    edited.refresh_from_db()
    rows = history.record_changes(edited, before, "steward", when=timezone.now())
    assert rows and Metadata.objects.filter(resource_id=edited.pk).exists()
    assert names("Zyxwvu") == []  # inside the interval: the index has not asked yet
    settings.BASSINS_SEARCH_FRESHNESS_SECONDS = 0
    assert names("Zyxwvu") == ["Zyxwvu ailleurs"]


def test_an_import_run_rebuilds(directory_loaded, settings):
    from bassins.directory.models import ImportRun

    settings.BASSINS_SEARCH_FRESHNESS_SECONDS = 3600
    first = maintain.live_index()
    assert maintain.live_index() is first
    ImportRun.objects.create(source="test", label="a new import")  # signal: checked at once
    assert maintain.live_index() is not first
