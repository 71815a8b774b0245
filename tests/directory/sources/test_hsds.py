import datetime as dt
import json

import pytest

from bassins.directory import profile
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
        hsds.read(tmp_path, language="en")
    assert error.value.row == 1 and error.value.field == field


def test_resource_outside_the_package_is_refused(tmp_path):
    (tmp_path / "datapackage.json").write_text(
        json.dumps({"resources": [{"name": "service", "path": "../x.csv"}]})
    )
    with pytest.raises(InputError, match="outside"):
        hsds.read(tmp_path)


def test_official_schemas_find_what_hsds_requires(tmp_path):
    """The official HSDS 3.1 schemas of the data directory: a package missing what they require
    (an organization's description, a service's status value, a unit of a capacity) fails, by row
    and field; the same package completed passes."""
    assert (hsds.official_schema_dir() / "service.json").exists()
    tables = small_tables()
    org = tables["organization"][0]
    service = tables["service"][0]
    unit = {**profile.blank_row("unit"), "id": stable_id("t", "unit"), "name": "places"}
    capacity = {
        **profile.blank_row("service_capacity"),
        "id": stable_id("t", "cap"),
        "service_id": service["id"],
        "unit_id": unit["id"],
        "available": 3.0,
        "updated": dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC),
    }
    tables["unit"], tables["service_capacity"] = [unit], [capacity]
    broken = {name: [dict(row) for row in rows] for name, rows in tables.items()}
    broken["organization"][0]["description_fr"] = ""
    broken["service"][0]["status"] = "open"
    broken["service_capacity"][0]["unit_id"] = None
    hsds.write(broken, tmp_path / "broken")
    problems = hsds.validate_official(tmp_path / "broken")
    assert (
        "organizations.csv, row 1, field 'description': 'description' is a required property"
        in (problems)
    )
    assert any(
        p.startswith("services.csv, row 1, field 'status': 'open' is not one of") for p in problems
    )
    assert (
        "service_capacity.csv, row 1, field 'unit_id': 'unit_id' is a required property" in problems
    )
    assert len(problems) == 3, problems
    hsds.write(tables, tmp_path / "fixed")
    assert hsds.validate_official(tmp_path / "fixed") == []
    assert org["description_fr"]


def test_references_are_checked(tmp_path):
    tables = small_tables()
    tables["service"][0]["organization_id"] = stable_id("t", "nobody")
    hsds.write(tables, tmp_path / "p")
    assert hsds.check_references(tmp_path / "p") == [
        f"services.csv, row 1, field 'organization_id': organization {stable_id('t', 'nobody')} "
        "is not in the package"
    ]


def test_every_hsds_31_table_round_trips(tmp_path):
    """programs, funding, required documents, accessibility, organization identifiers, service
    capacities, units and URLs are written and read back, field by field."""
    tables = small_tables()
    org, service = tables["organization"][0]["id"], tables["service"][0]["id"]
    program = stable_id("t", "program")
    location = stable_id("t", "loc")
    unit = stable_id("t", "unit")
    rows = {
        "program": dict(id=program, organization_id=org, name_fr="Programme", description_fr="P"),
        "location": dict(id=location, location_type="physical", name_fr="Siège"),
        "funding": dict(id=stable_id("t", "f"), service_id=service, source="COCOF"),
        "required_document": dict(
            id=stable_id("t", "d"), service_id=service, document_fr="Carte d'identité"
        ),
        "accessibility": dict(
            id=stable_id("t", "a"), location_id=location, description_fr="Accès chaise roulante"
        ),
        "organization_identifier": dict(
            id=stable_id("t", "oi"),
            organization_id=org,
            identifier_scheme="BE-BCE_KBO",
            identifier_type="KBO/BCE",
            identifier="0212.345.678",
        ),
        "unit": dict(id=unit, name="places"),
        "service_capacity": dict(
            id=stable_id("t", "c"),
            service_id=service,
            unit_id=unit,
            available=4.0,
            maximum=12.0,
            updated=dt.datetime(2026, 3, 1, 8, 30, tzinfo=dt.UTC),
        ),
        "url": dict(
            id=stable_id("t", "u"), service_id=service, url="https://example.org/a", label_fr="Info"
        ),
    }
    for table, values in rows.items():
        tables[table] = [{**profile.blank_row(table), **values}]
    tables["service"][0]["program_id"] = program
    hsds.write(tables, tmp_path / "p")
    assert hsds.validate_official(tmp_path / "p") == []
    assert hsds.check_references(tmp_path / "p") == []
    bundle = hsds.read(tmp_path / "p")
    for table, values in rows.items():
        row = bundle.tables[table][values["id"]]
        for name, value in values.items():
            assert row[name] == value, (table, name)
    assert bundle.tables["service"][service]["program_id"] == program
    assert bundle.tables["funding"][rows["funding"]["id"]]["source"] == "COCOF"


def test_a_table_bassins_does_not_hold_is_refused_not_dropped(tmp_path):
    hsds.write(small_tables(), tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    descriptor["resources"].append({"name": "meta_table_description", "path": "mtd.csv"})
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    (tmp_path / "mtd.csv").write_text(f"id,name\n{stable_id('m')},x\n", encoding="utf-8")
    with pytest.raises(InputError, match="'meta_table_description' has 1 rows"):
        hsds.read(tmp_path)


def test_language_is_detected_or_asked(tmp_path):
    (tmp_path / "services.csv").write_text(
        "id,name,status,description\n"
        f"{stable_id('a')},Wijkgezondheidscentrum,active,Zorg voor de bewoners van de wijk en hun "
        "gezin met een arts en een verpleegkundige\n"
        f"{stable_id('b')},Maatschappelijk werk,active,Hulp bij het zoeken naar een woning voor "
        "jongeren die op straat staan\n",
        encoding="utf-8",
    )
    bundle = hsds.read(tmp_path)
    service = bundle.tables["service"][stable_id("a")]
    assert service["name_nl"] == "Wijkgezondheidscentrum" and service["name_fr"] == ""
    assert any(note.startswith("language of the plain texts detected: nl") for note in bundle.notes)
    assert hsds.read(tmp_path, language="fr").tables["service"][stable_id("a")]["name_fr"]
    (tmp_path / "services.csv").write_text(
        f"id,name,status\n{stable_id('a')},Counselling,active\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match="cannot be told.*--language"):
        hsds.read(tmp_path)


def test_partial_addresses_stay_valid_hsds_and_come_back(tmp_path):
    tables = small_tables()
    location = stable_id("t", "loc")
    tables["location"] = [
        {**profile.blank_row("location"), "id": location, "location_type": "physical"}
    ]
    partial = {
        **profile.blank_row("address"),
        "id": stable_id("t", "addr"),
        "location_id": location,
        "city": "Ixelles",
        "postal_code": "1050",
        "country": "BE",
        "address_type": "physical",
        "source": "directory_sample",
        "source_key": "7",
    }
    tables["address"] = [partial]
    hsds.write(tables, tmp_path)
    assert (tmp_path / "addresses.csv").read_text(encoding="utf-8").count("\n") == 1  # header
    attributes = (tmp_path / "attributes.csv").read_text(encoding="utf-8")
    assert "partial_address" in attributes and "1050 Ixelles" in attributes
    assert hsds.validate_official(tmp_path) == []
    assert hsds.read(tmp_path).tables["address"] == {partial["id"]: partial}
