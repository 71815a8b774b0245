"""The indicators in the open API (`/api/indicators/`): the registry and the tidy values, read by the
same functions as the indicator pages' CSV downloads (`store.values_frame`, `store.frame_csv`)."""

from __future__ import annotations

import math
import re
from typing import Literal

from django.http import Http404, HttpResponse
from django.urls import reverse
from ninja import Query, Router, Schema

from bassins.api import hsds
from bassins.api.hsds_api import ERRORS, PageQ, json_response
from bassins.api.store import ApiInputError
from bassins.errors import DataNotLoadedError
from bassins.indicators import store, tidy

router = Router(tags=["Indicators"])
MAX_PER_PAGE = 1000
CSV_EXTRA = {"responses": {200: {"content": {"text/csv": {"schema": {"type": "string"}}}}}}
FIELDS = (
    "id",
    "kind",
    "unit",
    "multiplier",
    "polarity",
    "aggregation",
    "native_layer",
    "layers",
    "name_fr",
    "name_nl",
    "name_en",
    "definition_fr",
    "definition_nl",
    "definition_en",
    "numerator",
    "denominator",
    "source",
    "licence",
    "reference_date",
    "update_rhythm",
    "note",
)


class Indicator(Schema):
    """One indicator of the registry (names and definitions in FR, NL and EN)."""

    id: str
    kind: str
    unit: str
    multiplier: float
    polarity: str
    aggregation: str
    native_layer: str
    layers: list[str]
    name_fr: str
    name_nl: str
    name_en: str
    definition_fr: str
    definition_nl: str
    definition_en: str
    numerator: str
    denominator: str
    source: str
    licence: str
    reference_date: str
    update_rhythm: str
    note: str
    values_url: str


class Value(Schema):
    """One tidy row: a value of an indicator for an area, period and breakdown, with its count,
    denominator, 95% and 99.8% limits and its comparison with the region."""

    indicator: str
    layer: str
    area_code: str
    period: str
    sex: str
    age_band: str
    category: str
    count: float | None
    denominator: float | None
    value: float | None
    lower95: float | None
    upper95: float | None
    lower998: float | None
    upper998: float | None
    value_note: str
    comparison95: str
    comparison998: str
    estimated: bool
    source_file: str


class ValuePage(Schema):
    """One page of tidy rows (the API's paging envelope)."""

    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[Value]


def _indicator(indicator_id: str):
    known = store.full_registry()
    if indicator_id not in known:
        raise Http404(f"no indicator {indicator_id[:80]!r}")
    return known[indicator_id]


def _row(indicator) -> dict:
    data = indicator.as_dict()
    out = {name: data[name] for name in FIELDS}
    out["values_url"] = reverse("api:indicator_values", kwargs={"indicator_id": indicator.id})
    return out


def _plain(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return _plain(value.item())
    return value


@router.get("/", response={200: list[Indicator], **ERRORS}, summary="Indicators")
def indicators(request):
    """The registry of indicators: names and definitions (FR, NL, EN), unit, polarity, source,
    licence, reference date and the layers each is published at."""
    return json_response([_row(i) for _, i in sorted(store.full_registry().items())])


@router.get("/{indicator_id}", response={200: Indicator, **ERRORS}, summary="One indicator")
def indicator(request, indicator_id: str):
    """One indicator of the registry."""
    return json_response(_row(_indicator(indicator_id)))


@router.get(
    "/{indicator_id}/values",
    response={200: ValuePage, **ERRORS},
    openapi_extra=CSV_EXTRA,
    url_name="indicator_values",
    summary="The tidy values of an indicator",
)
def values(
    request,
    indicator_id: str,
    layer: str | None = Query(None, max_length=40, description="A layer of the indicator."),
    area_code: str | None = Query(None, max_length=40, description="An area code of the layer."),
    period: str | None = Query(None, max_length=40, description="A period (e.g. 2020)."),
    page: int = PageQ,
    per_page: int = Query(
        100, ge=1, le=MAX_PER_PAGE, description=f"Rows per page (1..{MAX_PER_PAGE})."
    ),
    format: Literal["json", "csv"] = Query(
        "json", description="json (paged) or csv (every row: the indicator pages' tidy CSV)."
    ),
):
    """The tidy rows of an indicator (every layer unless `layer`), as the indicator pages' CSV
    downloads have them: counts, denominators, values, 95% and 99.8% limits, comparison with the
    region, estimated rows flagged."""
    found = _indicator(indicator_id)
    if layer and layer not in found.layers:
        raise ApiInputError(
            f"parameter layer: {layer[:40]!r} is not a layer of {found.id} "
            f"(layers: {', '.join(found.layers)})"
        )
    if not store.loaded():
        raise DataNotLoadedError("no indicator value loaded: run `bassins indicators load`")
    rows = store.values_query(
        indicator=found.id, layer=layer or None, area_code=area_code or None, period=period or None
    )
    if format == "csv":
        response = HttpResponse(
            store.frame_csv(store.frame_of(rows)), content_type="text/csv; charset=utf-8"
        )
        name = re.sub(
            r"[^A-Za-z0-9_.-]", "-", "_".join(p for p in (found.id, layer, area_code, period) if p)
        )
        response["Content-Disposition"] = f'attachment; filename="indicator_{name}.csv"'
        return response
    total = rows.count()
    envelope = hsds.page(range(total), page, per_page)  # the envelope's numbers; rows from SQL
    start = (page - 1) * per_page
    frame = store.frame_of(rows[start : start + per_page]) if envelope["size"] else None
    envelope["contents"] = (
        []
        if frame is None
        else [
            {column: _plain(value) for column, value in zip(tidy.COLUMNS, record, strict=True)}
            for record in frame[tidy.COLUMNS].itertuples(index=False, name=None)
        ]
    )
    return json_response(envelope)
