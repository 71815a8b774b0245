"""Official address points of Brussels (BeST, BOSA's `openaddress-bebru.zip`): reading and matching.

BOSA publishes every address of the Brussels-Capital Region as a CSV (zipped) with, per address and
box: `EPSG:31370_x`, `EPSG:31370_y` (Lambert 72; from October 2026 BOSA gives `EPSG:3812_x/_y`,
Lambert 2008, instead), `EPSG:4326_lat`, `EPSG:4326_lon`, `address_id`, `box_number`, `house_number`,
`municipality_id`, `municipality_name_{de,fr,nl}`, `postcode`, `postname_{fr,nl}`, `street_id`,
`streetname_{de,fr,nl}`, `region_code`, `status`. `read_best_addresses` keeps the current addresses,
one point per postcode + street + house number (boxes share their building's point), in EPSG:31370.

`AddressIndex` answers "where is <street> <number>, <postcode>": the street matched on its French or
Dutch name (normalised: accents, case, punctuation and street-type abbreviations folded, so "Av. Louise"
meets "Avenue Louise" and "Louizalaan"), the number exactly ("12A"), else its numeric part ("12" for
"12-14" or "12 bte 3"). No interpolation between numbers: an address not in the file is not matched.
Pure module: no Django.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from bassins.codes import LAMBERT72, LAMBERT2008, WGS84
from bassins.errors import CoordinateSystemError, InputError, MissingColumnError
from bassins.names import fold
from bassins.territory.locate import to_lambert72

CSV_NAME = "openaddress-bebru.csv"
ADDRESS_COLUMNS = ("house_number", "box_number", "postcode", "streetname_fr", "streetname_nl")
#: Coordinate columns in order of preference, with their CRS: (x column, y column, CRS).
COORDINATE_COLUMNS = (
    ("EPSG:31370_x", "EPSG:31370_y", LAMBERT72),
    ("EPSG:3812_x", "EPSG:3812_y", LAMBERT2008),
    ("EPSG:4326_lon", "EPSG:4326_lat", WGS84),
)
KEPT_STATUS = "current"
FRAME_COLUMNS = ["postcode", "street_fr", "street_nl", "house_number", "commune", "x", "y"]

#: Street-type words and their abbreviations, folded to one token (French and Dutch).
STREET_TYPES = {
    "av": "avenue",
    "ave": "avenue",
    "bd": "boulevard",
    "bld": "boulevard",
    "blvd": "boulevard",
    "boul": "boulevard",
    "ch": "chaussee",
    "chee": "chaussee",
    "chau": "chaussee",
    "pl": "place",
    "sq": "square",
    "r": "rue",
    "imp": "impasse",
    "gal": "galerie",
    "st": "saint",
    "ste": "sainte",
    "stwg": "steenweg",
    "str": "straat",
    "ln": "laan",
}
_NUMBER = re.compile(r"^\s*(\d+)\s*([A-Za-z]{0,3})\b")


def street_key(name: str | None) -> str:
    """The key street names are matched on: folded (bassins.names.fold), abbreviations spelled out,
    spaces removed (so "Kruidtuin laan" meets "Kruidtuinlaan")."""
    words = [STREET_TYPES.get(word, word) for word in fold(name or "").split()]
    return "".join(words)


def number_keys(number: str | None) -> tuple[str, str]:
    """(exact key, numeric key) of a house number: '12A' -> ('12A', '12'), '62-64' -> ('62', '62'),
    '5 bte 3' -> ('5', '5'); ('', '') when there is no number."""
    match = _NUMBER.match(str(number or ""))
    if not match:
        return "", ""
    digits, letters = match.group(1).lstrip("0") or "0", match.group(2).upper()
    if letters in ("BTE", "BUS", "BOX", "B"):  # a box, not part of the number
        letters = ""
    return digits + letters, digits


def read_best_addresses(path: Path | str, *, label: str | None = None) -> tuple[pd.DataFrame, dict]:
    """BOSA's openaddress CSV (zipped or not) as one point per postcode + street + house number.

    Returns (frame with FRAME_COLUMNS, x/y in EPSG:31370, commune = `municipality_id`; counts of
    rows read, kept and dropped by reason).
    Raises InputError naming the file (and row) on an unreadable file, a missing column, or
    coordinates that do not fit their column's CRS.
    """
    path = Path(path)
    label = label or path.name
    table = _read_table(path, label)
    missing = [c for c in ADDRESS_COLUMNS if c not in table.columns]
    coordinates = next(
        (c for c in COORDINATE_COLUMNS if c[0] in table.columns and c[1] in table.columns), None
    )
    if missing or coordinates is None:
        wanted = missing + ([] if coordinates else ["EPSG:31370_x/_y, EPSG:3812_x/_y or EPSG:4326"])
        raise MissingColumnError(
            f"not a BeST openaddress file: missing column(s) {', '.join(wanted)} "
            f"(found: {', '.join(map(str, table.columns[:25]))})",
            source=label,
        )
    counts = {"rows": len(table)}
    if "status" in table.columns:
        current = table["status"].str.strip().str.lower() == KEPT_STATUS
        counts["not current"] = int((~current).sum())
        table = table[current]
    x_col, y_col, crs = coordinates
    x = pd.to_numeric(table[x_col].str.strip(), errors="coerce").to_numpy(dtype=float)
    y = pd.to_numeric(table[y_col].str.strip(), errors="coerce").to_numpy(dtype=float)
    # BOSA writes 0.00000 for an address without a position.
    placed = np.isfinite(x) & np.isfinite(y) & (x != 0) & (y != 0)
    counts["no position"] = int((~placed).sum())
    table, x, y = table[placed], x[placed], y[placed]
    try:
        lx, ly = to_lambert72(x, y, crs)
    except CoordinateSystemError as error:
        raise CoordinateSystemError(f"columns {x_col}/{y_col}: {error}", source=label) from error
    frame = pd.DataFrame(
        {
            "postcode": table["postcode"].str.strip().to_numpy(),
            "street_fr": table["streetname_fr"].str.strip().to_numpy(),
            "street_nl": table["streetname_nl"].str.strip().to_numpy(),
            "house_number": table["house_number"].str.strip().to_numpy(),
            "commune": (
                table["municipality_id"].str.strip().to_numpy()
                if "municipality_id" in table.columns
                else ""
            ),
            "x": np.round(lx, 2),
            "y": np.round(ly, 2),
        }
    )
    no_number = frame["house_number"] == ""
    counts["no house number"] = int(no_number.sum())
    frame = frame[~no_number]
    before = len(frame)
    frame = frame.drop_duplicates(["postcode", "street_fr", "street_nl", "house_number"])
    counts["boxes of a numbered address"] = before - len(frame)
    counts["points"] = len(frame)
    return frame.reset_index(drop=True)[FRAME_COLUMNS], counts


def _read_table(path: Path, label: str) -> pd.DataFrame:
    options = {"dtype": str, "keep_default_na": False, "encoding": "utf-8-sig"}
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                names = [n for n in archive.namelist() if n.lower().endswith(".csv")]
                chosen = [n for n in names if Path(n).name.lower() == CSV_NAME] or names
                if len(chosen) != 1:
                    raise InputError(
                        f"expected one CSV ({CSV_NAME}) in the archive, found "
                        f"{', '.join(names) or 'none'}",
                        source=label,
                    )
                with archive.open(chosen[0]) as handle:
                    return pd.read_csv(handle, **options)
        return pd.read_csv(path, **options)
    except InputError:
        raise
    except FileNotFoundError as error:
        raise InputError("no such file", source=label) from error
    except (OSError, UnicodeDecodeError, ValueError, zipfile.BadZipFile) as error:
        raise InputError(f"not a readable CSV file ({error})", source=label) from error


@dataclass
class AddressIndex:
    """(postcode, street key, number key) -> point (x, y in EPSG:31370)."""

    points: dict[tuple[str, str, str], tuple[float, float]]

    @classmethod
    def build(cls, frame: pd.DataFrame) -> AddressIndex:
        """frame: FRAME_COLUMNS (as read by read_best_addresses or stored)."""
        exact: dict[tuple[str, str, str], tuple[float, float]] = {}
        numeric: dict[tuple[str, str, str], tuple[float, float]] = {}
        for row in frame.itertuples(index=False):
            key_exact, key_number = number_keys(row.house_number)
            point = (float(row.x), float(row.y))
            for street in {street_key(row.street_fr), street_key(row.street_nl)} - {""}:
                exact.setdefault((row.postcode, street, key_exact), point)
                numeric.setdefault((row.postcode, street, key_number), point)
        # the numeric key answers only where no exact key of that form exists ("12" for "12-14")
        return cls({**numeric, **exact})

    def find(self, postcode, street, number) -> tuple[float, float] | None:
        """The point of an address, or None (no such postcode + street + number in the file)."""
        postcode = "" if postcode is None else str(postcode).strip()
        key = street_key(street)
        exact, numeric = number_keys(number)
        if not (postcode and key and exact):
            return None
        return self.points.get((postcode, key, exact)) or self.points.get((postcode, key, numeric))
