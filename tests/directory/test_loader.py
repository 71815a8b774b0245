"""Loading the real sources: counts, territory codes, idempotence, all-or-nothing, HSDS round trip."""

import pytest

from bassins.config import data_file
from bassins.directory import importers, store
from bassins.directory.models import (
    Attribute,
    ImportRun,
    Location,
    Metadata,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)
from bassins.errors import InputError

from .helpers import broken, wipe_directory
from .helpers import real_afmps_bytes as real_bytes


def export_bytes(directory) -> dict[str, bytes]:
    store.export_hsds(directory)
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


def test_real_sources_counts_and_matches(directory_loaded, capsys):
    reports = directory_loaded
    pharmacies = Service.objects.filter(source="afmps")
    assert pharmacies.count() == 592
    assert pharmacies.filter(status="temporarily closed").count() == 59
    assert Service.objects.filter(source="hospitals").count() == 37
    assert Service.objects.filter(source="directory_sample").count() == 249
    osm = reports["osm"]
    matched, unmatched = osm.stats["matched"], osm.stats["unmatched"]
    with capsys.disabled():
        print(
            f"\nOSM pharmacies: {osm.stats['features']} features, {matched} linked to AFMPS "
            f"({osm.stats['matched_by_place']} by place, {osm.stats['matched_by_name']} by name, "
            f"{osm.stats['matched_by_same_name']} by same name farther), {unmatched} unmatched"
        )
    assert osm.stats["features"] == 414 and matched + unmatched == 414
    assert matched >= 390  # most OSM pharmacies are the AFMPS ones
    assert (
        Service.objects.filter(source="osm").count() == unmatched
    )  # linked features create no duplicate
    assert (
        Attribute.objects.filter(link_type="osm_feature", link_entity="location").count() == matched
    )
    # opening hours of linked features become schedules of the AFMPS records
    assert Schedule.objects.filter(
        source="osm", service_at_location__service__source="afmps"
    ).exists()
    assert Phone.objects.filter(source="osm", service_at_location__service__source="afmps").exists()


def test_territory_codes_and_precision(directory_loaded):
    points = Location.objects.filter(source="afmps")
    assert points.filter(precision="point").count() == 592
    assert points.filter(inside_region=True).count() == 592  # SOURCES.md: all 592 inside the region
    anspach = Location.objects.get(source="afmps", source_key="210708")
    assert (
        anspach.commune == "21004" and anspach.sector.startswith("21004") and anspach.bassin == "CO"
    )
    saint_luc = Location.objects.get(source="hospitals", source_key="4190")
    # geocoded 42 m outside the region outline: in the region by the one rule (bassins.codes, 50 m
    # tolerance), placed in the nearest sector, so the quality report and the offer agree
    assert saint_luc.inside_region is True
    assert saint_luc.commune == "21018" and saint_luc.sector.startswith("21018")
    sample = Location.objects.filter(source="directory_sample")
    assert sample.filter(location_type="virtual", precision="none").count() == 45
    assert (
        sample.filter(precision="postcode").count() + sample.filter(precision="commune").count()
        > 150
    )
    cpas_anderlecht = Location.objects.get(source="directory_sample", source_key="1")
    assert cpas_anderlecht.commune == "21001" and cpas_anderlecht.precision == "postcode"


def test_import_twice_changes_nothing(directory_loaded, tmp_path):
    before = export_bytes(tmp_path / "first")
    history = Metadata.objects.count()
    for report in importers.load_all():
        assert not report.changed, report.lines()
    assert Metadata.objects.count() == history
    assert export_bytes(tmp_path / "second") == before


def test_broken_at_row_300_loads_nothing(loaded_territories, db, tmp_path):
    path = tmp_path / "afmps_broken.csv"
    path.write_bytes(broken(real_bytes(), 300, "status", "bogus"))
    with pytest.raises(InputError) as error:
        importers.import_file("afmps", path)
    assert error.value.row == 300 and error.value.field == "status"
    assert "afmps_broken.csv, row 300, field 'status'" in str(error.value)
    assert Service.objects.count() == Location.objects.count() == 0
    assert ImportRun.objects.filter(source="afmps").count() == 0
    # with the register already loaded, the broken file changes nothing either
    importers.import_file("afmps", data_file("services/afmps_pharmacies_bxl_2022.csv"))
    snapshot = export_bytes(tmp_path / "before")
    with pytest.raises(InputError):
        importers.import_file("afmps", path)
    assert export_bytes(tmp_path / "after") == snapshot


