"""Communes and Monitoring quartiers a case may name: the active territories (bassins.territory)."""

from __future__ import annotations

from bassins.territory.models import Area
from bassins.territory.store import MAIN_VINTAGE


def _areas(layer: str):
    return Area.objects.filter(
        layer__generation__active=True, layer__generation__vintage=MAIN_VINTAGE, layer__name=layer
    )


def exists(layer: str, code: str) -> bool:
    """True when `code` is a commune or quartier of the active territories."""
    return _areas(layer).filter(code=code).exists()


def choices(layer: str, lang: str = "fr") -> list[tuple[str, str]]:
    """(code, "code name") of the layer's areas, in code order (for the form's datalist)."""
    rows = _areas(layer).order_by("code").values_list("code", "name_fr", "name_nl")
    return [(code, f"{code} {nl if lang == 'nl' else fr}") for code, fr, nl in rows]
