"""Directory pages: the quality report (HTML, with a CSV twin)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bassins.directory import quality, reports
from bassins.directory.frames import source_summary

ISSUE_LIMIT = 300
ISSUE_LABELS = {
    "missing_field": _("Missing field"), "invalid_phone": _("Invalid phone number"),
    "invalid_email": _("Invalid e-mail address"), "invalid_url": _("Invalid web address"),
    "outside_region": _("Outside the region"), "not_placed": _("Not placed in a commune"),
    "stale": _("Not verified for 12 months"), "suspected_duplicate": _("Suspected duplicate"),
}
RECORD_LABELS = {"service": _("service"), "location": _("location"), "phone": _("phone")}


def quality_page(request):
    issues = reports.quality_issues()
    summary = quality.summary(issues)
    sources = [column for column in summary.columns if column not in ("issue", "total")]
    rows = [{"issue": row["issue"], "label": ISSUE_LABELS.get(row["issue"], row["issue"]),
             "counts": [int(row[s]) for s in sources], "total": int(row["total"])}
            for row in summary.to_dict("records")]
    selected = request.GET.get("issue", "")
    shown = issues[issues["issue"] == selected] if selected in quality.ISSUES else issues
    context = {
        "sources": sources, "rows": rows, "total": len(issues), "selected": selected,
        "issues": [row | {"issue_label": ISSUE_LABELS.get(row["issue"], row["issue"]),
                          "record_label": RECORD_LABELS.get(row["record_type"], row["record_type"])}
                   for row in shown.head(ISSUE_LIMIT).to_dict("records")],
        "shown": min(len(shown), ISSUE_LIMIT),
        "matching": len(shown), "today": timezone.localdate(),
        "summary": source_summary().to_dict("records"),
    }
    return render(request, "directory/quality.html", context)


def quality_csv(request):
    issues = reports.quality_issues()
    response = HttpResponse(quality.to_csv(issues), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="directory-quality-{timezone.localdate()}.csv"'
    return response
