"""Counting searches that met no answer (see bassins.search.models), without personal data."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F

from bassins.search.engine import Result
from bassins.search.models import KeptQuery, UnmetNeed


def retention_days() -> int:
    """Days the words of unmet queries are kept: 0 (never kept) unless a steward sets the setting or
    the environment variable BASSINS_SEARCH_KEEP_QUERIES_DAYS."""
    value = getattr(settings, "BASSINS_SEARCH_KEEP_QUERIES_DAYS", None)
    if value is None:
        value = os.environ.get("BASSINS_SEARCH_KEEP_QUERIES_DAYS", "0")
    try:
        return max(0, int(value or 0))
    except ValueError:
        return 0


def kind_of(result: Result) -> str | None:
    """'no_result', 'none_serving' (hits, but none serves the person's area) or None."""
    if result.total == 0:
        return "no_result"
    request = result.request
    if (request.person_commune or request.person_bassin) and result.hits:
        if not any(hit.coverage == 2 for hit in result.hits):
            return "none_serving"
    return None


@dataclass(frozen=True)
class Need:
    """What counting an unmet need writes: plain values, kept with a cached search result
    (bassins.search.cache) so that every identical search is counted, cached or not."""

    kind: str
    layer: str
    code: str
    categories: tuple[str, ...]
    text: str


def need_of(result: Result) -> Need | None:
    """The unmet need `result` shows (None when the search met an answer)."""
    kind = kind_of(result)
    if kind is None:
        return None
    request = result.request
    if request.person_commune:
        layer, code = "commune", request.person_commune
    elif request.person_bassin:
        layer, code = "bassin", request.person_bassin
    elif request.commune:
        layer, code = "commune", request.commune
    elif request.bassin:
        layer, code = "bassin", request.bassin
    else:
        layer, code = "region", "04000"
    categories = (
        list(request.categories)
        or sorted(
            {code for match in result.plan.concepts for code in match.codes if "." not in code}
        )
        or [""]
    )
    return Need(kind, layer, code, tuple(categories), request.q[:500] if request.q.strip() else "")


def count(need: Need | None, today: dt.date | None = None) -> str | None:
    """Count one search showing `need`; returns the kind counted (None: nothing to count)."""
    if need is None:
        return None
    today = today or dt.date.today()
    with transaction.atomic():
        for category in need.categories:
            row, _created = UnmetNeed.objects.get_or_create(
                day=today, layer=need.layer, code=need.code, category=category[:255], kind=need.kind
            )
            UnmetNeed.objects.filter(pk=row.pk).update(count=F("count") + 1)
        days = retention_days()
        if days > 0 and need.text.strip():
            KeptQuery.objects.create(day=today, text=need.text, kind=need.kind)
        KeptQuery.objects.filter(day__lt=today - dt.timedelta(days=max(days, 0))).delete()
    return need.kind


def record(result: Result, today: dt.date | None = None) -> str | None:
    """Count `result` when it is an unmet need; returns the kind counted."""
    return count(need_of(result), today)
