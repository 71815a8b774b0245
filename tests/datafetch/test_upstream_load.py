"""Loading the territories without a data directory, from the upstream products in the cache.

The stand-ins for Statbel's and IBSA's files are built from the real data (tests/datafetch/synthetic.py)
and fetched through the official path from a local server; the bassin table, which has no upstream,
is the user's own copy in the data directory.
"""

from __future__ import annotations

import io
import shutil
from dataclasses import replace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bassins import config
from bassins.data import catalog
from bassins.data.checks import DataCheckError, sha256_of
from bassins.data.fetch import fetch, raise_for_failures
from bassins.errors import DataFileMissingError
from bassins.territory import loader, store

from . import synthetic

pytestmark = pytest.mark.realdata

SECTORS, POSTCODES, QUARTIERS = (
    loader.UPSTREAM_FALLBACK[k] for k in ("sectors", "postcodes", "quartiers")
)
FAST = {"timeout": 2.0, "retries": 0, "backoff": 0.0}


@pytest.fixture
def upstream_only(upstream_site, tmp_path, monkeypatch):
    """No data directory: an empty BASSINS_DATA_DIR, a download cache of its own, and a site serving
    stand-ins for the three upstream products (with catalog entries that accept them)."""
    bassin_table = tmp_path / "bassins_2024.csv"
    shutil.copy(config.data_file("reference/bassins_2024.csv"), bassin_table)  # the user's own copy
    urls = {
        SECTORS: f"{upstream_site.url}/sectors.zip",
        POSTCODES: f"{upstream_site.url}/postcodes.xlsx",
        QUARTIERS: f"{upstream_site.url}/MQ_Communes_Quartiers_Secteurs.xlsx",
    }
    synthetic.national_sectors_zip(upstream_site.root / "sectors.zip")
    synthetic.postcode_workbook(upstream_site.root / "postcodes.xlsx")
    built = synthetic.quartier_workbook(upstream_site.root / "MQ_Communes_Quartiers_Secteurs.xlsx")
    stand_ins = {
        SECTORS: {"min_size": 100_000},  # Statbel's file is ~43 MB, the stand-in 0.5 MB
        QUARTIERS: {"size": built.stat().st_size, "sha256": sha256_of(built)},
    }
    upstream = tuple(replace(e, **stand_ins.get(e.path, {})) for e in catalog.UPSTREAM)
    monkeypatch.setattr(catalog, "UPSTREAM", upstream)
    monkeypatch.setattr(catalog, "ALL", catalog.CATALOG + upstream)

    data, cache = tmp_path / "data", tmp_path / "cache"
    data.mkdir()
    monkeypatch.setenv("BASSINS_DATA_DIR", str(data))
    monkeypatch.setattr(config, "DOWNLOAD_CACHE", cache)
    return {
        "data": data,
        "cache": cache,
        "urls": urls,
        "bassin_table": bassin_table,
        "entries": [e for e in upstream if e.default],
    }


def fetch_upstream(setting):
    outcomes = fetch(setting["entries"], setting["cache"], urls=setting["urls"], **FAST)
    raise_for_failures(outcomes)
    return outcomes


def test_without_anything_the_error_says_to_fetch(upstream_only):
    with pytest.raises(DataFileMissingError) as caught:
        loader.resolve({})
    message = str(caught.value)
    assert message.startswith(
        f"no sectors file: 'boundaries/statbel_sectors_bxl_2022.gpkg' is not in the data directory "
        f"{upstream_only['data']}, nor its upstream product '{SECTORS}' in the download cache "
        f"{upstream_only['cache']}: run `bassins data fetch`"
    )
    assert message.endswith("or give the file with --sectors FILE")


