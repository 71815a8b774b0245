"""The datasets the open-data page publishes, and where each comes from. Pure (no Django).

Each dataset names the files of the data catalog (`bassins.data.catalog`) it is built from; its
licences and provenance are read from the catalog's entries (one source of truth): the licence is
the one the entry's description states (`licence_of`), or None when the source states none (the page
then says so, it never guesses).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bassins.data import catalog

#: Licence names as the catalog's descriptions write them, and the name the page shows.
LICENCES = (
    (re.compile(r"Statbel open-data licence", re.I), "Statbel open-data licence"),
    (re.compile(r"ODbL(?: 1\.0)?", re.I), "ODbL 1.0 (© OpenStreetMap contributors)"),
    (re.compile(r"CC BY-NC-SA 4\.0", re.I), "CC BY-NC-SA 4.0"),
    (re.compile(r"CC BY-SA 4\.0", re.I), "CC BY-SA 4.0"),
    (re.compile(r"CC BY 4\.0", re.I), "CC BY 4.0"),
    (re.compile(r"EUPL-1\.2", re.I), "EUPL-1.2"),
)

TERRITORY_FILES = (
    "boundaries/statbel_sectors_bxl_2022.gpkg",
    "boundaries/monitoring_quartiers_145_wgs84.geojson",
    "reference/ibsa_sector_quartier_commune_2024.csv",
    "reference/bassins_2024.csv",
)
DIRECTORY_FILES = (
    "services/afmps_pharmacies_bxl_2022.csv",
    "services/osm_pharmacies_bxl.geojson",
    "services/hospitals_sites_bxl_2020.csv",
    "services/directory_sample_bxl.csv",
    "services/directory_sample_categories.csv",
)
POPULATION_FILES = (
    "population/statbel_population_by_sex_commune_bxl_2020.csv",
    "population/sector_population_bxl_c2020.csv",
)
OFFER_FILES = TERRITORY_FILES + DIRECTORY_FILES + POPULATION_FILES
#: The accessibility measures: the offer's files, the finer demand (age bands, Schaerbeek's blocks)
#: and the deprivation score the equity figures use.
ACCESS_FILES = OFFER_FILES + (
    "population/sector_population_by_age_bxl_c2022_675.csv",
    "population/schaerbeek_population_urban_blocks.geojson",
    "indicators/bimd2011_sector_deprivation_bxl.csv",
)


@dataclass(frozen=True)
class Source:
    """A file of the data catalog a dataset is built from, with its licence and upstream."""

    path: str
    description: str
    licence: str | None
    url: str | None


def licence_of(description: str) -> str | None:
    """The licence a catalog description states (the first known name found), else None."""
    for pattern, name in LICENCES:
        if pattern.search(description):
            return name
    return None


def sources(paths: tuple[str, ...]) -> list[Source]:
    """The catalog entries of `paths`, with their licences (KeyError for a path not in the catalog)."""
    entries = catalog.by_path()
    out = []
    for path in paths:
        entry = entries[path]
        out.append(Source(path, entry.description, licence_of(entry.description), entry.source_url))
    return out


def in_catalog(paths) -> tuple[str, ...]:
    """The paths of `paths` the data catalog describes (a tidy file loaded from elsewhere is not)."""
    entries = catalog.by_path()
    return tuple(path for path in paths if path in entries)


def licences(paths: tuple[str, ...]) -> list[str]:
    """The distinct licences of the files of a dataset, in the order of the files."""
    seen: dict[str, None] = {}
    for source in sources(paths):
        if source.licence:
            seen.setdefault(source.licence, None)
    return list(seen)
