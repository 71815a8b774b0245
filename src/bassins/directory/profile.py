"""The bassins profile of Open Referral HSDS 3.1: tables, fields, types, and their JSON Schemas. Pure.

Written from the HSDS 3.1 specification (openreferral/specification, branch 3.1: `schema/*.json`);
no file of the specification is copied here. The profile keeps the HSDS tables, file names and field
names, and adds Brussels extensions as extra columns, which HSDS allows (its schemas do not forbid
additional properties):

* every human-readable text exists in French, Dutch and English: the internal fields are `name_fr`,
  `name_nl`, `name_en`; the HSDS column `name` is written too (French, else Dutch, else English), so that
  a plain HSDS consumer finds its field;
* provenance on every record: `source` (the importer: afmps, hospitals, osm, directory_sample, hsds,
  spreadsheet, taxonomy, manual) and `source_key` (the record's stable key in that source);
* on locations: competent authority, location precision, head office / activity site flags, the
  territory codes (sector, sub-municipality, commune, Monitoring quartier, bassin, quartier social-santé)
  and whether the point lies inside the region; verification (`assured_date`, `verified_by`) on
  organizations, services and locations; the source extract date on services;
* on schedules: `kind` (regular, closure, public_holiday) and `closed`, for exceptions;
* on taxonomy terms: search synonyms in French and Dutch; on service areas: the territory `layer` and
  `area_code` an area stands for (e.g. layer "commune", code "21001").

Internal rows (what parsers produce and the loader writes) use the internal field names and typed
values (str, float, int, bool, datetime.date, datetime.datetime, None); `to_csv_value`/`from_csv_value`
convert to and from the datapackage's text.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from dataclasses import dataclass

HSDS_VERSION = "3.1"
LANGUAGES = ("fr", "nl", "en")

STATUSES = ("active", "inactive", "defunct", "temporarily closed")
LOCATION_TYPES = ("physical", "postal", "virtual")
ADDRESS_TYPES = ("physical", "postal", "virtual")
SCHEDULE_KINDS = ("regular", "closure", "public_holiday")
AUTHORITIES = ("cocom", "cocof", "vgc", "federal", "regional", "communal")
from bassins.codes import PRECISIONS  # noqa: E402 (defined once)

SOURCES = (
    "afmps",
    "hospitals",
    "osm",
    "directory_sample",
    "hsds",
    "spreadsheet",
    "taxonomy",
    "manual",
)
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
AREA_LAYERS = ("region", "bassin", "commune", "submunicipality", "monitoring", "qss", "sector")


@dataclass(frozen=True)
class Field:
    """One field of a table of the HSDS profile: name, kind, constraints, whether translated."""

    name: str
    kind: str = "string"  # string, text, uuid, date, datetime, number, integer, boolean
    required: bool = False
    enum: tuple[str, ...] | None = None
    translated: bool = False  # name -> name_fr, name_nl, name_en
    hsds: bool = True  # a field of HSDS 3.1 (False: a bassins extension)
    format: str | None = None  # email, uri
    ref: str | None = None  # table a uuid field refers to

    def internal_names(self) -> list[str]:
        """The database column names of the field: name_fr, name_nl, name_en when translated."""
        return [f"{self.name}_{lang}" for lang in LANGUAGES] if self.translated else [self.name]


@dataclass(frozen=True)
class TableSpec:
    """One table of the HSDS profile: its name, datapackage path and fields."""

    name: str
    path: str
    fields: tuple[Field, ...]
    description: str = ""
    provenance: bool = True

    def internal_fields(self) -> list[str]:
        """The database columns of the table, translations and provenance (source, source_key)."""
        names = [name for f in self.fields for name in f.internal_names()]
        return names + (["source", "source_key"] if self.provenance else [])

    def csv_columns(self) -> list[str]:
        """The CSV columns of the table: each field, then its translations, then the provenance."""
        columns: list[str] = []
        for f in self.fields:
            columns.append(f.name)
            if f.translated:
                columns.extend(f.internal_names())
        return columns + (["source", "source_key"] if self.provenance else [])

    def field(self, name: str) -> Field:
        """The field named `name` or stored in column `name`; KeyError when there is none."""
        for f in self.fields:
            if f.name == name or name in f.internal_names():
                return f
        raise KeyError(name)

    @property
    def kinds(self) -> dict[str, str]:
        """The kind of every database column of the table (column -> kind)."""
        kinds = {name: f.kind for f in self.fields for name in f.internal_names()}
        if self.provenance:
            kinds.update(source="string", source_key="string")
        return kinds


def _f(name, kind="string", **options) -> Field:
    return Field(name, kind, **options)


def _t(name, kind="string", **options) -> Field:
    return Field(name, kind, translated=True, **options)


def _x(name, kind="string", **options) -> Field:
    return Field(name, kind, hsds=False, **options)


ID = _f("id", "uuid", required=True)
VERIFICATION = (_x("assured_date", "date"), _x("verified_by"))

TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "taxonomy",
        "taxonomies.csv",
        (
            ID,
            _t("name", required=True),
            _t("description", "text", required=True),
            _f("uri", format="uri"),
            _f("version"),
        ),
        "Taxonomies the terms come from.",
    ),
    TableSpec(
        "taxonomy_term",
        "taxonomy_terms.csv",
        (
            ID,
            _f("code"),
            _t("name", required=True),
            _t("description", "text", required=True),
            _f("parent_id", "uuid", ref="taxonomy_term"),
            _f("taxonomy"),
            _f("language"),
            _f("taxonomy_id", "uuid", ref="taxonomy"),
            _f("term_uri", format="uri"),
            _x("synonyms_fr", "text"),
            _x("synonyms_nl", "text"),
            _x("synonyms_en", "text"),
        ),
        "Categories of needs and services, with FR/NL/EN search synonyms.",
    ),
    TableSpec(
        "organization",
        "organizations.csv",
        (
            ID,
            _t("name", required=True),
            _t("alternate_name"),
            _t("description", "text", required=True),
            _f("email", format="email"),
            _f("website", format="uri"),
            _f("tax_status"),
            _f("tax_id"),
            _f("year_incorporated", "integer"),
            _f("legal_status"),
            _f("logo"),
            _f("uri", format="uri"),
            _f("parent_organization_id", "uuid", ref="organization"),
            *VERIFICATION,
        ),
        "Organizations delivering services.",
    ),
    TableSpec(
        "program",
        "programs.csv",
        (
            ID,
            _f("organization_id", "uuid", ref="organization"),
            _t("name", required=True),
            _t("alternate_name"),
            _t("description", "text", required=True),
        ),
        "Programmes grouping services of an organization.",
    ),
    TableSpec(
        "service",
        "services.csv",
        (
            ID,
            _f("organization_id", "uuid", ref="organization"),
            _f("program_id", "uuid", ref="program"),
            _t("name", required=True),
            _t("alternate_name"),
            _t("description", "text"),
            _f("url", format="uri"),
            _f("email", format="email"),
            _f("status", required=True, enum=STATUSES),
            _t("interpretation_services", "text"),
            _t("application_process", "text"),
            _t("fees_description", "text"),
            _f("accreditations", "text"),
            _t("eligibility_description", "text"),
            _f("minimum_age", "number"),
            _f("maximum_age", "number"),
            _f("assured_date", "date"),
            _f("assurer_email", format="email"),
            _f("licenses", "text"),
            _t("alert", "text"),
            _x("verified_by"),
            _x("extract_date", "date"),
        ),
        "Services delivered by organizations.",
    ),
    TableSpec(
        "location",
        "locations.csv",
        (
            ID,
            _f("location_type", required=True, enum=LOCATION_TYPES),
            _f("url", format="uri"),
            _f("organization_id", "uuid", ref="organization"),
            _t("name"),
            _t("alternate_name"),
            _t("description", "text"),
            _t("transportation", "text"),
            _f("latitude", "number"),
            _f("longitude", "number"),
            _f("external_identifier"),
            _f("external_identifier_type"),
            _x("competent_authority", enum=AUTHORITIES),
            _x("precision", enum=PRECISIONS),
            _x("is_head_office", "boolean"),
            _x("is_activity_site", "boolean"),
            _x("sector"),
            _x("submunicipality"),
            _x("commune"),
            _x("monitoring"),
            _x("bassin"),
            _x("qss"),
            _x("inside_region", "boolean"),
            *VERIFICATION,
        ),
        "Places where services are delivered, with the Brussels territory codes.",
    ),
    TableSpec(
        "service_at_location",
        "service_at_location.csv",
        (
            ID,
            _f("service_id", "uuid", ref="service", required=True),
            _f("location_id", "uuid", ref="location", required=True),
            _t("description", "text"),
        ),
        "Which service is delivered at which location.",
    ),
    TableSpec(
        "address",
        "addresses.csv",
        (
            ID,
            _f("location_id", "uuid", ref="location", required=True),
            _f("attention"),
            _f("address_1"),
            _f("address_2"),
            _f("city"),
            _f("region"),
            _f("state_province"),
            _f("postal_code"),
            _f("country", required=True),
            _f("address_type", required=True, enum=ADDRESS_TYPES),
        ),
        "Addresses of locations (street, postcode or only the commune: HSDS requires all, Brussels sources "
        "do not always give them).",
    ),
    TableSpec(
        "contact",
        "contacts.csv",
        (
            ID,
            _f("organization_id", "uuid", ref="organization"),
            _f("service_id", "uuid", ref="service"),
            _f("service_at_location_id", "uuid", ref="service_at_location"),
            _f("location_id", "uuid", ref="location"),
            _f("name"),
            _t("title"),
            _t("department"),
            _f("email", format="email"),
        ),
        "Contact persons or desks.",
    ),
    TableSpec(
        "phone",
        "phones.csv",
        (
            ID,
            _f("location_id", "uuid", ref="location"),
            _f("service_id", "uuid", ref="service"),
            _f("organization_id", "uuid", ref="organization"),
            _f("contact_id", "uuid", ref="contact"),
            _f("service_at_location_id", "uuid", ref="service_at_location"),
            _f("number", required=True),
            _f("extension", "number"),
            _f("type"),
            _t("description", "text"),
        ),
        "Phone numbers.",
    ),
    TableSpec(
        "schedule",
        "schedules.csv",
        (
            ID,
            _f("service_id", "uuid", ref="service"),
            _f("location_id", "uuid", ref="location"),
            _f("service_at_location_id", "uuid", ref="service_at_location"),
            _f("valid_from", "date"),
            _f("valid_to", "date"),
            _f("dtstart", "date"),
            _f("timezone", "number"),
            _f("until", "date"),
            _f("count", "integer"),
            _f("wkst", enum=WEEKDAYS),
            _f("freq", enum=("WEEKLY", "MONTHLY")),
            _f("interval", "integer"),
            _f("byday"),
            _f("byweekno"),
            _f("bymonthday"),
            _f("byyearday"),
            _t("description", "text"),
            _f("opens_at"),
            _f("closes_at"),
            _f("schedule_link", format="uri"),
            _f("attending_type"),
            _f("notes", "text"),
            _x("kind", enum=SCHEDULE_KINDS),
            _x("closed", "boolean"),
        ),
        "Opening hours (weekly rules), closures and public-holiday exceptions.",
    ),
    TableSpec(
        "service_area",
        "service_areas.csv",
        (
            ID,
            _f("service_id", "uuid", ref="service"),
            _f("service_at_location_id", "uuid", ref="service_at_location"),
            _t("name"),
            _t("description", "text"),
            _f("extent", "text"),
            _f("extent_type"),
            _f("uri"),
            _x("layer", enum=AREA_LAYERS),
            _x("area_code"),
        ),
        "Areas served, as territory codes.",
    ),
    TableSpec(
        "language",
        "languages.csv",
        (
            ID,
            _f("service_id", "uuid", ref="service"),
            _f("location_id", "uuid", ref="location"),
            _f("phone_id", "uuid", ref="phone"),
            _f("name"),
            _f("code"),
            _f("note"),
        ),
        "Languages in which a service is delivered.",
    ),
    TableSpec(
        "cost_option",
        "cost_options.csv",
        (
            ID,
            _f("service_id", "uuid", ref="service", required=True),
            _f("valid_from", "date"),
            _f("valid_to", "date"),
            _t("option", "text"),
            _f("currency"),
            _f("amount", "number"),
            _t("amount_description", "text"),
        ),
        "Costs of services.",
    ),
    TableSpec(
        "funding",
        "funding.csv",
        (
            ID,
            _f("organization_id", "uuid", ref="organization"),
            _f("service_id", "uuid", ref="service"),
            _f("source", "text"),
        ),
        "Sources of funding of organizations and services (HSDS `source` is the funder: this table "
        "carries no provenance columns, its rows belong to the organization or service they fund).",
        provenance=False,
    ),
    TableSpec(
        "required_document",
        "required_documents.csv",
        (
            ID,
            _f("service_id", "uuid", ref="service"),
            _t("document", "text"),
            _f("uri", format="uri"),
        ),
        "Documents needed to use a service.",
    ),
    TableSpec(
        "accessibility",
        "accessibility.csv",
        (
            ID,
            _f("location_id", "uuid", ref="location"),
            _t("description", "text"),
            _t("details", "text"),
            _f("url", format="uri"),
        ),
        "Accessibility of locations (wheelchair access, hearing loop...).",
    ),
    TableSpec(
        "organization_identifier",
        "organization_identifiers.csv",
        (
            ID,
            _f("organization_id", "uuid", ref="organization"),
            _f("identifier_scheme"),
            _f("identifier_type", required=True),
            _f("identifier", required=True),
        ),
        "Identifiers of organizations in official registers (e.g. the KBO/BCE number).",
    ),
    TableSpec(
        "unit",
        "units.csv",
        (
            ID,
            _f("name", required=True),
            _f("scheme"),
            _f("identifier"),
            _f("uri", format="uri"),
        ),
        "Units in which service capacities are counted (beds, places...).",
    ),
    TableSpec(
        "service_capacity",
        "service_capacity.csv",
        (
            ID,
            _f("service_id", "uuid", ref="service", required=True),
            _f("unit_id", "uuid", ref="unit", required=True),
            _f("available", "number", required=True),
            _f("maximum", "number"),
            _t("description", "text"),
            _f("updated", "datetime", required=True),
        ),
        "Capacities of services (places available and maximum, in a unit).",
    ),
    TableSpec(
        "url",
        "url.csv",
        (
            ID,
            _t("label"),
            _f("url", required=True, format="uri"),
            _f("organization_id", "uuid", ref="organization"),
            _f("service_id", "uuid", ref="service"),
        ),
        "Additional web addresses of organizations and services.",
    ),
    TableSpec(
        "attribute",
        "attributes.csv",
        (
            ID,
            _f("link_id", "uuid", required=True),
            _f("taxonomy_term_id", "uuid", ref="taxonomy_term", required=True),
            _f("link_type", required=True),
            _f("link_entity", required=True),
            _f("value", "text"),
            _f("label"),
        ),
        "Taxonomy terms attached to records (categories, facility facts).",
    ),
    TableSpec(
        "metadata",
        "metadata.csv",
        (
            ID,
            _f("resource_id", "uuid", required=True),
            _f("resource_type", required=True),
            _f("last_action_date", "datetime", required=True),
            _f("last_action_type", required=True),
            _f("field_name"),
            _f("previous_value", "text"),
            _f("replacement_value", "text"),
            _f("updated_by", required=True),
        ),
        "Field-level history of changes (who, when, field, before, after).",
        provenance=False,
    ),
)

TABLE = {spec.name: spec for spec in TABLES}
#: The address fields HSDS 3.1 requires; an address lacking one is exported as a `partial_address`
#: attribute of its location (bassins.directory.sources.hsds), so that the export stays valid HSDS.
HSDS_ADDRESS_REQUIRED = (
    "address_1",
    "city",
    "state_province",
    "postal_code",
    "country",
    "address_type",
)
PARTIAL_ADDRESS = "partial_address"
#: Tables in an order where every reference points to an earlier table (load order).
LOAD_ORDER = [spec.name for spec in TABLES]
#: Tables whose records carry provenance (`source`, `source_key`): the records a source owns.
RESOURCE_TABLES = [spec.name for spec in TABLES if spec.provenance]


# --- values -----------------------------------------------------------------------------------------


def to_csv_value(kind: str, value) -> str:
    """Typed value -> the datapackage's text (deterministic: the same value always gives the same text)."""
    if value is None or value == "":
        return ""
    if kind == "boolean":
        return "true" if value else "false"
    if kind == "number":
        value = float(value)
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if kind == "integer":
        return str(int(value))
    if kind in ("date", "datetime"):
        return value.isoformat()
    if kind == "uuid":
        return str(value)
    return str(value)


