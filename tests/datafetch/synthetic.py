"""Stand-ins for the upstream products, built by the tests from the real data directory.

Nothing here is committed data: each builder reads the real files (bassins.config.data_file, so a
missing data directory fails the test) and writes into a test's temporary folder.

- `national_sectors_zip`: Statbel's national product in miniature: the 724 real Brussels sectors plus
  two hand-made sectors of the Flemish Region (cd_rgn_refnis 02000, drawn in WGS84 near Antwerp),
  all in EPSG:31370, written as GeoJSON and zipped in a folder beside a licence file, as Statbel ships it.
- `postcode_workbook`: Statbel's "Conversion Postal code_Refnis code" layout (one row per postcode
  and commune) made from reference/postcode_to_refnis_be.csv.
- `quartier_workbook`: IBSA's MQ_Communes_Quartiers_Secteurs.xlsx layout made from
  reference/ibsa_sector_quartier_commune_2024.csv.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import geopandas as gpd
import openpyxl
import pandas as pd
from shapely.geometry import box

from bassins.config import data_file

SECTORS_GPKG = "boundaries/statbel_sectors_bxl_2022.gpkg"
MEMBER = "sh_statbel_statistical_sectors_31370_20220101.geojson"


def national_sectors(
    *, crs: str = "EPSG:31370", drop: int = 0, variant: str = ""
) -> gpd.GeoDataFrame:
    """The real Brussels sectors (less the first `drop`) and two Flemish ones, in `crs`."""
    brussels = gpd.read_file(data_file(SECTORS_GPKG)).iloc[drop:]
    template = brussels.iloc[0]
    flemish = []
    for number, (lon, lat) in enumerate([(4.40, 51.22), (4.41, 51.22)]):
        row = template.to_dict()
        row.update(
            {
                "cd_sector": f"11002A0{number}-",
                "tx_sector_descr_nl": f"SECTOR {number}{variant}",
                "tx_sector_descr_fr": f"SECTEUR {number}{variant}",
                "tx_sector_descr_de": f"SEKTOR {number}",
                "cd_sub_munty": "11002A",
                "tx_sub_munty_nl": "ANTWERPEN",
                "tx_sub_munty_fr": "ANVERS",
                "cd_munty_refnis": "11002",
                "tx_munty_descr_nl": "Antwerpen",
                "tx_munty_descr_fr": "Anvers",
                "tx_munty_descr_de": "Antwerpen",
                "cd_dstr_refnis": "11000",
                "cd_prov_refnis": "10000",
                "cd_rgn_refnis": "02000",
                "tx_rgn_descr_nl": "Vlaams Gewest",
                "tx_rgn_descr_fr": "Région flamande",
                "tx_rgn_descr_de": "Flämische Region",
                "cd_nuts_lvl1": "BE2",
                "cd_nuts_lvl2": "BE21",
                "cd_nuts_lvl3": "BE211",
                "geometry": box(lon, lat, lon + 0.01, lat + 0.005),
            }
        )
        flemish.append(row)
    outside = gpd.GeoDataFrame(flemish, geometry="geometry", crs="EPSG:4326").to_crs(brussels.crs)
    national = gpd.GeoDataFrame(pd.concat([outside, brussels], ignore_index=True), crs=brussels.crs)
    return national.to_crs(crs)


def national_sectors_zip(target: Path, **options) -> Path:
    """Writes the zipped national GeoJSON to `target` (see `national_sectors` for the options)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    geojson = target.with_name(MEMBER)
    national_sectors(**options).to_file(geojson, driver="GeoJSON")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(geojson, f"{MEMBER}/{MEMBER}")
        archive.writestr("licence.txt", "Statbel open data licence (test stand-in)\n")
    geojson.unlink()
    return target


def postcode_workbook(
    target: Path,
    *,
    header=("Postal code", "Refnis code", "Gemeentenaam", "Nom commune"),
    drop_communes: tuple[str, ...] = (),
) -> Path:
    table = pd.read_csv(data_file("reference/postcode_to_refnis_be.csv"), dtype=str)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Blad1"
    sheet.append(list(header))
    for postcode, codes in zip(table["code_postal"], table["Refnis code"], strict=False):
        for code in codes.split("-"):
            if code not in drop_communes:
                sheet.append([postcode, code, "naam", "nom"])
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(target)
    return target


def quartier_workbook(target: Path) -> Path:
    table = pd.read_csv(data_file("reference/ibsa_sector_quartier_commune_2024.csv"), dtype=str)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Feuil1"
    sheet.append(list(table.columns))
    for row in table.itertuples(index=False):
        # IBSA's workbook holds the commune and quartier codes as numbers
        sheet.append(
            [
                int(value) if column in ("Commune_Code", "Quartier_Code") else value
                for column, value in zip(table.columns, row, strict=False)
            ]
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(target)
    return target
