"""The HSDS 3.1 API (`/api/hsds/`): the directory as Open Referral's API defines it.

Thin: the objects come from `bassins.api.hsds` (the HSDS export's tables, nested), the filters from
`bassins.api.store`; every list answers in the HSDS paging envelope, or as newline-delimited JSON
(`format=ndjson`: every result, one object per line, no paging).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Literal

from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from ninja import Query, Router

from bassins.api import hsds, schemas, store
from bassins.api.store import ApiInputError
from bassins.directory import profile

router = Router(tags=["HSDS 3.1"])

MAX_PER_PAGE = 1000
DEFAULT_PER_PAGE = 50
MAX_PAGE = 100_000
MAX_SEARCH = 500
NDJSON = "application/x-ndjson"
ERRORS = {400: schemas.Error, 404: schemas.Error, 429: schemas.Error, 503: schemas.Error}
LIST_EXTRA = {
    "responses": {
        200: {
            "content": {
                NDJSON: {
                    "schema": {
                        "type": "string",
                        "description": "format=ndjson: one JSON object per line, every result",
                    }
                }
            }
        }
    }
}

SearchQ = Query(
    "",
    max_length=MAX_SEARCH,
    description="Full-text search, through the orientation search (FR/NL/EN words, synonyms, "
    "spelling mistakes).",
)
PageQ = Query(1, ge=1, le=MAX_PAGE, description="Page number (from 1).")
PerPageQ = Query(DEFAULT_PER_PAGE, ge=1, le=MAX_PER_PAGE, description="Results per page (1..1000).")
FormatQ = Query("json", description="json (paged) or ndjson (every result, one per line).")
IdQ = Query(None, max_length=64, description="An id (UUID).")
ModifiedQ = Query(None, description="Only records changed on or after this date and time (ISO).")
FullQ = Query(False, description="Fully nested objects in the list.")


def _uuid(name: str, value: str | None) -> str | None:
    if value in (None, ""):
        return None
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        raise ApiInputError(f"parameter {name}: not an id (a UUID): {str(value)[:64]!r}") from None


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def json_response(data, status: int = 200) -> HttpResponse:
    """A JSON body (UTF-8, compact)."""
    return HttpResponse(_dumps(data), status=status, content_type="application/json")


def listing(ids: list[str], build, page: int, per_page: int, fmt: str):
    """The HSDS page of `ids` (objects from `build(id)`), or every one as ndjson."""
    if fmt == "ndjson":
        return StreamingHttpResponse(
            (_dumps(build(i)) + "\n" for i in ids), content_type=NDJSON + "; charset=utf-8"
        )
    if fmt != "json":
        raise ApiInputError(f"parameter format: {fmt[:20]!r} is neither json nor ndjson")
    envelope = hsds.page(ids, page, per_page)
    envelope["contents"] = [build(i) for i in envelope["contents"]]
    return json_response(envelope)


def _object(kind: str, table: str, value: str, build):
    key = _uuid("id", value)
    cur = store.current()
    row = cur.directory.by_id[table].get(key)
    if row is None:
        raise Http404(f"no {kind} with id {value[:64]}")
    return json_response(cur.memo(kind, key, lambda: build(cur.directory, row)))


def _builder(kind: str, table: str, method):
    cur = store.current()

    def build(key: str):
        return cur.memo(kind, key, lambda: method(cur.directory, cur.directory.by_id[table][key]))

    return build


@router.get("/", response={200: schemas.ApiRoot, **ERRORS}, summary="About this HSDS API")
def root(request):
    """The HSDS version of this API, its profile and its OpenAPI definition."""
    return json_response(
        {
            "version": profile.HSDS_VERSION,
            "profile": request.build_absolute_uri(reverse("api:hsds_profile")),
            "openapi_url": request.build_absolute_uri(reverse("api:openapi-json")),
        }
    )


@router.get("/profile", response={200: dict, **ERRORS}, summary="The bassins profile of HSDS 3.1")
def hsds_profile(request):
    """The profile as a datapackage descriptor: tables, fields, types and the Brussels extensions."""
    return json_response(profile.datapackage_descriptor())


@router.get(
    "/services",
    response={200: schemas.ServicePage, **ERRORS},
    openapi_extra=LIST_EXTRA,
    summary="Services",
)
def services(
    request,
    search: str = SearchQ,
    taxonomy_term_id: str | None = IdQ,
    taxonomy_id: str | None = IdQ,
    organization_id: str | None = IdQ,
    modified_after: dt.datetime | None = ModifiedQ,
    full: bool = FullQ,
    page: int = PageQ,
    per_page: int = PerPageQ,
    format: Literal["json", "ndjson"] = FormatQ,
):
    """Services (one-to-one fields, organization and program; fully nested with `full`)."""
    ids = store.services(
        search=search,
        taxonomy_term_id=_uuid("taxonomy_term_id", taxonomy_term_id),
        taxonomy_id=_uuid("taxonomy_id", taxonomy_id),
        organization_id=_uuid("organization_id", organization_id),
        modified_after=modified_after,
    )
    if full:
        build = _builder("service", "service", hsds.Directory.service)
    else:
        build = _builder("service_item", "service", hsds.Directory.service_item)
    return listing(ids, build, page, per_page, format)


@router.get(
    "/services/{id}", response={200: schemas.Service, **ERRORS}, summary="One service, nested"
)
def service(request, id: str):
    """A service with everything HSDS 3.1 nests in it."""
    return _object("service", "service", id, hsds.Directory.service)


@router.get(
    "/service_at_locations",
    response={200: schemas.ServiceAtLocationPage, **ERRORS},
    openapi_extra=LIST_EXTRA,
    summary="Services at locations",
)
def service_at_locations(
    request,
    search: str = SearchQ,
    taxonomy_term_id: str | None = IdQ,
    taxonomy_id: str | None = IdQ,
    organization_id: str | None = IdQ,
    modified_after: dt.datetime | None = ModifiedQ,
    postcode: str | None = Query(
        None,
        pattern=r"^\d{4}$",
        description="A Brussels postcode: services at an address of it, in its communes, or "
        "declaring they serve them.",
    ),
    proximity: str | None = Query(
        None,
        max_length=80,
        description="lat,lon,radius (metres), or a radius from the postcode's centre; results "
        "by distance.",
    ),
    full: bool = FullQ,
    page: int = PageQ,
    per_page: int = PerPageQ,
    format: Literal["json", "ndjson"] = FormatQ,
):
    """Services at locations, each with its location and its service's one-to-one fields."""
    ids = store.service_at_locations(
        search=search,
        taxonomy_term_id=_uuid("taxonomy_term_id", taxonomy_term_id),
        taxonomy_id=_uuid("taxonomy_id", taxonomy_id),
        organization_id=_uuid("organization_id", organization_id),
        modified_after=modified_after,
        postcode=postcode,
        proximity=proximity,
    )
    cur = store.current()

    def item(directory, row):
        return directory.service_at_location(row, service=True)

    def build(key: str):
        row = cur.directory.by_id["service_at_location"][key]
        if full:
            return {
                **cur.memo("sal", key, lambda: item(cur.directory, row)),
                "service": cur.memo(
                    "service",
                    str(row["service_id"]),
                    lambda: cur.directory.service(
                        cur.directory.by_id["service"][str(row["service_id"])]
                    ),
                ),
            }
        return cur.memo("sal", key, lambda: item(cur.directory, row))

    return listing(ids, build, page, per_page, format)


