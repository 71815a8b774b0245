from django.apps import AppConfig


class PortalConfig(AppConfig):
    """Public pages: the region map, the bassin sites (FR/NL)."""

    name = "bassins.portal"
    label = "portal"
