import json
from pathlib import Path

import openpyxl
import pytest

from bassins.directory.sources import spreadsheet
from bassins.errors import InputError

DATA = Path(__file__).parents[2] / "data" / "directory"
MAPPING = Path(spreadsheet.__file__).parents[1] / "mappings" / "bruxelles_social.json"


def test_example_mapping_on_a_csv_export():
    bundle = spreadsheet.read(DATA / "bruxelles_social_export.csv", MAPPING)
    assert bundle.records == 3 and bundle.scope == "bruxelles_social:"
    assert bundle.count("organization") == 2  # T1 and T2 share the KBO number
    services = {r["source_key"]: r for r in bundle.rows("service")}
    assert services["bruxelles_social:T1"]["name_nl"] == "Sociale testdienst"
    categories = sorted((r["link_type"], r["value"]) for r in bundle.rows("attribute"))
    assert ("primary_category", "social_service") in categories and (
        "category",
        "mental_health",
    ) in categories
    assert (
        "primary_category",
        "medical_house",
    ) in categories  # found through the taxonomy's labels
    phones = sorted(r["number"] for r in bundle.rows("phone"))
    assert phones == ["+32 2 500 00 01", "+32 2 537 00 00", "+32 470 00 00 01", "+32 800 12 345"]
    authorities = {r["source_key"]: r["competent_authority"] for r in bundle.rows("location")}
    assert (
        authorities["bruxelles_social:T1"] == "cocof"
        and authorities["bruxelles_social:T2"] == "cocom"
    )
    types = {r["source_key"]: r["location_type"] for r in bundle.rows("location")}
    assert types["bruxelles_social:T2"] == "virtual"
    languages = sorted(r["code"] for r in bundle.rows("language"))
    assert languages == ["fr", "fr", "nl"]


def test_same_export_as_xlsx_gives_the_same_bundle(tmp_path):
    import csv

    rows = list(csv.reader((DATA / "bruxelles_social_export.csv").open(encoding="utf-8")))
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    path = tmp_path / "bruxelles_social_export.xlsx"
    workbook.save(path)
    from_xlsx = spreadsheet.read(path, MAPPING)
    from_csv = spreadsheet.read(DATA / "bruxelles_social_export.csv", MAPPING)
    for table in from_csv.tables:
        assert from_xlsx.tables[table] == from_csv.tables[table], table


def test_unknown_category_names_row_and_column(tmp_path):
    text = (
        (DATA / "bruxelles_social_export.csv")
        .read_text(encoding="utf-8")
        .replace("maison médicale", "astrologie")
    )
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        spreadsheet.read(path, MAPPING)
    assert (
        error.value.row == 3 and error.value.field == "sector" and "astrologie" in str(error.value)
    )
    mapping = json.loads(MAPPING.read_text(encoding="utf-8")) | {"unknown_category": "other"}
    (tmp_path / "m.json").write_text(json.dumps(mapping), encoding="utf-8")
    bundle = spreadsheet.read(path, tmp_path / "m.json")
    assert "other" in {r["value"] for r in bundle.rows("attribute")}


def test_bad_mappings(tmp_path):
    for mapping, message in [
        ({}, "name"),
        ({"name": "x", "key": "id", "columns": {"nope": "a"}}, "unknown target"),
        ({"name": "x", "key": "id", "columns": {"service.email": "a"}}, "service name"),
    ]:
        (tmp_path / "m.json").write_text(json.dumps(mapping), encoding="utf-8")
        with pytest.raises(InputError, match=message):
            spreadsheet.read_mapping(tmp_path / "m.json")
