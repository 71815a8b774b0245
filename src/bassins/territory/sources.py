"""Readers of the territorial source files, each checked before anything is built from it.

Pure functions (no Django). Geometries come back in Belgian Lambert 72 (EPSG:31370), the CRS of
Statbel's sectors, where areas and distances are in metres.
"""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from bassins.codes import BRUSSELS_BOUNDS_L72, LAMBERT72, REGION_CODE, WGS84
from bassins.data.zipped import dataset_path
from bassins.errors import (
    CoordinateSystemError,
    InputError,
    InvalidGeometryError,
    MissingColumnError,
    UnknownCodeError,
)
from bassins.territory.tables import check_columns, check_filled, read_csv_table, read_xlsx_table

SECTOR_CODE = re.compile(r"^21\d{3}[A-Z][0-9A-Z]{2}[0-9A-Z-]$")

SECTOR_COLUMNS = ["cd_sector", "cd_sub_munty", "cd_munty_refnis"]


def read_sectors(path: Path | str, *, label: str | None = None) -> gpd.GeoDataFrame:
    """Statbel statistical sectors (GPKG, GeoJSON, Shapefile...), reduced to the Brussels region.

    Accepts Statbel's national files too (filtered on `cd_rgn_refnis` = 04000), zipped as Statbel
    publishes them (`sh_statbel_statistical_sectors_31370_20220101.geojson.zip`, read in place). Raises a clear error on
    a missing column, a malformed or repeated sector code, an empty or invalid polygon, or coordinates
    that do not fit their CRS (Lambert metres given as WGS84 degrees, say).
    """
    label = label or Path(path).name
    try:
        frame = gpd.read_file(dataset_path(path))
    except (
        Exception
    ) as error:  # pyogrio raises DataSourceError, DataLayerError, ...; a bad zip ValueError
        raise InputError(f"not a readable geographic file ({error})", source=label) from error
    frame.columns = [c if c == "geometry" else str(c).lower() for c in frame.columns]
    check_columns(frame, SECTOR_COLUMNS, label)
    if "cd_rgn_refnis" in frame.columns and (frame["cd_rgn_refnis"] != REGION_CODE).any():
        frame = frame[frame["cd_rgn_refnis"] == REGION_CODE].copy()
    if frame.empty:
        raise InputError(
            "no statistical sector of the Brussels region (04000) in the file", source=label
        )
    frame["cd_sector"] = frame["cd_sector"].astype(str).str.strip()
    bad = frame.loc[~frame["cd_sector"].str.match(SECTOR_CODE), "cd_sector"]
    if len(bad):
        raise UnknownCodeError(
            f"malformed statistical sector code {bad.iloc[0]!r}", source=label, field="cd_sector"
        )
    repeated = frame.loc[frame["cd_sector"].duplicated(), "cd_sector"]
    if len(repeated):
        raise InputError(
            f"sector {repeated.iloc[0]!r} appears more than once", source=label, field="cd_sector"
        )
    frame = to_lambert72(frame, label)
    check_polygons(frame, "cd_sector", label)
    return frame.set_index("cd_sector", drop=False).rename_axis("code")


def to_lambert72(frame: gpd.GeoDataFrame, label: str) -> gpd.GeoDataFrame:
    """Reproject to EPSG:31370 after checking that the coordinates fit the declared CRS."""
    crs = frame.crs or WGS84  # GeoJSON without a CRS member is WGS84 by RFC 7946
    frame = frame.set_crs(crs, allow_override=True)
    minx, miny, maxx, maxy = frame.total_bounds
    if frame.crs.is_geographic and (
        abs(minx) > 180 or abs(maxx) > 180 or abs(miny) > 90 or abs(maxy) > 90
    ):
        raise CoordinateSystemError(
            f"coordinates up to ({maxx:.0f}, {maxy:.0f}) are not longitude/latitude degrees although the "
            f"file says {frame.crs.to_string()}: projected metres (Belgian Lambert?) given as WGS84",
            source=label,
        )
    projected = frame.to_crs(LAMBERT72)
    minx, miny, maxx, maxy = projected.total_bounds
    lo_x, lo_y, hi_x, hi_y = BRUSSELS_BOUNDS_L72
    if maxx < lo_x or minx > hi_x or maxy < lo_y or miny > hi_y:
        raise CoordinateSystemError(
            f"the geometries do not fall on Brussels once read as {frame.crs.to_string()}: "
            "check the coordinate reference system of the file",
            source=label,
        )
    return projected


