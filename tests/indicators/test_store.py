"""The load writes all or nothing; the CLI loads a tidy file and exports a layer on standard output."""

import io

import pytest
from django.core.management import call_command

from bassins.cli import main
from bassins.indicators import store
from bassins.indicators.models import IndicatorValue
from indicators.tidyfiles import gp_share_definitions

pytestmark = [pytest.mark.realdata, pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _keep_the_test_connection(monkeypatch):
    # The command line closes every database connection when it ends; inside a test's transaction
    # that would close the test connection itself (PostgreSQL), so the closing is skipped here.
    from django.db import connections

    monkeypatch.setattr(connections, "close_all", lambda: None)


@pytest.fixture
def indicators_loaded(loaded_territories, db):
    from bassins.population import store as population_store

    population_store.load()
    return store.load(with_offer=False)


def test_the_load_and_the_export(indicators_loaded, capsys):
    assert indicators_loaded["rows"] == IndicatorValue.objects.count() > 20_000
    region = IndicatorValue.objects.get(indicator="population", layer="region")
    assert region.count == 1_218_255 and region.period == "2020"
    assert main(["indicators", "export", "--layer", "bassin", "--format", "csv"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("indicator,layer,area_code,period,sex,age_band,category,count")
    assert all(",bassin," in line for line in out[1:]) and len(out) > 100


def test_load_tidy_is_all_or_nothing(indicators_loaded, tmp_path, capsys):
    definitions = gp_share_definitions(tmp_path, "2024-01-01")
    good = tmp_path / "gp.csv"
    good.write_text(
        "indicator,layer,area_code,period,count,denominator\n"
        "gp_share,commune,21001,2024,50,100\ngp_share,commune,21002,2024,30,100\n",
        encoding="utf-8",
    )
    before = IndicatorValue.objects.count()
    assert main(["indicators", "load-tidy", str(good), "--definitions", str(definitions)]) == 0
    assert IndicatorValue.objects.filter(indicator="gp_share", layer="region").get().count == 80
    bad = tmp_path / "gp.csv"
    bad.write_text(
        "indicator,layer,area_code,period,count,denominator\n"
        "gp_share,commune,21001,2024,50,100\ngp_share,commune,21003,2024,-3,100\n",
        encoding="utf-8",
    )
    assert main(["indicators", "load-tidy", str(bad), "--definitions", str(definitions)]) == 2
    assert "gp.csv, row 3, field 'count': negative count -3" in capsys.readouterr().err
    # nothing of the bad file was written: the good load is still there, whole
    assert IndicatorValue.objects.count() == before + 3
    assert (
        IndicatorValue.objects.get(indicator="gp_share", layer="commune", area_code="21002").count
        == 30
    )


def test_show_lists_the_rows(indicators_loaded):
    out = io.StringIO()
    call_command("indicators", "show", stdout=out)
    assert "share_65plus" in out.getvalue()


def test_a_tidy_series_of_five_periods_shows_its_trend_on_the_profile(
    indicators_loaded, tmp_path, client
):
    # a generic tidy table (an IMA-like share over 2019-2023 for two communes): Anderlecht's share
    # rises from 40% to 56% (chi-squared for trend, 99.8%: increasing), Auderghem's stays at 30%
    from localurls import url

    definitions = gp_share_definitions(tmp_path, "2023-01-01")
    lines = ["indicator,layer,area_code,period,count,denominator"]
    for year, rising in zip(range(2019, 2024), (400, 440, 480, 520, 560), strict=True):
        lines.append(f"gp_share,commune,21001,{year},{rising},1000")
        lines.append(f"gp_share,commune,21002,{year},300,1000")
    series = tmp_path / "gp_series.csv"
    series.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["indicators", "load-tidy", str(series), "--definitions", str(definitions)]) == 0
    profiles = {
        code: {
            row["id"]: row
            for row in client.get(
                url("fr", "indicators:profile-json", layer="commune", code=code)
            ).json()["rows"]
        }
        for code in ("21001", "21002")
    }
    assert profiles["21001"]["gp_share"]["period"] == "2023"
    assert profiles["21001"]["gp_share"]["trend"] == "increasing"
    assert profiles["21002"]["gp_share"]["trend"] == "no significant change"
    page = client.get(url("fr", "indicators:profile", layer="commune", code="21001"))
    assert "Part avec un généraliste" in page.content.decode()
    assert "en hausse" in page.content.decode()
    nl = client.get(url("nl", "indicators:profile", layer="commune", code="21001"))
    assert "stijgend" in nl.content.decode()
