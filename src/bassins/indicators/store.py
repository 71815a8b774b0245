"""Loading the indicators into the database and reading them back as tidy frames.

Thin Django layer over the pure `importers`, `collect` and `tidy`. Territories come from
`bassins.territory.store`, populations from `bassins.population.store`, the offer's counts from
`bassins.offer.data` (when a directory is loaded). Every load reads and checks all its inputs and
builds the whole table first, then replaces its rows in one transaction: a bad file leaves the
database as it was.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
from django.db import transaction

from bassins.config import data_dir
from bassins.errors import DataNotLoadedError, InputError
from bassins.indicators import collect, importers, tidy
from bassins.indicators.models import Definition, IndicatorLoad, IndicatorValue
from bassins.indicators.registry import Indicator, read_registry, registry

BUILTIN = "builtin"
_FIELDS = [c for c in tidy.COLUMNS]


def full_registry() -> dict[str, Indicator]:
    """The package's registry plus the indicators defined by tidy loads."""
    out = dict(registry())
    for definition in Definition.objects.all():
        fields = dict(definition.fields)
        fields["layers"] = tuple(fields.get("layers") or ())
        out[definition.indicator] = Indicator(**fields)
    return out


def territory_inputs():
    """(membership, sectors GeoDataFrame) of the active main vintage."""
    from bassins.territory import store as territory_store

    membership = territory_store.membership()
    sectors = territory_store.layer_frame("sector")
    return membership, sectors


def offer_layers() -> tuple[dict | None, str]:
    """The offer analysis's tables per layer (`computed.offer_layers`, sites view), or None with the
    reason when there is no offer to count."""
    from bassins.indicators import computed

    try:
        from bassins.offer import data as offer_data

        analysis = offer_data.current_analysis()
    except DataNotLoadedError as error:
        return None, f"offer rates not computed ({error})"
    if analysis.views[computed.OFFER_VIEW].units.empty:
        return None, "no located service: offer rates not computed"
    layers = computed.offer_layers(analysis, registry()["services_per_1000"].layers)
    if not layers:
        return None, "no population for the offer: offer rates not computed"
    return layers, ""


def build(directory: Path | str | None = None, *, with_offer: bool = True) -> collect.Collected:
    """Read and build everything (no write)."""
    from bassins.population import store as population_store

    base = Path(directory) if directory else data_dir()
    membership, sectors = territory_inputs()
    try:
        communes, sector_population, _ = population_store.choose_inputs()
    except DataNotLoadedError:
        communes = sector_population = None
    offer, note = offer_layers() if with_offer else (None, "")
    result = collect.collect_directory(
        base,
        membership,
        sectors,
        registry(),
        communes_population=communes,
        sectors_population=sector_population,
        offer=offer,
    )
    result.notes = [note] if note else []
    return result


def load(directory: Path | str | None = None, *, with_offer: bool = True) -> dict:
    """Load every indicator source of the data directory (replacing the previous built-in load)."""
    result = build(directory, with_offer=with_offer)
    table = result.table
    with transaction.atomic():
        IndicatorLoad.objects.filter(origin=BUILTIN).delete()
        _check_no_clash(table, exclude=BUILTIN)
        record = IndicatorLoad.objects.create(origin=BUILTIN, files=result.files, rows=len(table))
        _write(record, table)
    return {
        "files": result.files,
        "notes": result.notes,
        "rows": len(table),
        "by_indicator": _by_indicator(table),
    }


