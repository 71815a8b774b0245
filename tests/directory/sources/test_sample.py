import collections

from bassins.config import data_file
from bassins.directory.sources import sample


def test_real_sample():
    bundle = sample.read(data_file("services/directory_sample_bxl.csv"))
    assert bundle.records == 249 and bundle.count("service") == 249
    assert bundle.stats == {"with_address": 204, "without_address": 45}
    categories = collections.Counter(
        r["value"] for r in bundle.rows("attribute") if r["link_type"] == "primary_category"
    )
    assert (
        categories["cpas"] == 19
        and categories["addiction"] == 42
        and categories["family_planning"] == 29
    )
    areas = collections.Counter(r["layer"] for r in bundle.rows("service_area"))
    assert areas == {"region": 40, "commune": 19, "bassin": 5}
    bassins = {r["area_code"] for r in bundle.rows("service_area") if r["layer"] == "bassin"}
    assert bassins == {"N", "NE", "S", "SE", "CO"}
    virtual = [r for r in bundle.rows("location") if r["location_type"] == "virtual"]
    assert len(virtual) == 45 and all(r["precision"] == "none" for r in virtual)
    # "Rue Van Artevelde 155 1000 Bruxelles" in the street field is split
    assert any(
        r["address_1"] == "Rue Van Artevelde 155" and r["postal_code"] == "1000"
        for r in bundle.rows("address")
    )
    assert bundle.count("taxonomy_term") > 23  # categories, built-ins and sub-categories
