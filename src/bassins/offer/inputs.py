"""The input contract of the offer analysis, checked and normalised.

Pure (no Django). The analysis takes the directory engineer's frames:

- `service_location_frame()`: one row per service_at_location, columns `LOCATION_COLUMNS`
  (optional: `region`, the region code when the row is known to lie in the region even though its
  commune is not fixed — a postcode shared by several communes — and `postcode`);
- `service_area_frame()`: service_id, layer, area_code (the area a service declares it serves);
- `source_summary()`: one row per source (free columns; `source`, `records`, `extract_date` are used
  when present);

and the sector membership (`bassins.territory.store.membership()`): indexed by sector code, columns
submunicipality, commune, monitoring, qss, bassin, region.

`prepare_locations` keeps the rows of the included statuses and gives every row the code of every layer
**at the finest level its precision allows**, from the membership:

- precision "point": the codes of its sector (when the sector is known), else the codes given;
- precision "postcode": a code of layer L is kept only when the row's sub-municipality (or, failing
  that, commune) lies wholly in one area of L; a code given for L is kept when it is consistent with the
  commune;
- precision "commune": a code of L only when the commune lies wholly in one area of L (Bruxelles-Ville,
  21004, lies in the bassins N, S and CO: a commune-precision row there has no bassin);
- precision "none" (or empty: not located yet): no code at all.

A row at precision "postcode" whose sub-municipality is not fixed gets `candidate_submunicipalities`:
the sub-municipalities of its commune its postcode may cover (space-separated, from the one Brussels
postcode table, `bassins.territory.postcode.postcode_submunicipalities`; postcode 1000 -> the four
of Bruxelles-Ville's centre, not Laeken, Neder-Over-Heembeek or Haren), None when the table lists none
there. `counts.apportion` shares such a row only among the areas holding those sub-municipalities.

A row is "in the region" when it has a commune (or a finer code), or its `region` column says 04000,
or its `postcode` is a Brussels postcode (1000-1299).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from bassins.codes import LAYER_CODES as LAYERS
from bassins.codes import (
    NONE,
    POINT,
    POSTCODE,
    PRECISIONS,
    REGION,
    REGION_CODE,
    is_brussels_postcode,
)
from bassins.directory.columns import AREA_COLUMNS, LOCATION_COLUMNS
from bassins.territory.postcode import postcode_submunicipalities
from bassins.territory.tables import check_columns

AREA_LAYERS = tuple(layer for layer in LAYERS if layer != REGION)

UNCATEGORISED = "(none)"
#: the column of the sub-municipalities a postcode-precision row may be in (see the module)
CANDIDATE_SUBMUNICIPALITIES = "candidate_submunicipalities"
INCLUDED_STATUSES = ("active",)


@dataclass
class Exclusions:
    """Rows left out of the analysis, with the reason (a code rendered by `texts`)."""

    rows: list[dict] = field(default_factory=list)

    def add(self, frame_name: str, reason: str, count: int, detail: str = "") -> None:
        """Record `count` rows of `frame_name` left out for `reason` (nothing when count is 0)."""
        if count:
            self.rows.append(
                {"frame": frame_name, "reason": reason, "count": int(count), "detail": detail}
            )

    def frame(self) -> pd.DataFrame:
        """The exclusions as a frame: frame, reason, count, detail."""
        return pd.DataFrame(self.rows, columns=["frame", "reason", "count", "detail"])


def normalise_membership(membership: pd.DataFrame) -> pd.DataFrame:
    """The membership with string codes, a region column and None for unloaded layers."""
    m = membership.copy()
    m.index = m.index.astype(str)
    if "region" not in m.columns:
        m["region"] = REGION_CODE
    for layer in ("submunicipality", "commune", "monitoring", "qss", "bassin", "region"):
        if layer not in m.columns:
            m[layer] = None
        m[layer] = _codes(m[layer])
    m["sector"] = m.index.to_numpy()
    return m


def layer_loaded(membership: pd.DataFrame, layer: str) -> bool:
    """Whether `layer` has codes in the membership (sectors always do)."""
    return layer == "sector" or (layer in membership.columns and membership[layer].notna().any())


def area_codes(membership: pd.DataFrame, layer: str) -> list[str]:
    """Every area of `layer` (sorted), from the membership."""
    if layer == "sector":
        return sorted(membership.index)
    return sorted(membership[layer].dropna().unique())


def unique_parent(membership: pd.DataFrame, anchor: str, target: str) -> dict[str, str | None]:
    """For each area of layer `anchor`, the one area of `target` holding it wholly (None if several)."""
    if anchor == target:
        return {code: code for code in membership[anchor].dropna().unique()}
    grouped = membership.groupby(anchor)[target]
    counts = grouped.nunique(dropna=False)
    first = grouped.first()
    return {
        code: (first[code] if counts[code] == 1 and pd.notna(first[code]) else None)
        for code in counts.index
    }


def prepare_locations(
    locations: pd.DataFrame,
    membership: pd.DataFrame,
    *,
    statuses: tuple[str, ...] = INCLUDED_STATUSES,
    exclusions: Exclusions | None = None,
) -> pd.DataFrame:
    """Checked copy of the service-location frame with every layer's code set by precision (see module)."""
    exclusions = exclusions if exclusions is not None else Exclusions()
    check_columns(locations, LOCATION_COLUMNS, "service_location_frame")
    frame = locations.copy().reset_index(drop=True)
    for column in [
        "service_id",
        "location_id",
        "organization_id",
        "category",
        "precision",
        "status",
        "source",
        *AREA_LAYERS,
    ]:
        frame[column] = _codes(frame[column])
    frame["is_head_office"] = frame["is_head_office"].fillna(False).astype(bool)
    frame["is_site"] = frame["is_site"].fillna(False).astype(bool)
    frame["category"] = frame["category"].fillna(UNCATEGORISED)
    frame["precision"] = frame["precision"].fillna(NONE)  # empty = not located (yet)

    no_id = frame["service_id"].isna()
    exclusions.add("service_location", "no_service_id", int(no_id.sum()))
    frame = frame[~no_id]
    status = frame["status"].fillna("")
    for value, count in status[~status.isin(statuses)].value_counts().sort_index().items():
        exclusions.add("service_location", "status", int(count), str(value or "(empty)"))
    frame = frame[status.isin(statuses)].copy()
    bad_precision = ~frame["precision"].isin(PRECISIONS)
    for value, count in (
        frame.loc[bad_precision, "precision"].fillna("(empty)").value_counts().items()
    ):
        exclusions.add("service_location", "precision_unknown", int(count), str(value))
    frame = frame[~bad_precision].copy()

    m = normalise_membership(membership)
    known = {layer: set(m[layer].dropna()) for layer in LAYERS}
    # Codes that do not exist in the loaded territories are dropped (and counted).
    for layer in AREA_LAYERS:
        unknown = frame[layer].notna() & ~frame[layer].isin(known[layer])
        if unknown.any() and layer_loaded(m, layer):
            exclusions.add(
                "service_location",
                "unknown_code",
                int(unknown.sum()),
                f"{layer}: {', '.join(sorted(frame.loc[unknown, layer].unique())[:5])}",
            )
        frame.loc[unknown, layer] = None

    result = {layer: np.full(len(frame), None, dtype=object) for layer in LAYERS}
    precision = frame["precision"].to_numpy()
    sector = frame["sector"].to_numpy(dtype=object)
    sub = frame["submunicipality"].to_numpy(dtype=object)
    commune = frame["commune"].to_numpy(dtype=object)
    by_sector = m.loc[:, list(LAYERS)]
    # point with a sector: everything from the sector
    has_sector = (precision == POINT) & pd.notna(sector)
    if has_sector.any():
        rows = by_sector.loc[sector[has_sector]]
        for layer in LAYERS:
            result[layer][has_sector] = rows[layer].to_numpy(dtype=object)
    # other rows with a sub-municipality or a commune: the unique parents
    coarse = ~has_sector & (precision != NONE)
    anchor_sub = coarse & pd.notna(sub)
    anchor_commune = coarse & ~pd.notna(sub) & pd.notna(commune)
    for mask, anchor, codes in (
        (anchor_sub, "submunicipality", sub),
        (anchor_commune, "commune", commune),
    ):
        if not mask.any():
            continue
        for layer in LAYERS:
            parents = unique_parent(m, anchor, layer)
            result[layer][mask] = [parents.get(c) for c in codes[mask]]
    # codes given for a layer the precision could not fix: kept for point and postcode rows when consistent
    consistent = {
        layer: set(zip(m["commune"], m[layer], strict=False))
        for layer in ("monitoring", "qss", "bassin")
    }
    for layer in ("monitoring", "qss", "bassin"):
        given = frame[layer].to_numpy(dtype=object)
        fill = (
            coarse
            & (precision != "commune")
            & pd.isna(result[layer].astype(object))
            & pd.notna(given)
            & pd.notna(result["commune"].astype(object))
        )
        for i in np.flatnonzero(fill):
            if (result["commune"][i], given[i]) in consistent[layer]:
                result[layer][i] = given[i]
    # in the region?
    in_region = pd.notna(result["commune"].astype(object)) | pd.notna(
        result["bassin"].astype(object)
    )
    if "region" in frame.columns:
        in_region |= (_codes(frame["region"]) == REGION_CODE).fillna(False).to_numpy()
    if "postcode" in frame.columns:
        brussels = np.array([is_brussels_postcode(p) for p in frame["postcode"]], dtype=bool)
        in_region |= brussels & (precision != NONE)
    if "inside_region" in frame.columns:
        # the one rule (bassins.codes.in_region): a point found outside the region (beyond its
        # tolerance) is outside, whatever its postcode says
        found_outside = np.array(
            [v is not None and not pd.isna(v) and not bool(v) for v in frame["inside_region"]],
            dtype=bool,
        )
        in_region &= ~((precision == POINT) & found_outside)
    in_region &= precision != NONE
    result["region"] = np.where(in_region, REGION_CODE, None)
    for layer in LAYERS:
        frame[f"at_{layer}"] = result[layer]
    frame[CANDIDATE_SUBMUNICIPALITIES] = candidate_submunicipalities(frame, m)
    frame["in_region"] = in_region
    frame["reason"] = np.where(
        in_region, "", np.where(precision == NONE, "no_location", "outside_region")
    )
    return frame.reset_index(drop=True)