def test_a_changed_record_is_updated_with_history_and_a_vanished_one_deleted(
    loaded_territories, db, tmp_path
):
    importers.import_file("afmps", data_file("services/afmps_pharmacies_bxl_2022.csv"))
    data = broken(
        real_bytes(), 2, "status", "temporarily_closed"
    )  # row 2: Pharmacie Anspach, active
    lines = data.decode().splitlines(keepends=True)
    removed_key = lines[3].split(",")[0]
    path = tmp_path / "afmps_next.csv"
    path.write_text("".join(lines[:3] + lines[4:]), encoding="utf-8")
    report = importers.import_file("afmps", path)
    assert report.updated["service"] == 1 and report.deleted["service"] == 1
    change = Metadata.objects.get(field_name="status", last_action_type="update")
    assert (change.previous_value, change.replacement_value, change.updated_by) == (
        "active",
        "temporarily closed",
        "import:afmps",
    )
    assert not Service.objects.filter(source="afmps", source_key=removed_key).exists()
    assert Metadata.objects.filter(last_action_type="delete", resource_type="service").count() == 1


def test_hsds_round_trip_is_byte_identical(directory_loaded, tmp_path):
    from bassins.directory import history

    service = Service.objects.get(source="afmps", source_key="210708")
    before = history.snapshot(service)
    service.name_en = "Anspach pharmacy"
    service.save()
    history.record_changes(service, before, "steward")
    import datetime as dt

    closure = Schedule.objects.create(
        service_at_location=service.service_at_locations.get(),
        kind="closure",
        closed=True,
        valid_from=dt.date(2026, 7, 15),
        valid_to=dt.date(2026, 8, 15),
        description_fr="Fermé pour congés",
        description_nl="Gesloten wegens vakantie",
    )
    # one row in each of the other HSDS 3.1 tables
    from bassins.directory import models

    organization = service.organization
    program = models.Program.objects.create(
        organization=organization, name_fr="Garde", description_fr="Pharmacies de garde"
    )
    service.program = program
    service.save()
    models.Funding.objects.create(service=service, source="INAMI / RIZIV")
    models.RequiredDocument.objects.create(service=service, document_fr="Carte eID")
    models.Accessibility.objects.create(
        location=service.service_at_locations.get().location, description_fr="Accès de plain-pied"
    )
    models.OrganizationIdentifier.objects.create(
        organization=organization, identifier_type="KBO/BCE", identifier="0403081916"
    )
    unit = models.Unit.objects.create(name="places")
    models.ServiceCapacity.objects.create(
        service=service,
        unit=unit,
        available=2,
        maximum=5,
        updated=dt.datetime(2026, 5, 4, 10, 30, tzinfo=dt.UTC),
    )
    models.Url.objects.create(service=service, url="https://www.afmps.be", label_fr="AFMPS")
    first = export_bytes(tmp_path / "first")
    assert (
        f"{closure.pk}".encode() in first["schedules.csv"] and b"closure" in first["schedules.csv"]
    )
    for name in (
        "programs.csv",
        "funding.csv",
        "required_documents.csv",
        "accessibility.csv",
        "organization_identifiers.csv",
        "units.csv",
        "service_capacity.csv",
        "url.csv",
    ):
        assert first[name].count(b"\n") == 2, name  # the header and the row made above
    assert b"steward" in first["metadata.csv"]
    wipe_directory()
    assert Service.objects.count() == 0
    report = importers.import_file("hsds", tmp_path / "first")
    assert report.created["service"] == 592 + 37 + 249 + directory_loaded["osm"].stats["unmatched"]
    second = export_bytes(tmp_path / "second")
    assert second.keys() == first.keys()
    for name in first:
        assert second[name] == first[name], name
    assert ServiceAtLocation.objects.count() == first["service_at_location.csv"].count(b"\n") - 1
