import datetime as dt

import pandas as pd

from bassins.directory import quality


def test_issues_and_csv_neutralises_formulas():
    services = pd.DataFrame(
        [
            {
                "id": "s1",
                "source": "spreadsheet",
                "name_fr": '=HYPERLINK("http://x")',
                "name_nl": "",
                "description_fr": "",
                "description_nl": "",
                "category": None,
                "email": "not-an-email",
                "url": "javascript:1",
                "has_phone": False,
                "assured_date": None,
                "extract_date": dt.date(2020, 1, 1),
                "status": "active",
            }
        ]
    )
    locations = pd.DataFrame(
        [
            {
                "id": "l1",
                "source": "hospitals",
                "name": "Saint-Luc",
                "location_type": "physical",
                "precision": "point",
                "inside_region": False,
                "has_address": True,
                "postcode": "1200",
            },
            {
                "id": "l2",
                "source": "x",
                "name": "Nowhere",
                "location_type": "physical",
                "precision": "none",
                "inside_region": None,
                "has_address": False,
                "postcode": "",
            },
        ]
    )
    phones = pd.DataFrame(
        [
            {
                "id": "p1",
                "source": "x",
                "number": "12345",
                "record_type": "service",
                "record_id": "s1",
                "name": "n",
            }
        ]
    )
    dups = pd.DataFrame(
        columns=["left", "right", "left_name", "right_name", "reason", "score", "left_source"]
    )
    frame = quality.issues(services, locations, phones, dups, dt.date(2026, 11, 1))
    kinds = frame.groupby("issue").size().to_dict()
    assert kinds == {
        "missing_field": 4,
        "invalid_email": 1,
        "invalid_url": 1,
        "invalid_phone": 1,
        "outside_region": 1,
        "not_placed": 1,
        "stale": 1,
    }
    text = quality.to_csv(frame)
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text
    assert quality.safe_cell("+32 2 529 41 20") == "+32 2 529 41 20"
    assert quality.safe_cell("-1+2") == "'-1+2"
    summary = quality.summary(frame)
    assert summary.set_index("issue").loc["missing_field", "total"] == 4
