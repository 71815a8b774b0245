"""The directory as data frames, for the offer analysis and the reports (the contract other apps use).

`service_location_frame()`: one row per service_at_location, columns
    service_id, service_name_fr, service_name_nl, organization_id, location_id,
    category          primary category slug of the service (taxonomy term code), None when it has none
    is_head_office    bool: the location is the seat of the organization
    is_site           bool: services are delivered at the location (activity site)
    precision         "point" | "postcode" | "commune" | "none" ("" when not yet placed)
    sector, submunicipality, commune, monitoring, bassin, qss   territory codes (None when unknown)
    source            importer: "afmps", "hospitals", "osm", "directory_sample", "hsds", "spreadsheet", "manual"
    status            "active", "temporarily_closed", "inactive", "defunct"
    extract_date      datetime.date of the source extract (None when the source gives none)
and, beyond the contract: postcode, region ("04000" when the location is known to lie in the region),
inside_region (bool or None), location_type, service_at_location_id.

`service_area_frame()`: service_id, layer, area_code: the areas services declare they serve, as
territory codes (region-wide -> layer "region", code "04000"). Areas given only by a name are resolved
when the name is a Brussels commune or the region.

`source_summary()`: one row per source: source, records (services), locations, extract_date, excluded
(records of the last import not loaded as records of their own), excluded_reasons (English text
"count: reason; ..."), label (file of the last import), imported_at, and excluded_by_reason (dict English
reason -> count, for pages that translate the reasons: bassins.directory.labels).

`category_frame()`: slug, label_fr, label_nl, label_en of the categories.
"""

from __future__ import annotations

import pandas as pd

from bassins.codes import (
    BASSIN,
    COMMUNE,
    MONITORING,
    POSTCODE,
    QSS,
    REGION_CODE,
    SECTOR,
    SUBMUNICIPALITY,
)
from bassins.codes import in_region as in_region_rule
from bassins.directory import taxonomy
from bassins.directory.brussels import commune_code, fold
from bassins.directory.columns import AREA_COLUMNS, LOCATION_COLUMNS
from bassins.directory.models import (
    Address,
    Attribute,
    ImportRun,
    Service,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)

EXTRA_COLUMNS = ["postcode", "region", "inside_region", "location_type", "service_at_location_id"]
SUMMARY_COLUMNS = [
    "source",
    "records",
    "locations",
    "extract_date",
    "excluded",
    "excluded_reasons",
    "label",
    "imported_at",
    "excluded_by_reason",
]
TERRITORY = [SECTOR, SUBMUNICIPALITY, COMMUNE, MONITORING, BASSIN, QSS]


def primary_categories() -> dict[str, str]:
    """service id -> primary category slug."""
    rows = Attribute.objects.filter(
        link_entity="service", link_type="primary_category"
    ).values_list("link_id", "taxonomy_term__code")
    return {str(link_id): code for link_id, code in rows}


def service_location_frame() -> pd.DataFrame:
    fields = [
        "id",
        "service_id",
        "service__name_fr",
        "service__name_nl",
        "service__organization_id",
        "location_id",
        "location__is_head_office",
        "location__is_activity_site",
        "location__precision",
        *[f"location__{name}" for name in TERRITORY],
        "service__source",
        "service__status",
        "service__extract_date",
        "location__inside_region",
        "location__location_type",
    ]
    rows = list(ServiceAtLocation.objects.values(*fields))
    categories = primary_categories()
    postcodes: dict[str, str] = {}
    for location_id, postcode in Address.objects.order_by("id").values_list(
        "location_id", "postal_code"
    ):
        if postcode:
            postcodes.setdefault(str(location_id), postcode)
    records = []
    for row in rows:
        location_id = str(row["location_id"])
        codes = {name: (row[f"location__{name}"] or None) for name in TERRITORY}
        postcode = postcodes.get(location_id)
        inside = row["location__inside_region"]
        precision = row["location__precision"] or ""
        # the one "in the region" rule (bassins.codes.in_region); not yet placed: by postcode
        in_region = in_region_rule(precision or POSTCODE, inside, postcode, codes["commune"])
        records.append(
            {
                "service_id": str(row["service_id"]),
                "service_name_fr": row["service__name_fr"],
                "service_name_nl": row["service__name_nl"],
                "organization_id": str(row["service__organization_id"])
                if row["service__organization_id"]
                else None,
                "location_id": location_id,
                "category": categories.get(str(row["service_id"])),
                "is_head_office": bool(row["location__is_head_office"]),
                "is_site": bool(row["location__is_activity_site"]),
                "precision": row["location__precision"] or "",
                **codes,
                "source": row["service__source"],
                "status": (row["service__status"] or "").replace(" ", "_"),
                "extract_date": row["service__extract_date"],
                "postcode": postcode,
                "region": REGION_CODE if in_region else None,
                "inside_region": inside,
                "location_type": row["location__location_type"],
                "service_at_location_id": str(row["id"]),
            }
        )
    frame = pd.DataFrame(records, columns=LOCATION_COLUMNS + EXTRA_COLUMNS)
    for column in ("is_head_office", "is_site"):
        frame[column] = frame[column].astype(bool)
    return frame.sort_values(["service_id", "location_id"], kind="stable").reset_index(drop=True)


