"""The importers refuse bad rows by name (unknown code, negative count, denominator below numerator)."""

import pytest

from bassins.config import data_file
from bassins.errors import InputError, UnknownCodeError
from bassins.indicators import importers, registry

REG = registry.registry()


@pytest.fixture(scope="module")
def known(real_territories):
    return importers.known_codes(real_territories.membership())


def _tidy(tmp_path, text):
    path = tmp_path / "table.csv"
    path.write_text(text, encoding="utf-8")
    return importers.read_tidy_csv(path)


def test_a_good_tidy_file_is_read(tmp_path, known):
    rows = _tidy(
        tmp_path,
        "indicator,layer,area_code,period,count,denominator,estimated\n"
        "share_65plus,commune,21001,2024,100,1000,false\nshare_65plus,bassin,N,2024,5,10,true\n",
    )
    table = importers.validate(rows, known, REG, "table.csv")
    assert list(table["count"]) == [100, 5] and list(table["estimated"]) == [False, True]


@pytest.mark.parametrize(
    ("line", "error", "message"),
    [
        (
            "share_65plus,commune,21099,2024,1,10",
            UnknownCodeError,
            "row 3.*commune '21099' is not in the territory vintage",
        ),
        ("share_65plus,sector,21001A99-,2024,1,10", UnknownCodeError, "row 3.*sector '21001A99-'"),
        ("share_65plus,commune,21002,2024,-1,10", InputError, "row 3.*negative count -1"),
        (
            "share_65plus,commune,21002,2024,12,10",
            InputError,
            "row 3.*denominator 10 is smaller than the numerator 12",
        ),
        ("no_such_indicator,commune,21002,2024,1,10", InputError, "row 3.*unknown indicator"),
        ("share_65plus,commune,21001,2024,1,10", InputError, "row 3.*appear twice"),
        ("share_65plus,commune,21002,2024,1,", InputError, "row 3.*needs a denominator"),
    ],
)
def test_a_bad_row_is_refused_by_name(tmp_path, known, line, error, message):
    rows = _tidy(
        tmp_path,
        f"indicator,layer,area_code,period,count,denominator\nshare_65plus,commune,21001,2024,1,10\n{line}\n",
    )
    with pytest.raises(error, match=message):
        importers.validate(rows, known, REG, "table.csv")


def test_malformed_numbers_and_columns_are_refused(tmp_path):
    with pytest.raises(InputError, match="row 2.*not a number: 'abc'"):
        _tidy(
            tmp_path, "indicator,layer,area_code,period,count\npopulation,commune,21001,2020,abc\n"
        )
    with pytest.raises(InputError, match="unknown column 'colour'"):
        _tidy(
            tmp_path, "indicator,layer,area_code,period,colour\npopulation,commune,21001,2020,red\n"
        )


@pytest.mark.realdata
def test_real_age_bands(known):
    rows = importers.read_age_bands(data_file(importers.AGE_FILE))
    table = importers.validate(rows, known, REG, importers.AGE_FILE)
    bands = table[(table["indicator"] == "population_by_age") & (table["age_band"] != "all")]
    assert len(bands) == 675 * 18 and bands["count"].sum() == 1_218_772
    assert sorted(set(bands["age_band"]))[:2] == ["0-4", "10-14"] and "85+" in set(
        bands["age_band"]
    )


@pytest.mark.realdata
def test_real_monitoring_and_fiscal_files(known):
    rates = importers.validate(
        importers.read_monitoring_rates(data_file(importers.MONITORING_RATES_FILE)), known, REG, "m"
    )
    assert rates.groupby("indicator").size().to_dict() == {
        "bim_rate_2024": 117,
        "cpas_rate_2023": 118,
        "unemployment_rate_2023": 123,
    }
    grand_place = rates[
        (rates["area_code"] == "1") & (rates["indicator"] == "unemployment_rate_2023")
    ]
    assert grand_place["value"].iloc[0] == 15.15 and grand_place["period"].iloc[0] == "2023"
    fiscal = importers.read_fiscal_income(data_file(importers.FISCAL_FILE))
    assert len(fiscal) == 171
    anderlecht = fiscal[(fiscal["area_code"] == "21001") & (fiscal["period"] == "2005")].iloc[0]
    assert anderlecht["denominator"] == 53248
    bimd = importers.read_bimd(data_file(importers.BIMD_FILE))
    assert len(bimd) == 675 and bimd["value"].iloc[0] == pytest.approx(53.7390060560935)


def test_the_age_label():
    assert importers.age_label("[0,5)") == ("0-4", 0)
    assert importers.age_label("[85,Inf)") == ("85+", 85)
    with pytest.raises(InputError, match="not an age band"):
        importers.age_label("0-4")
