"""HSDS 3.1 datapackages (CSV files + datapackage.json): write ours, read anyone's. Pure.

`write(tables, directory)` writes one CSV per HSDS table of the profile (bassins.directory.profile),
in a fixed column order, rows sorted by id, UTF-8 without BOM, "\\n" line ends, and a datapackage.json
without any timestamp: the same directory content always gives the same bytes (the round trip
export -> import into an empty database -> export is byte-identical).

`read(directory)` reads a datapackage written by bassins or by any HSDS 3.x publisher: the files named
by its datapackage.json (or the standard HSDS file names), any subset of the known columns (unknown
columns are ignored and reported), each row typed and validated against this profile's JSON Schema.
Errors name the file, the row and the field. When the French/Dutch/English columns are absent, the plain
HSDS text goes to `language`: the one given, else the datapackage's `language`, else the language
detected in the texts (bassins.directory.languages); when it cannot be told, the package is refused.
Every HSDS 3.1 table of the profile is read (programs, funding, required documents, accessibility,
organization identifiers, service capacities, units and URLs included); a resource of a table the
profile does not hold, with rows, is refused (never dropped silently); unknown columns are reported.

`validate_official(directory, schema_dir)` checks every row of a datapackage against the official
HSDS 3.1 JSON schemas (`schema/*.json` of openreferral/specification, found in the data directory:
`standards/hsds-3.1/schema`), and `check_references(directory)` that every reference points to a row.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema

from bassins.directory import languages, profile, tabular
from bassins.directory.bundle import Bundle
from bassins.errors import InputError, MissingColumnError

SOURCE = "hsds"
DESCRIPTOR = "datapackage.json"


# --- writing ----------------------------------------------------------------------------------------


def table_csv(table: str, rows: list[dict]) -> str:
    """The CSV text of one table (internal rows -> HSDS columns)."""
    spec = profile.TABLE[table]
    columns = spec.csv_columns()
    kinds = spec.kinds
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    for row in sorted(rows, key=lambda r: str(r["id"])):
        values = []
        for column in columns:
            f = spec.field(column) if column not in ("source", "source_key") else None
            if f is not None and f.translated and column == f.name:
                values.append(profile.hsds_text(row, f.name))
            else:
                values.append(profile.to_csv_value(kinds[column], row.get(column)))
        writer.writerow(values)
    return buffer.getvalue()


# --- addresses HSDS cannot hold -----------------------------------------------------------------------

_ADDRESS_VALUES = [
    name
    for name in profile.TABLE["address"].internal_fields()
    if name not in ("id", "location_id", "source", "source_key")
]


def is_partial(address: dict) -> bool:
    """An address lacking a field HSDS 3.1 requires (a head office known by its commune only)."""
    return any(not address.get(name) for name in profile.HSDS_ADDRESS_REQUIRED)


def partial_address_attribute(address: dict) -> dict:
    """The `partial_address` attribute of the location that keeps an incomplete address: same id,
    the address's fields as JSON in `value`, the commune and postcode readable in `label`."""
    from bassins.directory import taxonomy

    row = profile.blank_row("attribute")
    values = {name: address[name] for name in _ADDRESS_VALUES if address.get(name)}
    row.update(
        id=address["id"],
        link_id=address["location_id"],
        link_entity="location",
        link_type=profile.PARTIAL_ADDRESS,
        taxonomy_term_id=taxonomy.term_id(profile.PARTIAL_ADDRESS, taxonomy.FACTS),
        value=json.dumps(values, ensure_ascii=False, sort_keys=True),
        label=" ".join(
            part
            for part in (address.get("address_1"), address.get("postal_code"), address.get("city"))
            if part
        ),
        source=address.get("source", ""),
        source_key=address.get("source_key", ""),
    )
    return row


def address_from_attribute(attribute: dict, where: dict) -> dict:
    """The address a `partial_address` attribute keeps (the inverse of `partial_address_attribute`)."""
    try:
        values = json.loads(attribute["value"])
    except json.JSONDecodeError as error:
        raise InputError(
            f"partial_address value is not JSON: {error}", field="value", **where
        ) from None
    if not isinstance(values, dict) or set(values) - set(_ADDRESS_VALUES):
        raise InputError(
            f"partial_address value holds fields that are not address fields: "
            f"{sorted(set(values) - set(_ADDRESS_VALUES)) if isinstance(values, dict) else values}",
            field="value",
            **where,
        )
    row = profile.blank_row("address")
    row.update(
        {name: str(value) for name, value in values.items()},
        id=attribute["id"],
        location_id=attribute["link_id"],
        source=attribute["source"],
        source_key=attribute["source_key"],
    )
    return row


