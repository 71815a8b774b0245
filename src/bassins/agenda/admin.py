"""Admin of the agenda, scoped by the one editors rule (bassins.web.editors.BassinScopedAdmin): an
editor of bassin N lists, opens, adds, changes and deletes only bassin N's working groups, events,
open-door weeks and visit slots, and can only pick bassin N's working groups and weeks. Registrations
and bookings are edited inside their event and visit slot."""

from __future__ import annotations

from django.contrib import admin
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from bassins.agenda import mail, places, registrations
from bassins.agenda.models import (
    Booking,
    Event,
    OpenDoorWeek,
    Registration,
    VisitSlot,
    WorkingGroup,
)
from bassins.web.editors import BassinScopedAdmin, editable_bassins


@admin.register(WorkingGroup)
class WorkingGroupAdmin(BassinScopedAdmin):
    list_display = ("theme", "bassin", "contact_name", "contact_email")
    list_filter = ("bassin", "theme")
    fields = (
        "bassin",
        "theme",
        "purpose_fr",
        "purpose_nl",
        "contact_name",
        "contact_email",
        "contact_phone",
    )
    readonly_fields = ("bassin", "theme")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ("name", "email", "organisation", "status", "created")
    readonly_fields = ("name", "email", "organisation", "created")
    can_delete = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Event)
class EventAdmin(BassinScopedAdmin):
    list_display = ("__str__", "bassin", "kind", "start", "status", "capacity")
    list_filter = ("bassin", "kind", "status", "audience")
    search_fields = ("title_fr", "title_nl")
    date_hierarchy = "start"
    inlines = [RegistrationInline]
    readonly_fields = ("precision", "location_note")
    fieldsets = (
        (None, {"fields": ("bassin", "working_group", "kind", "audience", "status")}),
        (_("Texts"), {"fields": ("title_fr", "title_nl", "description_fr", "description_nl")}),
        (_("When"), {"fields": ("start", "end")}),
        (
            _("Where"),
            {
                "fields": (
                    "place_name",
                    "street",
                    "house_number",
                    "postcode",
                    "commune_name",
                    "online_url",
                    "precision",
                    "location_note",
                )
            },
        ),
        (_("Registration"), {"fields": ("capacity", "registration_open")}),
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "online_url":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "working_group":
            kwargs["queryset"] = WorkingGroup.objects.filter(
                bassin__in=editable_bassins(request.user)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        places.place_event(obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            event = Event.objects.select_for_update().get(pk=form.instance.pk)
            promoted = registrations.promote(event)
        for registration in promoted:
            mail.registration_mail(registration, "promoted", request)


class BookingInline(admin.TabularInline):
    model = Booking
    extra = 0
    fields = ("professional", "created", "attended")
    readonly_fields = ("professional", "created")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(OpenDoorWeek)
class OpenDoorWeekAdmin(BassinScopedAdmin):
    list_display = ("__str__", "bassin", "first_day", "last_day", "booking_open")
    list_filter = ("bassin",)
    fields = (
        "bassin",
        "title_fr",
        "title_nl",
        "description_fr",
        "description_nl",
        "first_day",
        "last_day",
        "booking_open",
    )


@admin.register(VisitSlot)
class VisitSlotAdmin(BassinScopedAdmin):
    list_display = ("service_name", "week", "start", "end", "capacity")
    list_filter = ("bassin", "week")
    search_fields = ("service_name",)
    # searched in the directory's admin (editors may view services and locations: public data)
    autocomplete_fields = ("service", "location")
    fields = ("week", "service", "location", "start", "end", "capacity", "note_fr", "note_nl")
    inlines = [BookingInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "week":
            kwargs["queryset"] = OpenDoorWeek.objects.filter(
                bassin__in=editable_bassins(request.user)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        obj.bassin = obj.week.bassin  # the week decides; the editors rule checks it
        super().save_model(request, obj, form, change)
