"""`bassins load`: territories, population, directory and indicators from the data directory, in that
order."""

import io

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]


def test_load_everything_in_dependency_order(loaded_site):
    from bassins.directory.models import Service
    from bassins.population.models import PopulationCount
    from bassins.territory.models import Generation

    out = io.StringIO()
    call_command("load", stdout=out)
    steps = [line for line in out.getvalue().splitlines() if line.startswith("== bassins")]
    assert steps == [
        "== bassins territories load",
        "== bassins population load",
        "== bassins directory load",
        "== bassins indicators load",
    ]
    assert Generation.objects.filter(active=True, vintage="2022").count() == 1
    assert PopulationCount.objects.filter(layer="commune").count() == 19
    assert Service.objects.filter(source="afmps").count() == 592
    from bassins.indicators.models import IndicatorValue

    assert IndicatorValue.objects.get(indicator="population", layer="region").count == 1_218_255
    assert (
        IndicatorValue.objects.filter(indicator="pharmacies_per_10000", layer="bassin").count() == 5
    )