def from_csv_value(kind: str, text: str):
    """The datapackage's text -> typed value; ValueError when the text does not fit the kind."""
    if text is None or text == "":
        return "" if kind in ("string", "text") else None
    if kind in ("string", "text"):
        return text
    if kind == "uuid":
        return str(uuid.UUID(text))
    if kind == "boolean":
        lowered = text.strip().lower()
        if lowered in ("true", "1", "yes", "y"):
            return True
        if lowered in ("false", "0", "no", "n"):
            return False
        raise ValueError(f"not a boolean: {text!r}")
    if kind == "number":
        number = float(text)
        if not math.isfinite(number):
            raise ValueError(f"not a finite number: {text!r}")
        return number
    if kind == "integer":
        number = float(text)
        if not number.is_integer():
            raise ValueError(f"not an integer: {text!r}")
        return int(number)
    if kind == "date":
        return dt.date.fromisoformat(text[:10]) if len(text) >= 10 else dt.date.fromisoformat(text)
    if kind == "datetime":
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    raise ValueError(f"unknown kind {kind}")


def normalise(kind: str, value):
    """A typed value in the one form used to compare a file's row with the database's."""
    if kind in ("string", "text"):
        return "" if value is None else str(value)
    if value is None or value == "":
        return None
    if kind == "uuid":
        return str(value)
    if kind == "number":
        return float(value)
    if kind == "integer":
        return int(value)
    if kind == "boolean":
        return bool(value)
    if kind == "datetime" and isinstance(value, dt.datetime) and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def blank_row(table: str) -> dict:
    """A row of `table` with every internal field empty."""
    spec = TABLE[table]
    return {name: ("" if kind in ("string", "text") else None) for name, kind in spec.kinds.items()}


