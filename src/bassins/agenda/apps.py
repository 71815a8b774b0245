from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgendaConfig(AppConfig):
    """The bassins' agenda: working groups, events and their registrations, open-door weeks."""

    name = "bassins.agenda"
    label = "agenda"
    verbose_name = _("Agenda")
