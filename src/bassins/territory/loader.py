"""Loading the territories from the data directory: read and check everything, then write once.

Nothing is written until every file has been read, checked and every layer built; the writes happen in
one transaction, so a bad file leaves the database exactly as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from bassins.config import data_file
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


@dataclass
class LoadReport:
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"{name}: {count}" for name, count in self.counts.items()] + self.notes


def resolve(files: dict[str, str | Path | None]) -> dict[str, Path | None]:
    resolved = {}
    for key, default in DEFAULT_FILES.items():
        given = files.get(key)
        resolved[key] = Path(given) if given else data_file(default, required=key not in OPTIONAL)
    return resolved


def load_territories(files: dict[str, str | Path | None] | None = None) -> LoadReport:
    paths = resolve(files or {})
    report = LoadReport()
    sectors = sources.read_sectors(paths["sectors"])
    quartiers = sources.read_quartier_table(paths["quartiers"])
    bassins = sources.read_bassin_table(paths["bassins"])
    qss = sources.read_qss_workbook(paths["qss"]) if paths["qss"] else None
    reference_date = str(sectors["dt_situation"].iloc[0]) if "dt_situation" in sectors.columns else ""
    territories = build_territories(
        sectors, quartiers, bassins, vintage=store.MAIN_VINTAGE, qss=qss,
        sources={"sector": f"Statbel statistical sectors ({paths['sectors'].name}, situation {reference_date})",
                 "monitoring": f"IBSA sector → Monitoring quartier table ({paths['quartiers'].name})",
                 "bassin": f"bassin assignment ({paths['bassins'].name}; basis column: stated / inferred)",
                 **({"qss": paths["qss"].name} if qss is not None else {})})
    if paths["bassin_facts"]:
        facts = sources.read_bassin_facts(paths["bassin_facts"], known=set(territories.layers["bassin"].index))
        territories.layers["bassin"] = territories.layers["bassin"].join(facts)
    extra = {}
    if paths["monitoring_polygons"]:
        polygons = sources.read_monitoring_polygons(paths["monitoring_polygons"])
        polygons["area_km2"] = polygons.geometry.area / 1e6
        names = polygons[["name_fr", "name_nl"]]
        monitoring = territories.layers["monitoring"]
        monitoring.update(names.reindex(monitoring.index).dropna())
        extra["monitoring_urbis"] = (polygons, f"UrbIS Monitoring District polygons ({paths['monitoring_polygons'].name})",
                                     "For maps; statistics use the sector-based layer 'monitoring'.")
    postcodes = read_postcode_table(paths["postcodes"])
    table_2025 = links = None
    if paths["quartiers_2025"]:
        table_2025 = sources.read_quartier_table(paths["quartiers_2025"])
        links = crosswalk.vintage_crosswalk(quartiers, table_2025)

    with transaction.atomic():
        store.save_territories(territories, extra_layers=extra, description="loaded from the data directory")
        if table_2025 is not None:
            store.save_table_vintage("2025", table_2025, links, store.MAIN_VINTAGE, paths["quartiers_2025"].name)
        report.counts["postcodes"] = store.save_postcodes(postcodes)
    store._index_for.cache_clear()
    for name, frame in territories.layers.items():
        report.counts[name] = len(frame)
    for name, (frame, *_rest) in extra.items():
        report.counts[name] = len(frame)
    if table_2025 is not None:
        report.counts["sector (2025 table)"] = len(table_2025)
        report.notes.append("2022 → 2025 sector links: " + ", ".join(
            f"{relation} {count}" for relation, count in links.groupby("relation")["old_code"].nunique().items()))
    if qss is None:
        report.notes.append("quartiers social-santé: not loaded (official workbook SS_QSS_2024.xlsx not in the data "
                            "directory; `bassins territories load-qss FILE` loads it)")
    return report


def load_qss(path: str | Path) -> int:
    qss = sources.read_qss_workbook(path)
    layer = store.save_qss(qss, Path(path).name)
    store._index_for.cache_clear()
    return layer.feature_count
