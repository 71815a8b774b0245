import datetime as dt

from bassins.config import data_file
from bassins.directory.sources import hospitals


def test_real_sites():
    bundle = hospitals.read(data_file("services/hospitals_sites_bxl_2020.csv"))
    assert bundle.records == 37 and bundle.count("service") == 37 and bundle.count("location") == 37
    assert bundle.extract_date == dt.date(2020, 2, 1)
    assert bundle.stats["emergency"] == 16
    services = {r["source_key"]: r for r in bundle.rows("service")}
    assert services["1570"]["name_fr"] == "Centre Hospitalier Universitaire Brugmann – Victor Horta"
    assert "631 lits agréés, service d'urgences" in services["1570"]["description_fr"]
    beds = {
        r["link_id"]: r["value"]
        for r in bundle.rows("attribute")
        if r["link_type"] == "hospital_beds"
    }
    assert beds[services["4190"]["id"]] == "973"
    categories = {
        r["link_id"]: r["value"]
        for r in bundle.rows("attribute")
        if r["link_type"] == "primary_category"
    }
    assert categories[services["2670"]["id"]] == "hospital_psychiatric"
    assert categories[services["1570"]["id"]] == "hospital"
    heads = [r for r in bundle.rows("location") if r["is_head_office"]]
    assert len(heads) == 21  # one main site per hospital (the row carrying its facility type)
    address = next(r for r in bundle.rows("address") if r["source_key"] == "1470")
    assert address["address_1"] == "Bd. J. Graindor 66" and address["city"] == "Anderlecht"
    phones = {r["number"] for r in bundle.rows("phone")}
    assert "+32 2 221 91 11" in phones
