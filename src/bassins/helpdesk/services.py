"""Services to orient to, for the case form's autocomplete.

`find_services(query, lang, limit)` is the ONE function to swap for the orientation search
(`bassins.search`, being built) when it lands: it returns dicts with id (ServiceAtLocation uuid),
label and category. For now: a plain name search over the directory (service or organisation name in
FR/NL/EN, location's commune shown).
"""

from __future__ import annotations

from django.db.models import Q

from bassins.directory.models import Attribute, ServiceAtLocation, translated


def find_services(query: str, lang: str = "fr", limit: int = 20) -> list[dict]:
    words = [w for w in (query or "").split() if len(w) >= 2][:5]
    if not words:
        return []
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
    rows = list(rows.order_by("service__name_fr", "id")[:limit])
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
