"""Population of the areas of any layer, summed from sectors or communes through the sector membership.

Pure functions (no Django). The membership is the frame of `bassins.territory.store.membership()`:
indexed by sector code, one column per parent layer (submunicipality, commune, monitoring, qss, bassin,
region). Populations are the tidy frames of `bassins.population.readers`.

Rules:
- Aggregation sums counts; it never averages.
- A commune or the region takes its official total when the commune file is given.
- Any other layer (sector, sub-municipality, Monitoring quartier, quartier social-santé, bassin) is the
  sum of its sectors when a population per sector is given. Statbel files some residents under an
  unknown sector (pseudo-sector `<REFNIS>ZZZZ`, or simply missing from a secondary copy): such residents
  count for their commune and the region but for no finer area. The shortfall of the sectors against
  the commune totals is computed and stated (`LayerPopulation.shortfall`, note "sector_shortfall").
- Without a population per sector, an area made of whole communes is the sum of their official totals;
  an area holding part of a commune (the bassins Nord, Sud and Centre-Ouest each hold part of
  Bruxelles-Ville, 21004) gets an ESTIMATE: the commune total shared among its sectors in proportion to
  a weight (the sector area by default), rounded to whole persons so that the parts add up to the
  commune. Such rows have basis "estimated" and the note "estimated_share" says how.
- Populations of different reference dates are never mixed silently: combining them raises
  `MixedReferenceDateError`, unless `allow_mixed_dates=True`, which records the note "mixed_dates".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from bassins.codes import LAYER_CODES
from bassins.errors import DataNotLoadedError, InputError, UnknownCodeError
from bassins.population.readers import (
    ESTIMATED,
    INFERRED_DATE,
    OFFICIAL,
    REGION_CODE,
    UNKNOWN_SECTOR,
)

LAYERS = LAYER_CODES
_BASIS_RANK = {OFFICIAL: 0, INFERRED_DATE: 1, ESTIMATED: 2}

METHOD_OWN = "own count"  # the area's own count in the file (commune, region, sector)
METHOD_SUM_SECTORS = "sum of sectors"
METHOD_SUM_COMMUNES = "sum of communes"
METHOD_SHARE = "share of commune"  # estimate: commune total shared in proportion to a weight


class MixedReferenceDateError(InputError):
    """Populations of different reference dates would be combined."""


@dataclass(frozen=True)
class Note:
    """A statement about a population, rendered in FR/NL/EN by `bassins.offer.texts`."""

    code: str
    params: dict = field(default_factory=dict)


@dataclass
class LayerPopulation:
    """The population of every area of one layer.

    values: indexed by area code; columns population (float, whole persons), basis, method, source,
    source_label, reference_date, estimated (the part of the population that is an estimate).
    """

    layer: str
    values: pd.DataFrame
    reference_date: dt.date
    notes: list[Note]
    shortfall: pd.DataFrame | None = (
        None  # per commune: commune_total, sector_sum, unknown_sector, share
    )

    @property
    def basis(self) -> str:
        """The weakest basis among the rows (estimated < inferred date < official)."""
        return (
            max(self.values["basis"], key=_BASIS_RANK.__getitem__) if len(self.values) else OFFICIAL
        )

    @property
    def sources(self) -> list[str]:
        """The source labels of the values, sorted."""
        return sorted(set(self.values["source_label"]))

    def population(self, code: str) -> float | None:
        """The population of area `code`, or None when it has none."""
        return float(self.values.at[code, "population"]) if code in self.values.index else None


def population_for_layer(
    layer: str,
    membership: pd.DataFrame,
    *,
    communes: pd.DataFrame | None = None,
    sectors: pd.DataFrame | None = None,
    weights: pd.Series | None = None,
    weights_label: str = "area",
    allow_mixed_dates: bool = False,
) -> LayerPopulation:
    """Population of every area of `layer` (see the module's rules).

    communes: tidy rows of layers "commune"/"region" (one reference date); sectors: tidy rows of layer
    "sector" (one reference date); weights: a Series indexed by sector (e.g. area in ha) used only for
    estimates when no sector population is given.
    """
    if layer not in LAYERS:
        raise InputError(f"unknown layer {layer!r} (one of {', '.join(LAYERS)})")
    membership = _membership(membership, layer)
    communes = (
        _one_date(communes, "commune population")
        if communes is not None and len(communes)
        else None
    )
    sectors = (
        _one_date(sectors, "sector population") if sectors is not None and len(sectors) else None
    )
    if communes is None and sectors is None:
        raise DataNotLoadedError("no population loaded: run `bassins population load`")
    if layer in ("commune", "region") and communes is not None:
        values = _from_communes(layer, membership, communes)
        return LayerPopulation(
            layer, values, communes["reference_date"].iloc[0], _inferred_notes(communes)
        )
    if sectors is not None:
        notes = []
        if communes is not None:
            c_date, s_date = communes["reference_date"].iloc[0], sectors["reference_date"].iloc[0]
            if c_date != s_date:
                if not allow_mixed_dates:
                    raise MixedReferenceDateError(
                        f"the commune population is of {c_date} and the sector population of {s_date}: "
                        "choose one reference date (or allow mixed dates explicitly, which is then stated)"
                    )
                notes.append(
                    Note("mixed_dates", {"dates": [c_date.isoformat(), s_date.isoformat()]})
                )
        values, shortfall, extra = _from_sectors(layer, membership, sectors, communes)
        return LayerPopulation(
            layer,
            values,
            sectors["reference_date"].iloc[0],
            notes + _inferred_notes(sectors) + extra,
            shortfall,
        )
    values, extra = _estimate_from_communes(layer, membership, communes, weights, weights_label)
    return LayerPopulation(
        layer, values, communes["reference_date"].iloc[0], _inferred_notes(communes) + extra
    )


def check_same_reference_date(
    *populations: LayerPopulation, allow_mixed_dates: bool = False
) -> list[Note]:
    """Raise `MixedReferenceDateError` when layer populations of different dates meet (or note it)."""
    dates = sorted({p.reference_date for p in populations if p is not None})
    if len(dates) <= 1:
        return []
    if not allow_mixed_dates:
        raise MixedReferenceDateError(
            "populations of different reference dates would be compared: "
            + ", ".join(f"{p.layer} {p.reference_date}" for p in populations if p is not None)
        )
    return [Note("mixed_dates", {"dates": [d.isoformat() for d in dates]})]


# -- the three ways ------------------------------------------------------------------------------------


def _from_communes(layer: str, membership: pd.DataFrame, communes: pd.DataFrame) -> pd.DataFrame:
    rows = communes.set_index("area_code")
    needed = sorted(membership["commune"].dropna().unique())
    known = rows[rows["layer"] == "commune"]
    missing = [code for code in needed if code not in known.index]
    if layer == "commune":
        if missing:
            raise DataNotLoadedError(
                f"no population for commune(s) {', '.join(missing)} in "
                f"{known['source_file'].iloc[0] if len(known) else 'the commune file'}"
            )
        out = known.loc[needed]
        return _values(
            out["population"], out["basis"], METHOD_OWN, out["source_label"], out["reference_date"]
        )
    region = rows[rows["layer"] == "region"]
    if REGION_CODE in region.index:
        out = region.loc[[REGION_CODE]]
        return _values(
            out["population"], out["basis"], METHOD_OWN, out["source_label"], out["reference_date"]
        )
    if missing:
        raise DataNotLoadedError(
            f"no region row and no population for commune(s) {', '.join(missing)}"
        )
    first = known.iloc[0]
    return _values(
        pd.Series({REGION_CODE: int(known.loc[needed, "population"].sum())}),
        first["basis"],
        METHOD_SUM_COMMUNES,
        first["source_label"],
        first["reference_date"],
    )


def _from_sectors(layer, membership, sectors, communes):
    notes: list[Note] = []
    pop = sectors.set_index("area_code")["population"].astype("int64")
    unknown_mask = pop.index.to_series().str.match(UNKNOWN_SECTOR.pattern)
    pseudo = pop[unknown_mask.to_numpy()]
    real = pop[~unknown_mask.to_numpy()]
    strangers = sorted(set(real.index) - set(membership.index))
    if strangers:
        raise UnknownCodeError(
            f"{len(strangers)} sector(s) of {sectors['source_file'].iloc[0]} are not in the loaded territories, "
            f"first {strangers[0]!r}: the population and the territories are of different sector vintages "
            f"(population vintage {sectors['sector_vintage'].iloc[0] or 'unknown'})",
            source=sectors["source_file"].iloc[0],
            field="area_code",
        )
    absent = membership.index.difference(real.index)
    if len(absent):
        notes.append(Note("sectors_absent", {"count": int(len(absent))}))
    per_sector = real.reindex(membership.index, fill_value=0)
    first = sectors.iloc[0]
    basis, label, date = first["basis"], first["source_label"], first["reference_date"]

    # Residents under an unknown sector, per commune: the pseudo-sectors, or the gap to the commune totals.
    sector_sum = per_sector.groupby(membership["commune"]).sum()
    shortfall = None
    if communes is not None:
        official = communes[communes["layer"] == "commune"].set_index("area_code")["population"]
        common = sector_sum.index.intersection(official.index)
        shortfall = pd.DataFrame(
            {
                "commune_total": official.loc[common].astype("int64"),
                "sector_sum": sector_sum.loc[common].astype("int64"),
            }
        )
        shortfall["unknown_sector"] = shortfall["commune_total"] - shortfall["sector_sum"]
        shortfall["share"] = shortfall["sector_sum"] / shortfall["commune_total"]
        notes.append(_shortfall_note(shortfall))
    elif len(pseudo):
        pseudo_by_commune = pseudo.groupby(pseudo.index.str[:5]).sum()
        shortfall = pd.DataFrame({"sector_sum": sector_sum.astype("int64")})
        shortfall["unknown_sector"] = pseudo_by_commune.reindex(
            shortfall.index, fill_value=0
        ).astype("int64")
        shortfall["commune_total"] = shortfall["sector_sum"] + shortfall["unknown_sector"]
        shortfall["share"] = shortfall["sector_sum"] / shortfall["commune_total"]
        notes.append(_shortfall_note(shortfall))

    if layer == "sector":
        return _values(per_sector, basis, METHOD_OWN, label, date), shortfall, notes
    totals = per_sector.groupby(membership[layer]).sum()
    if layer in ("commune", "region") and len(pseudo):
        # The unknown-sector residents belong to their commune (and the region): add them back.
        extra = pseudo.groupby(pseudo.index.str[:5]).sum()
        if layer == "region":
            extra = pd.Series({REGION_CODE: int(extra.sum())})
        totals = totals.add(extra, fill_value=0).astype("int64")
    return _values(totals, basis, METHOD_SUM_SECTORS, label, date), shortfall, notes


def _estimate_from_communes(layer, membership, communes, weights, weights_label):
    official = communes[communes["layer"] == "commune"].set_index("area_code")
    needed = sorted(membership["commune"].dropna().unique())
    missing = [code for code in needed if code not in official.index]
    if missing:
        raise DataNotLoadedError(f"no population for commune(s) {', '.join(missing)}")
    first = official.iloc[0]
    basis, label, date = first["basis"], first["source_label"], first["reference_date"]
    area_of = membership[layer]
    commune_of = membership["commune"]
    # Which communes are split between several areas of the layer?
    n_areas = area_of.groupby(commune_of).nunique()
    split = set(n_areas[n_areas > 1].index)
    if split and weights is None:
        raise DataNotLoadedError(
            f"no population per sector, and commune(s) {', '.join(sorted(split))} are split between areas of the "
            f"layer {layer!r}: an estimate needs sector weights (areas); load the territories or a sector population"
        )
    per_sector = pd.Series(0, index=membership.index, dtype="int64")
    for commune, sectors_of in membership.groupby(commune_of).groups.items():
        total = int(official.at[commune, "population"])
        if commune in split:
            w = weights.reindex(sectors_of).astype(float)
            if w.isna().any() or w.sum() <= 0:
                raise InputError(
                    f"sector weights ({weights_label}) are missing or zero for commune {commune}"
                )
            per_sector.loc[sectors_of] = _apportion(total, w.to_numpy())
        else:
            per_sector.loc[sectors_of[0]] = total  # whole commune: any one sector can carry it
    totals = per_sector.groupby(area_of).sum()
    values = _values(totals, basis, METHOD_SUM_COMMUNES, label, date)
    estimated_areas, details = [], []
    for area in values.index:
        communes_in = set(commune_of[area_of == area])
        partial = sorted(communes_in & split)
        if partial:
            part = int(per_sector[(area_of == area) & commune_of.isin(partial)].sum())
            values.at[area, "basis"] = ESTIMATED
            values.at[area, "method"] = METHOD_SHARE
            values.at[area, "estimated"] = float(part)
            estimated_areas.append(area)
            for commune in partial:
                share = float(
                    weights.reindex(
                        membership.index[(area_of == area) & (commune_of == commune)]
                    ).sum()
                    / weights.reindex(membership.index[commune_of == commune]).sum()
                )
                details.append(
                    {
                        "area": area,
                        "commune": commune,
                        "share": share,
                        "population": int(
                            per_sector[(area_of == area) & (commune_of == commune)].sum()
                        ),
                    }
                )
    notes = []
    if estimated_areas:
        notes.append(
            Note(
                "estimated_share",
                {
                    "areas": estimated_areas,
                    "weights": weights_label,
                    "communes": sorted(split),
                    "details": details,
                },
            )
        )
    return values, notes


# -- helpers -------------------------------------------------------------------------------------------


def _shortfall_note(shortfall: pd.DataFrame) -> Note:
    total = int(shortfall["commune_total"].sum())
    missing = int(shortfall["unknown_sector"].sum())
    return Note(
        "sector_shortfall",
        {
            "sector_total": int(shortfall["sector_sum"].sum()),
            "commune_total": total,
            "missing": missing,
            "percent": 100.0 * missing / total if total else 0.0,
            "min_share": float(100 * shortfall["share"].min()),
            "max_share": float(100 * shortfall["share"].max()),
        },
    )


def _inferred_notes(frame: pd.DataFrame) -> list[Note]:
    inferred = frame[frame["basis"] == INFERRED_DATE]
    if not len(inferred):
        return []
    row = inferred.iloc[0]
    return [
        Note(
            "inferred_date",
            {
                "source": row["source_label"],
                "note": row["note"],
                "reference_date": row["reference_date"].isoformat(),
            },
        )
    ]


def _apportion(total: int, weights: np.ndarray) -> np.ndarray:
    """Share `total` persons in proportion to `weights`, in whole persons adding up to `total`."""
    exact = total * weights / weights.sum()
    base = np.floor(exact).astype("int64")
    remainder = total - int(base.sum())
    if remainder:
        order = np.argsort(-(exact - base), kind="stable")[:remainder]
        base[order] += 1
    return base


def _values(population: pd.Series, basis, method: str, label, date) -> pd.DataFrame:
    frame = pd.DataFrame({"population": population.astype(float)})
    frame.index = frame.index.astype(str)
    frame.index.name = "area_code"
    frame["basis"] = basis if isinstance(basis, str) else basis.to_numpy()
    frame["method"] = method
    frame["source_label"] = label if isinstance(label, str) else label.to_numpy()
    frame["reference_date"] = date if isinstance(date, dt.date) else date.to_numpy()
    frame["estimated"] = 0.0
    return frame


def _membership(membership: pd.DataFrame, layer: str) -> pd.DataFrame:
    if "commune" not in membership.columns:
        raise InputError("the membership has no 'commune' column")
    membership = membership.copy()
    membership.index = membership.index.astype(str)
    if layer == "region" and "region" not in membership.columns:
        membership["region"] = REGION_CODE
    membership["sector"] = membership.index.to_numpy()
    if layer != "sector":
        if layer not in membership.columns or membership[layer].isna().all():
            raise DataNotLoadedError(f"the layer {layer!r} is not loaded in the territories")
    return membership


def _one_date(frame: pd.DataFrame, what: str) -> pd.DataFrame:
    dates = sorted(set(frame["reference_date"]))
    if len(dates) > 1:
        raise MixedReferenceDateError(
            f"the {what} holds several reference dates ({', '.join(map(str, dates))}): "
            "select one before aggregating"
        )
    sources = sorted(set(frame["source"]))
    if len(sources) > 1:
        raise InputError(
            f"the {what} holds several sources ({', '.join(sources)}) of the same date: select one"
        )
    return frame
