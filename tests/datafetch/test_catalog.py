"""The catalog describes the real data directory exactly, and says where each file comes from."""

from __future__ import annotations

import re

import pytest

from bassins.data import catalog
from bassins.data.catalog import CATALOG, DataFile, select
from bassins.data.checks import measure
from bassins.errors import InputError

COMMIT_URL = re.compile(
    r"^https://(raw\.githubusercontent\.com/[^/]+/[^/]+|github\.com/[^/]+/[^/]+/blob)"
    r"/[0-9a-f]{40}/"
)


def test_paths_and_names_are_unique_and_in_the_layout():
    paths = [e.path for e in CATALOG]
    names = [e.name for e in CATALOG]
    assert len(set(paths)) == len(paths) == 28 + 28  # 28 data files, 28 HSDS 3.1 standard files
    assert len(set(names)) == len(names)
    assert {e.folder for e in CATALOG} == set(catalog.FOLDERS)
    assert {e.kind for e in CATALOG} == {"csv", "geojson", "gpkg", "json", "text"}
    for entry in CATALOG:
        assert re.fullmatch(r"[0-9a-f]{64}", entry.sha256), entry.path
        assert entry.size > 0 and entry.count > 0, entry.path


def test_sources():
    direct = [e for e in CATALOG if e.direct]
    standards = [e for e in direct if e.folder == "standards"]
    assert len(standards) == 28 and all(
        e.source_url.startswith(
            "https://raw.githubusercontent.com/openreferral/specification/"
            "abc731c8ac11825010e9d74a0ab61dcd48e880ec/"
        )
        for e in standards
    )
    assert catalog.by_path()["standards/hsds-3.1/schema/service.json"].source_url.endswith(
        "/abc731c8ac11825010e9d74a0ab61dcd48e880ec/schema/service.json"
    )
    # the three data files copied byte for byte: raw GitHub URLs pinned to a full commit
    assert sorted(e.name for e in direct if e.folder != "standards") == [
        "best_brussels_postcode_streets_2022.csv",
        "monitoring_median_equiv_income_2023.csv",
        "monitoring_unemployment_cpas_bim_2023_2024.csv",
    ]
    for entry in direct:
        assert entry.source_url.startswith("https://raw.githubusercontent.com/")
        assert COMMIT_URL.match(entry.source_url), entry.source_url
        assert entry.source_url.endswith(entry.source_url.rsplit("/", 1)[1])
    sectors = catalog.by_path()["boundaries/statbel_sectors_bxl_2022.gpkg"]
    assert sectors.source_url == (
        "https://statbel.fgov.be/sites/default/files/files/opendata/Statistische%20sectoren/"
        "sh_statbel_statistical_sectors_31370_20220101.geojson.zip"
    )
    assert not sectors.direct and sectors.layer == "statbel_sectors_bxl_2022"
    for entry in CATALOG:
        if entry.origin:
            assert COMMIT_URL.match(entry.origin), entry.origin
        if entry.source_url and "github" in entry.source_url:
            assert COMMIT_URL.match(entry.source_url), entry.source_url
    hand_made = sorted(e.name for e in CATALOG if e.source_url is None)
    assert hand_made == [
        "bassins_2024.csv",
        "bassins_2024_facts.csv",
        "directory_sample_bxl.csv",
        "directory_sample_categories.csv",
    ]


@pytest.mark.realdata
@pytest.mark.parametrize("entry", CATALOG, ids=lambda e: e.name)
def test_entry_matches_the_real_file(entry: DataFile, real_data_dir):
    found = measure(
        real_data_dir / entry.path, entry.kind, delimiter=entry.delimiter, layer=entry.layer
    )
    assert (found.size, found.sha256, found.count) == (entry.size, entry.sha256, entry.count)


@pytest.mark.realdata
def test_every_file_of_the_data_directory_is_in_the_catalog(real_data_dir):
    on_disk = {
        p.relative_to(real_data_dir).as_posix()
        for p in real_data_dir.rglob("*")
        if p.is_file() and p.parent != real_data_dir
    }
    assert on_disk == set(catalog.by_path(CATALOG)), (
        "update bassins/data/catalog.py for the new files"
    )


@pytest.mark.realdata
def test_counts_match_the_documented_facts():
    facts = {e.name: e.count for e in CATALOG}
    assert facts["statbel_sectors_bxl_2022.gpkg"] == 724
    assert facts["ibsa_sector_quartier_commune_2025.csv"] == 749
    assert facts["monitoring_quartiers_145_wgs84.geojson"] == 145
    assert (
        facts["afmps_pharmacies_bxl_2022.csv"] == facts["afmps_pharmacies_bxl_2022.geojson"] == 592
    )
    assert facts["sector_population_by_age_bxl_c2022_675.csv"] == 675 * 18


def test_select_by_name_path_or_folder():
    assert [e.name for e in select(["bassins_2024.csv"])] == ["bassins_2024.csv"]
    assert select(["reference/bassins_2024.csv"]) == select(["bassins_2024.csv"])
    boundaries = select(["boundaries"])
    assert len(boundaries) == 6 and all(e.folder == "boundaries" for e in boundaries)
    assert select(["boundaries", "communes_bxl_19_wgs84.geojson"]) == boundaries  # no duplicate
    assert select(None) == list(CATALOG) == select([])


def test_select_unknown_name_is_a_clear_error():
    with pytest.raises(InputError) as caught:
        select(["bassins_2024.csv", "nope.csv"])
    message = str(caught.value)
    assert "'nope.csv'" in message and "--only" in message and "bassins_2024.csv" in message
