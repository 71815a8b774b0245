from django.apps import AppConfig


class AccessConfig(AppConfig):
    """Accessibility and socio-spatial equity: measures, equity figures, scenarios, pages."""

    name = "bassins.access"
    label = "access"
