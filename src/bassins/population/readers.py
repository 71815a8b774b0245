"""Readers of the population files, each checked before anything is built from it.

Pure functions (no Django): a path in, a tidy DataFrame out, one row per area with the columns of
`COLUMNS`:

- layer: "region", "commune" or "sector";
- area_code: REFNIS code (04000, 21001..21019) or 9-character Statbel sector code. Statbel files the
  residents whose address could not be placed in a sector under the pseudo-sector `<REFNIS>ZZZZ`;
  those rows are kept (see `is_unknown_sector`) so that sector sums can be reconciled with communes;
- population, males, females (the last two null when the file does not give them);
- reference_date (datetime.date), basis (`OFFICIAL`, `INFERRED_DATE` or `ESTIMATED`), source (a short
  identifier), source_label, source_file, sector_vintage ("" for communes), note.

Three formats are read:
- `read_commune_population_by_sex`: Statbel population by sex per commune, as in
  `population/statbel_population_by_sex_commune_bxl_2020.csv` (reference date in the file);
- `read_sector_population_c2020`: `population/sector_population_bxl_c2020.csv` (`SECTOR, MUNICIP,
  POP`), a secondary copy whose reference date is not stated: it is inferred (1 January 2020) and
  every row carries basis "inferred date" and the wording of `C2020_NOTE`;
- `read_statbel_sectoren`: Statbel's own `OPENDATA_SECTOREN_<year>` files (pipe-separated `.txt`,
  `.csv`, `.xlsx`, or the `.zip` Statbel distributes), documented columns `CD_REFNIS, CD_SECTOR,
  TOTAL, DT_STRT_SECTOR, DT_STOP_SECTOR, OPPERVLAKKTE IN HM², TX_DESCR_SECTOR_NL, TX_DESCR_SECTOR_FR,
  TX_DESCR_NL, TX_DESCR_FR`; population on 1 January of <year>, sectors of the <year> vintage.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pandas as pd

from bassins import csvtext
from bassins.errors import InputError, UnknownCodeError
from bassins.territory.tables import check_columns, parse_csv_text, read_xlsx_table

OFFICIAL = "official"
INFERRED_DATE = "inferred date"
ESTIMATED = "estimated"
BASES = (OFFICIAL, INFERRED_DATE, ESTIMATED)

from bassins.codes import REGION_CODE  # noqa: E402 (defined once)

ARRONDISSEMENT_CODE = "21000"
COMMUNE_CODE = re.compile(r"^21\d{3}$")
SECTOR_CODE = re.compile(r"^21\d{3}[A-Z][0-9A-Z]{2}[0-9A-Z-]$")
UNKNOWN_SECTOR = re.compile(r"^21\d{3}ZZZZ$")
SECTOREN_NAME = re.compile(r"OPENDATA_SECTOREN_(\d{4})", re.IGNORECASE)

COLUMNS = [
    "layer",
    "area_code",
    "population",
    "males",
    "females",
    "reference_date",
    "basis",
    "source",
    "source_label",
    "source_file",
    "sector_vintage",
    "note",
]

COMMUNE_FILE = "population/statbel_population_by_sex_commune_bxl_2020.csv"
SECTOR_C2020_FILE = "population/sector_population_bxl_c2020.csv"

#: The source labels stored with the rows (English; pages translate them: `bassins.offer.provenance`).
COMMUNE_SOURCE_LABEL = "Statbel, population by place of residence and sex, per commune"
C2020_SOURCE_LABEL = (
    "Statbel population per statistical sector, secondary copy (SwissTPH/healthiar test data "
    "prepared by Sciensano)"
)
SECTOREN_SOURCE_LABEL = "Statbel, population per statistical sector (OPENDATA_SECTOREN_{year})"

C2020_DATE = dt.date(2020, 1, 1)
C2020_NOTE = (
    "reference date not stated by the source; inferred ≈ 2020-01-01 (inferred): each commune "
    "sums to 99.42–99.96% of Statbel's 2020 commune total, never above it"
)


def is_unknown_sector(code: str) -> bool:
    """True for Statbel's pseudo-sector `<REFNIS>ZZZZ` (residents with an unknown sector)."""
    return bool(UNKNOWN_SECTOR.match(str(code)))


