"""Descriptions of the layers for people: which communes (or parts) make each bassin. Pure functions."""

from __future__ import annotations

import pandas as pd


def bassin_composition(
    membership: pd.DataFrame,
    communes: pd.DataFrame,
    submunicipalities: pd.DataFrame,
    lang: str = "fr",
) -> dict[str, list[dict]]:
    """For each bassin, its communes in name order: {code, name, whole, parts: [sub-municipality names]}.

    A commune split over several bassins (Bruxelles-Ville) appears in each with the parts it brings.
    """
    name = f"name_{lang}" if f"name_{lang}" in communes.columns else "name_fr"
    sectors_per_commune = membership.groupby("commune").size()
    result: dict[str, list[dict]] = {}
    for (bassin, commune), group in membership.groupby(["bassin", "commune"]):
        whole = bool(len(group) == sectors_per_commune[commune])
        parts = (
            []
            if whole
            else sorted(submunicipalities.loc[sorted(group["submunicipality"].unique()), name])
        )
        result.setdefault(bassin, []).append(
            {"code": commune, "name": communes.loc[commune, name], "whole": whole, "parts": parts}
        )
    for bassin in result:
        result[bassin].sort(key=lambda item: item["name"])
    return result
