"""The directory's database tables: the HSDS 3.1 objects of the bassins profile (bassins.directory.profile).

Field names are the profile's internal names (`name_fr`, `name_nl`, `name_en` for every human-readable
text), so a bundle row loads as it is and an export is a plain read. Primary keys are UUIDs: the ones
importers derive from their sources' stable keys, or random ones for records made in the admin.
Provenance (`source`, `source_key`) is on every record; `Metadata` keeps the field-level history
(who, when, field, before, after); `ImportRun` one line per import; `DuplicateCandidate` the review
queue of the duplicate finder.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from bassins.codes import COMMUNE_ONLY, NONE, POINT, POSTCODE
from bassins.directory import profile

STALE_AFTER = dt.timedelta(days=365)

SOURCE_CHOICES = [(source, source) for source in profile.SOURCES]
STATUS_CHOICES = [
    ("active", _("active")),
    ("inactive", _("inactive")),
    ("defunct", _("defunct")),
    ("temporarily closed", _("temporarily closed")),
]
LOCATION_TYPE_CHOICES = [
    ("physical", _("physical")),
    ("postal", _("postal")),
    ("virtual", _("virtual")),
]
AUTHORITY_CHOICES = [
    ("cocom", "COCOM / GGC"),
    ("cocof", "COCOF"),
    ("vgc", "VGC"),
    ("federal", _("Federal")),
    ("regional", _("Regional")),
    ("communal", _("Communal")),
]
PRECISION_CHOICES = [
    (POINT, _("point")),
    (POSTCODE, _("postcode")),
    (COMMUNE_ONLY, _("commune")),
    (NONE, _("none")),
]
SCHEDULE_KIND_CHOICES = [
    ("regular", _("regular hours")),
    ("closure", _("closure")),
    ("public_holiday", _("public holidays")),
]
REVIEW_CHOICES = [
    ("pending", _("to review")),
    ("duplicate", _("duplicate")),
    ("distinct", _("not a duplicate")),
]


def translated(obj, field: str, language: str | None = None) -> str:
    """The text of `field` in the active language, falling back to French, Dutch, English."""
    language = (language or get_language() or "fr")[:2]
    order = [language] + [lang for lang in profile.LANGUAGES if lang != language]
    for lang in order:
        value = getattr(obj, f"{field}_{lang}", "")
        if value:
            return value
    return ""


class Record(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    source = models.CharField(
        _("source"), max_length=32, blank=True, default="manual", db_index=True
    )
    source_key = models.CharField(_("key in the source"), max_length=255, blank=True, db_index=True)

    class Meta:
        abstract = True

    def __str__(self):
        return translated(self, "name") if hasattr(self, "name_fr") else str(self.id)


class Verified(models.Model):
    assured_date = models.DateField(_("verified on"), null=True, blank=True)
    verified_by = models.CharField(_("verified by"), max_length=150, blank=True)

    class Meta:
        abstract = True

    def last_checked(self) -> dt.date | None:
        dates = [d for d in (self.assured_date, getattr(self, "extract_date", None)) if d]
        return max(dates) if dates else None

    def is_stale(self, today: dt.date | None = None) -> bool:
        """Not verified (nor re-extracted from its source) for 12 months."""
        today = today or timezone.localdate()
        checked = self.last_checked()
        return checked is None or today - checked > STALE_AFTER


class Taxonomy(Record):
    name_fr = models.CharField(_("name (FR)"), max_length=500, blank=True)
    name_nl = models.CharField(_("name (NL)"), max_length=500, blank=True)
    name_en = models.CharField(_("name (EN)"), max_length=500, blank=True)
    description_fr = models.TextField(_("description (FR)"), blank=True)
    description_nl = models.TextField(_("description (NL)"), blank=True)
    description_en = models.TextField(_("description (EN)"), blank=True)
    uri = models.CharField(max_length=500, blank=True)
    version = models.CharField(max_length=50, blank=True)

    class Meta:
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")


class TaxonomyTerm(Record):
    taxonomy = models.ForeignKey(
        Taxonomy, on_delete=models.PROTECT, null=True, blank=True, related_name="terms"
    )
    code = models.CharField(max_length=255, blank=True, db_index=True)
    name_fr = models.CharField(_("name (FR)"), max_length=500, blank=True)
    name_nl = models.CharField(_("name (NL)"), max_length=500, blank=True)
    name_en = models.CharField(_("name (EN)"), max_length=500, blank=True)
    description_fr = models.TextField(_("description (FR)"), blank=True)
    description_nl = models.TextField(_("description (NL)"), blank=True)
    description_en = models.TextField(_("description (EN)"), blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    taxonomy_name = models.CharField(max_length=255, blank=True, db_column="taxonomy_label")
    language = models.CharField(max_length=10, blank=True)
    term_uri = models.CharField(max_length=500, blank=True)
    synonyms_fr = models.TextField(_("synonyms (FR)"), blank=True)
    synonyms_nl = models.TextField(_("synonyms (NL)"), blank=True)
    synonyms_en = models.TextField(_("synonyms (EN)"), blank=True)

    class Meta:
        verbose_name = _("taxonomy term")
        verbose_name_plural = _("taxonomy terms")
        ordering = ["code"]


class Described(models.Model):
    """Name, alternate name and description in French, Dutch and English (HSDS organization, service,
    location)."""

    name_fr = models.CharField(_("name (FR)"), max_length=500, blank=True)
    name_nl = models.CharField(_("name (NL)"), max_length=500, blank=True)
    name_en = models.CharField(_("name (EN)"), max_length=500, blank=True)
    alternate_name_fr = models.CharField(_("alternate name (FR)"), max_length=500, blank=True)
    alternate_name_nl = models.CharField(_("alternate name (NL)"), max_length=500, blank=True)
    alternate_name_en = models.CharField(_("alternate name (EN)"), max_length=500, blank=True)
    description_fr = models.TextField(_("description (FR)"), blank=True)
    description_nl = models.TextField(_("description (NL)"), blank=True)
    description_en = models.TextField(_("description (EN)"), blank=True)

    class Meta:
        abstract = True


class Organization(Described, Record, Verified):
    email = models.CharField(_("e-mail"), max_length=254, blank=True)
    website = models.CharField(_("website"), max_length=2000, blank=True)
    tax_status = models.CharField(max_length=255, blank=True)
    tax_id = models.CharField(_("KBO/BCE number"), max_length=50, blank=True)
    year_incorporated = models.IntegerField(null=True, blank=True)
    legal_status = models.CharField(max_length=255, blank=True)
    logo = models.CharField(max_length=2000, blank=True)
    uri = models.CharField(max_length=2000, blank=True)
    parent_organization = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="children"
    )

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name_fr"]


class Program(Record):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="programs"
    )
    name_fr = models.CharField(_("name (FR)"), max_length=500, blank=True)
    name_nl = models.CharField(_("name (NL)"), max_length=500, blank=True)
    name_en = models.CharField(_("name (EN)"), max_length=500, blank=True)
    alternate_name_fr = models.CharField(_("alternate name (FR)"), max_length=500, blank=True)
    alternate_name_nl = models.CharField(_("alternate name (NL)"), max_length=500, blank=True)
    alternate_name_en = models.CharField(_("alternate name (EN)"), max_length=500, blank=True)
    description_fr = models.TextField(_("description (FR)"), blank=True)
    description_nl = models.TextField(_("description (NL)"), blank=True)
    description_en = models.TextField(_("description (EN)"), blank=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")


class Service(Described, Record, Verified):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="services"
    )
    program = models.ForeignKey(
        Program, on_delete=models.SET_NULL, null=True, blank=True, related_name="services"
    )
    url = models.CharField(_("website"), max_length=2000, blank=True)
    email = models.CharField(_("e-mail"), max_length=254, blank=True)
    status = models.CharField(_("status"), max_length=32, choices=STATUS_CHOICES, default="active")
    interpretation_services_fr = models.TextField(_("interpretation (FR)"), blank=True)
    interpretation_services_nl = models.TextField(_("interpretation (NL)"), blank=True)
    interpretation_services_en = models.TextField(_("interpretation (EN)"), blank=True)
    application_process_fr = models.TextField(_("how to apply (FR)"), blank=True)
    application_process_nl = models.TextField(_("how to apply (NL)"), blank=True)
    application_process_en = models.TextField(_("how to apply (EN)"), blank=True)
    fees_description_fr = models.TextField(_("fees (FR)"), blank=True)
    fees_description_nl = models.TextField(_("fees (NL)"), blank=True)
    fees_description_en = models.TextField(_("fees (EN)"), blank=True)
    accreditations = models.TextField(blank=True)
    eligibility_description_fr = models.TextField(_("eligibility (FR)"), blank=True)
    eligibility_description_nl = models.TextField(_("eligibility (NL)"), blank=True)
    eligibility_description_en = models.TextField(_("eligibility (EN)"), blank=True)
    minimum_age = models.FloatField(null=True, blank=True)
    maximum_age = models.FloatField(null=True, blank=True)
    assurer_email = models.CharField(max_length=254, blank=True)
    licenses = models.TextField(blank=True)
    alert_fr = models.TextField(_("alert (FR)"), blank=True)
    alert_nl = models.TextField(_("alert (NL)"), blank=True)
    alert_en = models.TextField(_("alert (EN)"), blank=True)
    extract_date = models.DateField(_("source extract date"), null=True, blank=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name_fr"]


class Location(Described, Record, Verified):
    location_type = models.CharField(
        _("type"), max_length=16, choices=LOCATION_TYPE_CHOICES, default="physical"
    )
    url = models.CharField(max_length=2000, blank=True)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="locations"
    )
    transportation_fr = models.TextField(_("transport (FR)"), blank=True)
    transportation_nl = models.TextField(_("transport (NL)"), blank=True)
    transportation_en = models.TextField(_("transport (EN)"), blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    external_identifier = models.CharField(max_length=255, blank=True)
    external_identifier_type = models.CharField(max_length=100, blank=True)
    competent_authority = models.CharField(
        _("competent authority"), max_length=16, choices=AUTHORITY_CHOICES, blank=True
    )
    precision = models.CharField(
        _("location precision"), max_length=16, choices=PRECISION_CHOICES, blank=True
    )
    is_head_office = models.BooleanField(_("head office"), null=True, blank=True)
    is_activity_site = models.BooleanField(_("activity site"), null=True, blank=True)
    sector = models.CharField(_("statistical sector"), max_length=16, blank=True, db_index=True)
    submunicipality = models.CharField(_("sub-municipality"), max_length=16, blank=True)
    commune = models.CharField(_("commune"), max_length=16, blank=True, db_index=True)
    monitoring = models.CharField(_("Monitoring quartier"), max_length=16, blank=True)
    bassin = models.CharField(_("bassin"), max_length=16, blank=True, db_index=True)
    qss = models.CharField(_("quartier social-santé"), max_length=16, blank=True)
    inside_region = models.BooleanField(_("inside the region"), null=True, blank=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["name_fr"]


class ServiceAtLocation(Record):
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    description_fr = models.TextField(_("description (FR)"), blank=True)
    description_nl = models.TextField(_("description (NL)"), blank=True)
    description_en = models.TextField(_("description (EN)"), blank=True)

    class Meta:
        verbose_name = _("service at location")
        verbose_name_plural = _("services at locations")

    def __str__(self):
        return f"{self.service} @ {self.location}"


class Address(Record):
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = models.CharField(max_length=500, blank=True)
    address_1 = models.CharField(_("street and number"), max_length=500, blank=True)
    address_2 = models.CharField(max_length=500, blank=True)
    city = models.CharField(_("city"), max_length=255, blank=True)
    region = models.CharField(max_length=255, blank=True)
    state_province = models.CharField(max_length=255, blank=True)
    postal_code = models.CharField(_("postcode"), max_length=20, blank=True)
    country = models.CharField(max_length=2, default="BE")
    address_type = models.CharField(
        max_length=16, choices=LOCATION_TYPE_CHOICES, default="physical"
    )

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self):
        return ", ".join(
            part for part in (self.address_1, f"{self.postal_code} {self.city}".strip()) if part
        )


class Contact(Record):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="contacts"
    )
    name = models.CharField(max_length=500, blank=True)
    title_fr = models.CharField(max_length=500, blank=True)
    title_nl = models.CharField(max_length=500, blank=True)
    title_en = models.CharField(max_length=500, blank=True)
    department_fr = models.CharField(max_length=500, blank=True)
    department_nl = models.CharField(max_length=500, blank=True)
    department_en = models.CharField(max_length=500, blank=True)
    email = models.CharField(max_length=254, blank=True)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return self.name or self.email or str(self.id)


class Phone(Record):
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    contact = models.ForeignKey(
        Contact, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, on_delete=models.CASCADE, null=True, blank=True, related_name="phones"
    )
    number = models.CharField(_("number"), max_length=100)
    extension = models.FloatField(null=True, blank=True)
    type = models.CharField(max_length=20, blank=True)
    description_fr = models.TextField(blank=True)
    description_nl = models.TextField(blank=True)
    description_en = models.TextField(blank=True)

    class Meta:
        verbose_name = _("phone")
        verbose_name_plural = _("phones")

    def __str__(self):
        return self.number


class Schedule(Record):
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation, on_delete=models.CASCADE, null=True, blank=True, related_name="schedules"
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    dtstart = models.DateField(null=True, blank=True)
    timezone = models.FloatField(null=True, blank=True)
    until = models.DateField(null=True, blank=True)
    count = models.IntegerField(null=True, blank=True)
    wkst = models.CharField(max_length=2, blank=True)
    freq = models.CharField(max_length=10, blank=True)
    interval = models.IntegerField(null=True, blank=True)
    byday = models.CharField(max_length=100, blank=True)
    byweekno = models.CharField(max_length=200, blank=True)
    bymonthday = models.CharField(max_length=200, blank=True)
    byyearday = models.CharField(max_length=200, blank=True)
    description_fr = models.TextField(_("description (FR)"), blank=True)
    description_nl = models.TextField(_("description (NL)"), blank=True)
    description_en = models.TextField(_("description (EN)"), blank=True)
    opens_at = models.CharField(max_length=16, blank=True)
    closes_at = models.CharField(max_length=16, blank=True)
    schedule_link = models.CharField(max_length=2000, blank=True)
    attending_type = models.CharField(max_length=100, blank=True)
    notes = models.TextField(blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=SCHEDULE_KIND_CHOICES, default="regular", blank=True
    )
    closed = models.BooleanField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")

    def __str__(self):
        return translated(self, "description") or f"{self.byday} {self.opens_at}-{self.closes_at}"


class ServiceArea(Record):
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="service_areas"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="service_areas",
    )
    name_fr = models.CharField(max_length=500, blank=True)
    name_nl = models.CharField(max_length=500, blank=True)
    name_en = models.CharField(max_length=500, blank=True)
    description_fr = models.TextField(blank=True)
    description_nl = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    extent = models.TextField(blank=True)
    extent_type = models.CharField(max_length=20, blank=True)
    uri = models.CharField(max_length=2000, blank=True)
    layer = models.CharField(_("territory layer"), max_length=20, blank=True)
    area_code = models.CharField(_("territory code"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")


class Language(Record):
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    phone = models.ForeignKey(
        Phone, on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    name = models.CharField(max_length=100, blank=True)
    code = models.CharField(max_length=10, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        return self.code or self.name


class CostOption(Record):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    option_fr = models.TextField(blank=True)
    option_nl = models.TextField(blank=True)
    option_en = models.TextField(blank=True)
    currency = models.CharField(max_length=3, blank=True)
    amount = models.FloatField(null=True, blank=True)
    amount_description_fr = models.TextField(blank=True)
    amount_description_nl = models.TextField(blank=True)
    amount_description_en = models.TextField(blank=True)

    class Meta:
        verbose_name = _("cost option")
        verbose_name_plural = _("cost options")


class Funding(models.Model):
    """HSDS funding: its `source` is the funder (no provenance: it belongs to what it funds)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="funding"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="funding"
    )
    source = models.TextField(_("funded by"), blank=True)

    class Meta:
        verbose_name = _("funding")
        verbose_name_plural = _("funding")

    def __str__(self):
        return self.source[:80] or str(self.id)


