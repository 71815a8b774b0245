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
    out = run("fetch", "--base-url", data_server.url, "--dest", str(cache), "--only", "bassins_2024.csv",
              "boundaries/statbel_sectors_bxl_2022.gpkg")
    assert f"bassins data fetch: 2 file(s) from mirror {data_server.url} into {cache}" in out
    assert "downloaded reference/bassins_2024.csv: 1893 bytes, 25 rows, sha256 ok" in out
    assert "2 of 2 file(s) present and valid" in out
    out = run("fetch", "--base-url", data_server.url, "--dest", str(cache), "--only", "bassins_2024.csv")
    assert "ok         reference/bassins_2024.csv: already present and valid" in out

    out = run("status", "--dir", str(cache))
    assert f"data directory: {cache} (given with --dir)" in out
    assert "valid    boundaries/statbel_sectors_bxl_2022.gpkg" in out
    assert "missing  services/osm_pharmacies_bxl.geojson" in out
    assert f"2 valid, 0 invalid, {len(CATALOG) - 2} missing (of {len(CATALOG)} catalog files)" in out


def test_fetch_uses_the_download_cache_and_the_mirror_variable(data_server, tmp_path, monkeypatch):
    monkeypatch.setattr(config, "DOWNLOAD_CACHE", tmp_path / "var" / "data")
    monkeypatch.setenv("BASSINS_DATA_MIRROR", data_server.url)
    out = run("fetch", "--only", "reference")
    assert f"from mirror {data_server.url} into {tmp_path / 'var' / 'data'}" in out
    assert (tmp_path / "var" / "data" / "reference" / "bassins_2024.csv").is_file()
    monkeypatch.setenv("BASSINS_DATA_DIR", str(tmp_path / "var" / "data"))
    out = run("status")
    assert "(from BASSINS_DATA_DIR)" in out and "6 valid, 0 invalid, 22 missing" in out


def test_status_of_the_data_directory_in_force(real_data_dir):
    out = run("status")
    assert f"data directory: {real_data_dir}" in out
    assert f"{len(CATALOG)} valid, 0 invalid, 0 missing" in out


def test_a_failed_fetch_is_an_error_naming_the_file(data_server, tmp_path):
    data_server.fault("reference/bassins_2024.csv", "corrupt")
    with pytest.raises(DataFetchError) as caught:
        run("fetch", "--base-url", data_server.url, "--dest", str(tmp_path), "--retries", "0",
            "--only", "reference")
    assert str(caught.value).startswith(
        "1 of 6 data files not fetched: reference/bassins_2024.csv: checksum check failed")
    assert not (tmp_path / "reference" / "bassins_2024.csv").exists()
    assert (tmp_path / "reference" / "bassins_2024_facts.csv").is_file()


def test_cli_prints_one_line_and_exits_2(data_server, tmp_path, capsys):
    data_server.fault("reference/bassins_2024.csv", "404")
    status = cli.main(["data", "fetch", "--base-url", data_server.url, "--dest", str(tmp_path),
                       "--only", "bassins_2024.csv"])
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith("bassins: error: 1 of 1 data files not fetched: reference/bassins_2024.csv: "
                          "download failed: HTTP 404 Not Found from ")
    assert err.count("\n") == 1


def test_unknown_name():
    with pytest.raises(InputError, match="unknown data file"):
        run("fetch", "--only", "nope.csv")
