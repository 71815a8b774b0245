"""The registry of indicators: one row per indicator in `registry.csv` beside this module. Pure.

Fields: id, kind, unit, multiplier, polarity, aggregation, native_layer, layers (where the indicator
is published), names and definitions in EN/FR/NL, numerator and denominator definitions, source,
licence, reference date, update rhythm, methodological note.

Kinds and what they mean for the statistics (`bassins.indicators.tidy`):
- count: a count of persons (or of anything); the value is the count; no interval;
- measure: an additive measure (an area); no interval;
- proportion: count / denominator × multiplier, Wilson's interval;
- rate: count / denominator × multiplier, exact Poisson below 10 events, Byar from 10;
- dsr: a directly age-standardised rate, Dobson's interval (age bands as rows);
- ratio, mean: a ratio of two sums (no interval: no sampling model for them here);
- value: a value published without its counts (a median, a rate of the Monitoring): no interval,
  never aggregated.
Aggregation "sum" sums counts and denominators to the coarser layers of `layers`; "none": never.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from bassins.errors import InputError
from bassins.indicators.stats import POLARITIES

KINDS = ("count", "measure", "proportion", "rate", "dsr", "ratio", "mean", "value")
WITH_INTERVAL = ("proportion", "rate", "dsr")
AGGREGATIONS = ("sum", "none")
REGISTRY_FILE = Path(__file__).with_name("registry.csv")


@dataclass(frozen=True)
class Indicator:
    """One indicator of the registry (see the module's docstring)."""

    id: str
    kind: str
    unit: str
    multiplier: float
    polarity: str
    aggregation: str
    native_layer: str
    layers: tuple[str, ...]
    name_en: str
    name_fr: str
    name_nl: str
    definition_en: str
    definition_fr: str
    definition_nl: str
    numerator: str
    denominator: str
    source: str
    licence: str
    reference_date: str
    update_rhythm: str
    note: str

    def name(self, language: str) -> str:
        """The name in `language` (fr, nl; English otherwise)."""
        return getattr(self, f"name_{language}", None) or self.name_en

    def definition(self, language: str) -> str:
        """The definition in `language` (fr, nl; English otherwise)."""
        return getattr(self, f"definition_{language}", None) or self.definition_en

    @property
    def has_interval(self) -> bool:
        """True when the values of this indicator get confidence limits."""
        return self.kind in WITH_INTERVAL

    @property
    def aggregates(self) -> bool:
        """True when counts and denominators are summed to coarser layers."""
        return self.aggregation == "sum"

    def as_dict(self) -> dict:
        """The indicator's fields as a plain dict (for the JSON twins and exports)."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["layers"] = list(self.layers)
        return out


def read_registry(path: Path | str = REGISTRY_FILE) -> dict[str, Indicator]:
    """Read and check a registry file: known kinds, polarities and aggregations, unique ids."""
    label = Path(path).name
    out: dict[str, Indicator] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            try:
                indicator = Indicator(
                    **{
                        **{k: (v or "").strip() for k, v in row.items()},
                        "multiplier": float(row["multiplier"] or 1),
                        "layers": tuple((row["layers"] or "").split()),
                    }
                )
            except (TypeError, ValueError) as error:
                raise InputError(f"not a registry row ({error})", source=label, row=line) from error
            for field, allowed in (
                ("kind", KINDS),
                ("polarity", POLARITIES),
                ("aggregation", AGGREGATIONS),
            ):
                if getattr(indicator, field) not in allowed:
                    raise InputError(
                        f"{field} {getattr(indicator, field)!r} is not one of {', '.join(allowed)}",
                        source=label,
                        row=line,
                        field=field,
                    )
            if indicator.id in out:
                raise InputError(
                    f"indicator {indicator.id!r} appears twice", source=label, row=line
                )
            out[indicator.id] = indicator
    return out


@lru_cache(maxsize=1)
def registry() -> dict[str, Indicator]:
    """The registry of the package (read once)."""
    return read_registry()


def indicator(indicator_id: str) -> Indicator:
    """One indicator by id; an error naming the known ids otherwise."""
    known = registry()
    if indicator_id not in known:
        raise InputError(f"unknown indicator {indicator_id!r} (known: {', '.join(sorted(known))})")
    return known[indicator_id]
