"""Writing a Bundle into the database: checked first, then in one transaction, idempotently.

`load(bundle)`:
1. checks the bundle against the database without writing: every reference (organization, location,
   taxonomy term...) points to a row of the bundle or of the database, every text fits its column;
2. places the bundle's locations in the territories (bassins.territory.store: `locate_points` for
   points, `locate_addresses` for postcode/commune) and fills their territory codes, precision and
   "inside the region" flag; when the territories are not loaded, codes are left as given and a note says so;
3. in one transaction: creates the rows that are new, updates the rows that changed (one metadata row
   per changed field: who, when, before, after), leaves identical rows untouched, deletes the rows of
   the import's scope (its source, and key prefix) that the bundle no longer has, and records an
   ImportRun. Any error rolls everything back.

What cannot happen:
* a source overwriting another's record: a row whose id is a record of another source (an HSDS
  package or a spreadsheet reusing the id of an AFMPS pharmacy) is refused by name (`OwnershipError`);
  only the records of the import's own source are changed;
* a truncated, filtered or header-only file emptying a source: when the deletions would remove more
  than `DEFAULT_MAX_DELETIONS` (10 %) of the source's services, locations, organizations or taxonomy
  terms, the import is refused (`DeletionRefusedError`, with what would go) unless the caller allows
  it (`allow_deletions`, or a larger `max_deletions`: a share such as 0.5 or a count such as 25);
* a deletion going unreported: the report lists, beside the deleted records, the rows that go with
  them (phones, schedules, services at location...) and the records of other sources attached to them
  (OSM matches, phones and opening hours linked to an AFMPS pharmacy);
* data of another source lost on re-import: the rows other sources attached to a record are kept
  when the record is updated (a record keeps its id; only the rows of the import's scope are deleted).

`dry_run=True` does all of it (checks, placing, the same writes) inside a transaction that is rolled
back: the report says exactly what an import would create, change and delete, nothing is kept.

Loading the same bundle twice changes nothing the second time (the identifiers are stable, the values
identical): no row written, no history added (only the ImportRun log line).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone

from bassins.codes import BASSIN, COMMUNE, MONITORING, NONE, POINT, QSS, SECTOR, SUBMUNICIPALITY
from bassins.directory import profile
from bassins.directory.bundle import Bundle
from bassins.directory.models import MODELS, Attribute, ImportRun, Location, Metadata, field_attname
from bassins.directory.text import split_street
from bassins.errors import DataNotLoadedError, InputError

BATCH = 500
TERRITORY_FIELDS = (SECTOR, SUBMUNICIPALITY, COMMUNE, MONITORING, BASSIN, QSS)
#: Share of a source's records an import may delete without being told it may (see the docstring).
DEFAULT_MAX_DELETIONS = 0.10
#: The tables whose deletions the threshold counts (the records a user knows a source by).
GUARDED_TABLES = ("service", "location", "organization", "taxonomy_term")
#: Tables of which the report shows a few records by name (created, changed, deleted).
EXAMPLE_TABLES = ("service", "location", "organization")
EXAMPLES = 5


class DeletionRefusedError(InputError):
    """The file would delete more of a source's records than allowed (header-only, truncated...)."""


class OwnershipError(InputError):
    """A row of the file is a record of another source."""


def parse_max_deletions(text: str) -> float | int:
    """`--max-deletions` text -> a share (\"10%\" -> 0.1) or a count (\"25\" -> 25)."""
    value = text.strip()
    try:
        if value.endswith("%"):
            share = float(value[:-1]) / 100
            if not 0 <= share <= 1:
                raise ValueError
            return share
        count = int(value)
        if count < 0:
            raise ValueError
        return count
    except ValueError:
        raise InputError(
            f"not a share (e.g. 10%) nor a count (e.g. 25): {text!r}", field="--max-deletions"
        ) from None


def deletions_allowed(existing: int, max_deletions: float | int) -> int:
    """How many of `existing` records may go: a float is a share, an int a count."""
    if isinstance(max_deletions, float):
        return int(existing * max_deletions + 1e-9)
    return int(max_deletions)


