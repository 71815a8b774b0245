"""The routers of the API, one line each: (URL prefix under /api/, module exposing `router`).

Adding an endpoint: write `router = ninja.Router(tags=[...])` and its views in your module (e.g.
`bassins/indicators/api.py`), then add one line here. See docs/api.md.
"""

ROUTERS: list[tuple[str, str]] = [
    ("/hsds/", "bassins.api.hsds_api"),
    ("/territories/", "bassins.api.territories_api"),
    ("/offer/", "bassins.api.offer_api"),
    ("/opendata/", "bassins.api.opendata"),
    ("/indicators/", "bassins.indicators.api"),
    ("/events/", "bassins.agenda.api"),
]

#: Paths answered live: their data are not in the data version (events change with the clock and
#: each registration), so no ETag, 304 or body cache for them. The indicators are in it.
LIVE: tuple[str, ...] = ("/api/events/",)
