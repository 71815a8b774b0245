"""The open-data downloads (`/api/opendata/...`) and the open-data page (`/fr/donnees-ouvertes/`,
`/nl/open-data/`, `/en/open-data/`).

Every table is written by the offer's writers (`bassins.offer.export.table_csv` / `tables_xlsx`:
UTF-8 CSV with BOM, XLSX with text cells never read as formulas), every layer as GeoJSON (the API's
territories), and the whole directory as the HSDS 3.1 datapackage of `bassins directory export`,
zipped, after the checks of `bassins directory validate` (official HSDS 3.1 schemas, references):
a package with a problem is not published. Each download is built once per data version.
"""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from pathlib import Path
from typing import Literal

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Query, Router

from bassins.api import datasets, store
from bassins.api.hsds_api import ERRORS
from bassins.errors import DataNotLoadedError
from bassins.offer import export
from bassins.offer.report import Column, Table
from bassins.portal.context import lang_code
from bassins.web.cache import by_data_version, cached_page

router = Router(tags=["Open data"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
GEOJSON = "application/geo+json"
FILES_EXTRA = {
    "responses": {
        200: {
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                XLSX: {"schema": {"type": "string", "format": "binary"}},
                GEOJSON: {"schema": {"$ref": "#/components/schemas/FeatureCollection"}},
            }
        }
    }
}
ZIP_EXTRA = {
    "responses": {
        200: {"content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}}}
    }
}


class PackageInvalid(DataNotLoadedError):
    """The directory's datapackage failed the HSDS checks: it is not published."""


# -- tables ------------------------------------------------------------------------------------


def territory_table(layer: str) -> Table:
    """The areas of a layer: codes, names, area, sectors and the areas holding each."""
    from bassins.territory import store as territory_store
    from bassins.territory.layers import PARENT_LAYERS

    frame = territory_store.layer_frame(layer, geometry=False)
    parents = [p for p in PARENT_LAYERS if p in frame.columns and p != layer]
    columns = [
        Column("code", _("Code")),
        Column("name_fr", _("Name (French)")),
        Column("name_nl", _("Name (Dutch)")),
        Column("area_km2", _("Area (km²)"), "dec"),
        Column("n_sectors", _("Statistical sectors"), "int"),
        *[Column(p, p) for p in parents],
    ]
    rows = [
        {c.key: (None if row.get(c.key) != row.get(c.key) else row.get(c.key)) for c in columns}
        for row in frame.sort_values("code").to_dict("records")
    ]
    return Table(layer, _("Areas of the layer %(layer)s") % {"layer": layer}, columns, rows)


def directory_table() -> Table:
    """One row per service at a location: names, organization, address, territory, point,
    category, contacts, source and status (from the HSDS tables the API serves)."""
    from bassins.directory import taxonomy

    directory = store.current().directory
    columns = [
        Column("service_at_location_id", "service_at_location_id"),
        Column("service_id", "service_id"),
        Column("name_fr", _("Name (French)")),
        Column("name_nl", _("Name (Dutch)")),
        Column("organization", _("Organization")),
        Column("category", _("Category")),
        Column("address", _("Address")),
        Column("postcode", _("Postcode")),
        Column("city", _("City")),
        Column("commune", _("Commune (NIS code)")),
        Column("bassin", _("Bassin")),
        Column("latitude", _("Latitude"), "rate"),
        Column("longitude", _("Longitude"), "rate"),
        Column("precision", _("Location precision")),
        Column("phone", _("Phone")),
        Column("website", _("Website")),
        Column("status", _("Status")),
        Column("source", _("Source")),
    ]
    categories = taxonomy.taxonomy_id(taxonomy.CATEGORIES)
    terms = directory.by_id["taxonomy_term"]
    rows = []
    for sal in sorted(directory.tables["service_at_location"], key=lambda r: str(r["id"])):
        service = directory.by_id["service"].get(str(sal["service_id"])) or {}
        location = directory.by_id["location"].get(str(sal["location_id"])) or {}
        organization = directory.by_id["organization"].get(
            str(service.get("organization_id") or "")
        )
        address = next(iter(directory.rows("address", "location_id", sal["location_id"])), {})
        phone = next(
            iter(
                directory.rows("phone", "service_id", service.get("id"))
                or directory.rows("phone", "location_id", sal["location_id"])
            ),
            {},
        )
        primary = next(
            (
                terms[str(a["taxonomy_term_id"])].get("code")
                for a in directory.attributes.get(str(service.get("id")), [])
                if a.get("link_type") == "primary_category"
                and str(terms.get(str(a["taxonomy_term_id"]), {}).get("taxonomy_id")) == categories
            ),
            None,
        )
        rows.append(
            {
                "service_at_location_id": str(sal["id"]),
                "service_id": str(sal["service_id"]),
                "name_fr": service.get("name_fr") or None,
                "name_nl": service.get("name_nl") or None,
                "organization": (organization or {}).get("name_fr") or None,
                "category": primary,
                "address": address.get("address_1") or None,
                "postcode": address.get("postal_code") or None,
                "city": address.get("city") or None,
                "commune": location.get("commune") or None,
                "bassin": location.get("bassin") or None,
                "latitude": location.get("latitude"),
                "longitude": location.get("longitude"),
                "precision": location.get("precision") or None,
                "phone": phone.get("number") or None,
                "website": service.get("url") or None,
                "status": service.get("status") or None,
                "source": service.get("source") or None,
            }
        )
    return Table("services", _("Services at their locations"), columns, rows)


def table_geojson(table: Table) -> str:
    """The rows of a table with a latitude and a longitude as GeoJSON points (WGS84)."""
    features = []
    for record in table.records():
        lat, lon = record.get("latitude"), record.get("longitude")
        if lat is None or lon is None:
            continue
        properties = {k: v for k, v in record.items() if k not in ("latitude", "longitude")}
        features.append(
            {
                "type": "Feature",
                "properties": properties,
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
            }
        )
    return json.dumps(
        {"type": "FeatureCollection", "features": features},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def directory_package() -> bytes:
    """The whole directory as a zipped HSDS 3.1 datapackage, checked as `bassins directory
    validate` checks it (PackageInvalid naming the first problems otherwise)."""
    from bassins.directory import store as directory_store
    from bassins.directory.sources import hsds as hsds_package

    with tempfile.TemporaryDirectory(prefix="bassins-hsds-") as folder:
        directory_store.export_hsds(folder)
        problems = hsds_package.validate_official(folder) + hsds_package.check_references(folder)
        if problems:
            raise PackageInvalid(
                f"the HSDS datapackage has {len(problems)} problems: {'; '.join(problems[:3])}"
            )
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(Path(folder).iterdir()):
                info = zipfile.ZipInfo(f"bassins-directory-hsds/{path.name}", (2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, path.read_bytes())
        return buffer.getvalue()


def _file(content, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _table_file(table: Table, fmt: str, name: str, lang: str) -> HttpResponse:
    if fmt == "csv":
        return _file(export.table_csv(table), "text/csv; charset=utf-8", f"{name}_{lang}.csv")
    if fmt == "xlsx":
        return _file(export.tables_xlsx([table], title=table.caption), XLSX, f"{name}_{lang}.xlsx")
    raise Http404(f"no format {fmt[:20]!r} for this table (csv, xlsx, geojson)")


LangQ = Query("fr", description="Language of the column headers: fr, nl or en.")


@router.get(
    "/territories/{layer}",
    response={200: str, **ERRORS},
    openapi_extra=FILES_EXTRA,
    url_name="opendata_layer",
    summary="A territory layer as CSV, XLSX or GeoJSON",
)
def layer_file(
    request,
    layer: str,
    format: Literal["csv", "xlsx", "geojson"] = Query("csv"),
    lang: Literal["fr", "nl", "en"] = LangQ,
):
    """The areas of a layer (codes, names, area, parent areas); GeoJSON with full geometries."""
    from bassins.territory import store as territory_store

    loaded = territory_store.loaded_layers()
    if layer not in loaded:
        raise Http404(f"no layer {layer[:40]!r} (layers: {', '.join(sorted(loaded))})")
    if format == "geojson":
        if not loaded[layer].has_geometry:
            raise Http404(f"layer {layer!r} has no geometry")
        body = by_data_version(
            "opendata-geojson", layer, build=lambda: territory_store.export_geojson(layer)
        )
        return _file(body, GEOJSON + "; charset=utf-8", f"{layer}.geojson")
    with translation.override(lang):
        table = territory_table(layer)
        return _table_file(table, format, f"territoire_{layer}", lang)


@router.get(
    "/services",
    response={200: str, **ERRORS},
    openapi_extra=FILES_EXTRA,
    url_name="opendata_services",
    summary="The services at their locations as CSV, XLSX or GeoJSON",
)
def services_file(
    request,
    format: Literal["csv", "xlsx", "geojson"] = Query("csv"),
    lang: Literal["fr", "nl", "en"] = LangQ,
):
    """One row per service at a location (GeoJSON: those with a point)."""
    with translation.override(lang):
        table = directory_table()
        if format == "geojson":
            return _file(table_geojson(table), GEOJSON + "; charset=utf-8", "services.geojson")
        return _table_file(table, format, "services", lang)


@router.get(
    "/directory-hsds.zip",
    response={200: str, **ERRORS},
    openapi_extra=ZIP_EXTRA,
    url_name="opendata_package",
    summary="The whole directory as an HSDS 3.1 datapackage (zip)",
)
def package_file(request):
    """The HSDS 3.1 datapackage of `bassins directory export`, validated, zipped."""
    content = by_data_version("opendata-hsds-zip", build=directory_package)
    return _file(content, "application/zip", "bassins-directory-hsds.zip")


# -- the page -----------------------------------------------------------------------------------

GROUPS = {
    "territories": gettext_lazy("Territories"),
    "directory": gettext_lazy("Directory of services"),
    "offer": gettext_lazy("Offer analysis"),
    "indicators": gettext_lazy("Needs indicators"),
    "access": gettext_lazy("Accessibility"),
}


def _links(url: str, formats: tuple[str, ...], lang: str) -> list[dict]:
    sep = "&" if "?" in url else "?"
    return [
        {"label": fmt.upper(), "url": f"{url}{sep}format={fmt}&lang={lang}", "format": fmt}
        for fmt in formats
    ]


def page_context(lang: str) -> dict:
    """The groups of datasets of the page (territories, directory, offer): each with its sources,
    licences and date, and its datasets with their downloads."""
    from bassins.directory.models import ImportRun
    from bassins.indicators.pages import layer_label
    from bassins.offer.context import area_links
    from bassins.offer.urls import LAYER_SLUGS
    from bassins.territory import store as territory_store

    generation = territory_store.active_generation()
    loaded = territory_store.loaded_layers()
    territories = []
    for name, layer in sorted(loaded.items()):
        url = reverse("api:opendata_layer", kwargs={"layer": name})
        formats = ("csv", "xlsx") + (("geojson",) if layer.has_geometry else ())
        territories.append(
            {
                "title": _("%(layer)s (%(count)s areas)")
                % {"layer": layer_label(name), "count": layer.areas.count()},
                "downloads": _links(url, formats, lang),
            }
        )
    runs = {}
    for run in ImportRun.objects.order_by("started_at"):
        runs[run.source] = run
    extracts = [
        {"source": source, "date": run.extract_date}
        for source, run in sorted(runs.items())
        if run.extract_date
    ]
    latest = max((run.started_at for run in runs.values()), default=None)
    directory = [
        {
            "title": _("The whole directory, Open Referral HSDS 3.1 datapackage (zip)"),
            "downloads": [
                {"label": "ZIP (HSDS 3.1)", "url": reverse("api:opendata_package"), "format": "zip"}
            ],
        },
        {
            "title": _("Services at their locations"),
            "downloads": _links(reverse("api:opendata_services"), ("csv", "xlsx", "geojson"), lang),
        },
    ]
    offer = []
    links = area_links(None, lang)
    for layer in LAYER_SLUGS:
        for area in links[layer]:
            kwargs = {"code": area["code"]}
            offer.append(
                {
                    "title": area["name"],
                    "downloads": [
                        {
                            "label": "XLSX",
                            "url": reverse(f"offer:{layer}-xlsx", kwargs=kwargs),
                            "format": "xlsx",
                        },
                        {
                            "label": _("CSV and JSON (API)"),
                            "url": reverse(
                                "api:offer_tables", kwargs={"layer": layer, "code": area["code"]}
                            )
                            + f"?lang={lang}",
                            "format": "json",
                        },
                    ],
                }
            )

    indicators, indicator_files, indicator_date = _indicator_datasets()
    access = _access_datasets(lang)

    def group(key, files, items, date, extract_dates=()):
        return {
            "key": key,
            "title": GROUPS[key],
            "sources": datasets.sources(files),
            "licences": datasets.licences(files),
            "date": date,
            "extracts": list(extract_dates),
            "datasets": items,
        }

    return {
        "groups": [
            group(
                "territories",
                datasets.TERRITORY_FILES,
                territories,
                {"vintage": generation.vintage, "loaded": generation.created_at.date()},
            ),
            group(
                "directory",
                datasets.DIRECTORY_FILES,
                directory,
                {"loaded": latest.date() if latest else None},
                extracts,
            ),
            group(
                "offer",
                datasets.OFFER_FILES,
                offer,
                {"loaded": latest.date() if latest else None},
                extracts,
            ),
            *(
                [group("indicators", indicator_files, indicators, {"loaded": indicator_date})]
                if indicators
                else []
            ),
            group(
                "access",
                datasets.in_catalog(datasets.ACCESS_FILES),
                access,
                {"loaded": latest.date() if latest else None},
                extracts,
            ),
        ],
    }


def _indicator_datasets() -> tuple[list[dict], tuple[str, ...], object]:
    """The tidy CSV of every layer the indicators are loaded at, and the registry with its values
    through the API; the files they were read from; the date of the latest load."""
    from bassins.indicators.models import IndicatorLoad, IndicatorValue
    from bassins.indicators.pages import PAGE_LAYERS, layer_label

    loads = list(IndicatorLoad.objects.order_by("loaded_at"))
    if not loads:
        return [], (), None
    present = set(IndicatorValue.objects.values_list("layer", flat=True).distinct())
    items = [
        {
            "title": _("Indicators of the layer %(layer)s, tidy table (one row per value)")
            % {"layer": layer_label(layer)},
            "downloads": [
                {
                    "label": "CSV",
                    "url": reverse("indicators:csv", kwargs={"layer": layer}),
                    "format": "csv",
                }
            ],
        }
        for layer in PAGE_LAYERS
        if layer in present
    ]
    items.append(
        {
            "title": _("The registry of indicators and their values (API)"),
            "downloads": [{"label": "JSON", "url": "/api/indicators/", "format": "json"}],
        }
    )
    files = datasets.in_catalog([f for load in loads for f in load.files])
    return items, tuple(dict.fromkeys(files)), loads[-1].loaded_at.date()


def _access_datasets(lang: str) -> list[dict]:
    """Per bassin: the accessibility measures per demand point (CSV, GeoJSON) and the suggested
    sites (CSV, GeoJSON)."""
    from bassins.codes import BASSIN_CODES, bassin_slug
    from bassins.portal.areas import area_names

    names = area_names("bassin", lang)
    out = []
    for code in BASSIN_CODES:
        slug, name = bassin_slug(code, lang), names.get(code, code)
        for title, route in (
            (_("Accessibility of bassin %(name)s: measures per demand point"), "bassin"),
            (
                _("Accessibility of bassin %(name)s: where one more pharmacy would help most"),
                "suggestions",
            ),
        ):
            downloads = [
                {
                    "label": fmt.upper(),
                    "url": reverse(f"access:{route}-{fmt}", kwargs={"slug": slug}),
                    "format": fmt,
                }
                for fmt in ("csv", "geojson")
            ]
            out.append({"title": title % {"name": name}, "downloads": downloads})
    return out


@cached_page
def page(request):
    lang = lang_code()
    try:
        context = page_context(lang)
    except DataNotLoadedError as error:
        return render(
            request, "api/opendata.html", {"loaded": False, "error": str(error)}, status=503
        )
    context.update(
        loaded=True,
        api_docs=reverse("api-docs"),
        hsds_root=reverse("api:root"),
    )
    return render(request, "api/opendata.html", context)
