"""The hand-compiled sample directory (`services/directory_sample_bxl.csv`) -> Bundle. Pure.

Columns: id, name_fr, name_nl, organization, category, subcategory, description_fr, street,
house_number, postcode, commune_fr, phone, email, website, languages, target_public, opening_hours,
source_url, source_date. The stable key is `id`.

The services have addresses but no coordinates: a service with an address gets a physical location
without a point, to be placed by postcode or commune (the loader asks the territory store; precision
"postcode" or "commune"). A service with no address at all (phone lines, mobile teams) gets a virtual
location of precision "none", so that the analysis can count it. Where the street field holds a whole
address ("Rue Van Artevelde 155 1000 Bruxelles"), it is split.

Areas served, when the record says it: a CPAS serves its commune; a bassin helpdesk its bassin; a
service reachable only by phone or web, the region.

Opening hours are free French text here, not OSM syntax: they are kept as the description of a
schedule, and, when `french_hours.parse_french` reads them unambiguously, written beside it as weekly
HSDS schedule rows (byday, opens_at, closes_at, a description in FR/NL/EN, the text in `notes`); the
load report counts both (`hours_texts`, `hours_parsed`). `target_public` becomes the eligibility description; `source_url` and `source_date` are kept
(attribute "source_reference"; the date as the service's extract date, a month or a year meaning its
first day).
"""

from __future__ import annotations

import re
from pathlib import Path

from bassins import codes
from bassins.directory import contacts, french_hours, tabular, taxonomy
from bassins.directory.brussels import COMMUNES, REGION_CODE, fold
from bassins.directory.bundle import Bundle, stable_id
from bassins.directory.sources import common
from bassins.directory.text import clean, parse_partial_date, parse_postcode, split_full_address
from bassins.errors import InputError

SOURCE = "directory_sample"
REQUIRED = [
    "id",
    "name_fr",
    "category",
    "street",
    "house_number",
    "postcode",
    "commune_fr",
    "phone",
    "email",
    "website",
]
OPTIONAL = [
    "name_nl",
    "organization",
    "subcategory",
    "description_fr",
    "languages",
    "target_public",
    "opening_hours",
    "source_url",
    "source_date",
]
# Longest names first: "nord-est" must be tried before "nord".
BASSINS = dict(
    sorted(((s, c) for c, s in codes.BASSIN_SLUGS["fr"].items()), key=lambda x: -len(x[0]))
)
LANGUAGE_NAMES = {
    "fr": "French",
    "nl": "Dutch",
    "en": "English",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "ar": "Arabic",
    "ru": "Russian",
    "ln": "Lingala",
    "tr": "Turkish",
    "pt": "Portuguese",
    "pl": "Polish",
    "ro": "Romanian",
    "bg": "Bulgarian",
    "uk": "Ukrainian",
    "fa": "Persian",
    "ps": "Pashto",
    "so": "Somali",
    "ti": "Tigrinya",
    "am": "Amharic",
    "sq": "Albanian",
    "ber": "Berber",
    "zh": "Chinese",
}
CATEGORIES_FILE = "directory_sample_categories.csv"


def read(path: Path | str, *, categories_path: Path | str | None = None) -> Bundle:
    """Parse the sample; the categories file next to it (when there) is read and included."""
    path = Path(path)
    if categories_path is None and (path.parent / CATEGORIES_FILE).exists():
        categories_path = path.parent / CATEGORIES_FILE
    categories = taxonomy.read_categories(categories_path) if categories_path else None
    return parse(tabular.read_table(path), categories=categories)