@router.get(
    "/service_at_locations/{id}",
    response={200: schemas.ServiceAtLocation, **ERRORS},
    summary="One service at a location",
)
def service_at_location(request, id: str):
    """A service at a location, with its location and its service's one-to-one fields."""
    return _object(
        "sal",
        "service_at_location",
        id,
        lambda directory, row: directory.service_at_location(row, service=True),
    )


@router.get(
    "/organizations",
    response={200: schemas.OrganizationPage, **ERRORS},
    openapi_extra=LIST_EXTRA,
    summary="Organizations",
)
def organizations(
    request,
    search: str = SearchQ,
    taxonomy_term_id: str | None = IdQ,
    taxonomy_id: str | None = IdQ,
    full: bool = FullQ,
    page: int = PageQ,
    per_page: int = PerPageQ,
    format: Literal["json", "ndjson"] = FormatQ,
):
    """Organizations (one-to-one fields; fully nested with `full`)."""
    ids = store.organizations(
        search=search,
        taxonomy_term_id=_uuid("taxonomy_term_id", taxonomy_term_id),
        taxonomy_id=_uuid("taxonomy_id", taxonomy_id),
    )
    if full:
        build = _builder("organization", "organization", hsds.Directory.organization)
    else:
        build = _builder("organization_item", "organization", hsds.Directory.organization_item)
    return listing(ids, build, page, per_page, format)


@router.get(
    "/organizations/{id}",
    response={200: schemas.Organization, **ERRORS},
    summary="One organization, nested",
)
def organization(request, id: str):
    """An organization with its locations, programs, contacts, phones and services."""
    return _object("organization", "organization", id, hsds.Directory.organization)


@router.get(
    "/taxonomies",
    response={200: schemas.TaxonomyPage, **ERRORS},
    openapi_extra=LIST_EXTRA,
    summary="Taxonomies",
)
def taxonomies(
    request,
    search: str = SearchQ,
    page: int = PageQ,
    per_page: int = PerPageQ,
    format: Literal["json", "ndjson"] = FormatQ,
):
    """The taxonomies the directory's terms come from."""
    ids = store.taxonomies(search=search)
    return listing(
        ids, _builder("taxonomy", "taxonomy", hsds.Directory.taxonomy), page, per_page, format
    )


@router.get("/taxonomies/{id}", response={200: schemas.Taxonomy, **ERRORS}, summary="One taxonomy")
def taxonomy(request, id: str):
    """A taxonomy."""
    return _object("taxonomy", "taxonomy", id, hsds.Directory.taxonomy)


@router.get(
    "/taxonomy_terms",
    response={200: schemas.TaxonomyTermPage, **ERRORS},
    openapi_extra=LIST_EXTRA,
    summary="Taxonomy terms",
)
def taxonomy_terms(
    request,
    search: str = SearchQ,
    taxonomy_id: str | None = IdQ,
    parent_id: str | None = IdQ,
    top_only: bool = Query(False, description="Only the terms without a parent."),
    page: int = PageQ,
    per_page: int = PerPageQ,
    format: Literal["json", "ndjson"] = FormatQ,
):
    """Taxonomy terms (categories of services, facts), with their taxonomy."""
    ids = store.taxonomy_terms(
        search=search,
        taxonomy_id=_uuid("taxonomy_id", taxonomy_id),
        parent_id=_uuid("parent_id", parent_id),
        top_only=top_only,
    )
    return listing(
        ids,
        _builder("taxonomy_term", "taxonomy_term", hsds.Directory.taxonomy_term),
        page,
        per_page,
        format,
    )


@router.get(
    "/taxonomy_terms/{id}",
    response={200: schemas.TaxonomyTerm, **ERRORS},
    summary="One taxonomy term",
)
def taxonomy_term(request, id: str):
    """A taxonomy term with its taxonomy."""
    return _object("taxonomy_term", "taxonomy_term", id, hsds.Directory.taxonomy_term)
