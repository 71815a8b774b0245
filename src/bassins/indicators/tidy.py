"""Indicator values in tidy form (Fingertips' shape), their statistics, aggregation and comparison.

Pure (no Django). One row per indicator × area (layer, code) × period × sex × age band × category,
with the columns of `COLUMNS`:

- count, denominator: what the value is computed from (null for a value published without counts);
- value; lower95/upper95 and lower998/upper998, the 95% and 99.8% limits (null without an interval);
- value_note: what the reader must know about this value (estimated, partial, source's caveat);
- comparison95, comparison998: better / similar / worse (higher / lower) than the region, or
  "not compared";
- estimated: True when the counts were apportioned (disaggregation through a crosswalk, a block placed
  in one sector), never when they were counted.

Rules (the issue's and Fingertips'):
- aggregation to a coarser layer SUMS counts and denominators and recomputes the value; it never
  averages rates; it is done only when the finer layer nests in the coarser one (checked on the sector
  memberships), and only for indicators whose registry says "sum";
- rows given natively for an area win over rows aggregated for the same area (the communes' official
  population over the sum of their sectors);
- disaggregation to a finer layer goes only through the territory crosswalks (`disaggregate`), and
  its rows are marked estimated.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bassins.codes import LAYER_CODES, REGION, REGION_CODE
from bassins.errors import InputError
from bassins.indicators import stats
from bassins.indicators.registry import Indicator

KEY = ["indicator", "layer", "area_code", "period", "sex", "age_band", "category"]
COLUMNS = [
    *KEY,
    "count",
    "denominator",
    "value",
    "lower95",
    "upper95",
    "lower998",
    "upper998",
    "value_note",
    "comparison95",
    "comparison998",
    "estimated",
    "source_file",
]
ALL = "all"  # sex and age band of a row that is not broken down
NUMERIC = ["count", "denominator", "value", "lower95", "upper95", "lower998", "upper998"]
#: The layers of the tidy table, finest first (the statistical hierarchy, then the region).
LAYERS = LAYER_CODES


def empty() -> pd.DataFrame:
    """An empty tidy frame with the right columns and types."""
    return normalise(pd.DataFrame(columns=COLUMNS))


def normalise(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every column of `COLUMNS`, defaults filled ("all", "", False) and types set."""
    out = frame.copy()
    for column in COLUMNS:
        if column not in out.columns:
            out[column] = np.nan if column in NUMERIC else None
    for column in ("sex", "age_band"):
        out[column] = out[column].fillna(ALL).replace("", ALL)
    for column in ("category", "value_note", "comparison95", "comparison998", "source_file"):
        out[column] = out[column].fillna("").astype(str)
    for column in ("indicator", "layer", "area_code", "period"):
        out[column] = out[column].astype(str)
    for column in NUMERIC:
        out[column] = pd.to_numeric(out[column], errors="coerce").astype(float)
    out["estimated"] = out["estimated"].fillna(False).astype(bool)
    return out[COLUMNS].reset_index(drop=True)


# -- values and intervals ------------------------------------------------------------------------------


def compute(frame: pd.DataFrame, registry: dict[str, Indicator]) -> pd.DataFrame:
    """Value and limits of every row from its count and denominator, by the indicator's kind."""
    out = normalise(frame)
    for indicator_id, index in out.groupby("indicator").groups.items():
        indicator = _indicator(registry, indicator_id)
        rows = out.loc[index]
        count, denominator = rows["count"].to_numpy(), rows["denominator"].to_numpy()
        m = indicator.multiplier
        limits = [np.full(len(rows), np.nan) for _ in range(4)]
        kind = indicator.kind
        if kind in ("count", "measure"):
            value = count.copy()
        elif kind == "value":
            value = rows["value"].to_numpy()
        elif kind == "dsr":
            value = rows["value"].to_numpy()  # computed by `standardise`, limits kept
            limits = [rows[c].to_numpy() for c in ("lower95", "upper95", "lower998", "upper998")]
        else:
            with np.errstate(divide="ignore", invalid="ignore"):
                value = np.where(denominator > 0, count / denominator * m, np.nan)
            if kind == "proportion":
                low95, high95 = stats.wilson_array(count, denominator, 0.95)
                low998, high998 = stats.wilson_array(count, denominator, 0.998)
                limits = [low95 * m, high95 * m, low998 * m, high998 * m]
            elif kind == "rate":
                low95, high95 = stats.rate_interval_array(count, denominator, m, 0.95)
                low998, high998 = stats.rate_interval_array(count, denominator, m, 0.998)
                limits = [low95, high95, low998, high998]
        out.loc[index, "value"] = value
        for column, values in zip(
            ("lower95", "upper95", "lower998", "upper998"), limits, strict=True
        ):
            out.loc[index, column] = values
    return out