def load_tidy(path: Path | str, definitions: Path | str | None = None) -> dict:
    """Load a generic tidy CSV (and, optionally, a registry file defining its new indicators)."""
    from bassins.territory import store as territory_store

    path = Path(path)
    label = path.name
    known_registry = full_registry()
    extra = read_registry(definitions) if definitions else {}
    clash = sorted(set(extra) & set(registry()))
    if clash:
        raise InputError(
            f"indicator {clash[0]!r} is defined by the package already", source=str(definitions)
        )
    reg = {**known_registry, **extra}
    membership = territory_store.membership()
    rows = importers.validate(
        importers.read_tidy_csv(path, label=label), importers.known_codes(membership), reg, label
    )
    table = tidy.build(rows, membership, reg)
    origin = f"tidy:{label}"
    with transaction.atomic():
        IndicatorLoad.objects.filter(origin=origin).delete()
        _check_no_clash(table, exclude=origin)
        record = IndicatorLoad.objects.create(origin=origin, files=[str(path)], rows=len(table))
        for indicator_id, indicator in extra.items():
            Definition.objects.filter(indicator=indicator_id).delete()
            Definition.objects.create(
                load=record, indicator=indicator_id, fields=indicator.as_dict()
            )
        _write(record, table)
    return {"files": [label], "rows": len(table), "by_indicator": _by_indicator(table)}


def _check_no_clash(table: pd.DataFrame, exclude: str) -> None:
    """A load may not write a row another load holds (same indicator, area, period, breakdown)."""
    indicators = sorted(set(table["indicator"]))
    existing = IndicatorValue.objects.filter(indicator__in=indicators).exclude(load__origin=exclude)
    if not existing.exists():
        return
    held = pd.DataFrame(list(existing.values(*tidy.KEY)), columns=tidy.KEY)
    merged = table[tidy.KEY].merge(held, on=tidy.KEY, how="inner")
    if len(merged):
        first = merged.iloc[0]
        raise InputError(
            f"{first['indicator']} {first['layer']} {first['area_code']} {first['period']} is "
            "already loaded by another load"
        )


def _write(record: IndicatorLoad, table: pd.DataFrame) -> None:
    objects = []
    for row in table[_FIELDS].to_dict("records"):
        clean = {k: (None if isinstance(v, float) and pd.isna(v) else v) for k, v in row.items()}
        objects.append(IndicatorValue(load=record, **clean))
    IndicatorValue.objects.bulk_create(objects, batch_size=2000)


def _by_indicator(table: pd.DataFrame) -> dict[str, int]:
    return {k: int(v) for k, v in table.groupby("indicator").size().items()}


def values_query(
    *,
    indicator: str | None = None,
    layer: str | None = None,
    area_code: str | None = None,
    period: str | None = None,
):
    """The loaded values' rows, filtered, in the order they were written (the same on every
    database, so that a filtered table is a subset of the whole in order)."""
    rows = IndicatorValue.objects.order_by("pk")
    if indicator:
        rows = rows.filter(indicator=indicator)
    if layer:
        rows = rows.filter(layer=layer)
    if area_code:
        rows = rows.filter(area_code=area_code)
    if period:
        rows = rows.filter(period=period)
    return rows


def frame_of(rows) -> pd.DataFrame:
    """Rows of `values_query` (or a slice of them) as a tidy frame (columns `tidy.COLUMNS`)."""
    frame = pd.DataFrame(list(rows.values(*_FIELDS)), columns=_FIELDS)
    return tidy.normalise(frame)


def values_frame(**filters) -> pd.DataFrame:
    """The loaded values as a tidy frame (filters of `values_query`: indicator, layer, area_code,
    period)."""
    return frame_of(values_query(**filters))


def loaded() -> bool:
    """True when any indicator value is loaded."""
    return IndicatorValue.objects.exists()


def export(layer: str | None = None, fmt: str = "csv") -> str:
    """The loaded values of `layer` (all layers: None) as tidy CSV or JSON text."""
    frame = values_frame(layer=layer)
    if layer and frame.empty:
        raise DataNotLoadedError(
            f"no indicator value at layer {layer!r}: run `bassins indicators load`"
        )
    if fmt == "json":
        return json.dumps(json.loads(frame.to_json(orient="records")), ensure_ascii=False)
    if fmt != "csv":
        raise InputError(f"unknown format {fmt!r} (csv or json)")
    return frame_csv(frame)


def frame_csv(frame: pd.DataFrame) -> str:
    """A tidy frame as the CSV text of the downloads (the pages' and the API's)."""
    buffer = io.StringIO()
    frame.to_csv(buffer, index=False, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
    return buffer.getvalue()