class RequiredDocument(Record):
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="required_documents"
    )
    document_fr = models.TextField(blank=True)
    document_nl = models.TextField(blank=True)
    document_en = models.TextField(blank=True)
    uri = models.CharField(max_length=2000, blank=True)

    class Meta:
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")

    def __str__(self):
        return translated(self, "document")[:80] or str(self.id)


class Accessibility(Record):
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="accessibility"
    )
    description_fr = models.TextField(blank=True)
    description_nl = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    details_fr = models.TextField(blank=True)
    details_nl = models.TextField(blank=True)
    details_en = models.TextField(blank=True)
    url = models.CharField(max_length=2000, blank=True)

    class Meta:
        verbose_name = _("accessibility")
        verbose_name_plural = _("accessibility")

    def __str__(self):
        return translated(self, "description")[:80] or str(self.id)


class OrganizationIdentifier(Record):
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="organization_identifiers",
    )
    identifier_scheme = models.CharField(max_length=255, blank=True)
    identifier_type = models.CharField(max_length=255)
    identifier = models.CharField(max_length=255)

    class Meta:
        verbose_name = _("organization identifier")
        verbose_name_plural = _("organization identifiers")

    def __str__(self):
        return f"{self.identifier_type} {self.identifier}"


class Unit(Record):
    name = models.CharField(max_length=255)
    scheme = models.CharField(max_length=255, blank=True)
    identifier = models.CharField(max_length=255, blank=True)
    uri = models.CharField(max_length=2000, blank=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self):
        return self.name


