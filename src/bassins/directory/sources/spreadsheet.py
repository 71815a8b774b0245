"""Any CSV/XLSX export -> Bundle, driven by a small JSON mapping file. Pure.

A mapping says which column feeds which HSDS field, how to translate the partner's values, and what
identifies a row:

    {
      "name": "bruxelles_social",                 # the dataset: keys and the re-import scope hang on it
      "key": "id",                                # column with the partner's stable identifier
      "extract_date": "2026-01-15",               # optional: date of the export
      "sheet": null, "encoding": null, "separator": null,   # optional reading options
      "columns": {"service.name_fr": "labelfr", "organization.name_fr": "nameofficialfr",
                  "address.street": "streetfr", "address.house_number": "number", "address.postal_code": "postcode",
                  "phone.number": "phone", "category": "sector", ...},
      "values": {"category": {"Santé mentale": "mental_health", ...},
                 "location.competent_authority": {"COCOF": "cocof", ...}},
      "split": {"category": ";", "phone.number": ";", "languages": ","},
      "unknown_category": "error"                 # or "other"
    }

Targets (left-hand side of "columns") are listed in `TARGETS`. Categories: after the value map, a value
must be a category slug, or a label or synonym of the taxonomy (accents and case ignored); the first
one is the primary category. Everything is validated before anything is loaded; an error names the
file, the row, the column and the value. Re-importing the same export is idempotent; rows that
disappeared from the partner's export are removed (the mapping's `name` is the scope).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from bassins.directory import contacts, tabular, taxonomy
from bassins.directory.brussels import COMMUNES, commune_code, fold
from bassins.directory.bundle import Bundle, stable_id
from bassins.directory.profile import AUTHORITIES, STATUSES
from bassins.directory.sources import common
from bassins.directory.text import clean, parse_partial_date, parse_postcode, split_street
from bassins.errors import InputError

SOURCE = "spreadsheet"
LANGS = ("fr", "nl", "en")


def _translated(prefix: str, names: tuple[str, ...]) -> dict[str, str]:
    return {
        f"{prefix}.{name}_{lang}": (
            "text" if "description" in name or name.endswith(("process", "ion")) else "line"
        )
        for name in names
        for lang in LANGS
    }


#: Target -> kind of value.
TARGETS: dict[str, str] = {
    **_translated("organization", ("name", "description")),
    "organization.tax_id": "line",
    "organization.website": "url",
    "organization.email": "email",
    "organization.legal_status": "line",
    **_translated(
        "service",
        (
            "name",
            "alternate_name",
            "description",
            "eligibility_description",
            "fees_description",
            "application_process",
        ),
    ),
    "service.email": "email",
    "service.url": "url",
    "service.status": "status",
    "service.extract_date": "date",
    "service.minimum_age": "number",
    "service.maximum_age": "number",
    **_translated("location", ("name", "description")),
    "location.latitude": "number",
    "location.longitude": "number",
    "location.competent_authority": "authority",
    "location.is_head_office": "boolean",
    "location.is_activity_site": "boolean",
    "address.address_1": "line",
    "address.street": "line",
    "address.house_number": "line",
    "address.postal_code": "postcode",
    "address.city": "line",
    "phone.number": "phone",
    **_translated("schedule", ("description",)),
    "category": "category",
    "languages": "language",
    "service_area.commune": "commune",
}
TRUE = {"true", "yes", "y", "1", "oui", "ja", "x", "vrai", "waar"}
FALSE = {"false", "no", "n", "0", "non", "nee", "faux", "onwaar", ""}


def read_mapping(path: Path | str) -> dict:
    """The column mapping in the JSON file at `path`, checked (see `check_mapping`)."""
    path = Path(path)
    label = path.name
    try:
        mapping = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as error:
        raise InputError(f"cannot be read: {error.strerror}", source=str(path)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"not valid JSON: {error}", source=label) from None
    return check_mapping(mapping, label)


def check_mapping(mapping, label: str) -> dict:
    """`mapping` when it is a valid column mapping; else InputError naming `label` and the field."""
    if not isinstance(mapping, dict):
        raise InputError("a mapping is a JSON object", source=label)
    name = mapping.get("name")
    if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9_-]{1,60}", name):
        raise InputError(
            "'name' (lower-case letters, digits, '_' or '-') is required",
            source=label,
            field="name",
        )
    if not isinstance(mapping.get("key"), str) or not mapping["key"]:
        raise InputError(
            "'key' (the column of the partner's identifier) is required", source=label, field="key"
        )
    columns = mapping.get("columns")
    if not isinstance(columns, dict) or not columns:
        raise InputError("'columns' (target -> column) is required", source=label, field="columns")
    for target, column in columns.items():
        if target not in TARGETS:
            raise InputError(
                f"unknown target {target!r} (known: {', '.join(sorted(TARGETS))})",
                source=label,
                field="columns",
            )
        if not isinstance(column, str) or not column:
            raise InputError(
                f"the column of {target!r} must be a name", source=label, field="columns"
            )
    if not any(target.startswith("service.name_") for target in columns):
        raise InputError(
            "a service name column (service.name_fr, _nl or _en) is required",
            source=label,
            field="columns",
        )
    for option in ("values", "split"):
        value = mapping.get(option, {})
        if not isinstance(value, dict) or any(target not in TARGETS for target in value):
            raise InputError(f"'{option}' must map known targets", source=label, field=option)
    for target, table in mapping.get("values", {}).items():
        if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
            raise InputError(
                f"values of {target!r} must map text to text", source=label, field="values"
            )
    if mapping.get("unknown_category", "error") not in ("error", "other"):
        raise InputError(
            "'unknown_category' is 'error' or 'other'", source=label, field="unknown_category"
        )
    if mapping.get("extract_date"):
        parse_partial_date(
            str(mapping["extract_date"]), where={"source": label}, field="extract_date"
        )
    return mapping


def read(
    path: Path | str, mapping_path: Path | str, *, categories: list[taxonomy.Term] | None = None
) -> Bundle:
    """The spreadsheet at `path`, read as its mapping at `mapping_path` says, as a Bundle."""
    mapping = read_mapping(mapping_path)
    table = tabular.read_table(
        path,
        encoding=mapping.get("encoding"),
        separator=mapping.get("separator"),
        sheet=mapping.get("sheet"),
    )
    return parse(table, mapping, categories=categories)


def parse(
    table: tabular.Table, mapping: dict, *, categories: list[taxonomy.Term] | None = None
) -> Bundle:
    """The rows of `table` as a Bundle, columns read through `mapping`; InputError (naming row and
    field) on a bad row."""
    mapping = check_mapping(mapping, "mapping")
    name = mapping["name"]
    columns: dict[str, str] = mapping["columns"]
    table.require(sorted({mapping["key"], *columns.values()}))
    extract_date = None
    if mapping.get("extract_date"):
        extract_date, _ = parse_partial_date(
            str(mapping["extract_date"]), where={"source": "mapping"}, field="extract_date"
        )
    index = taxonomy.category_index(categories or [])
    known = {term.code for term in (categories or [])} | {
        term.code for term in taxonomy.BUILTIN_CATEGORIES
    }
    values_maps = {
        target: {fold(k): v for k, v in table_.items()}
        for target, table_ in mapping.get("values", {}).items()
    }
    bundle = Bundle(source=SOURCE, label=table.label, extract_date=extract_date, scope=f"{name}:")
    seen: dict[str, int] = {}
    records = []
    for number, row in enumerate(table.rows, start=1):
        where = {"source": table.label, "row": number}
        key = clean(row[mapping["key"]], where=where, field=mapping["key"])
        if not key:
            raise InputError("empty identifier", field=mapping["key"], **where)
        if key in seen:
            raise InputError(
                f"identifier {key!r} already on row {seen[key]}", field=mapping["key"], **where
            )
        seen[key] = number
        record = {"key": key}
        for target, column in columns.items():
            record[target] = _value(
                target, row.get(column, ""), mapping, values_maps, index, known, where, column
            )
        if not any(record.get(f"service.name_{lang}") for lang in LANGS):
            raise InputError(
                "no service name",
                field=columns.get("service.name_fr")
                or next(c for t, c in columns.items() if t.startswith("service.name_")),
                **where,
            )
        records.append(record)
    for record in records:
        _add(bundle, name, record, extract_date)
    bundle.records = len(records)
    return bundle


def _value(
    target: str,
    raw: str,
    mapping: dict,
    values_maps: dict,
    index: dict,
    known: set,
    where: dict,
    column: str,
):
    kind = TARGETS[target]
    text = clean(raw, where=where, field=column, multiline=kind == "text")
    separator = mapping.get("split", {}).get(target)
    parts = [part.strip() for part in text.split(separator)] if separator else [text]
    parts = [part for part in parts if part]
    value_map = values_maps.get(target, {})
    mapped = [value_map.get(fold(part), part) for part in parts]
    if (
        kind == "category"
    ):  # a slug given by the mapping's value map is trusted (the loader checks it exists)
        known = known | {value_map[fold(part)] for part in parts if fold(part) in value_map}
    if kind in ("category", "language", "phone", "commune"):
        return [_one(kind, value, target, index, known, mapping, where, column) for value in mapped]
    value = mapped[0] if mapped else ""
    return _one(kind, value, target, index, known, mapping, where, column)


def _one(
    kind: str,
    value: str,
    target: str,
    index: dict,
    known: set,
    mapping: dict,
    where: dict,
    column: str,
):
    def fail(message):
        raise InputError(f"{message}: {value[:60]!r}", field=column, **where)

    if kind in ("line", "text", "phone"):
        return value
    if kind == "url":
        return contacts.check_url(value).value if value else ""
    if kind == "email":
        return contacts.check_email(value).value if value else ""
    if kind == "postcode":
        return parse_postcode(value, where=where, field=column)
    if kind == "date":
        return parse_partial_date(value, where=where, field=column)[0]
    if kind == "number":
        return common.number(value, where=where, field=column, required=False)
    if kind == "boolean":
        lowered = value.lower()
        if lowered in TRUE:
            return True
        if lowered in FALSE:
            return False if lowered else None
        fail("not yes/no")
    if kind == "status":
        lowered = value.lower().replace("_", " ")
        if not lowered:
            return "active"
        if lowered not in STATUSES:
            fail(f"status is one of {', '.join(STATUSES)}")
        return lowered
    if kind == "authority":
        lowered = value.lower()
        if lowered and lowered not in AUTHORITIES:
            fail(f"competent authority is one of {', '.join(AUTHORITIES)} (add a value map)")
        return lowered
    if kind == "category":
        if value in known:
            return value
        found = taxonomy.find_category(value, index)
        if found:
            return found
        if mapping.get("unknown_category", "error") == "other":
            return "other"
        fail("unknown category (add it to the mapping's values, or set unknown_category to other)")
    if kind == "language":
        code = value.lower()
        if not re.fullmatch(r"[a-z]{2,3}", code):
            fail("a language is an ISO 639 code (add a value map)")
        return code
    if kind == "commune":
        code = commune_code(value)
        if not code:
            fail("not a Brussels commune")
        return code
    raise AssertionError(kind)


def _add(bundle: Bundle, name: str, record: dict, extract_date: dt.date | None) -> None:
    key = f"{name}:{record['key']}"
    get = record.get
    service_names = {lang: get(f"service.name_{lang}") or "" for lang in LANGS}
    org_names = {lang: get(f"organization.name_{lang}") or "" for lang in LANGS}
    if get("organization.tax_id"):
        org_key = f"{name}:org:tax:{re.sub(r'[^0-9A-Za-z]', '', get('organization.tax_id'))}"
    elif any(org_names.values()):
        org_key = f"{name}:org:name:{fold(next(v for v in org_names.values() if v))}"
    else:
        org_key = f"{key}:org"
        org_names = service_names
    organization_id = stable_id(SOURCE, org_key, "organization")
    org_descriptions = {
        lang: get(f"organization.description_{lang}") or org_names[lang] for lang in LANGS
    }
    bundle.add(
        "organization",
        organization_id,
        source_key=org_key,
        **{f"name_{lang}": org_names[lang] for lang in LANGS},
        **{f"description_{lang}": org_descriptions[lang] for lang in LANGS},
        tax_id=get("organization.tax_id") or "",
        website=get("organization.website") or "",
        email=get("organization.email") or "",
        legal_status=get("organization.legal_status") or "",
    )
    service_fields = {
        target.split(".", 1)[1]: value
        for target, value in record.items()
        if target.startswith("service.") and value not in (None, "")
    }
    service_fields.setdefault("status", "active")
    service_fields.setdefault("extract_date", extract_date)
    service_id = bundle.add(
        "service",
        stable_id(SOURCE, key, "service"),
        source_key=key,
        organization_id=organization_id,
        **service_fields,
    )
    lat, lon = get("location.latitude"), get("location.longitude")
    if (lat is None) != (lon is None):
        raise InputError(
            "latitude without longitude (or the reverse)", source=bundle.label, field="location"
        )
    if lat is not None:
        common.check_wgs84(lon, lat, where={"source": bundle.label})
    street, number = get("address.street") or "", get("address.house_number") or ""
    if get("address.address_1") and not street:
        street, number = split_street(get("address.address_1"))
    postcode, city = get("address.postal_code") or "", get("address.city") or ""
    has_address = bool(street or postcode or city)
    location_fields = {
        target.split(".", 1)[1]: value
        for target, value in record.items()
        if target.startswith("location.") and value not in (None, "")
    }
    location_fields.setdefault("is_head_office", True)
    location_fields.setdefault("is_activity_site", True)
    location_names = {
        f"name_{lang}": get(f"location.name_{lang}") or service_names[lang] for lang in LANGS
    }
    location_fields.update(location_names)
    if lat is not None or has_address:
        location_fields.update(
            location_type="physical", precision="point" if lat is not None else ""
        )
    else:
        location_fields.update(
            location_type="virtual",
            precision="none",
            is_head_office=False,
            is_activity_site=False,
            url=get("service.url") or "",
        )
    location_id = bundle.add(
        "location",
        stable_id(SOURCE, key, "location"),
        source_key=key,
        organization_id=organization_id,
        **location_fields,
    )
    sal_id = bundle.add(
        "service_at_location",
        stable_id(SOURCE, key, "service_at_location"),
        source_key=key,
        service_id=service_id,
        location_id=location_id,
    )
    if has_address:
        common.add_address(
            bundle, key, location_id, street=street, number=number, postcode=postcode, city=city
        )
    for position, phone in enumerate(get("phone.number") or []):
        common.add_phone(bundle, key, phone, position=position, service_at_location_id=sal_id)
    schedule_text = {
        f"description_{lang}": get(f"schedule.description_{lang}") or "" for lang in LANGS
    }
    if any(schedule_text.values()):
        bundle.add(
            "schedule",
            stable_id(SOURCE, key, "schedule", "text"),
            source_key=key,
            service_at_location_id=sal_id,
            kind="regular",
            **schedule_text,
        )
    for position, code in enumerate(dict.fromkeys(get("category") or [])):
        common.add_category(bundle, key, service_id, code, primary=position == 0)
    for code in dict.fromkeys(get("languages") or []):
        bundle.add(
            "language",
            stable_id(SOURCE, key, "language", code),
            source_key=key,
            service_id=service_id,
            code=code,
            name=code,
        )
    for code in dict.fromkeys(get("service_area.commune") or []):
        bundle.add(
            "service_area",
            stable_id(SOURCE, key, "service_area", "commune", code),
            source_key=key,
            service_id=service_id,
            layer="commune",
            area_code=code,
            name_fr=COMMUNES[code][0],
            name_nl=COMMUNES[code][1],
            extent_type="text",
        )
