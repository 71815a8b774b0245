"""Reading the directory out of the database in the profile's internal form (for exports and frames)."""

from __future__ import annotations

from bassins.directory import profile
from bassins.directory.models import MODELS, field_attname


def table_rows(table: str) -> list[dict]:
    """Every row of `table` as internal rows (profile field names, normalised typed values), by id."""
    spec = profile.TABLE[table]
    names = spec.internal_fields()
    kinds = spec.kinds
    attnames = [field_attname(table, name) for name in names]
    rows = []
    for values in MODELS[table].objects.order_by("pk").values(*attnames):
        rows.append(
            {
                name: profile.normalise(kinds[name], values[attname])
                for name, attname in zip(names, attnames, strict=False)
            }
        )
    rows.sort(key=lambda row: str(row["id"]))
    return rows


def database_tables() -> dict[str, list[dict]]:
    """Every table of the HSDS profile as stored: table name -> rows."""
    return {spec.name: table_rows(spec.name) for spec in profile.TABLES}


def export_hsds(directory, *, name: str = "bassins-directory") -> dict[str, int]:
    """Write the whole directory as an HSDS 3.1 datapackage (byte-identical for identical content)."""
    from bassins.directory.sources import hsds

    return hsds.write(database_tables(), directory, name=name)
