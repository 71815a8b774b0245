"""Loading the territories from the data directory: read and check everything, then write once.

Nothing is written until every file has been read, checked and every layer built; the writes happen in
one transaction, so a bad file leaves the database exactly as it was.

Where a file of the data directory is missing, the loader falls back on the upstream product
`bassins data fetch` downloads into the cache's `upstream/` folder (UPSTREAM_FALLBACK): Statbel's
national sectors (zipped GeoJSON, filtered to the region), IBSA's sector → quartier workbook and
Statbel's postcode workbook, each checked against its pin or checksum first. The bassin table has no
upstream: without the data directory the user provides it (BASSIN_TABLE_HELP, docs/data.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from bassins import config
from bassins.data.official import find_upstream
from bassins.errors import DataFileMissingError
from bassins.territory import crosswalk, sources, store
from bassins.territory.layers import build_territories
from bassins.territory.postcode import read_postcode_table

DEFAULT_FILES = {
    "sectors": "boundaries/statbel_sectors_bxl_2022.gpkg",
    "quartiers": "reference/ibsa_sector_quartier_commune_2024.csv",
    "bassins": "reference/bassins_2024.csv",
    "monitoring_polygons": "boundaries/monitoring_quartiers_145_wgs84.geojson",
    "quartiers_2025": "reference/ibsa_sector_quartier_commune_2025.csv",
    "postcodes": "reference/postcode_to_refnis_be.csv",
    "qss": "reference/SS_QSS_2024.xlsx",
    "bassin_facts": "reference/bassins_2024_facts.csv",
}
OPTIONAL = {"monitoring_polygons", "quartiers_2025", "qss", "bassin_facts"}
# The upstream product (bassins.data.catalog.UPSTREAM) standing in for a missing data-directory file.
UPSTREAM_FALLBACK = {
    "sectors": "upstream/sh_statbel_statistical_sectors_31370_20220101.geojson.zip",
    "quartiers": "upstream/ibsa_sector_quartier_commune_2024.xlsx",
    "postcodes": "upstream/statbel_postcode_refnis_va01012019.xlsx",
}
BASSIN_TABLE_HELP = (
    "It is a CSV with the columns area_code, area_level, bassin_code, bassin_fr, bassin_nl, basis "
    "(area_name_fr, area_name_nl optional) and one row per area: each commune 21001..21019 except "
    "Bruxelles-Ville 21004 (area_level commune) and each of the 7 sub-municipalities of Bruxelles-Ville "
    "21004A..21004G (area_level sub_municipality); bassin_code N, NE, S, SE or CO; basis stated or inferred "
    "(see docs/data.md)"
)


@dataclass
class LoadReport:
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"{name}: {count}" for name, count in self.counts.items()] + self.notes


def resolve(files: dict[str, str | Path | None]) -> dict[str, Path | None]:
    """The file to read for each input: the one given, else the data directory's, else (sectors,
    quartiers, postcodes) the checked upstream product in the cache; None for a missing optional one.

    Raises DataFileMissingError saying how to get a missing required file, DataCheckError when the
    cached upstream product is not the pinned one.
    """
    resolved = {}
    for key, default in DEFAULT_FILES.items():
        given = files.get(key)
        if given:
            resolved[key] = Path(given)
            continue
        path = config.data_file(default, required=False)
        if path is None and key in UPSTREAM_FALLBACK:
            path = find_upstream(UPSTREAM_FALLBACK[key])
        if path is None and key not in OPTIONAL:
            raise DataFileMissingError(_missing(key, default))
        resolved[key] = path
    return resolved


def _missing(key: str, default: str) -> str:
    where = f"{default!r} is not in the data directory {config.data_dir()}"
    option = f"--{key.replace('_', '-')} FILE"
    if key == "bassins":
        return (
            f"no bassin table: {where}. It has no official download (bassins compiled it by hand from the "
            f"bassins' own pages), so `bassins data fetch` cannot get it from upstream: put it at "
            f"{config.data_dir() / default} (a copy from a data directory, or `bassins data fetch --base-url "
            f"MIRROR --only bassins_2024.csv`) or give it with --bassins FILE. {BASSIN_TABLE_HELP}."
        )
    if key in UPSTREAM_FALLBACK:
        return (
            f"no {key} file: {where}, nor its upstream product {UPSTREAM_FALLBACK[key]!r} in the download "
            f"cache {config.DOWNLOAD_CACHE}: run `bassins data fetch` (downloads and checks it), set "
            f"BASSINS_DATA_DIR to a data directory, or give the file with {option}"
        )
    return (
        f"no {key} file: {where} (set BASSINS_DATA_DIR, run `bassins data fetch`, or give the file "
        f"with {option})"
    )


def load_territories(files: dict[str, str | Path | None] | None = None) -> LoadReport:
    paths = resolve(files or {})
    report = LoadReport()
    sectors = sources.read_sectors(paths["sectors"])
    quartiers = sources.read_quartier_table(paths["quartiers"])
    bassins = sources.read_bassin_table(paths["bassins"])
    qss = sources.read_qss_workbook(paths["qss"]) if paths["qss"] else None
    reference_date = (
        str(sectors["dt_situation"].iloc[0])[:10] if "dt_situation" in sectors.columns else ""
    )
    territories = build_territories(
        sectors,
        quartiers,
        bassins,
        vintage=store.MAIN_VINTAGE,
        qss=qss,
        sources={
            "sector": f"Statbel statistical sectors ({paths['sectors'].name}, situation {reference_date})",
            "monitoring": f"IBSA sector → Monitoring quartier table ({paths['quartiers'].name})",
            "bassin": f"bassin assignment ({paths['bassins'].name}; basis column: stated / inferred)",
            **({"qss": paths["qss"].name} if qss is not None else {}),
        },
    )
    if paths["bassin_facts"]:
        facts = sources.read_bassin_facts(
            paths["bassin_facts"], known=set(territories.layers["bassin"].index)
        )
        territories.layers["bassin"] = territories.layers["bassin"].join(facts)
    extra = {}
    if paths["monitoring_polygons"]:
        polygons = sources.read_monitoring_polygons(paths["monitoring_polygons"])
        polygons["area_km2"] = polygons.geometry.area / 1e6
        names = polygons[["name_fr", "name_nl"]]
        monitoring = territories.layers["monitoring"]
        monitoring.update(names.reindex(monitoring.index).dropna())
        extra["monitoring_urbis"] = (
            polygons,
            f"UrbIS Monitoring District polygons ({paths['monitoring_polygons'].name})",
            "For maps; statistics use the sector-based layer 'monitoring'.",
        )
    postcodes = read_postcode_table(paths["postcodes"])
    table_2025 = links = None
    if paths["quartiers_2025"]:
        table_2025 = sources.read_quartier_table(paths["quartiers_2025"])
        links = crosswalk.vintage_crosswalk(quartiers, table_2025)

    with transaction.atomic():
        store.save_territories(
            territories, extra_layers=extra, description="loaded from the data directory"
        )
        if table_2025 is not None:
            store.save_table_vintage(
                "2025", table_2025, links, store.MAIN_VINTAGE, paths["quartiers_2025"].name
            )
        report.counts["postcodes"] = store.save_postcodes(postcodes)
    store._index_for.cache_clear()
    for name, frame in territories.layers.items():
        report.counts[name] = len(frame)
    for name, (frame, *_rest) in extra.items():
        report.counts[name] = len(frame)
    if table_2025 is not None:
        report.counts["sector (2025 table)"] = len(table_2025)
        report.notes.append(
            "2022 → 2025 sector links: "
            + ", ".join(
                f"{relation} {count}"
                for relation, count in links.groupby("relation")["old_code"].nunique().items()
            )
        )
    if qss is None:
        report.notes.append(
            "quartiers social-santé: not loaded (official workbook SS_QSS_2024.xlsx not in the data "
            "directory; `bassins territories load-qss FILE` loads it)"
        )
    return report


def load_qss(path: str | Path) -> int:
    qss = sources.read_qss_workbook(path)
    layer = store.save_qss(qss, Path(path).name)
    store._index_for.cache_clear()
    return layer.feature_count


BEST_ADDRESSES = "upstream/openaddress-bebru.zip"


def load_addresses(path: str | Path | None = None) -> LoadReport:
    """Load the official address points of Brussels (BeST, BOSA's openaddress-bebru.zip or its CSV):
    the file given, else the one `bassins data fetch --only openaddress-bebru.zip` downloaded (checked
    against its pin). Everything is read and checked before the points replace the loaded ones."""
    from bassins.data.checks import sha256_of
    from bassins.territory.addresses import read_best_addresses

    if path is None:
        path = find_upstream(BEST_ADDRESSES)
        if path is None:
            raise DataFileMissingError(
                f"no BeST address file: {BEST_ADDRESSES!r} is in neither the data directory "
                f"{config.data_dir()} nor the download cache {config.DOWNLOAD_CACHE}; run "
                "`bassins data fetch --only openaddress-bebru.zip` or give the file "
                "(`bassins territories load-addresses PATH`)"
            )
    path = Path(path)
    frame, counts = read_best_addresses(path)
    if frame.empty:
        from bassins.errors import InputError

        raise InputError("no address with a house number and a point in the file", source=path.name)
    store.save_addresses(frame, str(path), sha256_of(path), counts)
    report = LoadReport(counts={"address points": len(frame)})
    dropped = {k: v for k, v in counts.items() if k not in ("rows", "points") and v}
    report.notes.append(
        f"{counts['rows']} rows read from {path.name}"
        + (
            ": " + ", ".join(f"{v} {k}" for k, v in dropped.items()) + " left out"
            if dropped
            else ""
        )
    )
    return report
