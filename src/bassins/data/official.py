"""Official downloads whose bytes are not known in advance: content checks and trust on first use.

Statbel re-issues its files under the same address, so bassins cannot ship their checksum. For an
`official` catalog entry (bassins.data.catalog.UPSTREAM) `bassins data fetch`:

1. checks what it can before keeping the first download: HTTP 200, not a web page, a size within the
   entry's range, a sound archive, and the content (`check_content`: for the statistical sectors, a
   GeoJSON in EPSG:31370 with the Statbel columns and exactly 724 sectors with cd_rgn_refnis 04000);
2. pins it: its size and SHA-256, the address and the date go into the manifest
   `upstream/manifest.json` of the cache (trust on first use);
3. on every later download, compares the bytes with the pin: a file that changed upstream is refused,
   with both checksums in the message, and the cached copy stays; `--force` checks the new file and
   pins it instead.

`find_upstream` gives the territory loader a cached upstream file after checking it against its pin.
Pure module: no Django import.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import zipfile
import zlib
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from bassins.data.catalog import UPSTREAM_FOLDER, DataFile, by_path
from bassins.data.checks import DataCheckError, open_workbook, sha256_of, verify

MANIFEST = f"{UPSTREAM_FOLDER}/manifest.json"
MAX_UNPACKED = 4_000_000_000  # bytes: an archive that unpacks to more is refused (zip bomb)
BRUSSELS_COMMUNES = {f"210{n:02d}" for n in range(1, 20)}  # 21001..21019
SECTOR_FIELDS = ("cd_sector", "cd_sub_munty", "cd_munty_refnis", "cd_rgn_refnis")
POSTCODE_HEADERS = ("Postal code", "Refnis code")


@dataclass(frozen=True)
class Pin:
    """What the first good download of an official file was: the bytes later downloads must match."""

    sha256: str
    size: int
    url: str
    pinned_at: str  # UTC, ISO 8601
    count: int  # the entry's count (Brussels sectors, Brussels communes) measured on the file

    def describe(self) -> str:
        """The pin in one line: checksum, size, date pinned and address."""
        return f"sha256 {self.sha256} ({self.size} bytes, pinned on {self.pinned_at[:10]} from {self.url})"


def manifest_path(root: Path) -> Path:
    """The path of the pin manifest in `root`."""
    return Path(root) / MANIFEST


def read_pins(root: Path) -> dict[str, Pin]:
    """The pins of the manifest of `root` (a cache or data directory); {} when there is none."""
    path = manifest_path(root)
    if not path.is_file():
        return {}
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        return {relative: Pin(**fields) for relative, fields in document["files"].items()}
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise DataCheckError(
            MANIFEST,
            "manifest",
            f"{path} is not a readable manifest ({error}); delete it and run "
            "`bassins data fetch --force` to check and pin the official files again",
        ) from error


def write_pin(root: Path, relative: str, pin: Pin) -> None:
    """Records `pin` for `relative` in the manifest of `root` (atomic rename: never half-written)."""
    path = manifest_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    pins = read_pins(root)
    pins[relative] = pin
    document = {
        "about": "Official downloads pinned on first use by `bassins data fetch`: later downloads must "
        "have these bytes; `bassins data fetch --force --only NAME` checks and pins a new file.",
        "files": {key: asdict(value) for key, value in sorted(pins.items())},
    }
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=2)
            handle.write("\n")
        os.chmod(name, 0o644)
        os.replace(name, path)
    finally:
        Path(name).unlink(missing_ok=True)


def new_pin(sha256: str, size: int, url: str, count: int) -> Pin:
    """A pin of these bytes, dated now (UTC, to the second)."""
    now = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return Pin(sha256, size, url, now, count)


def check_against_pin(
    entry: DataFile, size: int, sha256: str, pin: Pin, *, downloaded: bool = False
) -> None:
    """Raises DataCheckError (check 'pinned checksum') when the bytes are not the pinned ones."""
    if (size, sha256) == (pin.size, pin.sha256):
        return
    if downloaded:
        detail = (
            f"the upstream file changed since it was pinned in {MANIFEST}: pinned {pin.describe()}, "
            f"downloaded sha256 {sha256} ({size} bytes); the cached copy is kept. If the publisher "
            f"re-issued the file on purpose, `bassins data fetch --force --only {entry.name}` checks "
            "the new one and pins it"
        )
    else:
        detail = (
            f"the cached file is not the one pinned in {MANIFEST}: pinned {pin.describe()}, found "
            f"sha256 {sha256} ({size} bytes)"
        )
    raise DataCheckError(entry.path, "pinned checksum", detail)


def verify_official(entry: DataFile, path: Path, root: Path) -> Pin:
    """Checks a cached official file against its pin in the manifest of `root`; returns the pin."""
    if not path.is_file():
        raise DataCheckError(entry.path, "presence", f"no file at {path}")
    pin = read_pins(root).get(entry.path)
    if pin is None:
        raise DataCheckError(
            entry.path,
            "pin",
            f"not pinned in {manifest_path(root)} (a file not "
            f"downloaded by `bassins data fetch`): run `bassins data fetch --force --only {entry.name}`",
        )
    check_against_pin(entry, path.stat().st_size, sha256_of(path), pin)
    return pin


# -- content checks, run on a first download before it is pinned ------------------------------------


def check_content(entry: DataFile, path: Path) -> int:
    """Checks what an official download holds; returns the entry's count measured on it.

    Raises DataCheckError naming the entry and what is wrong.
    """
    checks = {
        "statbel_sectors": _statbel_sectors,
        "statbel_postcodes": _statbel_postcodes,
        "best_addresses": _best_addresses,
    }
    if entry.content not in checks:
        raise ValueError(f"{entry.path}: no content check {entry.content!r}")
    try:
        _check_archive(path)
        count = checks[entry.content](path)
    except ValueError as error:
        raise DataCheckError(entry.path, "content", str(error)) from error
    if count != entry.count:
        raise DataCheckError(
            entry.path, entry.count_unit, f"expected {entry.count} {entry.count_unit}, got {count}"
        )
    return count


def _check_archive(path: Path) -> None:
    """A sound zip archive (XLSX workbooks are zip archives too): CRC of every member checked."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > MAX_UNPACKED:
                raise ValueError(
                    f"the archive would unpack to {unpacked} bytes (more than {MAX_UNPACKED})"
                )
            broken = archive.testzip()
    except zipfile.BadZipFile as error:
        with open(path, "rb") as handle:
            start = handle.read(256).lstrip().lower()
        hint = (
            "; it is an HTML page: the address may have moved"
            if start.startswith((b"<!doctype html", b"<html"))
            else ""
        )
        raise ValueError(f"not a zip archive ({error}){hint}") from error
    except (zlib.error, EOFError, OSError) as error:  # a damaged compressed stream
        raise ValueError(f"damaged zip archive ({error})") from error
    if broken is not None:
        raise ValueError(f"damaged zip archive (member {broken!r} fails its CRC check)")


