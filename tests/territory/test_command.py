"""The `bassins territories` verbs, in process and as a real command with its exit status."""

import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("territories", *args, stdout=out)
    return out.getvalue()


def test_list_show_locate(loaded_territories):
    listing = run("list")
    assert "sector             724" in listing and "bassin               5" in listing
    assert "qss: not loaded yet" in listing
    shown = run("show", "CO")
    assert (
        "Centre-Ouest / Centrum-West" in shown
        and "34.047 km²" in shown
        and "basis: partly inferred" in shown
    )
    located = run("locate", "--lon", "4.3525", "--lat", "50.8467")
    assert "sector: 21004A001" in located and "bassin: CO" in located
    lambert = run("locate", "--x", "648540.125", "--y", "670747.375", "--crs", "EPSG:3812")
    assert "commune: 21004" in lambert
    address = run("locate", "--postcode", "1180", "--commune", "Uccle")
    assert "bassin: S" in address and "precision: postcode" in address
    outside = run("locate", "--lon", "4.7", "--lat", "50.9")
    assert "status: outside" in outside


def test_export_geojson(loaded_territories, capsys):
    call_command("territories", "export", "--layer", "commune", "--format", "geojson")
    collection = json.loads(capsys.readouterr().out)
    assert len(collection["features"]) == 19
    assert {f["properties"]["code"] for f in collection["features"]} >= {"21001", "21019"}


def test_crosswalk_csv(loaded_territories, capsys):
    call_command("territories", "crosswalk")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "old_code,new_code,relation,same_quartier"
    assert "21001A00-,21001A00K,recoded,1" in lines


def test_errors_are_command_errors(loaded_territories):
    with pytest.raises(CommandError, match="not a longitude/latitude"):
        run("locate", "--lon", "648540", "--lat", "670747")
    with pytest.raises(CommandError, match="no area with code 'XX'"):
        run("show", "XX")


def test_the_command_exits_2_with_one_line_and_writes_nothing(tmp_path):
    env = {
        **os.environ,
        "BASSINS_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "bassins.web.settings",
    }
    env.pop("DATABASE_URL", None)
    bassins = [sys.executable, "-m", "bassins.cli"]
    subprocess.run([*bassins, "migrate", "-v0"], env=env, check=True)
    missing = subprocess.run(
        [*bassins, "territories", "locate", "--lon", "4.35", "--lat", "50.85"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 2
    assert "not loaded yet: run `bassins territories load`" in missing.stderr
    broken = tmp_path / "bassins.csv"
    broken.write_text("area_code,area_level,bassin_code\n21001,commune,CO\n")
    bad = subprocess.run(
        [*bassins, "territories", "load", "--bassins", str(broken)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2
    assert bad.stderr.strip().count("\n") == 0
    assert "bassins.csv: missing column(s) bassin_fr, bassin_nl, basis" in bad.stderr
    listing = subprocess.run(
        [*bassins, "territories", "list"], env=env, capture_output=True, text=True
    )
    assert listing.returncode == 2 and "not loaded" in listing.stderr
