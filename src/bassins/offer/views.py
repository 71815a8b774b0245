"""The three views of "where a service is": head office, activity site, declared area served.

Pure (no Django). Each view turns the prepared inputs (`bassins.offer.inputs`) into UNITS, one row per
thing counted, with the same columns whatever the view (`UNIT_COLUMNS`): unit_id, service_id, category,
precision, in_region, reason, and `at_<layer>` = the code of the area of each layer where the unit is
placed (None when it cannot be placed at that layer); the head-office and site units also carry
`candidate_submunicipalities` (`bassins.offer.inputs`). Counting units is then the same for every view,
and the counts of a view ADD UP over the areas of any layer (each unit is in one area at most).

- head office ("head_office"): unit = a SERVICE, placed at its head-office row (`is_head_office`). A
  service with several head-office rows keeps the most precise (point > postcode > commune > none, then
  the smallest location_id); the others are counted in `notes["duplicate_head_office"]`. A service with
  no head-office row of its own takes the head office of its organisation (another service's row with
  `is_head_office` and the same organization_id; `notes["head_office_from_organization"]`); failing
  that it is a unit that is not located (reason "no_head_office"). This is the convention of the
  published analysis (services linked to a territory by their head office's address).
- activity site ("site"): unit = a SERVICE_AT_LOCATION with `is_site`. A service with sites in three
  communes counts three times; the distinct services per area are counted too (that column does not add
  up). Services with no site row are counted in `notes["services_without_site"]`.
- declared area served ("area_served"): unit = a DECLARATION (service, layer, area_code). A declaration
  is placed at layer L when its declared area lies wholly within one area of L (a commune declared ->
  its commune, its bassin when the commune is wholly in one bassin, the region); a wider declaration
  (the region, a bassin at commune level, Bruxelles-Ville at bassin level) is in the region but not placed
  at L. Declared areas that do not exist are not in the region (reason "unknown_area"). The services
  serving an area, wholly or partly, are counted by `serving()` (does not add up either).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from bassins.offer.inputs import (
    CANDIDATE_SUBMUNICIPALITIES,
    LAYERS,
    PRECISIONS,
    REGION_CODE,
    normalise_membership,
)

VIEWS = ("head_office", "site", "area_served")
UNIT_NAMES = {
    "head_office": "services",
    "site": "service_at_locations",
    "area_served": "declarations",
}
UNIT_COLUMNS = [
    "unit_id",
    "service_id",
    "category",
    "precision",
    "in_region",
    "reason",
    *[f"at_{layer}" for layer in LAYERS],
]
_PRECISION_RANK = {p: i for i, p in enumerate(PRECISIONS)}


@dataclass
class ViewUnits:
    """The units of one view (one row per unit, its area at every layer) and the view's notes."""

    view: str
    units: pd.DataFrame
    notes: dict = field(default_factory=dict)
    serving_index: DeclaredAreaIndex | None = None

    @property
    def unit_name(self) -> str:
        """What a unit of the view is: 'services', 'service_at_locations' or 'declarations'."""
        return UNIT_NAMES[self.view]

    def serving(self, layer: str, areas: list[str]) -> pd.DataFrame:
        """(service_key, category, area_code): every area of `layer` a declaration covers, wholly or partly.

        service_key is an integer per (service, category); area_code a Categorical over `areas`. Integers
        throughout: a region-wide declaration covers all 724 sectors, and there may be thousands.
        """
        if self.serving_index is None:
            raise ValueError("serving() is only defined for the area-served view")
        decl = self.units
        pair_key = (
            decl.groupby(["declared_layer", "declared_code"], sort=False, dropna=False)
            .ngroup()
            .to_numpy()
        )
        who_key = (
            decl.groupby(["service_id", "category"], sort=False, dropna=False, observed=True)
            .ngroup()
            .to_numpy()
        )
        keyed = pd.DataFrame(
            {
                "pair": pair_key,
                "who": who_key,
                "declared_layer": decl["declared_layer"].to_numpy(),
                "declared_code": decl["declared_code"].to_numpy(),
            }
        )
        pairs = keyed.drop_duplicates("pair")
        position = {code: i for i, code in enumerate(areas)}
        link_pair, link_area = [], []
        for pair, lyr, code in zip(
            pairs["pair"], pairs["declared_layer"], pairs["declared_code"], strict=False
        ):
            for area in self.serving_index.overlaps(lyr, code, layer):
                if area in position:
                    link_pair.append(pair)
                    link_area.append(position[area])
        links = pd.DataFrame(
            {
                "pair": np.asarray(link_pair, dtype=np.int64),
                "area": np.asarray(link_area, dtype=np.int32),
            }
        )
        out = (
            keyed[["pair", "who"]]
            .drop_duplicates()
            .merge(links, on="pair")[["who", "area"]]
            .drop_duplicates()
        )
        categories = pd.Series(decl["category"].to_numpy(), index=who_key).groupby(level=0).first()
        return pd.DataFrame(
            {
                "service_key": out["who"].to_numpy(),
                "category": categories.loc[out["who"]].to_numpy(),
                "area_code": pd.Categorical.from_codes(out["area"].to_numpy(), categories=areas),
            }
        )


