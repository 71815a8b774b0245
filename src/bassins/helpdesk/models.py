"""The helpdesk's case log: cases, orientations, contacts, follow-ups, unmet needs; roles; audit.

Data minimisation by construction: nothing here can hold the name, address, national number, phone or
e-mail of the person helped. The person is an age band and a commune or Monitoring quartier code; the
caller is a profession and an organisation type. Free-text fields are short and screened on save
(`bassins.helpdesk.screening`); a field with an identifying detail is refused, its name in the error.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bassins import codes
from bassins.helpdesk import screening

NOTE_LENGTH = 500  # free text: a few lines, never a file
SHORT_TEXT = 200

FREE_TEXT_WARNING = _(
    "Never write the name, address, national number, phone or e-mail of the person helped."
)

BASSIN_CODES = codes.BASSIN_CODES

SCREEN_MESSAGES = {
    screening.NATIONAL_NUMBER: _("a national register number"),
    screening.PHONE: _("a phone number"),
    screening.EMAIL: _("an e-mail address"),
    screening.ADDRESS: _("a street address"),
    screening.PERSON_NAME: _("the name of a person"),
}


def screen_field(label: str, text: str) -> None:
    """Raise a ValidationError naming the field when `text` holds an identifying detail."""
    kinds = screening.kinds_found(text or "")
    if kinds:
        what = ", ".join(str(SCREEN_MESSAGES[k]) for k in kinds)
        raise ValidationError(
            _(
                "Field “%(field)s” seems to contain %(what)s: remove it, the case log must not "
                "identify the person."
            ),
            code="identifying",
            params={"field": label, "what": what},
        )


class ScreenedModel(models.Model):
    """Screens every free-text field (CharField/TextField listed in SCREENED) on clean and save."""

    SCREENED: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def screen(self) -> None:
        errors = {}
        for name in self.SCREENED:
            field = self._meta.get_field(name)
            try:
                screen_field(str(field.verbose_name), getattr(self, name))
            except ValidationError as error:
                errors[name] = error
        if errors:
            raise ValidationError(errors)

    def clean(self):
        super().clean()
        self.screen()

    def save(self, *args, **kwargs):
        self.screen()  # also on saves that bypass forms (API, shell, scripts)
        super().save(*args, **kwargs)


class Term(models.Model):
    """A term of the helpdesk's situation and needs taxonomy (editable data, FR/NL/EN)."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    label_fr = models.CharField(_("label (FR)"), max_length=SHORT_TEXT)
    label_nl = models.CharField(_("label (NL)"), max_length=SHORT_TEXT)
    label_en = models.CharField(_("label (EN)"), max_length=SHORT_TEXT, blank=True)
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("situation term")
        verbose_name_plural = _("situation terms")
        ordering = ["position", "code"]

    def label(self, lang: str = "fr") -> str:
        return getattr(self, f"label_{lang}", "") or self.label_fr

    def __str__(self):
        from bassins.portal.context import lang_code

        return self.label(lang_code())


class Role(models.TextChoices):
    RESPONDER = "responder", _("responder")
    COORDINATOR = "coordinator", _("coordinator")
    ANALYST = "analyst", _("regional analyst")
    ADMINISTRATOR = "administrator", _("administrator")