@dataclass
class LoadReport:
    source: str
    label: str
    records: int = 0
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    history: int = 0
    excluded: dict[str, int] = field(default_factory=dict)
    stats: dict = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    located: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False
    #: rows deleted with the deleted records, "table (source)" -> count (cascades, linked attributes)
    with_deleted: dict[str, int] = field(default_factory=dict)
    #: a few records by name: "created" / "updated" / "deleted" -> lines
    examples: dict[str, list[str]] = field(default_factory=dict)
    #: why the import would be refused (dry run only)
    refusal: str = ""

    @property
    def changed(self) -> bool:
        return (
            any(self.created.values()) or any(self.updated.values()) or any(self.deleted.values())
        )

    def lines(self) -> list[str]:
        def fmt(counts):
            return ", ".join(f"{name} {count}" for name, count in counts.items() if count) or "none"

        would = "would be " if self.dry_run else ""
        lines = [
            f"{self.source}: {self.records} records read from {self.label} in {self.seconds:.1f} s"
            + (" (dry run: nothing written)" if self.dry_run else ""),
            f"  {would}created: {fmt(self.created)}",
            f"  {would}updated: {fmt(self.updated)}",
            f"  {would}deleted: {fmt(self.deleted)}",
        ]
        if self.with_deleted:
            lines.append(f"  {would}deleted with them: {fmt(self.with_deleted)}")
        lines.append(f"  unchanged: {sum(self.unchanged.values())} rows")
        for kind in ("created", "updated", "deleted") if self.dry_run else ("deleted",):
            for example in self.examples.get(kind, []):
                lines.append(f"    {kind}: {example}")
        if self.refusal:
            lines.append(f"  REFUSED without --allow-deletions: {self.refusal}")
        if self.stats:
            lines.append("  " + ", ".join(f"{k} {v}" for k, v in self.stats.items()))
        if self.located:
            lines.append("  located: " + ", ".join(f"{k} {v}" for k, v in self.located.items()))
        for reason, count in self.excluded.items():
            lines.append(f"  not loaded as separate records: {count} ({reason})")
        lines.extend(f"  note: {note}" for note in self.notes[:20])
        if len(self.notes) > 20:
            lines.append(f"  ... and {len(self.notes) - 20} more notes")
        return lines


def file_digest(path: Path | str) -> str:
    path = Path(path)
    digest = hashlib.sha256()
    if path.is_dir():
        for child in sorted(path.iterdir()):
            if child.is_file():
                digest.update(child.name.encode())
                digest.update(child.read_bytes())
    elif path.exists():
        digest.update(path.read_bytes())
    return digest.hexdigest()


# --- checks -----------------------------------------------------------------------------------------


