"""What every /api/ response gets: CORS, ETag / Last-Modified with 304s, a rate limit per client
(429 with Retry-After), and hostile parameters answered with a one-line JSON 4xx, never a 500."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils.http import http_date, parse_http_date

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]

URL = "/api/hsds/services?per_page=5"


def test_cors_for_reading(client, loaded):
    response = client.get(URL, HTTP_ORIGIN="https://example.org")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        URL, HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    # pages outside /api/ are not opened to other origins
    assert "Access-Control-Allow-Origin" not in client.get("/fr/")


def test_etag_and_last_modified_give_304(client, loaded):
    from bassins.directory.models import ImportRun
    from bassins.indicators.models import IndicatorLoad

    first = client.get(URL)
    etag, modified = first["ETag"], first["Last-Modified"]
    # the latest change of the data: here the last import run or the last indicator load
    latest = max(
        ImportRun.objects.order_by("-started_at").first().started_at,
        IndicatorLoad.objects.order_by("-loaded_at").first().loaded_at,
    )
    assert parse_http_date(modified) == int(latest.timestamp())
    again = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag and again.content == b""
    assert client.get(URL, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(URL, HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200
    assert client.get(URL, HTTP_IF_NONE_MATCH='"other"').status_code == 200
    # another URL, another ETag; the cached body is the same as the first
    assert client.get("/api/hsds/services?per_page=6")["ETag"] != etag
    assert client.get(URL).content == first.content


def test_an_edit_changes_the_etag(client, loaded):
    from bassins.directory.models import Metadata, Service

    etag = client.get(URL)["ETag"]
    service = Service.objects.order_by("pk").first()
    Metadata.objects.create(
        resource_id=service.pk,
        resource_type="service",
        last_action_type="update",
        field_name="name",
        previous_value="",
        replacement_value="",
        updated_by="test",
    )
    response = client.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag


@override_settings(BASSINS_API_RATE_LIMIT=3, BASSINS_API_RATE_WINDOW=60)
def test_rate_limit_per_client(client, loaded):
    for _ in range(3):
        assert client.get("/api/hsds/", REMOTE_ADDR="10.0.0.1").status_code == 200
    refused = client.get("/api/hsds/", REMOTE_ADDR="10.0.0.1")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "too many requests" in refused.json()["error"]
    assert refused["Access-Control-Allow-Origin"] == "*"
    # another client is not affected; pages outside /api/ are not counted
    assert client.get("/api/hsds/", REMOTE_ADDR="10.0.0.2").status_code == 200
    assert client.get("/fr/", REMOTE_ADDR="10.0.0.1").status_code == 200


HOSTILE = [
    ("/api/hsds/services?per_page=100000000", "per_page"),
    ("/api/hsds/services?per_page=0", "per_page"),
    ("/api/hsds/services?page=-1", "page"),
    ("/api/hsds/services?page=abc", "page"),
    ("/api/hsds/services?page=99999999999999999999999", "page"),
    ("/api/hsds/services/not-an-id", "id"),
    ("/api/hsds/services/00000000-0000-0000-0000-000000000000", "no service"),
    ("/api/hsds/organizations/%00", "id"),
    ("/api/hsds/services?search=" + "x" * 10_000, "search"),
    ("/api/hsds/services?taxonomy_term_id=1%20OR%201=1", "taxonomy_term_id"),
    ("/api/hsds/services?organization_id=';DROP%20TABLE%20x;--", "organization_id"),
    ("/api/hsds/services?modified_after=yesterday", "modified_after"),
    ("/api/hsds/services?format=xml", "format"),
    ("/api/hsds/service_at_locations?proximity=nan,nan,nan", "proximity"),
    ("/api/hsds/service_at_locations?proximity=1e308,4,10", "proximity"),
    ("/api/hsds/service_at_locations?proximity=50.8,4.3,-5", "proximity"),
    ("/api/hsds/service_at_locations?postcode=<script>", "postcode"),
    ("/api/territories/../../etc/passwd", None),
    ("/api/territories/nowhere", "layer"),
    ("/api/offer/bassin/XX", "XX"),
    ("/api/offer/planet/N", "planet"),
    ("/api/offer/bassin/N/nothing", "nothing"),
    ("/api/offer/bassin/N?lang=de", "lang"),
    ("/api/nowhere/at/all", "no API endpoint"),
    ("/api/hsds/services/a/b", "no API endpoint"),
]


@pytest.mark.parametrize("url, named", HOSTILE)
def test_hostile_parameters_get_a_clear_4xx(client, loaded, url, named):
    response = client.get(url)
    assert 400 <= response.status_code < 500, (url, response.status_code)
    if named is not None:
        body = response.json()
        assert named in body["error"], body
        assert "\n" not in body["error"] and "Traceback" not in body["error"]


@pytest.mark.parametrize(
    "search",
    [
        '"pharmacie" AND NOT (x OR y) NEAR/3 z*',
        "'; DROP TABLE directory_service; --",
        "%_%_\\",
        "\u0000\u202e\U0001f600",
        "a" * 500,
    ],
)
def test_search_syntax_is_only_words(client, loaded, search):
    response = client.get("/api/hsds/services", {"search": search})
    assert response.status_code == 200
    assert response.json()["total_items"] >= 0


def test_values_quoted_in_errors_are_never_markup(client, loaded):
    response = client.get("/api/hsds/services/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert response.status_code in (400, 404)
    assert b"<script>" not in response.content and b"\\u003cscript\\u003e" in response.content
    assert "<script>alert(1)</script>" in response.json()["error"]


def test_write_methods_are_refused(client, loaded):
    assert client.post("/api/hsds/services", {}).status_code == 405
    assert client.delete("/api/hsds/services").status_code == 405