def candidate_submunicipalities(frame: pd.DataFrame, membership: pd.DataFrame) -> np.ndarray:
    """Per row of `frame` (with `precision`, `postcode`, `at_commune`, `at_submunicipality`): the
    sub-municipalities of its commune its postcode may cover, space-separated, for the rows at postcode
    precision whose sub-municipality is not fixed; None elsewhere or when the table lists none there."""
    out = np.full(len(frame), None, dtype=object)
    if "postcode" not in frame.columns or not len(frame):
        return out
    by_postcode = postcode_submunicipalities()
    commune_of = membership.groupby("submunicipality")["commune"].first().to_dict()
    rows = (
        (frame["precision"] == POSTCODE).to_numpy()
        & frame["at_submunicipality"].isna().to_numpy()
        & frame["at_commune"].notna().to_numpy()
    )
    for i in np.flatnonzero(rows):
        postcode = str(frame["postcode"].iat[i]).strip().removesuffix(".0")
        commune = frame["at_commune"].iat[i]
        subs = [s for s in by_postcode.get(postcode, ()) if commune_of.get(s) == commune]
        out[i] = " ".join(sorted(subs)) or None
    return out


def prepare_service_areas(
    areas: pd.DataFrame | None, services: pd.DataFrame, exclusions: Exclusions | None = None
) -> pd.DataFrame:
    """Checked declarations of areas served, of services present in `services` (one row per service)."""
    exclusions = exclusions if exclusions is not None else Exclusions()
    if areas is None:
        return pd.DataFrame(columns=AREA_COLUMNS + ["category"])
    check_columns(areas, AREA_COLUMNS, "service_area_frame")
    frame = areas[AREA_COLUMNS].copy()
    for column in AREA_COLUMNS:
        frame[column] = _codes(frame[column])
    duplicated = frame.duplicated()
    exclusions.add("service_area", "duplicate_declaration", int(duplicated.sum()))
    frame = frame[~duplicated]
    absent = ~frame["service_id"].isin(services.index)
    exclusions.add("service_area", "service_not_included", int(absent.sum()))
    frame = frame[~absent].copy()
    frame["category"] = services.loc[frame["service_id"], "category"].to_numpy()
    return frame.reset_index(drop=True)


def _codes(series: pd.Series) -> pd.Series:
    """Codes as stripped strings, None for missing or empty values."""
    missing = series.isna().to_numpy()
    text = series.astype(object).astype(str).str.strip().to_numpy(dtype=object)
    out = np.where(missing | (text == ""), None, text)
    return pd.Series(out, index=series.index, dtype=object)
