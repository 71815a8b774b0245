"""Admin of the helpdesk: cases scoped by `access.cases_visible_to` like every page; the audit log
read-only for coordinators of its bassin; memberships and terms for administrators."""

from __future__ import annotations

from django.contrib import admin
from django_otp.plugins.otp_totp.models import TOTPDevice

from bassins.helpdesk import access
from bassins.helpdesk.models import (
    AuditEntry,
    Case,
    Contact,
    FollowUp,
    Membership,
    Orientation,
    Partner,
    Term,
    UnmetNeed,
)


class CaseChildInline(admin.TabularInline):
    extra = 0
    can_delete = True


class OrientationInline(CaseChildInline):
    model = Orientation
    raw_id_fields = ["service_at_location"]


class ContactInline(CaseChildInline):
    model = Contact


class FollowUpInline(CaseChildInline):
    model = FollowUp


class UnmetNeedInline(CaseChildInline):
    model = UnmetNeed


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["__str__", "bassin", "status", "opened_on", "outcome"]
    list_filter = ["status", "outcome", "channel"]
    readonly_fields = ["uid", "created_by", "created_at", "updated_at", "anonymised_on"]
    inlines = [OrientationInline, ContactInline, FollowUpInline, UnmetNeedInline]
    filter_horizontal = ["situations", "needs"]

    def get_queryset(self, request):
        return access.cases_visible_to(request.user)

    def has_delete_permission(self, request, obj=None):
        return False  # cases end by the retention command (anonymised), never deleted by hand

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            access.audit(request, "read", "case", obj, admin=True)
        return obj

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        bassins = sorted(access.case_bassins(request.user))
        if "bassin" in form.base_fields:
            form.base_fields["bassin"].choices = [(b, b) for b in bassins]
        return form

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        cl = getattr(response, "context_data", {}).get("cl")
        if cl is not None:
            access.audit_list(request, "case", list(cl.result_list), admin=True)
        return response

    def save_model(self, request, obj, form, change):
        if obj.bassin not in access.case_bassins(request.user):
            raise PermissionError("bassin outside the user's scope")
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
        access.audit(request, "update" if change else "create", "case", obj, admin=True)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "username", "action", "object_type", "object_id", "bassin", "ip"]
    list_filter = ["action", "object_type", "bassin"]
    search_fields = ["username", "object_id"]

    def get_queryset(self, request):
        return access.audit_visible_to(request.user)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    """The registry of partners, per bassin: its coordinators (and helpdesk administrators) manage
    it; partners are deactivated, never deleted (cases point at them)."""

    list_display = ["name", "organisation", "kind", "bassin", "active"]
    list_filter = ["bassin", "kind", "active"]
    search_fields = ["name", "organisation"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(bassin__in=access.partner_bassins(request.user))

    def _allowed(self, request, obj=None) -> bool:
        bassins = access.partner_bassins(request.user)
        return bool(bassins) and (obj is None or obj.bassin in bassins)

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._allowed(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._allowed(request, obj)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "bassin" in form.base_fields:
            bassins = sorted(access.partner_bassins(request.user))
            form.base_fields["bassin"].choices = [(b, b) for b in bassins]
        return form


@admin.register(Term)
class TermAdmin(admin.ModelAdmin):
    list_display = ["code", "label_fr", "label_nl", "label_en", "active", "position"]
    list_editable = ["active", "position"]

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: cases and statistics keep pointing at it


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "bassin"]
    list_filter = ["role", "bassin"]
    autocomplete_fields = ["user"]


# django-otp's own TOTP admin shows the device keys (config and QR code pages, which also answer
# 500 for an unknown id): replaced by a list where an administrator can only remove a device, so
# that its user registers a new one at the next login.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class TOTPDeviceAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "confirmed", "last_used_at"]
    list_filter = ["confirmed"]
    fields = ["user", "name", "confirmed", "created_at", "last_used_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