def _chunks(items: list, size: int = BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def existing_ids(model, ids) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(sorted(set(ids))):
        found.update(
            str(pk) for pk in model.objects.filter(pk__in=chunk).values_list("pk", flat=True)
        )
    return found


def check(bundle: Bundle) -> None:
    """References and text lengths, against the bundle and the database; raises InputError."""
    for spec in profile.TABLES:
        rows = bundle.tables[spec.name]
        if not rows:
            continue
        model = MODELS[spec.name]
        limits = {
            f.attname: f.max_length
            for f in model._meta.concrete_fields
            if getattr(f, "max_length", None)
        }
        for f in spec.fields:
            if f.kind in ("string",) or f.translated:
                for name in f.internal_names():
                    limit = limits.get(field_attname(spec.name, name))
                    if not limit:
                        continue
                    for row in rows.values():
                        value = row.get(name) or ""
                        if len(value) > limit:
                            raise InputError(
                                f"{spec.name} {row['id']}: value of {len(value)} characters, at most "
                                f"{limit} fit ({str(row.get('source_key') or '')[:40]})",
                                source=bundle.label,
                                field=name,
                            )
        for f in spec.fields:
            if not f.ref:
                continue
            wanted = {row[f.name] for row in rows.values() if row.get(f.name)}
            missing = (
                wanted
                - set(bundle.tables[f.ref])
                - existing_ids(MODELS[f.ref], wanted - set(bundle.tables[f.ref]))
            )
            if missing:
                example = sorted(missing)[0]
                culprit = next(row for row in rows.values() if row.get(f.name) == example)
                hint = (
                    " (load the taxonomy first: `bassins directory import --format taxonomy`)"
                    if f.ref == "taxonomy_term"
                    else ""
                )
                raise InputError(
                    f"{spec.name} {culprit['id']} refers to {f.ref} {example}, which is neither in "
                    f"the file nor in the database{hint}",
                    source=bundle.label,
                    field=f.name,
                )
        if spec.name == "attribute":
            _check_attribute_links(bundle, rows)
        for f in spec.fields:
            if f.required and f.kind == "uuid":
                for row in rows.values():
                    if not row.get(f.name):
                        raise InputError(
                            f"{spec.name} {row['id']}: {f.name} is required",
                            source=bundle.label,
                            field=f.name,
                        )


def _check_attribute_links(bundle: Bundle, rows: dict[str, dict]) -> None:
    by_entity: dict[str, set[str]] = {}
    for row in rows.values():
        by_entity.setdefault(row["link_entity"], set()).add(row["link_id"])
    for entity, ids in by_entity.items():
        if entity not in MODELS or entity == "metadata":
            raise InputError(
                f"attribute link_entity {entity[:40]!r} is not an HSDS table",
                source=bundle.label,
                field="link_entity",
            )
        missing = (
            ids
            - set(bundle.tables[entity])
            - existing_ids(MODELS[entity], ids - set(bundle.tables[entity]))
        )
        if missing:
            raise InputError(
                f"attribute linked to {entity} {sorted(missing)[0]}, which is neither in the file nor "
                f"in the database",
                source=bundle.label,
                field="link_id",
            )


# --- territories ------------------------------------------------------------------------------------


def locate_bundle(bundle: Bundle) -> dict[str, int]:
    """Fill territory codes, precision and inside_region of the bundle's locations."""
    from bassins.territory import store as territory_store

    locations = bundle.tables["location"]
    if not locations:
        return {}
    counts: dict[str, int] = {}
    points = [
        row
        for row in locations.values()
        if row["latitude"] is not None and row["longitude"] is not None
    ]
    point_ids = {row["id"] for row in points}
    others = [
        row
        for row in locations.values()
        if row["id"] not in point_ids and row["location_type"] != "virtual"
    ]
    try:
        if points:
            found = territory_store.locate_points(
                [r["longitude"] for r in points], [r["latitude"] for r in points], crs="EPSG:4326"
            )
            for row, codes in zip(points, found.to_dict("records"), strict=False):
                for name in TERRITORY_FIELDS:
                    row[name] = codes.get(name) or ""
                row["inside_region"] = bool(codes.get("inside"))
                row["precision"] = POINT
            counts[POINT] = len(points)
            counts["outside_region"] = sum(not r["inside_region"] for r in points)
        if others:
            postcodes, communes, streets, numbers = _address_keys(bundle, others)
            # street + number + postcode: an official address point when one is loaded (BeST)
            found = territory_store.locate_addresses(postcodes, communes, streets, numbers)
            for row, codes in zip(others, found.to_dict("records"), strict=False):
                for name in TERRITORY_FIELDS:
                    row[name] = codes.get(name) or ""
                row["precision"] = codes.get("precision") or NONE
                row["inside_region"] = codes.get("inside")
                counts[row["precision"]] = counts.get(row["precision"], 0) + 1
            # why a street address is not at point precision (the precision report says it)
            full = [
                bool(p and st and n) for p, st, n in zip(postcodes, streets, numbers, strict=True)
            ]
            coarse = [
                f and codes["precision"] != POINT
                for f, codes in zip(full, found.to_dict("records"), strict=True)
            ]
            if any(coarse):
                no_file = any("no address file loaded" in (n or "") for n in found["note"])
                reason = (
                    "no address file loaded: placed by postcode"
                    if no_file
                    else "street address not in the address file"
                )
                counts[reason] = sum(coarse)
    except DataNotLoadedError as error:
        bundle.notes.append(f"territory codes not computed: {error}")
        return {}
    for row in locations.values():
        if row["location_type"] == "virtual":
            for name in TERRITORY_FIELDS:
                row[name] = ""
            row["precision"] = NONE
            row["inside_region"] = None
            counts[NONE] = counts.get(NONE, 0) + 1
    return counts


def _address_keys(bundle: Bundle, rows: list[dict]) -> tuple[list, list]:
    by_location: dict[str, dict] = {}
    for address in bundle.tables["address"].values():
        by_location.setdefault(address["location_id"], address)
    missing = [row["id"] for row in rows if row["id"] not in by_location]
    if missing:
        from bassins.directory.models import Address

        for address in Address.objects.filter(location_id__in=missing).values(
            "location_id", "postal_code", "city", "address_1"
        ):
            by_location.setdefault(
                str(address["location_id"]), address | {"location_id": str(address["location_id"])}
            )
    postcodes = [by_location.get(row["id"], {}).get("postal_code") or None for row in rows]
    communes = [by_location.get(row["id"], {}).get("city") or None for row in rows]
    streets, numbers = [], []
    for row in rows:
        street, number = split_street(by_location.get(row["id"], {}).get("address_1") or "")
        streets.append(street or None)
        numbers.append(number or None)
    return postcodes, communes, streets, numbers


# --- writing ----------------------------------------------------------------------------------------


def _model_kwargs(table: str, row: dict, names: list[str]) -> dict:
    return {field_attname(table, name): row[name] for name in names}


def _example(table: str, row: dict) -> str:
    name = row.get("name_fr") or row.get("name_nl") or row.get("name_en") or ""
    return f"{table} {row.get('source_key') or row['id']} {name}".strip()[:120]


def _upsert(
    bundle: Bundle,
    table: str,
    rows: dict[str, dict],
    report: LoadReport,
    history: list[Metadata],
    user: str,
    now,
) -> None:
    spec = profile.TABLE[table]
    model = MODELS[table]
    names = spec.internal_fields()
    attnames = [field_attname(table, name) for name in names]
    kinds = spec.kinds
    existing: dict[str, dict] = {}
    for chunk in _chunks(list(rows)):
        for values in model.objects.filter(pk__in=chunk).values(*attnames):
            existing[str(values["id"])] = values
    to_create, to_update = [], []
    unchanged = 0
    for row_id, row in rows.items():
        new = {name: profile.normalise(kinds[name], row.get(name)) for name in names}
        if row_id not in existing:
            to_create.append(model(**_model_kwargs(table, new, names)))
            if table in EXAMPLE_TABLES and len(report.examples.get("created", [])) < EXAMPLES:
                report.examples.setdefault("created", []).append(_example(table, new))
            continue
        old_values = existing[row_id]
        old = {
            name: profile.normalise(kinds[name], old_values[field_attname(table, name)])
            for name in names
        }
        changed = [name for name in names if name != "id" and new[name] != old[name]]
        if not changed:
            unchanged += 1
            continue
        if spec.provenance and old["source"] != bundle.source:
            raise OwnershipError(
                f"{table} {row_id} is a record of source {old['source']!r} "
                f"({_example(table, old)}): an import of {bundle.source!r} cannot change it "
                f"(fields {', '.join(changed[:5])}); give the record an id of its own",
                source=bundle.label,
                field="id",
            )
        to_update.append(model(**_model_kwargs(table, new, names)))
        if table in EXAMPLE_TABLES and len(report.examples.get("updated", [])) < EXAMPLES:
            report.examples.setdefault("updated", []).append(
                f"{_example(table, new)} ({', '.join(changed[:5])})"
            )
        if table != "metadata":
            for name in changed:
                history.append(
                    Metadata(
                        resource_id=row_id,
                        resource_type=table,
                        last_action_date=now,
                        last_action_type="update",
                        field_name=name,
                        previous_value=profile.to_csv_value(kinds[name], old[name]),
                        replacement_value=profile.to_csv_value(kinds[name], new[name]),
                        updated_by=user,
                    )
                )
    if to_create:
        model.objects.bulk_create(to_create, batch_size=BATCH)
    if to_update:
        model.objects.bulk_update(to_update, [a for a in attnames if a != "id"], batch_size=BATCH)
    report.created[table] = len(to_create)
    report.updated[table] = len(to_update)
    report.unchanged[table] = unchanged


def planned_deletions(bundle: Bundle) -> dict[str, list[str]]:
    """Per table, the ids of the scope's records the bundle no longer has (nothing deleted)."""
    gone: dict[str, list[str]] = {}
    if not bundle.delete_missing:
        return gone
    for table in profile.RESOURCE_TABLES:
        in_scope = MODELS[table].objects.filter(source=bundle.source)
        if bundle.scope:
            in_scope = in_scope.filter(source_key__startswith=bundle.scope)
        keep = bundle.tables[table]
        ids = [str(pk) for pk in in_scope.values_list("pk", flat=True) if str(pk) not in keep]
        if ids:
            gone[table] = sorted(ids)
    return gone


def scope_counts(bundle: Bundle) -> dict[str, int]:
    """Records of the import's scope in the database, per guarded table."""
    counts = {}
    for table in GUARDED_TABLES:
        in_scope = MODELS[table].objects.filter(source=bundle.source)
        if bundle.scope:
            in_scope = in_scope.filter(source_key__startswith=bundle.scope)
        counts[table] = in_scope.count()
    return counts


def row_counts() -> dict[str, int]:
    """Rows of every directory table but the history, as "table (source)" -> count."""
    from django.db.models import Count

    counts: dict[str, int] = {}
    for table in profile.LOAD_ORDER:
        if table == "metadata":
            continue
        model = MODELS[table]
        if table in profile.RESOURCE_TABLES:
            for values in model.objects.values("source").annotate(n=Count("pk")).order_by():
                counts[f"{table} ({values['source'] or 'no source'})"] = values["n"]
        else:
            counts[f"{table} (no source)"] = model.objects.count()
    return counts


def going_with(before: dict[str, int], after: dict[str, int], own: dict[str, int]) -> dict:
    """Rows gone between `before` and `after` besides the import's own deleted records (`own`,
    "table (source)" -> count): cascades (phones, schedules... of any source), linked attributes."""
    gone = {key: count - after.get(key, 0) for key, count in before.items()}
    for key, count in own.items():
        gone[key] = gone.get(key, 0) - count
    return {key: count for key, count in sorted(gone.items()) if count > 0}


def guard_deletions(
    bundle: Bundle, gone: dict[str, list[str]], before: dict[str, int], max_deletions: float | int
) -> str:
    """Why the deletions exceed `max_deletions` ('' when they do not)."""
    for table in GUARDED_TABLES:
        count, existing = len(gone.get(table, [])), before.get(table, 0)
        if not count or count <= deletions_allowed(existing, max_deletions):
            continue
        limit = f"{max_deletions:.0%}" if isinstance(max_deletions, float) else str(max_deletions)
        return (
            f"this file would delete {count} of the {existing} {table} records of source "
            f"{bundle.source!r}{f' ({bundle.scope}*)' if bundle.scope else ''} "
            f"({count / existing:.0%}, more than the {limit} allowed)"
        )
    return ""


def _delete_missing(
    bundle: Bundle,
    gone: dict[str, list[str]],
    report: LoadReport,
    history: list[Metadata],
    user: str,
    now,
) -> None:
    for table in reversed(profile.RESOURCE_TABLES):
        model = MODELS[table]
        ids = gone.get(table, [])
        for chunk in _chunks(ids):
            records = list(model.objects.filter(pk__in=chunk))
            for record in records:
                if table in EXAMPLE_TABLES and len(report.examples.get("deleted", [])) < EXAMPLES:
                    report.examples.setdefault("deleted", []).append(
                        f"{table} {record.source_key} {record}"[:120]
                    )
                history.append(
                    Metadata(
                        resource_id=record.pk,
                        resource_type=table,
                        last_action_date=now,
                        last_action_type="delete",
                        field_name="",
                        previous_value=str(record)[:500],
                        replacement_value="",
                        updated_by=user,
                    )
                )
            try:
                model.objects.filter(pk__in=chunk).delete()
            except (ProtectedError, RestrictedError) as error:
                blocking = next(
                    iter(getattr(error, "protected_objects", None) or error.restricted_objects)
                )
                raise InputError(
                    f"cannot remove {table} records that are no longer in the file: "
                    f"{type(blocking).__name__} {blocking} (another source) still uses them",
                    source=bundle.label,
                ) from None
        report.deleted[table] = len(ids)


def remove_orphan_attributes() -> int:
    """Attributes whose linked record (organization, service, location...) no longer exists."""
    removed = 0
    for entity in Attribute.objects.values_list("link_entity", flat=True).distinct():
        model = MODELS.get(entity)
        if model is None:
            continue
        ids = set(Attribute.objects.filter(link_entity=entity).values_list("link_id", flat=True))
        alive = set()
        for chunk in _chunks(sorted(ids, key=str)):
            alive.update(model.objects.filter(pk__in=chunk).values_list("pk", flat=True))
        dead = [pk for pk in ids if pk not in alive]
        for chunk in _chunks(dead):
            removed += Attribute.objects.filter(link_entity=entity, link_id__in=chunk).delete()[0]
    return removed


def _refusal_message(bundle: Bundle, refusal: str, report: LoadReport) -> str:
    attached = ", ".join(f"{k} {v}" for k, v in report.with_deleted.items())
    return (
        f"{bundle.label}: refused, nothing changed: {refusal}"
        + (f"; with them would go {attached}" if attached else "")
        + f". {bundle.records} records read: is the file complete (not header-only, truncated or "
        "filtered)? To accept, run again with --dry-run to see the deletions, then with "
        "--allow-deletions or a larger --max-deletions"
    )


class _DryRun(Exception):
    """Raised inside the transaction of a dry run to roll it back."""


def load(
    bundle: Bundle,
    *,
    user: str | None = None,
    locate: bool = True,
    sha256: str = "",
    dry_run: bool = False,
    allow_deletions: bool = False,
    max_deletions: float | int = DEFAULT_MAX_DELETIONS,
) -> LoadReport:
    """Check, place and write `bundle` (see the module's docstring)."""
    started = time.perf_counter()
    user = user or f"import:{bundle.source}"
    report = LoadReport(
        source=bundle.source,
        label=bundle.label,
        records=bundle.records,
        excluded=bundle.exclusion_summary(),
        stats=dict(bundle.stats),
        dry_run=dry_run,
    )
    if bundle.extract_date and bundle.extract_date > dt.date.today():
        raise InputError(
            f"extract date {bundle.extract_date.isoformat()} is in the future",
            source=bundle.label,
            field="extract_date",
        )
    check(bundle)
    gone = planned_deletions(bundle)
    refusal = (
        ""
        if allow_deletions or not gone
        else guard_deletions(bundle, gone, scope_counts(bundle), max_deletions)
    )
    report.refusal = refusal
    if locate:
        report.located = locate_bundle(bundle)
    now = timezone.now()
    history: list[Metadata] = []
    try:
        with transaction.atomic():
            for table in profile.LOAD_ORDER:
                if bundle.tables[table]:
                    _upsert(bundle, table, bundle.tables[table], report, history, user, now)
            if gone:
                before = row_counts()
                _delete_missing(bundle, gone, report, history, user, now)
                remove_orphan_attributes()  # (counted in with_deleted, by source)
                own = {f"{t} ({bundle.source})": len(ids) for t, ids in gone.items()}
                report.with_deleted = going_with(before, row_counts(), own)
                if refusal and not dry_run:
                    raise DeletionRefusedError(_refusal_message(bundle, refusal, report))
            Metadata.objects.bulk_create(history, batch_size=BATCH)
            report.history = len(history)
            report.notes = list(bundle.notes)
            report.seconds = time.perf_counter() - started
            if dry_run:
                raise _DryRun
            ImportRun.objects.create(
                source=bundle.source,
                label=bundle.label[:500],
                sha256=sha256,
                extract_date=bundle.extract_date,
                seconds=report.seconds,
                user=user,
                records=bundle.records,
                counts={
                    "created": report.created,
                    "updated": report.updated,
                    "deleted": report.deleted,
                    "deleted_with_them": report.with_deleted,
                },
                stats=_jsonable(report.stats | {"located": report.located}),
                excluded=report.excluded,
                notes=report.notes[:200],
            )
    except _DryRun:
        pass
    except IntegrityError as error:
        raise InputError(f"the database refused the data: {error}", source=bundle.label) from None
    except OperationalError as error:
        if "locked" in str(error).lower():
            raise InputError(
                "the database is busy (another import or an edit is writing): nothing was "
                "changed; run this import again",
                source=bundle.label,
            ) from None
        raise
    return report


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def official_pharmacies() -> tuple[pd.DataFrame, dict[str, dict]]:
    """The AFMPS pharmacies the OSM matcher links to: a frame (location_id, name, lon, lat) and, per
    location, its service-at-location id and whether it already has a phone."""
    from bassins.directory.models import Phone, ServiceAtLocation

    rows = list(
        Location.objects.filter(source="afmps", latitude__isnull=False).values(
            "id", "name_fr", "longitude", "latitude"
        )
    )
    frame = pd.DataFrame(
        [
            {
                "location_id": str(r["id"]),
                "name": r["name_fr"],
                "lon": r["longitude"],
                "lat": r["latitude"],
            }
            for r in rows
        ],
        columns=["location_id", "name", "lon", "lat"],
    )
    sals = {
        str(loc): str(pk)
        for pk, loc in ServiceAtLocation.objects.filter(location__source="afmps").values_list(
            "pk", "location_id"
        )
    }
    with_phone = set()
    for _sal_id, location_id in (
        ServiceAtLocation.objects.filter(location__source="afmps", phones__isnull=False)
        .exclude(phones__source="osm")
        .values_list("pk", "location_id")
    ):
        with_phone.add(str(location_id))
    official = {
        location_id: {"service_at_location_id": sal, "has_phone": location_id in with_phone}
        for location_id, sal in sals.items()
    }
    _ = Phone  # (phones are read through the relation above)
    return frame, official
