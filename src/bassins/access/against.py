"""Equity of accessibility against any indicator of the registry with sector values.

`sector_values(indicator_id)`: the indicator's loaded values per statistical sector (its latest
period, all sexes and ages, no category), from `bassins.indicators.store`, cached per data version.
`figure(values, sectors, weights, indicator_id, lang)`: the concentration index of the access
`values` of the demand points (`bassins.access.equity.concentration_index`) with the people ranked
from the sector with the highest indicator value to the lowest: below 0, access is concentrated
where the indicator is higher; above 0, where it is lower. The indicator, its period and the people
left out (sectors without a value) are named in the answer.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bassins.access import equity
from bassins.errors import InputError


def _indicator(indicator_id: str):
    from bassins.access.report import _shown
    from bassins.indicators import store

    known = store.full_registry()
    if indicator_id not in known:
        raise InputError(
            f"unknown indicator {_shown(indicator_id)} (known: {', '.join(sorted(known))})",
            field="--against",
        )
    return known[indicator_id]


def sector_values(indicator_id: str) -> tuple[pd.Series, str]:
    """(value per sector code, period) of `indicator_id`; an error when it has no sector values."""
    from bassins.indicators import store
    from bassins.web.cache import by_data_version

    _indicator(indicator_id)

    def build():
        frame = store.values_frame(indicator=indicator_id, layer="sector")
        frame = frame[
            (frame["sex"] == "all") & (frame["age_band"] == "all") & (frame["category"] == "")
        ]
        frame = frame[np.isfinite(frame["value"])]
        if frame.empty:
            return None
        period = max(frame["period"])
        latest = frame[frame["period"] == period]
        return latest.set_index("area_code")["value"].astype(float), period

    found = by_data_version("access-against", indicator_id, build=build)
    if found is None:
        raise InputError(
            f"indicator {indicator_id} has no values per statistical sector loaded "
            "(`bassins indicators load`, or an indicator published by sector)",
            field="--against",
        )
    return found


def figure(values, sectors, weights, indicator_id: str, lang: str = "en") -> dict:
    """The concentration index of `values` (per demand point, in `sectors`) against the indicator."""
    indicator = _indicator(indicator_id)
    by_sector, period = sector_values(indicator_id)
    ranking = by_sector.reindex(np.asarray(sectors, dtype=object)).to_numpy(float)
    found = equity.concentration_index(values, ranking, weights)
    index = found["index"]
    return {
        "indicator": indicator_id,
        "name": indicator.name(lang),
        "unit": indicator.unit,
        "period": period,
        "index": None if not np.isfinite(index) else round(index, 4),
        "people": round(found["people"]),
        "points_left_out": found["left_out"],
        "ranking": "highest value first (index < 0: more access where the value is higher)",
    }


def choices(lang: str = "en") -> list[dict]:
    """The indicators with values per sector loaded: [{"id", "name"}], by name (for the page)."""
    from bassins.indicators import store
    from bassins.indicators.models import IndicatorValue
    from bassins.web.cache import by_data_version

    ids = by_data_version(
        "access-against-ids",
        build=lambda: sorted(
            set(IndicatorValue.objects.filter(layer="sector").values_list("indicator", flat=True))
        ),
    )
    known = store.full_registry()
    rows = [{"id": i, "name": known[i].name(lang)} for i in ids if i in known]
    return sorted(rows, key=lambda r: r["name"])
