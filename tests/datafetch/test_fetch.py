"""`bassins.data.fetch` against a local HTTP server serving the real data directory."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

import pytest

from bassins.data import fetch as fetching
from bassins.data.catalog import CATALOG, by_path, select
from bassins.data.checks import DataCheckError, is_valid, sha256_of
from bassins.data.fetch import DataFetchError, Outcome, fetch, raise_for_failures, url_for

pytestmark = pytest.mark.realdata

GPKG = "boundaries/statbel_sectors_bxl_2022.gpkg"
CSV = "population/sector_population_by_age_bxl_c2022_675.csv"
GEOJSON = "boundaries/communes_bxl_19_wgs84.geojson"
FAST = {"timeout": 2.0, "retries": 0, "backoff": 0.0}


def part_files(directory: Path) -> list[Path]:
    return sorted(p for p in Path(directory).rglob("*") if p.name.endswith(".part"))


def cache_listing(directory: Path) -> dict[str, str]:
    return {
        p.relative_to(directory).as_posix(): sha256_of(p)
        for p in sorted(Path(directory).rglob("*"))
        if p.is_file()
    }


def test_fetch_everything_from_a_mirror(data_server, tmp_path):
    cache = tmp_path / "cache"
    seen: list[Outcome] = []
    outcomes = fetch(CATALOG, cache, base_url=data_server.url, report=seen.append, **FAST)
    assert seen == outcomes
    assert [o.status for o in outcomes] == ["downloaded"] * len(CATALOG), [
        o.message for o in outcomes
    ]
    raise_for_failures(outcomes)
    for entry in CATALOG:
        assert is_valid(entry, cache / entry.path), entry.path
    assert set(cache_listing(cache)) == {e.path for e in CATALOG}  # nothing else in the cache
    assert outcomes[0].url == f"{data_server.url}/{CATALOG[0].path}"
    assert outcomes[0].message == "1212416 bytes, 724 features, sha256 ok"

    # a second run keeps the valid files without asking the server
    asked = len(data_server.requests)
    again = fetch(CATALOG, cache, base_url=data_server.url, **FAST)
    assert {o.status for o in again} == {"present"} and len(data_server.requests) == asked

    # --force downloads again; --only limits to the files named
    forced = fetch(
        select(["bassins_2024.csv", "indicators"]),
        cache,
        base_url=data_server.url,
        force=True,
        **FAST,
    )
    assert [(o.entry.name, o.status) for o in forced] == [
        ("bassins_2024.csv", "downloaded"),
        ("monitoring_median_equiv_income_2023.csv", "downloaded"),
        ("monitoring_unemployment_cpas_bim_2023_2024.csv", "downloaded"),
        ("bimd2011_sector_deprivation_bxl.csv", "downloaded"),
    ]


def test_an_invalid_file_in_the_cache_is_replaced(data_server, tmp_path):
    entry = by_path()[GEOJSON]
    target = tmp_path / entry.path
    target.parent.mkdir(parents=True)
    target.write_text("{}")
    [outcome] = fetch([entry], tmp_path, base_url=data_server.url, **FAST)
    assert outcome.status == "downloaded" and is_valid(entry, target)


@pytest.fixture
def good_cache(data_server, tmp_path):
    """A cache already holding good copies of the three test files."""
    cache = tmp_path / "cache"
    outcomes = fetch(
        [by_path()[p] for p in (GPKG, CSV, GEOJSON)], cache, base_url=data_server.url, **FAST
    )
    assert all(o.status == "downloaded" for o in outcomes)
    return cache


@pytest.mark.parametrize(
    "kind, check, words",
    [
        ("truncate", "size", ["size check failed", "expected 1212416 bytes, got 606208"]),
        ("corrupt", "checksum", ["checksum check failed", "expected sha256 15ec3c27"]),
        ("404", "http", ["download failed: HTTP 404 Not Found from http://127.0.0.1"]),
        ("500", "http", ["download failed after 1 attempt: HTTP 500 Internal Server Error"]),
        ("cut", "transfer", ["download failed after 1 attempt", "broke off after"]),
        ("slow", "timeout", ["download failed after 1 attempt", "within 0.5 s (timeout)"]),
        (
            "stall",
            "timeout",
            ["download failed after 1 attempt", "stopped sending after", "(timeout 0.5 s)"],
        ),
    ],
)
def test_a_bad_download_names_the_file_and_leaves_the_cache_intact(
    data_server, good_cache, kind, check, words
):
    before = cache_listing(good_cache)
    data_server.fault(GPKG, kind)
    timeout = 0.5 if kind in ("slow", "stall") else FAST["timeout"]
    outcomes = fetch(
        [by_path()[p] for p in (GPKG, CSV)],
        good_cache,
        base_url=data_server.url,
        force=True,
        timeout=timeout,
        retries=0,
        backoff=0,
    )
    failed, other = outcomes
    assert (
        failed.status == "failed" and other.status == "downloaded"
    )  # one failure stops nothing else
    assert failed.message.startswith(f"{GPKG}: ")
    for word in words:
        assert word in failed.message, failed.message
    assert cache_listing(good_cache) == before  # the good copy is intact, nothing half-written
    assert part_files(good_cache) == []
    with pytest.raises(DataFetchError) as caught:
        raise_for_failures(outcomes)
    assert str(caught.value).startswith(f"1 of 2 data files not fetched: {GPKG}: ")


@pytest.mark.parametrize("kind", ["truncate", "corrupt", "404", "cut", "slow", "stall"])
def test_a_bad_download_into_an_empty_cache_leaves_no_file(data_server, tmp_path, kind):
    entry = by_path()[CSV]
    data_server.fault(CSV, kind)
    [outcome] = fetch(
        [entry], tmp_path, base_url=data_server.url, timeout=0.5, retries=0, backoff=0
    )
    assert outcome.status == "failed" and outcome.message.startswith(f"{CSV}: ")
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_download_raises_the_check_error_directly(data_server, tmp_path):
    entry = by_path()[GEOJSON]
    data_server.fault(GEOJSON, "corrupt")
    with pytest.raises(DataCheckError) as caught:
        fetching.download(entry, tmp_path / entry.path, f"{data_server.url}/{entry.path}", **FAST)
    assert caught.value.check == "checksum" and caught.value.relative == GEOJSON
    assert f"(from {data_server.url}/{GEOJSON})" in str(caught.value)


def test_a_count_mismatch_is_reported(data_server, tmp_path):
    entry = replace(by_path()[GEOJSON], count=20)  # same bytes, wrong expected count
    [outcome] = fetch([entry], tmp_path, base_url=data_server.url, **FAST)
    assert outcome.status == "failed"
    assert "features check failed: expected 20 features, got 19" in outcome.message
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_a_larger_file_is_cut_short(data_server, tmp_path):
    entry = replace(by_path()[GEOJSON], size=1000)
    [outcome] = fetch([entry], tmp_path, base_url=data_server.url, **FAST)
    assert "size check failed: expected 1000 bytes, the server sent more" in outcome.message
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def test_transient_failures_are_retried(data_server, tmp_path):
    entry = by_path()[GEOJSON]
    data_server.fault(GEOJSON, "once500")
    [outcome] = fetch(
        [entry], tmp_path, base_url=data_server.url, timeout=2.0, retries=2, backoff=0
    )
    assert outcome.status == "downloaded"
    assert data_server.requests.count(GEOJSON) == 2
    data_server.fault(GEOJSON, "404")  # a 404 is not retried
    [outcome] = fetch(
        [entry], tmp_path, base_url=data_server.url, force=True, timeout=2.0, retries=2, backoff=0
    )
    assert outcome.status == "failed" and data_server.requests.count(GEOJSON) == 3


def test_urls_without_a_mirror():
    paths = by_path()
    streets = paths["reference/best_brussels_postcode_streets_2022.csv"]
    assert url_for(streets) == streets.source_url
    assert url_for(streets, "http://mirror.example/data/") == (
        "http://mirror.example/data/reference/best_brussels_postcode_streets_2022.csv"
    )
    with pytest.raises(DataFetchError) as caught:
        url_for(paths[GPKG])
    message = str(caught.value)
    assert message.startswith(
        f"{GPKG}: no direct download: it was converted from https://statbel.fgov.be/"
    )
    assert "--base-url URL or BASSINS_DATA_MIRROR" in message
    with pytest.raises(DataFetchError, match="compiled by hand"):
        url_for(paths["reference/bassins_2024.csv"])


def test_without_a_mirror_converted_files_fail_without_network(tmp_path):
    outcomes = fetch(select(["boundaries"]), tmp_path, **FAST)
    assert all(o.status == "failed" and "no direct download" in o.message for o in outcomes)
    assert not tmp_path.exists() or list(tmp_path.rglob("*")) == []
    with pytest.raises(DataFetchError) as caught:
        raise_for_failures(outcomes)
    message = str(caught.value)
    assert message.startswith(f"6 of 6 data files not fetched: {GPKG}: no direct download")
    assert message.endswith(
        "; and 3 more: boundaries/region_bxl_outline_wgs84.geojson, "
        "boundaries/monitoring_quartiers_145_wgs84.geojson, "
        "boundaries/schaerbeek_local_quartiers_14_wgs84.geojson"
    )
    assert caught.value.outcomes == outcomes


def test_status(data_server, good_cache, tmp_path):
    rows = {r.entry.path: r for r in fetching.status(CATALOG, good_cache)}
    assert rows[GPKG].state == "valid" and rows[GPKG].detail == "724 features"
    assert rows["reference/bassins_2024.csv"].state == "missing"
    target = good_cache / CSV
    target.write_bytes(target.read_bytes()[:-10])
    rows = {r.entry.path: r for r in fetching.status(CATALOG, good_cache)}
    assert rows[CSV].state == "invalid" and rows[CSV].detail.startswith(
        "size: expected 771976 bytes"
    )
    stray = good_cache / "boundaries" / ".x.gpkg.abc.part"
    stray.write_bytes(b"x")
    assert fetching.leftovers(good_cache) == [stray]


def test_file_digest_is_sha256(tmp_path):
    path = tmp_path / "x"
    path.write_bytes(b"bassins")
    assert sha256_of(path) == hashlib.sha256(b"bassins").hexdigest()
