"""HSDS 3.1 JSON objects (nested, as the HSDS API returns them) from the directory's tables. Pure.

One source of truth with the datapackage export: the tables are those `bassins.directory.sources.hsds`
writes (`hsds_tables`: incomplete addresses moved to `partial_address` attributes), and every object
carries the export's columns (`TableSpec.csv_columns()`: the HSDS field, its FR/NL/EN translations,
the bassins extensions and the provenance), with the export's plain HSDS text (French, else Dutch, else
English). An empty cell of the export is an absent property here, as HSDS reads CSV; numbers are JSON
numbers, booleans JSON booleans, dates ISO text.

The nesting follows the HSDS 3.1 object schemas (`schema/service.json`, `organization.json`,
`location.json`, `service_at_location.json` of openreferral/specification): a service holds its
phones, schedules, service areas, service_at_locations (each with its location), languages, its
organization, funding, cost options, program, required documents, contacts, capacities (each with its
unit), attributes (each with its taxonomy term) and metadata; `last_modified` is the latest date of
its metadata. `Directory` indexes the tables once (by id and by each reference column), so that
building any object costs dictionary look-ups only.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict

from bassins.directory import profile

#: Required fields of the HSDS 3.1 object schemas that the profile stores as text: always written
#: (an empty text is still a string), so that each object has what its schema requires.
_ALWAYS = {
    "metadata": (
        "last_action_date",
        "last_action_type",
        "field_name",
        "previous_value",
        "replacement_value",
        "updated_by",
    ),
    "service": ("name", "status"),
    "organization": ("name", "description"),
    "taxonomy": ("name", "description"),
    "taxonomy_term": ("name", "description"),
    "program": ("name", "description"),
    "organization_identifier": ("identifier_type", "identifier"),
    "unit": ("name",),
    "url": ("url",),
    "phone": ("number",),
    "location": ("location_type",),
}


def json_value(kind: str, value):
    """A typed internal value as JSON (None for an empty one, which is then left out)."""
    if value is None or value == "":
        return None
    if kind == "boolean":
        return bool(value)
    if kind == "number":
        number = float(value)
        if not math.isfinite(number):
            return None
        return int(number) if number.is_integer() and abs(number) < 1e15 else number
    if kind == "integer":
        return int(value)
    if kind in ("date", "datetime"):
        if isinstance(value, dt.datetime) and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.isoformat()
    return str(value)


def flat(table: str, row: dict) -> dict:
    """One row as the flat JSON object of its table: the export's columns, empty ones left out."""
    spec = profile.TABLE[table]
    kinds = spec.kinds
    out: dict = {}
    always = _ALWAYS.get(table, ())
    for column in spec.csv_columns():
        if column in ("source", "source_key"):
            value = row.get(column) or None
        else:
            f = spec.field(column)
            if f.translated and column == f.name:
                value = profile.hsds_text(row, f.name) or None
            else:
                value = json_value(kinds[column], row.get(column))
        if value is None:
            if column in always:
                out[column] = ""
            continue
        out[column] = value
    return out


