"""Field-level history of edits made by people (admin) — who, when, field, before, after — as HSDS metadata.

Imports write their own history (bassins.directory.loader); this module serves the admin: `snapshot`
before a save, `record_changes` after it, `record_deletion`, and `mark_verified` (the steward's
"verified" action, itself recorded).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from bassins.directory import profile
from bassins.directory.models import MODELS, Metadata, field_attname

TABLE_OF = {model: table for table, model in MODELS.items()}


def table_of(obj) -> str | None:
    return TABLE_OF.get(type(obj))


def snapshot(obj) -> dict | None:
    """The stored values of `obj` (profile fields, normalised), or None when it is not stored yet."""
    table = table_of(obj)
    if table is None or obj.pk is None:
        return None
    spec = profile.TABLE[table]
    names = spec.internal_fields()
    values = (
        type(obj)
        .objects.filter(pk=obj.pk)
        .values(*[field_attname(table, n) for n in names])
        .first()
    )
    if values is None:
        return None
    return {
        name: profile.normalise(spec.kinds[name], values[field_attname(table, name)])
        for name in names
    }


def current(obj) -> dict:
    table = table_of(obj)
    spec = profile.TABLE[table]
    return {
        name: profile.normalise(spec.kinds[name], getattr(obj, field_attname(table, name)))
        for name in spec.internal_fields()
    }


def record_changes(obj, before: dict | None, user: str, *, when=None) -> list[Metadata]:
    """Metadata rows for what changed between `before` (None: a creation) and `obj` as it is now."""
    table = table_of(obj)
    if table is None:
        return []
    when = when or timezone.now()
    kinds = profile.TABLE[table].kinds
    after = current(obj)
    rows = []
    if before is None:
        rows.append(
            Metadata(
                resource_id=obj.pk,
                resource_type=table,
                last_action_date=when,
                last_action_type="create",
                field_name="",
                previous_value="",
                replacement_value=str(obj)[:500],
                updated_by=user,
            )
        )
        for name, value in after.items():
            if name != "id" and value not in (None, ""):
                rows.append(
                    Metadata(
                        resource_id=obj.pk,
                        resource_type=table,
                        last_action_date=when,
                        last_action_type="create",
                        field_name=name,
                        previous_value="",
                        replacement_value=profile.to_csv_value(kinds[name], value),
                        updated_by=user,
                    )
                )
    else:
        for name, value in after.items():
            if name != "id" and before.get(name) != value:
                rows.append(
                    Metadata(
                        resource_id=obj.pk,
                        resource_type=table,
                        last_action_date=when,
                        last_action_type="update",
                        field_name=name,
                        previous_value=profile.to_csv_value(kinds[name], before.get(name)),
                        replacement_value=profile.to_csv_value(kinds[name], value),
                        updated_by=user,
                    )
                )
    Metadata.objects.bulk_create(rows)
    return rows


def record_deletion(obj, user: str) -> None:
    table = table_of(obj)
    if table is None:
        return
    Metadata.objects.create(
        resource_id=obj.pk,
        resource_type=table,
        last_action_date=timezone.now(),
        last_action_type="delete",
        field_name="",
        previous_value=str(obj)[:500],
        replacement_value="",
        updated_by=user,
    )


@transaction.atomic
def mark_verified(queryset, user: str) -> int:
    """Set assured_date to today and verified_by to `user` on every record of `queryset`; recorded."""
    today = timezone.localdate()
    count = 0
    for obj in queryset:
        before = snapshot(obj)
        obj.assured_date = today
        obj.verified_by = user
        obj.save(update_fields=["assured_date", "verified_by"])
        record_changes(obj, before, user)
        count += 1
    return count


def history_of(*ids) -> list[Metadata]:
    return list(
        Metadata.objects.filter(resource_id__in=[i for i in ids if i]).order_by(
            "-last_action_date", "resource_type", "field_name"
        )
    )
