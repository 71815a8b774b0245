"""Population of any layer, on a hand-built membership (numbers checked by hand) and on the real data."""

import datetime as dt

import pandas as pd
import pytest

from bassins.config import data_file
from bassins.errors import DataNotLoadedError, UnknownCodeError
from bassins.population import aggregate, readers
from bassins.population.aggregate import MixedReferenceDateError, population_for_layer

D2020 = dt.date(2020, 1, 1)

# Seven sectors over three communes; Bruxelles-Ville (21004) split over the bassins CO, S and N.
MEMBERSHIP = pd.DataFrame(
    [
        ("21001A00-", "21001A", "21001", "1", "CO"),
        ("21001A011", "21001A", "21001", "2", "CO"),
        ("21004A00-", "21004A", "21004", "3", "CO"),
        ("21004C01-", "21004C", "21004", "4", "S"),
        ("21004E01-", "21004E", "21004", "5", "N"),
        ("21015A00-", "21015A", "21015", "6", "NE"),
        ("21015B01-", "21015B", "21015", "6", "NE"),
    ],
    columns=["sector", "submunicipality", "commune", "monitoring", "bassin"],
).set_index("sector")
MEMBERSHIP["region"] = "04000"
MEMBERSHIP["qss"] = None
AREAS = pd.Series(
    {
        "21001A00-": 2.0,
        "21001A011": 2.0,
        "21004A00-": 1.0,
        "21004C01-": 3.0,
        "21004E01-": 4.0,
        "21015A00-": 5.0,
        "21015B01-": 5.0,
    }
)


def tidy(rows, layer, date=D2020, basis=readers.OFFICIAL, source="test"):
    return pd.DataFrame(
        [
            {
                "layer": layer if code != "04000" else "region",
                "area_code": code,
                "population": n,
                "males": None,
                "females": None,
                "reference_date": date,
                "basis": basis,
                "source": source,
                "source_label": f"label {source}",
                "source_file": f"{source}.csv",
                "sector_vintage": "2022",
                "note": "inferred!" if basis == readers.INFERRED_DATE else "",
            }
            for code, n in rows.items()
        ],
        columns=readers.COLUMNS,
    )


COMMUNES = tidy({"04000": 6000, "21001": 1000, "21004": 2000, "21015": 3000}, "commune")
SECTORS = tidy(
    {
        "21001A00-": 400,
        "21001A011": 590,
        "21004A00-": 500,
        "21004C01-": 700,
        "21004E01-": 780,
        "21015A00-": 1500,
        "21015B01-": 1497,
    },
    "sector",
    basis=readers.INFERRED_DATE,
    source="sec",
)


def test_commune_and_region_take_the_official_totals():
    communes = population_for_layer("commune", MEMBERSHIP, communes=COMMUNES, sectors=SECTORS)
    assert communes.values["population"].to_dict() == {
        "21001": 1000.0,
        "21004": 2000.0,
        "21015": 3000.0,
    }
    assert set(communes.values["basis"]) == {"official"} and communes.basis == "official"
    region = population_for_layer("region", MEMBERSHIP, communes=COMMUNES)
    assert region.population("04000") == 6000.0


def test_bassins_summed_from_sectors_with_the_shortfall_stated():
    result = population_for_layer("bassin", MEMBERSHIP, communes=COMMUNES, sectors=SECTORS)
    assert result.values["population"].to_dict() == {
        "CO": 400 + 590 + 500.0,
        "N": 780.0,
        "NE": 2997.0,
        "S": 700.0,
    }
    assert set(result.values["method"]) == {aggregate.METHOD_SUM_SECTORS}
    assert result.basis == readers.INFERRED_DATE and result.reference_date == D2020
    codes = {note.code: note.params for note in result.notes}
    assert codes["sector_shortfall"]["missing"] == 10 + 20 + 3
    assert (
        codes["sector_shortfall"]["sector_total"] == 5967
        and codes["sector_shortfall"]["commune_total"] == 6000
    )
    assert codes["sector_shortfall"]["percent"] == pytest.approx(100 * 33 / 6000)
    assert codes["inferred_date"]["note"] == "inferred!"
    assert result.shortfall.loc["21004"].to_dict() == {
        "commune_total": 2000,
        "sector_sum": 1980,
        "unknown_sector": 20,
        "share": 0.99,
    }


def test_bassins_estimated_by_area_share_without_sector_population():
    result = population_for_layer("bassin", MEMBERSHIP, communes=COMMUNES, weights=AREAS)
    values = result.values
    # 21004 (2000 inhabitants) shared by area 1:3:4 -> 250 (CO), 750 (S), 1000 (N).
    assert values["population"].to_dict() == {"CO": 1250.0, "N": 1000.0, "NE": 3000.0, "S": 750.0}
    assert values.loc[["CO", "N", "S"], "basis"].tolist() == ["estimated"] * 3
    assert (
        values.at["NE", "basis"] == "official"
        and values.at["NE", "method"] == aggregate.METHOD_SUM_COMMUNES
    )
    assert (
        values.at["CO", "estimated"] == 250.0
        and values.at["CO", "method"] == aggregate.METHOD_SHARE
    )
    assert values["population"].sum() == 6000
    (note,) = [n for n in result.notes if n.code == "estimated_share"]
    assert note.params["areas"] == ["CO", "N", "S"] and note.params["communes"] == ["21004"]
    assert {(d["area"], d["share"], d["population"]) for d in note.params["details"]} == {
        ("CO", 0.125, 250),
        ("S", 0.375, 750),
        ("N", 0.5, 1000),
    }
    assert result.basis == "estimated"


