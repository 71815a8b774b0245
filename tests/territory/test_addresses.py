"""Official address points (BeST openaddress): reading BOSA's format, matching, and placing services."""

import zipfile
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from bassins.errors import CoordinateSystemError, InputError, MissingColumnError
from bassins.territory import store
from bassins.territory.addresses import AddressIndex, number_keys, read_best_addresses, street_key

from . import best_sample


@pytest.fixture
def sample_zip(tmp_path):
    return best_sample.write_zip(tmp_path / "openaddress-bebru.zip")


def test_reads_the_bosa_format_keeping_one_current_point_per_address(sample_zip):
    frame, counts = read_best_addresses(sample_zip)
    assert counts == {
        "rows": 11,
        "not current": 1,  # the retired Rue Haute 1
        "no position": 1,  # 0.00000, 0.00000
        "no house number": 0,
        "boxes of a numbered address": 2,  # Avenue Hippocrate 10, boxes A and B
        "points": 7,
    }
    mons = frame[frame["street_fr"] == "Chaussée de Mons"].iloc[0]
    # the real row's Lambert 72 coordinates, read as BOSA wrote them
    assert (mons["x"], mons["y"], mons["commune"]) == (146321.08, 169504.61, "21001")


def test_lambert_2008_columns_of_the_newer_exports_give_the_same_points(tmp_path):
    old, _ = read_best_addresses(best_sample.write_zip(tmp_path / "a.zip"))
    new, _ = read_best_addresses(
        best_sample.write_zip(tmp_path / "b.zip", best_sample.csv_text(lambert2008=True))
    )
    assert (abs(old[["x", "y"]] - new[["x", "y"]]) < 0.5).all().all()


def test_lambert_2008_values_under_lambert_72_columns_are_refused(tmp_path):
    text = best_sample.csv_text(lambert2008=True, rename=False)
    with pytest.raises(CoordinateSystemError) as caught:
        read_best_addresses(best_sample.write_zip(tmp_path / "x.zip", text))
    assert "x.zip" in str(caught.value) and "EPSG:31370_x/EPSG:31370_y" in str(caught.value)
    assert "looks like Belgian Lambert 2008" in str(caught.value)


def test_not_a_best_file_is_refused_by_name(tmp_path):
    plain = tmp_path / "streets.csv"
    plain.write_text("postcode,streetname_fr\n1000,Rue Haute\n", encoding="utf-8")
    with pytest.raises(MissingColumnError, match=r"streets.csv: not a BeST openaddress file"):
        read_best_addresses(plain)
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as archive:
        archive.writestr("readme.txt", "no csv")
    with pytest.raises(InputError, match="expected one CSV"):
        read_best_addresses(empty)


def test_street_and_number_keys():
    assert street_key("Av. Louise") == street_key("AVENUE LOUISE") == "avenuelouise"
    assert street_key("Chée de Mons") == street_key("Chaussée de Mons")
    assert street_key("Avenue Louize") != street_key("Avenue Louise")  # no fuzzy matching
    assert street_key("Ch. de Mons") == street_key("Chaussée de Mons")
    assert number_keys("62-64") == ("62", "62")
    assert number_keys("12A") == ("12A", "12")
    assert number_keys("5 bte 3") == ("5", "5")
    assert number_keys("") == ("", "")


def test_matching_in_french_or_dutch_exact_number_or_its_numeric_part(sample_zip):
    index = AddressIndex.build(read_best_addresses(sample_zip)[0])
    haute = index.find("1000", "Rue Haute", "322")
    assert (
        haute == index.find("1000", "Hoogstraat", "322") == index.find("1000", "RUE HAUTE", "322A")
    )
    assert index.find("1000", "Kruidtuinlaan", "32") is not None  # the Dutch name only
    assert index.find("1200", "Av. Hippocrate", "10 bte 3") is not None
    # not in the file: a retired number, another postcode, an initial for a first name
    assert index.find("1000", "Rue Haute", "1") is None
    assert index.find("1050", "Rue Haute", "322") is None
    assert index.find("1020", "Avenue J.J. Crocq", "15") is None
    assert index.find("1000", "Rue Haute", "") is None


