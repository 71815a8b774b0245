from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from bassins.agenda import views

app_name = "agenda"
bassin_patterns = [
    path("agenda/", views.bassin_agenda, name="bassin"),
    path("agenda.json", views.bassin_agenda_json, name="bassin-json"),
    path("agenda.ics", views.bassin_ics, name="bassin-ics"),
    # Translators: URL slug of the past events of the agenda (lower case, no space or accent).
    path(_("agenda/archive/"), views.bassin_archive, name="archive"),
    path(_("agenda/archive.json"), views.bassin_archive_json, name="archive-json"),
    path("agenda/<int:pk>/", views.event_page, name="event"),
    path("agenda/<int:pk>.json", views.event_json, name="event-json"),
    path("agenda/<int:pk>.ics", views.event_ics, name="event-ics"),
    # Translators: URL slug of the cancellation page of a registration (lower case, no space).
    path(_("agenda/cancel/<str:token>/"), views.cancel, name="cancel"),
    # Translators: URL slug of the working groups (lower case, no space or accent).
    path(_("working-groups/"), views.groups, name="groups"),
    path(_("working-groups.json"), views.groups_json, name="groups-json"),
    path(_("working-groups/<slug:theme>/"), views.group, name="group"),
    path(_("working-groups/<slug:theme>.json"), views.group_json, name="group-json"),
    path(_("working-groups/<slug:theme>/agenda.ics"), views.group_ics, name="group-ics"),
    # Translators: URL slug of the team's overview of a bassin's open-door weeks (lower case).
    path(_("open-door/team/"), views.open_door_overview, name="open-door-overview"),
    # Translators: URL slug of the open-door weeks (lower case, no space or accent).
    path(_("open-door/<int:pk>/"), views.open_door, name="open-door"),
    path(_("open-door/<int:pk>.json"), views.open_door_json, name="open-door-json"),
    # Translators: URL slug of a professional's own visits page (cancellation link, no login).
    path(_("open-door/visits/<str:token>/"), views.my_visits, name="my-visits"),
    # Translators: URL slug of the team's follow-up page of an open-door week (lower case).
    path(_("open-door/<int:pk>/team/"), views.open_door_team, name="open-door-team"),
    path(_("open-door/<int:pk>/team.csv"), views.open_door_csv, name="open-door-csv"),
]
urlpatterns = [
    # Translators: URL prefix of a bassin's site (NL: zorgzone/<slug:slug>/); keep <slug:slug>.
    path(_("bassin/<slug:slug>/"), include(bassin_patterns)),
]
