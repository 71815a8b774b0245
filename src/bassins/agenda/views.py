"""The agenda's pages (FR, NL, EN), their `.json` twins and the iCalendar feeds. Thin: the rules
are in registrations.py and opendoor.py, the entries in feeds.py.

URLs live under a bassin's site prefix (/fr/bassin/<slug>/, /nl/zorgzone/<slug>/): a slug of the
other language redirects to the same page with the slug of the page's language."""

from __future__ import annotations

import csv
import functools
import hashlib

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bassins.agenda import feeds, links, mail, opendoor, registrations
from bassins.agenda.forms import BookingForm, RegistrationForm
from bassins.agenda.models import (
    Booking,
    Event,
    OpenDoorWeek,
    Professional,
    Registration,
    WorkingGroup,
)
from bassins.agenda.themes import THEMES, theme_from_slug, theme_slug
from bassins.agenda.tokens import is_signed, read_token
from bassins.codes import bassin_from_slug, bassin_slug
from bassins.errors import DataNotLoadedError
from bassins.portal.context import lang_code
from bassins.web.editors import can_edit

SHOWN = (Event.Status.PUBLISHED, Event.Status.CANCELLED)
JSON = {"json_dumps_params": {"ensure_ascii": False, "indent": 1}}


def bassin_name(code: str, lang: str) -> str:
    """The bassin's name in `lang` (from the territories; its code when they are not loaded)."""
    from bassins.portal.areas import bassin_rows

    try:
        names = {row["code"]: row["name"] for row in bassin_rows(lang)}
    except DataNotLoadedError:
        return code
    return names.get(code, code)


def bassin_view(view):
    """Resolve the URL's bassin (and theme) slug; 404 for an unknown one, redirect to the page's
    language's slug for the other language's."""

    @functools.wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        found = bassin_from_slug(slug)
        if found is None:
            raise Http404(_("No bassin is called “%(slug)s”.") % {"slug": slug})
        code, _slug_lang = found
        lang = lang_code()
        given, wanted = {"slug": slug}, {"slug": bassin_slug(code, lang)}
        if "theme" in kwargs:
            theme = theme_from_slug(kwargs["theme"])
            if theme is None:
                raise Http404(
                    _("No working group is called “%(slug)s”.") % {"slug": kwargs["theme"]}
                )
            given["theme"], wanted["theme"] = kwargs["theme"], theme_slug(theme[0], lang)
            kwargs["theme"] = theme[0]
        if given != wanted:
            match = request.resolver_match
            target = reverse(match.view_name, kwargs={**match.kwargs, **wanted})
            if request.GET:
                target += "?" + request.GET.urlencode()
            return HttpResponseRedirect(target)
        return view(request, code, *args, **kwargs)

    return wrapper


# -- rows shared by the pages and their JSON twins -------------------------------------------------


def event_row(event: Event, lang: str, request=None) -> dict:
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    count = registrations.counts(event)
    return {
        "id": event.pk,
        "uid": str(event.uid),
        "bassin": event.bassin,
        "kind": event.kind,
        "kind_label": str(event.get_kind_display()),
        "audience": event.audience,
        "audience_label": str(event.get_audience_display()),
        "working_group": event.working_group.theme if event.working_group_id else None,
        "working_group_label": str(event.working_group.get_theme_display())
        if event.working_group_id
        else None,
        "title": event.title_nl or event.title_fr if lang == "nl" else event.title,
        "title_fr": event.title_fr,
        "title_nl": event.title_nl,
        "description_html": event.description_nl or event.description_fr
        if lang == "nl"
        else event.description,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "start_local": start,
        "end_local": end,
        "timezone": "Europe/Brussels",
        "place": event.address,
        "online_url": event.online_url,
        "location": {
            "precision": event.precision or None,
            "latitude": event.latitude,
            "longitude": event.longitude,
            "commune": event.commune or None,
            "sector": event.sector or None,
        },
        "status": event.status,
        "cancelled": event.status == Event.Status.CANCELLED,
        "capacity": event.capacity,
        "registered": count.confirmed,
        "waiting": count.waiting,
        "places_left": count.places_left,
        "registration_open": registrations.refusal(event) is None,
        "url": links.absolute(links.event_url(event, lang), request),
        "ics_url": links.absolute(links.url("event-ics", event.bassin, lang, pk=event.pk), request),
    }


def _json_row(row: dict) -> dict:
    return {k: v for k, v in row.items() if not k.endswith("_local")}


