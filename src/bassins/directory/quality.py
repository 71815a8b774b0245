"""The directory's quality report: what a data steward should fix or check. Pure.

`issues(services, locations, today)` lists, one row per problem (record_type, record_id, source, name,
issue, field, value):

* missing_field: a service without French or Dutch name, description, category or any contact (field
  "contact": phone, e-mail or web site); a physical location without address;
* invalid_phone / invalid_email / invalid_url: values that do not pass bassins.directory.contacts;
* outside_region: a location whose point lies outside the Brussels-Capital Region, or whose postcode
  is not a Brussels one;
* not_placed: a physical location that could not be placed in a commune (precision "none");
* stale: a service not verified by a steward nor re-extracted from its source for 12 months;
* suspected_duplicate: from the duplicate finder (bassins.directory.duplicates).

The codes (record_type, issue, field) and the `value` texts are English; the frame's extra column
`detail` holds what a page needs to say the value in another language (for a suspected duplicate:
other_name, reason, score; for a service never verified: never=True), see bassins.directory.labels.

`summary(issues)` counts them per issue and source; `to_csv(issues)` writes them for a spreadsheet
(the COLUMNS, or the columns and header given), with values that a spreadsheet would run as formulas
neutralised (`bassins.spreadsheet.safe_cell`, the one helper of every CSV/XLSX export).
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pandas as pd

from bassins.codes import NONE, POINT, in_region, is_brussels_postcode
from bassins.directory import contacts
from bassins.spreadsheet import safe_cell

COLUMNS = ["record_type", "record_id", "source", "name", "issue", "field", "value"]
#: Field codes of the issues (besides table columns such as name_fr, email, url, postal_code).
FIELDS = (
    "name_fr",
    "name_nl",
    "description_fr",
    "category",
    "contact",
    "email",
    "url",
    "assured_date",
    "phone",
    "address",
    "latitude/longitude",
    "postal_code",
    "location",
)
NEVER_VERIFIED = "never verified"
ISSUES = (
    "missing_field",
    "invalid_phone",
    "invalid_email",
    "invalid_url",
    "outside_region",
    "not_placed",
    "stale",
    "suspected_duplicate",
)
STALE_DAYS = 365


def issues(
    services: pd.DataFrame,
    locations: pd.DataFrame,
    phones: pd.DataFrame,
    duplicates: pd.DataFrame,
    today: dt.date,
) -> pd.DataFrame:
    """services: id, source, name_fr, name_nl, description_fr, description_nl, category, email, url,
    has_phone, assured_date, extract_date, status. locations: id, source, name, location_type, precision,
    inside_region, has_address, postcode. phones: id, source, name, number, record_type, record_id.
    duplicates: left, right, left_name, right_name, reason, score, left_source."""
    rows: list[dict] = []

    def add(record_type, record_id, source, name, issue, field="", value="", detail=None):
        rows.append(
            {
                "record_type": record_type,
                "record_id": str(record_id),
                "source": source,
                "name": name,
                "issue": issue,
                "field": field,
                "value": "" if value is None else str(value),
                "detail": detail,
            }
        )

    for s in services.itertuples(index=False):
        name = s.name_fr or s.name_nl
        for field in ("name_fr", "name_nl", "description_fr"):
            if not getattr(s, field):
                add("service", s.id, s.source, name, "missing_field", field)
        if not s.category:
            add("service", s.id, s.source, name, "missing_field", "category")
        if not (s.has_phone or s.email or s.url):
            add("service", s.id, s.source, name, "missing_field", "contact")
        if s.email and not contacts.check_email(s.email).valid:
            add("service", s.id, s.source, name, "invalid_email", "email", s.email)
        if s.url and not contacts.check_url(s.url).valid:
            add("service", s.id, s.source, name, "invalid_url", "url", s.url)
        checked = max(
            [d for d in (s.assured_date, s.extract_date) if isinstance(d, dt.date)], default=None
        )
        if checked is None or (today - checked).days > STALE_DAYS:
            add(
                "service",
                s.id,
                s.source,
                name,
                "stale",
                "assured_date",
                checked.isoformat() if checked else NEVER_VERIFIED,
                None if checked else {"never": True},
            )
    for p in phones.itertuples(index=False):
        check = contacts.check_phone(p.number)
        if not check.valid:
            add(p.record_type, p.record_id, p.source, p.name, "invalid_phone", "phone", p.number)
    for loc in locations.itertuples(index=False):
        if loc.location_type == "virtual":
            continue
        if not loc.has_address:
            add("location", loc.id, loc.source, loc.name, "missing_field", "address")
        placed = loc.precision not in ("", None, NONE)
        commune = getattr(loc, "commune", None)
        if placed and not in_region(loc.precision, loc.inside_region, loc.postcode, commune):
            # the one "in the region" rule (bassins.codes.in_region), as the offer counts it
            field = "latitude/longitude" if loc.precision == POINT else "postal_code"
            value = "" if loc.precision == POINT else loc.postcode
            add("location", loc.id, loc.source, loc.name, "outside_region", field, value)
        elif not placed and loc.postcode and not is_brussels_postcode(loc.postcode):
            add(
                "location",
                loc.id,
                loc.source,
                loc.name,
                "outside_region",
                "postal_code",
                loc.postcode,
            )
        if loc.precision == NONE:
            add("location", loc.id, loc.source, loc.name, "not_placed", "address", loc.postcode)
    for d in duplicates.itertuples(index=False):
        add(
            "location",
            d.left,
            d.left_source,
            d.left_name,
            "suspected_duplicate",
            "location",
            f"{d.right_name} ({d.reason}; score {d.score:.0f})",
            {"other_name": d.right_name, "reason": d.reason, "score": float(d.score)},
        )
    frame = pd.DataFrame(rows, columns=COLUMNS + ["detail"])
    order = {issue: position for position, issue in enumerate(ISSUES)}
    frame["_order"] = frame["issue"].map(order)
    frame = frame.sort_values(["_order", "source", "name", "record_id", "field"], kind="stable")
    return frame.drop(columns="_order").reset_index(drop=True)


def summary(frame: pd.DataFrame) -> pd.DataFrame:
    """Counts per issue (rows) and source (columns), with a total."""
    if frame.empty:
        return pd.DataFrame(columns=["issue", "total"])
    table = frame.pivot_table(
        index="issue", columns="source", values="record_id", aggfunc="count", fill_value=0
    )
    table["total"] = table.sum(axis=1)
    order = [issue for issue in ISSUES if issue in table.index]
    return table.loc[order].reset_index()


def to_csv(
    frame: pd.DataFrame, columns: list[str] | None = None, header: list[str] | None = None
) -> str:
    """CSV text of `columns` of the frame (default: the issue COLUMNS when the frame is an issue list,
    else every column), under `header` (default: the column names)."""
    if columns is None:
        columns = COLUMNS if "detail" in frame.columns else list(frame.columns)
    header = list(columns) if header is None else list(header)
    if len(header) != len(columns):
        raise ValueError(f"{len(header)} header labels for {len(columns)} columns")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([safe_cell(label) for label in header])
    for row in frame[columns].itertuples(index=False):
        writer.writerow([safe_cell(value) for value in row])
    return buffer.getvalue()