def test_estimate_needs_weights_when_a_commune_is_split():
    with pytest.raises(DataNotLoadedError, match="21004"):
        population_for_layer("bassin", MEMBERSHIP, communes=COMMUNES)


def test_apportion_adds_up_to_the_total():
    assert aggregate._apportion(1000, pd.Series([1.0, 1.0, 1.0]).to_numpy()).tolist() == [
        334,
        333,
        333,
    ]
    assert aggregate._apportion(7, pd.Series([0.5, 0.25, 0.25]).to_numpy()).sum() == 7


def test_other_layers_from_sectors():
    monitoring = population_for_layer("monitoring", MEMBERSHIP, sectors=SECTORS)
    assert monitoring.population("6") == 2997.0 and monitoring.population("3") == 500.0
    sector = population_for_layer("sector", MEMBERSHIP, sectors=SECTORS)
    assert (
        sector.population("21004E01-") == 780.0
        and sector.values.at["21004E01-", "method"] == "own count"
    )
    with pytest.raises(DataNotLoadedError, match="qss"):
        population_for_layer("qss", MEMBERSHIP, sectors=SECTORS)


def test_never_mix_reference_dates_silently():
    sectors_2022 = tidy(
        {code: 1 for code in MEMBERSHIP.index}, "sector", date=dt.date(2022, 1, 1), source="s22"
    )
    with pytest.raises(MixedReferenceDateError, match="2020-01-01.*2022-01-01"):
        population_for_layer("bassin", MEMBERSHIP, communes=COMMUNES, sectors=sectors_2022)
    mixed = population_for_layer(
        "bassin", MEMBERSHIP, communes=COMMUNES, sectors=sectors_2022, allow_mixed_dates=True
    )
    assert [n.params["dates"] for n in mixed.notes if n.code == "mixed_dates"] == [
        ["2020-01-01", "2022-01-01"]
    ]
    both = pd.concat([COMMUNES, tidy({"21001": 5}, "commune", date=dt.date(2021, 1, 1))])
    with pytest.raises(MixedReferenceDateError, match="several reference dates"):
        population_for_layer("commune", MEMBERSHIP, communes=both)
    a = population_for_layer("commune", MEMBERSHIP, communes=COMMUNES)
    b = population_for_layer("bassin", MEMBERSHIP, sectors=sectors_2022)
    with pytest.raises(MixedReferenceDateError):
        aggregate.check_same_reference_date(a, b)
    assert (
        aggregate.check_same_reference_date(a, b, allow_mixed_dates=True)[0].code == "mixed_dates"
    )


def test_sectors_of_another_vintage_are_an_error():
    stranger = tidy({"21004A00K": 10, "21001A00-": 5}, "sector")
    with pytest.raises(UnknownCodeError, match="different sector vintages"):
        population_for_layer("bassin", MEMBERSHIP, sectors=stranger)


def test_unknown_sector_rows_count_for_commune_and_region_only():
    sectors = tidy({**{code: 100 for code in MEMBERSHIP.index}, "21004ZZZZ": 33}, "sector")
    communes = population_for_layer("commune", MEMBERSHIP, sectors=sectors)
    assert communes.population("21004") == 333.0
    assert population_for_layer("region", MEMBERSHIP, sectors=sectors).population("04000") == 733.0
    bassins = population_for_layer("bassin", MEMBERSHIP, sectors=sectors)
    assert bassins.values["population"].sum() == 700.0
    assert [n.params["missing"] for n in bassins.notes if n.code == "sector_shortfall"] == [33]


@pytest.mark.realdata
def test_real_bassin_population_from_sectors(real_territories):
    membership = real_territories.membership()
    communes = readers.read_commune_population_by_sex(data_file(readers.COMMUNE_FILE))
    sectors = readers.read_sector_population_c2020(data_file(readers.SECTOR_C2020_FILE))
    result = population_for_layer("bassin", membership, communes=communes, sectors=sectors)
    # Independent computation: join the sector file with the sector -> bassin membership.
    raw = pd.read_csv(data_file(readers.SECTOR_C2020_FILE), dtype={"SECTOR": str, "MUNICIP": str})
    expected = raw.set_index("SECTOR")["POP"].groupby(membership["bassin"]).sum()
    assert result.values["population"].astype(int).to_dict() == expected.to_dict()
    assert int(result.values["population"].sum()) == 1_215_012
    shortfall = [n.params for n in result.notes if n.code == "sector_shortfall"][0]
    assert shortfall["missing"] == 1_218_255 - 1_215_012 == 3_243
    assert 99.42 <= shortfall["min_share"] < 99.43 and 99.955 <= shortfall["max_share"] < 99.965
    assert result.basis == readers.INFERRED_DATE


@pytest.mark.realdata
def test_real_bassin_population_estimated_without_sectors(real_territories):
    membership = real_territories.membership()
    communes = readers.read_commune_population_by_sex(data_file(readers.COMMUNE_FILE))
    areas = real_territories.sectors.geometry.area / 10_000
    result = population_for_layer("bassin", membership, communes=communes, weights=areas)
    values = result.values
    assert int(values["population"].sum()) == 1_218_255
    assert sorted(values.index[values["basis"] == "estimated"]) == ["CO", "N", "S"]
    assert sorted(values.index[values["basis"] == "official"]) == ["NE", "SE"]
    # Nord-Est = Evere + Saint-Josse + Schaerbeek, Sud-Est = Auderghem + Etterbeek + WSL + WSP (official).
    assert values.at["NE", "population"] == 42_656 + 27_497 + 132_799
    assert values.at["SE", "population"] == 34_404 + 48_473 + 57_712 + 42_119
