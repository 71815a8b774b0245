from django.apps import AppConfig


class TerritoryConfig(AppConfig):
    """Territorial layers (sectors → bassins), their vintages, crosswalks and point lookup."""

    name = "bassins.territory"
    label = "territory"