def parse(table: tabular.Table, *, categories: list[taxonomy.Term] | None = None) -> Bundle:
    """The sample directory as a Bundle (with `categories` as taxonomy terms when given);
    InputError (naming row and field) on a bad row or an unknown category."""
    table.require(REQUIRED)
    known = {term.code for term in categories or []} | {
        term.code for term in taxonomy.BUILTIN_CATEGORIES
    }
    bundle = Bundle(source=SOURCE, label=table.label)
    if categories is not None:
        taxonomy.add_taxonomies(bundle, categories)
    records = []
    seen: dict[str, int] = {}
    for number, row in enumerate(table.rows, start=1):
        where = {"source": table.label, "row": number}
        records.append(_record(row, where, known if categories is not None else None, seen))
    organizations: dict[str, str] = {}
    for record in records:
        if record["organization"]:
            organizations.setdefault(fold(record["organization"]), record["organization"])
    for org_key, name in organizations.items():
        bundle.add(
            "organization",
            stable_id(SOURCE, "organization", org_key),
            source_key=f"organization:{org_key}",
            name_fr=name,
            description_fr=name,
        )
    dates = [r["source_date"] for r in records if r["source_date"]]
    bundle.extract_date = max(dates) if dates else None
    bundle.records = len(records)
    bundle.stats = {
        "with_address": sum(r["has_address"] for r in records),
        "without_address": sum(not r["has_address"] for r in records),
        "hours_texts": 0,
        "hours_parsed": 0,
    }
    for record in records:
        _add_service(bundle, record)
    return bundle


def _record(row: dict, where: dict, known: set[str] | None, seen: dict[str, int]) -> dict:
    get = lambda name, **kw: clean(row.get(name, ""), where=where, field=name, **kw)  # noqa: E731
    key = get("id")
    if not re.fullmatch(r"[A-Za-z0-9_.-]{1,40}", key):
        raise InputError(f"an id is letters and digits: {key[:40]!r}", field="id", **where)
    if key in seen:
        raise InputError(f"id {key} already on row {seen[key]}", field="id", **where)
    seen[key] = where["row"]
    name_fr = get("name_fr")
    if not name_fr:
        raise InputError("empty name", field="name_fr", **where)
    category = get("category")
    if not re.fullmatch(r"[a-z0-9_]{1,60}", category):
        raise InputError(f"a category is a slug: {category[:40]!r}", field="category", **where)
    if known is not None and category not in known:
        raise InputError(
            f"unknown category {category!r} (not in the categories file)", field="category", **where
        )
    street, number = get("street"), get("house_number")
    postcode = parse_postcode(row.get("postcode", ""), where=where, field="postcode")
    commune = get("commune_fr")
    if street and not number and not postcode:
        street, split_number, split_postcode, town = split_full_address(street)
        number = split_number
        if split_postcode:
            postcode = split_postcode
            commune = commune or town
    source_date, _ = parse_partial_date(
        row.get("source_date", ""), where=where, field="source_date"
    )
    languages = [code.strip().lower() for code in get("languages").split(";") if code.strip()]
    for code in languages:
        if not re.fullmatch(r"[a-z]{2,3}", code):
            raise InputError(
                f"a language is an ISO 639 code: {code[:20]!r}", field="languages", **where
            )
    return dict(
        key=key,
        name_fr=name_fr,
        name_nl=get("name_nl"),
        organization=get("organization"),
        category=category,
        subcategory=get("subcategory"),
        description=get("description_fr", multiline=True),
        street=street,
        number=number,
        postcode=postcode,
        commune=commune,
        phone=get("phone"),
        email=get("email"),
        website=get("website"),
        languages=languages,
        target_public=get("target_public", multiline=True),
        opening_hours=get("opening_hours", multiline=True),
        source_url=get("source_url", multiline=True),
        source_date=source_date,
        has_address=bool(street or postcode or commune),
    )


