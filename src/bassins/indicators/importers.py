"""Readers of the indicator sources, each returning tidy rows at the source's own layer. Pure.

Every reader returns the rows of `bassins.indicators.tidy.COLUMNS` plus `_row`, the line of the
source file the row comes from; `validate` then checks the rows against the territory vintage and
the registry and names the first bad row: an unknown area code, a negative count or denominator, a
proportion whose denominator is smaller than its numerator, an unknown indicator. Nothing is built
from a file that fails (the store writes all the files of a load in one transaction, or none).

Sources (see the data directory's SOURCES.md):
- population per commune (Statbel, 2020) and per sector (secondary copy, ≈ 2020 inferred): read by
  `bassins.population.readers` and summed by `bassins.population.aggregate` (`population_rows`);
- population by five-year age band per sector (≈ 2022): `read_age_bands`, giving the age bands, the
  shares of 65+ and 80+ and the age dependency ratio;
- the Monitoring des Quartiers values (median income 2023; unemployment, CPAS 2023; BIM 2024): values
  without counts (`read_monitoring_income`, `read_monitoring_rates`);
- the BIMD 2011 deprivation score per sector (`read_bimd`);
- Statbel fiscal income per commune 2005-2013 (`read_fiscal_income`);
- the Schaerbeek population by urban block (`read_schaerbeek_blocks`);
- a generic tidy CSV (`read_tidy_csv`), for the Observatoire's, IBSA's or the mutualities' tables.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from bassins import csvtext
from bassins.codes import COMMUNE, MONITORING, REGION, REGION_CODE, SECTOR
from bassins.errors import InputError, UnknownCodeError
from bassins.indicators import tidy
from bassins.indicators.registry import Indicator
from bassins.territory.tables import check_columns, parse_csv_text

AGE_BAND = re.compile(r"^\[(\d+),\s*(\d+|Inf)\)$")
SECTOR_CODE = re.compile(r"^21\d{3}[A-Z][0-9A-Z]{2}[0-9A-Z-]$")

AGE_FILE = "population/sector_population_by_age_bxl_c2022_675.csv"
MONITORING_INCOME_FILE = "indicators/monitoring_median_equiv_income_2023.csv"
MONITORING_RATES_FILE = "indicators/monitoring_unemployment_cpas_bim_2023_2024.csv"
BIMD_FILE = "indicators/bimd2011_sector_deprivation_bxl.csv"
FISCAL_FILE = "population/statbel_fiscal_income_commune_bxl_2005_2013.csv"
BLOCKS_FILE = "population/schaerbeek_population_urban_blocks.geojson"
SCHAERBEEK = "21015"


# -- checks ---------------------------------------------------------------------------------------------


def known_codes(membership: pd.DataFrame) -> dict[str, set[str]]:
    """The area codes of every layer of a territory vintage (from its sector memberships)."""
    known = {SECTOR: set(membership.index.astype(str))}
    for layer in membership.columns:
        known[layer] = {str(c) for c in membership[layer].dropna().unique()}
    known[REGION] = known.get(REGION, set()) | {REGION_CODE}
    return known


def validate(
    frame: pd.DataFrame, known: dict[str, set[str]], registry: dict[str, Indicator], label: str
) -> pd.DataFrame:
    """Check tidy rows (with their `_row` line numbers) and return them without `_row`.

    Refused, naming the row: an unknown indicator or layer, an area code not in the vintage, a
    negative count or denominator, a proportion whose denominator is below its numerator, a count
    without denominator for an indicator that needs one, a repeated row.
    """
    rows = frame.reset_index(drop=True)
    lines = rows["_row"] if "_row" in rows.columns else pd.Series(rows.index + 2)
    table = tidy.normalise(rows.drop(columns=["_row"], errors="ignore"))
    kinds = table["indicator"].map({k: v.kind for k, v in registry.items()})
    count, denominator = table["count"], table["denominator"]
    in_vintage = pd.Series(False, index=table.index)
    for layer, codes in known.items():
        here = table["layer"] == layer
        in_vintage[here] = table.loc[here, "area_code"].isin(codes)
    needs = kinds.isin(["proportion", "rate", "ratio", "mean"])
    checks = [  # (mask of bad rows, field, message of a row)
        (
            kinds.isna(),
            "indicator",
            lambda r: f"unknown indicator {r.indicator!r} (not in the registry)",
        ),
        (
            ~table["layer"].isin(list(known)),
            "layer",
            lambda r: (
                f"unknown layer {r.layer!r} (layers of the vintage: {', '.join(sorted(known))})"
            ),
        ),
        (
            ~in_vintage,
            "area_code",
            lambda r: f"{r.layer} {r.area_code!r} is not in the territory vintage",
        ),
        (count < 0, "count", lambda r: f"negative count {r.count:g}"),
        (denominator < 0, "denominator", lambda r: f"negative denominator {r.denominator:g}"),
        (
            (kinds == "proportion") & (count > denominator),
            "denominator",
            lambda r: (
                f"denominator {r.denominator:g} is smaller than the numerator {r.count:g} of a proportion"
            ),
        ),
        (
            needs & count.notna() & denominator.isna(),
            "denominator",
            lambda r: f"{r.indicator} is a {kinds[r.Index]}: the count needs a denominator",
        ),
    ]
    bad = pd.concat([mask.rename(i) for i, (mask, _, _) in enumerate(checks)], axis=1)
    if bad.to_numpy().any():
        position = int(np.flatnonzero(bad.any(axis=1).to_numpy())[0])
        check = int(np.flatnonzero(bad.iloc[position].to_numpy())[0])
        _, field, message = checks[check]
        record = next(table.iloc[[position]].itertuples())
        error = UnknownCodeError if field in ("layer", "area_code") else InputError
        raise error(message(record), source=label, row=int(lines.iloc[position]), field=field)
    repeated = table.duplicated(tidy.KEY)
    if repeated.any():
        position = int(np.flatnonzero(repeated.to_numpy())[0])
        raise InputError(
            "the same indicator, area, period, sex, age band and category appear twice",
            source=label,
            row=int(lines.iloc[position]),
        )
    return table


# -- population (reuses bassins.population) --------------------------------------------------------------


def population_rows(
    membership: pd.DataFrame,
    communes: pd.DataFrame | None,
    sectors: pd.DataFrame | None,
    layers: tuple[str, ...],
    weights: pd.Series | None = None,
) -> pd.DataFrame:
    """The indicator "population" at every layer of `layers`, by `population.aggregate` (official
    totals for communes and the region, sums of sectors elsewhere, estimates stated)."""
    from bassins.population.aggregate import population_for_layer

    pieces = []
    for layer in layers:
        if layer in membership.columns and membership[layer].isna().all():
            continue  # a layer of the hierarchy not loaded (the quartiers social-santé)
        result = population_for_layer(
            layer, membership, communes=communes, sectors=sectors, weights=weights
        )
        values = result.values
        pieces.append(
            pd.DataFrame(
                {
                    "indicator": "population",
                    "layer": layer,
                    "area_code": values.index.astype(str),
                    "period": str(result.reference_date.year),
                    "count": values["population"].to_numpy(dtype=float),
                    "estimated": (values["basis"] == "estimated").to_numpy(),
                    "value_note": values["method"].astype(str).to_numpy(),
                    "source_file": "; ".join(result.sources),
                }
            )
        )
    if not pieces:
        return tidy.empty()
    return tidy.normalise(pd.concat(pieces, ignore_index=True))


# -- age bands --------------------------------------------------------------------------------------


def age_label(text: str, label: str = "", line: int | None = None) -> tuple[str, int]:
    """ "[0,5)" → ("0-4", 0); "[85,Inf)" → ("85+", 85)."""
    found = AGE_BAND.match(str(text).strip())
    if not found:
        raise InputError(
            f"not an age band like [0,5): {text!r}", source=label, row=line, field="AGE"
        )
    low, high = int(found.group(1)), found.group(2)
    return (f"{low}+" if high == "Inf" else f"{low}-{int(high) - 1}"), low


def read_age_bands(
    path: Path | str, *, label: str | None = None, period: str = "2022"
) -> pd.DataFrame:
    """Population by five-year age band per sector (`SECTOR, AGE, POP`): the bands and their total
    (population_by_age), the shares of 65+ and 80+ and the age dependency ratio, per sector."""
    label = label or Path(path).name
    frame = _read_csv(path, label)
    check_columns(frame, ["SECTOR", "AGE", "POP"], label)
    records = []
    for index, record in frame.iterrows():
        line = int(index) + 2
        band, low = age_label(record["AGE"], label, line)
        records.append(
            (
                _sector(record["SECTOR"], label, line, "SECTOR"),
                band,
                low,
                _number(record["POP"], label, line, "POP"),
                line,
            )
        )
    bands = pd.DataFrame(records, columns=["area_code", "age_band", "low", "count", "_row"])
    common = {"layer": SECTOR, "period": period, "source_file": label}
    by_age = bands.assign(indicator="population_by_age", **common)
    grouped = bands.groupby("area_code", sort=True)
    first = grouped["_row"].min()
    total = grouped["count"].sum()
    older65 = (
        bands[bands["low"] >= 65]
        .groupby("area_code")["count"]
        .sum()
        .reindex(total.index, fill_value=0)
    )
    older80 = (
        bands[bands["low"] >= 80]
        .groupby("area_code")["count"]
        .sum()
        .reindex(total.index, fill_value=0)
    )
    young = (
        bands[bands["low"] < 15]
        .groupby("area_code")["count"]
        .sum()
        .reindex(total.index, fill_value=0)
    )
    working = total - young - older65
    derived = []
    for indicator, count, denominator in (
        ("population_by_age", total, pd.Series(np.nan, index=total.index)),
        ("share_65plus", older65, total),
        ("share_80plus", older80, total),
        ("age_dependency_ratio", young + older65, working),
    ):
        derived.append(
            pd.DataFrame(
                {
                    "indicator": indicator,
                    "area_code": total.index,
                    "age_band": tidy.ALL,
                    "count": count.to_numpy(),
                    "denominator": denominator.to_numpy(),
                    "_row": first.to_numpy(),
                    **common,
                }
            )
        )
    rows = pd.concat([by_age.drop(columns="low"), *derived], ignore_index=True)
    # a sector with nobody of working age has no dependency ratio (no denominator)
    dependency = (rows["indicator"] == "age_dependency_ratio") & (rows["denominator"] == 0)
    rows.loc[dependency, ["count", "denominator"]] = np.nan
    return rows


# -- Monitoring des Quartiers ----------------------------------------------------------------------------


def read_monitoring_income(path: Path | str, *, label: str | None = None) -> pd.DataFrame:
    """Median equivalised income 2023 per Monitoring quartier (`MD_ID;nom_fr;nom_nl;valeur`, decimal
    comma). Empty values (parks, cemeteries, industrial zones) stay null, "not applicable"."""
    label = label or Path(path).name
    frame = _read_csv(path, label)
    check_columns(frame, ["MD_ID", "valeur"], label)
    rows = []
    for index, record in frame.iterrows():
        line = int(index) + 2
        text = str(record["valeur"]).strip()
        value = np.nan if not text else _number(text.replace(",", "."), label, line, "valeur")
        rows.append(
            {
                "indicator": "median_income_2023",
                "layer": MONITORING,
                "area_code": str(record["MD_ID"]).strip(),
                "period": "2023",
                "value": value,
                "value_note": "" if text else "not applicable",
                "source_file": label,
                "_row": line,
            }
        )
    return pd.DataFrame(rows)


MONITORING_RATES = {
    "unemployment_rate": ("unemployment_rate_2023", "unemployment_year"),
    "cpas_rate": ("cpas_rate_2023", "cpas_year"),
    "bim_rate": ("bim_rate_2024", "bim_year"),
}


def read_monitoring_rates(path: Path | str, *, label: str | None = None) -> pd.DataFrame:
    """Unemployment and CPAS rates 2023 and the BIM rate 2024 per Monitoring quartier (rates only:
    no counts, so no interval and no aggregation). Empty values are left out."""
    label = label or Path(path).name
    frame = _read_csv(path, label)
    check_columns(frame, ["territory_code", "territory_level", *MONITORING_RATES], label)
    rows = []
    for index, record in frame.iterrows():
        line = int(index) + 2
        if record["territory_level"].strip() != "monitoring_district":
            raise InputError(
                f"territory level {record['territory_level']!r} (expected monitoring_district)",
                source=label,
                row=line,
                field="territory_level",
            )
        for column, (indicator, year_column) in MONITORING_RATES.items():
            text = str(record[column]).strip()
            if not text:
                continue
            rows.append(
                {
                    "indicator": indicator,
                    "layer": MONITORING,
                    "area_code": str(record["territory_code"]).strip(),
                    "period": str(record.get(year_column, "")).strip() or indicator[-4:],
                    "value": _number(text, label, line, column),
                    "source_file": label,
                    "_row": line,
                }
            )
    return pd.DataFrame(rows)


# -- deprivation, fiscal income ------------------------------------------------------------------------


def read_bimd(path: Path | str, *, label: str | None = None) -> pd.DataFrame:
    """The BIMD 2011 deprivation score per sector (`CD_RES_SECTOR, score, rank, deciles`); the note
    keeps the national decile (1 = most deprived)."""
    label = label or Path(path).name
    frame = _read_csv(path, label)
    check_columns(frame, ["CD_RES_SECTOR", "score", "deciles"], label)
    rows = []
    for index, record in frame.iterrows():
        line = int(index) + 2
        rows.append(
            {
                "indicator": "bimd2011_score",
                "layer": SECTOR,
                "area_code": _sector(record["CD_RES_SECTOR"], label, line, "CD_RES_SECTOR"),
                "period": "2011",
                "value": _number(record["score"], label, line, "score"),
                "value_note": f"national decile {str(record['deciles']).strip()}",
                "source_file": label,
                "_row": line,
            }
        )
    return pd.DataFrame(rows)


def read_fiscal_income(path: Path | str, *, label: str | None = None) -> pd.DataFrame:
    """Statbel fiscal income per commune and income year (`TF_PSNL_INC_TAX_MUNTY`): total net taxable
    income over the non-zero declarations."""
    label = label or Path(path).name
    frame = _read_csv(path, label)
    columns = ["CD_YEAR", "CD_MUNTY_REFNIS", "MS_TOT_NET_TAXABLE_INC", "MS_NBR_NON_ZERO_INC"]
    check_columns(frame, columns, label)
    rows = []
    for index, record in frame.iterrows():
        line = int(index) + 2
        rows.append(
            {
                "indicator": "mean_taxable_income",
                "layer": COMMUNE,
                "area_code": str(record["CD_MUNTY_REFNIS"]).strip(),
                "period": str(record["CD_YEAR"]).strip(),
                "count": _number(
                    record["MS_TOT_NET_TAXABLE_INC"], label, line, "MS_TOT_NET_TAXABLE_INC"
                ),
                "denominator": _number(
                    record["MS_NBR_NON_ZERO_INC"], label, line, "MS_NBR_NON_ZERO_INC"
                ),
                "source_file": label,
                "_row": line,
            }
        )
    return pd.DataFrame(rows)


# -- Schaerbeek urban blocks -----------------------------------------------------------------------------


def read_schaerbeek_blocks(path: Path | str, sectors, *, label: str | None = None) -> pd.DataFrame:
    """Population of Schaerbeek by urban block, summed to the sectors: each block goes whole to the
    sector holding its inner point (an ESTIMATE where a block crosses a sector boundary, marked so);
    the commune's total (21015) is the exact sum of the blocks. `sectors`: a GeoDataFrame of the
    vintage's sectors indexed by code."""
    import geopandas as gpd

    label = label or Path(path).name
    try:
        blocks = gpd.read_file(path)
    except Exception as error:  # pyogrio raises its own types
        raise InputError(f"not a readable GeoJSON file ({error})", source=label) from error
    check_columns(blocks, ["block_id", "pop_total"], label)
    if (pd.to_numeric(blocks["pop_total"], errors="coerce") < 0).any():
        line = int(np.flatnonzero(blocks["pop_total"] < 0)[0]) + 1
        raise InputError(
            "negative population", source=f"{label} feature", row=line, field="pop_total"
        )
    points = gpd.GeoDataFrame(
        blocks[["block_id", "pop_total"]],
        geometry=blocks.geometry.representative_point(),
        crs=blocks.crs,
    ).to_crs(sectors.crs)
    targets = gpd.GeoDataFrame(
        {"_sector": sectors.index.astype(str)}, geometry=sectors.geometry.values, crs=sectors.crs
    )
    placed = gpd.sjoin(points, targets, how="left", predicate="within")
    outside = placed["_sector"].isna()
    if outside.any():
        first = placed[outside].iloc[0]
        raise UnknownCodeError(
            f"block {first['block_id']!r} lies in no sector of the vintage",
            source=label,
            field="geometry",
        )
    communes = {code[:5] for code in placed["_sector"]}
    if communes != {SCHAERBEEK}:
        raise InputError(
            f"blocks placed in communes {', '.join(sorted(communes))}, expected Schaerbeek only",
            source=label,
        )
    by_sector = placed.groupby("_sector")["pop_total"].sum()
    common = {"indicator": "population_blocks", "period": "2024", "source_file": label, "_row": 1}
    sector_rows = pd.DataFrame(
        {
            "layer": SECTOR,
            "area_code": by_sector.index.astype(str),
            "count": by_sector.to_numpy(dtype=float),
            "estimated": True,
            "value_note": "estimated: blocks placed whole in the sector of their inner point",
            **common,
        }
    )
    commune_row = pd.DataFrame(
        [{"layer": COMMUNE, "area_code": SCHAERBEEK, "count": float(by_sector.sum()), **common}]
    )
    return pd.concat([sector_rows, commune_row], ignore_index=True)


