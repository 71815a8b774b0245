"""The importers: parse (pure source modules) -> check, place and load (loader), one per source.

Each function reads a file, builds its Bundle and loads it in one transaction; it returns the
LoadReport (counts of created / updated / deleted / unchanged rows, the source's own counts, the records
left out and why). `load_all` runs every importer whose file is in the data directory, taxonomy first.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.db import transaction

from bassins.config import data_file
from bassins.directory import loader, lock, matching, taxonomy
from bassins.directory.bundle import Bundle
from bassins.directory.loader import LoadReport, file_digest
from bassins.directory.sources import afmps, hospitals, hsds, osm, sample, spreadsheet
from bassins.errors import DataFileMissingError, InputError

FORMATS = ("afmps", "hospitals", "osm", "sample", "hsds", "spreadsheet", "taxonomy")
DATA_FILES = {
    "taxonomy": "services/directory_sample_categories.csv",
    "afmps": "services/afmps_pharmacies_bxl_2022.csv",
    "hospitals": "services/hospitals_sites_bxl_2020.csv",
    "osm": "services/osm_pharmacies_bxl.geojson",
    "sample": "services/directory_sample_bxl.csv",
}


#: How the writes are guarded, for the current import (set by `import_file` / `load_all`).
_OPTIONS: dict = {}


def _load(bundle: Bundle, path: Path | str, *, user: str | None = None) -> LoadReport:
    return loader.load(bundle, user=user, sha256=file_digest(path), **_OPTIONS)


def import_taxonomy(path: Path | str, *, user: str | None = None) -> LoadReport:
    bundle = Bundle(source="taxonomy", label=Path(path).name)
    terms = taxonomy.read_categories(path)
    taxonomy.add_taxonomies(bundle, terms)
    bundle.records = len(terms)
    bundle.stats = {"categories": len(terms)}
    return _load(bundle, path, user=user)


def ensure_builtin_taxonomy() -> None:
    """The built-in categories and facts, when no taxonomy was loaded (the official registers need them)."""
    from bassins.directory.models import TaxonomyTerm

    missing = [
        term
        for term in taxonomy.BUILTIN_CATEGORIES + taxonomy.FACT_TERMS
        if not TaxonomyTerm.objects.filter(
            pk=taxonomy.term_id(
                term.code,
                taxonomy.CATEGORIES if term in taxonomy.BUILTIN_CATEGORIES else taxonomy.FACTS,
            )
        ).exists()
    ]
    if not missing:
        return
    bundle = Bundle(source="taxonomy", label="built-in taxonomy", delete_missing=False)
    taxonomy.add_taxonomies(bundle, [])
    loader.load(bundle, locate=False)


def import_afmps(
    path: Path | str, *, extract_date: dt.date | None = None, user: str | None = None
) -> LoadReport:
    ensure_builtin_taxonomy()
    bundle = afmps.read(path, extract_date=extract_date or afmps.DEFAULT_EXTRACT_DATE)
    return _load(bundle, path, user=user)


def import_hospitals(
    path: Path | str, *, extract_date: dt.date | None = None, user: str | None = None
) -> LoadReport:
    ensure_builtin_taxonomy()
    bundle = hospitals.read(path, extract_date=extract_date)
    return _load(bundle, path, user=user)


def import_osm(
    path: Path | str, *, extract_date: dt.date | None = None, user: str | None = None
) -> LoadReport:
    """OSM features, linked to the AFMPS pharmacies already loaded (import AFMPS first)."""
    ensure_builtin_taxonomy()
    features, label = osm.read(path)
    official_frame, official = loader.official_pharmacies()
    matches = matching.match(osm.frame(features), official_frame)
    bundle = osm.build(
        features, label, matches, official, extract_date=extract_date or osm.DEFAULT_EXTRACT_DATE
    )
    bundle.stats.update(
        {k: v for k, v in matching.describe(matches).items() if k.startswith("matched_by")}
    )
    bundle.stats["official_records"] = len(official_frame)
    if official_frame.empty:
        bundle.notes.append(
            "no AFMPS pharmacy in the database: nothing to link to (import --format afmps first)"
        )
    return _load(bundle, path, user=user)


def import_sample(path: Path | str, *, user: str | None = None) -> LoadReport:
    ensure_builtin_taxonomy()
    return _load(sample.read(path), path, user=user)


def import_hsds(
    path: Path | str, *, language: str | None = None, user: str | None = None
) -> LoadReport:
    """An HSDS datapackage; the language of its plain texts is `language`, or detected."""
    return _load(hsds.read(path, language=language), path, user=user)


def database_categories() -> list[taxonomy.Term]:
    """The categories loaded in the database (labels and synonyms), for mapping partner labels."""
    from bassins.directory.models import TaxonomyTerm

    terms = []
    for term in TaxonomyTerm.objects.filter(taxonomy_id=taxonomy.taxonomy_id(taxonomy.CATEGORIES)):
        terms.append(
            taxonomy.Term(
                term.code,
                term.name_fr,
                term.name_nl,
                term.name_en,
                tuple(s.strip() for s in term.synonyms_fr.split(";") if s.strip()),
                tuple(s.strip() for s in term.synonyms_nl.split(";") if s.strip()),
                tuple(s.strip() for s in term.synonyms_en.split(";") if s.strip()),
            )
        )
    return terms


def import_spreadsheet(
    path: Path | str, mapping: Path | str, *, user: str | None = None
) -> LoadReport:
    ensure_builtin_taxonomy()
    return _load(spreadsheet.read(path, mapping, categories=database_categories()), path, user=user)


def import_file(
    fmt: str,
    path: Path | str,
    *,
    mapping: Path | str | None = None,
    extract_date: dt.date | None = None,
    language: str | None = None,
    user: str | None = None,
    dry_run: bool = False,
    allow_deletions: bool = False,
    max_deletions: float | int = loader.DEFAULT_MAX_DELETIONS,
) -> LoadReport:
    """Import one file (see `FORMATS`) holding the import lock; `dry_run` writes nothing, deletions
    beyond `max_deletions` of the source's records are refused unless `allow_deletions`."""
    if extract_date and extract_date > dt.date.today():
        raise InputError(
            f"extract date {extract_date.isoformat()} is in the future", field="--extract-date"
        )
    options = {
        "dry_run": dry_run,
        "allow_deletions": allow_deletions,
        "max_deletions": max_deletions,
    }
    with lock.import_lock(), _options(options), transaction.atomic():
        report = _import_file(
            fmt, path, mapping=mapping, extract_date=extract_date, language=language, user=user
        )
        if dry_run:  # the built-in taxonomy a dry run may have added goes too
            transaction.set_rollback(True)
        return report