def _resolve_area(layer: str, code: str, name: str) -> tuple[str, str] | None:
    if layer and code:
        return layer, code
    folded = fold(name)
    if folded in (
        "region de bruxelles capitale",
        "brussels hoofdstedelijk gewest",
        "brussels capital region",
        "bruxelles capitale",
        "region bruxelloise",
        "brussels",
        "bruxelles region",
        "region",
    ):
        return "region", REGION_CODE
    commune = commune_code(name)
    if commune:
        return "commune", commune
    return None


def service_area_frame() -> pd.DataFrame:
    records = []
    for row in ServiceArea.objects.values(
        "service_id",
        "service_at_location__service_id",
        "layer",
        "area_code",
        "name_fr",
        "name_nl",
        "name_en",
    ):
        service_id = row["service_id"] or row["service_at_location__service_id"]
        if service_id is None:
            continue
        resolved = None
        for name in (row["name_fr"], row["name_nl"], row["name_en"]):
            resolved = _resolve_area(row["layer"], row["area_code"], name or "")
            if resolved:
                break
        if resolved:
            records.append(
                {"service_id": str(service_id), "layer": resolved[0], "area_code": resolved[1]}
            )
    frame = pd.DataFrame(records, columns=AREA_COLUMNS).drop_duplicates()
    return frame.sort_values(AREA_COLUMNS, kind="stable").reset_index(drop=True)


def source_summary() -> pd.DataFrame:
    from django.db.models import Count, Max

    counts = {
        row["source"]: row
        for row in Service.objects.values("source").annotate(
            records=Count("id"), latest=Max("extract_date")
        )
    }
    locations = {
        row["service__source"]: row["n"]
        for row in ServiceAtLocation.objects.values("service__source").annotate(
            n=Count("location_id", distinct=True)
        )
    }
    records = []
    for source in sorted(counts):
        run = ImportRun.objects.filter(source=source).order_by("-started_at").first()
        excluded = run.excluded if run else {}
        records.append(
            {
                "source": source,
                "records": counts[source]["records"],
                "locations": locations.get(source, 0),
                "extract_date": (
                    run.extract_date if run and run.extract_date else counts[source]["latest"]
                ),
                "excluded": sum(excluded.values()),
                "excluded_reasons": "; ".join(
                    f"{count}: {reason}" for reason, count in excluded.items()
                ),
                "label": run.label if run else "",
                "imported_at": run.started_at if run else None,
                "excluded_by_reason": dict(excluded),
            }
        )
    return pd.DataFrame(records, columns=SUMMARY_COLUMNS)


def category_frame() -> pd.DataFrame:
    rows = (
        TaxonomyTerm.objects.filter(taxonomy_id=taxonomy.taxonomy_id(taxonomy.CATEGORIES))
        .exclude(code__contains=".")
        .values("code", "name_fr", "name_nl", "name_en")
    )
    frame = pd.DataFrame(list(rows), columns=["code", "name_fr", "name_nl", "name_en"])
    frame = frame.rename(
        columns={
            "code": "slug",
            "name_fr": "label_fr",
            "name_nl": "label_nl",
            "name_en": "label_en",
        }
    )
    return frame.sort_values("slug").reset_index(drop=True)
