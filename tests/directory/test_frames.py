import datetime as dt

from bassins.directory import frames


def test_service_location_frame_contract(directory_loaded):
    frame = frames.service_location_frame()
    assert list(frame.columns[: len(frames.LOCATION_COLUMNS)]) == frames.LOCATION_COLUMNS
    assert frame["service_at_location_id"].is_unique
    pharmacies = frame[frame["source"] == "afmps"]
    assert len(pharmacies) == 592 and (pharmacies["category"] == "pharmacy").all()
    assert (pharmacies["status"] == "temporarily_closed").sum() == 59
    assert set(pharmacies["precision"]) == {"point"} and pharmacies["commune"].notna().all()
    assert pharmacies["extract_date"].eq(dt.date(2022, 3, 8)).all()
    assert frame["is_head_office"].dtype == bool and frame["is_site"].dtype == bool
    hospitals = frame[frame["source"] == "hospitals"]
    assert (
        len(hospitals) == 37
        and hospitals["is_site"].all()
        and hospitals["is_head_office"].sum() == 21
    )
    sample = frame[frame["source"] == "directory_sample"]
    assert len(sample) == 249
    assert set(sample["precision"]) <= {"postcode", "commune", "none"}
    assert (sample["precision"] == "none").sum() >= 45
    # Bruxelles-Ville (split over N, S and CO) at postcode precision: a bassin only where the postcode
    # lies in one bassin (1020 -> N); none for 1000 (Centre-Ouest and Sud), never a wrong one.
    bruxelles_postcode = sample[
        (sample["commune"] == "21004") & (sample["precision"] == "postcode")
    ]
    by_postcode = bruxelles_postcode.groupby("postcode")["bassin"]
    assert by_postcode.size().to_dict() == {"1000": 53, "1020": 7}
    assert bruxelles_postcode.loc[bruxelles_postcode["postcode"] == "1000", "bassin"].isna().all()
    assert (bruxelles_postcode.loc[bruxelles_postcode["postcode"] == "1020", "bassin"] == "N").all()
    assert set(frame["source"]) == {"afmps", "hospitals", "osm", "directory_sample"}


def test_service_area_frame(directory_loaded):
    frame = frames.service_area_frame()
    assert list(frame.columns) == ["service_id", "layer", "area_code"]
    counts = frame.groupby("layer").size().to_dict()
    assert counts == {"region": 40, "commune": 19, "bassin": 5}
    assert set(frame.loc[frame["layer"] == "region", "area_code"]) == {"04000"}


def test_source_summary_and_categories(directory_loaded):
    summary = frames.source_summary().set_index("source")
    assert summary.loc["afmps", "records"] == 592 and summary.loc[
        "afmps", "extract_date"
    ] == dt.date(2022, 3, 8)
    assert summary.loc["hospitals", "extract_date"] == dt.date(2020, 2, 1)
    osm_linked = summary.loc["osm", "excluded"]
    assert (
        osm_linked >= 390
        and "linked to the official record" in summary.loc["osm", "excluded_reasons"]
    )
    categories = frames.category_frame()
    assert {"pharmacy", "hospital", "cpas", "helpdesk"} <= set(categories["slug"])
    assert not categories["slug"].str.contains(".", regex=False).any()