def standardise(
    frame: pd.DataFrame, standard: dict[str, float] | None = None, per: float = 100_000
) -> pd.DataFrame:
    """Directly age-standardised rates (Dobson) from rows by age band (count = events,
    denominator = population): one row per key with age band "all". Default standard: the ESP 2013
    with an open band matching the data's last band ("85+" or "90+")."""
    rows = normalise(frame)
    rows = rows[rows["age_band"] != ALL]
    out = []
    group_key = [k for k in KEY if k != "age_band"]
    for key, group in rows.groupby(group_key, sort=True):
        bands = list(group["age_band"])
        weights = standard or stats.esp2013(_open_band(bands))
        missing = [b for b in bands if b not in weights]
        if missing:
            raise InputError(f"age band {missing[0]!r} is not a band of the standard population")
        rate = stats.dobson(
            group["count"], group["denominator"], [weights[b] for b in bands], per=per
        )
        out.append(
            {
                **dict(zip(group_key, key, strict=True)),
                "age_band": ALL,
                "count": rate.count,
                "denominator": rate.denominator,
                "value": rate.value,
                "lower95": rate.lower95,
                "upper95": rate.upper95,
                "lower998": rate.lower998,
                "upper998": rate.upper998,
                "value_note": rate.note,
                "estimated": bool(group["estimated"].any()),
                "source_file": group["source_file"].iloc[0],
            }
        )
    return normalise(pd.DataFrame(out)) if out else empty()


def _open_band(bands: list[str]) -> int:
    opens = [b for b in bands if b.endswith("+")]
    return int(opens[0][:-1]) if opens else 95


# -- aggregation -------------------------------------------------------------------------------------


def layer_keys(membership: pd.DataFrame, finer: str, coarser: str) -> pd.Series | None:
    """The coarser code of every finer code, or None when `finer` does not nest in `coarser`."""
    members = membership.assign(sector=membership.index)
    if finer not in members.columns or coarser not in members.columns:
        return None
    if members[coarser].isna().all() or members[finer].isna().all():
        return None
    pairs = members[[finer, coarser]].dropna().drop_duplicates()
    if pairs[finer].duplicated().any():
        return None  # a finer area lies in several coarser ones
    return pairs.set_index(finer)[coarser]


def coarser_layers(layer: str) -> list[str]:
    """The layers after `layer` in the statistical hierarchy (those it may sum to)."""
    if layer not in LAYERS:
        return []
    return list(LAYERS[LAYERS.index(layer) + 1 :])


def aggregate(
    frame: pd.DataFrame, membership: pd.DataFrame, registry: dict[str, Indicator]
) -> pd.DataFrame:
    """Rows of `frame` plus their sums to every coarser layer the registry publishes them at.

    Counts and denominators are summed, values recomputed later (`compute`); a row given in `frame`
    for an area wins over the sum computed for it. The note of a summed row says from which layer.
    """
    rows = normalise(frame)
    pieces = [rows]
    for (indicator_id, layer), group in rows.groupby(["indicator", "layer"]):
        indicator = _indicator(registry, indicator_id)
        if not indicator.aggregates or layer != indicator.native_layer:
            continue
        for target in coarser_layers(layer):
            if target not in indicator.layers:
                continue
            keys = layer_keys(membership, layer, target)
            if keys is None:
                continue
            unknown = sorted(set(group["area_code"]) - set(keys.index))
            if unknown:
                raise InputError(
                    f"{indicator_id}: {layer} {unknown[0]!r} is not in the territory vintage"
                )
            moved = group.assign(area_code=group["area_code"].map(keys), layer=target)
            grouped = moved.groupby(KEY, sort=False)
            summed = grouped[["count", "denominator"]].sum(min_count=1)
            summed["estimated"] = grouped["estimated"].max()
            summed["source_file"] = grouped["source_file"].first()
            summed = summed.reset_index()
            summed["value_note"] = f"sum of {layer} rows"
            pieces.append(summed)
    combined = pd.concat([normalise(p) for p in pieces], ignore_index=True)
    return combined.drop_duplicates(KEY, keep="first").reset_index(drop=True)


