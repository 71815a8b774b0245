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
        return area_codes(self.membership, layer)

    def counts(self, view: str, layer: str) -> counting.LayerCounts:
        key = ("counts", view, layer)
        if key not in self._cache:
            if view not in VIEWS:
                raise ValueError(f"unknown view {view!r} (one of {', '.join(VIEWS)})")
            self._cache[key] = counting.count_units(
                self.views[view], layer, self.areas(layer), self.categories
            )
        return self._cache[key]

    def population(self, layer: str) -> LayerPopulation | None:
        return self.inputs.populations.get(layer)

    def rates(self, view: str, layer: str, column: str = counting.TOTAL) -> pd.DataFrame | None:
        population = self.population(layer)
        if population is None:
            return None
        return rates.rates(self.counts(view, layer), population, column=column)

    def region_rate(self, view: str, column: str = counting.TOTAL) -> dict | None:
        population = self.population("region")
        if population is None:
            return None
        return rates.region_rate(self.counts(view, "region"), population, column=column)

    def quotients(self, view: str, layer: str) -> pd.DataFrame:
        return quotient.location_quotients(self.counts(view, layer))

    def compare(self, layer: str) -> pd.DataFrame:
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
