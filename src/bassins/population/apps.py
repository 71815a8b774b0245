from django.apps import AppConfig


class PopulationConfig(AppConfig):
    """Population per commune and per statistical sector, with reference dates and basis."""

    name = "bassins.population"
    label = "population"
