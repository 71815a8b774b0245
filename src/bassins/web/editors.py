"""Who may edit a bassin's public content (site pages, news, events, open-door visit slots): the one
rule, used by every admin and view that edits such content.

An editor of bassin N is a staff user in the Django group ``editors-N`` (one group per bassin,
created by the sites app's migration with the model permissions its content needs; other apps add
their own models' permissions to the same groups). A superuser edits every bassin. Nobody else edits
any. Content models carry a ``bassin`` field holding a code of `bassins.codes.BASSIN_CODES`.
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied

from bassins import codes

GROUP_PREFIX = "editors-"


def editor_group_name(bassin_code: str) -> str:
    """The Django group whose members edit bassin `bassin_code`'s content."""
    if bassin_code not in codes.BASSIN_CODES:
        raise ValueError(f"unknown bassin code {bassin_code!r}")
    return f"{GROUP_PREFIX}{bassin_code}"


def editable_bassins(user) -> frozenset[str]:
    """The codes of the bassins whose content `user` may edit (empty for anonymous users)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset(codes.BASSIN_CODES)
    if not user.is_staff:
        return frozenset()
    names = user.groups.filter(name__startswith=GROUP_PREFIX).values_list("name", flat=True)
    found = {name[len(GROUP_PREFIX) :] for name in names}
    return frozenset(found & set(codes.BASSIN_CODES))


def can_edit(user, bassin_code: str) -> bool:
    """May `user` edit content of bassin `bassin_code`?"""
    return bassin_code in editable_bassins(user)


class BassinScopedAdmin(admin.ModelAdmin):
    """Admin of a model with a ``bassin`` field: an editor lists, sees, changes, adds and deletes
    only the objects of the bassins they edit, and can only choose those bassins."""

    bassin_field = "bassin"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset.filter(**{f"{self.bassin_field}__in": editable_bassins(request.user)})

    def _allowed(self, request, obj) -> bool:
        return obj is None or can_edit(request.user, getattr(obj, self.bassin_field))

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self._allowed(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._allowed(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._allowed(request, obj)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and bool(editable_bassins(request.user))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == self.bassin_field and field is not None and request is not None:
            allowed = editable_bassins(request.user)
            field.choices = [c for c in field.choices if c[0] in allowed or c[0] == ""]
        return field

    def save_model(self, request, obj, form, change):
        if not can_edit(request.user, getattr(obj, self.bassin_field)):
            raise PermissionDenied
        super().save_model(request, obj, form, change)
