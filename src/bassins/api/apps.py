from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "bassins.api"
    label = "api"
    verbose_name = "Open API"
