"""The URLconf of a host that BASSINS_SITE_HOSTS maps to a bassin: /<lang>/ is that bassin's home,
everything else as on the platform."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from bassins.sites import views
from bassins.web.urls import urlpatterns as platform

urlpatterns = [
    *i18n_patterns(path("", views.host_home, name="host-home"), prefix_default_language=True),
    *platform,
]