def _statbel_sectors(path: Path) -> int:
    """Statbel's national sectors: GeoJSON, EPSG:31370, Statbel columns; the number of Brussels sectors."""
    import pyogrio

    from bassins.data.zipped import dataset_path
    from bassins.territory.sources import REGION_CODE, SECTOR_CODE

    dataset = dataset_path(path, zipped=True)
    if not str(dataset).lower().endswith((".geojson", ".json")):
        raise ValueError(f"the archive holds {Path(str(dataset)).name}, not a GeoJSON file")
    try:
        info = pyogrio.read_info(dataset)
    except Exception as error:  # pyogrio raises DataSourceError, DataLayerError...
        raise ValueError(f"not a readable GeoJSON file ({error})") from error
    crs = info.get("crs") or "none"
    if crs.upper() not in ("EPSG:31370",):
        raise ValueError(
            f"coordinate reference system {crs}, expected EPSG:31370 (Belgian Lambert 72)"
        )
    fields = {str(name).lower(): str(name) for name in info["fields"]}
    missing = [name for name in SECTOR_FIELDS if name not in fields]
    if missing:
        raise ValueError(
            f"missing field(s) {', '.join(missing)} (found: {', '.join(fields.values())})"
        )
    try:
        table = pyogrio.read_dataframe(
            dataset, columns=[fields["cd_sector"], fields["cd_rgn_refnis"]], read_geometry=False
        )
    except Exception as error:
        raise ValueError(f"not a readable GeoJSON file ({error})") from error
    table.columns = [str(c).lower() for c in table.columns]
    region = (
        table["cd_rgn_refnis"]
        .astype(str)
        .str.strip()
        .str.replace(r"\.0$", "", regex=True)
        .str.zfill(5)
    )
    codes = table.loc[region == REGION_CODE, "cd_sector"].astype(str).str.strip()
    bad = codes[~codes.str.match(SECTOR_CODE)]
    if len(bad):
        raise ValueError(f"malformed Brussels sector code {bad.iloc[0]!r}")
    repeated = codes[codes.duplicated()]
    if len(repeated):
        raise ValueError(f"Brussels sector {repeated.iloc[0]!r} appears more than once")
    return len(codes)


