from pathlib import Path

import pytest

from bassins.config import data_file
from bassins.directory.sources import afmps
from bassins.directory.tabular import read_csv_bytes
from bassins.errors import CoordinateSystemError, InputError

from ..helpers import broken
from ..helpers import real_afmps_bytes as real_bytes

SMALL = Path(__file__).parents[2] / "data" / "directory" / "afmps_small.csv"


def test_real_register():
    bundle = afmps.read(data_file("services/afmps_pharmacies_bxl_2022.csv"))
    assert bundle.records == 592
    assert bundle.stats == {"active": 533, "temporarily_closed": 59}
    statuses = [row["status"] for row in bundle.rows("service")]
    assert statuses.count("temporarily closed") == 59
    assert bundle.count("location") == 592 and bundle.count("service_at_location") == 592
    assert (
        bundle.count("organization") == 460
    )  # authorization holders, one per KBO/BCE number (or name)
    multipharma = [r for r in bundle.rows("organization") if r["tax_id"] == "0866855346"]
    assert len(multipharma) == 1
    first = bundle.tables["location"][next(iter(bundle.tables["location"]))]
    assert first["precision"] == "point" and first["competent_authority"] == "federal"


def test_small_fixture_values():
    bundle = afmps.read(SMALL)
    services = {r["source_key"]: r for r in bundle.rows("service")}
    assert (
        services["900002"]["status"] == "temporarily closed"
        and services["900002"]["name_fr"] == "Test Apotheek Ukkel"
    )
    addresses = sorted(
        (r["address_1"], r["postal_code"], r["city"]) for r in bundle.rows("address")
    )
    assert ("Boulevard Leopold II 230", "1081", "Koekelberg") in addresses
    assert ("Chaussée de Waterloo 795-797", "1180", "Uccle") in addresses
    location = next(r for r in bundle.rows("location") if r["source_key"] == "900001")
    assert location["longitude"] == pytest.approx(4.35405, abs=2e-5) and location[
        "latitude"
    ] == pytest.approx(50.850328, abs=2e-5)
    operators = [r for r in bundle.rows("attribute") if r["link_type"] == "pharmacy_operator"]
    assert [r["value"] for r in operators] == ["Other Operator SA (KBO-BCE : 0987654321)"]


def test_same_bundle_twice():
    assert afmps.read(SMALL).tables == afmps.read(SMALL).tables


@pytest.mark.parametrize(
    "column, value, error, field",
    [
        ("status", "open", InputError, "status"),
        ("x_lambert2008", "abc", InputError, "x_lambert2008"),
        ("x_lambert2008", "150000", CoordinateSystemError, "x_lambert2008/y_lambert2008"),
        ("authorization_id", "210708", InputError, "authorization_id"),  # repeats row 2
        ("postcode", "10OO", InputError, "postcode"),
        ("lon", "4.50", CoordinateSystemError, "x_lambert2008/y_lambert2008"),  # disagrees with x/y
    ],
)
def test_row_300_broken_names_row_and_field(column, value, error, field):
    data = broken(real_bytes(), 300, column, value)
    with pytest.raises(error) as raised:
        afmps.parse(read_csv_bytes(data, "afmps_broken.csv"))
    assert raised.value.row == 300 and raised.value.field == field
    assert "row 300" in str(raised.value)


def test_missing_column():
    with pytest.raises(InputError, match="status"):
        afmps.parse(read_csv_bytes(b"authorization_id,name\n1,a\n", "x.csv"))