def disaggregate(
    frame: pd.DataFrame, source, target, target_layer: str, registry: dict[str, Indicator]
) -> pd.DataFrame:
    """Counts and denominators of `frame` (one source layer) moved to finer `target` polygons through
    the territory crosswalk (area weighting, `bassins.territory.crosswalk.interpolate`); the rows are
    marked estimated and say so. `source` and `target` are GeoDataFrames indexed by area code."""
    from bassins.territory.crosswalk import interpolate

    rows = normalise(frame)
    pieces = []
    for key, group in rows.groupby(["indicator", "period", "sex", "age_band", "category"]):
        indicator = _indicator(registry, key[0])
        if not indicator.aggregates:
            raise InputError(f"{key[0]}: a value without counts cannot be disaggregated")
        moved = {}
        for column in ("count", "denominator"):
            values = group.set_index("area_code")[column]
            if values.isna().all():
                moved[column] = pd.Series(np.nan, index=target.index)
                continue
            polygons = source[["geometry"]].join(values.rename("v"), how="inner")
            moved[column], _ = interpolate(polygons, "v", target)
        pieces.append(
            pd.DataFrame(
                {
                    "indicator": key[0],
                    "layer": target_layer,
                    "area_code": target.index.astype(str),
                    "period": key[1],
                    "sex": key[2],
                    "age_band": key[3],
                    "category": key[4],
                    "count": moved["count"].to_numpy(),
                    "denominator": moved["denominator"].to_numpy(),
                    "estimated": True,
                    "value_note": "estimated: shared by area from a coarser layer",
                    "source_file": group["source_file"].iloc[0],
                }
            )
        )
    return normalise(pd.concat(pieces, ignore_index=True)) if pieces else empty()


# -- comparison with the region -------------------------------------------------------------------------


#: Kinds whose value is count / denominator: the region of a layer's own areas is a ratio of sums.
CRUDE_KINDS = ("proportion", "rate")
#: The relative tolerance within which a layer's summed count is the region's count.
SAME_COUNT = 1e-9


def layer_comparators(
    frame: pd.DataFrame, registry: dict[str, Indicator], region: pd.DataFrame
) -> pd.DataFrame:
    """The region's value as each layer's own areas make it, where that differs from the region row.

    Like is compared with like: when a layer's areas together hold every event of the region (their
    counts sum to the region's count) but a different population (the sectors leave out the residents
    of no known sector, 1,215,012 of 1,218,255 in 2020), a crude rate or proportion of an area is
    compared with sum(counts) / sum(denominators) of its layer, the benchmark the offer pages use,
    not with the region row's own denominator. A layer that does not cover the region (Schaerbeek's
    blocks, a partial import) keeps the region row. Returns the rows (indicator, layer, period, sex,
    age band, category) with `comparator`, `count` and `denominator` of that benchmark.
    """
    match = [k for k in KEY if k not in ("layer", "area_code")]
    crude = [i for i, ind in registry.items() if ind.kind in CRUDE_KINDS]
    rows = frame[frame["indicator"].isin(crude) & (frame["layer"] != REGION)]
    columns = [*match, "layer", "comparator", "count", "denominator"]
    if rows.empty or region.empty:
        return pd.DataFrame(columns=columns)
    sums = rows.groupby([*match, "layer"])[["count", "denominator"]].sum(min_count=1).reset_index()
    own = region[[*match, "count", "denominator", "value"]].drop_duplicates(match)
    sums = sums.merge(own, on=match, suffixes=("", "_region"))
    same_events = np.isclose(sums["count"], sums["count_region"], rtol=SAME_COUNT, atol=0)
    other_people = ~np.isclose(sums["denominator"], sums["denominator_region"], rtol=SAME_COUNT)
    sums = sums[same_events & other_people & (sums["denominator"] > 0)].copy()
    multiplier = sums["indicator"].map({i: registry[i].multiplier for i in crude})
    sums["comparator"] = sums["count"] / sums["denominator"] * multiplier
    return sums[columns].reset_index(drop=True)


