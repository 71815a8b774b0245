"""`bassins data fetch|status` (management command `data`) and its errors on the command line."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from bassins import cli, config
from bassins.data.catalog import CATALOG
from bassins.data.fetch import DataFetchError
from bassins.errors import InputError

pytestmark = pytest.mark.realdata


def run(*args) -> str:
    out = io.StringIO()
    call_command("data", *args, stdout=out)
    return out.getvalue()


def test_fetch_and_status(data_server, tmp_path):
    cache = tmp_path / "cache"
    out = run(
        "fetch",
        "--base-url",
        data_server.url,
        "--dest",
        str(cache),
        "--only",
        "bassins_2024.csv",
        "boundaries/statbel_sectors_bxl_2022.gpkg",
    )
    assert f"bassins data fetch: 2 file(s) from mirror {data_server.url} into {cache}" in out
    assert "downloaded reference/bassins_2024.csv: 1893 bytes, 25 rows, sha256 ok" in out
    assert "2 of 2 file(s) present and valid" in out
    out = run(
        "fetch", "--base-url", data_server.url, "--dest", str(cache), "--only", "bassins_2024.csv"
    )
    assert "ok         reference/bassins_2024.csv: already present and valid" in out

    out = run("status", "--dir", str(cache))
    assert f"data directory: {cache} (given with --dir)" in out
    assert "valid    boundaries/statbel_sectors_bxl_2022.gpkg" in out
    assert "missing  services/osm_pharmacies_bxl.geojson" in out
    assert (
        f"2 valid, 0 invalid, {len(CATALOG) - 2} missing (of {len(CATALOG)} catalog files)" in out
    )


def test_fetch_uses_the_download_cache_and_the_mirror_variable(data_server, tmp_path, monkeypatch):
    monkeypatch.setattr(config, "DOWNLOAD_CACHE", tmp_path / "var" / "data")
    monkeypatch.setenv("BASSINS_DATA_MIRROR", data_server.url)
    out = run("fetch", "--only", "reference")
    assert f"from mirror {data_server.url} into {tmp_path / 'var' / 'data'}" in out
    assert (tmp_path / "var" / "data" / "reference" / "bassins_2024.csv").is_file()
    monkeypatch.setenv("BASSINS_DATA_DIR", str(tmp_path / "var" / "data"))
    out = run("status")
    assert (
        "(from BASSINS_DATA_DIR)" in out
        and f"6 valid, 0 invalid, {len(CATALOG) - 6} missing" in out
    )


def test_status_of_the_data_directory_in_force(real_data_dir):
    out = run("status")
    assert f"data directory: {real_data_dir}" in out
    assert f"{len(CATALOG)} valid, 0 invalid, 0 missing" in out


def test_a_failed_fetch_is_an_error_naming_the_file(data_server, tmp_path):
    data_server.fault("reference/bassins_2024.csv", "corrupt")
    with pytest.raises(DataFetchError) as caught:
        run(
            "fetch",
            "--base-url",
            data_server.url,
            "--dest",
            str(tmp_path),
            "--retries",
            "0",
            "--only",
            "reference",
        )
    assert str(caught.value).startswith(
        "1 of 6 data files not fetched: reference/bassins_2024.csv: checksum check failed"
    )
    assert not (tmp_path / "reference" / "bassins_2024.csv").exists()
    assert (tmp_path / "reference" / "bassins_2024_facts.csv").is_file()


def test_cli_prints_one_line_and_exits_2(data_server, tmp_path, capsys):
    data_server.fault("reference/bassins_2024.csv", "404")
    status = cli.main(
        [
            "data",
            "fetch",
            "--base-url",
            data_server.url,
            "--dest",
            str(tmp_path),
            "--only",
            "bassins_2024.csv",
        ]
    )
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith(
        "bassins: error: 1 of 1 data files not fetched: reference/bassins_2024.csv: "
        "download failed: HTTP 404 Not Found from "
    )
    assert err.count("\n") == 1


def test_unknown_name():
    with pytest.raises(InputError, match="unknown data file"):
        run("fetch", "--only", "nope.csv")


# -- the upstream products (catalog.UPSTREAM) through the command ----------------------------------

SECTORS = "upstream/sh_statbel_statistical_sectors_31370_20220101.geojson.zip"
SECTORS_NAME = SECTORS.split("/")[1]


def stand_in_upstream(monkeypatch, site, **changes):
    """The catalog as the command sees it, with the 2022 sectors served by `site` (a stand-in smaller
    than Statbel's file: lower size floor), the other upstream products left out."""
    from dataclasses import replace

    from bassins.data import catalog

    from . import synthetic

    synthetic.national_sectors_zip(site.root / "national.zip")
    url = f"{site.url}/national.zip"
    sectors = replace(catalog.by_path()[SECTORS], min_size=100_000, source_url=url, **changes)
    monkeypatch.setattr(catalog, "UPSTREAM", (sectors,))
    monkeypatch.setattr(catalog, "ALL", catalog.CATALOG + (sectors,))
    return url


def test_fetch_without_a_mirror_gets_the_upstream_products(upstream_site, tmp_path, monkeypatch):
    from bassins.data import catalog

    url = stand_in_upstream(monkeypatch, upstream_site)
    # no network here: leave out the three files downloaded from GitHub
    monkeypatch.setattr(catalog, "CATALOG", tuple(e for e in catalog.CATALOG if not e.direct))
    monkeypatch.delenv("BASSINS_DATA_MIRROR", raising=False)
    cache = tmp_path / "cache"
    out = run("fetch", "--dest", str(cache))
    lines = out.splitlines()
    assert lines[0] == f"bassins data fetch: 1 file(s) from upstream URLs into {cache}"
    assert lines[1] == (
        "  skipped    25 converted or hand-compiled file(s) of the data directory: only a mirror "
        "serves them (--base-url URL)"
    )
    assert (
        lines[2].startswith(f"  downloaded {SECTORS}: ")
        and ", 724 Brussels sectors, pinned sha256 " in lines[2]
    )
    assert lines[3] == f"1 of 1 file(s) present and valid in {cache}"
    assert lines[4].startswith(
        "note: to load the territories from these files, reference/bassins_2024.csv is "
        "needed too; it has no upstream download"
    )
    assert (cache / SECTORS).is_file() and upstream_site.requests == ["national.zip"]

    out = run("status", "--dir", str(cache))
    assert "upstream downloads (the territories can be loaded from them):" in out
    assert f"  valid    {SECTORS}  724 Brussels sectors, pinned sha256 " in out
    assert url.startswith("http://127.0.0.1:")


def test_fetch_an_official_file_pin_refuse_and_force(upstream_site, tmp_path, monkeypatch, capsys):
    from . import synthetic

    stand_in_upstream(monkeypatch, upstream_site)
    synthetic.national_sectors_zip(upstream_site.root / "elsewhere.zip")
    moved = f"{upstream_site.url}/elsewhere.zip"
    cache = tmp_path / "cache"
    out = run("fetch", "--only", SECTORS_NAME, "--url", moved, "--dest", str(cache))
    assert f"  downloaded {SECTORS}: " in out and upstream_site.requests == ["elsewhere.zip"]
    out = run("fetch", "--only", SECTORS_NAME, "--url", moved, "--dest", str(cache))
    assert f"  ok         {SECTORS}: already present and valid (matches its pin)" in out

    # the publisher re-issues the file; a run that has to download it again refuses it
    synthetic.national_sectors_zip(upstream_site.root / "elsewhere.zip", variant="b")
    (cache / SECTORS).unlink()
    status = cli.main(
        ["data", "fetch", "--only", SECTORS_NAME, "--url", moved, "--dest", str(cache)]
    )
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1
    assert err.startswith(
        f"bassins: error: 1 of 1 data files not fetched: {SECTORS}: pinned checksum check "
        "failed: the upstream file changed since it was pinned in upstream/manifest.json"
    )
    assert not (cache / SECTORS).exists()

    out = run("fetch", "--only", SECTORS_NAME, "--url", moved, "--dest", str(cache), "--force")
    assert f"  downloaded {SECTORS}: " in out and "(re-pinned: was " in out


def test_url_replaces_the_address_of_one_file():
    with pytest.raises(InputError) as caught:
        run("fetch", "--only", "upstream", "--url", "http://127.0.0.1:9/x.zip")
    assert str(caught.value) == (
        "field '--url': --url replaces the address of one file, and 5 are selected: "
        "name that one file with --only"
    )
