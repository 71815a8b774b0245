"""Response shapes of the API as OpenAPI sees them (pydantic models through django-ninja).

The HSDS objects carry more fields than listed (every column of the HSDS export, see
`bassins.api.hsds`): the models name the ones HSDS 3.1 requires and allow the others. The tests
validate every HSDS object against the official HSDS 3.1 JSON schemas.
"""

from __future__ import annotations

from ninja import Schema
from pydantic import ConfigDict


class Error(Schema):
    """A one-line error naming the parameter and the value refused."""

    error: str


class Open(Schema):
    """An object with further properties than those listed (HSDS allows additional properties)."""

    model_config = ConfigDict(extra="allow")


class ApiRoot(Schema):
    """What the HSDS API root says of itself."""

    version: str
    profile: str
    openapi_url: str


class HsdsObject(Open):
    """Any HSDS object: an id and its other fields."""

    id: str


class ServiceItem(HsdsObject):
    """A service's one-to-one fields, its organization and program (HSDS `service_list`)."""

    name: str
    status: str


class Service(ServiceItem):
    """A service fully nested (HSDS 3.1 `service`)."""

    phones: list[HsdsObject]
    schedules: list[HsdsObject]
    service_areas: list[HsdsObject]
    service_at_locations: list[HsdsObject]
    attributes: list[HsdsObject]
    metadata: list[HsdsObject]


class ServiceAtLocation(HsdsObject):
    """A service at a location, with its location (and its service in lists)."""

    service_id: str
    location_id: str


class OrganizationItem(HsdsObject):
    """An organization's one-to-one fields (HSDS `organization_list`)."""

    name: str
    description: str


class Organization(OrganizationItem):
    """An organization fully nested (HSDS 3.1 `organization`), with its services."""

    locations: list[HsdsObject]
    services: list[HsdsObject]


class Taxonomy(HsdsObject):
    """A taxonomy (HSDS 3.1 `taxonomy`)."""

    name: str
    description: str


class TaxonomyTerm(HsdsObject):
    """A taxonomy term (HSDS 3.1 `taxonomy_term`)."""

    name: str
    description: str


class Page(Schema):
    """The HSDS paging envelope."""

    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool


class ServicePage(Page):
    """A page of services."""

    contents: list[ServiceItem]


class ServiceAtLocationPage(Page):
    """A page of services at locations."""

    contents: list[ServiceAtLocation]


class OrganizationPage(Page):
    """A page of organizations."""

    contents: list[OrganizationItem]


class TaxonomyPage(Page):
    """A page of taxonomies."""

    contents: list[Taxonomy]


class TaxonomyTermPage(Page):
    """A page of taxonomy terms."""

    contents: list[TaxonomyTerm]


# -- territories and offer -----------------------------------------------------------------------


class Feature(Schema):
    """A GeoJSON feature (RFC 7946)."""

    type: str
    properties: dict
    geometry: dict | None


class FeatureCollection(Schema):
    """A GeoJSON feature collection (RFC 7946), WGS84."""

    type: str
    features: list[Feature]


class LayerInfo(Schema):
    """A territory layer and where its GeoJSON is."""

    layer: str
    loaded: bool
    areas: int
    has_geometry: bool
    geojson: str | None


class AreaLink(Schema):
    """An area of a layer and the URL of its offer tables."""

    code: str
    name: str
    url: str


class OfferLayer(Schema):
    """The areas of one layer that have offer tables."""

    layer: str
    areas: list[AreaLink]


class TableColumn(Schema):
    """A column of an offer table: its key, label and kind."""

    key: str
    label: str
    kind: str


class TableInfo(Schema):
    """An offer table and its downloads."""

    key: str
    caption: str
    json_url: str
    csv_url: str


class OfferTables(Schema):
    """The offer tables of one area."""

    layer: str
    code: str
    name: str
    language: str
    tables: list[TableInfo]


class OfferTable(Schema):
    """One offer table: caption, notes, columns and rows (raw values)."""

    key: str
    caption: str
    notes: list[str]
    columns: list[TableColumn]
    rows: list[dict]
