"""E-mails of the agenda, through Django's e-mail backend (files under var/mail/ by default):
registration confirmed or waiting, promotion from the waiting list, visit bookings. Each one is
written in the registrant's language and carries its iCalendar entry as an attachment."""

from __future__ import annotations

import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bassins.agenda import feeds, links
from bassins.agenda.models import Registration
from bassins.agenda.tokens import make_token

logger = logging.getLogger(__name__)


def _send(to: str, subject: str, body: str, ics: bytes | None, filename: str) -> bool:
    """Send one message; a mail server that fails is logged, and the registration (already saved)
    stands: the person sees it on the page."""
    message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
    if ics is not None:
        message.attach(filename, ics, "text/calendar; charset=utf-8; method=PUBLISH")
    try:
        message.send()
    except (OSError, smtplib.SMTPException):
        logger.exception("agenda: the e-mail %r to %s could not be sent", subject, to)
        return False
    return True


def registration_mail(registration: Registration, kind: str, request=None) -> bool:
    """Tell the registrant: kind "registered" (confirmed or waiting) or "promoted"."""
    event = registration.event
    lang = registration.language
    with translation.override(lang):
        cancel_path = links.url("cancel", event.bassin, lang, token=make_token(registration))
        context = {
            "registration": registration,
            "event": event,
            "kind": kind,
            "start": timezone.localtime(event.start),
            "end": timezone.localtime(event.end),
            "event_url": links.absolute(links.event_url(event, lang), request),
            "cancel_url": links.absolute(cancel_path, request),
            "waiting": registration.status == Registration.Status.WAITING,
        }
        body = render_to_string("agenda/mail/registration.txt", context)
        if kind == "promoted":
            subject = _("A place is free for you: %(title)s") % {"title": event.title}
        elif context["waiting"]:
            subject = _("On the waiting list: %(title)s") % {"title": event.title}
        else:
            subject = _("Registration confirmed: %(title)s") % {"title": event.title}
        ics = None
        if not context["waiting"]:
            ics = feeds.calendar_file(
                [feeds.event_entry(event, lang, request)], event.title, method="PUBLISH"
            )
    return _send(registration.email, subject, body, ics, "event.ics")


def booking_mail(professional, bookings, request=None) -> bool:
    """One confirmation for the visits just booked, with one iCalendar entry per visit."""
    lang = professional.language
    week = professional.week
    with translation.override(lang):
        context = {
            "professional": professional,
            "week": week,
            "visits": [
                {
                    "booking": b,
                    "start": timezone.localtime(b.slot.start),
                    "end": timezone.localtime(b.slot.end),
                }
                for b in bookings
            ],
            "page_url": links.absolute(
                links.url("open-door", week.bassin, lang, pk=week.pk), request
            ),
            "visits_url": links.absolute(
                links.url(
                    "my-visits", week.bassin, lang, token=make_token(professional, "professional")
                ),
                request,
            ),
        }
        body = render_to_string("agenda/mail/booking.txt", context)
        subject = _("Your open-door visits: %(title)s") % {"title": week.title}
        ics = feeds.calendar_file(
            [feeds.visit_entry(b, lang, request) for b in bookings], week.title, method="PUBLISH"
        )
    return _send(professional.email, subject, body, ics, "visits.ics")