def _statbel_postcodes(path: Path) -> int:
    """Statbel's postcode -> REFNIS workbook: the header, well-formed codes; the Brussels communes found."""
    with open_workbook(path) as workbook:
        return len(_postcode_communes(workbook) & BRUSSELS_COMMUNES)


def _postcode_communes(workbook) -> set[str]:
    """The REFNIS codes of the sheet with the Postal code / Refnis code columns, each row checked."""
    headers_seen = []
    for sheet in workbook.worksheets:
        rows = sheet.iter_rows(values_only=True)
        header = [str(value).strip() if value is not None else "" for value in next(rows, ())]
        headers_seen.append(f"{sheet.title}: {', '.join(h for h in header if h)}")
        if all(name in header for name in POSTCODE_HEADERS):
            break
    else:
        raise ValueError(
            f"no sheet with the columns {', '.join(POSTCODE_HEADERS)} "
            f"(found {'; '.join(headers_seen)})"
        )
    postcode_at, refnis_at = (header.index(name) for name in POSTCODE_HEADERS)
    communes = set()
    for number, row in enumerate(rows, start=2):
        if all(value in (None, "") for value in row):
            continue
        postcode, refnis = (_code(row[i]) if i < len(row) else "" for i in (postcode_at, refnis_at))
        if not re.fullmatch(r"\d{4}", postcode):
            raise ValueError(
                f"sheet {sheet.title!r}, row {number}: postcode {postcode!r} is not 4 digits"
            )
        if not re.fullmatch(r"\d{5}", refnis):
            raise ValueError(
                f"sheet {sheet.title!r}, row {number}: REFNIS code {refnis!r} is not 5 digits"
            )
        communes.add(refnis)
    return communes


def _best_addresses(path: Path) -> int:
    """BOSA's openaddress export: one CSV with the BeST columns; the Brussels communes it covers."""
    from bassins.errors import InputError
    from bassins.territory.addresses import read_best_addresses

    try:
        frame, _counts = read_best_addresses(path)
    except InputError as error:
        raise ValueError(str(error)) from error
    communes = {code for code in frame["commune"] if code in BRUSSELS_COMMUNES}
    return len(communes)


def _code(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() if value is not None else ""


# -- for the territory loader -------------------------------------------------------------------------


def find_upstream(relative: str, roots: list[Path] | None = None) -> Path | None:
    """The checked upstream file `relative` (e.g. 'upstream/sh_statbel_...zip') in the first of `roots`
    that holds it (default: the data directory in force, then the download cache); None if none does.

    Raises DataCheckError when the file is there but is not the pinned (official) or catalogued
    (direct) one, so that the loader never works from an unchecked download.
    """
    from bassins import config

    entry = by_path()[relative]
    if roots is None:
        roots = [config.data_dir(), config.DOWNLOAD_CACHE]
    seen = set()
    for root in roots:
        root = Path(root)
        if root in seen:
            continue
        seen.add(root)
        path = root / relative
        if not path.is_file():
            continue
        try:
            if entry.official:
                verify_official(entry, path, root)
            else:
                verify(entry, path)
        except DataCheckError as error:
            raise DataCheckError(
                error.relative,
                error.check,
                f"{error.detail} (in {root}; `bassins data fetch` downloads it again)",
            ) from error
        return path
    return None
