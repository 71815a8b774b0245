"""Imports that cannot lose data: each bad import ends with one clear line, status 2, and the
directory exactly as it was (row counts and a checksum of every directory table compared)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import threading

import pytest

from bassins.cli import main
from bassins.config import data_file
from bassins.directory import importers, lock, store
from bassins.directory.models import (
    MODELS,
    Attribute,
    DuplicateCandidate,
    ImportRun,
    Location,
    Phone,
    Schedule,
    Service,
)
from bassins.errors import InputError

from .helpers import real_afmps_bytes

AFMPS = "services/afmps_pharmacies_bxl_2022.csv"
TABLES = {**MODELS, "import_run": ImportRun, "duplicate_candidate": DuplicateCandidate}


def directory_state() -> dict[str, tuple[int, str]]:
    """Per directory table: its row count and a SHA-256 of every row's every value, by id."""
    state = {}
    for name, model in TABLES.items():
        digest = hashlib.sha256()
        count = 0
        for values in model.objects.order_by("pk").values_list():
            digest.update(repr(values).encode())
            count += 1
        state[name] = (count, digest.hexdigest())
    return state


@pytest.fixture
def cli(monkeypatch, capsys):
    """Run `bassins ...` in the test's database: (status, stdout, stderr)."""
    from django.db import connections

    # The command line closes every connection when it ends, the test's own included (PostgreSQL).
    monkeypatch.setattr(connections, "close_all", lambda: None)

    def run(*args):
        capsys.readouterr()
        status = main([str(arg) for arg in args])
        out, err = capsys.readouterr()
        return status, out, err.strip()

    return run


@pytest.fixture
def afmps_loaded(loaded_territories, db):
    return importers.import_file("afmps", data_file(AFMPS))


def test_a_header_only_afmps_file_is_refused(afmps_loaded, cli, tmp_path):
    header_only = tmp_path / "afmps.csv"
    header_only.write_bytes(real_afmps_bytes().splitlines(keepends=True)[0])
    before = directory_state()
    status, out, err = cli("directory", "import", "--format", "afmps", header_only)
    assert status == 2 and out == "" and "\n" not in err and "Traceback" not in err
    assert err.startswith("bassins: error: afmps.csv: refused, nothing changed: this file would ")
    assert "delete 592 of the 592 service records of source 'afmps' (100%" in err
    assert "--allow-deletions" in err
    assert directory_state() == before
    # the dry run shows what the file would do, and writes nothing either
    status, out, err = cli("directory", "import", "--format", "afmps", header_only, "--dry-run")
    assert status == 0, err
    assert "afmps: 0 records read from afmps.csv" in out and "dry run: nothing written" in out
    deleted = next(line for line in out.splitlines() if "would be deleted:" in line)
    assert "service 592" in deleted and "location 592" in deleted and "address 592" in deleted
    assert "REFUSED without --allow-deletions" in out
    assert directory_state() == before
    # told so, the import deletes them
    status, out, err = cli(
        "directory", "import", "--format", "afmps", header_only, "--allow-deletions"
    )
    assert status == 0 and Service.objects.filter(source="afmps").count() == 0