class ServiceCapacity(Record):
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="capacities")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="capacities")
    available = models.FloatField()
    maximum = models.FloatField(null=True, blank=True)
    description_fr = models.TextField(blank=True)
    description_nl = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    updated = models.DateTimeField()

    class Meta:
        verbose_name = _("service capacity")
        verbose_name_plural = _("service capacities")


class Url(Record):
    label_fr = models.CharField(max_length=500, blank=True)
    label_nl = models.CharField(max_length=500, blank=True)
    label_en = models.CharField(max_length=500, blank=True)
    url = models.CharField(max_length=2000)
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, null=True, blank=True, related_name="urls"
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="urls"
    )

    class Meta:
        verbose_name = _("web address")
        verbose_name_plural = _("web addresses")

    def __str__(self):
        return self.url


class Attribute(Record):
    link_id = models.UUIDField(db_index=True)
    taxonomy_term = models.ForeignKey(
        TaxonomyTerm, on_delete=models.PROTECT, related_name="attributes"
    )
    link_type = models.CharField(max_length=100)
    link_entity = models.CharField(max_length=50)
    value = models.TextField(blank=True)
    label = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("attribute")
        verbose_name_plural = _("attributes")

    def __str__(self):
        return f"{self.link_type}: {self.value}"


class Metadata(models.Model):
    """HSDS metadata: one row per changed field (or per created/deleted record, field_name '')."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    resource_id = models.UUIDField(db_index=True)
    resource_type = models.CharField(max_length=50)
    last_action_date = models.DateTimeField(default=timezone.now, db_index=True)
    last_action_type = models.CharField(max_length=20)
    field_name = models.CharField(max_length=100, blank=True)
    previous_value = models.TextField(blank=True)
    replacement_value = models.TextField(blank=True)
    updated_by = models.CharField(max_length=150)

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("history of changes")
        ordering = ["-last_action_date", "resource_type", "field_name"]

    def __str__(self):
        return f"{self.last_action_type} {self.resource_type}.{self.field_name}"


class ImportRun(models.Model):
    """One import: what was read, what changed, what was left out and why."""

    source = models.CharField(max_length=32, db_index=True)
    label = models.CharField(max_length=500)
    sha256 = models.CharField(max_length=64, blank=True)
    extract_date = models.DateField(null=True, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    seconds = models.FloatField(default=0)
    user = models.CharField(max_length=150, blank=True)
    records = models.IntegerField(default=0)
    counts = models.JSONField(default=dict)
    stats = models.JSONField(default=dict)
    excluded = models.JSONField(default=dict)
    notes = models.JSONField(default=list)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.source} {self.label} {self.started_at:%Y-%m-%d %H:%M}"


class DuplicateCandidate(models.Model):
    """A pair of locations the duplicate finder suspects to be the same place and service."""

    left = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")
    right = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    name_score = models.FloatField()
    address_score = models.FloatField(null=True, blank=True)
    distance_m = models.FloatField(null=True, blank=True)
    reason = models.CharField(max_length=255, blank=True)
    status = models.CharField(
        max_length=16, choices=REVIEW_CHOICES, default="pending", db_index=True
    )
    reviewed_by = models.CharField(max_length=150, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    found_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("suspected duplicate")
        verbose_name_plural = _("suspected duplicates")
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["left", "right"], name="directory_duplicate_pair")
        ]

    def __str__(self):
        return f"{self.left} ~ {self.right} ({self.score:.0f})"


#: Profile table name -> model.
MODELS: dict[str, type[models.Model]] = {
    "taxonomy": Taxonomy,
    "taxonomy_term": TaxonomyTerm,
    "organization": Organization,
    "service": Service,
    "location": Location,
    "service_at_location": ServiceAtLocation,
    "address": Address,
    "contact": Contact,
    "phone": Phone,
    "schedule": Schedule,
    "service_area": ServiceArea,
    "language": Language,
    "cost_option": CostOption,
    "program": Program,
    "funding": Funding,
    "required_document": RequiredDocument,
    "accessibility": Accessibility,
    "organization_identifier": OrganizationIdentifier,
    "unit": Unit,
    "service_capacity": ServiceCapacity,
    "url": Url,
    "attribute": Attribute,
    "metadata": Metadata,
}


def field_attname(table: str, name: str) -> str:
    """Profile field name -> model attribute name (the taxonomy term's `taxonomy` text is `taxonomy_name`)."""
    if table == "taxonomy_term" and name == "taxonomy":
        return "taxonomy_name"
    return name
