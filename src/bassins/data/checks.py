"""Checks of a data file against its catalog entry: size, SHA-256 checksum, number of records.

The number of records is the number of features for GeoJSON and GeoPackage files, the number of
data rows (header excluded, quoted line breaks allowed) for CSV files and the number of non-empty
rows after the header of the first sheet for XLSX workbooks. Pure functions, no Django.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bassins.errors import BassinsError

if TYPE_CHECKING:  # pragma: no cover
    from bassins.data.catalog import DataFile

CHUNK = 1 << 16


class DataCheckError(BassinsError):
    """A data file is not the file the catalog describes (names the file and the failed check)."""

    def __init__(self, relative: str, check: str, detail: str):
        self.relative, self.check, self.detail = relative, check, detail
        super().__init__(f"{relative}: {check} check failed: {detail}")


@dataclass(frozen=True)
class Measure:
    """What a file on disk is: its size in bytes, SHA-256 and number of records."""

    size: int
    sha256: str
    count: int


def sha256_of(path: Path) -> str:
    """The SHA-256 of the file's bytes, as lower-case hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def count_geojson(path: Path) -> int:
    """The number of features of a GeoJSON FeatureCollection.

    Raises ValueError when the document is not a FeatureCollection with a 'features' list."""
    with open(path, "rb") as handle:
        document = json.load(handle)
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise ValueError("not a GeoJSON FeatureCollection")
    features = document.get("features")
    if not isinstance(features, list):
        raise ValueError("FeatureCollection without a 'features' list")
    return len(features)


def count_gpkg(path: Path, layer: str | None = None) -> int:
    """Features of `layer` (default: the only feature table) of a GeoPackage, read without writing."""
    uri = f"file:{path.resolve().as_posix()}?mode=ro&immutable=1"
    connection = sqlite3.connect(uri, uri=True)
    try:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT table_name FROM gpkg_contents WHERE data_type = 'features'"
            )
        ]
        if layer is None:
            if len(tables) != 1:
                raise ValueError(f"expected one feature table, found {tables}")
            layer = tables[0]
        if layer not in tables:
            raise ValueError(f"no feature table {layer!r} (tables: {tables})")
        quoted = '"' + layer.replace('"', '""') + '"'
        return connection.execute(f"SELECT count(*) FROM {quoted}").fetchone()[0]
    except sqlite3.DatabaseError as error:
        raise ValueError(f"not a GeoPackage ({error})") from error
    finally:
        connection.close()


def count_csv(path: Path, delimiter: str = ",") -> int:
    """The number of data rows of a CSV file (header not counted); ValueError when it is empty."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter, strict=True)
        rows = sum(1 for _ in reader)
    if rows == 0:
        raise ValueError("empty file (no header)")
    return rows - 1


@contextmanager
def open_workbook(path: Path):
    """A read-only openpyxl workbook of `path`, closed afterwards; ValueError when it is not one."""
    import openpyxl

    with open(
        path, "rb"
    ) as handle:  # a file object: openpyxl would refuse a name not ending in .xlsx
        try:
            workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many types for broken workbooks
            raise ValueError(f"not a readable XLSX workbook ({error})") from error
        try:
            yield workbook
        finally:
            workbook.close()


def count_xlsx(path: Path) -> int:
    """Non-empty rows of the first sheet of a workbook, header excluded."""
    with open_workbook(path) as workbook:
        rows = sum(
            1
            for row in workbook.worksheets[0].iter_rows(values_only=True)
            if any(value not in (None, "") for value in row)
        )
    if rows == 0:
        raise ValueError("empty workbook (no header)")
    return rows - 1


def count_json_entries(path: Path) -> int:
    """Entries of a JSON document: a schema's properties, a datapackage's resources or an OpenAPI
    definition's paths (the first of these keys it has)."""
    document = json.loads(path.read_bytes())
    for key in ("properties", "resources", "paths"):
        if isinstance(document, dict) and key in document:
            return len(document[key])
    raise ValueError("a JSON document without properties, resources or paths")


def count_records(path: Path, kind: str, *, delimiter: str = ",", layer: str | None = None) -> int:
    """Number of features (geojson, gpkg) or data rows (csv, xlsx) of `path`; ValueError when unreadable."""
    try:
        if kind == "geojson":
            return count_geojson(path)
        if kind == "gpkg":
            return count_gpkg(path, layer)
        if kind == "csv":
            return count_csv(path, delimiter)
        if kind == "xlsx":
            return count_xlsx(path)
        if kind == "json":
            return count_json_entries(path)
        if kind == "text":
            return path.read_bytes().count(b"\n")
    except (UnicodeDecodeError, json.JSONDecodeError, csv.Error) as error:
        raise ValueError(f"cannot be read as {kind} ({error})") from error
    raise ValueError(f"unknown file kind {kind!r}")


def measure(path: Path, kind: str, *, delimiter: str = ",", layer: str | None = None) -> Measure:
    """Size, checksum and record count of a file (what the catalog records)."""
    return Measure(
        path.stat().st_size,
        sha256_of(path),
        count_records(path, kind, delimiter=delimiter, layer=layer),
    )


def check_size_and_checksum(entry: DataFile, size: int, sha256: str) -> None:
    """Raises DataCheckError (check 'size' or 'checksum') when the bytes are not the catalogue's."""
    if size != entry.size:
        raise DataCheckError(entry.path, "size", f"expected {entry.size} bytes, got {size}")
    if sha256 != entry.sha256:
        raise DataCheckError(
            entry.path, "checksum", f"expected sha256 {entry.sha256}, got {sha256}"
        )


def check_count(entry: DataFile, path: Path) -> None:
    """Raises DataCheckError (check: the count unit) when the file's record count is not the
    catalogue's, or the file cannot be counted."""
    try:
        count = count_records(path, entry.kind, delimiter=entry.delimiter, layer=entry.layer)
    except ValueError as error:
        raise DataCheckError(entry.path, entry.count_unit, str(error)) from error
    if count != entry.count:
        raise DataCheckError(
            entry.path, entry.count_unit, f"expected {entry.count} {entry.count_unit}, got {count}"
        )


def verify(entry: DataFile, path: Path) -> None:
    """Raises DataCheckError at the first check `path` fails: size, checksum, then record count."""
    if not path.is_file():
        raise DataCheckError(entry.path, "presence", f"no file at {path}")
    size = path.stat().st_size
    if size != entry.size:  # cheap, before hashing
        raise DataCheckError(entry.path, "size", f"expected {entry.size} bytes, got {size}")
    check_size_and_checksum(entry, size, sha256_of(path))
    check_count(entry, path)


def is_valid(entry: DataFile, path: Path) -> bool:
    """Whether the file at `path` passes every check of `entry` (see `verify`)."""
    try:
        verify(entry, path)
    except DataCheckError:
        return False
    return True