def _events(code: str, *, past: bool, group: WorkingGroup | None = None):
    now = timezone.now()
    events = Event.objects.filter(bassin=code, status__in=SHOWN).select_related("working_group")
    if group is not None:
        events = events.filter(working_group=group)
    if past:
        return events.filter(end__lt=now).order_by("-start", "-pk")
    return events.filter(end__gte=now).order_by("start", "pk")


def _agenda_context(request, code: str, *, past: bool) -> dict:
    from bassins.sites.views import site_url  # the sites include the agenda's parts: import late

    lang = lang_code()
    rows = [event_row(e, lang, request) for e in _events(code, past=past)]
    return {
        "bassin": code,
        "site_url": site_url(code, lang),
        "bassin_name": bassin_name(code, lang),
        "events": rows,
        "past": past,
        "ics_url": links.url("bassin-ics", code, lang),
        "archive_url": links.url("archive", code, lang),
        "agenda_url": links.url("bassin", code, lang),
        "groups_url": links.url("groups", code, lang),
        "json_url": links.url("archive-json" if past else "bassin-json", code, lang),
        "weeks": _week_rows(code, lang),
    }


def _week_rows(code: str, lang: str) -> list[dict]:
    today = timezone.localdate()
    return [
        {
            "title": w.title_nl if lang == "nl" else w.title_fr,
            "first_day": w.first_day,
            "last_day": w.last_day,
            "url": links.url("open-door", code, lang, pk=w.pk),
        }
        for w in OpenDoorWeek.objects.filter(bassin=code, last_day__gte=today).order_by("first_day")
    ]


def _agenda_json(request, code: str, past: bool) -> JsonResponse:
    context = _agenda_context(request, code, past=past)
    return JsonResponse(
        {
            "bassin": code,
            "bassin_name": context["bassin_name"],
            "language": lang_code(),
            "past": past,
            "timezone": "Europe/Brussels",
            "events": [_json_row(r) for r in context["events"]],
            "ics_url": request.build_absolute_uri(context["ics_url"]),
        },
        **JSON,
    )


@bassin_view
def bassin_agenda(request, code):
    return render(request, "agenda/agenda.html", _agenda_context(request, code, past=False))


@bassin_view
def bassin_agenda_json(request, code):
    return _agenda_json(request, code, past=False)


@bassin_view
def bassin_archive(request, code):
    return render(request, "agenda/agenda.html", _agenda_context(request, code, past=True))


@bassin_view
def bassin_archive_json(request, code):
    return _agenda_json(request, code, past=True)


# -- iCalendar feeds -----------------------------------------------------------------------------


def _ics(request, body: bytes, filename: str) -> HttpResponse:
    """The feed with an ETag of its bytes: a calendar polling it again gets 304 when unchanged."""
    etag = f'"{hashlib.sha256(body).hexdigest()[:24]}"'
    conditional = get_conditional_response(request, etag=etag)
    if conditional is not None:
        return conditional
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    return response


def _feed_events(code: str, group=None):
    """What a feed holds: the upcoming events and those of the last 90 days, cancelled ones too
    (so calendars that imported them see the cancellation)."""
    since = timezone.now() - timezone.timedelta(days=90)
    events = Event.objects.filter(bassin=code, status__in=SHOWN, end__gte=since)
    if group is not None:
        events = events.filter(working_group=group)
    return events.select_related("working_group").order_by("start", "pk")


@bassin_view
def bassin_ics(request, code):
    lang = lang_code()
    entries = [feeds.event_entry(e, lang, request) for e in _feed_events(code)]
    name = _("Agenda of bassin %(name)s") % {"name": bassin_name(code, lang)}
    return _ics(
        request, feeds.calendar_file(entries, name), f"agenda-{bassin_slug(code, lang)}.ics"
    )


@bassin_view
def group_ics(request, code, theme):
    lang = lang_code()
    group = get_object_or_404(WorkingGroup, bassin=code, theme=theme)
    entries = [feeds.event_entry(e, lang, request) for e in _feed_events(code, group)]
    name = f"{group.get_theme_display()} · {bassin_name(code, lang)}"
    return _ics(request, feeds.calendar_file(entries, name), f"{theme_slug(theme, lang)}.ics")


@bassin_view
def event_ics(request, code, pk):
    lang = lang_code()
    event = get_object_or_404(Event, pk=pk, bassin=code, status__in=SHOWN)
    return _ics(
        request,
        feeds.calendar_file([feeds.event_entry(event, lang, request)], event.title),
        f"event-{event.pk}.ics",
    )