def hsds_text(row: dict, field_name: str) -> str:
    """The plain HSDS value of a translated field: French, else Dutch, else English."""
    for lang in LANGUAGES:
        value = row.get(f"{field_name}_{lang}")
        if value:
            return value
    return ""


# --- JSON Schema ------------------------------------------------------------------------------------

_JSON_TYPES = {
    "string": "string",
    "text": "string",
    "uuid": "string",
    "date": "string",
    "datetime": "string",
    "number": "number",
    "integer": "integer",
    "boolean": "boolean",
}


def json_schema(table: str) -> dict:
    """JSON Schema (draft 2020-12) of one CSV row of `table` once typed, as this profile defines it."""
    spec = TABLE[table]
    properties: dict[str, dict] = {}
    required: list[str] = []
    for f in spec.fields:
        for name in [f.name] + (f.internal_names() if f.translated else []):
            prop: dict = {
                "type": [_JSON_TYPES[f.kind], "null"]
                if f.kind not in ("string", "text")
                else "string"
            }
            if f.kind == "uuid":
                prop["format"] = "uuid"
            elif f.kind == "date":
                prop["format"] = "date"
            elif f.kind == "datetime":
                prop["format"] = "date-time"
            elif f.format:
                prop["format"] = f.format
            if f.enum and name == f.name:
                prop["enum"] = list(f.enum) + ([""] if not f.required else [])
            if f.required and name == f.name and f.kind in ("string", "text"):
                prop["minLength"] = 1
            properties[name] = prop
        if f.required:
            required.append(f.name)
    if spec.provenance:
        properties["source"] = {"type": "string", "enum": list(SOURCES) + [""]}
        properties["source_key"] = {"type": "string"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"bassins HSDS {HSDS_VERSION} profile: {table}",
        "type": "object",
        "properties": properties,
        "required": required,
    }