def test_deleting_reports_what_goes_with_it_and_other_sources_data_survives(
    directory_loaded, cli, tmp_path
):
    """An AFMPS re-import keeps what OSM attached to the pharmacies; a pharmacy that leaves the
    register takes its OSM match, phone and opening hours with it, and the report says so."""
    osm_rows = {
        "attribute": Attribute.objects.filter(source="osm").count(),
        "phone": Phone.objects.filter(source="osm").count(),
        "schedule": Schedule.objects.filter(source="osm").count(),
    }
    assert all(osm_rows.values())
    again = importers.import_file("afmps", data_file(AFMPS))
    assert not again.changed
    assert Attribute.objects.filter(source="osm").count() == osm_rows["attribute"]
    assert Phone.objects.filter(source="osm").count() == osm_rows["phone"]
    assert Schedule.objects.filter(source="osm").count() == osm_rows["schedule"]
    # a pharmacy matched by OSM, with an OSM phone and OSM opening hours, leaves the register
    matched = set(
        Attribute.objects.filter(link_type="osm_feature", link_entity="location").values_list(
            "link_id", flat=True
        )
    )
    phoned = set(
        Phone.objects.filter(
            source="osm", service_at_location__location__source="afmps"
        ).values_list("service_at_location__location_id", flat=True)
    )
    timed = set(
        Schedule.objects.filter(
            source="osm", service_at_location__location__source="afmps"
        ).values_list("service_at_location__location_id", flat=True)
    )
    gone = Location.objects.filter(pk__in=matched & phoned & timed).order_by("source_key").first()
    lines = real_afmps_bytes().decode("utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(f"{gone.source_key},")]
    assert len(kept) == len(lines) - 1
    path = tmp_path / "afmps_next.csv"
    path.write_text("".join(kept), encoding="utf-8")
    phones = Phone.objects.filter(source="osm", service_at_location__location=gone).count()
    hours = Schedule.objects.filter(source="osm", service_at_location__location=gone).count()
    status, out, err = cli("directory", "import", "--format", "afmps", path, "--dry-run")
    assert status == 0, err
    deleted = next(line for line in out.splitlines() if "would be deleted:" in line)
    assert "service 1" in deleted and "location 1" in deleted
    assert "attribute (osm) 1" in out and f"phone (osm) {phones}" in out
    assert f"schedule (osm) {hours}" in out
    assert f"deleted: location {gone.source_key} {gone.name_fr}" in out
    assert Location.objects.filter(pk=gone.pk).exists()
    report = importers.import_file("afmps", path)
    assert report.deleted["service"] == 1 and report.deleted["location"] == 1
    assert report.with_deleted["attribute (osm)"] == 1
    assert report.with_deleted["phone (osm)"] == phones
    assert report.with_deleted["schedule (osm)"] == hours
    assert Phone.objects.filter(source="osm").count() == osm_rows["phone"] - phones
    assert ImportRun.objects.filter(source="afmps").first().counts["deleted_with_them"] == (
        report.with_deleted
    )


def test_a_mixed_encoding_file_is_refused_by_line(afmps_loaded, cli, tmp_path):
    lines = real_afmps_bytes().splitlines(keepends=True)
    assert "é".encode() in lines[9]  # line 10 of the file: Chaussée De Haecht, in UTF-8
    lines[120] = lines[120].replace(b",active,", b",active\xe9,")  # one stray Windows-1252 byte
    path = tmp_path / "afmps_mixed.csv"
    path.write_bytes(b"".join(lines))
    before = directory_state()
    status, out, err = cli("directory", "import", "--format", "afmps", path)
    assert status == 2 and "\n" not in err
    assert err.startswith("bassins: error: afmps_mixed.csv: line 121: byte b'\\xe9' is not UTF-8")
    assert "the file mixes encodings" in err
    assert directory_state() == before
    # a file that is Windows-1252 throughout still loads
    cp1252 = tmp_path / "afmps_1252.csv"
    cp1252.write_bytes(real_afmps_bytes().decode("utf-8").encode("cp1252"))
    report = importers.import_file("afmps", cp1252)
    assert report.records == 592 and not report.changed


def test_an_hsds_package_reusing_an_official_id_is_refused(afmps_loaded, cli, tmp_path):
    store.export_hsds(tmp_path / "export")
    anspach = Service.objects.get(source="afmps", source_key="210708")
    package = tmp_path / "partner"
    package.mkdir()
    (package / "services.csv").write_text(
        "id,name,status,description\n"
        f"{anspach.pk},Pharmacie du partenaire,active,Une pharmacie de garde pour les habitants "
        "de la commune et des environs\n",
        encoding="utf-8",
    )
    before = directory_state()
    status, out, err = cli("directory", "import", "--format", "hsds", package)
    assert status == 2 and "\n" not in err
    assert err == (
        f"bassins: error: partner, field 'id': service {anspach.pk} is a record of source 'afmps' "
        "(service 210708 Pharmacie Anspach): an import of 'hsds' cannot change it (fields "
        "organization_id, name_fr, name_nl, description_fr, description_nl); give the record an id of "
        "its own"
    )
    assert directory_state() == before
    # its own export, unchanged, imports as "nothing to do" (only the import's log line is added)
    report = importers.import_file("hsds", tmp_path / "export")
    after = directory_state()
    assert not report.changed and after["import_run"][0] == before["import_run"][0] + 1
    assert {k: v for k, v in after.items() if k != "import_run"} == {
        k: v for k, v in before.items() if k != "import_run"
    }


def test_a_spreadsheet_reusing_an_official_id_is_refused(afmps_loaded):
    """The loader refuses any bundle whose row is a record of another source."""
    from bassins.directory import loader
    from bassins.directory.bundle import Bundle

    anspach = Location.objects.get(source="afmps", source_key="210708")
    bundle = Bundle(source="spreadsheet", label="export.xlsx", scope="partner:")
    bundle.add(
        "location", str(anspach.pk), source_key="partner:1", location_type="physical", name_fr="X"
    )
    before = directory_state()
    with pytest.raises(loader.OwnershipError, match="is a record of source 'afmps'"):
        loader.load(bundle, locate=False)
    assert directory_state() == before


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_imports(cli, monkeypatch):
    """A real import runs in a thread (its own database connection) and is held inside its work; a
    second one started meanwhile stops at once with one line and status 2, changing nothing; the
    first then ends normally."""
    from django.db import connection

    from bassins.directory import loader

    path = data_file(AFMPS)
    inside, release = threading.Event(), threading.Event()
    real_check = loader.check
    first = {}

    def held_check(bundle):
        if threading.current_thread().name == "first-import":
            inside.set()
            assert release.wait(120)
        return real_check(bundle)

    monkeypatch.setattr(loader, "check", held_check)

    def first_import():
        try:
            first["report"] = importers.import_file("afmps", path)
        except Exception as error:  # reported to the test below
            first["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=first_import, name="first-import")
    before = directory_state()
    thread.start()
    try:
        assert inside.wait(120), first
        status, out, err = cli("directory", "load")
        assert status == 2 and out == ""
        assert err.startswith("bassins: error: another import is running")
        assert "\n" not in err and "nothing was changed" in err
        status, out, err = cli("directory", "import", "--format", "afmps", path)
        assert status == 2 and err.startswith("bassins: error: another import is running")
        assert directory_state() == before
    finally:
        release.set()
        thread.join(180)
    assert "error" not in first, first.get("error")
    assert first["report"].created["service"] == 592
    # once the first has ended, the lock is free again
    with lock.import_lock():
        pass
    assert Service.objects.filter(source="afmps").count() == 592


def test_export_and_quality_into_bad_folders(loaded_territories, db, cli, tmp_path):
    missing = tmp_path / "no" / "such"
    status, out, err = cli("directory", "export", "--format", "hsds", "--out", missing)
    assert status == 2 and err == (
        f"bassins: error: {missing}: folder {missing.parent} does not exist (--out)"
    )
    a_file = tmp_path / "file"
    a_file.write_text("x")
    status, out, err = cli("directory", "export", "--format", "hsds", "--out", a_file)
    assert status == 2 and "exists and is not a folder" in err
    status, out, err = cli("directory", "export", "--format", "hsds", "--out", "/proc/bassins")
    assert status == 2 and "\n" not in err and "cannot write the export" in err
    status, out, err = cli("directory", "quality", "--csv", missing / "q.csv")
    assert status == 2 and err == (
        f"bassins: error: {missing / 'q.csv'}: folder {missing} does not exist (--csv)"
    )


def test_an_extract_date_in_the_future_is_refused(afmps_loaded, cli):
    before = directory_state()
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    status, out, err = cli(
        "directory", "import", "--format", "afmps", data_file(AFMPS), "--extract-date", tomorrow
    )
    assert status == 2 and err == (
        f"bassins: error: field '--extract-date': {tomorrow} is in the future"
    )
    with pytest.raises(InputError, match="is in the future"):
        importers.import_file(
            "afmps", data_file(AFMPS), extract_date=dt.date.today() + dt.timedelta(days=1)
        )
    assert directory_state() == before


def test_the_full_export_of_the_real_directory_is_valid_hsds_31(directory_loaded, cli, tmp_path):
    """Every row of every table of the real directory's export against the official HSDS 3.1
    schemas of the data directory, and every reference: no problem at all."""
    from django.db.models import Q

    from bassins.directory.models import Address
    from bassins.directory.sources import hsds

    counts = store.export_hsds(tmp_path / "hsds")
    assert counts["service"] >= 878 and counts["address"] > 0
    incomplete = Address.objects.filter(
        Q(address_1="") | Q(city="") | Q(state_province="") | Q(postal_code="")
    ).count()
    assert incomplete > 0  # head offices known by their commune only, in the sample directory
    assert counts["incomplete addresses kept as partial_address attributes"] == incomplete
    assert counts["address"] == Address.objects.count() - incomplete
    assert hsds.check_references(tmp_path / "hsds", limit=10_000) == []
    assert hsds.validate_official(tmp_path / "hsds", limit=10_000) == []
    status, out, err = cli("directory", "validate", tmp_path / "hsds")
    assert status == 0, err
    assert "references: 0 problem(s)" in out and "official HSDS 3.1 schemas: 0 problem(s)" in out
    # and the validation can fail: an address without the state_province HSDS requires
    addresses = tmp_path / "hsds" / "addresses.csv"
    rows = list(csv.DictReader(io.StringIO(addresses.read_text(encoding="utf-8"))))
    rows[0]["state_province"] = ""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    addresses.write_text(buffer.getvalue(), encoding="utf-8")
    status, out, err = cli("directory", "validate", tmp_path / "hsds")
    assert status == 2 and err.endswith("1 problem(s) found (listed above)")
    assert "addresses.csv, row 1, field 'state_province': 'state_province' is a required" in out


def test_the_deletion_threshold():
    from bassins.directory import loader

    assert loader.parse_max_deletions("10%") == 0.1 and loader.parse_max_deletions("25") == 25
    assert loader.deletions_allowed(592, loader.DEFAULT_MAX_DELETIONS) == 59
    assert loader.deletions_allowed(592, 1.0) == 592 and loader.deletions_allowed(3, 0.1) == 0
    assert loader.deletions_allowed(592, 40) == 40
    for bad in ("ten", "-1", "120%"):
        with pytest.raises(InputError, match="--max-deletions"):
            loader.parse_max_deletions(bad)