# -- an event: its page, registration, cancellation ------------------------------------------------


@bassin_view
@require_http_methods(["GET", "POST"])
def event_page(request, code, pk):
    lang = lang_code()
    event = get_object_or_404(
        Event.objects.select_related("working_group"), pk=pk, bassin=code, status__in=SHOWN
    )
    form = RegistrationForm(request.POST or None)
    refused = None
    if request.method == "POST" and form.is_valid():
        try:
            registration = registrations.register(event, **form.cleaned_data, language=lang)
        except registrations.RegistrationRefused as error:
            refused = str(error)
        else:
            mail.registration_mail(registration, "registered", request)
            return HttpResponseRedirect(
                links.event_url(event, lang) + f"?done={registration.status}"
            )
    done = request.GET.get("done")
    context = {
        "event": event_row(event, lang, request),
        "bassin": code,
        "bassin_name": bassin_name(code, lang),
        "form": form,
        "refused": refused or registrations.refusal(event),
        "done": done if done in Registration.Status.values else None,
        "agenda_url": links.url("bassin", code, lang),
        "group_url": links.group_url(event.working_group, lang) if event.working_group_id else None,
        "ics_url": links.url("event-ics", code, lang, pk=event.pk),
    }
    return render(request, "agenda/event.html", context, status=400 if refused else 200)


@bassin_view
def event_json(request, code, pk):
    event = get_object_or_404(Event, pk=pk, bassin=code, status__in=SHOWN)
    return JsonResponse(_json_row(event_row(event, lang_code(), request)), **JSON)


@bassin_view
@require_http_methods(["GET", "POST"])
def cancel(request, code, token):
    lang = lang_code()
    registration = read_token(token, Registration)
    if registration is None or registration.event.bassin != code:
        # a forged or mistyped link is a bad request; a genuine one whose registration was purged
        # after the event (or that names another bassin) is gone
        status = 410 if is_signed(token) else 400
        return render(
            request, "agenda/cancel.html", {"invalid": True, "bassin": code}, status=status
        )
    event = registration.event
    cancelled = registration.status == Registration.Status.CANCELLED
    if request.method == "POST" and not cancelled:
        for promoted in registrations.cancel(registration):
            mail.registration_mail(promoted, "promoted", request)
        cancelled = True
    context = {
        "registration": registration,
        "event": event_row(event, lang, request),
        "cancelled": cancelled,
        "bassin": code,
        "agenda_url": links.url("bassin", code, lang),
    }
    return render(request, "agenda/cancel.html", context)


# -- working groups ------------------------------------------------------------------------------


def group_row(group: WorkingGroup, lang: str, request=None) -> dict:
    return {
        "theme": group.theme,
        "name": str(group.get_theme_display()),
        "purpose": group.purpose_nl or group.purpose_fr if lang == "nl" else group.purpose,
        "contact": {
            "name": group.contact_name or None,
            "email": group.contact_email or None,
            "phone": group.contact_phone or None,
        },
        "url": links.absolute(links.group_url(group, lang), request),
        "ics_url": links.absolute(
            links.url("group-ics", group.bassin, lang, theme=group.theme), request
        ),
    }


def _groups(code: str) -> list[WorkingGroup]:
    order = {theme: i for i, theme in enumerate(THEMES)}
    return sorted(WorkingGroup.objects.filter(bassin=code), key=lambda g: order[g.theme])


@bassin_view
def groups(request, code):
    lang = lang_code()
    context = {
        "bassin": code,
        "bassin_name": bassin_name(code, lang),
        "groups": [group_row(g, lang, request) for g in _groups(code)],
        "agenda_url": links.url("bassin", code, lang),
    }
    return render(request, "agenda/groups.html", context)


@bassin_view
def groups_json(request, code):
    lang = lang_code()
    return JsonResponse(
        {"bassin": code, "groups": [group_row(g, lang, request) for g in _groups(code)]}, **JSON
    )


def _group_context(request, code, theme) -> dict:
    lang = lang_code()
    group = get_object_or_404(WorkingGroup, bassin=code, theme=theme)
    return {
        "bassin": code,
        "bassin_name": bassin_name(code, lang),
        "group": group_row(group, lang, request),
        "events": [event_row(e, lang, request) for e in _events(code, past=False, group=group)],
        "past_events": [
            event_row(e, lang, request) for e in _events(code, past=True, group=group)[:20]
        ],
        "groups_url": links.url("groups", code, lang),
        "ics_url": links.url("group-ics", code, lang, theme=theme),
    }