def datapackage_descriptor(
    name: str = "bassins-directory", title: str = "", extra: dict | None = None
) -> dict:
    """The datapackage.json of an export (Frictionless tabular data package, HSDS resources)."""
    frictionless_types = {
        "string": "string",
        "text": "string",
        "uuid": "string",
        "date": "date",
        "datetime": "datetime",
        "number": "number",
        "integer": "integer",
        "boolean": "boolean",
    }
    resources = []
    for spec in TABLES:
        fields = []
        for column in spec.csv_columns():
            if column in ("source", "source_key"):
                fields.append({"name": column, "type": "string", "bassins_extension": True})
                continue
            f = spec.field(column)
            entry: dict = {"name": column, "type": frictionless_types[f.kind]}
            if f.kind == "uuid":
                entry["format"] = "uuid"
            elif f.format:
                entry["format"] = f.format
            constraints = {}
            if f.required and column == f.name:
                constraints["required"] = True
            if column == "id":
                constraints["unique"] = True
            if f.enum and column == f.name:
                constraints["enum"] = list(f.enum)
            if constraints:
                entry["constraints"] = constraints
            if not f.hsds:
                entry["bassins_extension"] = True
            if f.translated and column != f.name:
                entry["bassins_extension"] = True
                entry["description"] = f"{f.name} in {column.rsplit('_', 1)[1]}"
            fields.append(entry)
        resource = {
            "name": spec.name,
            "path": spec.path,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "description": spec.description,
            "schema": {"primaryKey": "id", "fields": fields},
        }
        foreign = [
            {"fields": f.name, "reference": {"resource": f.ref, "fields": "id"}}
            for f in spec.fields
            if f.ref
        ]
        if foreign:
            resource["schema"]["foreignKeys"] = foreign
        resources.append(resource)
    descriptor = {
        "profile": "tabular-data-package",
        "name": name,
        "title": title or "Directory of social and health services, Brussels-Capital Region",
        "hsds_version": HSDS_VERSION,
        "bassins_profile": "HSDS 3.1 with FR/NL/EN texts and Brussels territory extensions",
        "languages": list(LANGUAGES),
        "resources": resources,
    }
    if extra:
        descriptor.update(extra)
    return descriptor
