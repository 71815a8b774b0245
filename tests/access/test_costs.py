"""Travel costs: straight line (stated detour and speed) and a real walking network read from a
small OpenStreetMap extract the test writes itself (pyosmium), routed by Dijkstra."""

from __future__ import annotations

import numpy as np
import osmium
import pytest
from pyproj import Transformer

from bassins.access import costs
from bassins.errors import InputError

TO_WGS = Transformer.from_crs("EPSG:31370", "EPSG:4326", always_xy=True)
ORIGIN = (148_000.0, 170_000.0)  # Lambert 72, central Brussels


def test_straight_line_uses_detour_and_speed_and_records_them():
    cm = costs.straight_line([[0, 0], [1000, 0]], [[0, 800], [5000, 5000]], 30.0)
    dense = cm.dense()
    assert dense[0, 0] == pytest.approx(800 * 1.3 / 80)  # 13 minutes
    assert np.isnan(dense[0, 1]) and np.isnan(dense[1, 1])  # beyond 30 minutes
    assert cm.source == {
        "kind": "straight_line",
        "detour_factor": 1.3,
        "speed_kmh": 4.8,
        "max_minutes": 30.0,
    }


def test_zero_distance_pair_is_kept():
    cm = costs.straight_line([[10, 10], [500, 0]], [[10, 10]], 5.0)
    assert cm.rows.tolist() == [0] and cm.minutes.tolist() == [0.0]


def test_bad_points_are_refused():
    with pytest.raises(InputError, match="demand point 1 has no finite"):
        costs.straight_line([[0, 0], [np.nan, 1]], [[0, 0]], 10.0)


def write_grid_pbf(path, size=5, step=100.0, missing=()):
    """A `size` x `size` grid of footways `step` m apart; `missing`: (row, col) horizontal segments
    left out (a river with no bridge)."""
    nodes = {}
    with osmium.SimpleWriter(str(path)) as writer:
        for r in range(size):
            for c in range(size):
                node_id = 1 + r * size + c
                lon, lat = TO_WGS.transform(ORIGIN[0] + c * step, ORIGIN[1] + r * step)
                writer.add_node(osmium.osm.mutable.Node(id=node_id, location=(lon, lat), version=1))
                nodes[(r, c)] = node_id
        way_id = 1
        for r in range(size):
            for c in range(size):
                for dr, dc in ((0, 1), (1, 0)):
                    if (r + dr, c + dc) not in nodes or ((r, c) in missing and dc == 1):
                        continue
                    writer.add_way(
                        osmium.osm.mutable.Way(
                            id=way_id,
                            nodes=[nodes[(r, c)], nodes[(r + dr, c + dc)]],
                            tags={"highway": "footway"},
                            version=1,
                        )
                    )
                    way_id += 1
    return path


def test_walking_network_from_pbf_routes_around_a_gap(tmp_path):
    # no direct link between columns 0 and 1 on rows 0..3: from (0,0) to (0,1) one walks up to
    # row 4 and back: 4 + 1 + 4 = 9 segments of 100 m
    pbf = write_grid_pbf(tmp_path / "grid.osm.pbf", missing={(r, 0) for r in range(4)})
    network = costs.WalkingNetwork.from_pbf(pbf)
    assert network.source["nodes"] == 25
    assert network.source["file"] == "grid.osm.pbf" and len(network.source["sha256"]) == 64
    demand = np.array([[ORIGIN[0], ORIGIN[1]], [ORIGIN[0] + 400, ORIGIN[1] + 400]])
    supply = np.array([[ORIGIN[0] + 100, ORIGIN[1]], [ORIGIN[0], ORIGIN[1] + 400]])
    cm = network.costs(demand, supply, max_minutes=30.0)
    dense = cm.dense()
    assert dense[0, 0] == pytest.approx(900 / 80, rel=1e-3)  # around the gap, not 100 m
    assert dense[0, 1] == pytest.approx(400 / 80, rel=1e-3)  # straight up column 0
    assert dense[1, 1] == pytest.approx(400 / 80, rel=1e-3)  # along row 4
    assert cm.source["kind"] == "network" and cm.source["speed_kmh"] == 4.8
    # the cut applies to the network distance
    assert np.isnan(network.costs(demand, supply, max_minutes=10.0).dense()[0, 0])


def test_network_snaps_points_to_the_nearest_node(tmp_path):
    network = costs.WalkingNetwork.from_pbf(write_grid_pbf(tmp_path / "g.osm.pbf", size=3))
    cm = network.costs([[ORIGIN[0] - 30, ORIGIN[1]]], [[ORIGIN[0] + 200, ORIGIN[1] + 40]], 20.0)
    assert cm.minutes[0] == pytest.approx((30 + 200 + 40) / 80, rel=1e-3)


def test_unreadable_extract_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.osm.pbf"
    bad.write_bytes(b"not a pbf")
    with pytest.raises(InputError, match="bad.osm.pbf"):
        costs.WalkingNetwork.from_pbf(bad)
