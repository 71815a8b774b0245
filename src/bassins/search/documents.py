"""The directory's records as search documents (one per service_at_location), read from the database.

Everything the index needs is read here in a fixed number of queries (no query per record):
services, locations, organizations, addresses, phones, languages, categories (taxonomy attributes),
areas served (as bassins.directory.frames resolves them), schedules, cost options and the locations'
HSDS accessibility rows (wheelchair access as bassins.directory.wheelchair reads them). `documents(ids)`
reads only the service_at_locations given (an edit), `documents()` all of them. Defunct and inactive
services are left out: they are never found.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from django.db.models import Q

from bassins.directory import taxonomy
from bassins.directory.frames import _resolve_area
from bassins.directory.french_hours import PARSED_NOTE
from bassins.directory.models import (
    Accessibility,
    Address,
    Attribute,
    CostOption,
    Language,
    Phone,
    Schedule,
    ServiceArea,
    ServiceAtLocation,
    TaxonomyTerm,
)
from bassins.directory.wheelchair import wheelchair_access
from bassins.search import hours
from bassins.search.concepts import Category, Concepts
from bassins.search.index import Document
from bassins.search.text import words

HIDDEN_STATUSES = ("defunct", "inactive")
FREE_WORDS = frozenset(
    {"gratuit", "gratuite", "gratuits", "gratuites", "gratis", "free", "kosteloos"}
)
#: The texts of an HSDS accessibility row that may say whether a wheelchair gets in.
ACCESSIBILITY_TEXTS = (
    "description_fr",
    "description_nl",
    "description_en",
    "details_fr",
    "details_nl",
    "details_en",
)
SAL_FIELDS = [
    "id",
    "service_id",
    "location_id",
    "description_fr",
    "description_nl",
    "description_en",
    "service__name_fr",
    "service__name_nl",
    "service__name_en",
    "service__alternate_name_fr",
    "service__alternate_name_nl",
    "service__description_fr",
    "service__description_nl",
    "service__description_en",
    "service__eligibility_description_fr",
    "service__eligibility_description_nl",
    "service__eligibility_description_en",
    "service__application_process_fr",
    "service__application_process_nl",
    "service__fees_description_fr",
    "service__fees_description_nl",
    "service__fees_description_en",
    "service__status",
    "service__minimum_age",
    "service__maximum_age",
    "service__url",
    "service__email",
    "service__source",
    "service__organization_id",
    "service__organization__name_fr",
    "service__organization__name_nl",
    "service__organization__website",
    "service__organization__email",
    "location__name_fr",
    "location__name_nl",
    "location__latitude",
    "location__longitude",
    "location__precision",
    "location__commune",
    "location__bassin",
    "location__monitoring",
    "location__location_type",
]


def concepts() -> Concepts:
    """The categories of the taxonomy, with their synonyms as the database holds them."""
    rows = list(
        TaxonomyTerm.objects.filter(taxonomy_id=taxonomy.taxonomy_id(taxonomy.CATEGORIES)).values(
            "id",
            "code",
            "parent_id",
            "name_fr",
            "name_nl",
            "name_en",
            "synonyms_fr",
            "synonyms_nl",
            "synonyms_en",
        )
    )
    code_of = {row["id"]: row["code"] for row in rows}
    return Concepts(
        Category(
            row["code"],
            code_of.get(row["parent_id"]),
            {"fr": row["name_fr"], "nl": row["name_nl"], "en": row["name_en"]},
            {
                "fr": _split(row["synonyms_fr"]),
                "nl": _split(row["synonyms_nl"]),
                "en": _split(row["synonyms_en"]),
            },
        )
        for row in rows
        if row["code"]
    )


def _split(text: str) -> tuple[str, ...]:
    return tuple(
        part.strip() for part in (text or "").replace("\n", ";").split(";") if part.strip()
    )


@lru_cache(maxsize=4)
def commune_centres(generation_key) -> dict[str, tuple[float, float]]:
    """Commune code -> (lat, lon) of a point inside the commune (empty when not loaded)."""
    from bassins.errors import DataNotLoadedError
    from bassins.territory.store import layer_frame

    try:
        frame = layer_frame("commune")
    except DataNotLoadedError:
        return {}
    points = frame.geometry.representative_point().to_crs("EPSG:4326")
    return {
        str(code): (float(p.y), float(p.x)) for code, p in zip(frame.index, points, strict=True)
    }


def _centres() -> dict[str, tuple[float, float]]:
    from bassins.errors import DataNotLoadedError
    from bassins.territory.store import active_generation

    try:
        key = active_generation().pk
    except DataNotLoadedError:
        return {}
    return commune_centres(key)


def documents(sal_ids=None) -> list[Document]:
    """Search documents of the service_at_locations `sal_ids` (all when None)."""
    sals = ServiceAtLocation.objects.all()
    if sal_ids is not None:
        sals = sals.filter(id__in=list(sal_ids))
    rows = [
        row
        for row in sals.values(*SAL_FIELDS)
        if (row["service__status"] or "active") not in HIDDEN_STATUSES
    ]
    if not rows:
        return []
    service_ids = {row["service_id"] for row in rows}
    location_ids = {row["location_id"] for row in rows}
    sal_set = {row["id"] for row in rows}
    org_ids = {row["service__organization_id"] for row in rows if row["service__organization_id"]}
    one_batch = sal_ids is not None

    def scoped(queryset, **lookups):
        return queryset.filter(**lookups) if one_batch else queryset

    addresses: dict = {}
    for row in scoped(Address.objects.order_by("id"), location_id__in=location_ids).values(
        "location_id", "address_1", "postal_code", "city", "address_type"
    ):
        addresses.setdefault(row["location_id"], row)
    phones: dict = defaultdict(list)
    phone_rows = Phone.objects.order_by("id")
    if one_batch:
        phone_rows = phone_rows.filter(
            Q(service_id__in=service_ids)
            | Q(location_id__in=location_ids)
            | Q(service_at_location_id__in=sal_set)
            | Q(organization_id__in=org_ids)
        )
    for row in phone_rows.values(
        "number", "service_id", "location_id", "organization_id", "service_at_location_id"
    ):
        for key in ("service_at_location_id", "service_id", "location_id", "organization_id"):
            if row[key]:
                phones[(key, row[key])].append(row["number"])
    languages: dict = defaultdict(set)
    for row in scoped(Language.objects.all(), service_id__in=service_ids).values(
        "service_id", "location_id", "code"
    ):
        if row["code"]:
            languages[row["service_id"] or row["location_id"]].add(row["code"].lower()[:2])
    terms = {
        row["id"]: row
        for row in TaxonomyTerm.objects.values("id", "code", "taxonomy_id", "name_fr", "name_nl")
    }
    category_taxonomy = taxonomy.taxonomy_id(taxonomy.CATEGORIES)
    categories: dict = defaultdict(list)
    primary: dict = {}
    for row in (
        scoped(Attribute.objects.all(), link_id__in=service_ids | location_ids)
        .order_by("link_type", "id")
        .values("link_id", "link_type", "taxonomy_term_id", "value")
    ):
        term = terms.get(row["taxonomy_term_id"])
        if term is None:
            continue
        if str(term["taxonomy_id"]) == str(category_taxonomy):
            categories[row["link_id"]].append(term["code"])
            if row["link_type"] == "primary_category":
                primary[row["link_id"]] = term["code"]
    access_texts: dict = defaultdict(list)
    for row in scoped(Accessibility.objects.all(), location_id__in=location_ids).values(
        "location_id", *ACCESSIBILITY_TEXTS
    ):
        access_texts[row["location_id"]].extend(row[name] for name in ACCESSIBILITY_TEXTS)
    wheelchair = {location: wheelchair_access(texts) for location, texts in access_texts.items()}
    areas: dict = defaultdict(set)
    for row in scoped(ServiceArea.objects.all(), service_id__in=service_ids).values(
        "service_id",
        "service_at_location__service_id",
        "layer",
        "area_code",
        "name_fr",
        "name_nl",
        "name_en",
    ):
        service_id = row["service_id"] or row["service_at_location__service_id"]
        for name in (row["name_fr"], row["name_nl"], row["name_en"]):
            resolved = _resolve_area(row["layer"], row["area_code"], name or "")
            if resolved:
                areas[service_id].add(resolved)
                break
    schedules: dict = defaultdict(list)
    schedule_rows = Schedule.objects.order_by("id")
    if one_batch:
        schedule_rows = schedule_rows.filter(
            Q(service_id__in=service_ids)
            | Q(location_id__in=location_ids)
            | Q(service_at_location_id__in=sal_set)
        )
    for row in schedule_rows.values(
        "service_id",
        "location_id",
        "service_at_location_id",
        "byday",
        "opens_at",
        "closes_at",
        "kind",
        "closed",
        "valid_from",
        "valid_to",
        "description_fr",
        "notes",
    ):
        for key in ("service_at_location_id", "service_id", "location_id"):
            if row[key]:
                schedules[row[key]].append(row)
                break
    free_cost: set = set()
    for row in scoped(CostOption.objects.all(), service_id__in=service_ids).values(
        "service_id", "amount"
    ):
        if row["amount"] == 0:
            free_cost.add(row["service_id"])
    centres = _centres()
    out = []
    for row in rows:
        out.append(
            _document(
                row,
                addresses=addresses,
                phones=phones,
                languages=languages,
                categories=categories,
                primary=primary,
                wheelchair=wheelchair,
                areas=areas,
                schedules=schedules,
                free_cost=free_cost,
                centres=centres,
            )
        )
    return out


def _texts(row: dict) -> dict[str, list[tuple[str, str]]]:
    s = "service__"
    name = [
        (lang, row[key])
        for lang, key in (
            ("fr", f"{s}name_fr"),
            ("nl", f"{s}name_nl"),
            ("en", f"{s}name_en"),
            ("fr", f"{s}alternate_name_fr"),
            ("nl", f"{s}alternate_name_nl"),
            ("fr", f"{s}organization__name_fr"),
            ("nl", f"{s}organization__name_nl"),
            ("fr", "location__name_fr"),
            ("nl", "location__name_nl"),
        )
        if row.get(key)
    ]
    body = [
        (lang, row[key])
        for lang, key in (
            ("fr", f"{s}description_fr"),
            ("nl", f"{s}description_nl"),
            ("en", f"{s}description_en"),
            ("fr", f"{s}eligibility_description_fr"),
            ("nl", f"{s}eligibility_description_nl"),
            ("en", f"{s}eligibility_description_en"),
            ("fr", f"{s}application_process_fr"),
            ("nl", f"{s}application_process_nl"),
            ("fr", f"{s}fees_description_fr"),
            ("nl", f"{s}fees_description_nl"),
            ("fr", "description_fr"),
            ("nl", "description_nl"),
        )
        if row.get(key)
    ]
    return {"name": name, "body": body}


def _hours(rows: list[dict]) -> dict:
    """Rules, holiday rules, closures and the text of a record's schedules."""
    rules, holiday_rules, closures, texts = [], [], [], []
    holiday_closed = False
    for row in rows:
        if row["description_fr"] and not (row["byday"] or row["opens_at"]):
            texts.append(row["description_fr"])
        kind = row["kind"] or "regular"
        if kind == "closure":
            closures.append((row["valid_from"], row["valid_to"]))
            continue
        opens = hours.minutes_of(row["opens_at"])
        closes = hours.minutes_of(row["closes_at"])
        if kind == "public_holiday":
            if row["closed"] or opens is None or closes is None:
                holiday_closed = True
            else:
                holiday_rules.append((opens, closes))
            continue
        if opens is None or closes is None or not row["byday"]:
            continue
        for code in row["byday"].split(","):
            code = code.strip().upper()[-2:]
            if code in hours.WEEKDAYS_BYDAY:
                rules.append((hours.WEEKDAYS_BYDAY.index(code), opens, closes))
    text = " ; ".join(texts)
    parsed_from_text = any((row["notes"] or "").startswith(PARSED_NOTE) for row in rows)
    always_open = bool(rules) and len({(d, o, c) for d, o, c in rules if o == 0 and c == 1440}) == 7
    return {
        "rules": tuple(sorted(set(rules))),
        "holiday_rules": tuple(holiday_rules),
        "holiday_closed": holiday_closed,
        "closures": tuple(closures),
        "hours_known": bool(rules) or holiday_closed or bool(holiday_rules),
        "text": text,
        "from_text": parsed_from_text,
        "always_open": always_open,
    }


