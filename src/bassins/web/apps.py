from django.apps import AppConfig


class WebConfig(AppConfig):
    """The project-wide pieces: the `serve` and `load` commands."""

    name = "bassins.web"
    label = "web"