def check_polygons(frame: gpd.GeoDataFrame, code_column: str, label: str) -> None:
    """Every geometry must be a non-empty, valid (Multi)Polygon; the error names the feature and why."""
    geoms = frame.geometry.values
    missing = frame.geometry.isna() | shapely.is_empty(geoms)
    if missing.any():
        code = frame.loc[missing, code_column].iloc[0]
        raise InvalidGeometryError(f"feature {code!r} has no geometry", source=label)
    kinds = shapely.get_type_id(geoms)
    not_polygon = ~pd.Series(kinds, index=frame.index).isin([3, 6])
    if not_polygon.any():
        code = frame.loc[not_polygon, code_column].iloc[0]
        raise InvalidGeometryError(f"feature {code!r} is not a polygon", source=label)
    valid = shapely.is_valid(geoms)
    if not valid.all():
        position = int((~valid).nonzero()[0][0])
        code = frame[code_column].iloc[position]
        reason = shapely.is_valid_reason(geoms[position])
        raise InvalidGeometryError(f"invalid polygon for feature {code!r}: {reason}", source=label)


def check_sector_codes(frame: pd.DataFrame, label: str, *, field: str) -> None:
    """Column `sector` of a table (rows counted from 2): well-formed Statbel codes, each once."""
    bad = frame.index[~frame["sector"].str.match(SECTOR_CODE)]
    if len(bad):
        raise UnknownCodeError(
            f"malformed sector code {frame.at[bad[0], 'sector']!r}",
            source=label,
            row=int(bad[0]) + 2,
            field=field,
        )
    repeated = frame.index[frame["sector"].duplicated()]
    if len(repeated):
        raise InputError(
            f"sector {frame.at[repeated[0], 'sector']!r} listed twice",
            source=label,
            row=int(repeated[0]) + 2,
            field=field,
        )


QUARTIER_TABLE_COLUMNS = {
    # normalised name: (2024 workbook column, 2025 CSV column)
    "sector": ("SecteurStatistique_Code", "secteurstatistique_code"),
    "sector_name_fr": ("SecteurStatistique_Nom_FR", "secteurstatistique_nom_fr"),
    "sector_name_nl": ("SecteurStatistique_Nom_NL", "secteurstatistique_nom_nl"),
    "monitoring": ("Quartier_Code", "quartier_code"),
    "monitoring_name_fr": ("Quartier_Nom_FR", "quartier_nom_fr"),
    "monitoring_name_nl": ("Quartier_Nom_NL", "quartier_nom_nl"),
    "commune": ("Commune_Code", "commune_code"),
    "commune_name_fr": ("Commune_Nom_FR", "commune_nom_fr"),
    "commune_name_nl": ("Commune_Nom_NL", "commune_nom_nl"),
}


def read_quartier_table(path: Path | str, *, label: str | None = None) -> pd.DataFrame:
    """IBSA's sector → Monitoring quartier → commune table, 2024 or 2025 layout, normalised.

    CSV, or IBSA's XLSX workbook (first sheet). Columns: sector, sector_name_fr/nl, monitoring,
    monitoring_name_fr/nl, commune, commune_name_fr/nl.
    """
    label = label or Path(path).name
    if str(path).lower().endswith(".xlsx"):
        frame = read_xlsx_table(path, [], label=label)
    else:
        frame = read_csv_table(path, [], label=label)
    for layout in (0, 1):
        names = {source[layout]: target for target, source in QUARTIER_TABLE_COLUMNS.items()}
        if all(column in frame.columns for column in names):
            frame = frame.rename(columns=names)[list(QUARTIER_TABLE_COLUMNS)]
            break
    else:
        check_columns(frame, [source[0] for source in QUARTIER_TABLE_COLUMNS.values()], label)
    frame = frame.map(str.strip)
    check_filled(frame, ["sector", "monitoring", "commune"], label)
    check_sector_codes(frame, label, field="sector")
    wrong_commune = frame.index[frame["sector"].str[:5] != frame["commune"]]
    if len(wrong_commune):
        row = wrong_commune[0]
        raise InputError(
            f"sector {frame.at[row, 'sector']!r} is not in commune {frame.at[row, 'commune']!r}",
            source=label,
            row=int(row) + 2,
            field="commune",
        )
    return frame.set_index("sector", drop=False).rename_axis("code")


BASSIN_TABLE_COLUMNS = ["area_code", "area_level", "bassin_code", "bassin_fr", "bassin_nl", "basis"]
BASSIN_LEVELS = {"commune": "cd_munty_refnis", "sub_municipality": "cd_sub_munty"}


