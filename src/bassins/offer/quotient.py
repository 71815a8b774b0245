"""Location quotients: how over- or under-represented a category is in an area.

LQ(area, category) = (units of the category in the area / units in the area)
                     / (units of the category in the region / units in the region)

1 = the area has the regional mix; 2 = the category weighs twice as much locally. Undefined (NaN) when
the area has no unit or the region none of the category. Pure (no Django).

Like with like: with an `Apportionment` (`counts.apportion`), the units of an area are those placed in
it plus its ESTIMATED share of the units the layer cannot place, so that the areas' units add up to the
region's, per category. Then the mean of a category's quotients weighted by the areas' units is exactly
1 (`weighted_mean`); without it, the units known only at a coarser level would weigh in the region and
in no area, and every quotient of a category often found there would come out below 1.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bassins.offer.counts import TOTAL, Apportionment, LayerCounts


def area_units(counts: LayerCounts, apportionment: Apportionment | None = None) -> pd.DataFrame:
    """Units per area and category (+ TOTAL): placed, plus the estimated share when apportioned."""
    return apportionment.combined(counts) if apportionment is not None else counts.table


def local_shares(counts: LayerCounts, apportionment: Apportionment | None = None) -> pd.DataFrame:
    """Share of each category among the units of each area (rows add up to 1)."""
    table = area_units(counts, apportionment)
    totals = table[TOTAL].replace(0, np.nan)
    return table[counts.categories].div(totals, axis=0)


def regional_shares(counts: LayerCounts) -> pd.Series:
    """Share of each category among the units in the region."""
    total = counts.region[TOTAL]
    return (
        counts.region[counts.categories] / total
        if total
        else counts.region[counts.categories] * np.nan
    )


def location_quotients(
    counts: LayerCounts, apportionment: Apportionment | None = None
) -> pd.DataFrame:
    """Area × category location quotients (see the module)."""
    regional = regional_shares(counts).replace(0, np.nan)
    return local_shares(counts, apportionment).div(regional, axis=1)


def weighted_mean(quotients: pd.DataFrame, weights: pd.Series) -> pd.Series:
    """Per category, the mean of the areas' quotients weighted by `weights` (areas with a quotient)."""
    out = {}
    for category in quotients.columns:
        q = quotients[category]
        w = weights.reindex(q.index).where(q.notna(), 0.0).fillna(0.0)
        out[category] = float((q.fillna(0.0) * w).sum() / w.sum()) if w.sum() else np.nan
    return pd.Series(out, dtype=float)