def head_office_units(prepared: pd.DataFrame) -> ViewUnits:
    """One unit per service at its head office (else its organisation's; else not placed)."""
    services = _services(prepared)
    ho = prepared[prepared["is_head_office"]].copy()
    ho["_rank"] = ho["precision"].map(_PRECISION_RANK)
    ho = ho.sort_values(["service_id", "_rank", "location_id"], na_position="last", kind="stable")
    duplicated = ho["service_id"].duplicated()
    own = ho[~duplicated]
    # A service without a head-office row of its own takes its organisation's head office.
    missing = services.index.difference(own["service_id"])
    by_org = ho[ho["organization_id"].notna()].sort_values(
        ["organization_id", "_rank", "location_id"], kind="stable"
    )
    by_org = by_org.drop_duplicates("organization_id").set_index("organization_id")
    org_of = prepared.drop_duplicates("service_id").set_index("service_id")["organization_id"]
    borrowed_ids = [
        sid for sid in missing if org_of.get(sid) is not None and org_of.get(sid) in by_org.index
    ]
    borrowed = by_org.loc[[org_of[sid] for sid in borrowed_ids]].reset_index()
    borrowed["service_id"] = borrowed_ids
    borrowed["category"] = services.loc[borrowed_ids, "category"].to_numpy()
    rows = pd.concat([own, borrowed[own.columns]], ignore_index=True) if len(borrowed) else own
    units = _unit_frame(rows, rows["service_id"])
    lost_ids = missing.difference(borrowed_ids)
    if len(lost_ids):
        lost = pd.DataFrame(
            {
                "unit_id": lost_ids,
                "service_id": lost_ids,
                "category": services.loc[lost_ids, "category"].to_numpy(),
                "precision": "none",
                "in_region": False,
                "reason": "no_head_office",
            }
        )
        for layer in LAYERS:
            lost[f"at_{layer}"] = None
        lost[CANDIDATE_SUBMUNICIPALITIES] = None
        units = pd.concat([units, lost[list(units.columns)]], ignore_index=True)
    notes = {
        "duplicate_head_office": int(duplicated.sum()),
        "head_office_from_organization": len(borrowed_ids),
        "services_without_head_office": int(len(lost_ids)),
    }
    return ViewUnits("head_office", units.reset_index(drop=True), notes)


def site_units(prepared: pd.DataFrame) -> ViewUnits:
    """One unit per (service, site) pair."""
    services = _services(prepared)
    sites = prepared[prepared["is_site"]]
    ids = sites["service_id"].astype(str) + "@" + sites["location_id"].fillna("").astype(str)
    units = _unit_frame(sites, ids)
    notes = {"services_without_site": int(len(services.index.difference(sites["service_id"])))}
    return ViewUnits("site", units.reset_index(drop=True), notes)


