"""The bassins and communes as the public pages name them (in the reader's language), cached per data
version: names, helpdesk lines, composition, page URLs."""

from __future__ import annotations

from django.urls import reverse

from bassins.codes import bassin_slug
from bassins.territory import store
from bassins.territory.summary import bassin_composition
from bassins.web.cache import by_data_version


def bassin_rows(lang: str) -> list[dict]:
    """The bassins (code, names, area, sectors, helpdesk line, communes, page URL), cached per data
    version and language."""
    return by_data_version("bassin-rows", lang, build=lambda: _bassin_rows(lang))


def _bassin_rows(lang: str) -> list[dict]:
    name = "name_nl" if lang == "nl" else "name_fr"
    bassins = store.layer_frame("bassin", geometry=False)
    composition = bassin_composition(
        store.membership(),
        store.layer_frame("commune", geometry=False),
        store.layer_frame("submunicipality", geometry=False),
        lang,
    )
    rows = []
    for code, row in bassins.sort_values(name).iterrows():
        rows.append(
            {
                "code": code,
                "name": row[name],
                "name_fr": row["name_fr"],
                "name_nl": row["name_nl"],
                "area_km2": round(float(row["area_km2"]), 2),
                "n_sectors": int(row["n_sectors"]),
                "basis": row.get("basis"),
                "helpdesk_phone": row.get("helpdesk_phone") or "",
                "communes": composition.get(code, []),
                "url": reverse("offer:bassin", kwargs={"code": code}),
                "site_url": reverse("sites:bassin", kwargs={"slug": bassin_slug(code, lang)}),
            }
        )
    return rows


def area_names(layer: str, lang: str) -> dict[str, str]:
    """Code -> name in `lang` of the areas of `layer`, in the layer's order, cached per data version
    (DataNotLoadedError while the layer is not loaded)."""
    column = "name_nl" if lang == "nl" else "name_fr"

    def build():
        frame = store.layer_frame(layer, geometry=False)
        return {str(code): str(row[column]) for code, row in frame.iterrows()}

    return by_data_version("area-names", layer, lang, build=build)


def commune_names(lang: str) -> dict[str, str]:
    return area_names("commune", lang)


def bassins_of_commune(commune: str) -> list[str]:
    """The bassin(s) the commune's statistical sectors belong to (Bruxelles-Ville: three)."""
    membership = store.membership()
    return sorted(membership.loc[membership["commune"] == commune, "bassin"].dropna().unique())