def read_commune_population_by_sex(path: Path | str, *, label: str | None = None) -> pd.DataFrame:
    """Statbel population per commune by sex (`cd_refnis, males, females, total, reference_date`).

    Keeps the region (04000) and the Brussels communes (21001..21019); the arrondissement (21000) and
    any commune outside the region are left out. Checks that males + females = total on every row
    and that the communes add up to the region when both are present.
    """
    label = label or Path(path).name
    frame = _read_text_table(path, label)
    check_columns(frame, ["cd_refnis", "males", "females", "total", "reference_date"], label)
    rows = []
    for index, record in frame.iterrows():
        line = int(index) + 2
        code = record["cd_refnis"].strip()
        if code == REGION_CODE:
            layer = "region"
        elif COMMUNE_CODE.match(code) and code != ARRONDISSEMENT_CODE:
            layer = "commune"
        elif re.match(r"^\d{5}$", code):
            continue  # arrondissement, or a place outside the region in a national file
        else:
            raise UnknownCodeError(
                f"malformed REFNIS code {code!r}", source=label, row=line, field="cd_refnis"
            )
        males = _count(record["males"], label, line, "males")
        females = _count(record["females"], label, line, "females")
        total = _count(record["total"], label, line, "total")
        if males + females != total:
            raise InputError(
                f"males + females = {males + females} but total = {total}",
                source=label,
                row=line,
                field="total",
            )
        rows.append(
            {
                "layer": layer,
                "area_code": code,
                "population": total,
                "males": males,
                "females": females,
                "reference_date": _date(record["reference_date"], label, line, "reference_date"),
                "basis": OFFICIAL,
                "source": "statbel_commune_sex",
                "source_label": COMMUNE_SOURCE_LABEL,
                "source_file": label,
                "sector_vintage": "",
                "note": "",
            }
        )
    result = _frame(rows, label)
    _check_unique(result, label)
    communes = result[result["layer"] == "commune"]
    region = result[result["layer"] == "region"]
    if len(region) and len(communes):
        for date, group in communes.groupby("reference_date"):
            expected = region.loc[region["reference_date"] == date, "population"]
            if len(expected) and int(group["population"].sum()) != int(expected.iloc[0]):
                raise InputError(
                    f"the communes add up to {int(group['population'].sum())} on {date}, "
                    f"the region (04000) row says {int(expected.iloc[0])}",
                    source=label,
                    field="total",
                )
    return result


def read_sector_population_c2020(path: Path | str, *, label: str | None = None) -> pd.DataFrame:
    """Population per sector, secondary copy `SECTOR, MUNICIP, POP` (reference date inferred 2020-01-01)."""
    label = label or Path(path).name
    frame = _read_text_table(path, label)
    check_columns(frame, ["SECTOR", "MUNICIP", "POP"], label)
    rows = []
    for index, record in frame.iterrows():
        line = int(index) + 2
        code = _sector_code(record["SECTOR"], label, line, "SECTOR")
        if record["MUNICIP"].strip() != code[:5]:
            raise InputError(
                f"MUNICIP {record['MUNICIP']!r} is not the commune of sector {code!r}",
                source=label,
                row=line,
                field="MUNICIP",
            )
        rows.append(
            {
                "layer": "sector",
                "area_code": code,
                "population": _count(record["POP"], label, line, "POP"),
                "males": None,
                "females": None,
                "reference_date": C2020_DATE,
                "basis": INFERRED_DATE,
                "source": "sector_c2020",
                "source_label": C2020_SOURCE_LABEL,
                "source_file": label,
                "sector_vintage": "2022",
                "note": C2020_NOTE,
            }
        )
    result = _frame(rows, label)
    _check_unique(result, label)
    return result


def read_statbel_sectoren(
    path: Path | str, *, year: int | None = None, label: str | None = None
) -> pd.DataFrame:
    """Statbel `OPENDATA_SECTOREN_<year>` (txt, csv, xlsx or zip): population per sector on 1 January.

    The year comes from the file name unless `year` is given. Only Brussels rows (REFNIS 21xxx) are
    kept; the pseudo-sectors `<REFNIS>ZZZZ` (residents with an unknown sector) are kept as they are.
    """
    path = Path(path)
    label = label or path.name
    if year is None:
        found = SECTOREN_NAME.search(path.name)
        if not found:
            raise InputError(
                "cannot tell the reference year: the file name has no OPENDATA_SECTOREN_<year> "
                "(pass the year explicitly)",
                source=label,
            )
        year = int(found.group(1))
    frame = _read_sectoren_table(path, label)
    check_columns(frame, ["CD_REFNIS", "CD_SECTOR", "TOTAL"], label)
    rows = []
    for index, record in frame.iterrows():
        line = int(index) + 2
        refnis = record["CD_REFNIS"].strip()
        if not refnis.startswith("21"):
            continue
        code = _sector_code(record["CD_SECTOR"], label, line, "CD_SECTOR")
        if code[:5] != refnis:
            raise InputError(
                f"CD_REFNIS {refnis!r} is not the commune of sector {code!r}",
                source=label,
                row=line,
                field="CD_REFNIS",
            )
        rows.append(
            {
                "layer": "sector",
                "area_code": code,
                "population": _count(record["TOTAL"], label, line, "TOTAL"),
                "males": None,
                "females": None,
                "reference_date": dt.date(year, 1, 1),
                "basis": OFFICIAL,
                "source": f"statbel_sectoren_{year}",
                "source_label": SECTOREN_SOURCE_LABEL.format(year=year),
                "source_file": label,
                "sector_vintage": str(year),
                "note": "",
            }
        )
    if not rows:
        raise InputError("no Brussels row (CD_REFNIS 21xxx) in the file", source=label)
    result = _frame(rows, label)
    _check_unique(result, label)
    return result


