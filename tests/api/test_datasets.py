"""The open-data page's datasets: sources and licences read from the data catalog."""

from bassins.api import datasets
from bassins.data import catalog


def test_licences_are_those_the_catalog_states():
    assert datasets.licence_of("... Statbel open-data licence.") == "Statbel open-data licence"
    assert datasets.licence_of("(c) OpenStreetMap contributors, ODbL 1.0.").startswith("ODbL 1.0")
    assert datasets.licence_of("CC BY 4.0 (BOSA). Copied unchanged.") == "CC BY 4.0"
    assert datasets.licence_of("the compiling repository is CC BY-NC-SA 4.0") == "CC BY-NC-SA 4.0"
    assert datasets.licence_of("Compiled by hand from the bassins' pages") is None


def test_every_source_is_a_catalog_file():
    known = catalog.by_path()
    for files in (datasets.TERRITORY_FILES, datasets.DIRECTORY_FILES, datasets.OFFER_FILES):
        assert set(files) <= set(known)
    sectors = datasets.sources(("boundaries/statbel_sectors_bxl_2022.gpkg",))[0]
    assert sectors.licence == "Statbel open-data licence" and sectors.url.startswith("https://")


def test_directory_licences():
    assert datasets.licences(datasets.DIRECTORY_FILES) == [
        "CC BY-NC-SA 4.0",
        "ODbL 1.0 (© OpenStreetMap contributors)",
    ]