def area_served_units(
    declarations: pd.DataFrame, membership: pd.DataFrame, prepared: pd.DataFrame
) -> ViewUnits:
    """One unit per declared served area, placed at every layer it falls wholly within."""
    index = DeclaredAreaIndex(membership)
    services = _services(prepared)
    rows = {name: [] for name in UNIT_COLUMNS}
    declared_layer, declared_code = [], []
    for decl in declarations.itertuples(index=False):
        known = index.exists(decl.layer, decl.area_code)
        rows["unit_id"].append(f"{decl.service_id}>{decl.layer}:{decl.area_code}")
        rows["service_id"].append(decl.service_id)
        rows["category"].append(decl.category)
        rows["precision"].append(decl.layer if decl.layer in LAYERS else "unknown")
        rows["in_region"].append(known)
        rows["reason"].append("" if known else "unknown_area")
        for layer in LAYERS:
            rows[f"at_{layer}"].append(
                index.target(decl.layer, decl.area_code, layer) if known else None
            )
        declared_layer.append(decl.layer)
        declared_code.append(decl.area_code)
    units = pd.DataFrame(rows, columns=UNIT_COLUMNS)
    units["in_region"] = units["in_region"].astype(bool)
    units["declared_layer"] = declared_layer
    units["declared_code"] = declared_code
    notes = {
        "services_without_area": int(len(services.index.difference(declarations["service_id"])))
    }
    return ViewUnits("area_served", units, notes, index)


def build_views(
    prepared: pd.DataFrame, declarations: pd.DataFrame, membership: pd.DataFrame
) -> dict[str, ViewUnits]:
    """The three views, keyed by view name (codes as categoricals: counting groups on integers)."""
    views = {
        "head_office": head_office_units(prepared),
        "site": site_units(prepared),
        "area_served": area_served_units(declarations, membership, prepared),
    }
    for view in views.values():
        view.units["service_key"] = pd.factorize(view.units["service_id"])[0]
        for column in ["category", "precision", "reason", *[f"at_{layer}" for layer in LAYERS]]:
            view.units[column] = view.units[column].astype(object).astype("category")
    return views


class DeclaredAreaIndex:
    """Which areas of a layer a declared area (layer, code) lies in, wholly or partly."""

    def __init__(self, membership: pd.DataFrame):
        self.m = normalise_membership(membership)
        self._cache: dict = {}

    def sectors(self, layer: str, code: str) -> pd.Index:
        """The sector codes of area `code` of `layer` (empty when unknown)."""
        key = (layer, code)
        if key not in self._cache:
            if layer == "sector":
                found = self.m.index[self.m.index == code]
            elif layer == "region":
                found = self.m.index if code == REGION_CODE else self.m.index[:0]
            elif layer in self.m.columns:
                found = self.m.index[self.m[layer] == code]
            else:
                found = self.m.index[:0]
            self._cache[key] = found
        return self._cache[key]

    def exists(self, layer: str, code: str) -> bool:
        """Whether area `code` of `layer` has any sector."""
        return len(self.sectors(layer, code)) > 0

    def overlaps(self, layer: str, code: str, target: str) -> list[str]:
        """The codes of the `target` layer areas that area `code` of `layer` overlaps, sorted."""
        key = (layer, code, target, "all")
        if key not in self._cache:
            sectors = self.sectors(layer, code)
            values = self.m.loc[sectors, target] if len(sectors) else pd.Series([], dtype=object)
            self._cache[key] = sorted(values.dropna().unique())
        return self._cache[key]

    def target(self, layer: str, code: str, target: str) -> str | None:
        """The one `target` area that wholly holds area `code` of `layer`, or None."""
        key = (layer, code, target, "one")
        if key not in self._cache:
            sectors = self.sectors(layer, code)
            values = self.m.loc[sectors, target]
            codes = self.overlaps(layer, code, target)
            self._cache[key] = codes[0] if len(codes) == 1 and not values.isna().any() else None
        return self._cache[key]


def _services(prepared: pd.DataFrame) -> pd.DataFrame:
    """One row per service (indexed by service_id) with its category."""
    return prepared.drop_duplicates("service_id").set_index("service_id")[["category"]]


def _unit_frame(rows: pd.DataFrame, unit_id: pd.Series) -> pd.DataFrame:
    units = pd.DataFrame(
        {
            "unit_id": unit_id.to_numpy(),
            "service_id": rows["service_id"].to_numpy(),
            "category": rows["category"].to_numpy(),
            "precision": rows["precision"].to_numpy(),
            "in_region": rows["in_region"].to_numpy(dtype=bool),
            "reason": rows["reason"].to_numpy(),
        }
    )
    for layer in LAYERS:
        units[f"at_{layer}"] = rows[f"at_{layer}"].to_numpy(dtype=object)
    units[CANDIDATE_SUBMUNICIPALITIES] = (
        rows[CANDIDATE_SUBMUNICIPALITIES].to_numpy(dtype=object)
        if CANDIDATE_SUBMUNICIPALITIES in rows
        else None
    )
    return units
