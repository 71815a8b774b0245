"""The directory as the HSDS API serves it: built once per data version, filtered per request.

`current()` reads the directory's tables as the HSDS export writes them (`store.database_tables()`
through `hsds.hsds_tables`: one source of truth with `bassins directory export`), indexes them
(`bassins.api.hsds.Directory`) and keeps them in the process until the data version
(`bassins.web.dataversion`) changes. The filters (`services`, `service_at_locations`,
`organizations`...) return lists of ids in a stable order: by name, or by relevance when `search` is
given (the orientation search, `bassins.search`), or by distance when `proximity` is given.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from dataclasses import dataclass, field

from bassins.api import hsds
from bassins.errors import BassinsError

#: At most this many hits of the orientation search are read for one `search` parameter.
MAX_SEARCH_HITS = 2000
#: At most this many searches are kept per data version (the oldest go first).
MAX_KEPT_SEARCHES = 256
EARTH_M = 6_371_000.0


class ApiInputError(BassinsError):
    """A parameter of an API request that cannot be used (the message names it)."""


@dataclass
class Current:
    """The directory of one data version, indexed, and the objects already built from it."""

    version: str
    directory: hsds.Directory
    cache: dict = field(default_factory=dict)
    searches: dict = field(default_factory=dict)

    def memo(self, kind: str, key: str, build):
        """The object `build()` for (kind, key), built once per data version (searches: the
        latest MAX_KEPT_SEARCHES only, so that many different queries cannot fill the memory)."""
        store = self.searches if kind == "search" else self.cache
        cache_key = (kind, key)
        value = store.get(cache_key)
        if value is None:
            value = build()
            if store is self.searches and len(store) >= MAX_KEPT_SEARCHES:
                store.pop(next(iter(store)), None)
            store[cache_key] = value
        return value


_lock = threading.Lock()
_state: dict = {"current": None}


def current(version: str | None = None) -> Current:
    """The directory of the current data version (built on first use, then kept)."""
    from bassins.web.dataversion import data_version

    version = version or data_version()
    found = _state["current"]
    if found is not None and found.version == version:
        return found
    with _lock:
        found = _state["current"]
        if found is None or found.version != version:
            from bassins.directory import store
            from bassins.directory.sources import hsds as hsds_package

            tables = hsds_package.hsds_tables(store.database_tables())
            found = Current(version, hsds.Directory(tables, source_import_dates()))
            _state["current"] = found
        return found


def source_import_dates() -> dict[str, dt.datetime]:
    """The start of the latest import run of each source."""
    from django.db.models import Max

    from bassins.directory.models import ImportRun

    return {
        row["source"]: row["latest"]
        for row in ImportRun.objects.values("source").annotate(latest=Max("started_at"))
    }


def reset() -> None:
    """Forget the directory kept in the process (tests)."""
    _state["current"] = None


# -- filters -------------------------------------------------------------------------------------


def _by_name(rows) -> list[str]:
    return [
        str(row["id"])
        for row in sorted(
            rows, key=lambda r: ((r.get("name_fr") or r.get("name_nl") or ""), r["id"])
        )
    ]


def _terms(cur: Current, taxonomy_term_id: str | None, taxonomy_id: str | None) -> set[str] | None:
    """The taxonomy terms a record must carry one of (None: no filter)."""
    directory = cur.directory
    if taxonomy_term_id:
        if taxonomy_term_id not in directory.by_id["taxonomy_term"]:
            raise ApiInputError(f"parameter taxonomy_term_id: no taxonomy term {taxonomy_term_id}")
        return directory.term_descendants(taxonomy_term_id)
    if taxonomy_id:
        if taxonomy_id not in directory.by_id["taxonomy"]:
            raise ApiInputError(f"parameter taxonomy_id: no taxonomy {taxonomy_id}")
        return {
            str(row["id"]) for row in directory.rows("taxonomy_term", "taxonomy_id", taxonomy_id)
        }
    return None


def search_hits(q: str) -> list[tuple[str, str]]:
    """(service_at_location id, service id) of the orientation search's hits for `q`, best first."""
    from bassins.search import engine, service

    out: list[tuple[str, str]] = []
    page = 1
    while len(out) < MAX_SEARCH_HITS:
        request = engine.Request(q=q, page=page, per_page=200)
        try:
            result = service.run(request, count_unmet=False)
        except service.SearchInputError as error:
            raise ApiInputError(f"parameter search: {error}") from None
        out.extend((hit.doc.id, hit.doc.service_id) for hit in result.hits)
        if page >= result.pages or not result.hits:
            break
        page += 1
    return out


def _modified(cur: Current, ids: list[str], after: dt.datetime | None) -> list[str]:
    """The ids whose last change (`Directory.last_modified`) is on or after `after`, and those whose
    date is not known."""
    if after is None:
        return ids
    if after.tzinfo is None:
        after = after.replace(tzinfo=dt.UTC)
    stamps = cur.directory.last_modified
    # a record whose date is not known is kept (it may have changed)
    return [i for i in ids if not stamps.get(i) or dt.datetime.fromisoformat(stamps[i]) >= after]


