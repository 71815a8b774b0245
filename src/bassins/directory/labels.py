"""What the directory's pages and downloads show a reader, in the active language (Django gettext).

The pure modules speak in codes and English (issue kinds, record types, field codes, source codes, import
exclusion reasons, the duplicate finder's reasons: what the command line prints and the database stores);
this module turns them into the reader's words. A code with no label here is shown as it is.

    source_label("afmps")                 -> "Registre des pharmacies (AFMPS)"
    field_label("contact")                -> "contact (téléphone, e-mail ou site web)"
    exclusion_text({reason: count})       -> "402 : lié à la fiche officielle du même lieu (AFMPS)"
    duplicate_reason("similar names (87), 12 m apart") -> "noms semblables (87), à 12 m l'un de l'autre"
    issue_row(row)                        -> the issue row with record/source/issue/field labels and value
    issues_csv(frame)                     -> the issue list as CSV with a translated header and labels
"""

from __future__ import annotations

import pandas as pd
from django.utils.formats import number_format
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from bassins.directory import duplicates, quality
from bassins.directory.sources import osm

SOURCE_LABELS = {
    "afmps": _("Pharmacy register (AFMPS)"),
    "hospitals": _("Hospital sites (FPS Public Health)"),
    "osm": _("OpenStreetMap"),
    "directory_sample": _("Sample of the directory"),
    "hsds": _("HSDS datapackage"),
    "spreadsheet": _("Partner spreadsheet"),
    "taxonomy": _("Taxonomy"),
    "manual": _("Entered by a data steward"),
}
RECORD_LABELS = {"service": _("service"), "location": _("location"), "phone": _("phone")}
ISSUE_LABELS = {
    "missing_field": _("Missing field"),
    "invalid_phone": _("Invalid phone number"),
    "invalid_email": _("Invalid e-mail address"),
    "invalid_url": _("Invalid web address"),
    "outside_region": _("Outside the region"),
    "not_placed": _("Not placed in a commune"),
    "stale": _("Not verified for 12 months"),
    "suspected_duplicate": _("Suspected duplicate"),
}
FIELD_LABELS = {
    "name_fr": _("name (FR)"),
    "name_nl": _("name (NL)"),
    "description_fr": _("description (FR)"),
    "category": _("category"),
    "contact": _("contact (phone, e-mail or web site)"),
    "email": _("e-mail"),
    "url": _("website"),
    "assured_date": _("date of the last verification"),
    "phone": _("phone number"),
    "address": _("address"),
    "latitude/longitude": _("coordinates (latitude/longitude)"),
    "postal_code": _("postcode"),
    "location": pgettext_lazy(
        "quality field of a suspected duplicate", "possibly the same place as"
    ),
}
#: Why an import did not load some records as records of their own (reasons stored by the importers).
EXCLUSION_REASONS = {
    osm.LINKED_REASON: _("linked to the official record of the same place (AFMPS)"),
}
#: Header of the issue list (CSV download), column by column (quality.COLUMNS).
CSV_HEADER = {
    "record_type": _("Record"),
    "record_id": _("Record identifier"),
    "source": _("Source"),
    "name": _("Name"),
    "issue": _("Issue"),
    "field": _("Field"),
    "value": _("Value"),
}
VALUE_LABELS = {quality.NEVER_VERIFIED: _("never verified")}


def _label(labels: dict, code) -> str:
    text = "" if code is None else str(code)
    return str(labels[text]) if text in labels else text


def source_label(code: str) -> str:
    return _label(SOURCE_LABELS, code)


def record_label(code: str) -> str:
    return _label(RECORD_LABELS, code)


def issue_label(code: str) -> str:
    return _label(ISSUE_LABELS, code)


def field_label(code: str) -> str:
    return _label(FIELD_LABELS, code)


def exclusion_reason(reason: str) -> str:
    return _label(EXCLUSION_REASONS, reason)


def exclusion_text(excluded: dict[str, int] | None) -> str:
    """{reason: count} -> "count: reason; ..." in the reader's language."""
    return "; ".join(
        gettext("%(count)s: %(reason)s")
        % {"count": number_format(count, force_grouping=True), "reason": exclusion_reason(reason)}
        for reason, count in (excluded or {}).items()
    )


def duplicate_reason(reason: str) -> str:
    """The duplicate finder's reason (English, as stored in the review queue) in the reader's language."""
    texts = []
    for key, value in duplicates.reason_parts(reason):
        if key == "similar_names":
            texts.append(gettext("similar names (%(score)s)") % {"score": value})
        elif key == "same_address":
            texts.append(gettext("same address"))
        elif key == "apart":
            texts.append(gettext("%(metres)s m apart") % {"metres": value})
        elif key == "same_postcode":
            texts.append(gettext("same postcode %(postcode)s") % {"postcode": value})
        else:
            texts.append(value)
    return ", ".join(texts)


def issue_value(row: dict) -> str:
    """The `value` of an issue row in the reader's language (data values stay as they are)."""
    detail = row.get("detail")
    if isinstance(detail, dict) and row.get("issue") == "suspected_duplicate":
        return gettext("%(name)s (%(reasons)s; score %(score)s)") % {
            "name": detail.get("other_name") or "",
            "reasons": duplicate_reason(detail.get("reason") or ""),
            "score": f"{float(detail.get('score') or 0):.0f}",
        }
    if isinstance(detail, dict) and detail.get("never"):
        return str(VALUE_LABELS[quality.NEVER_VERIFIED])
    value = row.get("value")
    return "" if value is None else str(value)


def issue_row(row: dict) -> dict:
    """An issue row (quality.issues) with the labels a page shows: record_label, source_label,
    issue_label, field_label, value_label."""
    return row | {
        "record_label": record_label(row.get("record_type")),
        "source_label": source_label(row.get("source")),
        "issue_label": issue_label(row.get("issue")),
        "field_label": field_label(row.get("field")),
        "value_label": issue_value(row),
    }


def issues_csv(frame) -> str:
    """The issue list (quality.issues) as CSV for a reader: translated header, labels instead of codes
    (record type, source, issue, field), values in the reader's language; record ids and names as they are."""
    rows = [issue_row(row) for row in frame.to_dict("records")]
    table = pd.DataFrame(
        {
            "record_type": [r["record_label"] for r in rows],
            "record_id": [r["record_id"] for r in rows],
            "source": [r["source_label"] for r in rows],
            "name": [r["name"] for r in rows],
            "issue": [r["issue_label"] for r in rows],
            "field": [r["field_label"] for r in rows],
            "value": [r["value_label"] for r in rows],
        },
        columns=quality.COLUMNS,
    )
    return quality.to_csv(
        table, columns=quality.COLUMNS, header=[str(CSV_HEADER[c]) for c in quality.COLUMNS]
    )
