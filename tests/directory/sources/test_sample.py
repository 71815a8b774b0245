import collections

from bassins.config import data_file
from bassins.directory.sources import sample


def test_real_sample():
    bundle = sample.read(data_file("services/directory_sample_bxl.csv"))
    assert bundle.records == 249 and bundle.count("service") == 249
    assert bundle.stats == {
        "with_address": 204,
        "without_address": 45,
        "hours_texts": 111,
        "hours_parsed": 52,
    }
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


def test_french_hours_written_as_weekly_schedules_beside_the_text():
    from bassins.directory.french_hours import PARSED_NOTE

    bundle = sample.read(data_file("services/directory_sample_bxl.csv"))
    schedules = list(bundle.rows("schedule"))
    texts = [r for r in schedules if not r.get("byday")]
    weekly = [r for r in schedules if r.get("byday")]
    assert len(texts) == 111 and len(weekly) == 75
    assert all(r["notes"].startswith(PARSED_NOTE) and r["freq"] == "WEEKLY" for r in weekly)
    cpas_anderlecht = sorted(
        (r["byday"], r["opens_at"], r["closes_at"]) for r in weekly if r["source_key"] == "1"
    )
    # "Accueil: lun-jeu 7h30-11h30 et 13h00-15h30, ven 7h30-11h30 et 13h00-15h00; permanence
    # téléphonique lun-ven 8h-12h et 13h-16h": the phone hours are not opening hours
    assert cpas_anderlecht == [
        ("FR", "13:00", "15:00"),
        ("MO,TU,WE,TH", "13:00", "15:30"),
        ("MO,TU,WE,TH,FR", "07:30", "11:30"),
    ]
    first = next(r for r in weekly if r["source_key"] == "1" and r["byday"] == "FR")
    assert first["description_fr"] == "vendredi 13:00–15:00"
    assert first["description_nl"] == "vrijdag 13:00–15:00"
    # a text that does not parse is kept, with no weekly row
    seasonal = [r for r in texts if r["description_fr"].startswith("semaine 19h-24h")]
    assert seasonal and not [r for r in weekly if r["source_key"] == seasonal[0]["source_key"]]