class Directory:
    """The directory's HSDS tables indexed by id and by reference, and the objects built from them."""

    def __init__(
        self, tables: dict[str, list[dict]], source_dates: dict[str, object] | None = None
    ):
        self.tables = {name: list(tables.get(name, [])) for name in profile.TABLE}
        self.by_id = {
            name: {str(row["id"]): row for row in rows} for name, rows in self.tables.items()
        }
        self._refs: dict[tuple[str, str], dict[str, list[dict]]] = {}
        self.attributes = self._group("attribute", "link_id")
        self.metadata = self._group("metadata", "resource_id")
        self.last_modified = {
            key: max(json_value("datetime", row["last_action_date"]) for row in rows)
            for key, rows in self.metadata.items()
            if any(row.get("last_action_date") for row in rows)
        }
        # A record without history was last written by an import of its source: the latest one
        # (never later than the true date, so `modified_after` never misses a change).
        dates = {k: json_value("datetime", v) for k, v in (source_dates or {}).items() if v}
        for table in ("service", "organization", "location"):
            for row in self.tables[table]:
                key = str(row["id"])
                if key not in self.last_modified and dates.get(row.get("source")):
                    self.last_modified[key] = dates[row["source"]]

    def _group(self, table: str, column: str) -> dict[str, list[dict]]:
        key = (table, column)
        if key not in self._refs:
            grouped: dict[str, list[dict]] = defaultdict(list)
            for row in self.tables[table]:
                value = row.get(column)
                if value:
                    grouped[str(value)].append(row)
            self._refs[key] = dict(grouped)
        return self._refs[key]

    def rows(self, table: str, column: str, value) -> list[dict]:
        """The rows of `table` whose `column` is `value` (by id)."""
        return self._group(table, column).get(str(value), [])

    # -- small objects ---------------------------------------------------------------------------

    def _with_meta(self, table: str, row: dict, *, attributes: bool = True) -> dict:
        out = flat(table, row)
        if attributes and "attributes" in _NESTED_ATTRIBUTES.get(table, ("attributes",)):
            out["attributes"] = [self.attribute(a) for a in self.attributes.get(str(row["id"]), [])]
        out["metadata"] = [flat("metadata", m) for m in self.metadata.get(str(row["id"]), [])]
        return out

    def taxonomy(self, row: dict) -> dict:
        """A taxonomy with its metadata."""
        return self._with_meta("taxonomy", row, attributes=False)

    def taxonomy_term(self, row: dict, *, detail: bool = True) -> dict:
        """A taxonomy term with its taxonomy (`taxonomy_detail`) and metadata."""
        out = self._with_meta("taxonomy_term", row, attributes=False)
        taxonomy = self.by_id["taxonomy"].get(str(row.get("taxonomy_id") or ""))
        if detail and taxonomy is not None:
            out["taxonomy_detail"] = flat("taxonomy", taxonomy)
        return out

    def attribute(self, row: dict) -> dict:
        """An attribute with its taxonomy term."""
        out = flat("attribute", row)
        term = self.by_id["taxonomy_term"].get(str(row.get("taxonomy_term_id") or ""))
        if term is not None:
            out["taxonomy_term"] = flat("taxonomy_term", term)
        return out

    def _children(self, table: str, column: str, value) -> list[dict]:
        return [self._with_meta(table, row) for row in self.rows(table, column, value)]

    def phone(self, row: dict) -> dict:
        """A phone with its languages, attributes and metadata."""
        out = self._with_meta("phone", row)
        out["languages"] = self._children("language", "phone_id", row["id"])
        return out

    def _phones(self, column: str, value) -> list[dict]:
        return [self.phone(row) for row in self.rows("phone", column, value)]

    def contact(self, row: dict) -> dict:
        """A contact with its phones, attributes and metadata."""
        out = self._with_meta("contact", row)
        out["phones"] = self._phones("contact_id", row["id"])
        return out

    def _contacts(self, column: str, value) -> list[dict]:
        return [self.contact(row) for row in self.rows("contact", column, value)]

    # -- locations and services ----------------------------------------------------------------

    def location(self, row: dict) -> dict:
        """A location, fully nested (HSDS 3.1 `location.json`)."""
        out = self._with_meta("location", row)
        key = row["id"]
        out["languages"] = self._children("language", "location_id", key)
        out["addresses"] = self._children("address", "location_id", key)
        out["contacts"] = self._contacts("location_id", key)
        out["accessibility"] = self._children("accessibility", "location_id", key)
        out["phones"] = self._phones("location_id", key)
        out["schedules"] = self._children("schedule", "location_id", key)
        return out

    def service_at_location(self, row: dict, *, service: bool = False) -> dict:
        """A service_at_location with its location (HSDS 3.1 `service_at_location.json`); with the
        service's one-to-one fields when `service` (the list item of /service_at_locations)."""
        out = self._with_meta("service_at_location", row)
        key = row["id"]
        out["service_areas"] = self._children("service_area", "service_at_location_id", key)
        out["contacts"] = self._contacts("service_at_location_id", key)
        out["phones"] = self._phones("service_at_location_id", key)
        out["schedules"] = self._children("schedule", "service_at_location_id", key)
        location = self.by_id["location"].get(str(row["location_id"]))
        if location is not None:
            out["location"] = self.location(location)
        if service:
            found = self.by_id["service"].get(str(row["service_id"]))
            if found is not None:
                out["service"] = self.service_item(found)
        return out

    def service_item(self, row: dict) -> dict:
        """A service's one-to-one fields with its organization and program (`service_list.json`)."""
        out = flat("service", row)
        modified = self.last_modified.get(str(row["id"]))
        if modified:
            out["last_modified"] = modified
        organization = self.by_id["organization"].get(str(row.get("organization_id") or ""))
        if organization is not None:
            out["organization"] = flat("organization", organization)
        program = self.by_id["program"].get(str(row.get("program_id") or ""))
        if program is not None:
            out["program"] = flat("program", program)
        return out

    def service(self, row: dict) -> dict:
        """A service, fully nested (HSDS 3.1 `service.json`)."""
        out = self._with_meta("service", row)
        key = row["id"]
        modified = self.last_modified.get(str(key))
        if modified:
            out["last_modified"] = modified
        out["additional_urls"] = [flat("url", u) for u in self.rows("url", "service_id", key)]
        out["phones"] = self._phones("service_id", key)
        out["schedules"] = self._children("schedule", "service_id", key)
        out["service_areas"] = self._children("service_area", "service_id", key)
        out["service_at_locations"] = [
            self.service_at_location(sal)
            for sal in self.rows("service_at_location", "service_id", key)
        ]
        out["languages"] = self._children("language", "service_id", key)
        organization = self.by_id["organization"].get(str(row.get("organization_id") or ""))
        if organization is not None:
            out["organization"] = flat("organization", organization)
        out["funding"] = [flat("funding", f) for f in self.rows("funding", "service_id", key)]
        out["cost_options"] = self._children("cost_option", "service_id", key)
        program = self.by_id["program"].get(str(row.get("program_id") or ""))
        if program is not None:
            out["program"] = flat("program", program)
        out["required_documents"] = self._children("required_document", "service_id", key)
        out["contacts"] = self._contacts("service_id", key)
        out["capacities"] = []
        for capacity in self.rows("service_capacity", "service_id", key):
            item = self._with_meta("service_capacity", capacity)
            unit = self.by_id["unit"].get(str(capacity.get("unit_id") or ""))
            if unit is not None:
                item["unit"] = flat("unit", unit)
            out["capacities"].append(item)
        return out

    def organization_item(self, row: dict) -> dict:
        """An organization's one-to-one fields (`organization_list.json`)."""
        return flat("organization", row)

    def organization(self, row: dict) -> dict:
        """An organization, fully nested (HSDS 3.1 `organization.json`), with its services' one-to-one
        fields (`services`)."""
        out = self._with_meta("organization", row)
        key = row["id"]
        out["additional_websites"] = [
            flat("url", u) for u in self.rows("url", "organization_id", key)
        ]
        out["funding"] = [flat("funding", f) for f in self.rows("funding", "organization_id", key)]
        out["contacts"] = self._contacts("organization_id", key)
        out["phones"] = self._phones("organization_id", key)
        out["locations"] = [
            self.location(loc) for loc in self.rows("location", "organization_id", key)
        ]
        out["programs"] = self._children("program", "organization_id", key)
        out["organization_identifiers"] = self._children(
            "organization_identifier", "organization_id", key
        )
        out["services"] = [
            self.service_item(s) for s in self.rows("service", "organization_id", key)
        ]
        return out

    # -- what filters read -----------------------------------------------------------------------

    def term_ids(self, link_id) -> set[str]:
        """The taxonomy terms attached to a record (its attributes' taxonomy_term_id)."""
        return {
            str(a["taxonomy_term_id"])
            for a in self.attributes.get(str(link_id), [])
            if a.get("taxonomy_term_id")
        }

    def term_descendants(self, term_id: str) -> set[str]:
        """A term and every term below it (by parent_id)."""
        found, todo = set(), [str(term_id)]
        while todo:
            current = todo.pop()
            if current in found:
                continue
            found.add(current)
            todo.extend(str(row["id"]) for row in self.rows("taxonomy_term", "parent_id", current))
        return found


#: Tables whose HSDS 3.1 object has no `attributes` array (taxonomies and terms, capacities).
_NESTED_ATTRIBUTES = {
    "taxonomy": (),
    "taxonomy_term": (),
    "metadata": (),
    "attribute": (),
}


def page(items: list, page_number: int, per_page: int) -> dict:
    """The HSDS paging envelope of one page of `items` (page numbers start at 1)."""
    total = len(items)
    pages = max(1, math.ceil(total / per_page)) if total else 0
    start = (page_number - 1) * per_page
    contents = items[start : start + per_page]
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page_number,
        "size": len(contents),
        "first_page": page_number == 1,
        "last_page": page_number >= pages,
        "empty": not contents,
        "contents": contents,
    }
