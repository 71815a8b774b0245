"""Equity of accessibility against any indicator of the registry with sector values: the CLI's
`--against` and the page's `?against=`, on the real data."""

from __future__ import annotations

import json

import numpy as np
import pytest
from django.core.management import call_command
from localurls import url

from bassins.access import data, equity
from bassins.errors import InputError

pytestmark = [pytest.mark.realdata, pytest.mark.django_db]


def compute(tmp_path, *args):
    out = tmp_path / "values.json"
    call_command("access", "compute", *args, "--format", "json", "--output", str(out))
    return json.loads(out.read_text(encoding="utf-8"))


def test_cli_against_bimd_equals_the_page_deprivation_figure(access_data, client, tmp_path):
    body = compute(tmp_path, "--max-minutes", "10", "--bassin", "N", "--against", "bimd2011_score")
    found = body["provenance"]["against"]
    assert (found["indicator"], found["period"]) == ("bimd2011_score", "2011")
    assert found["name"] == "Deprivation score (BIMD 2011)"
    # the registry's BIMD 2011 scores are the data file the page's deprivation figure reads
    page = client.get(url("fr", "access:bassin-json", slug="nord")).json()
    assert found["index"] == page["figures"]["concentration_e2sfca"]
    assert found["index"] < 0  # a little more access where deprivation is higher
    assert found["people"] == page["figures"]["deprivation_people"]
    csv_out = tmp_path / "values.csv"
    call_command(
        "access", "compute", "--max-minutes", "10", "--bassin", "N",
        "--against", "bimd2011_score", "--output", str(csv_out),
    )  # fmt: skip
    first = csv_out.read_text(encoding="utf-8").splitlines()[0]
    assert first.endswith(
        f"concentration index against bimd2011_score (Deprivation score (BIMD 2011), 2011): "
        f"{found['index']}"
    )


def test_page_against_an_indicator_names_it_fr_nl(access_data, client):
    from bassins.indicators import store

    frame = store.values_frame(indicator="share_65plus", layer="sector")
    by_sector = frame.set_index("area_code")["value"]
    result = data.result("pharmacy", 10.0, "total")
    p = result.points
    expected = equity.concentration_index(
        p["e2sfca"].to_numpy(float),
        by_sector.reindex(p["sector"]).to_numpy(float),
        p["demand"].to_numpy(float),
    )
    body = client.get(url("fr", "access:bassin-json", slug="nord") + "?against=share_65plus").json()
    region = body["against"]["region"]
    assert region["index"] == pytest.approx(expected["index"], abs=5e-5) and region["index"] > 0
    assert region["points_left_out"] == expected["left_out"] > 0  # sectors without a value
    assert region["period"] == "2022" and region["unit"] == "%"
    for lang, slug, name in (
        ("fr", "nord", "Indice de concentration selon « Part des habitants de 65 ans et plus »"),
        ("nl", "noord", "Concentratie-index volgens ‘Aandeel inwoners van 65 jaar en ouder’"),
    ):
        page = client.get(url(lang, "access:bassin", slug=slug) + "?against=share_65plus")
        text = page.content.decode()
        assert page.status_code == 200 and name in text and 'id="figure-against"' in text
        assert '<option value="share_65plus" selected>' in text
    assert np.isfinite(body["against"]["bassin"]["index"])


def test_unknown_or_unusable_indicator(access_data, client, tmp_path):
    with pytest.raises(InputError, match="unknown indicator 'nope'") as error:
        compute(tmp_path, "--against", "nope")
    assert error.value.field == "--against"
    response = client.get(url("fr", "access:bassin", slug="nord") + "?against=nope")
    assert response.status_code == 400
    with pytest.raises(InputError, match="no values per statistical sector"):
        compute(tmp_path, "--against", "median_income_2023")
