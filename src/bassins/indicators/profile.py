"""What the indicator pages show, built from the tidy table: one computation for the page, its
`.json` twin, the CSV and the dashboard part. Pure (no Django).

- `area_profile`: every indicator of one area (latest period, no breakdown) with its interval, the
  region's value, the range of its peers (the areas of the same layer) and the comparison at 99.8%;
- `pyramid`: the population by age band of one area;
- `choropleth`: the values of one indicator at one layer with their map classes (mapclassify).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from bassins.codes import REGION, REGION_CODE
from bassins.indicators import charts, stats, tidy
from bassins.indicators.registry import Indicator

PROFILE_FIELDS = [
    "count",
    "denominator",
    "value",
    "lower95",
    "upper95",
    "lower998",
    "upper998",
    "comparison95",
    "comparison998",
    "estimated",
    "value_note",
    "period",
]


def latest(table: pd.DataFrame) -> pd.DataFrame:
    """Rows without breakdown (all sexes, all ages, no category) of each indicator's latest period."""
    rows = table[
        (table["sex"] == tidy.ALL) & (table["age_band"] == tidy.ALL) & (table["category"] == "")
    ]
    if rows.empty:
        return rows
    last = rows.groupby("indicator")["period"].transform("max")
    return rows[rows["period"] == last]


def area_profile(
    table: pd.DataFrame, registry: dict[str, Indicator], layer: str, code: str, lang: str
) -> dict:
    """The profile of one area: {"rows": [...], "date": latest reference date, "found": bool}."""
    table = tidy.normalise(table)
    rows = latest(table)
    trends = area_trends(table, registry, layer, code)
    layer_rows = rows[rows["layer"] == layer]
    here = layer_rows[layer_rows["area_code"] == code].set_index("indicator")
    region = rows[(rows["layer"] == REGION) & (rows["area_code"] == REGION_CODE)].set_index(
        "indicator"
    )
    # the region's value the layer's rows were compared with (its own ratio of sums where it differs)
    own = tidy.layer_comparators(rows, registry, rows[rows["layer"] == REGION])
    own = own[own["layer"] == layer].set_index("indicator")["comparator"]
    out, dates = [], []
    for indicator_id, indicator in registry.items():
        if indicator_id not in here.index:
            continue
        record = here.loc[indicator_id]
        peers = layer_rows.loc[layer_rows["indicator"] == indicator_id, "value"].dropna()
        region_value = region["value"].get(indicator_id) if indicator_id in region.index else None
        region_value = own.get(indicator_id, region_value)
        item = {
            "id": indicator_id,
            "name": indicator.name(lang),
            "unit": indicator.unit,
            "kind": indicator.kind,
            "has_interval": indicator.has_interval,
            "polarity": indicator.polarity,
            "region_value": _clean(region_value),
            "peers_min": _clean(peers.min()) if len(peers) else None,
            "peers_max": _clean(peers.max()) if len(peers) else None,
            "peers": int(len(peers)),
            "source": indicator.source,
            "reference_date": indicator.reference_date,
            **{f: _clean(record[f]) for f in PROFILE_FIELDS},
        }
        item["peer_values"] = [float(v) for v in peers]
        item["trend"] = trends.get(indicator_id, stats.NO_TREND)
        out.append(item)
        dates.append(indicator.reference_date)
    return {"rows": out, "date": max(dates) if dates else None, "found": bool(out)}


def area_trends(
    table: pd.DataFrame, registry: dict[str, Indicator], layer: str, code: str
) -> dict[str, str]:
    """The recent trend of every proportion of one area with five periods or more: the chi-squared
    test for trend over the last five (`stats.chi2_trend`, 99.8%), as Fingertips' "recent trend"."""
    rows = table[
        (table["layer"] == layer)
        & (table["area_code"] == code)
        & (table["sex"] == tidy.ALL)
        & (table["age_band"] == tidy.ALL)
        & (table["category"] == "")
    ]
    out = {}
    for indicator_id, series in rows.groupby("indicator"):
        indicator = registry.get(indicator_id)
        if indicator is None or indicator.kind != "proportion" or len(series) < stats.TREND_PERIODS:
            continue
        series = series.sort_values("period")
        out[indicator_id] = stats.chi2_trend(series["count"], series["denominator"]).outcome
    return out


def spine_svg(profile: dict, *, title: str, desc: str, fmt) -> str:
    """The spine chart of a profile (rows with a region value and peers only); `fmt` formats a value."""
    rows = [
        charts.SpineRow(
            label=row["name"],
            value=row["value"],
            comparison=row["comparison998"] or "not compared",
            region=row["region_value"],
            peers=row["peer_values"],
            text=fmt(row["value"], row["unit"]),
        )
        for row in profile["rows"]
        if row["region_value"] is not None
        and row["peers"] > 1
        and row["kind"] not in ("count", "measure")  # a total is not comparable with the region's
    ]
    return charts.spine_chart(rows, title=title, desc=desc)


def pyramid(table: pd.DataFrame, layer: str, code: str) -> list[tuple[str, float]]:
    """(age band, residents) of one area, youngest first (empty when no age data)."""
    rows = table[
        (table["indicator"] == "population_by_age")
        & (table["layer"] == layer)
        & (table["area_code"] == code)
        & (table["age_band"] != tidy.ALL)
    ]
    bands = sorted(
        rows[["age_band", "count"]].itertuples(index=False),
        key=lambda r: int(r[0].split("-")[0].rstrip("+")),
    )
    return [(band, float(count)) for band, count in bands]


def choropleth(table: pd.DataFrame, indicator: str, layer: str, category: str = "") -> dict:
    """The latest values of `indicator` at `layer` with their classes: {"period", "areas": {code:
    {value, lower998, upper998, comparison998, count, class, colour}}, "legend": [...]}."""
    rows = table[
        (table["indicator"] == indicator)
        & (table["layer"] == layer)
        & (table["sex"] == tidy.ALL)
        & (table["age_band"] == tidy.ALL)
        & (table["category"] == category)
    ]
    if rows.empty:
        return {"period": None, "areas": {}, "legend": []}
    period = rows["period"].max()
    rows = rows[rows["period"] == period]
    scheme = charts.classes(rows["value"].to_numpy())
    areas = {}
    for position, record in enumerate(rows.itertuples(index=False)):
        klass = scheme["class_of"][position]
        areas[record.area_code] = {
            "value": _clean(record.value),
            "count": _clean(record.count),
            "lower998": _clean(record.lower998),
            "upper998": _clean(record.upper998),
            "comparison998": record.comparison998,
            "estimated": bool(record.estimated),
            "class": klass,
            "colour": scheme["colours"][klass] if klass >= 0 else charts.NO_VALUE,
        }
    legend = [
        {"low": low, "high": high, "colour": colour}
        for (low, high), colour in zip(scheme["labels"], scheme["colours"], strict=True)
    ]
    return {"period": period, "areas": areas, "legend": legend}


def _clean(value):
    """A value fit for JSON and templates: None for missing, plain bool, str or float."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    number = float(value)
    return None if math.isnan(number) else number