# -- generic tidy CSV -------------------------------------------------------------------------------------

TIDY_REQUIRED = ["indicator", "layer", "area_code", "period"]
TIDY_OPTIONAL = [
    "sex",
    "age_band",
    "category",
    "count",
    "denominator",
    "value",
    "value_note",
    "estimated",
]


def read_tidy_csv(path: Path | str, *, label: str | None = None) -> pd.DataFrame:
    """A tidy CSV (`,` or `;`): indicator, layer, area_code, period, and any of sex, age_band,
    category, count, denominator, value, value_note, estimated (true/false). Values are computed
    from count and denominator when given; `value` is for indicators published without counts."""
    label = label or Path(path).name
    frame = _read_csv(path, label)
    check_columns(frame, TIDY_REQUIRED, label)
    unknown = [c for c in frame.columns if c not in TIDY_REQUIRED + TIDY_OPTIONAL]
    if unknown:
        raise InputError(
            f"unknown column {unknown[0]!r} (allowed: {', '.join(TIDY_REQUIRED + TIDY_OPTIONAL)})",
            source=label,
        )
    rows = frame.copy()
    rows["_row"] = rows.index + 2
    for column in ("count", "denominator", "value"):
        if column in rows.columns:
            for index, text in rows[column].items():
                if str(text).strip():
                    _number(str(text).strip().replace(",", "."), label, int(index) + 2, column)
            rows[column] = pd.to_numeric(
                rows[column].str.strip().str.replace(",", "."), errors="coerce"
            )
    if "estimated" in rows.columns:
        flags = rows["estimated"].str.strip().str.lower()
        bad = ~flags.isin(["", "true", "false", "1", "0", "yes", "no"])
        if bad.any():
            line = int(np.flatnonzero(bad.to_numpy())[0]) + 2
            raise InputError(
                f"estimated must be true or false, not {rows['estimated'][bad].iloc[0]!r}",
                source=label,
                row=line,
                field="estimated",
            )
        rows["estimated"] = flags.isin(["true", "1", "yes"])
    rows["source_file"] = label
    for column in TIDY_REQUIRED:
        rows[column] = rows[column].str.strip()
    return rows


# -- helpers -------------------------------------------------------------------------------------------


def _read_csv(path: Path | str, label: str) -> pd.DataFrame:
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise InputError(f"cannot read the file ({error.strerror})", source=label) from error
    text = csvtext.decode(raw, label)[0]
    if not text.strip():
        raise InputError("the file is empty", source=label)
    separator = csvtext.sniff_separator(csvtext.first_line(text), (";", ",", "\t", "|"))
    return parse_csv_text(text, label, separator)


def _number(value, label: str, line: int, field: str) -> float:
    try:
        number = float(str(value).strip())
    except ValueError as error:
        raise InputError(f"not a number: {value!r}", source=label, row=line, field=field) from error
    if np.isnan(number):
        raise InputError(f"not a number: {value!r}", source=label, row=line, field=field)
    return number


def _sector(value, label: str, line: int, field: str) -> str:
    code = str(value).strip()
    if not SECTOR_CODE.match(code):
        raise UnknownCodeError(
            f"malformed statistical sector code {code!r}", source=label, row=line, field=field
        )
    return code
