"""The HSDS 3.1 endpoints on the real directory: paging envelope, filters, nesting, ndjson, and every
object valid against the official HSDS 3.1 JSON schemas."""

from __future__ import annotations

import json
import math

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.content[:300])
    return response.json()


def ndjson(client, url) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-ndjson")
    return [json.loads(line) for line in b"".join(response.streaming_content).splitlines()]


def errors(validator, objects) -> list[str]:
    return [
        f"{obj.get('id')}: {'/'.join(map(str, e.absolute_path))}: {e.message[:120]}"
        for obj in objects
        for e in validator.iter_errors(obj)
    ]


def test_root_names_version_profile_and_openapi(client, loaded):
    body = get(client, "/api/hsds/")
    assert body["version"] == "3.1"
    assert body["openapi_url"] == "http://testserver/api/openapi.json"
    assert get(client, body["profile"].removeprefix("http://testserver"))["hsds_version"] == "3.1"
    assert client.get("/api/openapi.json").json()["openapi"] == "3.1.0"


def test_api_index_lists_its_parts(client, loaded):
    body = get(client, "/api/")
    assert body["docs_url"] == "http://testserver/api/docs/"
    assert "http://testserver/api/hsds/" in {part["prefix"] for part in body["parts"]}


def test_services_page_envelope(client, loaded):
    from bassins.directory.models import Service

    total = Service.objects.count()
    body = get(client, "/api/hsds/services?per_page=100&page=2")
    assert body["total_items"] == total == 890
    assert body["total_pages"] == math.ceil(total / 100)
    assert (body["page_number"], body["size"], body["first_page"], body["last_page"]) == (
        2,
        100,
        False,
        False,
    )
    assert body["empty"] is False
    last = get(client, f"/api/hsds/services?per_page=100&page={body['total_pages']}")
    assert last["last_page"] and last["size"] == total - 100 * (body["total_pages"] - 1)
    beyond = get(client, "/api/hsds/services?per_page=100&page=50")
    assert beyond["empty"] and beyond["contents"] == [] and beyond["size"] == 0


def test_every_object_is_valid_hsds_31(client, loaded, hsds_validator):
    services = ndjson(client, "/api/hsds/services?format=ndjson&full=true")
    assert len(services) == 890
    assert errors(hsds_validator("service"), services) == []
    sals = ndjson(client, "/api/hsds/service_at_locations?format=ndjson")
    assert errors(hsds_validator("service_at_location"), sals) == []
    organizations = ndjson(client, "/api/hsds/organizations?format=ndjson&full=true")
    assert errors(hsds_validator("organization"), organizations) == []
    for name, url in (
        ("taxonomy", "/api/hsds/taxonomies?format=ndjson"),
        ("taxonomy_term", "/api/hsds/taxonomy_terms?format=ndjson"),
    ):
        assert errors(hsds_validator(name), ndjson(client, url)) == []
    # the validator does read the schemas: a service without a status, a phone without a number fail
    broken = dict(services[0], phones=[{"id": services[0]["id"]}])
    del broken["status"]
    assert len(errors(hsds_validator("service"), [broken])) == 2


def test_service_is_nested_as_the_export_has_it(client, loaded, tmp_path):
    """The nested service carries the export's values (one source of truth): a pharmacy with its
    OSM phone and opening hours, its location, address and categories."""
    from bassins.directory import store
    from bassins.directory.models import Service

    pharmacy = Service.objects.get(source="afmps", source_key="210708")
    body = get(client, f"/api/hsds/services/{pharmacy.pk}")
    assert body["name"] == pharmacy.name_fr and body["status"] == "active"
    (sal,) = body["service_at_locations"]
    assert sal["location"]["addresses"][0]["postal_code"]
    assert sal["location"]["bassin"] in ("CO", "N", "NE", "S", "SE")
    categories = {a["taxonomy_term"]["code"] for a in body["attributes"] if "taxonomy_term" in a}
    assert "pharmacy" in categories
    store.export_hsds(tmp_path)
    exported = (tmp_path / "services.csv").read_text("utf-8")
    row = next(line for line in exported.splitlines() if line.startswith(str(pharmacy.pk)))
    assert body["name"] in row and body["description"] in row


def test_partial_addresses_are_location_attributes(client, loaded, hsds_validator):
    """An address HSDS cannot hold (no street) is a partial_address attribute, as in the export."""
    from bassins.directory.models import Address

    partial = Address.objects.filter(address_1="").first()
    assert partial is not None
    sal = partial.location.service_at_locations.first()
    body = get(client, f"/api/hsds/service_at_locations/{sal.pk}")
    location = body["location"]
    assert str(partial.pk) not in {a["id"] for a in location["addresses"]}
    kinds = {a["link_type"] for a in location["attributes"]}
    assert "partial_address" in kinds
    assert errors(hsds_validator("service_at_location"), [body]) == []


