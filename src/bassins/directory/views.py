"""Directory pages: the quality report (HTML, with a CSV twin), in the reader's language (labels)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from bassins.directory import labels, quality, reports
from bassins.directory.frames import source_summary

ISSUE_LIMIT = 300


def quality_page(request):
    issues = reports.quality_issues()
    summary = quality.summary(issues)
    sources = [column for column in summary.columns if column not in ("issue", "total")]
    rows = [
        {
            "issue": row["issue"],
            "label": labels.issue_label(row["issue"]),
            "counts": [int(row[s]) for s in sources],
            "total": int(row["total"]),
        }
        for row in summary.to_dict("records")
    ]
    selected = request.GET.get("issue", "")
    shown = issues[issues["issue"] == selected] if selected in quality.ISSUES else issues
    context = {
        "sources": [{"code": source, "label": labels.source_label(source)} for source in sources],
        "rows": rows,
        "total": len(issues),
        "selected": selected,
        "selected_label": labels.issue_label(selected) if selected in quality.ISSUES else "",
        "issues": [labels.issue_row(row) for row in shown.head(ISSUE_LIMIT).to_dict("records")],
        "shown": min(len(shown), ISSUE_LIMIT),
        "matching": len(shown),
        "today": timezone.localdate(),
        "summary": [
            row
            | {
                "source_label": labels.source_label(row["source"]),
                "excluded_text": labels.exclusion_text(row["excluded_by_reason"]),
            }
            for row in source_summary().to_dict("records")
        ],
    }
    return render(request, "directory/quality.html", context)


def quality_csv(request):
    issues = reports.quality_issues()
    response = HttpResponse(labels.issues_csv(issues), content_type="text/csv; charset=utf-8")
    stem = _("directory-quality")  # a file name: lower case, no space
    filename = f"{stem}-{timezone.localdate()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
