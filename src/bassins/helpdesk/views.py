"""Helpdesk pages: login with a second factor, the case form, lists, statistics, audit, exports.

Thin views: cases come from `access.cases_visible_to` (the one scoping), every read, list, export and
write goes to the audit log (`access.audit`), statistics from `statistics` on `frames`.
"""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from bassins.helpdesk import access, exports, forms, frames, services, statistics
from bassins.helpdesk.models import FREE_TEXT_WARNING, Case, FollowUp, Status
from bassins.portal.context import lang_code

TABLE_TITLES = {
    "month": gettext_lazy("Requests by month"),
    "channel": gettext_lazy("Requests by channel"),
    "caller_profession": gettext_lazy("Callers by profession"),
    "caller_organisation_type": gettext_lazy("Callers by organisation type"),
    "age_band": gettext_lazy("Persons by age band"),
    "outcome": gettext_lazy("Cases by outcome"),
    "situations": gettext_lazy("Situation types (mentions)"),
    "needs": gettext_lazy("Needs (mentions)"),
    "orientations": gettext_lazy("Orientations by service category"),
    "unmet_needs": gettext_lazy("Unmet needs by need"),
    "unmet_reasons": gettext_lazy("Unmet needs by reason"),
    "unmet_by_territory": gettext_lazy("Unmet needs by need and territory"),
    "time_spent": gettext_lazy("Time spent"),
}


# formset -> (legend, label of its "add a row" button), in the order of the case form
INLINE_LABELS = {
    "orientations": (gettext_lazy("Orientations"), gettext_lazy("Add an orientation")),
    "unmet_needs": (gettext_lazy("Unmet needs"), gettext_lazy("Add an unmet need")),
    "contacts": (gettext_lazy("Contacts"), gettext_lazy("Add a contact")),
    "follow_ups": (gettext_lazy("Follow-ups"), gettext_lazy("Add a follow-up")),
}


def helpdesk_page(view):
    """Logged in, then verified by the second factor (or sent to set it up / enter it)."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not access.is_verified(request.user):
            has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
            target = "helpdesk:verify" if has_device else "helpdesk:setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return view(request, *args, **kwargs)

    return wrapper


def case_page(view):
    """A helpdesk page for users whose role sees cases; others get 404 (nothing to reveal)."""

    @helpdesk_page
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not access.case_bassins(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def get_case(request, uid, action="read") -> Case:
    """The case `uid` if the user may see it (404 otherwise, the attempt audited)."""
    case = access.cases_visible_to(request.user).filter(uid=uid).first()
    if case is None:
        # the attempt goes to the audit of the case's bassin (never shown to the user)
        target = Case.objects.filter(uid=uid).values_list("bassin", flat=True).first() or ""
        access.audit(request, "denied", "case", None, bassin=target, uid=str(uid))
        raise Http404
    access.audit(request, action, "case", case)
    return case


class LoginView(auth_views.LoginView):
    template_name = "helpdesk/login.html"
    redirect_authenticated_user = False


def _safe_next(request, default="helpdesk:home"):
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse(default)


@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """Enter the code of the confirmed TOTP device."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect("helpdesk:setup")
    error = ""
    if request.method == "POST":
        if device.verify_token((request.POST.get("token") or "").strip()):
            otp_login(request, device)
            return redirect(_safe_next(request))
        error = _("This code is not valid. Enter the current 6-digit code of your application.")
    return render(request, "helpdesk/verify.html", {"error": error, "next": _safe_next(request)})


@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """Register a TOTP application (first login): shows the key, confirms with a code."""
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("helpdesk:verify")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="helpdesk", confirmed=False)
    error = ""
    if request.method == "POST":
        if device.verify_token((request.POST.get("token") or "").strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_safe_next(request))
        error = _("This code is not valid. Enter the current 6-digit code of your application.")
    import base64

    key = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "helpdesk/setup.html",
        {"key": key, "config_url": device.config_url, "error": error, "next": _safe_next(request)},
    )


@helpdesk_page
def home(request):
    """My open cases and the follow-ups due; links to statistics (every role) and audit."""
    visible = access.cases_visible_to(request.user)
    mine = list(
        visible.filter(created_by=request.user)
        .exclude(status=Status.CLOSED)
        .order_by("-opened_on", "-id")[:50]
    )
    due = list(
        FollowUp.objects.filter(
            case__in=visible,
            done=False,
            due_on__lte=timezone.localdate() + timezone.timedelta(days=7),
        )
        .select_related("case")
        .order_by("due_on")[:50]
    )
    access.audit_list(
        request, "case", mine + [f.case for f in due if f.case not in mine], view="home"
    )
    return render(
        request,
        "helpdesk/home.html",
        {
            "cases": mine,
            "due": due,
            "sees_cases": bool(access.case_bassins(request.user)),
            "sees_audit": bool(access.audit_bassins(request.user)),
            "today": timezone.localdate(),
        },
    )


