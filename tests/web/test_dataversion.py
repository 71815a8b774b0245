"""The data version and the cache keyed by it: every import and admin edit changes the version, so a
cached page is built again on the next request; otherwise it is served from the cache."""

import uuid

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from bassins.web.cache import by_data_version, cached_for_anonymous, cached_page
from bassins.web.dataversion import data_version, data_version_key

pytestmark = pytest.mark.django_db

POPULATION_ROW = {
    "layer": "commune",
    "area_code": "21004",
    "reference_date": "2024-01-01",
    "source": "test",
    "source_label": "a population row made by the test",
    "source_file": "none",
    "basis": "official",
    "population": 1000,
}


def test_the_version_is_stable_while_nothing_changes():
    assert data_version() == data_version() and len(data_version()) == 16
    assert len(data_version_key()) == 17


def test_an_import_an_edit_and_a_population_load_each_change_the_version():
    from bassins.directory.models import ImportRun, Metadata
    from bassins.population.models import PopulationCount

    seen = {data_version()}
    ImportRun.objects.create(source="afmps", label="a test import")
    seen.add(data_version())
    # an edit through the admin writes its history row (Metadata)
    Metadata.objects.create(
        resource_id=uuid.uuid4(),
        resource_type="service",
        last_action_date=timezone.now(),
        last_action_type="update",
        updated_by="steward",
    )
    seen.add(data_version())
    before = data_version_key()
    PopulationCount.objects.bulk_create([PopulationCount(**POPULATION_ROW)])
    assert data_version_key() != before
    seen.add(data_version())
    # an indicator load (built-in or tidy), and a reload of the same source (its row rewritten)
    from bassins.indicators.models import IndicatorLoad

    load = IndicatorLoad.objects.create(origin="tidy:test.csv", rows=1)
    seen.add(data_version())
    load.rows = 2
    load.save()
    seen.add(data_version())
    assert len(seen) == 6


def test_a_cached_page_is_built_once_per_data_version():
    from bassins.directory.models import ImportRun

    built = []

    @cached_page
    def view(request):
        built.append(request.path)
        return HttpResponse(f"page {len(built)}")

    factory = RequestFactory()
    first = view(factory.get("/fr/x/"))
    second = view(factory.get("/fr/x/"))
    assert first.content == second.content == b"page 1" and len(built) == 1
    assert first["ETag"] == second["ETag"]
    # the browser's copy is still good: 304, no body
    assert view(factory.get("/fr/x/", HTTP_IF_NONE_MATCH=first["ETag"])).status_code == 304
    # another URL is another page
    assert view(factory.get("/nl/x/")).content == b"page 2"
    ImportRun.objects.create(source="afmps", label="a new import")
    third = view(factory.get("/fr/x/"))
    assert third.content == b"page 3" and third["ETag"] != first["ETag"]


def test_errors_are_not_cached():
    calls = []

    @cached_page
    def view(request):
        calls.append(1)
        return HttpResponse("not yet", status=503)

    view(RequestFactory().get("/fr/y/"))
    view(RequestFactory().get("/fr/y/"))
    assert len(calls) == 2


def test_by_data_version_builds_once_per_parts():
    calls = []
    for _ in range(3):
        assert by_data_version("t", "fr", build=lambda: calls.append(1) or "v") == "v"
    by_data_version("t", "nl", build=lambda: calls.append(1) or "v")
    assert len(calls) == 2


def test_an_anonymous_page_is_kept_per_time_slot_and_data_version(monkeypatch):
    from django.contrib.auth.models import AnonymousUser, User

    from bassins.directory.models import ImportRun
    from bassins.web import cache as web_cache

    now = {"value": 6_000_000.0}
    monkeypatch.setattr(web_cache, "_clock", lambda: now["value"])
    built = []

    @cached_for_anonymous(seconds=60)
    def view(request):
        built.append(request.path)
        return HttpResponse(f"page {len(built)}")

    factory = RequestFactory()

    def get(path="/fr/home/", user=None):
        request = factory.get(path)
        request.user = user or AnonymousUser()
        return view(request).content

    assert get() == get() == b"page 1"
    assert get("/nl/home/") == b"page 2"  # another URL
    now["value"] += 59  # the same minute
    assert get() == b"page 1"
    now["value"] += 1  # the next one: news and upcoming events are read again
    assert get() == b"page 3"
    ImportRun.objects.create(source="afmps", label="a new import")
    assert get() == b"page 4"
    editor = User.objects.create_user("editor", "e@example.be", "a-long-password-1")
    assert get(user=editor) == b"page 5" and get(user=editor) == b"page 6"
    assert get() == b"page 4"
