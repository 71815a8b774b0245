"""HSDS 3.1 datapackages (CSV files + datapackage.json): write ours, read anyone's. Pure.

`write(tables, directory)` writes one CSV per HSDS table of the profile (bassins.directory.profile),
in a fixed column order, rows sorted by id, UTF-8 without BOM, "\\n" line ends, and a datapackage.json
without any timestamp: the same directory content always gives the same bytes (the round trip
export -> import into an empty database -> export is byte-identical).

`read(directory)` reads a datapackage written by bassins or by any HSDS 3.x publisher: the files named
by its datapackage.json (or the standard HSDS file names), any subset of the known columns (unknown
columns are ignored and reported), each row typed and validated against this profile's JSON Schema.
Errors name the file, the row and the field. When the French/Dutch/English columns are absent, the plain
HSDS text goes to `language` (French by default).

`validate_official(directory, schema_dir)` checks the HSDS columns of a datapackage against the
official HSDS JSON schemas (`schema/*.json` of openreferral/specification), given a local copy.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema

from bassins.directory import profile, tabular
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


def write(
    tables: dict[str, list[dict]],
    directory: Path | str,
    *,
    name: str = "bassins-directory",
    extra: dict | None = None,
) -> dict[str, int]:
    """Write the datapackage; returns rows per table."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    for spec in profile.TABLES:
        rows = tables.get(spec.name, [])
        (directory / spec.path).write_text(table_csv(spec.name, rows), encoding="utf-8", newline="")
        counts[spec.name] = len(rows)
    descriptor = profile.datapackage_descriptor(name=name, extra=extra)
    (directory / DESCRIPTOR).write_text(
        json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8", newline=""
    )
    return counts


# --- reading ----------------------------------------------------------------------------------------


def resource_paths(directory: Path) -> dict[str, Path]:
    """Table name -> CSV path, from datapackage.json when present, else the standard HSDS file names."""
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


def read(directory: Path | str, *, language: str = "fr") -> Bundle:
    directory = Path(directory)
    if not directory.is_dir():
        raise InputError(
            "is not a directory (an HSDS datapackage is a folder of CSV files)",
            source=str(directory),
        )
    if language not in profile.LANGUAGES:
        raise InputError(
            f"language must be one of {', '.join(profile.LANGUAGES)}, not {language!r}"
        )
    paths = resource_paths(directory)
    if not paths:
        raise InputError(
            "no HSDS table found (organizations.csv, services.csv, locations.csv...)",
            source=str(directory),
        )
    bundle = Bundle(source=SOURCE, label=directory.name, delete_missing=False)
    for spec in profile.TABLES:
        if spec.name in paths:
            _read_table(bundle, spec, paths[spec.name], language)
    bundle.records = bundle.count("service")
    bundle.stats = {name: bundle.count(name) for name in profile.LOAD_ORDER if bundle.count(name)}
    return bundle


def _read_table(bundle: Bundle, spec: profile.TableSpec, path: Path, language: str) -> None:
    table = tabular.read_csv_bytes(path.read_bytes(), path.name, separator=",")
    if "id" not in table.columns:
        raise MissingColumnError("missing column 'id'", source=path.name, row=0)
    known = set(spec.csv_columns())
    unknown = [column for column in table.columns if column not in known]
    if unknown:
        bundle.notes.append(
            f"{path.name}: columns ignored (not in the profile): {', '.join(unknown[:20])}"
        )
    validator = jsonschema.Draft202012Validator(profile.json_schema(spec.name))
    kinds = spec.kinds
    for number, raw in enumerate(table.rows, start=1):
        where = {"source": path.name, "row": number}
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
        for name in error.validator_value:
            if name not in error.instance:
                return name
    return None


# --- validation against the official schemas ---------------------------------------------------------


def validate_official(
    directory: Path | str, schema_dir: Path | str, *, limit: int = 50
) -> list[str]:
    """Problems found when checking each row's HSDS columns against `schema_dir/<table>.json`.

    `schema_dir` is the `schema/` folder of a copy of openreferral/specification (branch 3.1); bassins
    extension columns are left out of the check, empty cells are absent properties (as in HSDS CSV).
    """
    directory, schema_dir = Path(directory), Path(schema_dir)
    problems: list[str] = []
    paths = resource_paths(directory)
    for spec in profile.TABLES:
        schema_path = schema_dir / f"{spec.name}.json"
        if spec.name not in paths:
            continue
        if not schema_path.exists():
            problems.append(f"{schema_path}: missing official schema")
            continue
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        schema = {key: value for key, value in schema.items() if key not in ("$id",)}
        validator = jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.FormatChecker()
        )
        hsds_fields = {f.name: f for f in spec.fields if f.hsds}
        official = schema.get("properties", {})
        table = tabular.read_csv_bytes(
            paths[spec.name].read_bytes(), paths[spec.name].name, separator=","
        )
        for number, raw in enumerate(table.rows, start=1):
            instance = {}
            for name, _f in hsds_fields.items():
                text = raw.get(name, "")
                if text == "" or name not in official:
                    continue
                kind = official[name].get("type")
                instance[name] = float(text) if kind == "number" else text
            for error in validator.iter_errors(instance):
                problems.append(f"{paths[spec.name].name}, row {number}: {error.message[:160]}")
                if len(problems) >= limit:
                    return problems
    return problems
