"""Services to orient to, for the case form's autocomplete.

`find_services(query, lang, limit)` answers from the orientation search (`bassins.search`: the same
analysis, synonyms, typo tolerance and ranking as the public search, the query's language detected),
so a responder picks an orientation the way they would find it. It returns dicts with id
(ServiceAtLocation uuid), label and category. The services whose name holds every typed word (a name
being typed, "Pharmacie Ansp") come first, then the search's hits. The search counts no unmet need
here (a responder typing a service's name is not a person's unanswered need).
"""

from __future__ import annotations

from django.db.models import Q

from bassins.directory.models import Attribute, ServiceAtLocation, translated


def find_services(query: str, lang: str = "fr", limit: int = 20) -> list[dict]:
    """Services to orient to for `query`, best first: names holding every word, then the search."""
    words = [w for w in (query or "").split() if len(w) >= 2][:5]
    if not words:
        return []
    from bassins.search import engine, service

    try:
        result = service.run(engine.Request(q=query[:200], per_page=limit), count_unmet=False)
    except service.SearchInputError:
        result = None
    named = name_search(words, lang, limit)
    ids = [hit.doc.id for hit in result.hits] if result is not None else []
    by_id = {
        str(r.id): r
        for r in ServiceAtLocation.objects.select_related("service", "location").filter(id__in=ids)
    }
    seen = {choice["id"] for choice in named}
    found = _as_choices([by_id[i] for i in ids if i in by_id and i not in seen], lang)
    return (named + found)[:limit]


def name_search(words: list[str], lang: str, limit: int) -> list[dict]:
    """Service_at_locations whose service, location or organisation name holds every word."""
    rows = ServiceAtLocation.objects.select_related("service", "location", "service__organization")
    for word in words:
        match = Q()
        for field in (
            "service__name",
            "service__alternate_name",
            "location__name",
            "service__organization__name",
        ):
            for code in ("fr", "nl", "en"):
                match |= Q(**{f"{field}_{code}__icontains": word})
        rows = rows.filter(match)
    return _as_choices(list(rows.order_by("service__name_fr", "id")[:limit]), lang)


def _as_choices(rows: list[ServiceAtLocation], lang: str) -> list[dict]:
    categories = service_categories([r.service_id for r in rows])
    return [
        {
            "id": str(r.id),
            "label": service_label(r, lang),
            "category": categories.get(str(r.service_id), ""),
        }
        for r in rows
    ]


def service_label(sal: ServiceAtLocation, lang: str = "fr") -> str:
    name = translated(sal.service, "name", lang)
    place = translated(sal.location, "name", lang)
    commune = sal.location.commune
    return " · ".join(p for p in (name, place if place != name else "", commune) if p)


def service_categories(service_ids) -> dict[str, str]:
    """service id -> its primary category code (directory attributes)."""
    rows = Attribute.objects.filter(
        link_entity="service", link_type="primary_category", link_id__in=list(service_ids)
    ).values_list("link_id", "taxonomy_term__code")
    return {str(link_id): code for link_id, code in rows}