class _options:
    """Set `_OPTIONS` for the block (restored after: `load_all` nests `import_file`)."""

    def __init__(self, options: dict):
        self.options, self.saved = options, {}

    def __enter__(self):
        self.saved = dict(_OPTIONS)
        _OPTIONS.clear()
        _OPTIONS.update(self.options)

    def __exit__(self, *exc):
        _OPTIONS.clear()
        _OPTIONS.update(self.saved)


def _import_file(
    fmt: str,
    path: Path | str,
    *,
    mapping: Path | str | None,
    extract_date: dt.date | None,
    language: str | None,
    user: str | None,
) -> LoadReport:
    if fmt not in FORMATS:
        raise InputError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    if not Path(path).exists():
        raise InputError("no such file or directory", source=str(path))
    if fmt == "spreadsheet":
        if not mapping:
            raise InputError("--mapping FILE is required with --format spreadsheet")
        return import_spreadsheet(path, mapping, user=user)
    if mapping:
        raise InputError("--mapping only applies to --format spreadsheet")
    if fmt == "hsds":
        return import_hsds(path, language=language, user=user)
    if fmt == "sample":
        return import_sample(path, user=user)
    if fmt == "taxonomy":
        return import_taxonomy(path, user=user)
    function = {"afmps": import_afmps, "hospitals": import_hospitals, "osm": import_osm}[fmt]
    return function(path, extract_date=extract_date, user=user)


def load_all(
    *,
    user: str | None = None,
    dry_run: bool = False,
    allow_deletions: bool = False,
    max_deletions: float | int = loader.DEFAULT_MAX_DELETIONS,
) -> list[LoadReport]:
    """Every source present in the data directory: taxonomy, AFMPS, hospitals, OSM (linked), sample.

    One lock for the whole load; each source is guarded against mass deletions as in `import_file`.
    A dry run reports each source against the database as it is (the OSM links are computed against
    the AFMPS records already loaded)."""
    with lock.import_lock():
        return _load_all(
            user=user,
            dry_run=dry_run,
            allow_deletions=allow_deletions,
            max_deletions=max_deletions,
        )


def _load_all(*, user, dry_run, allow_deletions, max_deletions) -> list[LoadReport]:
    reports = []
    found = {name: data_file(relative, required=False) for name, relative in DATA_FILES.items()}
    if not any(found.values()):
        raise DataFileMissingError(
            "no directory source file in the data directory (services/*.csv, *.geojson)"
        )
    for name in ("taxonomy", "afmps", "hospitals", "osm", "sample"):
        if found[name] is not None:
            reports.append(
                import_file(
                    name,
                    found[name],
                    user=user,
                    dry_run=dry_run,
                    allow_deletions=allow_deletions,
                    max_deletions=max_deletions,
                )
            )
    return reports
