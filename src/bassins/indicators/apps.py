from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    """Needs indicators: tidy values with intervals and comparisons, their loads and pages."""

    name = "bassins.indicators"
    label = "indicators"
