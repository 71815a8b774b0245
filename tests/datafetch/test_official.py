"""The upstream products (catalog.UPSTREAM): checked on first download, pinned, held to the pin.

A local web server stands in for Statbel; the files it serves are built by each test from the real
Brussels sectors (tests/datafetch/synthetic.py), with their download address overridden.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from bassins.data import catalog, official
from bassins.data import fetch as fetching
from bassins.data.catalog import UPSTREAM, by_path
from bassins.data.checks import DataCheckError, sha256_of
from bassins.data.fetch import fetch, url_for
from bassins.territory.sources import read_sectors

from . import synthetic

pytestmark = pytest.mark.realdata

SECTORS = "upstream/sh_statbel_statistical_sectors_31370_20220101.geojson.zip"
SECTORS_2024 = "upstream/sh_statbel_statistical_sectors_31370_20240101.geojson.zip"
POSTCODES = "upstream/statbel_postcode_refnis_va01012019.xlsx"
QUARTIERS = "upstream/ibsa_sector_quartier_commune_2024.xlsx"
ADDRESSES = "upstream/openaddress-bebru.zip"
FAST = {"timeout": 2.0, "retries": 0, "backoff": 0.0}
STAND_IN_MIN_SIZE = 100_000  # the stand-in holds 726 sectors, Statbel's file about 19,800


def sectors_entry(**changes):
    """The 2022 sectors entry, with a lower size floor for the stand-in (Statbel's file is ~43 MB)."""
    return replace(by_path()[SECTORS], **{"min_size": STAND_IN_MIN_SIZE, **changes})


def serve(site, relative: str, builder, **options) -> str:
    """Builds a file into the site's folder; returns its URL."""
    builder(site.root / relative, **options)
    return f"{site.url}/{relative}"


def files_under(directory: Path) -> list[str]:
    return sorted(p.relative_to(directory).as_posix() for p in directory.rglob("*") if p.is_file())


def test_the_upstream_entries():
    entries = {e.path: e for e in UPSTREAM}
    assert list(entries) == [SECTORS, SECTORS_2024, POSTCODES, ADDRESSES, QUARTIERS]
    assert entries[SECTORS].source_url == (
        "https://statbel.fgov.be/sites/default/files/files/opendata/Statistische%20sectoren/"
        "sh_statbel_statistical_sectors_31370_20220101.geojson.zip"
    )
    assert entries[SECTORS_2024].source_url.endswith(
        "/sh_statbel_statistical_sectors_31370_20240101.geojson.zip"
    )
    for path in (SECTORS, SECTORS_2024, POSTCODES, ADDRESSES):
        entry = entries[path]
        assert entry.official and not entry.direct and entry.size == 0 and entry.sha256 == ""
        assert 0 < entry.min_size < entry.max_size and entry.content
        assert (
            url_for(entry, "http://mirror.example/data") == entry.source_url
        )  # never from a mirror
    assert (entries[SECTORS].count, entries[SECTORS].count_unit) == (724, "Brussels sectors")
    assert (entries[POSTCODES].count, entries[POSTCODES].count_unit) == (19, "Brussels communes")
    assert entries[SECTORS].default and not entries[SECTORS_2024].default  # 2024 only with --only
    best = entries[ADDRESSES]  # BOSA's BeST addresses: optional, fetched with --only
    assert best.source_url == "https://opendata.bosa.be/download/best/openaddress-bebru.zip"
    assert not best.default and (best.count, best.content) == (19, "best_addresses")
    ibsa = entries[QUARTIERS]
    assert (
        ibsa.direct
        and not ibsa.official
        and (ibsa.size, ibsa.count, ibsa.count_unit) == (54575, 724, "rows")
    )
    assert ibsa.source_url.startswith(
        "https://raw.githubusercontent.com/phacochr/phacochr_data/"
        "932c6292244af8bd557e4366e9bb9dd203d84bb4/"
    )
    assert catalog.select(["upstream"], catalog.ALL) == list(UPSTREAM)
    assert catalog.select(
        ["sh_statbel_statistical_sectors_31370_20240101.geojson.zip"], catalog.ALL
    ) == [entries[SECTORS_2024]]


def test_default_selection():
    without_mirror = fetching.default_entries(None)
    standards = [e for e in without_mirror if e.folder == "standards"]
    assert len(standards) == 28  # the HSDS 3.1 files, each a pinned raw copy
    assert [e.name for e in without_mirror if e.folder != "standards"] == [
        "best_brussels_postcode_streets_2022.csv",
        "monitoring_median_equiv_income_2023.csv",
        "monitoring_unemployment_cpas_bim_2023_2024.csv",
        "sh_statbel_statistical_sectors_31370_20220101.geojson.zip",
        "statbel_postcode_refnis_va01012019.xlsx",
        "ibsa_sector_quartier_commune_2024.xlsx",
    ]
    assert len(fetching.needs_mirror(None)) == 25 and fetching.needs_mirror("http://m") == []
    assert fetching.default_entries("http://m") == list(catalog.CATALOG)


def test_first_download_is_checked_and_pinned_then_held_to_the_pin(upstream_site, tmp_path):
    cache = tmp_path / "cache"
    url = serve(upstream_site, "statbel/national.geojson.zip", synthetic.national_sectors_zip)
    served = upstream_site.root / "statbel/national.geojson.zip"
    entry = sectors_entry()

    [outcome] = fetch([entry], cache, urls={SECTORS: url}, **FAST)
    assert outcome.status == "downloaded", outcome.message
    assert outcome.url == url
    sha = sha256_of(served)
    assert (
        outcome.message
        == f"{served.stat().st_size} bytes, 724 Brussels sectors, pinned sha256 {sha[:12]}..."
    )
    assert sha256_of(cache / SECTORS) == sha
    pin = official.read_pins(cache)[SECTORS]
    assert (pin.sha256, pin.size, pin.url, pin.count) == (sha, served.stat().st_size, url, 724)
    manifest = json.loads((cache / "upstream" / "manifest.json").read_text())
    assert manifest["files"][SECTORS]["sha256"] == sha
    assert files_under(cache) == ["upstream/manifest.json", SECTORS]

    # the territory loader's reader takes the zipped national file as it is: 724 Brussels sectors
    sectors = read_sectors(cache / SECTORS)
    assert len(sectors) == 724 and sectors.crs.to_epsg() == 31370
    assert sectors.index.str.startswith("21").all() and "11002A00-" not in sectors.index
    assert set(sectors.index) == set(
        synthetic.national_sectors().query("cd_rgn_refnis == '04000'")["cd_sector"]
    )

    # a later run keeps the pinned file without asking the server
    asked = len(upstream_site.requests)
    [again] = fetch([entry], cache, urls={SECTORS: url}, **FAST)
    assert (again.status, again.message) == (
        "present",
        "already present and valid (matches its pin)",
    )
    assert len(upstream_site.requests) == asked

    # downloaded again (lost, or damaged in the cache): the same bytes are accepted against the pin
    (cache / SECTORS).write_bytes(b"damaged")
    [again] = fetch([entry], cache, urls={SECTORS: url}, **FAST)
    assert again.status == "downloaded" and "as pinned on" in again.message
    assert sha256_of(cache / SECTORS) == sha


def test_a_changed_upstream_file_is_refused_until_forced(upstream_site, tmp_path):
    cache = tmp_path / "cache"
    url = serve(upstream_site, "national.zip", synthetic.national_sectors_zip)
    entry = sectors_entry()
    [first] = fetch([entry], cache, urls={SECTORS: url}, **FAST)
    old_sha = sha256_of(cache / SECTORS)
    pinned = official.read_pins(cache)[SECTORS]

    # Statbel re-issues the file (a renamed Flemish sector); the cached copy is lost
    serve(upstream_site, "national.zip", synthetic.national_sectors_zip, variant="b")
    new_sha = sha256_of(upstream_site.root / "national.zip")
    (cache / SECTORS).unlink()
    [refused] = fetch([entry], cache, urls={SECTORS: url}, **FAST)
    assert refused.status == "failed"
    assert refused.message.startswith(
        f"{SECTORS}: pinned checksum check failed: the upstream file changed since it was pinned in "
        f"upstream/manifest.json: pinned sha256 {old_sha} ("
    )
    assert f"downloaded sha256 {new_sha} (" in refused.message
    assert (
        "`bassins data fetch --force --only sh_statbel_statistical_sectors_31370_20220101.geojson.zip` "
        "checks the new one and pins it"
    ) in refused.message
    assert refused.message.endswith(f"(from {url})")
    assert files_under(cache) == ["upstream/manifest.json"]  # nothing half-written, no .part file
    assert official.read_pins(cache)[SECTORS] == pinned  # the pin is not moved

    # --force checks the new file and pins it
    [forced] = fetch([entry], cache, urls={SECTORS: url}, force=True, **FAST)
    assert forced.status == "downloaded", forced.message
    assert forced.message.endswith(
        f"724 Brussels sectors, pinned sha256 {new_sha[:12]}... (re-pinned: was {old_sha[:12]}...)"
    )
    assert official.read_pins(cache)[SECTORS].sha256 == new_sha == sha256_of(cache / SECTORS)
    assert first.status == "downloaded"


def _html(target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(
        b"<!DOCTYPE html><html><body>Page moved</body></html>" + b" " * STAND_IN_MIN_SIZE
    )


def _damaged(target: Path) -> None:
    synthetic.national_sectors_zip(target)
    data = bytearray(target.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)
    target.write_bytes(bytes(data))


def _no_region_field(target: Path) -> None:
    frame = synthetic.national_sectors().drop(columns=["cd_rgn_refnis"])
    geojson = target.with_name("sectors.geojson")
    target.parent.mkdir(parents=True, exist_ok=True)
    frame.to_file(geojson, driver="GeoJSON")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(geojson, geojson.name)


@pytest.mark.parametrize(
    "name, build, changes, words",
    [
        (
            "one-sector-short.zip",
            lambda t: synthetic.national_sectors_zip(t, drop=1),
            {},
            ["Brussels sectors check failed: expected 724 Brussels sectors, got 723"],
        ),
        (
            "wgs84.zip",
            lambda t: synthetic.national_sectors_zip(t, crs="EPSG:4326"),
            {},
            ["content check failed: coordinate reference system EPSG:4326, expected EPSG:31370"],
        ),
        (
            "no-region.zip",
            _no_region_field,
            {},
            ["content check failed: missing field(s) cd_rgn_refnis"],
        ),
        (
            "moved.html",
            _html,
            {},
            [
                "download failed: ",
                "answered with a web page (Content-Type text/html",
                "give the new one with --url",
            ],
        ),
        ("moved.zip", _html, {}, ["content check failed: not a zip archive", "it is an HTML page"]),
        ("damaged.zip", _damaged, {}, ["content check failed: damaged zip archive"]),
        (
            "small.zip",
            synthetic.national_sectors_zip,
            {"min_size": 5_000_000},
            ["size check failed: ", "bytes, less than the 5000000 bytes this product has at least"],
        ),
        (
            "big.zip",
            synthetic.national_sectors_zip,
            {"max_size": 1000},
            ["size check failed: more than the 1000 bytes allowed for this product"],
        ),
        ("absent.zip", None, {}, ["download failed: HTTP 404"]),
    ],
)
def test_a_bad_first_download_is_refused_and_nothing_is_kept(
    upstream_site, tmp_path, name, build, changes, words
):
    if build:
        build(upstream_site.root / name)
    cache = tmp_path / "cache"
    [outcome] = fetch(
        [sectors_entry(**changes)], cache, urls={SECTORS: f"{upstream_site.url}/{name}"}, **FAST
    )
    assert outcome.status == "failed" and outcome.message.startswith(f"{SECTORS}: ")
    for word in words:
        assert word in outcome.message, outcome.message
    assert not cache.exists() or files_under(cache) == []  # no file, no pin, no .part


def test_the_real_size_floor_and_ceiling():
    entry = by_path()[SECTORS]
    assert (entry.min_size, entry.max_size) == (
        5_000_000,
        300_000_000,
    )  # Statbel's file: ~43 MB zipped


def test_status_and_find_upstream(upstream_site, tmp_path):
    cache = tmp_path / "cache"
    url = serve(upstream_site, "national.zip", synthetic.national_sectors_zip)
    entry = sectors_entry()
    fetch([entry], cache, urls={SECTORS: url}, **FAST)
    sha = sha256_of(cache / SECTORS)
    rows = {r.entry.path: r for r in fetching.status([entry, by_path()[POSTCODES]], cache)}
    assert rows[SECTORS].state == "valid"
    assert rows[SECTORS].detail.startswith(f"724 Brussels sectors, pinned sha256 {sha[:12]}... on ")
    assert rows[POSTCODES].state == "missing"
    assert official.find_upstream(SECTORS, [tmp_path / "elsewhere", cache]) == cache / SECTORS
    assert official.find_upstream(POSTCODES, [cache]) is None

    target = cache / SECTORS
    target.write_bytes(target.read_bytes()[:-1] + b"x")  # changed in the cache
    [row] = fetching.status([entry], cache)
    assert row.state == "invalid"
    assert row.detail.startswith(
        "pinned checksum: the cached file is not the one pinned in upstream/manifest.json"
    )
    with pytest.raises(DataCheckError) as caught:
        official.find_upstream(SECTORS, [cache])
    assert "(in " in str(caught.value) and "`bassins data fetch` downloads it again" in str(
        caught.value
    )

    (cache / "upstream" / "manifest.json").unlink()  # a file put there by hand is not trusted
    [row] = fetching.status([entry], cache)
    assert row.state == "invalid" and row.detail.startswith("pin: not pinned in ")
    (cache / "upstream" / "manifest.json").write_text("{not json")
    with pytest.raises(DataCheckError, match="is not a readable manifest"):
        official.read_pins(cache)


def test_the_statbel_postcode_workbook(upstream_site, tmp_path):
    from bassins.config import data_file
    from bassins.territory.postcode import read_postcode_table

    cache = tmp_path / "cache"
    entry = by_path()[POSTCODES]
    url = serve(upstream_site, "postcodes.xlsx", synthetic.postcode_workbook)
    [outcome] = fetch([entry], cache, urls={POSTCODES: url}, **FAST)
    assert (
        outcome.status == "downloaded"
        and ", 19 Brussels communes, pinned sha256 " in outcome.message
    )
    # read as the loader reads it: the same postcode -> communes table as the data directory's CSV
    from_workbook = read_postcode_table(cache / POSTCODES)
    from_csv = read_postcode_table(data_file("reference/postcode_to_refnis_be.csv"))
    assert from_workbook.equals(from_csv)
    assert from_workbook.set_index("postcode").loc["1030", "communes"] == ["21015"]

    serve(upstream_site, "short.xlsx", synthetic.postcode_workbook, drop_communes=("21019",))
    [outcome] = fetch(
        [entry], tmp_path / "c2", urls={POSTCODES: f"{upstream_site.url}/short.xlsx"}, **FAST
    )
    assert (
        "Brussels communes check failed: expected 19 Brussels communes, got 18" in outcome.message
    )
    serve(
        upstream_site,
        "other.xlsx",
        synthetic.postcode_workbook,
        header=("Code", "NIS", "Naam", "Nom"),
    )
    [outcome] = fetch(
        [entry], tmp_path / "c3", urls={POSTCODES: f"{upstream_site.url}/other.xlsx"}, **FAST
    )
    assert (
        "content check failed: no sheet with the columns Postal code, Refnis code "
        "(found Blad1: Code, NIS, Naam, Nom)"
    ) in outcome.message


def test_the_ibsa_workbook_is_a_pinned_copy(upstream_site, tmp_path):
    from bassins.config import data_file
    from bassins.territory.sources import read_quartier_table

    url = serve(upstream_site, "MQ_Communes_Quartiers_Secteurs.xlsx", synthetic.quartier_workbook)
    built = upstream_site.root / "MQ_Communes_Quartiers_Secteurs.xlsx"
    # the stand-in is not IBSA's file: the catalog's checksum refuses it ...
    [outcome] = fetch([by_path()[QUARTIERS]], tmp_path / "c1", urls={QUARTIERS: url}, **FAST)
    assert (
        outcome.status == "failed" and "size check failed: expected 54575 bytes" in outcome.message
    )
    # ... and an entry with its own facts takes it, counting the workbook's rows
    entry = replace(by_path()[QUARTIERS], size=built.stat().st_size, sha256=sha256_of(built))
    [outcome] = fetch([entry], tmp_path / "c2", urls={QUARTIERS: url}, **FAST)
    assert outcome.status == "downloaded" and outcome.message.endswith("724 rows, sha256 ok")
    table = read_quartier_table(tmp_path / "c2" / QUARTIERS)
    assert table.equals(
        read_quartier_table(data_file("reference/ibsa_sector_quartier_commune_2024.csv"))
    )


def test_best_addresses_content_check(tmp_path):
    """BOSA's export must hold the BeST columns and all 19 Brussels communes: the 4-commune sample of
    tests/territory/best_sample.py is refused as a partial export, a zip of something else by name."""
    from territory import best_sample

    entry = by_path()[ADDRESSES]
    sample = best_sample.write_zip(tmp_path / "openaddress-bebru.zip")
    with pytest.raises(DataCheckError, match="expected 19 Brussels communes, got 4"):
        official.check_content(entry, sample)
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("openaddress-bebru.csv", "a,b\n1,2\n")
    with pytest.raises(DataCheckError, match="not a BeST openaddress file: missing column"):
        official.check_content(entry, other)
