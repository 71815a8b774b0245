import json

import pytest

from bassins.directory.bundle import Bundle, stable_id
from bassins.directory.sources import hsds
from bassins.errors import InputError


def small_tables():
    bundle = Bundle(source="manual", label="t")
    org = bundle.add(
        "organization",
        stable_id("t", "org"),
        name_fr="CPAS d'Ixelles",
        name_nl="OCMW Elsene",
        description_fr="Centre public,\n« aide sociale »",
    )
    bundle.add(
        "service",
        stable_id("t", "svc"),
        organization_id=org,
        name_fr="Aide sociale",
        status="active",
        minimum_age=18.0,
    )
    return {name: list(rows.values()) for name, rows in bundle.tables.items()}


def test_write_is_deterministic_and_reads_back(tmp_path):
    tables = small_tables()
    hsds.write(tables, tmp_path / "a")
    hsds.write(tables, tmp_path / "b")
    for path in sorted((tmp_path / "a").iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes()
    header = (tmp_path / "a" / "organizations.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("id,name,name_fr,name_nl,name_en,")
    bundle = hsds.read(tmp_path / "a")
    org = next(iter(bundle.tables["organization"].values()))
    assert (
        org["name_nl"] == "OCMW Elsene"
        and org["description_fr"] == "Centre public,\n« aide sociale »"
    )
    assert org["source"] == "manual"
    service = next(iter(bundle.tables["service"].values()))
    assert service["minimum_age"] == 18.0
    descriptor = json.loads((tmp_path / "a" / "datapackage.json").read_text())
    assert descriptor["hsds_version"] == "3.1"


def test_plain_hsds_publisher(tmp_path):
    (tmp_path / "services.csv").write_text(
        "id,name,status,description,unknown_column\n"
        "ac148810-d857-441c-9679-408f346de14b,Counselling,active,Talk therapy,x\n",
        encoding="utf-8",
    )
    bundle = hsds.read(tmp_path, language="en")
    service = bundle.tables["service"]["ac148810-d857-441c-9679-408f346de14b"]
    assert (
        service["name_en"] == "Counselling"
        and service["name_fr"] == ""
        and service["source"] == "hsds"
    )
    assert any("unknown_column" in note for note in bundle.notes)


@pytest.mark.parametrize(
    "row, field",
    [
        ("not-a-uuid,Counselling,active", "id"),
        ("ac148810-d857-441c-9679-408f346de14b,Counselling,open", "status"),
        ("ac148810-d857-441c-9679-408f346de14b,,active", "name"),
    ],
)
def test_invalid_rows_name_the_field(tmp_path, row, field):
    (tmp_path / "services.csv").write_text(f"id,name,status\n{row}\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        hsds.read(tmp_path)
    assert error.value.row == 1 and error.value.field == field


def test_resource_outside_the_package_is_refused(tmp_path):
    (tmp_path / "datapackage.json").write_text(
        json.dumps({"resources": [{"name": "service", "path": "../x.csv"}]})
    )
    with pytest.raises(InputError, match="outside"):
        hsds.read(tmp_path)


def test_validate_official_with_a_schema_folder(tmp_path):
    """The mechanics of the check against official schemas, on a minimal schema written here."""
    hsds.write(small_tables(), tmp_path / "package")
    schemas = tmp_path / "schema"
    schemas.mkdir()
    (schemas / "service.json").write_text(
        json.dumps(
            {
                "type": "object",
                "required": ["id", "name", "status", "description"],
                "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "name": {"type": "string"},
                    "status": {"type": "string", "enum": ["active"]},
                    "minimum_age": {"type": "number"},
                },
            }
        )
    )
    problems = hsds.validate_official(tmp_path / "package", schemas)
    assert any(p.endswith("organization.json: missing official schema") for p in problems)
    assert any("services.csv, row 1: 'description' is a required property" in p for p in problems)
