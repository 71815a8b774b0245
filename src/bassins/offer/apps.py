from django.apps import AppConfig


class OfferConfig(AppConfig):
    """The offer analysis per territory: counts, rates, quotients, provenance, reports."""

    name = "bassins.offer"
    label = "offer"
