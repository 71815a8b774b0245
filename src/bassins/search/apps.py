from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "bassins.search"
    label = "search"
    verbose_name = "Search"

    def ready(self):
        from bassins.search import maintain

        maintain.connect()
