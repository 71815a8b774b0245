"""Helpers shared by the directory tests (not fixtures)."""

from __future__ import annotations

import csv
import io

from bassins.config import data_file


def real_afmps_bytes() -> bytes:
    return data_file("services/afmps_pharmacies_bxl_2022.csv").read_bytes()


def broken(data: bytes, row: int, column: str, value: str) -> bytes:
    """The CSV `data` with `column` of data row `row` (1 = first row after the header) set to `value`."""
    lines = data.decode("utf-8").splitlines(keepends=True)
    header = next(csv.reader(io.StringIO(lines[0])))
    fields = next(csv.reader(io.StringIO(lines[row])))
    fields[header.index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(fields)
    lines[row] = out.getvalue()
    return "".join(lines).encode("utf-8")


def wipe_directory() -> None:
    """Delete every directory record (an empty directory; the territories are kept)."""
    from bassins.directory import profile
    from bassins.directory.models import MODELS, DuplicateCandidate, ImportRun, TaxonomyTerm

    TaxonomyTerm.objects.update(parent=None)
    DuplicateCandidate.objects.all().delete()
    ImportRun.objects.all().delete()
    for table in reversed(profile.LOAD_ORDER):
        MODELS[table].objects.all().delete()