@bassin_view
def group(request, code, theme):
    return render(request, "agenda/group.html", _group_context(request, code, theme))


@bassin_view
def group_json(request, code, theme):
    context = _group_context(request, code, theme)
    return JsonResponse(
        {
            "bassin": code,
            "group": context["group"],
            "events": [_json_row(r) for r in context["events"]],
            "past_events": [_json_row(r) for r in context["past_events"]],
        },
        **JSON,
    )


# -- open-door weeks -----------------------------------------------------------------------------


def _slot_rows(week, left) -> list[dict]:
    rows = []
    for slot in week.slots.select_related("location").order_by("start", "service_name"):
        start, end = timezone.localtime(slot.start), timezone.localtime(slot.end)
        rows.append(
            {
                "id": slot.pk,
                "service": slot.service_name,
                "service_id": str(slot.service_id) if slot.service_id else None,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "start_local": start,
                "end_local": end,
                "capacity": slot.capacity,
                "places_left": left.get(slot.pk, 0),
                "note": slot.note,
            }
        )
    return rows


@bassin_view
@require_http_methods(["GET", "POST"])
def open_door(request, code, pk):
    lang = lang_code()
    week = get_object_or_404(OpenDoorWeek, pk=pk, bassin=code)
    slots = list(week.slots.order_by("start", "service_name"))
    left = opendoor.places_left(slots)
    open_slots = [s for s in slots if left[s.pk] > 0 and s.start > timezone.now()]
    form = BookingForm(request.POST or None, slots=open_slots, left=left)
    problems = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            professional, bookings = opendoor.book(
                week,
                name=data["name"],
                email=data["email"],
                organisation=data["organisation"],
                slot_ids=data["slots"],
                language=lang,
            )
        except opendoor.BookingRefused as error:
            problems = error.problems
        else:
            mail.booking_mail(professional, bookings, request)
            return HttpResponseRedirect(
                links.url("open-door", code, lang, pk=week.pk) + f"?booked={len(bookings)}"
            )
    booked = request.GET.get("booked", "")
    context = {
        "week": week,
        "title": week.title_nl if lang == "nl" else week.title_fr,
        "description": week.description_nl or week.description_fr
        if lang == "nl"
        else week.description,
        "bassin": code,
        "bassin_name": bassin_name(code, lang),
        "slots": _slot_rows(week, left),
        "form": form,
        "problems": problems,
        "booked": int(booked) if booked.isdigit() else None,
        "can_edit": can_edit(request.user, code),
        "team_url": links.url("open-door-team", code, lang, pk=week.pk),
        "agenda_url": links.url("bassin", code, lang),
    }
    return render(request, "agenda/open_door.html", context, status=400 if problems else 200)


@bassin_view
@require_http_methods(["GET", "POST"])
def my_visits(request, code, token):
    """A professional's visits of an open-door week (the link of their confirmation, no login):
    they cancel the ones they will not make, which frees the places."""
    lang = lang_code()
    professional = read_token(token, Professional, kind="professional")
    if professional is None or professional.week.bassin != code:
        status = 410 if is_signed(token, kind="professional") else 400
        return render(
            request, "agenda/my_visits.html", {"invalid": True, "bassin": code}, status=status
        )
    cancelled = None
    if request.method == "POST":
        chosen = {int(v) for v in request.POST.getlist("cancel") if v.isdigit()}
        cancelled, _deleted = professional.bookings.filter(
            pk__in=chosen, slot__start__gt=timezone.now()
        ).delete()
    visits = [
        {
            "booking": b,
            "start": timezone.localtime(b.slot.start),
            "end": timezone.localtime(b.slot.end),
            "past": b.slot.start <= timezone.now(),
        }
        for b in professional.bookings.select_related("slot").order_by("slot__start")
    ]
    week = professional.week
    context = {
        "professional": professional,
        "title": week.title_nl if lang == "nl" else week.title_fr,
        "visits": visits,
        "cancelled": cancelled,
        "bassin": code,
        "page_url": links.url("open-door", code, lang, pk=week.pk),
    }
    return render(request, "agenda/my_visits.html", context)