def hsds_tables(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The tables as HSDS can hold them: incomplete addresses moved to their locations' attributes."""
    addresses = tables.get("address", [])
    partial = [row for row in addresses if is_partial(row)]
    if not partial:
        return tables
    out = dict(tables)
    out["address"] = [row for row in addresses if not is_partial(row)]
    out["attribute"] = list(tables.get("attribute", [])) + [
        partial_address_attribute(row) for row in partial
    ]
    return out


def write(
    tables: dict[str, list[dict]],
    directory: Path | str,
    *,
    name: str = "bassins-directory",
    extra: dict | None = None,
) -> dict[str, int]:
    """Write the datapackage; returns rows per table (and how many incomplete addresses went to the
    attributes)."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    partial = sum(is_partial(row) for row in tables.get("address", []))
    tables = hsds_tables(tables)
    for spec in profile.TABLES:
        rows = tables.get(spec.name, [])
        (directory / spec.path).write_text(table_csv(spec.name, rows), encoding="utf-8", newline="")
        counts[spec.name] = len(rows)
    if partial:  # (among the attributes)
        counts["incomplete addresses kept as partial_address attributes"] = partial
    descriptor = profile.datapackage_descriptor(name=name, extra=extra)
    (directory / DESCRIPTOR).write_text(
        json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8", newline=""
    )
    return counts


# --- reading ----------------------------------------------------------------------------------------


def descriptor_of(directory: Path) -> dict:
    """The datapackage.json of `directory` ({} when there is none)."""
    descriptor_path = directory / DESCRIPTOR
    if not descriptor_path.exists():
        return {}
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(f"not valid JSON: {error}", source=str(descriptor_path)) from None
    return descriptor if isinstance(descriptor, dict) else {}


def resource_paths(directory: Path, unknown: dict[str, Path] | None = None) -> dict[str, Path]:
    """Table name -> CSV path, from datapackage.json when present, else the standard HSDS file names.

    Resources of tables the profile does not hold go to `unknown` (name -> path) when given."""
    paths: dict[str, Path] = {}
    descriptor_path = directory / DESCRIPTOR
    if descriptor_path.exists():
        try:
            descriptor = json.loads(descriptor_path.read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise InputError(f"not valid JSON: {error}", source=str(descriptor_path)) from None
        resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
        if not isinstance(resources, list):
            raise InputError("has no 'resources' list", source=str(descriptor_path))
        for position, resource in enumerate(resources, start=1):
            if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
                raise InputError(f"resource {position} has no name", source=str(descriptor_path))
            name, path = resource["name"], resource.get("path")
            if name not in profile.TABLE:
                if unknown is not None and isinstance(path, str) and path:
                    candidate = (directory / path).resolve()
                    if directory.resolve() in candidate.parents and candidate.exists():
                        unknown[name] = candidate
                continue
            if not isinstance(path, str) or not path:
                raise InputError(f"resource {name!r} has no path", source=str(descriptor_path))
            candidate = (directory / path).resolve()
            if directory.resolve() not in candidate.parents:
                raise InputError(
                    f"resource {name!r} points outside the datapackage: {path!r}",
                    source=str(descriptor_path),
                )
            if candidate.exists():
                paths[name] = candidate
    else:
        for spec in profile.TABLES:
            candidate = directory / spec.path
            if candidate.exists():
                paths[spec.name] = candidate
    return paths


def read(directory: Path | str, *, language: str | None = None) -> Bundle:
    """The rows of an HSDS datapackage (see the module's docstring); raises InputError."""
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(
            "is not a directory (an HSDS datapackage is a folder of CSV files)",
            source=str(directory),
        )
    if language is not None and language not in profile.LANGUAGES:
        raise InputError(
            f"language must be one of {', '.join(profile.LANGUAGES)}, not {language!r}"
        )
    unknown: dict[str, Path] = {}
    paths = resource_paths(directory, unknown)
    for name, path in sorted(unknown.items()):
        rows = tabular.read_csv_bytes(path.read_bytes(), path.name, separator=",").rows
        if rows:
            raise InputError(
                f"resource {name!r} has {len(rows)} rows, but bassins does not hold the table "
                f"{name!r} (tables read: {', '.join(profile.LOAD_ORDER)}); remove it from the "
                "package to import the rest",
                source=path.name,
            )
    if not paths:
        raise InputError(
            "no HSDS table found (organizations.csv, services.csv, locations.csv...)",
            source=str(directory),
        )
    tables = {
        spec.name: tabular.read_csv_bytes(
            paths[spec.name].read_bytes(), paths[spec.name].name, separator=","
        )
        for spec in profile.TABLES
        if spec.name in paths
    }
    bundle = Bundle(source=SOURCE, label=directory.name, delete_missing=False)
    plain = plain_texts(tables)
    if plain:
        language = language or _declared_language(directory)
        if language is None:
            found = languages.detect(plain)
            if found.language is None:
                raise InputError(
                    "the language of the plain HSDS texts (name, description...) cannot be told: "
                    f"{found.describe()}; give it with --language fr, nl or en",
                    source=directory.name,
                )
            language = found.language
            bundle.notes.append(f"language of the plain texts detected: {found.describe()}")
        else:
            bundle.notes.append(f"language of the plain texts: {language}")
    for spec in profile.TABLES:
        if spec.name in tables:
            _read_table(bundle, spec, tables[spec.name], language or "fr")
    _restore_partial_addresses(bundle, tables.get("attribute"))
    bundle.records = bundle.count("service")
    bundle.stats = {name: bundle.count(name) for name in profile.LOAD_ORDER if bundle.count(name)}
    return bundle


def _restore_partial_addresses(bundle: Bundle, table: tabular.Table | None) -> None:
    attributes = bundle.tables["attribute"]
    for number, row in enumerate(list(attributes.values()), start=1):
        if row["link_type"] != profile.PARTIAL_ADDRESS or row["link_entity"] != "location":
            continue
        where = {"source": table.label if table else "attributes.csv", "row": number}
        if row["id"] in bundle.tables["address"]:
            raise InputError(f"id {row['id']} is an address and an attribute", **where)
        bundle.tables["address"][row["id"]] = address_from_attribute(row, where)
        del attributes[row["id"]]


def plain_texts(tables: dict[str, tabular.Table]) -> list[str]:
    """The values of plain translated columns (`name` without `name_fr`/`name_nl`/`name_en`)."""
    texts: list[str] = []
    for name, table in tables.items():
        spec = profile.TABLE[name]
        for f in spec.fields:
            if not f.translated or f.name not in table.columns:
                continue
            if any(column in table.columns for column in f.internal_names()):
                continue
            texts.extend(row[f.name] for row in table.rows if row[f.name])
    return texts


def _declared_language(directory: Path) -> str | None:
    declared = descriptor_of(directory).get("language")
    if isinstance(declared, str) and declared[:2].lower() in profile.LANGUAGES:
        return declared[:2].lower()
    return None


def _read_table(
    bundle: Bundle, spec: profile.TableSpec, table: tabular.Table, language: str
) -> None:
    label = table.label
    if "id" not in table.columns:
        raise MissingColumnError("missing column 'id'", source=label, row=0)
    known = set(spec.csv_columns())
    unknown = [column for column in table.columns if column not in known]
    if unknown:
        bundle.notes.append(
            f"{label}: columns NOT imported (not in the bassins profile): {', '.join(unknown[:20])}"
        )
    validator = jsonschema.Draft202012Validator(profile.json_schema(spec.name))
    kinds = spec.kinds
    for number, raw in enumerate(table.rows, start=1):
        where = {"source": label, "row": number}
        typed: dict = {}
        for column, text in raw.items():
            if column not in known:
                continue
            if "\x00" in text or any(ord(ch) < 32 and ch not in "\t\n\r" for ch in text):
                raise InputError("control character in value", field=column, **where)
            kind = (
                "string"
                if column in ("source", "source_key")
                else kinds.get(column) or spec.field(column).kind
            )
            try:
                typed[column] = profile.from_csv_value(kind, text)
            except ValueError as error:
                raise InputError(f"{error} (expected {kind})", field=column, **where) from None
        instance = {
            key: (value.isoformat() if hasattr(value, "isoformat") else value)
            for key, value in typed.items()
            if value is not None
        }
        for f in spec.fields:
            if f.translated and f.name not in instance:
                langs = [name for name in f.internal_names() if instance.get(name)]
                if langs:
                    instance[f.name] = instance[langs[0]]
        errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
        if errors:
            error = errors[0]
            field = error.path[0] if error.path else _missing_property(error)
            raise InputError(
                f"does not fit the HSDS profile: {error.message[:200]}", field=field, **where
            )
        row = profile.blank_row(spec.name)
        for name in row:
            if name in typed:
                row[name] = typed[name]
        for f in spec.fields:
            if f.translated and not any(name in table.columns for name in f.internal_names()):
                row[f"{f.name}_{language}"] = typed.get(f.name, "") or ""
        if spec.provenance and not row["source"]:  # a record of another publisher: keyed by its id
            row["source"] = SOURCE
            row["source_key"] = row["source_key"] or row["id"]
        if row["id"] in bundle.tables[spec.name]:
            raise InputError(f"id {row['id']} appears twice", field="id", **where)
        bundle.tables[spec.name][row["id"]] = row


def _missing_property(error) -> str | None:
    if error.validator == "required":
        quoted = error.message.split("'")
        if len(quoted) >= 3 and quoted[1] in error.validator_value:
            return quoted[1]
        for name in error.validator_value:
            if name not in error.instance:
                return name
    return None


# --- validation against the official schemas ---------------------------------------------------------


def official_schema_dir() -> Path:
    """The `schema/` folder of the official HSDS 3.1 schemas in the data directory."""
    from bassins.config import data_dir

    return data_dir() / "standards" / "hsds-3.1" / "schema"


def tabular_schema(schema: dict) -> dict:
    """An official HSDS object schema reduced to what one CSV row can hold: its plain properties
    (nested objects and arrays are other tables), a required nested object standing for its `_id`
    column (service_capacity's `unit` is the `unit_id` column)."""
    properties = {}
    for name, prop in schema.get("properties", {}).items():
        if "$ref" in prop or prop.get("type") in ("array", "object") or "type" not in prop:
            continue
        properties[name] = prop
    required = []
    for name in schema.get("required", []):
        if name in properties:
            required.append(name)
        elif f"{name}_id" in properties:
            required.append(f"{name}_id")
    reduced = {key: value for key, value in schema.items() if key not in ("$id", "properties")}
    reduced["properties"] = properties
    reduced["required"] = required
    return reduced


def validate_official(
    directory: Path | str, schema_dir: Path | str | None = None, *, limit: int = 50
) -> list[str]:
    """Problems found when checking each row of the datapackage against `schema_dir/<table>.json`.

    `schema_dir` is the `schema/` folder of the official HSDS 3.1 specification (by default the copy
    in the data directory, `official_schema_dir()`). Each row is checked as HSDS CSV is read: an empty
    cell is an absent property, `number` columns are numbers; bassins extension columns (FR/NL/EN
    texts, provenance, territory codes) are left out (HSDS allows additional properties).
    """
    directory = Path(directory)
    schema_dir = Path(schema_dir) if schema_dir else official_schema_dir()
    if not schema_dir.is_dir():
        raise InputError(
            "no official HSDS schemas here (the data directory's standards/hsds-3.1/schema)",
            source=str(schema_dir),
        )
    problems: list[str] = []
    paths = resource_paths(directory)
    for spec in profile.TABLES:
        schema_path = schema_dir / f"{spec.name}.json"
        if spec.name not in paths:
            continue
        if not schema_path.exists():
            problems.append(f"{schema_path}: missing official schema")
            continue
        schema = tabular_schema(json.loads(schema_path.read_text(encoding="utf-8")))
        validator = jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.FormatChecker()
        )
        official = schema["properties"]
        table = tabular.read_csv_bytes(
            paths[spec.name].read_bytes(), paths[spec.name].name, separator=","
        )
        for number, raw in enumerate(table.rows, start=1):
            instance = {}
            for name in official:
                text = raw.get(name, "")
                if text == "":
                    continue
                kind = official[name].get("type")
                try:
                    instance[name] = float(text) if kind in ("number", "integer") else text
                except ValueError:
                    instance[name] = text  # the validator names the wrong type
            for error in validator.iter_errors(instance):
                field = error.path[0] if error.path else _missing_property(error)
                problems.append(
                    f"{paths[spec.name].name}, row {number}"
                    + (f", field {field!r}" if field else "")
                    + f": {error.message[:160]}"
                )
                if len(problems) >= limit:
                    return problems
    return problems


def check_references(directory: Path | str, *, limit: int = 50) -> list[str]:
    """References of the datapackage that point to no row of it (foreign keys, attribute links)."""
    directory = Path(directory)
    paths = resource_paths(directory)
    tables = {
        name: tabular.read_csv_bytes(path.read_bytes(), path.name, separator=",")
        for name, path in paths.items()
    }
    ids = {name: {row.get("id", "") for row in table.rows} for name, table in tables.items()}
    problems: list[str] = []
    for name, table in tables.items():
        spec = profile.TABLE[name]
        refs = [f for f in spec.fields if f.ref]
        for number, row in enumerate(table.rows, start=1):
            targets = [(f.name, f.ref) for f in refs]
            if name == "attribute" and row.get("link_entity"):
                targets.append(("link_id", row["link_entity"]))
            for column, target in targets:
                value = row.get(column, "")
                if not value:
                    continue
                if target not in profile.TABLE:
                    problems.append(
                        f"{table.label}, row {number}, field {column!r}: {target!r} is not a table"
                    )
                elif value not in ids.get(target, set()):
                    problems.append(
                        f"{table.label}, row {number}, field {column!r}: {target} {value} is not "
                        f"in the package"
                    )
                if len(problems) >= limit:
                    return problems
    return problems
