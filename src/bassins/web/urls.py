from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
urlpatterns += i18n_patterns(
    path("directory/", include("bassins.directory.urls")),
    path("offre/", include("bassins.offer.urls")),
    path("helpdesk/", include("bassins.helpdesk.urls")),
    path("", include("bassins.search.urls")),
    path("", include("bassins.portal.urls")),
    prefix_default_language=True,
)
