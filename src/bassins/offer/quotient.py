"""Location quotients: how over- or under-represented a category is in an area.

LQ(area, category) = (units of the category in the area / units in the area)
                     / (units of the category in the region / units in the region)

1 = the area has the regional mix; 2 = the category weighs twice as much locally. Undefined (NaN) when
the area has no unit or the region none of the category. Pure (no Django).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bassins.offer.counts import TOTAL, LayerCounts


def local_shares(counts: LayerCounts) -> pd.DataFrame:
    """Share of each category among the units of each area (rows add up to 1)."""
    table = counts.table
    totals = table[TOTAL].replace(0, np.nan)
    return table[counts.categories].div(totals, axis=0)


def regional_shares(counts: LayerCounts) -> pd.Series:
    """Share of each category among the units placed in the region."""
    total = counts.region[TOTAL]
    return (
        counts.region[counts.categories] / total
        if total
        else counts.region[counts.categories] * np.nan
    )


def location_quotients(counts: LayerCounts) -> pd.DataFrame:
    """Area × category location quotients (see the module)."""
    regional = regional_shares(counts).replace(0, np.nan)
    return local_shares(counts).div(regional, axis=1)
