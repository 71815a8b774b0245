"""The indicators' blocks of a bassin's site (CONTRACTS.md): `part` (the population's needs) and
`attention_part` (the zones aux besoins particuliers). None when no indicator is loaded.

Both are built from the whole table of values (hundreds of milliseconds) and depend only on the data
and the language: they are kept per data version (`bassins.web.cache.by_data_version`; the indicator
loads are part of it)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy

from bassins.indicators import attention, pages, profile, store
from bassins.web.cache import by_data_version, request_data_version

#: The indicators the dashboard shows, in this order (when loaded).
DASHBOARD = (
    "population",
    "density",
    "share_65plus",
    "share_80plus",
    "age_dependency_ratio",
    "pharmacies_per_10000",
    "emergency_per_10000",
)


def _kept(name: str, request, bassin_code: str, build):
    """`build(bassin_code, lang)` kept per data version, bassin and language (a block that is not
    available, None, is kept as such)."""
    lang = pages.lang_code()
    found = by_data_version(
        name,
        bassin_code,
        lang,
        version=request_data_version(request),
        build=lambda: {"part": build(bassin_code, lang)},
    )
    return found["part"]


def part(request, bassin_code: str) -> dict | None:
    """The bassin's main indicators beside the region's, with the comparison at 99.8%."""
    return _kept("indicators-part", request, bassin_code, _part)


def attention_part(request, bassin_code: str) -> dict | None:
    """The areas of the bassin significantly worse than the region (99.8%), and, apart, the areas in
    the worst fifth on indicators without interval (a ranking, not a test)."""
    return _kept("indicators-attention-part", request, bassin_code, _attention_part)


def _part(bassin_code: str, lang: str) -> dict | None:
    if not store.loaded():
        return None
    registry = store.full_registry()
    frame = store.values_frame()
    result = profile.area_profile(frame, registry, "bassin", bassin_code, lang)
    if not result["found"]:
        return None
    rows = []
    for row in result["rows"]:
        if row["id"] not in DASHBOARD:
            continue
        rows.append(
            {
                "name": row["name"],
                "period": row["period"],
                "value": pages.fmt(row["value"], row["unit"]),
                "interval": (
                    f"{pages.fmt(row['lower95'])} – {pages.fmt(row['upper95'])}"
                    if row["lower95"] is not None
                    else ""
                ),
                "count": pages.fmt(row["count"]) if row["kind"] in ("rate", "proportion") else "",
                "region": pages.fmt(row["region_value"], row["unit"]),
                "comparison": pages.comparison_label(row["comparison998"]),
                "order": DASHBOARD.index(row["id"]),
            }
        )
    rows.sort(key=lambda r: r["order"])
    return {
        "title": gettext_lazy("Needs of the population"),
        "template": "indicators/site_part.html",
        "context": {"rows": rows, "bassin": bassin_code},
        "url": reverse("indicators:profile", kwargs={"layer": "bassin", "code": bassin_code}),
        "date": result["date"],
    }


def _attention_part(bassin_code: str, lang: str) -> dict | None:
    if not store.loaded():
        return None
    from bassins.territory import store as territory_store

    registry = store.full_registry()
    frame = store.values_frame()
    summary = attention.bassin_summary(frame, territory_store.membership(), bassin_code, registry)
    names = {
        layer: pages.area_names(layer) for layer in ("bassin", "commune", "monitoring", "sector")
    }

    def describe(table):
        out = []
        for row in table.itertuples(index=False):
            indicator = registry[row.indicator]
            out.append(
                {
                    "indicator": indicator.name(lang),
                    "layer": pages.layer_label(row.layer),
                    "area": names.get(row.layer, {}).get(row.area_code, row.area_code),
                    "value": pages.fmt(row.value, indicator.unit),
                    "interval": (
                        f"{pages.fmt(row.lower998)} – {pages.fmt(row.upper998)}"
                        if row.lower998 == row.lower998
                        else ""
                    ),
                    "region": pages.fmt(row.region_value, indicator.unit)
                    if row.region_value == row.region_value
                    else "",
                    "url": reverse(
                        "indicators:profile", kwargs={"layer": row.layer, "code": row.area_code}
                    ),
                }
            )
        return out

    ranked = summary["ranked"]
    ranked = ranked[ranked["layer"] == "monitoring"]
    return {
        "title": gettext_lazy("Areas with particular needs"),
        "template": "indicators/attention_part.html",
        "context": {
            "significant": describe(summary["significant"]),
            "ranked": describe(ranked),
            "bassin": bassin_code,
        },
        "url": reverse("indicators:profile", kwargs={"layer": "bassin", "code": bassin_code}),
        "date": None,
    }