def services(
    *,
    search: str = "",
    taxonomy_term_id: str | None = None,
    taxonomy_id: str | None = None,
    organization_id: str | None = None,
    modified_after: dt.datetime | None = None,
) -> list[str]:
    """Ids of the services the parameters select (by relevance with `search`, else by name)."""
    cur = current()
    directory = cur.directory
    if search.strip():
        seen: dict[str, None] = {}
        for _sal, service_id in cur.memo("search", search, lambda: search_hits(search)):
            seen.setdefault(str(service_id), None)
        ids = [i for i in seen if i in directory.by_id["service"]]
    else:
        ids = cur.memo("order", "service", lambda: _by_name(directory.tables["service"]))
    terms = _terms(cur, taxonomy_term_id, taxonomy_id)
    if terms is not None:
        ids = [i for i in ids if directory.term_ids(i) & terms]
    if organization_id:
        ids = [
            i
            for i in ids
            if str(directory.by_id["service"][i].get("organization_id") or "") == organization_id
        ]
    return _modified(cur, ids, modified_after)


def parse_proximity(text: str) -> tuple[float | None, float | None, float]:
    """`proximity` as (lat, lon, radius in metres): "lat,lon,radius" or "radius" (from the postcode's
    centre). ApiInputError names what is wrong."""
    parts = [p.strip() for p in text.split(",")]
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        raise ApiInputError(
            f"parameter proximity: not numbers: {text[:60]!r} (lat,lon,radius in metres, or a "
            "radius with postcode)"
        ) from None
    if not all(math.isfinite(n) for n in numbers) or len(numbers) not in (1, 3):
        raise ApiInputError(
            f"parameter proximity: {text[:60]!r} is neither lat,lon,radius nor a radius in metres"
        )
    radius = numbers[-1]
    if not 0 < radius <= 50_000:
        raise ApiInputError(f"parameter proximity: radius {radius:g} m is outside 0..50000")
    if len(numbers) == 1:
        return None, None, radius
    lat, lon = numbers[0], numbers[1]
    if not (50.6 <= lat <= 51.0 and 4.1 <= lon <= 4.6):
        raise ApiInputError(
            f"parameter proximity: {lat:g},{lon:g} is not in or near Brussels (lat 50.6..51, "
            "lon 4.1..4.6)"
        )
    return lat, lon, radius


def postcode_communes(postcode: str) -> list[str]:
    """The Brussels communes of a postcode; ApiInputError when it is not a Brussels postcode."""
    from bassins.portal import finder

    answer = finder.find(postcode)
    if not answer.communes:
        raise ApiInputError(f"parameter postcode: {postcode} is not a postcode of Brussels")
    return list(answer.communes)