def read_population_directory(directory: Path | str) -> tuple[pd.DataFrame, list[str]]:
    """Every population file of `directory/population/` that a reader knows, concatenated.

    Returns the tidy frame and the list of files read (relative names). Files of the same source and
    reference date must not repeat an area.
    """
    base = Path(directory)
    frames, read = [], []
    commune = base / COMMUNE_FILE
    if commune.exists():
        frames.append(read_commune_population_by_sex(commune, label=COMMUNE_FILE))
        read.append(COMMUNE_FILE)
    sector = base / SECTOR_C2020_FILE
    if sector.exists():
        frames.append(read_sector_population_c2020(sector, label=SECTOR_C2020_FILE))
        read.append(SECTOR_C2020_FILE)
    folder = base / "population"
    if folder.is_dir():
        candidates = sorted(
            p
            for p in folder.iterdir()
            if SECTOREN_NAME.search(p.name)
            and p.suffix.lower() in (".txt", ".csv", ".xlsx", ".zip")
        )
        seen_years: dict[int, str] = {}
        for candidate in candidates:
            year = int(SECTOREN_NAME.search(candidate.name).group(1))
            relative = f"population/{candidate.name}"
            if year in seen_years:  # the same year as .zip and as .txt: read one of them only
                continue
            seen_years[year] = relative
            frames.append(read_statbel_sectoren(candidate, label=relative))
            read.append(relative)
    if not frames:
        return pd.DataFrame(columns=COLUMNS), read
    return pd.concat(frames, ignore_index=True), read


# -- helpers -------------------------------------------------------------------------------------------


def _read_text_table(
    path: Path | str, label: str, *, text: str | None = None, sep: str | None = None
) -> pd.DataFrame:
    """Like `territory.tables.read_csv_table`, for Statbel's text files: Windows-1252 accepted, `|` and tab
    separators too, and text already read (from an archive)."""
    if text is None:
        try:
            raw = Path(path).read_bytes()
        except OSError as error:
            raise InputError(f"cannot read the file ({error.strerror})", source=label) from error
        text = _decode(raw, label)
    if not text.strip():
        raise InputError("the file is empty", source=label)
    if sep is None:
        sep = csvtext.sniff_separator(csvtext.first_line(text), STATBEL_SEPARATORS)
    return parse_csv_text(text, label, sep)


#: Statbel's text files are pipe-separated; `;`, `,` and tab are accepted too.
STATBEL_SEPARATORS = ("|", ";", ",", "\t")


def _decode(raw: bytes, label: str) -> str:
    """The one decoder of bassins (older Statbel text files are Windows-1252)."""
    return csvtext.decode(raw, label)[0]


def _read_sectoren_table(path: Path, label: str) -> pd.DataFrame:
    suffix = path.suffix.lower()
    if suffix == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                members = [
                    n for n in archive.namelist() if n.lower().endswith((".txt", ".csv", ".xlsx"))
                ]
                if not members:
                    raise InputError("the archive holds no .txt, .csv or .xlsx table", source=label)
                member = sorted(members, key=lambda n: (not n.lower().endswith(".txt"), n))[0]
                data = archive.read(member)
        except zipfile.BadZipFile as error:
            raise InputError(f"not a readable ZIP archive ({error})", source=label) from error
        inner = f"{label}:{member}"
        if member.lower().endswith(".xlsx"):
            return read_xlsx_table(io.BytesIO(data), [], label=inner)
        return _read_text_table(None, inner, text=_decode(data, inner))
    if suffix == ".xlsx":
        return read_xlsx_table(path, [], label=label)
    return _read_text_table(path, label)


def _count(value: str, label: str, line: int, field: str) -> int:
    text = str(value).strip()
    if text.endswith(".0"):  # xlsx cells read as text
        text = text[:-2]
    if not re.match(r"^\d+$", text):
        raise InputError(f"not a count of persons: {value!r}", source=label, row=line, field=field)
    return int(text)


def _date(value: str, label: str, line: int, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as error:
        raise InputError(
            f"not an ISO date (YYYY-MM-DD): {value!r}", source=label, row=line, field=field
        ) from error


def _sector_code(value: str, label: str, line: int, field: str) -> str:
    code = str(value).strip()
    if not (SECTOR_CODE.match(code) or UNKNOWN_SECTOR.match(code)):
        raise UnknownCodeError(
            f"malformed statistical sector code {code!r}", source=label, row=line, field=field
        )
    return code


def _frame(rows: list[dict], label: str) -> pd.DataFrame:
    if not rows:
        raise InputError("no population row for the Brussels region in the file", source=label)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame["population"] = frame["population"].astype("int64")
    frame["males"] = frame["males"].astype("Int64")
    frame["females"] = frame["females"].astype("Int64")
    return frame


def _check_unique(frame: pd.DataFrame, label: str) -> None:
    repeated = frame[frame.duplicated(["layer", "area_code", "reference_date"])]
    if len(repeated):
        first = repeated.iloc[0]
        raise InputError(
            f"{first['layer']} {first['area_code']!r} appears more than once", source=label
        )