def compare_with_region(frame: pd.DataFrame, registry: dict[str, Indicator]) -> pd.DataFrame:
    """comparison95 / comparison998 of every row against the region's value of the same indicator,
    period, sex, age band and category (Fingertips: the region's value outside the area's interval).

    The region's value is the region row's, or the layer's own ratio of sums where the layer holds the
    same events over another population (`layer_comparators`); the note of such a row says so."""
    out = normalise(frame)
    out["comparison95"] = stats.NOT_COMPARED
    out["comparison998"] = stats.NOT_COMPARED
    region = out[(out["layer"] == REGION) & (out["area_code"] == REGION_CODE)]
    if region.empty:
        return out
    match = [k for k in KEY if k not in ("layer", "area_code")]
    reference = region.set_index(match)["value"]
    reference = reference[~reference.index.duplicated()]
    comparator = pd.Series(
        reference.reindex(pd.MultiIndex.from_frame(out[match])).to_numpy(), index=out.index
    )
    own = layer_comparators(out, registry, region)
    if not own.empty:
        keyed = own.set_index([*match, "layer"])
        position = pd.MultiIndex.from_frame(out[[*match, "layer"]])
        layer_value = pd.Series(keyed["comparator"].reindex(position).to_numpy(), index=out.index)
        people = pd.Series(keyed["denominator"].reindex(position).to_numpy(), index=out.index)
        moved = layer_value.notna()
        comparator[moved] = layer_value[moved]
        notes = [
            f"compared with the region over the {layer}s' own population "
            f"({value:.4g} per {registry[ind].multiplier:g}, {count:,.0f} residents)"
            for ind, layer, value, count in zip(
                out.loc[moved, "indicator"],
                out.loc[moved, "layer"],
                layer_value[moved],
                people[moved],
                strict=True,
            )
        ]
        out.loc[moved, "value_note"] = [
            f"{note}; {extra}" if note else extra
            for note, extra in zip(out.loc[moved, "value_note"], notes, strict=True)
        ]
    for indicator_id, index in out.groupby("indicator").groups.items():
        indicator = _indicator(registry, indicator_id)
        if not indicator.has_interval:
            continue
        rows = out.loc[index]
        is_region = (rows["layer"] == REGION).to_numpy()
        for level, (low, high) in (
            ("95", ("lower95", "upper95")),
            ("998", ("lower998", "upper998")),
        ):
            outcome = stats.compare_array(
                rows["value"], rows[low], rows[high], comparator.loc[index], indicator.polarity
            )
            outcome[is_region] = stats.NOT_COMPARED
            out.loc[index, f"comparison{level}"] = outcome
    return out


def build(
    frame: pd.DataFrame, membership: pd.DataFrame, registry: dict[str, Indicator]
) -> pd.DataFrame:
    """The whole table: rows aggregated to every layer, values and limits computed, compared with the
    region, sorted by indicator, layer (finest first), area and period."""
    table = compare_with_region(compute(aggregate(frame, membership, registry), registry), registry)
    order = {layer: i for i, layer in enumerate(LAYERS)}
    table["_layer"] = table["layer"].map(order).fillna(-1)
    table = table.sort_values(
        ["indicator", "_layer", "area_code", "period", "sex", "age_band", "category"]
    )
    return table.drop(columns="_layer").reset_index(drop=True)


def _indicator(registry: dict[str, Indicator], indicator_id: str) -> Indicator:
    if indicator_id not in registry:
        raise InputError(f"unknown indicator {indicator_id!r}: not in the registry")
    return registry[indicator_id]