@case_page
def case_list(request):
    """The cases of the user's bassins, filtered by status, bassin and a word of the summary."""
    rows = access.cases_visible_to(request.user)
    status, bassin, q = (request.GET.get(k, "") for k in ("status", "bassin", "q"))
    if status in Status.values:
        rows = rows.filter(status=status)
    if bassin:
        rows = rows.filter(bassin=bassin)
    if q:
        rows = rows.filter(summary__icontains=q[:100])
    cases = list(rows.order_by("-opened_on", "-id")[:200])
    access.audit_list(request, "case", cases, q=q[:100], status=status, bassin_filter=bassin)
    return render(
        request,
        "helpdesk/case_list.html",
        {"cases": cases, "q": q, "status": status, "statuses": Status},
    )


def _case_forms(request, case, bassins):
    data = request.POST if request.method == "POST" else None
    form = forms.CaseForm(data, instance=case, bassins=bassins)
    formsets = {name: cls(data, instance=case, prefix=name) for name, cls in forms.FORMSETS.items()}
    return form, formsets


def save_case(request, form, formsets, *, action) -> Case:
    """Save the case and its inlines in one transaction; the write audited."""
    with transaction.atomic():
        case = form.save(commit=False)
        created = case.pk is None
        if created:
            case.created_by = request.user
        case.status = forms.status_for(action, case.closed_on)
        case.save()
        form.save_m2m()
        for name, formset in formsets.items():
            formset.instance = case
            saved = formset.save(commit=False)
            if name == "orientations":
                ids = [o.service_at_location.service_id for o in saved if o.service_at_location]
                categories = services.service_categories(ids)
                for o in saved:
                    if o.service_at_location:
                        o.category = categories.get(str(o.service_at_location.service_id), "")
            for obj in saved:
                obj.save()
            for obj in formset.deleted_objects:
                obj.delete()
        access.audit(request, "create" if created else "update", "case", case, status=case.status)
    return case


@case_page
@require_http_methods(["GET", "POST"])
def case_edit(request, uid=None):
    bassins = sorted(access.case_bassins(request.user))
    case = get_case(request, uid, action="read") if uid else Case()
    if case.pk and case.anonymised_on:
        raise Http404
    form, formsets = _case_forms(request, case, bassins)
    if request.method == "POST":
        if form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
            if form.cleaned_data["bassin"] not in bassins:
                raise Http404
            action = "draft" if "save_draft" in request.POST else "save"
            case = save_case(request, form, formsets, action=action)
            messages.success(request, _("Case saved."))
            return redirect("helpdesk:case", uid=case.uid)
    for name, formset in formsets.items():
        formset.legend, formset.add_label = INLINE_LABELS[name]
    return render(
        request,
        "helpdesk/case_form.html",
        {
            "form": form,
            "formsets": formsets,
            "inline_sets": [(name, formsets[name]) for name in INLINE_LABELS],
            "case": case,
            "warning": FREE_TEXT_WARNING,
            "services_url": reverse("helpdesk:api-services"),
        },
    )


@case_page
def case_detail(request, uid):
    case = get_case(request, uid)
    return render(request, "helpdesk/case_detail.html", {"case": case, "lang": lang_code()})


@case_page
def case_export(request, fmt):
    """The user's visible cases as CSV or XLSX; free text only with ?free_text=1; audited."""
    if fmt not in exports.FORMATS:
        raise Http404
    free_text = request.GET.get("free_text") == "1"
    cases = list(access.cases_visible_to(request.user).order_by("bassin", "opened_on", "id"))
    access.audit_list(request, "case", cases, action="export", format=fmt, free_text=free_text)
    frame = frames.export_frame(cases, lang_code(), free_text=free_text)
    return exports.response(frame, fmt, "helpdesk-cases")


@helpdesk_page
def statistics_page(request):
    scope = access.statistics_scope(request.user)
    if scope.empty:
        raise Http404
    tables = frames.statistics_tables(scope, lang_code())
    only = scope.bassins[0] if len(scope.bassins) == 1 else ""
    access.audit(
        request,
        "statistics",
        "statistics",
        bassin=only,
        bassins=list(scope.bassins),
        suppressed=scope.suppressed,
    )
    shown = frames.display_tables(tables, lang_code())
    charts = frames.display_charts(tables, lang_code(), TABLE_TITLES)
    for table in shown:
        table["title"] = TABLE_TITLES.get(table["key"], table["key"])
        table["chart"] = charts[table["key"]]
    return render(
        request,
        "helpdesk/statistics.html",
        {
            "tables": shown,
            "scope": scope,
            "threshold": statistics.THRESHOLD,
            "hidden_mark": statistics.HIDDEN,
        },
    )


@helpdesk_page
def statistics_export(request, fmt):
    scope = access.statistics_scope(request.user)
    if scope.empty or fmt not in exports.FORMATS:
        raise Http404
    tables = frames.statistics_tables(scope, lang_code())
    access.audit(
        request,
        "export",
        "statistics",
        bassins=list(scope.bassins),
        format=fmt,
        suppressed=scope.suppressed,
    )
    return exports.tables_response(tables, fmt, "helpdesk-statistics")


@helpdesk_page
def audit_page(request):
    rows = access.audit_visible_to(request.user)
    if not access.audit_bassins(request.user):
        raise Http404
    entries = list(rows.select_related(None)[:500])
    return render(request, "helpdesk/audit.html", {"entries": entries})


@require_POST
def logout(request):
    from django.contrib.auth import logout as auth_logout

    auth_logout(request)
    return redirect("helpdesk:login")