def _document(row: dict, **tables) -> Document:
    service_id, location_id, sal_id = row["service_id"], row["location_id"], row["id"]
    codes = list(dict.fromkeys(tables["categories"].get(service_id, [])))
    main = tables["primary"].get(service_id) or (codes[0] if codes else None)
    if main in codes:
        codes.remove(main)
        codes.insert(0, main)
    lat, lon = row["location__latitude"], row["location__longitude"]
    exact = lat is not None and lon is not None
    commune = row["location__commune"] or ""
    if not exact and commune in tables["centres"]:
        lat, lon = tables["centres"][commune]
    address = tables["addresses"].get(location_id) or {}
    phones = []
    for key, value in (
        ("service_at_location_id", sal_id),
        ("service_id", service_id),
        ("location_id", location_id),
        ("organization_id", row["service__organization_id"]),
    ):
        for number in tables["phones"].get((key, value), []):
            if number not in phones:
                phones.append(number)
    schedule_rows = []
    for key in (sal_id, service_id, location_id):
        schedule_rows.extend(tables["schedules"].get(key, []))
    hours_info = _hours(schedule_rows)
    texts = _texts(row)
    body_words = set()
    for _lang, text in texts["body"]:
        body_words.update(words(text))
    free = service_id in tables["free_cost"] or bool(body_words & FREE_WORDS)
    wheel = tables["wheelchair"].get(location_id)
    s = "service__"
    return Document(
        id=str(sal_id),
        service_id=str(service_id),
        texts=texts,
        categories=tuple(codes),
        primary=main,
        commune=commune,
        bassin=row["location__bassin"] or "",
        monitoring=row["location__monitoring"] or "",
        postcode=address.get("postal_code") or "",
        lat=lat,
        lon=lon,
        exact_point=exact,
        areas=tuple(sorted(tables["areas"].get(service_id, ()))),
        languages=tuple(sorted(tables["languages"].get(service_id, set()))),
        status=row["service__status"] or "active",
        free=free,
        wheelchair=wheel,
        min_age=row[f"{s}minimum_age"],
        max_age=row[f"{s}maximum_age"],
        rules=hours_info["rules"],
        holiday_rules=hours_info["holiday_rules"],
        holiday_closed=hours_info["holiday_closed"],
        closures=hours_info["closures"],
        hours_known=hours_info["hours_known"],
        display={
            "name_fr": row[f"{s}name_fr"] or row[f"{s}name_nl"] or row[f"{s}name_en"],
            "name_nl": row[f"{s}name_nl"] or row[f"{s}name_fr"] or row[f"{s}name_en"],
            "name_en": row[f"{s}name_en"] or row[f"{s}name_fr"] or row[f"{s}name_nl"],
            "organization": row[f"{s}organization__name_fr"]
            or row[f"{s}organization__name_nl"]
            or "",
            "address": address.get("address_1") or "",
            "postcode": address.get("postal_code") or "",
            "city": address.get("city") or "",
            "phones": phones,
            "email": row[f"{s}email"] or row[f"{s}organization__email"] or "",
            "website": row[f"{s}url"] or row[f"{s}organization__website"] or "",
            "eligibility_fr": row[f"{s}eligibility_description_fr"] or "",
            "eligibility_nl": row[f"{s}eligibility_description_nl"] or "",
            "hours_text": hours_info["text"],
            "hours_from_text": hours_info["from_text"],
            "always_open": hours_info["always_open"],
            "hsds_hours": [
                [hours.WEEKDAYS_BYDAY[d], hours._hhmm(o), hours._hhmm(c)]
                for d, o, c in hours_info["rules"]
            ],
            "source": row[f"{s}source"],
            "synthetic": False,
        },
    )
