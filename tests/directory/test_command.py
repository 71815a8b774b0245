import io

import pytest
from django.core.management import call_command

from bassins.cli import main
from bassins.directory.models import Service
from bassins.errors import InputError

from .helpers import broken, real_afmps_bytes


def run(*args) -> str:
    out = io.StringIO()
    call_command("directory", *args, stdout=out)
    return out.getvalue()


def test_load_prints_counts_and_quality_and_duplicates(loaded_territories, db, tmp_path):
    text = run("load")
    assert "592 pharmacies (AFMPS) (59 temporarily closed)" in text
    assert "37 hospital sites" in text and "249 sample directory services" in text
    assert "matched" in text and "unmatched" in text
    quality_text = run("quality", "--csv", str(tmp_path / "q.csv"))
    assert "issues" in quality_text and "stale" in quality_text
    assert (
        (tmp_path / "q.csv")
        .read_text(encoding="utf-8")
        .startswith("record_type,record_id,source,name,issue")
    )
    duplicates = run("duplicates")
    assert "suspected" in duplicates and "hospitals" in duplicates
    out = run("export", "--format", "hsds", "--out", str(tmp_path / "hsds"))
    assert "services 878" in out or "service " in out
    assert (tmp_path / "hsds" / "datapackage.json").exists()
    validated = run("validate", str(tmp_path / "hsds"))
    assert "fits the bassins HSDS 3.1 profile" in validated


def test_import_errors_are_one_line_exit_2(loaded_territories, db, tmp_path, capsys, monkeypatch):
    # The command line closes every database connection when it ends; inside this test's transaction
    # that would close the test connection itself (PostgreSQL), so the closing is skipped here.
    from django.db import connections

    monkeypatch.setattr(connections, "close_all", lambda: None)
    path = tmp_path / "afmps.csv"
    path.write_bytes(broken(real_afmps_bytes(), 300, "x_lambert2008", "not-a-number"))
    assert main(["directory", "import", "--format", "afmps", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err == (
        "bassins: error: afmps.csv, row 300, field 'x_lambert2008': not a number: 'not-a-number'"
    )
    assert Service.objects.count() == 0
    with pytest.raises(InputError, match="--mapping"):
        run("import", "--format", "spreadsheet", str(path))


def test_spreadsheet_import_with_the_example_mapping(loaded_territories, db, tmp_path):
    from pathlib import Path

    from bassins.directory.models import Location
    from bassins.directory.sources import spreadsheet

    data = Path(__file__).parents[1] / "data" / "directory" / "bruxelles_social_export.csv"
    mapping = Path(spreadsheet.__file__).parents[1] / "mappings" / "bruxelles_social.json"
    run("import", "--format", "taxonomy", str(data_file_categories()))
    first = run("import", "--format", "spreadsheet", str(data), "--mapping", str(mapping))
    assert "service 3" in first
    assert Service.objects.filter(source="spreadsheet").count() == 3
    located = Location.objects.get(source="spreadsheet", source_key="bruxelles_social:T1")
    assert (
        located.commune == "21004"
        and located.precision == "postcode"
        and located.competent_authority == "cocof"
    )
    point = Location.objects.get(source="spreadsheet", source_key="bruxelles_social:T3")
    assert point.precision == "point" and point.commune == "21013"
    again = run("import", "--format", "spreadsheet", str(data), "--mapping", str(mapping))
    assert "created: none" in again and "updated: none" in again and "deleted: none" in again
    shorter = tmp_path / "export.csv"
    shorter.write_text(
        "".join(data.read_text(encoding="utf-8").splitlines(keepends=True)[:3]), encoding="utf-8"
    )
    with pytest.raises(InputError, match="would delete 1 of the 3 service records"):
        run("import", "--format", "spreadsheet", str(shorter), "--mapping", str(mapping))
    assert Service.objects.filter(source="spreadsheet").count() == 3
    third = run(
        "import",
        "--format",
        "spreadsheet",
        str(shorter),
        "--mapping",
        str(mapping),
        "--max-deletions",
        "1",
    )
    assert "deleted: " in third and Service.objects.filter(source="spreadsheet").count() == 2


def data_file_categories():
    from bassins.config import data_file

    return data_file("services/directory_sample_categories.csv")
