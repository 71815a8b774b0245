"""Fixtures of the indicator tests: the table built from the real files (pure, no database)."""

import pytest

from bassins.config import data_dir, data_file


@pytest.fixture(scope="session")
def real_table(real_territories):
    from bassins.indicators import collect, registry
    from bassins.population import readers

    communes = readers.read_commune_population_by_sex(data_file(readers.COMMUNE_FILE))
    sectors = readers.read_sector_population_c2020(data_file(readers.SECTOR_C2020_FILE))
    return collect.collect_directory(
        data_dir(),
        real_territories.membership(),
        real_territories.sectors,
        registry.registry(),
        communes_population=communes,
        sectors_population=sectors,
    )
