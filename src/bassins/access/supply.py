"""Service sites for an accessibility measure, from the directory's service-location frame.

`build_sites` keeps the locations of the requested categories (primary category, or a secondary
category such as "hospital_emergency" given in `extra_categories`) and:
- leaves out every status but "active" and counts them (`Sites.excluded`: temporarily closed
  pharmacies are excluded, and said so);
- places a location at its coordinates when its precision is "point"; at the population-weighted
  centre of the finest area its precision fixes (sub-municipality, else commune; `area_centres`)
  otherwise, with `placement` "area centre (estimate)"; a location without a place is left out
  (counted);
- gives each site its capacity when known (`capacity`, e.g. hospital beds per service) and 1
  otherwise (`capacity_basis` says which).

Pure module: no Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from bassins.codes import POINT

AT_POINT = "point"
AREA_CENTRE = "area centre (estimate)"


@dataclass
class Sites:
    """Service sites: ids (service_at_location), service ids, names, category, x, y (EPSG:31370),
    capacity, capacity_basis ("known" / "1 per site"), placement; excluded: reason -> count."""

    ids: np.ndarray
    service_ids: np.ndarray
    names: np.ndarray
    category: np.ndarray
    x: np.ndarray
    y: np.ndarray
    capacity: np.ndarray
    capacity_basis: np.ndarray
    placement: np.ndarray
    excluded: dict[str, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def xy(self) -> np.ndarray:
        """The sites' coordinates, shape (n, 2)."""
        return np.column_stack([self.x, self.y])

    def subset(self, mask) -> Sites:
        """The sites where `mask` holds (same exclusions)."""
        m = np.asarray(mask, bool)
        return Sites(*(getattr(self, f)[m] for f in self._arrays()), excluded=dict(self.excluded))

    @staticmethod
    def _arrays() -> tuple[str, ...]:
        return (
            "ids",
            "service_ids",
            "names",
            "category",
            "x",
            "y",
            "capacity",
            "capacity_basis",
            "placement",
        )


def build_sites(
    locations: pd.DataFrame,
    categories: tuple[str, ...] | list[str],
    *,
    extra_categories: dict[str, set[str]] | None = None,
    capacity: dict[str, float] | None = None,
    area_centres: dict[str, tuple[float, float]] | None = None,
) -> Sites:
    """Sites of `categories` from a location frame with columns service_id, service_at_location_id,
    service_name_fr, category, status, precision, x, y (EPSG:31370, NaN when unknown) and, for
    estimates, at_submunicipality / at_commune. `extra_categories`: service id -> secondary
    categories."""
    extra = extra_categories or {}
    wanted = set(categories)
    in_category = locations["category"].isin(wanted) | locations["service_id"].map(
        lambda s: bool(extra.get(str(s), set()) & wanted)
    )
    frame = locations[in_category].copy()
    excluded: dict[str, int] = {}
    status = frame["status"].fillna("").astype(str)
    for value, count in status[status != "active"].value_counts().sort_index().items():
        excluded[f"status: {value or '(empty)'}"] = int(count)
    frame = frame[status == "active"]
    x = pd.to_numeric(frame.get("x"), errors="coerce").to_numpy(float, copy=True)
    y = pd.to_numeric(frame.get("y"), errors="coerce").to_numpy(float, copy=True)
    placement = np.full(len(frame), AT_POINT, dtype=object)
    at_point = (frame["precision"].to_numpy() == POINT) & np.isfinite(x) & np.isfinite(y)
    centres = area_centres or {}
    for i in np.flatnonzero(~at_point):
        row = frame.iloc[i]
        key = None
        for column in ("at_submunicipality", "at_commune"):
            value = row.get(column)
            if isinstance(value, str) and value in centres:
                key = value
                break
        if key is None:
            placement[i] = None
        else:
            x[i], y[i] = centres[key]
            placement[i] = AREA_CENTRE
    unplaced = pd.isna(placement)
    if unplaced.any():
        excluded["no place"] = int(unplaced.sum())
    frame, x, y, placement = frame[~unplaced], x[~unplaced], y[~unplaced], placement[~unplaced]
    service_ids = frame["service_id"].astype(str).to_numpy(object)
    caps = capacity or {}
    known = np.array([s in caps for s in service_ids], dtype=bool)
    values = np.array([float(caps.get(s, 1.0)) for s in service_ids], dtype=float)
    return Sites(
        ids=frame["service_at_location_id"].astype(str).to_numpy(object),
        service_ids=service_ids,
        names=frame["service_name_fr"].fillna("").astype(str).to_numpy(object),
        category=frame["category"].astype(str).to_numpy(object),
        x=x,
        y=y,
        capacity=values,
        capacity_basis=np.where(known, "known", "1 per site").astype(object),
        placement=placement.astype(object),
        excluded=excluded,
    )
