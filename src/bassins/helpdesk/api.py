"""JSON API of the helpdesk, behind the same permissions and audit as the pages.

GET  api/cases/            the visible cases, newest first, 50 a page (?page=N; ?mine=1: those the
                           user recorded); "next" is the following page's address or null; audited
POST api/cases/            create a case (form fields as JSON; CSRF token in X-CSRFToken)
GET  api/cases/<uuid>/     one case (audited read)
POST api/cases/<uuid>/     update it
GET  api/terms/            the situation taxonomy in the reader's language
GET  api/services/?q=      services to orient to (the orientation search, see services.find_services)
GET  api/statistics/       the statistics tables of the user's scope (suppressed for analysts)
"""

from __future__ import annotations

import functools
import json

from django.db.models import prefetch_related_objects
from django.http import Http404, JsonResponse
from django.views.decorators.http import require_http_methods

from bassins.helpdesk import access, forms, frames, services
from bassins.helpdesk.models import Case, Term
from bassins.helpdesk.views import get_case, save_case
from bassins.portal.context import lang_code

PAGE_SIZE = 50
CASE_RELATED = ("situations", "needs", "orientations", "follow_ups", "unmet_needs__need")


def api_view(view):
    """JSON 403 without a verified login (no redirect), then the view."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not access.is_verified(request.user):
            return JsonResponse(
                {"error": "authentication with a second factor required"}, status=403
            )
        return view(request, *args, **kwargs)

    return wrapper


def case_json(case: Case) -> dict:
    return {
        "id": str(case.uid),
        "bassin": case.bassin,
        "status": case.status,
        "opened_on": case.opened_on.isoformat(),
        "closed_on": case.closed_on.isoformat() if case.closed_on else None,
        "channel": case.channel,
        "caller_partner": (
            {"id": case.caller_partner_id, "name": str(case.caller_partner)}
            if case.caller_partner_id
            else None
        ),
        "caller_profession": case.caller_profession,
        "caller_organisation_type": case.caller_organisation_type,
        "situations": [t.code for t in case.situations.all()],
        "needs": [t.code for t in case.needs.all()],
        "age_band": case.age_band,
        "territory_layer": case.territory_layer,
        "territory_code": case.territory_code,
        "outcome": case.outcome,
        "minutes_spent": case.minutes_spent,
        "summary": case.summary,
        "orientations": [
            {
                "service_at_location": str(o.service_at_location_id or "") or None,
                "free_text": o.free_text,
                "category": o.category,
            }
            for o in case.orientations.all()
        ],
        "follow_ups": [
            {"action": f.action, "due_on": f.due_on.isoformat(), "done": f.done}
            for f in case.follow_ups.all()
        ],
        "unmet_needs": [
            {
                "need": u.need.code,
                "territory_layer": u.territory_layer,
                "territory_code": u.territory_code,
                "reason": u.reason,
            }
            for u in case.unmet_needs.all()
        ],
    }


ALLOWED_KEYS = {*forms.CaseForm.Meta.fields, *forms.FORMSETS, "action"}


def _form_data(payload: dict, case: Case | None) -> dict:
    """The JSON payload as form data (terms by code, inlines as formset fields)."""
    data = {}
    unknown = sorted(set(payload) - ALLOWED_KEYS)
    if unknown:  # e.g. a caller's name: a case names a caller only as a registered partner
        raise ValueError(f"unknown field {unknown[0]!r}")
    codes = {t.code: t.pk for t in Term.objects.all()}
    for key, value in payload.items():
        if key in ("situations", "needs"):
            unknown = [c for c in value if c not in codes]
            if unknown:
                raise ValueError(f"unknown term {unknown[0]!r} in {key!r}")
            data[key] = [codes[c] for c in value]
        elif key not in forms.FORMSETS and value is not None:
            data[key] = value
    for name in forms.FORMSETS:
        items = payload.get(name, [])
        if not isinstance(items, list):
            raise ValueError(f"{name!r} must be a list")
        existing = list(getattr(case, name).all()) if case is not None and case.pk else []
        data[f"{name}-TOTAL_FORMS"] = len(existing) + len(items)
        data[f"{name}-INITIAL_FORMS"] = len(existing)
        for i, obj in enumerate(existing):  # an update replaces the inlines by the given ones
            data[f"{name}-{i}-id"] = obj.pk
            data[f"{name}-{i}-DELETE"] = "on"
        for j, item in enumerate(items, start=len(existing)):
            for key, value in item.items():
                if key == "need":
                    value = codes.get(value, value)
                data[f"{name}-{j}-{key}"] = value
    return data


def _save(request, case: Case | None):
    try:
        payload = json.loads(request.body or b"{}")
        if not isinstance(payload, dict):
            raise ValueError("the body must be a JSON object")
        data = _form_data(payload, case)
    except (ValueError, TypeError) as error:
        return JsonResponse({"error": str(error)}, status=400)
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list):
            query.setlist(key, [str(v) for v in value])
        else:
            query[key] = "on" if value is True else ("" if value is False else str(value))
    bassins = sorted(access.case_bassins(request.user))
    form = forms.CaseForm(query, instance=case or Case(), bassins=bassins)
    formsets = {
        n: cls(query, instance=form.instance, prefix=n) for n, cls in forms.FORMSETS.items()
    }
    if not (form.is_valid() and all(fs.is_valid() for fs in formsets.values())):
        errors = {k: [str(m) for m in v] for k, v in form.errors.items()}
        for name, fs in formsets.items():
            for i, errs in enumerate(fs.errors):
                for k, v in errs.items():
                    errors[f"{name}[{i}].{k}"] = [str(m) for m in v]
        return JsonResponse({"errors": errors}, status=400)
    saved = save_case(request, form, formsets, action=payload.get("action", "save"))
    prefetch_related_objects([saved], *CASE_RELATED)  # the inlines as stored, one query each
    return JsonResponse(case_json(saved), status=201 if case is None else 200)


@api_view
@require_http_methods(["GET", "POST"])
def cases(request):
    if not access.case_bassins(request.user):
        raise Http404
    if request.method == "POST":
        return _save(request, None)
    visible = access.cases_visible_to(request.user)
    if request.GET.get("mine") == "1":
        visible = visible.filter(created_by=request.user)
    try:
        page = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return JsonResponse({"error": "page must be a whole number"}, status=400)
    start = (page - 1) * PAGE_SIZE
    rows = list(
        visible.select_related("caller_partner")
        .prefetch_related("situations", "needs", "orientations", "follow_ups", "unmet_needs__need")
        .order_by("-opened_on", "-id")[start : start + PAGE_SIZE + 1]
    )
    more, rows = len(rows) > PAGE_SIZE, rows[:PAGE_SIZE]
    access.audit_list(request, "case", rows, api=True, page=page)
    following = None
    if more:
        query = request.GET.copy()
        query["page"] = str(page + 1)
        following = f"{request.path}?{query.urlencode()}"
    return JsonResponse({"cases": [case_json(c) for c in rows], "page": page, "next": following})


@api_view
@require_http_methods(["GET", "POST"])
def case(request, uid):
    found = get_case(request, uid)
    if request.method == "POST":
        return _save(request, found)
    prefetch_related_objects([found], *CASE_RELATED)
    return JsonResponse(case_json(found))


@api_view
def terms(request):
    lang = lang_code()
    return JsonResponse(
        {
            "terms": [
                {"code": t.code, "label": t.label(lang)} for t in Term.objects.filter(active=True)
            ]
        }
    )


@api_view
def service_search(request):
    if not access.case_bassins(request.user):
        raise Http404
    return JsonResponse({"services": services.find_services(request.GET.get("q", ""), lang_code())})


@api_view
def statistics_json(request):
    scope = access.statistics_scope(request.user)
    if scope.empty:
        raise Http404
    tables = frames.statistics_tables(scope, lang_code())
    access.audit(
        request,
        "statistics",
        "statistics",
        bassins=list(scope.bassins),
        api=True,
        suppressed=scope.suppressed,
    )
    out = {}
    for table in tables:
        shown = table.published()
        out[table.key] = {
            "unit": table.unit,
            "columns": [str(c) for c in shown.columns],
            "rows": {
                str(i): [
                    v if isinstance(v, str) else int(v) if float(v).is_integer() else float(v)
                    for v in row
                ]
                for i, row in shown.iterrows()
            },
        }
    return JsonResponse(
        {
            "bassins": list(scope.bassins),
            "suppressed": scope.suppressed,
            "hidden_as": "x",
            "tables": out,
        }
    )
