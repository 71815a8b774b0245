"""The agenda's tables: the four working groups of each bassin, events and their registrations,
open-door weeks with their visit slots, the professionals who book them and their bookings.

Personal data is kept to a minimum (name, e-mail, organisation) and deleted a set time after the
event (`bassins agenda purge`, setting BASSINS_AGENDA_RETENTION_DAYS); the counts are kept.
"""

from __future__ import annotations

import secrets
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bassins.agenda import themes
from bassins.codes import BASSIN_CODES, PRECISIONS
from bassins.richtext import clean as clean_html

BASSIN_CHOICES = [(code, code) for code in BASSIN_CODES]
THEME_CHOICES = [
    (themes.MENTAL_HEALTH, _("Mental health")),
    (themes.CARE, _("Hospital and ambulatory care")),
    (themes.PREVENTION, _("Prevention and health promotion")),
    (themes.CRISIS, _("Crisis preparedness")),
]
PRECISION_CHOICES = [(p, p) for p in PRECISIONS]


def new_nonce() -> str:
    return secrets.token_urlsafe(16)


def in_language(obj, field: str, language: str | None = None) -> str:
    """The FR or NL text of `field` in the reader's language, else the other one (English readers
    get French)."""
    language = (language or get_language() or "fr")[:2]
    order = ("nl", "fr") if language == "nl" else ("fr", "nl")
    for lang in order:
        value = getattr(obj, f"{field}_{lang}", "")
        if value:
            return value
    return ""