def _distance_m(lat1, lon1, lat2, lon2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_M * math.asin(math.sqrt(a))


def service_at_locations(
    *,
    search: str = "",
    taxonomy_term_id: str | None = None,
    taxonomy_id: str | None = None,
    organization_id: str | None = None,
    modified_after: dt.datetime | None = None,
    postcode: str | None = None,
    proximity: str | None = None,
) -> list[str]:
    """Ids of the service_at_locations the parameters select (see the module docstring).

    `postcode`: the location's address has that postcode, or the location lies in one of the
    postcode's communes, or the service declares an area served holding one of them (the commune,
    its bassin or the region). `proximity`: within the radius of the point (lat,lon) or of the
    postcode's centre; the list is then ordered by distance."""
    cur = current()
    directory = cur.directory
    sals = directory.by_id["service_at_location"]
    if search.strip():
        ids = [
            str(sal)
            for sal, _service in cur.memo("search", search, lambda: search_hits(search))
            if str(sal) in sals
        ]
    else:
        ids = cur.memo(
            "order",
            "service_at_location",
            lambda: sorted(
                sals,
                key=lambda i: (
                    _by_name_key(directory.by_id["service"].get(str(sals[i]["service_id"]))),
                    i,
                ),
            ),
        )
    if taxonomy_term_id or taxonomy_id or organization_id or modified_after:
        chosen = set(
            services(
                taxonomy_term_id=taxonomy_term_id,
                taxonomy_id=taxonomy_id,
                organization_id=organization_id,
                modified_after=modified_after,
            )
        )
        ids = [i for i in ids if str(sals[i]["service_id"]) in chosen]
    centre = None
    if proximity:
        lat, lon, radius = parse_proximity(proximity)
        if lat is None:
            if not postcode:
                raise ApiInputError(
                    "parameter proximity: a radius alone needs postcode (or give lat,lon,radius)"
                )
            centre = _postcode_centre(postcode_communes(postcode))
        else:
            centre = (lat, lon)
    if postcode:
        communes = set(postcode_communes(postcode))
        ids = [i for i in ids if _in_postcode(directory, sals[i], postcode, communes)]
    if centre is not None:
        placed = []
        for i in ids:
            location = directory.by_id["location"].get(str(sals[i]["location_id"])) or {}
            if location.get("latitude") is None or location.get("longitude") is None:
                continue
            distance = _distance_m(*centre, location["latitude"], location["longitude"])
            if distance <= radius:
                placed.append((distance, i))
        ids = [i for _d, i in sorted(placed)]
    return ids


def _by_name_key(service: dict | None) -> str:
    if not service:
        return ""
    return service.get("name_fr") or service.get("name_nl") or ""


def _postcode_centre(communes: list[str]) -> tuple[float, float]:
    from bassins.search.documents import _centres

    centres = _centres()
    points = [centres[c] for c in communes if c in centres]
    if not points:
        raise ApiInputError("parameter postcode: the territories are not loaded (no centre known)")
    return (
        sum(p[0] for p in points) / len(points),
        sum(p[1] for p in points) / len(points),
    )


def _in_postcode(directory: hsds.Directory, sal: dict, postcode: str, communes: set[str]) -> bool:
    location_id = str(sal["location_id"])
    for address in directory.rows("address", "location_id", location_id):
        if str(address.get("postal_code") or "") == postcode:
            return True
    location = directory.by_id["location"].get(location_id) or {}
    if location.get("commune") in communes:
        return True
    bassins = _bassins_of(frozenset(communes))
    for area in directory.rows("service_area", "service_id", sal["service_id"]):
        layer, code = area.get("layer"), area.get("area_code")
        if (
            (layer == "commune" and code in communes)
            or (layer == "bassin" and code in bassins)
            or layer == "region"
        ):
            return True
    return False


_bassins_cache: dict = {}


def _bassins_of(communes: frozenset) -> set[str]:
    if communes not in _bassins_cache:
        from bassins.portal.areas import bassins_of_commune

        _bassins_cache[communes] = {b for c in communes for b in bassins_of_commune(c)}
    return _bassins_cache[communes]


def _matches(text: str, row: dict, names=("name", "alternate_name", "description")) -> bool:
    folded = cur_fold(text)
    for base in names:
        for lang in ("fr", "nl", "en"):
            if folded in cur_fold(str(row.get(f"{base}_{lang}") or "")):
                return True
        if folded in cur_fold(str(row.get(base) or "")):
            return True
    return False


def cur_fold(text: str) -> str:
    """A search text folded as the search engine folds words (case and accents)."""
    from bassins.search.text import fold

    return fold(text.strip())


def organizations(
    *, search: str = "", taxonomy_term_id: str | None = None, taxonomy_id: str | None = None
) -> list[str]:
    """Ids of the organizations (by name): `search` in their names or description (case and
    accents ignored), or holding a service the orientation search finds."""
    cur = current()
    directory = cur.directory
    ids = cur.memo("order", "organization", lambda: _by_name(directory.tables["organization"]))
    if search.strip():
        found_services = set(services(search=search))
        owners = {
            str(directory.by_id["service"][s].get("organization_id") or "") for s in found_services
        }
        ids = [
            i for i in ids if i in owners or _matches(search, directory.by_id["organization"][i])
        ]
    terms = _terms(cur, taxonomy_term_id, taxonomy_id)
    if terms is not None:
        ids = [i for i in ids if directory.term_ids(i) & terms]
    return ids


def taxonomies(*, search: str = "") -> list[str]:
    """Ids of the taxonomies (by name), `search` in their name or description."""
    cur = current()
    rows = cur.directory.tables["taxonomy"]
    if search.strip():
        rows = [r for r in rows if _matches(search, r, ("name", "description"))]
    return _by_name(rows)


def taxonomy_terms(
    *,
    search: str = "",
    taxonomy_id: str | None = None,
    parent_id: str | None = None,
    top_only: bool = False,
) -> list[str]:
    """Ids of the taxonomy terms (by name), filtered by taxonomy, parent, top level and `search`
    (name, description, code)."""
    cur = current()
    directory = cur.directory
    rows = directory.tables["taxonomy_term"]
    if taxonomy_id:
        if taxonomy_id not in directory.by_id["taxonomy"]:
            raise ApiInputError(f"parameter taxonomy_id: no taxonomy {taxonomy_id}")
        rows = [r for r in rows if str(r.get("taxonomy_id") or "") == taxonomy_id]
    if parent_id:
        rows = [r for r in rows if str(r.get("parent_id") or "") == parent_id]
    if top_only:
        rows = [r for r in rows if not r.get("parent_id")]
    if search.strip():
        folded = cur_fold(search)
        rows = [
            r
            for r in rows
            if _matches(search, r, ("name", "description"))
            or folded in cur_fold(r.get("code") or "")
        ]
    return _by_name(rows)
