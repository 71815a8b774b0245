"""Quality report and duplicate review queue over the database (thin layer over quality / duplicates)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from django.db import transaction
from django.utils import timezone

from bassins.directory import duplicates, quality
from bassins.directory.frames import primary_categories
from bassins.directory.models import (
    Address,
    DuplicateCandidate,
    Location,
    Phone,
    Service,
    ServiceAtLocation,
)

#: The columns of the services frame the quality report reads.
SERVICE_COLUMNS = [
    "id",
    "source",
    "name_fr",
    "name_nl",
    "description_fr",
    "description_nl",
    "category",
    "email",
    "url",
    "has_phone",
    "assured_date",
    "extract_date",
    "status",
]


def location_records() -> pd.DataFrame:
    """One row per (location, service) for the duplicate finder."""
    addresses: dict[str, tuple[str, str]] = {}
    for location_id, street, postcode in Address.objects.order_by("id").values_list(
        "location_id", "address_1", "postal_code"
    ):
        addresses.setdefault(str(location_id), (street, postcode))
    categories = primary_categories()
    rows = []
    seen = set()
    for sal in ServiceAtLocation.objects.values(
        "location_id",
        "service_id",
        "service__name_fr",
        "service__name_nl",
        "location__source",
        "location__longitude",
        "location__latitude",
        "location__location_type",
    ):
        location_id = str(sal["location_id"])
        if location_id in seen or sal["location__location_type"] == "virtual":
            continue
        seen.add(location_id)
        street, postcode = addresses.get(location_id, ("", ""))
        rows.append(
            {
                "location_id": location_id,
                "source": sal["location__source"],
                "name": sal["service__name_fr"] or sal["service__name_nl"],
                "street": street,
                "postcode": postcode,
                "lon": sal["location__longitude"],
                "lat": sal["location__latitude"],
                "category": categories.get(str(sal["service_id"])),
            }
        )
    return pd.DataFrame(
        rows,
        columns=["location_id", "source", "name", "street", "postcode", "lon", "lat", "category"],
    )


def find_duplicates(**options) -> pd.DataFrame:
    return duplicates.candidates(location_records(), **options)


@transaction.atomic
def refresh_queue(found: pd.DataFrame | None = None) -> dict[str, int]:
    """Add new suspected pairs to the review queue; drop pending pairs no longer suspected; keep reviews."""
    found = find_duplicates() if found is None else found
    existing = {(str(c.left_id), str(c.right_id)): c for c in DuplicateCandidate.objects.all()}
    wanted = set()
    created = updated = 0
    for row in found.itertuples(index=False):
        key = (row.left, row.right)
        wanted.add(key)
        values = {
            "score": row.score,
            "name_score": row.name_score,
            "address_score": None if pd.isna(row.address_score) else row.address_score,
            "distance_m": None if pd.isna(row.distance_m) else row.distance_m,
            "reason": row.reason[:255],
        }
        if key in existing:
            candidate = existing[key]
            if any(getattr(candidate, k) != v for k, v in values.items()):
                for k, v in values.items():
                    setattr(candidate, k, v)
                candidate.save()
                updated += 1
        else:
            DuplicateCandidate.objects.create(left_id=row.left, right_id=row.right, **values)
            created += 1
    stale = [c.pk for key, c in existing.items() if key not in wanted and c.status == "pending"]
    DuplicateCandidate.objects.filter(pk__in=stale).delete()
    return {
        "suspected": len(found),
        "new": created,
        "updated": updated,
        "dropped": len(stale),
        "pending": DuplicateCandidate.objects.filter(status="pending").count(),
    }


def quality_issues(
    today: dt.date | None = None, *, refresh_duplicates: bool = False
) -> pd.DataFrame:
    today = today or timezone.localdate()
    if refresh_duplicates:
        refresh_queue()
    categories = primary_categories()
    services_with_phone = set()
    for service_id, sal_service in Phone.objects.values_list(
        "service_id", "service_at_location__service_id"
    ):
        for value in (service_id, sal_service):
            if value:
                services_with_phone.add(str(value))
    services = pd.DataFrame(
        [
            {
                "id": str(s["id"]),
                "source": s["source"],
                "name_fr": s["name_fr"],
                "name_nl": s["name_nl"],
                "description_fr": s["description_fr"],
                "description_nl": s["description_nl"],
                "category": categories.get(str(s["id"])),
                "email": s["email"],
                "url": s["url"],
                "has_phone": str(s["id"]) in services_with_phone,
                "assured_date": s["assured_date"],
                "extract_date": s["extract_date"],
                "status": s["status"],
            }
            for s in Service.objects.values(
                "id",
                "source",
                "name_fr",
                "name_nl",
                "description_fr",
                "description_nl",
                "email",
                "url",
                "assured_date",
                "extract_date",
                "status",
            )
        ],
        columns=SERVICE_COLUMNS,
    )
    addresses: dict[str, str] = {}
    with_address = set()
    for location_id, street, postcode in Address.objects.values_list(
        "location_id", "address_1", "postal_code"
    ):
        if street or postcode:
            with_address.add(str(location_id))
        if postcode:
            addresses.setdefault(str(location_id), postcode)
    locations = pd.DataFrame(
        [
            {
                "id": str(loc["id"]),
                "source": loc["source"],
                "name": loc["name_fr"] or loc["name_nl"],
                "location_type": loc["location_type"],
                "precision": loc["precision"],
                "inside_region": loc["inside_region"],
                "commune": loc["commune"],
                "has_address": str(loc["id"]) in with_address,
                "postcode": addresses.get(str(loc["id"]), ""),
            }
            for loc in Location.objects.values(
                "id",
                "source",
                "name_fr",
                "name_nl",
                "location_type",
                "precision",
                "inside_region",
                "commune",
            )
        ],
        columns=[
            "id",
            "source",
            "name",
            "location_type",
            "precision",
            "inside_region",
            "commune",
            "has_address",
            "postcode",
        ],
    )
    phones = pd.DataFrame(
        [
            {
                "id": str(p["id"]),
                "source": p["source"],
                "number": p["number"],
                "record_type": "service"
                if (p["service_id"] or p["service_at_location__service_id"])
                else "phone",
                "record_id": str(
                    p["service_id"] or p["service_at_location__service_id"] or p["id"]
                ),
                "name": p["service__name_fr"] or p["service_at_location__service__name_fr"] or "",
            }
            for p in Phone.objects.values(
                "id",
                "source",
                "number",
                "service_id",
                "service_at_location__service_id",
                "service__name_fr",
                "service_at_location__service__name_fr",
            )
        ],
        columns=["id", "source", "number", "record_type", "record_id", "name"],
    )
    names = {
        str(pk): (fr or nl)
        for pk, fr, nl in Location.objects.values_list("id", "name_fr", "name_nl")
    }
    queue = pd.DataFrame(
        [
            {
                "left": str(c.left_id),
                "right": str(c.right_id),
                "left_name": names.get(str(c.left_id), ""),
                "right_name": names.get(str(c.right_id), ""),
                "reason": c.reason,
                "score": c.score,
                "left_source": c.left.source,
            }
            for c in DuplicateCandidate.objects.filter(status="pending").select_related("left")
        ],
        columns=["left", "right", "left_name", "right_name", "reason", "score", "left_source"],
    )
    return quality.issues(services, locations, phones, queue, today)
