"""Admin of the bassins' websites: each bassin's coordination team edits its own helpdesk line,
team, pages and news (bassins.web.editors.BassinScopedAdmin: the one rule of who edits what)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from bassins.sites.models import BassinSite, News, Page, Status, TeamMember
from bassins.sites.widgets import RichTextWidget
from bassins.web.editors import BassinScopedAdmin, can_edit


@admin.register(BassinSite)
class BassinSiteAdmin(BassinScopedAdmin):
    list_display = ["bassin", "helpdesk_phone", "helpdesk_hours_fr", "updated_at"]
    fieldsets = [
        (None, {"fields": ["bassin", "helpdesk_phone", "helpdesk_email"]}),
        (
            _("French"),
            {"fields": ["helpdesk_hours_fr", "helpdesk_purpose_fr", "helpdesk_reach_fr"]},
        ),
        (_("Dutch"), {"fields": ["helpdesk_hours_nl", "helpdesk_purpose_nl", "helpdesk_reach_nl"]}),
    ]


@admin.register(TeamMember)
class TeamMemberAdmin(BassinScopedAdmin):
    list_display = ["name", "bassin", "role_fr", "role_nl", "order"]
    list_filter = ["bassin"]
    ordering = ["bassin", "order", "name"]


class ContentAdmin(BassinScopedAdmin):
    """Pages and news: FR and NL side by side, rich text in Trix; publishing is changing the status
    (an editor publishes only for the bassins they edit: the bassin field and save_model say so)."""

    formfield_overrides = {models.TextField: {"widget": RichTextWidget}}
    list_display = ["__str__", "bassin", "status", "published_at", "updated_at"]
    list_filter = ["bassin", "status"]
    search_fields = ["title_fr", "title_nl"]
    date_hierarchy = "published_at"
    actions = ["publish", "unpublish"]

    @admin.action(description=_("Publish the selected items"))
    def publish(self, request, queryset):
        self._set_status(request, queryset, Status.PUBLISHED)

    @admin.action(description=_("Return the selected items to draft"))
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Status.DRAFT)

    def _set_status(self, request, queryset, status):
        items = list(queryset)
        if not all(can_edit(request.user, item.bassin) for item in items):
            raise PermissionDenied
        for item in items:
            item.status = status
            item.full_clean()
            item.save()


def _side_by_side(*fields_of_both):
    return [
        (
            _("French"),
            {"fields": [f"{name}_fr" for name in fields_of_both], "classes": ["sites-lang"]},
        ),
        (
            _("Dutch"),
            {"fields": [f"{name}_nl" for name in fields_of_both], "classes": ["sites-lang"]},
        ),
    ]


@admin.register(Page)
class PageAdmin(ContentAdmin):
    fieldsets = [
        (None, {"fields": ["bassin", "slug", "order", "status", "published_at"]}),
        *_side_by_side("title", "body", "image_alt"),
        (_("Image"), {"fields": ["image"]}),
    ]
    prepopulated_fields = {"slug": ["title_fr"]}


@admin.register(News)
class NewsAdmin(ContentAdmin):
    fieldsets = [
        (None, {"fields": ["bassin", "status", "published_at"]}),
        *_side_by_side("title", "summary", "body", "image_alt"),
        (_("Image"), {"fields": ["image"]}),
    ]