def test_search_goes_through_the_orientation_search(client, loaded):
    from bassins.search import engine, service

    body = get(client, "/api/hsds/services?search=pharmacie&per_page=5")
    result = service.run(engine.Request(q="pharmacie", per_page=5), count_unmet=False)
    assert [s["id"] for s in body["contents"]][:1] == [str(result.hits[0].doc.service_id)]
    assert body["total_items"] > 500
    assert all("harmac" in s["name"].lower() for s in body["contents"])
    # Dutch words and a spelling mistake find the same kind of service
    assert get(client, "/api/hsds/services?search=apotheek&per_page=1")["total_items"] > 500


def test_taxonomy_term_and_organization_filters(client, loaded):
    from bassins.directory import taxonomy
    from bassins.directory.models import Attribute, Service, TaxonomyTerm

    term = taxonomy.term_id("hospital", taxonomy.CATEGORIES)
    body = get(client, f"/api/hsds/services?taxonomy_term_id={term}&per_page=1000")
    # the term and the terms below it (psychiatric hospital...)
    terms = {term, *TaxonomyTerm.objects.filter(parent_id=term).values_list("id", flat=True)}
    assert len(terms) > 1
    expected = set(
        Attribute.objects.filter(taxonomy_term_id__in=terms, link_entity="service").values_list(
            "link_id", flat=True
        )
    )
    assert {s["id"] for s in body["contents"]} == {str(i) for i in expected}
    assert body["total_items"] > 10
    one = Service.objects.exclude(organization=None).first()
    owned = get(client, f"/api/hsds/services?organization_id={one.organization_id}")
    assert str(one.pk) in {s["id"] for s in owned["contents"]}
    assert {s["organization_id"] for s in owned["contents"]} == {str(one.organization_id)}
    unknown = get(
        client, "/api/hsds/services?taxonomy_term_id=00000000-0000-0000-0000-000000000000", 400
    )
    assert "taxonomy_term_id" in unknown["error"]


def test_modified_after(client, loaded):
    from bassins.directory.models import Service

    everything = get(client, "/api/hsds/services?modified_after=2000-01-01&per_page=1")
    assert everything["total_items"] == Service.objects.count()
    future = get(client, "/api/hsds/services?modified_after=2999-01-01T00:00:00Z")
    assert future["total_items"] == 0 and future["empty"]


def test_ndjson_streams_every_result(client, loaded):
    page = get(client, "/api/hsds/organizations?per_page=1")
    lines = ndjson(client, "/api/hsds/organizations?format=ndjson")
    assert len(lines) == page["total_items"] == 697
    assert lines[0] == page["contents"][0]


def test_postcode_and_proximity(client, loaded):
    from bassins.api.store import _distance_m

    body = get(client, "/api/hsds/service_at_locations?postcode=1030&per_page=1000")
    assert body["total_items"] > 50
    postcodes = {
        a["postal_code"] for s in body["contents"] for a in s["location"].get("addresses", [])
    }
    assert "1030" in postcodes
    near = get(client, "/api/hsds/service_at_locations?proximity=50.8466,4.3528,800&per_page=1000")
    distances = [
        _distance_m(50.8466, 4.3528, s["location"]["latitude"], s["location"]["longitude"])
        for s in near["contents"]
    ]
    assert near["total_items"] > 5 and max(distances) <= 800
    assert distances == sorted(distances)
    radius = get(client, "/api/hsds/service_at_locations?postcode=1030&proximity=1000")
    assert 0 < radius["total_items"] < body["total_items"]
    assert "postcode" in get(client, "/api/hsds/service_at_locations?proximity=1000", 400)["error"]
    assert "postcode" in get(client, "/api/hsds/service_at_locations?postcode=9000", 400)["error"]


def test_organization_and_taxonomy_objects(client, loaded):
    from bassins.directory.models import Organization, Taxonomy, TaxonomyTerm

    organization = Organization.objects.filter(services__isnull=False).first()
    body = get(client, f"/api/hsds/organizations/{organization.pk}")
    assert body["name"] == organization.name_fr and body["services"]
    taxonomy = Taxonomy.objects.first()
    assert get(client, f"/api/hsds/taxonomies/{taxonomy.pk}")["name"] == taxonomy.name_fr
    term = TaxonomyTerm.objects.exclude(parent=None).first()
    children = get(client, f"/api/hsds/taxonomy_terms?parent_id={term.parent_id}&per_page=1000")
    assert str(term.pk) in {t["id"] for t in children["contents"]}
    top = get(client, "/api/hsds/taxonomy_terms?top_only=true&per_page=1000")
    assert all("parent_id" not in t for t in top["contents"])
    assert get(client, f"/api/hsds/taxonomy_terms/{term.pk}")["taxonomy_detail"]["id"]


def test_kept_searches_are_bounded(loaded, monkeypatch):
    from bassins.api import store

    monkeypatch.setattr(store, "MAX_KEPT_SEARCHES", 3)
    for word in ("pharmacie", "hopital", "planning", "cpas", "dentiste"):
        store.services(search=word)
    kept = store.current().searches
    assert [key for _kind, key in kept] == ["planning", "cpas", "dentiste"]
