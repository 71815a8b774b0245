from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.static import serve

from bassins.api import opendata
from bassins.web import legacy

admin.site.site_header = _("bassins — administration")
admin.site.site_title = _("bassins — administration")
admin.site.index_title = _("Data of the platform")

urlpatterns = [
    path("admin/", admin.site.urls),
    # images of the bassins' pages and news (uploaded in the admin)
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("bassins.api.urls")),
]
urlpatterns += i18n_patterns(
    # Translators: URL slug of the directory pages (lower case, no space or accent).
    path(_("directory/"), include("bassins.directory.urls")),
    # Translators: URL slug of the offer pages (lower case, no space or accent).
    path(_("offer/"), include("bassins.offer.urls")),
    # Translators: URL slug of the indicator pages (lower case, no space or accent).
    path(_("indicators/"), include("bassins.indicators.urls")),
    # Translators: URL slug of the accessibility pages (lower case, no space or accent).
    path(_("accessibility/"), include("bassins.access.urls")),
    path("helpdesk/", include("bassins.helpdesk.urls")),
    path("", include("bassins.agenda.urls")),
    # Translators: URL slug of the open-data page (lower case, no space or accent).
    path(_("open-data/"), opendata.page, name="opendata"),
    path("", include("bassins.search.urls")),
    path("", include("bassins.sites.urls")),
    path("", include("bassins.portal.urls")),
    # The URLs of earlier versions (French slugs in every language) redirect.
    re_path(r"^offre/(?P<rest>.*)$", legacy.offer),
    re_path(r"^directory/(?P<rest>.*)$", legacy.directory),
    prefix_default_language=True,
)