def test_without_the_bassin_table_the_error_says_what_to_provide(upstream_only):
    fetch_upstream(upstream_only)
    with pytest.raises(DataFileMissingError) as caught:
        loader.resolve({})
    message = str(caught.value)
    target = upstream_only["data"] / "reference" / "bassins_2024.csv"
    assert message.startswith(
        f"no bassin table: 'reference/bassins_2024.csv' is not in the data directory "
        f"{upstream_only['data']}. It has no official download"
    )
    for words in [
        f"cannot get it from upstream: put it at {target} (a copy from a data directory, or "
        "`bassins data fetch --base-url MIRROR --only bassins_2024.csv`) or give it with --bassins FILE.",
        "It is a CSV with the columns area_code, area_level, bassin_code, bassin_fr, bassin_nl, basis",
        "each commune 21001..21019 except Bruxelles-Ville 21004 (area_level commune)",
        "the 7 sub-municipalities of Bruxelles-Ville 21004A..21004G (area_level sub_municipality)",
        "bassin_code N, NE, S, SE or CO; basis stated or inferred (see docs/data.md).",
    ]:
        assert words in message, message
    with pytest.raises(CommandError, match="^no bassin table: "):
        call_command("territories", "load", stdout=io.StringIO())


def test_resolve_falls_back_on_the_checked_upstream_products(upstream_only):
    fetch_upstream(upstream_only)
    cache, data = upstream_only["cache"], upstream_only["data"]
    (data / "reference").mkdir()
    shutil.copy(upstream_only["bassin_table"], data / "reference" / "bassins_2024.csv")
    paths = loader.resolve({})
    assert paths["sectors"] == cache / SECTORS
    assert paths["quartiers"] == cache / QUARTIERS
    assert paths["postcodes"] == cache / POSTCODES
    assert paths["bassins"] == data / "reference" / "bassins_2024.csv"
    assert [key for key, path in paths.items() if path is None] == [
        "monitoring_polygons",
        "quartiers_2025",
        "qss",
        "bassin_facts",
    ]
    # a file given on the command line still wins
    assert loader.resolve({"sectors": "/x/sectors.gpkg"})["sectors"].as_posix() == "/x/sectors.gpkg"
    # an upstream file that is not the pinned one is never used
    target = cache / SECTORS
    target.write_bytes(target.read_bytes()[:-1] + b"x")
    with pytest.raises(
        DataCheckError, match="pinned checksum check failed: the cached file is not the one pinned"
    ):
        loader.resolve({})


@pytest.mark.django_db
def test_load_the_territories_from_the_upstream_products(upstream_only):
    fetch_upstream(upstream_only)
    try:
        out = io.StringIO()
        call_command(
            "territories", "load", "--bassins", str(upstream_only["bassin_table"]), stdout=out
        )
        assert "sector: 724" in out.getvalue() and "bassin: 5" in out.getvalue()
        layers = {name: layer.feature_count for name, layer in store.loaded_layers().items()}
        assert layers == {
            "sector": 724,
            "submunicipality": 27,
            "commune": 19,
            "monitoring": 145,
            "bassin": 5,
            "region": 1,
        }  # no UrbIS polygons: that optional file has no upstream download
        bassins = store.layer_frame("bassin")
        assert bassins.loc["CO", "area_km2"] == pytest.approx(34.05, abs=0.01)
        assert bassins.loc["S", "area_km2"] == pytest.approx(54.0, abs=0.1)
        assert bassins.loc["N", "area_km2"] == pytest.approx(31.8, abs=0.1)
        sector_source = store.active_generation().layers.get(name="sector")
        assert (
            "sh_statbel_statistical_sectors_31370_20220101.geojson.zip, situation 2022-01-01"
            in str(sector_source.source)
        )
        located = store.locate_addresses(
            ["1030"], ["Schaerbeek"]
        )  # from Statbel's postcode workbook
        assert located.loc[0, "commune"] == "21015" and located.loc[0, "bassin"] == "NE"
    finally:
        store._index_for.cache_clear()
        store._address_locator_for.cache_clear()
