"""The shared codes and the one "in the region" rule, applied alike by the quality report and the offer."""

import datetime as dt

import pandas as pd
import pytest

from bassins import codes
from bassins.directory import quality, reports
from bassins.offer.inputs import LOCATION_COLUMNS, prepare_locations


@pytest.mark.parametrize(
    "precision, inside, postcode, commune, expected",
    [
        ("point", True, "1200", "21018", True),  # Saint-Luc, within the tolerance
        ("point", False, "1200", None, False),  # a point outside: the postcode does not overrule it
        ("point", None, "1000", None, False),  # a point not located yet
        ("postcode", True, "1000", "21004", True),
        ("postcode", None, "1030", None, True),  # not placed yet, a Brussels postcode
        ("commune", True, "1300", "21016", True),  # placed by the commune name, odd postcode
        ("postcode", None, "1300", None, False),  # Wavre
        ("none", None, "1000", None, False),  # not placed: not counted in the region
        ("", None, "1000", "21004", False),
        (float("nan"), None, "1000", None, False),
    ],
)
def test_in_region_rule(precision, inside, postcode, commune, expected):
    assert codes.in_region(precision, inside, postcode, commune) is expected


def test_brussels_postcodes():
    assert codes.is_brussels_postcode("1000") and codes.is_brussels_postcode(1299)
    assert codes.is_brussels_postcode("1110.0")  # a spreadsheet's number
    assert not codes.is_brussels_postcode("1300") and not codes.is_brussels_postcode("999")
    assert not codes.is_brussels_postcode(None) and not codes.is_brussels_postcode("10a0")


# id, precision, inside_region, postcode, commune, sector
CASES = [
    ("saint-luc", "point", True, "1200", "21018", "21018A00-"),  # 42 m out, placed by tolerance
    ("far-point", "point", False, "1200", None, None),  # 2 km out, Brussels postcode
    ("by-postcode", "postcode", True, "1030", "21015", None),
    ("wavre", "postcode", None, "1300", None, None),
]
MEMBERSHIP = pd.DataFrame(
    [("21018A00-", "21018A", "21018", "1", "NE"), ("21015A00-", "21015A", "21015", "2", "NE")],
    columns=["sector", "submunicipality", "commune", "monitoring", "bassin"],
).set_index("sector")
MEMBERSHIP["region"] = codes.REGION_CODE
MEMBERSHIP["qss"] = None


def test_quality_report_and_offer_apply_the_same_rule():
    locations = pd.DataFrame(
        [
            {
                "id": key,
                "source": "x",
                "name": key,
                "location_type": "physical",
                "precision": precision,
                "inside_region": inside,
                "commune": commune,
                "has_address": True,
                "postcode": postcode,
            }
            for key, precision, inside, postcode, commune, _ in CASES
        ]
    )
    empty = pd.DataFrame(
        columns=["left", "right", "left_name", "right_name", "reason", "score", "left_source"]
    )
    no_services = pd.DataFrame(columns=reports.SERVICE_COLUMNS)
    no_phones = pd.DataFrame(columns=["id", "source", "name", "number", "record_type", "record_id"])
    issues = quality.issues(no_services, locations, no_phones, empty, dt.date(2026, 12, 1))
    outside_in_quality = set(issues.loc[issues["issue"] == "outside_region", "record_id"])

    frame = pd.DataFrame(
        [
            {
                "service_id": f"S-{key}",
                "service_name_fr": key,
                "service_name_nl": None,
                "organization_id": f"O-{key}",
                "location_id": key,
                "category": "hospital_emergency",
                "is_head_office": True,
                "is_site": True,
                "precision": precision,
                "sector": sector,
                "submunicipality": None,
                "commune": commune,
                "monitoring": None,
                "bassin": None,
                "qss": None,
                "source": "x",
                "status": "active",
                "extract_date": "2026-08-10",
                "postcode": postcode,
                "inside_region": inside,
            }
            for key, precision, inside, postcode, commune, sector in CASES
        ],
        columns=[*LOCATION_COLUMNS, "postcode", "inside_region"],
    )
    prepared = prepare_locations(frame, MEMBERSHIP)
    outside_in_offer = set(prepared.loc[~prepared["in_region"], "location_id"])
    assert outside_in_quality == outside_in_offer == {"far-point", "wavre"}
    expected = {key for key, p, i, pc, c, _ in CASES if not codes.in_region(p, i, pc, c)}
    assert outside_in_offer == expected


def test_bassin_slugs_round_trip_in_each_language():
    assert codes.bassin_slug("NE", "nl") == "noord-oost"
    assert codes.bassin_slug("CO", "fr") == "centre-ouest"
    assert codes.bassin_slug("S", "en") == "sud"
    for language in ("fr", "nl"):
        for code in codes.BASSIN_CODES:
            assert codes.bassin_from_slug(codes.bassin_slug(code, language)) == (code, language)
    assert codes.bassin_from_slug("noord") == ("N", "nl")
    assert codes.bassin_from_slug("ouest") is None