@bassin_view
def open_door_json(request, code, pk):
    week = get_object_or_404(OpenDoorWeek, pk=pk, bassin=code)
    slots = list(week.slots.all())
    return JsonResponse(
        {
            "bassin": code,
            "title_fr": week.title_fr,
            "title_nl": week.title_nl,
            "first_day": week.first_day.isoformat(),
            "last_day": week.last_day.isoformat(),
            "booking_open": week.booking_open,
            "slots": [_json_row(r) for r in _slot_rows(week, opendoor.places_left(slots))],
        },
        **JSON,
    )


def _team_only(request, code):
    """A redirect to the login page, or PermissionDenied for anyone who does not edit `code`."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("admin:login"))
    if not can_edit(request.user, code):
        raise PermissionDenied
    return None


def _team_week(request, code, pk):
    redirect = _team_only(request, code)
    if redirect:
        return None, redirect
    return get_object_or_404(OpenDoorWeek, pk=pk, bassin=code), None


@bassin_view
def open_door_overview(request, code):
    """The team's view of every open-door week of the bassin, with its figures."""
    redirect = _team_only(request, code)
    if redirect:
        return redirect
    lang = lang_code()
    weeks = [
        {
            "week": week,
            "title": week.title_nl if lang == "nl" else week.title_fr,
            "summary": opendoor.summary(week),
            "team_url": links.url("open-door-team", code, lang, pk=week.pk),
            "csv_url": links.url("open-door-csv", code, lang, pk=week.pk),
        }
        for week in OpenDoorWeek.objects.filter(bassin=code).order_by("-first_day")
    ]
    context = {"bassin": code, "bassin_name": bassin_name(code, lang), "weeks": weeks}
    return render(request, "agenda/open_door_overview.html", context)


def _professional_rows(week) -> list[dict]:
    rows = []
    for professional in week.professionals.prefetch_related("bookings__slot").order_by("name"):
        visits = sorted(professional.bookings.all(), key=lambda b: b.slot.start)
        rows.append(
            {
                "professional": professional,
                "visits": [
                    {"booking": b, "start": timezone.localtime(b.slot.start)} for b in visits
                ],
                "no_shows": sum(b.attended is False for b in visits),
            }
        )
    return rows


ATTENDANCE = {"": None, "yes": True, "no": False}


@bassin_view
@require_http_methods(["GET", "POST"])
def open_door_team(request, code, pk):
    week, redirect = _team_week(request, code, pk)
    if redirect:
        return redirect
    lang = lang_code()
    saved = None
    if request.method == "POST":
        bookings = {b.pk: b for b in Booking.objects.filter(slot__week=week)}
        changed = 0
        with transaction.atomic():
            for key, value in request.POST.items():
                number = key.removeprefix("attended-")
                if not key.startswith("attended-") or not number.isdigit():
                    continue
                booking = bookings.get(int(number))
                if value not in ATTENDANCE:
                    continue
                if booking is not None and booking.attended != ATTENDANCE[value]:
                    booking.attended = ATTENDANCE[value]
                    booking.save(update_fields=["attended"])
                    changed += 1
        saved = changed
    context = {
        "week": week,
        "title": week.title_nl if lang == "nl" else week.title_fr,
        "bassin": code,
        "bassin_name": bassin_name(code, lang),
        "summary": opendoor.summary(week),
        "services": opendoor.service_rows(week),
        "professionals": _professional_rows(week),
        "saved": saved,
        "csv_url": links.url("open-door-csv", code, lang, pk=week.pk),
        "page_url": links.url("open-door", code, lang, pk=week.pk),
        "overview_url": links.url("open-door-overview", code, lang),
    }
    return render(request, "agenda/open_door_team.html", context)


@bassin_view
def open_door_csv(request, code, pk):
    week, redirect = _team_week(request, code, pk)
    if redirect:
        return redirect
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="open-door-{code}-{week.first_day}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(
        ["service", "start", "end", "capacity", "professional", "email", "organisation", "attended"]
    )
    for booking in (
        Booking.objects.filter(slot__week=week)
        .select_related("slot", "professional")
        .order_by("slot__start", "slot__service_name", "professional__name")
    ):
        slot = booking.slot
        writer.writerow(
            [
                slot.service_name,
                timezone.localtime(slot.start).isoformat(),
                timezone.localtime(slot.end).isoformat(),
                slot.capacity,
                booking.professional.name,
                booking.professional.email,
                booking.professional.organisation,
                {True: "yes", False: "no", None: ""}[booking.attended],
            ]
        )
    return response
