from django.contrib import admin

from bassins.search.models import KeptQuery, UnmetNeed


@admin.register(UnmetNeed)
class UnmetNeedAdmin(admin.ModelAdmin):
    """Unmet-need signals, read-only: counted by the search, not edited."""

    list_display = ["day", "layer", "code", "category", "kind", "count"]
    list_filter = ["kind", "layer", "category"]
    date_hierarchy = "day"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(KeptQuery)
class KeptQueryAdmin(admin.ModelAdmin):
    """Query texts, kept only when BASSINS_SEARCH_KEEP_QUERIES_DAYS > 0, for that many days."""

    list_display = ["day", "kind", "text"]
    list_filter = ["kind"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
