"""The offer analysis of the loaded data: directory frames, territories and populations from the stores.

Thin Django layer: gathers the inputs (`bassins.directory.frames`, `bassins.territory.store`,
`bassins.population.store`) into an `OfferInputs` and builds the pure `OfferAnalysis`. The analysis is
cached in memory and rebuilt when the data version changes (`bassins.web.dataversion`: territories,
populations, directory imports and edits).
"""

from __future__ import annotations

import threading

import pandas as pd

from bassins.errors import DataNotLoadedError
from bassins.offer.analysis import OfferAnalysis, OfferInputs

NAME_LAYERS = ("bassin", "commune", "region", "submunicipality", "monitoring", "qss")
POPULATION_LAYERS = (
    "bassin",
    "commune",
    "region",
    "submunicipality",
    "monitoring",
    "qss",
    "sector",
)

_lock = threading.Lock()
_cache: dict = {}


def directory_frames():
    """(service_location_frame, service_area_frame, source_summary) from the directory app.

    The source summary gets, in each language, the source's name (`source_label_fr`, `_nl`, `_en`) and the
    reasons records were left out at import (`excluded_reasons_fr`, `_nl`, `_en`), for the provenance block.
    """
    from django.utils import translation

    from bassins.directory import frames, labels

    locations = frames.service_location_frame()
    if len(locations) == 0:
        raise DataNotLoadedError(
            "the directory is empty: import services first (`bassins directory import ...`)"
        )
    sources = frames.source_summary()
    for lang in ("fr", "nl", "en"):
        with translation.override(lang):
            sources[f"source_label_{lang}"] = [
                labels.source_label(code) for code in sources["source"]
            ]
            sources[f"excluded_reasons_{lang}"] = [
                labels.exclusion_text(reasons) or None for reasons in sources["excluded_by_reason"]
            ]
    return locations, frames.service_area_frame(), sources


def category_labels() -> pd.DataFrame:
    """slug, label_fr, label_nl, label_en of the categories (from the directory's taxonomy terms)."""
    from bassins.directory import frames

    return frames.category_frame()


def area_names(layers=NAME_LAYERS) -> dict[str, pd.DataFrame]:
    from bassins.territory import store as territory_store

    names = {}
    for layer in layers:
        try:
            frame = territory_store.layer_frame(layer, geometry=False)
        except DataNotLoadedError:
            continue
        # the bassins' helpdesk line goes with their names: the pages carry it
        columns = ["name_fr", "name_nl", *(["helpdesk_phone"] if "helpdesk_phone" in frame else [])]
        names[layer] = frame.set_index(frame["code"].astype(str))[columns]
    return names


def populations(membership: pd.DataFrame) -> tuple[dict, list[str]]:
    """Population of every layer that can have one; the reasons of those left out."""
    from bassins.population import store as population_store

    out, missing = {}, []
    try:
        weights = population_store.sector_areas()
    except DataNotLoadedError:
        weights = None
    for layer in POPULATION_LAYERS:
        try:
            out[layer] = population_store.layer_population(
                layer, membership=membership, weights=weights
            )
        except DataNotLoadedError as error:
            missing.append(f"{layer}: {error}")
    return out, missing


def data_version() -> str:
    """The data version of the loaded data (one definition for the platform: bassins.web.dataversion)."""
    from bassins.web.dataversion import data_version as version

    return version()


def missing_inputs() -> list[str]:
    """What the offer pages need and is not loaded: "territories", "directory" (population is optional)."""
    from bassins.directory.models import ServiceAtLocation
    from bassins.territory.store import active_generation

    missing = []
    try:
        active_generation()
    except DataNotLoadedError:
        missing.append("territories")
    if not ServiceAtLocation.objects.exists():
        missing.append("directory")
    return missing


def build_inputs() -> OfferInputs:
    from bassins.territory import store as territory_store

    locations, areas, sources = directory_frames()
    membership = territory_store.membership()
    pops, _missing = populations(membership)
    return OfferInputs(
        locations=locations,
        membership=membership,
        areas=areas,
        sources=sources,
        categories=category_labels(),
        names=area_names(),
        populations=pops,
    )


def current_analysis() -> OfferAnalysis:
    """The analysis of the loaded data (cached until the data change)."""
    version = data_version()
    with _lock:
        cached = _cache.get("analysis")
        if cached and cached[0] == version:
            return cached[1]
    analysis = OfferAnalysis(build_inputs())
    with _lock:
        _cache["analysis"] = (version, analysis)
    return analysis


def clear_cache() -> None:
    with _lock:
        _cache.clear()
