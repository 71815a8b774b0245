from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitesConfig(AppConfig):
    name = "bassins.sites"
    label = "bassin_sites"  # "sites" is django.contrib.sites' label
    verbose_name = _("Bassin websites")
    default_auto_field = "django.db.models.BigAutoField"