class WorkingGroup(models.Model):
    bassin = models.CharField(_("bassin"), max_length=4, choices=BASSIN_CHOICES)
    theme = models.CharField(_("theme"), max_length=20, choices=THEME_CHOICES)
    purpose_fr = models.TextField(_("purpose (FR)"), blank=True)
    purpose_nl = models.TextField(_("purpose (NL)"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=50, blank=True)
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["bassin", "theme"]
        constraints = [
            models.UniqueConstraint(fields=["bassin", "theme"], name="agenda_one_group_per_theme")
        ]

    def __str__(self):
        return f"{self.get_theme_display()} ({self.bassin})"

    @property
    def purpose(self) -> str:
        return in_language(self, "purpose")

    @property
    def has_contact(self) -> bool:
        return bool(self.contact_name or self.contact_email or self.contact_phone)


class Event(models.Model):
    class Kind(models.TextChoices):
        ATELIER = "atelier", _("Atelier du changement")
        MEETING = "meeting", _("Working-group meeting")
        OPEN_DOOR = "open_door", _("Open-door week")
        TRAINING = "training", _("Training")

    class Audience(models.TextChoices):
        PROFESSIONALS = "professionals", _("Professionals")
        INHABITANTS = "inhabitants", _("Inhabitants")
        EVERYONE = "everyone", _("Everyone")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft (not shown)")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bassin = models.CharField(_("bassin"), max_length=4, choices=BASSIN_CHOICES)
    working_group = models.ForeignKey(
        WorkingGroup,
        verbose_name=_("working group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.ATELIER)
    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.PROFESSIONALS
    )
    title_fr = models.CharField(_("title (FR)"), max_length=200, blank=True)
    title_nl = models.CharField(_("title (NL)"), max_length=200, blank=True)
    description_fr = models.TextField(
        _("description (FR)"), blank=True, help_text=_("Simple HTML; anything else is removed.")
    )
    description_nl = models.TextField(
        _("description (NL)"), blank=True, help_text=_("Simple HTML; anything else is removed.")
    )
    start = models.DateTimeField(_("start"), help_text=_("Brussels time."))
    end = models.DateTimeField(_("end"), help_text=_("Brussels time."))
    place_name = models.CharField(_("place"), max_length=200, blank=True)
    street = models.CharField(_("street"), max_length=200, blank=True)
    house_number = models.CharField(_("number"), max_length=20, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    commune_name = models.CharField(_("commune"), max_length=100, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    # where the territory locator placed the address (filled on save in the admin)
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)
    precision = models.CharField(
        _("location precision"),
        max_length=10,
        choices=PRECISION_CHOICES,
        blank=True,
        editable=False,
    )
    sector = models.CharField(max_length=16, blank=True, editable=False)
    commune = models.CharField(max_length=16, blank=True, editable=False)
    location_note = models.CharField(max_length=300, blank=True, editable=False)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Empty: no limit.")
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PUBLISHED
    )
    sequence = models.PositiveIntegerField(default=0, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)
    #: counts kept when the registrations are purged ({"confirmed": n, "waiting": n, ...})
    archived_counts = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start", "pk"]
        indexes = [models.Index(fields=["bassin", "status", "start"])]

    def __str__(self):
        return self.title or str(self.uid)

    @property
    def title(self) -> str:
        return in_language(self, "title")

    @property
    def description(self) -> str:
        return in_language(self, "description")

    @property
    def address(self) -> str:
        street = " ".join(p for p in (self.street, self.house_number) if p)
        town = " ".join(p for p in (self.postcode, self.commune_name) if p)
        return ", ".join(p for p in (self.place_name, street, town) if p)

    @property
    def is_past(self) -> bool:
        return self.end < timezone.now()

    def clean(self):
        errors = {}
        if not (self.title_fr or self.title_nl):
            errors["title_fr"] = _("Give a title in French or in Dutch.")
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The event ends before it starts.")
        if not (self.street or self.postcode or self.online_url or self.place_name):
            errors["online_url"] = _("Give a place (address) or an online link.")
        if self.working_group_id and self.working_group.bassin != self.bassin:
            errors["working_group"] = _("This working group belongs to another bassin.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.description_fr = clean_html(self.description_fr)
        self.description_nl = clean_html(self.description_nl)
        if self.pk:
            self.sequence += 1
        super().save(*args, **kwargs)


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    language = models.CharField(max_length=2, default="fr")
    nonce = models.CharField(max_length=32, default=new_nonce, editable=False)
    created = models.DateTimeField(auto_now_add=True)
    status_changed = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created", "pk"]

    def __str__(self):
        return f"{self.name} · {self.event}"


class OpenDoorWeek(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bassin = models.CharField(_("bassin"), max_length=4, choices=BASSIN_CHOICES)
    title_fr = models.CharField(_("title (FR)"), max_length=200, default="Semaine Portes Ouvertes")
    title_nl = models.CharField(_("title (NL)"), max_length=200, default="Opendeurweek")
    description_fr = models.TextField(_("description (FR)"), blank=True)
    description_nl = models.TextField(_("description (NL)"), blank=True)
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    booking_open = models.BooleanField(_("booking open"), default=True)
    #: the figures kept when the bookings are purged (services, professionals, visits, no-shows)
    archived_summary = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("open-door week")
        verbose_name_plural = _("open-door weeks")
        ordering = ["-first_day"]

    def __str__(self):
        return f"{self.title} {self.first_day:%Y-%m-%d} ({self.bassin})"

    @property
    def title(self) -> str:
        return in_language(self, "title")

    @property
    def description(self) -> str:
        return in_language(self, "description")

    def clean(self):
        if self.first_day and self.last_day and self.last_day < self.first_day:
            raise ValidationError({"last_day": _("The week ends before it starts.")})

    def save(self, *args, **kwargs):
        self.description_fr = clean_html(self.description_fr)
        self.description_nl = clean_html(self.description_nl)
        super().save(*args, **kwargs)


class VisitSlot(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    week = models.ForeignKey(
        OpenDoorWeek,
        verbose_name=_("open-door week"),
        on_delete=models.CASCADE,
        related_name="slots",
    )
    #: the week's bassin, copied on save (the editors rule filters on it)
    bassin = models.CharField(_("bassin"), max_length=4, choices=BASSIN_CHOICES)
    service = models.ForeignKey(
        "directory.Service",
        verbose_name=_("service"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="visit_slots",
    )
    location = models.ForeignKey(
        "directory.Location",
        verbose_name=_("location"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visit_slots",
    )
    #: the service's name when the slot was saved (kept if the directory drops the service)
    service_name = models.CharField(_("service name"), max_length=500, blank=True)
    start = models.DateTimeField(_("start"), help_text=_("Brussels time."))
    end = models.DateTimeField(_("end"), help_text=_("Brussels time."))
    capacity = models.PositiveIntegerField(_("capacity"), default=5)
    note_fr = models.CharField(_("note (FR)"), max_length=300, blank=True)
    note_nl = models.CharField(_("note (NL)"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("visit slot")
        verbose_name_plural = _("visit slots")
        ordering = ["start", "service_name", "pk"]

    def __str__(self):
        local = timezone.localtime(self.start)
        return f"{self.service_name} · {local:%Y-%m-%d %H:%M}"

    @property
    def note(self) -> str:
        return in_language(self, "note")

    def clean(self):
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The visit ends before it starts.")
        if self.week_id and self.start:
            day = timezone.localtime(self.start).date()
            if not (self.week.first_day <= day <= self.week.last_day):
                errors["start"] = _("The visit is outside the open-door week.")
        if (
            self.location_id
            and self.service_id
            and not self.service.service_at_locations.filter(location_id=self.location_id).exists()
        ):
            errors["location"] = _("This location is not one of the service's locations.")
        if self.week_id and self.bassin and self.week.bassin != self.bassin:
            errors["week"] = _("This open-door week belongs to another bassin.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.week_id:
            self.bassin = self.week.bassin
        if self.service_id and not self.service_name:
            self.service_name = str(self.service)[:500]
        super().save(*args, **kwargs)


class Professional(models.Model):
    week = models.ForeignKey(OpenDoorWeek, on_delete=models.CASCADE, related_name="professionals")
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    language = models.CharField(max_length=2, default="fr")
    nonce = models.CharField(max_length=32, default=new_nonce, editable=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("professional")
        verbose_name_plural = _("professionals")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["week", "email"], name="agenda_one_professional_per_email"
            )
        ]

    def __str__(self):
        return self.name


class Booking(models.Model):
    slot = models.ForeignKey(VisitSlot, on_delete=models.CASCADE, related_name="bookings")
    professional = models.ForeignKey(
        Professional, on_delete=models.CASCADE, related_name="bookings"
    )
    created = models.DateTimeField(auto_now_add=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        verbose_name = _("visit booking")
        verbose_name_plural = _("visit bookings")
        ordering = ["slot__start", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot", "professional"], name="agenda_one_booking_per_slot"
            )
        ]

    def __str__(self):
        return f"{self.professional} · {self.slot}"