class Membership(models.Model):
    """A user's role in a bassin (responders and coordinators) or in the region (bassin blank)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="helpdesk_memberships"
    )
    bassin = models.CharField(
        _("bassin"), max_length=4, blank=True, choices=[(c, c) for c in BASSIN_CODES]
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)

    class Meta:
        verbose_name = _("helpdesk membership")
        verbose_name_plural = _("helpdesk memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "bassin", "role"], name="membership_unique")
        ]

    def clean(self):
        if self.role in (Role.RESPONDER, Role.COORDINATOR) and not self.bassin:
            raise ValidationError({"bassin": _("A responder or coordinator belongs to a bassin.")})

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.bassin or '*'}"


class Channel(models.TextChoices):
    PHONE = "phone", _("phone")
    EMAIL = "email", _("e-mail")
    VISIT = "visit", _("visit")
    OTHER = "other", pgettext_lazy("channel", "other")


class Profession(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("social worker")
    NURSE = "nurse", _("nurse")
    GP = "gp", _("general practitioner")
    PSYCHOLOGIST = "psychologist", _("psychologist")
    EDUCATOR = "educator", _("educator")
    ADMINISTRATIVE = "administrative", _("administrative staff")
    VOLUNTEER = "volunteer", _("volunteer")
    OTHER = "other", pgettext_lazy("profession", "other")


class OrganisationType(models.TextChoices):
    CPAS = "cpas", _("CPAS / OCMW")
    HOSPITAL = "hospital", _("hospital")
    MEDICAL_HOUSE = "medical_house", _("medical house / practice")
    HOME_CARE = "home_care", _("home care")
    MENTAL_HEALTH = "mental_health", _("mental health service")
    SOCIAL_SERVICE = "social_service", _("social service / association")
    HOUSING = "housing", _("housing operator")
    MUTUALITY = "mutuality", _("health insurance fund")
    SCHOOL = "school", _("school")
    COMMUNE = "commune", _("commune / police")
    OTHER = "other", pgettext_lazy("organisation", "other")


class AgeBand(models.TextChoices):
    UNKNOWN = "", _("unknown")
    CHILD = "0-17", _("0–17")
    YOUNG = "18-24", _("18–24")
    ADULT = "25-44", _("25–44")
    MIDDLE = "45-64", _("45–64")
    SENIOR = "65-79", _("65–79")
    OLD = "80+", _("80 and over")


class Outcome(models.TextChoices):
    PENDING = "", _("not yet known")
    RESOLVED = "resolved", _("resolved")
    ORIENTED = "oriented", _("oriented")
    NO_ANSWER = "no_answer", _("no answer found")
    LOST = "lost", _("lost contact")


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    OPEN = "open", _("open")
    CLOSED = "closed", _("closed")


class TerritoryLayer(models.TextChoices):
    COMMUNE = "commune", _("commune")
    QUARTIER = "monitoring", _("Monitoring quartier")


class PartnerKind(models.TextChoices):
    ORGANISATION = "organisation", _("organisation")
    PROFESSIONAL = "professional", _("professional")


class Partner(models.Model):
    """A registered partner of a bassin (an organisation or a professional): the only callers whose
    name a case may hold, and only by pointing at this registry (never typed into the case)."""

    bassin = models.CharField(_("bassin"), max_length=4, choices=[(c, c) for c in BASSIN_CODES])
    kind = models.CharField(_("kind"), max_length=16, choices=PartnerKind.choices)
    name = models.CharField(_("name"), max_length=SHORT_TEXT)
    organisation = models.CharField(
        _("organisation (of a professional)"), max_length=SHORT_TEXT, blank=True
    )
    profession = models.CharField(
        _("profession"), max_length=20, choices=Profession.choices, blank=True
    )
    organisation_type = models.CharField(
        _("organisation type"), max_length=20, choices=OrganisationType.choices, blank=True
    )
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("registered partner")
        verbose_name_plural = _("registered partners")
        ordering = ["bassin", "name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["bassin", "name", "organisation"], name="partner_unique"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


class Case(ScreenedModel):
    """One request to the helpdesk line of a bassin about a person in a complex situation."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    bassin = models.CharField(_("bassin"), max_length=4, choices=[(c, c) for c in BASSIN_CODES])
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default="open")
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    caller_profession = models.CharField(
        _("caller's profession"), max_length=20, choices=Profession.choices
    )
    caller_organisation_type = models.CharField(
        _("caller's organisation type"), max_length=20, choices=OrganisationType.choices
    )
    caller_partner = models.ForeignKey(
        Partner,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("caller (registered partner)"),
        help_text=_("Only a registered partner of the bassin is named; other callers are not."),
    )
    situations = models.ManyToManyField(
        Term, related_name="situation_cases", blank=True, verbose_name=_("situation types")
    )
    needs = models.ManyToManyField(
        Term, related_name="need_cases", blank=True, verbose_name=_("needs")
    )
    age_band = models.CharField(
        _("age band"), max_length=8, choices=AgeBand.choices, blank=True, default=""
    )
    territory_layer = models.CharField(
        _("territory"), max_length=12, choices=TerritoryLayer.choices, blank=True
    )
    territory_code = models.CharField(_("territory code"), max_length=16, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, blank=True, default=""
    )
    minutes_spent = models.PositiveIntegerField(_("time spent (minutes)"), default=0)
    summary = models.CharField(
        _("summary"), max_length=NOTE_LENGTH, blank=True, help_text=FREE_TEXT_WARNING
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    anonymised_on = models.DateField(_("anonymised on"), null=True, blank=True)

    SCREENED = ("summary",)

    class Meta:
        verbose_name = _("helpdesk case")
        verbose_name_plural = _("helpdesk cases")
        ordering = ["-opened_on", "-id"]
        indexes = [models.Index(fields=["bassin", "opened_on"])]

    def clean(self):
        super().clean()
        if self.closed_on and self.closed_on < self.opened_on:
            raise ValidationError({"closed_on": _("A case closes after it opens.")})
        if bool(self.territory_layer) != bool(self.territory_code):
            raise ValidationError({"territory_code": _("Give both the territory and its code.")})
        self.check_partner()

    def check_partner(self) -> None:
        """A caller is named only as a registered partner of the case's own bassin."""
        partner = self.caller_partner if self.caller_partner_id else None
        if partner is not None and partner.bassin != self.bassin:
            raise ValidationError(
                {"caller_partner": _("This caller is not a registered partner of the bassin.")}
            )

    def save(self, *args, **kwargs):
        self.check_partner()  # also on saves that bypass forms
        super().save(*args, **kwargs)

    def __str__(self):
        return f"{self.bassin}-{self.pk} ({self.opened_on:%Y-%m-%d})"


class Orientation(ScreenedModel):
    """A service proposed: a directory service at location, or a free-text description."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="orientations")
    service_at_location = models.ForeignKey(
        "directory.ServiceAtLocation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("service"),
    )
    free_text = models.CharField(
        _("other service (free text)"),
        max_length=SHORT_TEXT,
        blank=True,
        help_text=FREE_TEXT_WARNING,
    )
    category = models.CharField(_("category"), max_length=64, blank=True)

    SCREENED = ("free_text",)

    class Meta:
        verbose_name = _("orientation")
        verbose_name_plural = _("orientations")
        ordering = ["id"]

    def clean(self):
        super().clean()
        if not self.service_at_location_id and not self.free_text:
            raise ValidationError(_("An orientation names a service or describes one."))


class Contact(ScreenedModel):
    """A contact made for the case (with a service, the caller...)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contacts")
    on = models.DateField(_("date"), default=timezone.localdate)
    with_whom = models.CharField(
        _("with (organisation type or service)"), max_length=SHORT_TEXT, help_text=FREE_TEXT_WARNING
    )
    note = models.CharField(
        _("note"), max_length=NOTE_LENGTH, blank=True, help_text=FREE_TEXT_WARNING
    )

    SCREENED = ("with_whom", "note")

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["on", "id"]


class FollowUp(ScreenedModel):
    """An action to take for the case, with its due date."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="follow_ups")
    action = models.CharField(_("action"), max_length=SHORT_TEXT, help_text=FREE_TEXT_WARNING)
    due_on = models.DateField(_("due on"))
    done = models.BooleanField(_("done"), default=False)

    SCREENED = ("action",)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "id"]


class UnmetReason(models.TextChoices):
    NO_SERVICE = "no_service", _("no service")
    FULL = "full", _("full / waiting list")
    NOT_ACCESSIBLE = "not_accessible", _("not accessible")
    NOT_ELIGIBLE = "not_eligible", _("not eligible")
    LANGUAGE = "language", _("language")


class UnmetNeed(models.Model):
    """A need the network could not answer: need × territory × reason (the gaps to show)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="unmet_needs")
    need = models.ForeignKey(
        Term, on_delete=models.PROTECT, related_name="+", verbose_name=_("need")
    )
    territory_layer = models.CharField(
        _("territory"), max_length=12, choices=TerritoryLayer.choices, blank=True
    )
    territory_code = models.CharField(_("territory code"), max_length=16, blank=True)
    reason = models.CharField(_("reason"), max_length=16, choices=UnmetReason.choices)

    class Meta:
        verbose_name = _("unmet need")
        verbose_name_plural = _("unmet needs")
        ordering = ["id"]


class AuditError(Exception):
    """An attempt to change or delete an audit entry."""


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditError("audit entries cannot be changed")

    def delete(self):
        raise AuditError("audit entries cannot be deleted")


class AuditEntry(models.Model):
    """Append-only: who did what to which case (or list, export), when, from where."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    username = models.CharField(_("user"), max_length=150)
    action = models.CharField(_("action"), max_length=16)
    object_type = models.CharField(_("object"), max_length=32)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    bassin = models.CharField(_("bassin"), max_length=4, blank=True, db_index=True)
    ip = models.GenericIPAddressField(_("from (IP)"), null=True, blank=True)
    path = models.CharField(_("address"), max_length=300, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        default_permissions = ("view",)

    def save(self, *args, **kwargs):
        if self.pk is not None or kwargs.get("force_update"):
            raise AuditError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditError("audit entries cannot be deleted")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.action} {self.object_type}"