def _add_service(bundle: Bundle, record: dict) -> None:
    key = record["key"]
    if record["organization"]:
        organization_id = stable_id(SOURCE, "organization", fold(record["organization"]))
    else:
        organization_id = bundle.add(
            "organization",
            stable_id(SOURCE, key, "organization"),
            source_key=key,
            name_fr=record["name_fr"],
            name_nl=record["name_nl"],
            description_fr=record["description"] or record["name_fr"],
        )
    url = contacts.check_url(record["website"]).value if record["website"] else ""
    email = contacts.check_email(record["email"]).value if record["email"] else ""
    service_id = bundle.add(
        "service",
        stable_id(SOURCE, key, "service"),
        source_key=key,
        organization_id=organization_id,
        name_fr=record["name_fr"],
        name_nl=record["name_nl"],
        description_fr=record["description"],
        eligibility_description_fr=record["target_public"],
        url=url,
        email=email,
        status="active",
        extract_date=record["source_date"],
    )
    commune_code = common.resolve_commune(record["postcode"], record["commune"])
    if record["has_address"]:
        location_id = bundle.add(
            "location",
            stable_id(SOURCE, key, "location"),
            source_key=key,
            location_type="physical",
            organization_id=organization_id,
            name_fr=record["name_fr"],
            name_nl=record["name_nl"],
            competent_authority="communal" if record["category"] == "cpas" else "",
            is_head_office=True,
            is_activity_site=True,
        )
        common.add_address(
            bundle,
            key,
            location_id,
            street=record["street"],
            number=record["number"],
            postcode=record["postcode"],
            city=record["commune"],
        )
    else:
        location_id = bundle.add(
            "location",
            stable_id(SOURCE, key, "location"),
            source_key=key,
            location_type="virtual",
            url=url,
            organization_id=organization_id,
            name_fr=record["name_fr"],
            name_nl=record["name_nl"],
            precision="none",
            is_head_office=False,
            is_activity_site=False,
        )
    sal_id = bundle.add(
        "service_at_location",
        stable_id(SOURCE, key, "service_at_location"),
        source_key=key,
        service_id=service_id,
        location_id=location_id,
    )
    common.add_phone(bundle, key, record["phone"], service_at_location_id=sal_id)
    common.add_category(bundle, key, service_id, record["category"])
    if record["subcategory"]:
        term = taxonomy.add_subcategory(
            bundle, record["category"], record["subcategory"], source=SOURCE
        )
        common.add_category(
            bundle,
            key,
            service_id,
            bundle.tables["taxonomy_term"][term]["code"],
            primary=False,
            link_type="subcategory",
            term=term,
        )
    for code in record["languages"]:
        bundle.add(
            "language",
            stable_id(SOURCE, key, "language", code),
            source_key=key,
            service_id=service_id,
            code=code,
            name=LANGUAGE_NAMES.get(code, code),
        )
    if record["opening_hours"]:
        text = record["opening_hours"]
        bundle.add(
            "schedule",
            stable_id(SOURCE, key, "schedule", "text"),
            source_key=key,
            service_at_location_id=sal_id,
            kind="regular",
            description_fr=text,
        )
        parsed = french_hours.parse_french(text)
        bundle.stats["hours_texts"] = bundle.stats.get("hours_texts", 0) + 1
        bundle.stats["hours_parsed"] = bundle.stats.get("hours_parsed", 0) + int(parsed.ok)
        for position, rule in enumerate(french_hours.schedule_rules(parsed) if parsed.ok else []):
            bundle.add(
                "schedule",
                stable_id(SOURCE, key, "schedule", position),
                source_key=key,
                service_at_location_id=sal_id,
                freq="WEEKLY",
                byday=rule.byday,
                opens_at=rule.opens_at,
                closes_at=rule.closes_at,
                kind="regular",
                description_fr=rule.description("fr"),
                description_nl=rule.description("nl"),
                description_en=rule.description("en"),
                notes=f"{french_hours.PARSED_NOTE}{text}",
            )
    if record["source_url"]:
        common.add_fact(
            bundle, key, service_id, "service", "source_reference", record["source_url"]
        )
    _add_area(bundle, record, service_id, commune_code)


def _add_area(bundle: Bundle, record: dict, service_id: str, commune_code: str | None) -> None:
    key = record["key"]
    area = None
    if record["category"] == "helpdesk":
        name = fold(record["name_fr"]).replace(" ", "-")
        for words, code in BASSINS.items():  # longest names first: "nord-est" before "nord"
            if f"bassin-{words}" in name:
                area = ("bassin", code, f"Bassin {words.title()}")
                break
    elif record["category"] == "cpas" and commune_code:
        area = ("commune", commune_code, COMMUNES[commune_code][0])
    elif not record["has_address"]:
        area = ("region", REGION_CODE, "Région de Bruxelles-Capitale")
    if area:
        layer, code, name = area
        bundle.add(
            "service_area",
            stable_id(SOURCE, key, "service_area", layer, code),
            source_key=key,
            service_id=service_id,
            layer=layer,
            area_code=code,
            name_fr=name,
            extent_type="text",
        )
