"""One façade over the offer library: prepare once, then counts, rates, quotients at any layer and view.

Pure (no Django): `OfferInputs` holds the frames (built by hand in tests, by `bassins.offer.data` from
the database in the application).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from bassins.offer import counts as counting
from bassins.offer import quotient, rates
from bassins.offer.inputs import (
    INCLUDED_STATUSES,
    LAYERS,
    Exclusions,
    area_codes,
    layer_loaded,
    normalise_membership,
    prepare_locations,
    prepare_service_areas,
)
from bassins.offer.views import VIEWS, build_views
from bassins.population.aggregate import LayerPopulation, check_same_reference_date


@dataclass
class OfferInputs:
    """What the offer analysis reads: locations, territory membership, and optionally served
    areas, sources, categories, area names and populations."""

    locations: pd.DataFrame  # service_location_frame()
    membership: pd.DataFrame  # territory membership (sector -> parent codes)
    areas: pd.DataFrame | None = None  # service_area_frame()
    sources: pd.DataFrame | None = None  # source_summary()
    categories: pd.DataFrame | None = None  # slug, label_fr, label_nl (label_en)
    names: dict[str, pd.DataFrame] = field(
        default_factory=dict
    )  # layer -> code-indexed name_fr/name_nl
    populations: dict[str, LayerPopulation] = field(default_factory=dict)  # layer -> population
    statuses: tuple[str, ...] = INCLUDED_STATUSES
    allow_mixed_dates: bool = False


class OfferAnalysis:
    """The offer analysis of one directory extract (see the modules of `bassins.offer`)."""

    def __init__(self, inputs: OfferInputs):
        self.inputs = inputs
        self.membership = normalise_membership(inputs.membership)
        self.exclusions = Exclusions()
        self.locations = prepare_locations(
            inputs.locations, self.membership, statuses=inputs.statuses, exclusions=self.exclusions
        )
        services = self.locations.drop_duplicates("service_id").set_index("service_id")[
            ["category"]
        ]
        self.declarations = prepare_service_areas(inputs.areas, services, self.exclusions)
        self.views = build_views(self.locations, self.declarations, self.membership)
        self.categories = sorted(set(self.locations["category"]))
        self.population_notes = check_same_reference_date(
            *inputs.populations.values(), allow_mixed_dates=inputs.allow_mixed_dates
        )
        self._cache: dict = {}

    @property
    def layers(self) -> list[str]:
        """The layers loaded in the membership (qss only when the official table is loaded)."""
        return [layer for layer in LAYERS if layer_loaded(self.membership, layer)]

    def areas(self, layer: str) -> list[str]:
        """The area codes of `layer` in the membership."""
        return area_codes(self.membership, layer)

    def counts(self, view: str, layer: str) -> counting.LayerCounts:
        """The units of `view` counted by area of `layer` (cached); ValueError if unknown view."""
        key = ("counts", view, layer)
        if key not in self._cache:
            if view not in VIEWS:
                raise ValueError(f"unknown view {view!r} (one of {', '.join(VIEWS)})")
            self._cache[key] = counting.count_units(
                self.views[view], layer, self.areas(layer), self.categories
            )
        return self._cache[key]

    def population(self, layer: str) -> LayerPopulation | None:
        """The population of `layer`, or None when none was given."""
        return self.inputs.populations.get(layer)

    def apportioned(self, view: str, layer: str) -> counting.Apportionment:
        """The units of `view` in the region not placed at `layer`, shared among their candidate areas
        in proportion to population (ESTIMATED; see `counts.Apportionment`)."""
        key = ("apportioned", view, layer)
        if key not in self._cache:
            sectors = self.population("sector")
            areas = self.population(layer)
            self._cache[key] = counting.apportion(
                self.views[view],
                self.counts(view, layer),
                self.membership,
                sector_population=sectors.values["population"] if sectors is not None else None,
                area_population=areas.values["population"] if areas is not None else None,
            )
        return self._cache[key]

    def rates(self, view: str, layer: str, column: str = counting.TOTAL) -> pd.DataFrame | None:
        """Per area of `layer`: placed + estimated units, population, rate and its 95% interval."""
        population = self.population(layer)
        if population is None:
            return None
        key = ("rates", view, layer, column)
        if key not in self._cache:
            self._cache[key] = rates.rates(
                self.counts(view, layer),
                population,
                column=column,
                apportionment=self.apportioned(view, layer),
            )
        return self._cache[key]

    def region_rate(
        self, view: str, column: str = counting.TOTAL, layer: str | None = None
    ) -> dict | None:
        """The regional rate; with `layer`, over the sum of that layer's area populations (the
        benchmark of the areas' rates: their population-weighted mean)."""
        population = self.population("region")
        if population is None:
            return None
        areas = self.population(layer) if layer not in (None, "region") else None
        return rates.region_rate(
            self.counts(view, "region"), population, column=column, areas_population=areas
        )

    def quotients(self, view: str, layer: str) -> pd.DataFrame:
        """Location quotients on the placed + estimated units of every area (see `quotient`)."""
        return quotient.location_quotients(self.counts(view, layer), self.apportioned(view, layer))

    def unresolved(self) -> dict:
        """What the analysis could not place anywhere, counted (never dropped silently): services
        without a location (by view), declared areas that resolve to no territory, territory codes that
        do not exist in the loaded territories."""
        key = ("unresolved",)
        if key not in self._cache:
            out = {}
            for view in VIEWS:
                reasons = self.counts(view, "region").reasons
                out[view] = {str(k): int(v) for k, v in reasons.items()}
            exclusions = self.exclusions.frame()
            unknown = exclusions[exclusions["reason"] == "unknown_code"]
            out["unknown_codes"] = [
                {"detail": row["detail"], "count": int(row["count"])}
                for row in unknown.to_dict("records")
            ]
            units = self.views["area_served"].units
            bad = units[units["reason"].astype(object) == "unknown_area"]
            out["unknown_areas"] = (
                bad.groupby(["declared_layer", "declared_code"], dropna=False)
                .size()
                .rename("count")
                .reset_index()
                .to_dict("records")
            )
            self._cache[key] = out
        return self._cache[key]

    def compare(self, layer: str) -> pd.DataFrame:
        """The three views' totals side by side, by area of `layer`."""
        return counting.compare_views({view: self.counts(view, layer) for view in VIEWS})

    def run_all(self, layers: list[str] | None = None) -> dict:
        """Every layer × view: counts, rates (total and per category where a population exists), quotients."""
        out = {}
        for layer in layers or self.layers:
            for view in VIEWS:
                c = self.counts(view, layer)
                entry = {"counts": c, "quotients": self.quotients(view, layer)}
                if self.population(layer) is not None:
                    entry["rates"] = {
                        col: self.rates(view, layer, col) for col in [counting.TOTAL, *c.categories]
                    }
                out[(layer, view)] = entry
            out[(layer, "compare")] = self.compare(layer)
        return out
