"""The search engine's answers kept in the cache (bassins.search.cache), on the real directory:
a repeated search is ranked once, and never gives a stale, mistimed or uncounted answer."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.contrib.auth.models import User
from django.test import Client

from bassins.directory.models import Service
from bassins.search import engine, hours

pytestmark = pytest.mark.realdata


@pytest.fixture
def engine_calls(monkeypatch):
    """The requests the engine ranked (each one a real search, not a cache hit)."""
    calls = []
    search = engine.search

    def counting(live, request):
        calls.append(request)
        return search(live, request)

    monkeypatch.setattr(engine, "search", counting)
    return calls


@pytest.fixture
def clock(monkeypatch):
    """A Brussels clock the test sets (a Monday morning to start with)."""
    now = {"value": dt.datetime(2026, 3, 2, 10, 15, 5)}
    monkeypatch.setattr(hours, "now", lambda: now["value"])
    return now


def _json(client, params, url="/fr/recherche.json"):
    response = client.get(url, params)
    assert response.status_code == 200
    return json.loads(response.content)


def test_a_repeated_search_is_ranked_once(directory_loaded, engine_calls, clock):
    client = Client()
    params = {"q": "médecin généraliste", "near": "1030"}
    first = _json(client, params)
    assert first["total"] > 0
    assert _json(client, params) == first
    page = client.get("/fr/recherche/", params)
    assert page.status_code == 200 and first["hits"][0]["name"] in page.content.decode()
    assert len(engine_calls) == 1
    # another language, page or filter is another search
    _json(client, params, "/nl/zoeken.json")
    _json(client, {**params, "page": "2"})
    _json(client, {**params, "free": "1"})
    assert len(engine_calls) == 4


def test_a_plain_save_is_seen_by_the_next_search(directory_loaded, engine_calls, clock):
    """A save outside the admin leaves the data version as it was: the index's stamp changes."""
    from bassins.web.dataversion import data_version

    client = Client()
    service = Service.objects.get(source="directory_sample", source_key="1")
    params = {"q": "Cureghem-Zuid"}
    before = _json(client, params, "/nl/zoeken.json")
    assert all("Cureghem" not in hit["name"] for hit in before["hits"])
    version = data_version()
    service.name_nl = "OCMW Cureghem-Zuid"
    service.save()
    assert data_version() == version
    found = _json(client, params, "/nl/zoeken.json")
    assert found["hits"][0]["service_id"] == str(service.pk)
    assert found["hits"][0]["name"] == "OCMW Cureghem-Zuid"


def test_results_follow_the_clock(directory_loaded, engine_calls, clock):
    client = Client()
    params = {"q": "pharmacie", "bassin": "NE"}
    monday = _json(client, params)
    clock["value"] = dt.datetime(2026, 3, 2, 10, 15, 50)  # the same minute: a cache hit
    assert _json(client, params) == monday
    assert len(engine_calls) == 1
    clock["value"] = dt.datetime(2026, 3, 8, 3, 30)  # Sunday night: most pharmacies closed
    sunday = _json(client, params)
    assert len(engine_calls) == 2
    open_monday = monday["facets"]["open_now"][0][1]
    open_sunday = sunday["facets"]["open_now"][0][1]
    assert open_monday > open_sunday
    assert [hit["open"] for hit in monday["hits"]] != [hit["open"] for hit in sunday["hits"]]


def test_open_now_does_not_outlive_its_minute(directory_loaded, engine_calls, clock):
    client = Client()
    params = {"q": "pharmacie", "bassin": "NE", "open_now": "1"}
    monday = _json(client, params)
    assert monday["total"] > 0 and all(hit["open"] for hit in monday["hits"])
    clock["value"] = dt.datetime(2026, 3, 8, 3, 30)
    sunday = _json(client, params)
    assert len(engine_calls) == 2
    assert sunday["total"] < monday["total"]
    assert engine_calls[1].open_at == dt.datetime(2026, 3, 8, 3, 30)


def test_open_at_a_given_moment_needs_no_clock(directory_loaded, engine_calls, clock):
    client = Client()
    params = {"q": "pharmacie", "bassin": "NE", "at": "2026-03-02T10:00"}
    first = _json(client, params)
    clock["value"] = dt.datetime(2026, 3, 8, 3, 30)
    assert _json(client, params) == first
    assert len(engine_calls) == 1


def test_every_unmet_search_is_counted(directory_loaded, engine_calls, clock):
    from bassins.search.models import UnmetNeed

    client = Client()
    for url in ("/fr/recherche/", "/fr/recherche/", "/fr/recherche.json", "/fr/recherche.json"):
        assert client.get(url, {"q": "zzzyxw qqqvvv", "near": "1030"}).status_code == 200
    assert len(engine_calls) == 1
    row = UnmetNeed.objects.get()
    assert (row.layer, row.code, row.kind, row.count) == ("commune", "21015", "no_result", 4)


def test_each_reader_gets_a_page_rendered_for_them(directory_loaded, engine_calls, clock):
    """An anonymous page is kept per URL; a logged-in responder's page is rendered for them."""
    responder = User.objects.create_user("responder", "r@example.be", "a-long-password-1")
    params = {"q": "OCMW", "near": "1030"}
    anonymous = Client().get("/fr/recherche/", params)
    assert anonymous.context["user"].is_anonymous
    again = Client().get("/fr/recherche/", params)
    assert again.status_code == 200 and again.templates == []  # the kept HTML
    assert again.content == anonymous.content
    logged_in = Client()
    logged_in.force_login(responder)
    mine = logged_in.get("/fr/recherche/", params)
    assert mine.context["user"] == responder
    assert "CPAS de Schaerbeek" in mine.content.decode()
    # the same search from another URL: its own page (form and links), the same ranking
    other = Client().get("/fr/recherche/", {"near": "1030", "q": "OCMW"})
    assert other.templates and "CPAS de Schaerbeek" in other.content.decode()
    assert len(engine_calls) == 1


def test_a_kept_page_follows_the_clock_and_the_index(directory_loaded, engine_calls, clock):
    client = Client()
    service = Service.objects.get(source="directory_sample", source_key="1")
    params = {"q": "Cureghem-Zuid"}
    client.get("/nl/zoeken/", params)
    clock["value"] = dt.datetime(2026, 3, 2, 10, 16)
    client.get("/nl/zoeken/", params)
    assert len(engine_calls) == 2
    service.name_nl = "OCMW Cureghem-Zuid"
    service.save()
    page = client.get("/nl/zoeken/", params)
    assert "OCMW Cureghem-Zuid" in page.content.decode()
    assert len(engine_calls) == 3


def test_the_place_of_near_is_kept_per_data_version(directory_loaded, monkeypatch, clock):
    from bassins.directory.models import ImportRun
    from bassins.search import service

    calls = []
    locate = service.locate_near
    monkeypatch.setattr(service, "locate_near", lambda text: calls.append(text) or locate(text))
    client = Client()
    for q in ("OCMW", "pharmacie", "OCMW"):
        assert _json(client, {"q": q, "near": "1030"})["total"] > 0
    assert calls == ["1030"]
    ImportRun.objects.create(source="afmps", label="a new import")
    _json(client, {"q": "OCMW", "near": "1030"})
    assert calls == ["1030", "1030"]
