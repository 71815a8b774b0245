from django.urls import path
from django.utils.translation import gettext_lazy as _

from bassins.directory import views

app_name = "directory"
urlpatterns = [
    # Translators: URL slug (lower case, no space or accent).
    path(_("quality/"), views.quality_page, name="quality"),
    # Translators: URL slug (lower case, no space or accent).
    path(_("quality.csv"), views.quality_csv, name="quality_csv"),
]