def read_bassin_table(path: Path | str, *, label: str | None = None) -> pd.DataFrame:
    """The commune / sub-municipality → bassin table (`reference/bassins_2024.csv`)."""
    label = label or Path(path).name
    frame = read_csv_table(path, BASSIN_TABLE_COLUMNS, label=label).map(str.strip)
    check_filled(frame, BASSIN_TABLE_COLUMNS, label)
    for row, level in frame["area_level"].items():
        if level not in BASSIN_LEVELS:
            raise InputError(
                f"unknown area_level {level!r} (expected: {', '.join(BASSIN_LEVELS)})",
                source=label,
                row=int(row) + 2,
                field="area_level",
            )
    for row, basis in frame["basis"].items():
        if basis not in ("stated", "inferred"):
            raise InputError(
                f"unknown basis {basis!r} (expected stated or inferred)",
                source=label,
                row=int(row) + 2,
                field="basis",
            )
    repeated = frame.index[frame["area_code"].duplicated()]
    if len(repeated):
        raise InputError(
            f"area {frame.at[repeated[0], 'area_code']!r} listed twice",
            source=label,
            row=int(repeated[0]) + 2,
            field="area_code",
        )
    return frame


QSS_COLUMNS = [
    "CodeSector",
    "QuartierSS_Gwwijk",
    "NomQuartierSSFR",
    "NaamGWwijkNL",
    "BassinFR",
    "ZoneNL",
]


def read_qss_workbook(path: Path | str, *, label: str | None = None) -> pd.DataFrame:
    """The official sector → quartier social-santé → bassin workbook (`SS_QSS_2024.xlsx`).

    Normalised columns: sector, qss, qss_name_fr, qss_name_nl, bassin_fr, bassin_nl.
    """
    label = label or Path(path).name
    frame = read_xlsx_table(path, QSS_COLUMNS, label=label)
    frame = frame.rename(
        columns=dict(
            zip(
                QSS_COLUMNS,
                ["sector", "qss", "qss_name_fr", "qss_name_nl", "bassin_fr", "bassin_nl"],
                strict=False,
            )
        )
    )
    frame = frame[["sector", "qss", "qss_name_fr", "qss_name_nl", "bassin_fr", "bassin_nl"]]
    check_filled(frame, ["sector", "qss", "qss_name_fr", "bassin_fr"], label)
    check_sector_codes(frame, label, field="CodeSector")
    names = frame.groupby("qss")["qss_name_fr"].nunique()
    if (names > 1).any():
        raise InputError(
            f"quartier social-santé {names[names > 1].index[0]!r} has several names",
            source=label,
            field="NomQuartierSSFR",
        )
    return frame.set_index("sector", drop=False).rename_axis("code")


def read_monitoring_polygons(path: Path | str, *, label: str | None = None) -> gpd.GeoDataFrame:
    """UrbIS Monitoring District polygons (for display and areal interpolation), in EPSG:31370."""
    label = label or Path(path).name
    try:
        frame = gpd.read_file(path)
    except Exception as error:
        raise InputError(f"not a readable geographic file ({error})", source=label) from error
    frame.columns = [c if c == "geometry" else str(c).lower() for c in frame.columns]
    if "mdrc" not in frame.columns:
        raise MissingColumnError("missing column mdrc (Monitoring quartier code)", source=label)
    frame["code"] = frame["mdrc"].astype(str).str.replace(r"\.0$", "", regex=True).str.strip()
    frame = to_lambert72(frame, label)
    check_polygons(frame, "code", label)
    frame = frame.rename(columns={"name_fre": "name_fr", "name_dut": "name_nl"})
    from bassins.territory.layers import proper

    for column in ("name_fr", "name_nl"):
        frame[column] = frame[column].map(proper) if column in frame.columns else frame["code"]
    return frame[["code", "name_fr", "name_nl", "geometry"]].set_index("code", drop=False)


FACT_COLUMNS = ["bassin_code", "helpdesk_phone", "quartiers_social_sante", "fact_source"]


def read_bassin_facts(
    path: Path | str, *, known: set[str], label: str | None = None
) -> pd.DataFrame:
    """Published facts per bassin (helpdesk phone, announced number of quartiers social-santé)."""
    label = label or Path(path).name
    frame = read_csv_table(path, FACT_COLUMNS, label=label).map(str.strip)
    for row, code in frame["bassin_code"].items():
        if code not in known:
            raise UnknownCodeError(
                f"unknown bassin {code!r} (known: {', '.join(sorted(known))})",
                source=label,
                row=int(row) + 2,
                field="bassin_code",
            )
    frame = frame.rename(columns={"quartiers_social_sante": "quartiers_social_sante_announced"})
    frame["quartiers_social_sante_announced"] = pd.to_numeric(
        frame["quartiers_social_sante_announced"], errors="coerce"
    )
    return frame.set_index("bassin_code")[
        ["helpdesk_phone", "quartiers_social_sante_announced", "fact_source"]
    ]
