"""Loading the population files: one transaction, idempotent, nothing written on error."""

import datetime as dt
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from bassins.config import data_dir
from bassins.errors import DataFileMissingError, InputError
from bassins.population import store
from bassins.population.models import PopulationCount

FIXTURE = Path(__file__).parents[1] / "data" / "population" / "OPENDATA_SECTOREN_2022.txt"


@pytest.mark.realdata
@pytest.mark.django_db
def test_load_real_directory_twice_is_idempotent(capsys):
    first = store.load()
    assert first["files"] == [
        "population/statbel_population_by_sex_commune_bxl_2020.csv",
        "population/sector_population_bxl_c2020.csv",
    ]
    assert first["by_source"] == {"sector_c2020": 724, "statbel_commune_sex": 20}
    again = store.load()
    assert again == first and PopulationCount.objects.count() == 744
    summary = store.summary().set_index(["source", "layer"])
    assert summary.at[("sector_c2020", "sector"), "population"] == 1_215_012
    assert summary.at[("sector_c2020", "sector"), "basis"] == "inferred date"
    assert summary.at[("statbel_commune_sex", "commune"), "population"] == 1_218_255
    communes, sectors, notes = store.choose_inputs()
    assert (
        set(communes["reference_date"]) == set(sectors["reference_date"]) == {dt.date(2020, 1, 1)}
    )
    assert notes == []
    call_command("population", "show")
    assert "sector_c2020" in capsys.readouterr().out


@pytest.mark.django_db
def test_load_fixture_and_errors_write_nothing(tmp_path):
    (tmp_path / "population").mkdir()
    shutil.copy(FIXTURE, tmp_path / "population" / FIXTURE.name)
    result = store.load(tmp_path)
    assert result["by_source"] == {"statbel_sectoren_2022": 6}
    row = PopulationCount.objects.get(area_code="21004ZZZZ")
    assert (row.population, row.basis, row.reference_date, row.sector_vintage) == (
        433,
        "official",
        dt.date(2022, 1, 1),
        "2022",
    )
    # A second, broken file: the whole load fails and the rows already there stay as they were.
    (tmp_path / "population" / "OPENDATA_SECTOREN_2023.txt").write_text(
        FIXTURE.read_text(encoding="utf-8").replace("|3190|", "|x|"), encoding="utf-8"
    )
    with pytest.raises(InputError, match="OPENDATA_SECTOREN_2023.txt, row 4, field 'TOTAL'"):
        store.load(tmp_path)
    assert PopulationCount.objects.count() == 6
    with pytest.raises(DataFileMissingError):
        store.load(tmp_path / "empty")


@pytest.mark.realdata
@pytest.mark.django_db
def test_command_load(capsys):
    assert data_dir().exists()
    call_command("population", "load")
    out = capsys.readouterr().out
    assert "loaded 724 rows from source sector_c2020" in out
    assert "loaded 20 rows from source statbel_commune_sex" in out


@pytest.mark.realdata
@pytest.mark.django_db
def test_layer_population_estimates_bassins_without_sector_population(loaded_territories):
    store.load()
    sectors = store.layer_population("bassin")
    assert (
        set(sectors.values["basis"]) == {"inferred date"}
        and int(sectors.values["population"].sum()) == 1_215_012
    )
    PopulationCount.objects.filter(layer="sector").delete()
    estimated = store.layer_population("bassin")
    values = estimated.values
    assert sorted(values.index[values["basis"] == "estimated"]) == ["CO", "N", "S"]
    assert int(values["population"].sum()) == 1_218_255
    assert [n.params["weights"] for n in estimated.notes if n.code == "estimated_share"] == ["area"]
    assert store.layer_population("commune").values.at["21004", "population"] == 185_103