@pytest.mark.django_db
def test_load_addresses_then_services_are_placed_at_point_precision(loaded_territories, sample_zip):
    streets = ["Hoogstraat", "Avenue Hippocrate", "Rue Haute", "Avenue J.J. Crocq"]
    numbers = ["322", "10", "999", "15"]
    postcodes = ["1000", "1200", "1000", "1020"]
    communes = ["Bruxelles", "Woluwe-Saint-Lambert", "Bruxelles", "Bruxelles"]
    before = store.locate_addresses(postcodes, communes, streets, numbers)
    assert before["precision"].tolist() == ["postcode"] * 4
    assert all("no address file loaded: placed by postcode" in n for n in before["note"])

    out = StringIO()
    call_command("territories", "load-addresses", str(sample_zip), stdout=out)
    assert "address points: 7" in out.getvalue()
    assert "11 rows read from openaddress-bebru.zip: 1 not current, 1 no position" in out.getvalue()

    after = store.locate_addresses(postcodes, communes, streets, numbers)
    assert after["precision"].tolist() == ["point", "point", "postcode", "postcode"]
    # Rue Haute 322 (CHU Saint-Pierre, Porte de Hal): a sector of the Pentagone, bassin Centre-Ouest
    assert after.loc[0, "sector"].startswith("21004A") and after.loc[0, "bassin"] == "CO"
    # Saint-Luc, 42 m outside the outline: placed by the region rule's tolerance in Woluwe-St-Lambert
    assert after.loc[1, "commune"] == "21018" and after.loc[1, "inside"] is True
    assert after.loc[1, "sector"].startswith("21018")
    # not in the file: as before, by postcode (1000 has no single bassin), no note about a file
    assert after.loc[2, "commune"] == "21004" and after.loc[2, "bassin"] is None
    assert "no address file" not in after.loc[2, "note"]

    located = StringIO()
    call_command(
        "territories",
        "locate",
        "--postcode",
        "1000",
        "--street",
        "Rue Haute",
        "--number",
        "322",
        stdout=located,
    )
    assert "precision: point" in located.getvalue() and "bassin: CO" in located.getvalue()


@pytest.mark.django_db
def test_a_bad_address_file_leaves_the_loaded_points(loaded_territories, sample_zip, tmp_path):
    call_command("territories", "load-addresses", str(sample_zip), stdout=StringIO())
    broken = tmp_path / "broken.csv"
    broken.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(CommandError, match="broken.csv: not a BeST openaddress file") as caught:
        call_command("territories", "load-addresses", str(broken), stdout=StringIO())
    assert caught.value.returncode == 2
    from bassins.territory.models import AddressPoint

    assert AddressPoint.objects.count() == 7


@pytest.mark.django_db
def test_the_directory_import_reports_why_addresses_are_not_points(loaded_territories, tmp_path):
    """Three real rows of services/directory_sample_bxl.csv: CPAS d'Anderlecht (Avenue Raymond Vander
    Bruggen 62-64, not in the sample file), CHU Saint-Pierre Porte de Hal (Rue Haute 322) and
    Saint-Luc (Avenue Hippocrate 10)."""
    import csv

    from bassins.config import data_file
    from bassins.directory import importers
    from bassins.directory.models import Location

    with open(data_file("services/directory_sample_bxl.csv"), encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    chosen = [row for row in rows if row["id"] in ("1", "234", "241")]
    assert [row["street"] for row in chosen] == [
        "Avenue Raymond Vander Bruggen",
        "Rue Haute",
        "Avenue Hippocrate",
    ]
    sample = tmp_path / "directory_sample_bxl.csv"
    with open(sample, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(chosen)

    importers.import_file("taxonomy", data_file("services/directory_sample_categories.csv"))
    before = importers.import_file("sample", sample)
    assert before.located == {"postcode": 3, "no address file loaded: placed by postcode": 3}
    assert "no address file loaded: placed by postcode 3" in "\n".join(before.lines())

    call_command("territories", "load-addresses", str(best_sample.write_zip(tmp_path / "b.zip")))
    after = importers.import_file("sample", sample)
    assert after.located == {"postcode": 1, "point": 2, "street address not in the address file": 1}
    luc = Location.objects.get(source="directory_sample", source_key="241")
    assert (luc.precision, luc.commune, luc.inside_region) == ("point", "21018", True)
    assert luc.latitude is None  # placed in a sector, the source's record keeps its own fields
