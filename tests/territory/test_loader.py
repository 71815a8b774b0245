"""Loading into the database: generations, the store API, and bad files leaving everything as it was."""

import shutil

import pandas as pd
import pytest

from bassins.config import data_file
from bassins.errors import DataNotLoadedError, InputError, MissingColumnError, UnknownCodeError
from bassins.territory import loader, store
from bassins.territory.models import Area, Generation, SectorLink

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(Generation.objects.order_by("id").values_list("id", "active")),
        Area.objects.count(),
        SectorLink.objects.count(),
    )


def test_store_serves_the_loaded_layers(loaded_territories):
    assert {name: layer.feature_count for name, layer in store.loaded_layers().items()} == {
        "sector": 724,
        "submunicipality": 27,
        "commune": 19,
        "monitoring": 145,
        "bassin": 5,
        "region": 1,
        "monitoring_urbis": 145,
    }
    bassins = store.layer_frame("bassin")
    assert bassins.loc["CO", "area_km2"] == pytest.approx(34.05, abs=0.01)
    assert bassins.loc["SE", "basis"] == "stated"
    membership = store.membership()
    assert len(membership) == 724 and membership.loc["21004A001", "bassin"] == "CO"
    assert membership["qss"].isna().all()
    assert store.loaded_layers("2025")["sector"].feature_count == 749


def test_locate_points_and_addresses_through_the_store(loaded_territories):
    points = store.locate_points([4.3525, 5.0], [50.8467, 50.0])
    assert points["sector"].tolist() == ["21004A001", None] and points["inside"].tolist() == [
        True,
        False,
    ]
    addresses = store.locate_addresses(["1030", "1000"], ["Schaerbeek", "Bruxelles"])
    assert addresses["bassin"].tolist() == ["NE", None]
    assert addresses["precision"].tolist() == ["postcode", "postcode"]


def test_qss_layer_is_reported_missing_not_invented(loaded_territories):
    with pytest.raises(DataNotLoadedError, match="quartiers social-santé is not loaded yet"):
        store.layer_frame("qss")


def test_geojson_export_is_wgs84(loaded_territories):
    import json

    collection = json.loads(store.export_geojson("bassin"))
    assert len(collection["features"]) == 5
    geometry = collection["features"][0]["geometry"]
    ring = (
        geometry["coordinates"][0]
        if geometry["type"] == "Polygon"
        else geometry["coordinates"][0][0]
    )
    lon, lat = ring[0]
    assert 4.2 < lon < 4.5 and 50.7 < lat < 50.95


@pytest.mark.parametrize(
    "key, breaker, error",
    [
        (
            "bassins",
            lambda p: p.write_text(p.read_text().replace("21019,", "21099,")),
            UnknownCodeError,
        ),
        (
            "bassins",
            lambda p: p.write_text(p.read_text().replace(",basis", ",basis_x")),
            MissingColumnError,
        ),
        (
            "quartiers",
            lambda p: p.write_text(p.read_text().replace("21001A00-", "21001A0--")),
            InputError,
        ),
        ("sectors", lambda p: p.write_bytes(b"not a geopackage"), InputError),
    ],
)
def test_a_bad_file_leaves_the_database_as_it_was(
    loaded_territories, tmp_path, key, breaker, error
):
    before = snapshot()
    copy = tmp_path / loader.DEFAULT_FILES[key].split("/")[-1]
    shutil.copy(data_file(loader.DEFAULT_FILES[key]), copy)
    breaker(copy)
    with pytest.raises(error):
        loader.load_territories({key: copy})
    assert snapshot() == before


def test_reloading_makes_a_new_active_generation(loaded_territories):
    first = store.active_generation()
    loader.load_territories()
    second = store.active_generation()
    assert (
        second.pk != first.pk
        and Generation.objects.filter(vintage="2022", active=True).count() == 1
    )
    assert store.locate_points([4.3525], [50.8467])["sector"].iloc[0] == "21004A001"


def test_qss_workbook_importer(loaded_territories, tmp_path):
    """The official workbook's documented shape, built here: 2 quartiers social-santé per bassin."""
    membership = store.membership()
    names = {"CO": "Centre-Ouest", "N": "Nord", "NE": "Nord-Est", "S": "Sud", "SE": "Sud-Est"}
    rows = []
    for sector, row in membership.iterrows():
        qss = f"{row['bassin']}{1 if sector < '21010' else 2}"
        rows.append(
            {
                "CodeSector": sector,
                "QuartierSS_Gwwijk": qss,
                "NomQuartierSSFR": f"Quartier {qss}",
                "NaamGWwijkNL": f"Wijk {qss}",
                "BassinFR": names[row["bassin"]],
                "ZoneNL": names[row["bassin"]],
            }
        )
    path = tmp_path / "SS_QSS_2024.xlsx"
    pd.DataFrame(rows).to_excel(path, index=False)
    assert loader.load_qss(path) == 10
    qss = store.layer_frame("qss")
    assert qss["n_sectors"].sum() == 724 and qss.loc["NE1", "name_nl"] == "Wijk NE1"
    assert store.locate_points([4.3525], [50.8467])["qss"].iloc[0] == "CO1"
    # a workbook naming an unknown sector is refused and changes nothing
    before = snapshot()
    broken = pd.DataFrame(rows)
    broken.loc[5, "CodeSector"] = "21099A00-"
    broken.to_excel(path, index=False)
    with pytest.raises(UnknownCodeError, match="21099A00-"):
        loader.load_qss(path)
    assert snapshot() == before


def test_transfer_counts_exact_when_nested_area_weighted_otherwise(loaded_territories):
    ones = pd.Series(1.0, index=store.membership().index)
    by_commune, exact = store.transfer_counts(ones, "sector", "commune")
    assert (
        exact.method.startswith("exact") and by_commune["21015"] == 52 and by_commune.sum() == 724
    )
    by_bassin, _ = store.transfer_counts(
        store.transfer_counts(ones, "sector", "submunicipality")[0], "submunicipality", "bassin"
    )
    assert by_bassin.to_dict() == {"CO": 179, "N": 106, "NE": 96, "S": 213, "SE": 130}
    to_urbis, weighted = store.transfer_counts(ones, "sector", "monitoring_urbis")
    assert weighted.method.startswith("area-weighted") and to_urbis.sum() == pytest.approx(
        724, rel=1e-4
    )
    # Monitoring quartiers do not nest in communes (one spans Auderghem and Etterbeek): area-weighted
    by_quartier, _ = store.transfer_counts(ones, "sector", "monitoring")
    _, report = store.transfer_counts(by_quartier, "monitoring", "commune")
    assert report.method.startswith("area-weighted") and report.split_share > 0


def test_an_invalid_polygon_in_a_sector_geojson_leaves_the_database_as_it_was(
    loaded_territories, tmp_path
):
    import shapely

    from bassins.errors import InvalidGeometryError
    from bassins.territory import sources

    sectors = sources.read_sectors(data_file(loader.DEFAULT_FILES["sectors"])).to_crs("EPSG:4326")
    x0, y0, x1, y1 = sectors.geometry.iloc[10].bounds
    sectors.loc[sectors.index[10], "geometry"] = shapely.Polygon(
        [(x0, y0), (x1, y1), (x1, y0), (x0, y1)]
    )
    path = tmp_path / "sectors.geojson"
    sectors.reset_index(drop=True).to_file(path, driver="GeoJSON")
    before = snapshot()
    with pytest.raises(
        InvalidGeometryError,
        match=rf"invalid polygon for feature '{sectors.index[10]}': Self-intersection",
    ):
        loader.load_territories({"sectors": path})
    assert snapshot() == before
