"""The population readers on the real files of the data directory and on a hand-made Statbel fixture."""

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from bassins.config import data_file
from bassins.errors import InputError, MissingColumnError, UnknownCodeError
from bassins.population import readers

FIXTURE = Path(__file__).parents[1] / "data" / "population" / "OPENDATA_SECTOREN_2022.txt"


@pytest.mark.realdata
def test_commune_population_2020_real_file():
    frame = readers.read_commune_population_by_sex(data_file(readers.COMMUNE_FILE))
    communes = frame[frame["layer"] == "commune"].set_index("area_code")
    region = frame[frame["layer"] == "region"].set_index("area_code")
    assert len(communes) == 19 and list(region.index) == ["04000"]
    assert "21000" not in set(frame["area_code"])  # the arrondissement is left out
    assert int(communes["population"].sum()) == 1_218_255 == int(region.at["04000", "population"])
    assert int(communes.at["21004", "population"]) == 185_103
    assert (
        int(communes.at["21004", "males"]) == 94_549
        and int(communes.at["21004", "females"]) == 90_554
    )
    assert set(frame["reference_date"]) == {dt.date(2020, 1, 1)}
    assert set(frame["basis"]) == {readers.OFFICIAL}


@pytest.mark.realdata
def test_sector_population_c2020_real_file_carries_the_inferred_date():
    frame = readers.read_sector_population_c2020(data_file(readers.SECTOR_C2020_FILE))
    assert len(frame) == 724
    assert int(frame["population"].sum()) == 1_215_012
    assert set(frame["basis"]) == {readers.INFERRED_DATE}
    assert set(frame["reference_date"]) == {dt.date(2020, 1, 1)}
    assert all("inferred" in note and "2020-01-01" in note for note in frame["note"])
    assert frame.set_index("area_code").at["21001A00-", "population"] == 2796


def test_statbel_sectoren_fixture():
    frame = readers.read_statbel_sectoren(FIXTURE)
    assert list(frame["area_code"]) == [
        "21001A00-",
        "21001A011",
        "21001ZZZZ",
        "21004A00-",
        "21004E01-",
        "21004ZZZZ",
    ]
    assert int(frame["population"].sum()) == 2801 + 3190 + 57 + 1250 + 4102 + 433
    assert set(frame["reference_date"]) == {dt.date(2022, 1, 1)}
    assert set(frame["basis"]) == {readers.OFFICIAL}
    assert set(frame["sector_vintage"]) == {"2022"}
    assert set(frame["source"]) == {"statbel_sectoren_2022"}
    assert readers.is_unknown_sector("21004ZZZZ") and not readers.is_unknown_sector("21004A00-")


def test_statbel_sectoren_zip_and_xlsx(tmp_path):
    archive = tmp_path / "OPENDATA_SECTOREN_2022.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(FIXTURE, "OPENDATA_SECTOREN_2022.txt")
    from_zip = readers.read_statbel_sectoren(archive)
    workbook = tmp_path / "OPENDATA_SECTOREN_2022.xlsx"
    pd.read_csv(FIXTURE, sep="|", dtype=str).to_excel(workbook, index=False)
    from_xlsx = readers.read_statbel_sectoren(workbook)
    expected = readers.read_statbel_sectoren(FIXTURE)
    for frame in (from_zip, from_xlsx):
        assert list(frame["area_code"]) == list(expected["area_code"])
        assert list(frame["population"]) == list(expected["population"])


def test_statbel_sectoren_year_from_argument(tmp_path):
    renamed = tmp_path / "population_sectors.txt"
    shutil.copy(FIXTURE, renamed)
    with pytest.raises(InputError, match="reference year"):
        readers.read_statbel_sectoren(renamed)
    assert set(readers.read_statbel_sectoren(renamed, year=2021)["reference_date"]) == {
        dt.date(2021, 1, 1)
    }


@pytest.mark.parametrize(
    "change, error, message",
    [
        (
            lambda t: t.replace("|TOTAL|", "|POPULATION|"),
            MissingColumnError,
            "missing column.*TOTAL",
        ),
        (lambda t: t.replace("21001A011", "21001-A11"), UnknownCodeError, "row 4.*'21001-A11'"),
        (lambda t: t.replace("|3190|", "|3 190|"), InputError, "row 4.*TOTAL.*'3 190'"),
        (lambda t: t.replace("21004|21004E01-", "21001|21004E01-"), InputError, "row 7.*CD_REFNIS"),
        (
            lambda t: t + "21004|21004A00-|12|01/01/1977|31/12/9999|1|X|X|Brussel|Bruxelles\n",
            InputError,
            "21004A00-' appears more than once",
        ),
    ],
)
def test_statbel_sectoren_errors_name_the_row_and_field(tmp_path, change, error, message):
    broken = tmp_path / "OPENDATA_SECTOREN_2022.txt"
    broken.write_text(change(FIXTURE.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(error, match=message) as raised:
        readers.read_statbel_sectoren(broken)
    assert "OPENDATA_SECTOREN_2022.txt" in str(raised.value)


def test_commune_reader_checks_sex_sum_and_region_total(tmp_path):
    head = "cd_refnis,name_nl,name_fr,males,females,total,reference_date\n"
    bad_sum = tmp_path / "a.csv"
    bad_sum.write_text(head + "21001,Anderlecht,Anderlecht,10,10,21,2020-01-01\n")
    with pytest.raises(InputError, match="a.csv, row 2, field 'total': males \\+ females = 20"):
        readers.read_commune_population_by_sex(bad_sum)
    bad_region = tmp_path / "b.csv"
    bad_region.write_text(head + "04000,BHG,RBC,10,10,20,2020-01-01\n21001,A,A,5,5,10,2020-01-01\n")
    with pytest.raises(InputError, match="communes add up to 10"):
        readers.read_commune_population_by_sex(bad_region)
    bad_date = tmp_path / "c.csv"
    bad_date.write_text(head + "21001,A,A,5,5,10,1/1/2020\n")
    with pytest.raises(InputError, match="row 2, field 'reference_date'"):
        readers.read_commune_population_by_sex(bad_date)


def test_read_population_directory(tmp_path):
    (tmp_path / "population").mkdir()
    shutil.copy(FIXTURE, tmp_path / "population" / FIXTURE.name)
    frame, files = readers.read_population_directory(tmp_path)
    assert files == ["population/OPENDATA_SECTOREN_2022.txt"]
    assert len(frame) == 6
    empty, none = readers.read_population_directory(tmp_path / "nothing")
    assert none == [] and empty.empty
