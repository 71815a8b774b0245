"""Editing the directory (Django admin): organizations, services, locations, with the history of every
change (who, when, field, before, after — stored as HSDS metadata) and a "mark verified" action."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from bassins.directory import history
from bassins.directory.models import (
    Address,
    Attribute,
    DuplicateCandidate,
    ImportRun,
    Location,
    Metadata,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)


def _user(request) -> str:
    return request.user.get_username() or "admin"


class HistoryMixin:
    """Records every change made through the admin, inlines included."""

    def save_model(self, request, obj, form, change):
        before = history.snapshot(obj) if change else None
        super().save_model(request, obj, form, change)
        history.record_changes(obj, before, _user(request))

    def delete_model(self, request, obj):
        history.record_deletion(obj, _user(request))
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            history.record_deletion(obj, _user(request))
        super().delete_queryset(request, queryset)

    def save_formset(self, request, form, formset, change):
        befores = {
            f.instance.pk: history.snapshot(f.instance) for f in formset.forms if f.instance.pk
        }
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            history.record_deletion(obj, _user(request))
            obj.delete()
        for obj in instances:
            before = befores.get(obj.pk)
            obj.save()
            history.record_changes(obj, before, _user(request))
        formset.save_m2m()

    @admin.display(description=_("History of changes"))
    def change_history(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        ids = [obj.pk] + self.related_ids(obj)
        rows = history.history_of(*ids)[:200]
        if not rows:
            return _("No change recorded since the import.")
        body = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    row.last_action_date.strftime("%Y-%m-%d %H:%M"),
                    row.updated_by,
                    row.last_action_type,
                    row.resource_type,
                    row.field_name,
                    row.previous_value[:120],
                    row.replacement_value[:120],
                )
                for row in rows
            ),
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>"
            "</thead><tbody>{}</tbody></table>",
            _("when"),
            _("who"),
            _("action"),
            _("record"),
            _("field"),
            _("before"),
            _("after"),
            body,
        )

    def related_ids(self, obj) -> list:
        return []

    @admin.action(description=_("Mark verified (today, by me)"))
    def mark_verified(self, request, queryset):
        count = history.mark_verified(queryset, _user(request))
        self.message_user(
            request, _("%(count)d record(s) marked verified.") % {"count": count}, messages.SUCCESS
        )


class StaleFilter(admin.SimpleListFilter):
    title = _("verification")
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [("yes", _("not verified for 12 months")), ("no", _("verified within 12 months"))]

    def queryset(self, request, queryset):
        import datetime as dt

        from django.db.models import Q
        from django.utils import timezone

        limit = timezone.localdate() - dt.timedelta(days=365)
        recent = Q(assured_date__gte=limit)
        if hasattr(queryset.model, "extract_date"):
            recent |= Q(extract_date__gte=limit)
        if self.value() == "yes":
            return queryset.exclude(recent)
        if self.value() == "no":
            return queryset.filter(recent)
        return queryset


class ServiceAtLocationInline(admin.TabularInline):
    model = ServiceAtLocation
    extra = 0
    fields = ["service", "location", "description_fr", "description_nl"]
    raw_id_fields = ["service", "location"]


class AddressInline(admin.StackedInline):
    model = Address
    extra = 0
    fields = ["address_1", "address_2", "postal_code", "city", "country", "address_type"]


class PhoneInline(admin.TabularInline):
    model = Phone
    extra = 0
    fields = ["number", "type", "description_fr", "description_nl"]


class ScheduleInline(admin.TabularInline):
    model = Schedule
    fk_name = "service_at_location"
    extra = 0
    fields = [
        "kind",
        "freq",
        "byday",
        "opens_at",
        "closes_at",
        "closed",
        "valid_from",
        "valid_to",
        "description_fr",
        "description_nl",
    ]


class ServiceAreaInline(admin.TabularInline):
    model = ServiceArea
    fk_name = "service"
    extra = 0
    fields = ["layer", "area_code", "name_fr", "name_nl"]


@admin.register(Organization)
class OrganizationAdmin(HistoryMixin, admin.ModelAdmin):
    list_display = ["name_fr", "name_nl", "tax_id", "source", "assured_date", "verified_by"]
    list_filter = ["source", StaleFilter]
    search_fields = ["name_fr", "name_nl", "name_en", "tax_id", "source_key"]
    readonly_fields = ["id", "source", "source_key", "change_history"]
    actions = ["mark_verified"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "id",
                    "name_fr",
                    "name_nl",
                    "name_en",
                    "alternate_name_fr",
                    "alternate_name_nl",
                    "description_fr",
                    "description_nl",
                    "description_en",
                ]
            },
        ),
        (
            _("Contact and identity"),
            {"fields": ["email", "website", "tax_id", "legal_status", "parent_organization"]},
        ),
        (_("Verification"), {"fields": ["assured_date", "verified_by"]}),
        (_("Provenance"), {"fields": ["source", "source_key"]}),
        (_("History"), {"fields": ["change_history"]}),
    ]
    raw_id_fields = ["parent_organization"]
    inlines = [PhoneInline]

    def related_ids(self, obj):
        return list(obj.phones.values_list("pk", flat=True))


@admin.register(Service)
class ServiceAdmin(HistoryMixin, admin.ModelAdmin):
    list_display = [
        "name_fr",
        "name_nl",
        "status",
        "source",
        "extract_date",
        "assured_date",
        "verified_by",
    ]
    list_filter = ["source", "status", StaleFilter]
    search_fields = ["name_fr", "name_nl", "name_en", "source_key", "organization__name_fr"]
    readonly_fields = ["id", "source", "source_key", "change_history"]
    raw_id_fields = ["organization"]
    actions = ["mark_verified"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "id",
                    "organization",
                    "status",
                    "name_fr",
                    "name_nl",
                    "name_en",
                    "description_fr",
                    "description_nl",
                    "description_en",
                ]
            },
        ),
        (
            _("Access"),
            {
                "fields": [
                    "eligibility_description_fr",
                    "eligibility_description_nl",
                    "fees_description_fr",
                    "fees_description_nl",
                    "application_process_fr",
                    "application_process_nl",
                    "alert_fr",
                    "alert_nl",
                    "minimum_age",
                    "maximum_age",
                ]
            },
        ),
        (_("Contact"), {"fields": ["email", "url"]}),
        (
            _("Verification"),
            {"fields": ["assured_date", "verified_by", "assurer_email", "extract_date"]},
        ),
        (_("Provenance"), {"fields": ["source", "source_key"]}),
        (_("History"), {"fields": ["change_history"]}),
    ]
    inlines = [ServiceAtLocationInline, ServiceAreaInline]

    def related_ids(self, obj):
        ids = list(obj.service_at_locations.values_list("pk", flat=True))
        ids += list(obj.service_areas.values_list("pk", flat=True))
        ids += list(
            Phone.objects.filter(service_at_location__service=obj).values_list("pk", flat=True)
        )
        ids += list(
            Schedule.objects.filter(service_at_location__service=obj).values_list("pk", flat=True)
        )
        return ids


@admin.register(Location)
class LocationAdmin(HistoryMixin, admin.ModelAdmin):
    list_display = [
        "name_fr",
        "precision",
        "commune",
        "bassin",
        "competent_authority",
        "is_head_office",
        "is_activity_site",
        "inside_region",
        "source",
        "assured_date",
    ]
    list_filter = [
        "source",
        "precision",
        "bassin",
        "commune",
        "competent_authority",
        "is_head_office",
        "is_activity_site",
        "inside_region",
        StaleFilter,
    ]
    search_fields = [
        "name_fr",
        "name_nl",
        "external_identifier",
        "source_key",
        "addresses__address_1",
    ]
    readonly_fields = [
        "id",
        "source",
        "source_key",
        "sector",
        "submunicipality",
        "commune",
        "monitoring",
        "bassin",
        "qss",
        "inside_region",
        "change_history",
    ]
    raw_id_fields = ["organization"]
    actions = ["mark_verified"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "id",
                    "organization",
                    "location_type",
                    "name_fr",
                    "name_nl",
                    "name_en",
                    "description_fr",
                    "description_nl",
                    "url",
                ]
            },
        ),
        (
            _("Brussels"),
            {
                "fields": [
                    "competent_authority",
                    "is_head_office",
                    "is_activity_site",
                    "precision",
                    "latitude",
                    "longitude",
                    "sector",
                    "submunicipality",
                    "commune",
                    "monitoring",
                    "bassin",
                    "qss",
                    "inside_region",
                ]
            },
        ),
        (_("Verification"), {"fields": ["assured_date", "verified_by"]}),
        (
            _("Provenance"),
            {"fields": ["source", "source_key", "external_identifier", "external_identifier_type"]},
        ),
        (_("History"), {"fields": ["change_history"]}),
    ]
    inlines = [AddressInline, ServiceAtLocationInline]

    def related_ids(self, obj):
        return list(obj.addresses.values_list("pk", flat=True)) + list(
            obj.service_at_locations.values_list("pk", flat=True)
        )


@admin.register(ServiceAtLocation)
class ServiceAtLocationAdmin(HistoryMixin, admin.ModelAdmin):
    list_display = ["__str__", "source"]
    search_fields = ["service__name_fr", "location__name_fr"]
    raw_id_fields = ["service", "location"]
    readonly_fields = ["change_history"]
    inlines = [PhoneInline, ScheduleInline]
    list_filter = ["source"]


@admin.register(TaxonomyTerm)
class TaxonomyTermAdmin(HistoryMixin, admin.ModelAdmin):
    list_display = ["code", "name_fr", "name_nl", "name_en", "parent", "source"]
    search_fields = ["code", "name_fr", "name_nl", "synonyms_fr", "synonyms_nl", "synonyms_en"]
    list_filter = ["taxonomy", "source"]
    raw_id_fields = ["parent"]
    readonly_fields = ["change_history"]


@admin.register(Metadata)
class MetadataAdmin(admin.ModelAdmin):
    list_display = [
        "last_action_date",
        "updated_by",
        "last_action_type",
        "resource_type",
        "field_name",
        "previous_value",
        "replacement_value",
    ]
    list_filter = ["last_action_type", "resource_type", "updated_by"]
    search_fields = ["resource_id", "field_name", "previous_value", "replacement_value"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["started_at", "source", "label", "records", "extract_date", "user", "seconds"]
    list_filter = ["source"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(DuplicateCandidate)
class DuplicateCandidateAdmin(admin.ModelAdmin):
    list_display = ["left", "right", "score", "reason_text", "status", "reviewed_by"]
    list_filter = ["status"]
    raw_id_fields = ["left", "right"]
    readonly_fields = [
        "score",
        "name_score",
        "address_score",
        "distance_m",
        "reason_text",
        "found_at",
        "reviewed_by",
        "reviewed_at",
    ]
    exclude = ["reason"]
    actions = ["mark_duplicate", "mark_distinct"]

    @admin.display(description=_("reason"), ordering="reason")
    def reason_text(self, obj):
        from bassins.directory.labels import duplicate_reason

        return duplicate_reason(obj.reason)

    def _review(self, request, queryset, status):
        from django.utils import timezone

        queryset.update(status=status, reviewed_by=_user(request), reviewed_at=timezone.now())

    @admin.action(description=_("Same place and service (duplicate)"))
    def mark_duplicate(self, request, queryset):
        self._review(request, queryset, "duplicate")

    @admin.action(description=_("Not a duplicate"))
    def mark_distinct(self, request, queryset):
        self._review(request, queryset, "distinct")


admin.site.register(Attribute)
