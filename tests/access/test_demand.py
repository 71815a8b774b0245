"""Demand points: sector centres, population-weighted centres from the Schaerbeek blocks, fine demand,
age groups and the labelled fallback."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from bassins.access import demand as demand_module
from bassins.config import data_file
from bassins.population import readers


def squares():
    geoms = [shapely.box(0, 0, 100, 100), shapely.box(100, 0, 200, 100)]
    return gpd.GeoDataFrame(geometry=geoms, index=["S1", "S2"], crs="EPSG:31370")


def test_weighted_centre_and_fine_demand_by_hand():
    blocks = gpd.GeoDataFrame(
        {"block_id": ["b1", "b2"], "pop_total": [30.0, 10.0]},
        geometry=[shapely.box(0, 0, 20, 20), shapely.box(80, 80, 100, 100)],
        crs="EPSG:31370",
    )
    population = pd.Series({"S1": 200.0, "S2": 50.0})
    points = demand_module.build_demand(squares(), population, blocks=blocks)
    assert points.x[0] == pytest.approx((10 * 30 + 90 * 10) / 40)
    assert points.centre.tolist() == [demand_module.WEIGHTED, demand_module.REPRESENTATIVE]
    fine = demand_module.build_demand(squares(), population, blocks=blocks, fine=True)
    assert fine.ids.tolist() == ["S2", "b1", "b2"]
    assert fine.demand().tolist() == [50.0, 150.0, 50.0]  # the blocks spread the sector's 200
    assert fine.sector.tolist() == ["S2", "S1", "S1"]


def test_fallback_basis_is_carried():
    points = demand_module.build_demand(
        squares(), pd.Series({"S1": 10.0, "S2": 5.0}), basis=pd.Series({"S2": "estimated"})
    )
    assert points.basis.tolist() == ["official", "estimated"]
    assert points.fallback == {"points": 1, "people": 5.0}


@pytest.mark.realdata
def test_real_demand_with_schaerbeek_blocks(real_territories):
    sectors = real_territories.sectors
    pop = readers.read_sector_population_c2020(data_file(readers.SECTOR_C2020_FILE))
    population = pop.set_index("area_code")["population"].astype(float)
    blocks = demand_module.read_blocks(
        data_file("population/schaerbeek_population_urban_blocks.geojson")
    )
    ages = demand_module.read_age_groups(
        data_file("population/sector_population_by_age_bxl_c2022_675.csv")
    )
    points = demand_module.build_demand(sectors, population, age_groups=ages, blocks=blocks)
    assert len(points) == 724
    assert points.demand().sum() == pytest.approx(1_215_012)
    weighted = points.centre == demand_module.WEIGHTED
    assert weighted.sum() > 40 and all(s.startswith("21015") for s in points.ids[weighted])
    assert points.demand("65+").sum() == pytest.approx(ages["65+"].sum())
    fine = demand_module.build_demand(
        sectors, population, age_groups=ages, blocks=blocks, fine=True
    )
    assert (fine.centre == demand_module.BLOCK).sum() > 350
    # the same people, spread finer (sectors of Schaerbeek with blocks of no population keep theirs)
    assert fine.demand().sum() == pytest.approx(points.demand().sum())
    assert np.isfinite(fine.xy).all()
