"""`bassins directory ...`: load, import, export, check the directory of services.

bassins directory load                       every source of the data directory (taxonomy, AFMPS,
                                             hospitals, OSM linked to AFMPS, sample directory)
bassins directory import --format F PATH     F: afmps, hospitals, osm, sample, hsds, spreadsheet, taxonomy
                         [--mapping FILE]    (spreadsheet: the JSON mapping, e.g. mappings/bruxelles_social.json)
  load and import: [--dry-run] show what would be created, changed and deleted, write nothing;
                   [--allow-deletions | --max-deletions 10%|N] an import deleting more than 10 % of
                   a source's records is refused unless allowed (a header-only or truncated file)
bassins directory export --format hsds --out DIR
bassins directory quality [--csv FILE]       report (summary here, every issue in the CSV; '-' = stdout)
bassins directory duplicates [--csv FILE]    refresh the review queue of suspected duplicates
bassins directory validate DIR [--schema-dir DIR]   check a datapackage: this profile, its references
                                             and the official HSDS 3.1 JSON schemas (data directory's
                                             standards/hsds-3.1/schema); exit status 2 on any problem
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser

from bassins.errors import InputError


def _date(text: str) -> dt.date:
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"not a date (YYYY-MM-DD): {text!r}", field="--extract-date") from None
    if date > dt.date.today():
        raise InputError(f"{text} is in the future", field="--extract-date")
    return date


def _guard_options(parser) -> None:
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="show what would be created, changed and deleted; write nothing",
    )
    parser.add_argument(
        "--allow-deletions",
        action="store_true",
        help="accept an import that deletes many of a source's records",
    )
    parser.add_argument(
        "--max-deletions",
        default="10%",
        help="share (10%%) or count (25) of a source's records an import may delete (default 10%%)",
    )


def _writable_folder(path: Path, what: str) -> None:
    """A clear error when `path` (a folder to write into) cannot be used."""
    if path.exists() and not path.is_dir():
        raise InputError(f"exists and is not a folder ({what})", source=str(path))
    folder = path if path.exists() else path.parent
    if not folder.is_dir():
        raise InputError(f"folder {folder} does not exist ({what})", source=str(path))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"folder {folder} is not writable ({what})", source=str(path))


class Command(BaseCommand):
    help = (
        "The directory of services (HSDS 3.1): load, import, export, quality, duplicates, validate."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser(
            "load", help="load every directory source found in the data directory"
        )
        load.add_argument(
            "--no-duplicates", action="store_true", help="do not refresh the duplicate queue"
        )
        _guard_options(load)
        imp = sub.add_parser("import", help="import one file or datapackage")
        imp.add_argument(
            "--format",
            required=True,
            choices=["afmps", "hospitals", "osm", "sample", "hsds", "spreadsheet", "taxonomy"],
        )
        imp.add_argument("path")
        imp.add_argument("--mapping", help="JSON mapping file (spreadsheet format)")
        imp.add_argument("--extract-date", help="date of the source extract (YYYY-MM-DD)")
        imp.add_argument(
            "--language",
            default=None,
            choices=["fr", "nl", "en"],
            help="language of plain HSDS texts (hsds format; detected when not given)",
        )
        _guard_options(imp)
        exp = sub.add_parser("export", help="export the directory")
        exp.add_argument("--format", required=True, choices=["hsds"])
        exp.add_argument("--out", required=True, help="directory to write the datapackage into")
        qual = sub.add_parser("quality", help="quality report")
        qual.add_argument(
            "--csv", help="write every issue to this CSV file ('-' for standard output)"
        )
        dup = sub.add_parser("duplicates", help="refresh and show the suspected duplicates")
        dup.add_argument("--csv", help="write the pairs to this CSV file ('-' for standard output)")
        val = sub.add_parser("validate", help="validate an HSDS datapackage")
        val.add_argument("path")
        val.add_argument(
            "--schema-dir",
            help="the schema/ folder of the official HSDS 3.1 specification "
            "(default: standards/hsds-3.1/schema in the data directory)",
        )

    def handle(self, *args, **options):
        action = options["action"]
        getattr(self, f"do_{action}")(options)

    # -- actions -----------------------------------------------------------------------------------

    def report(self, report) -> None:
        for line in report.lines():
            self.stdout.write(line)

    def guard(self, options) -> dict:
        from bassins.directory import loader

        return {
            "dry_run": options["dry_run"],
            "allow_deletions": options["allow_deletions"],
            "max_deletions": loader.parse_max_deletions(options["max_deletions"]),
        }

    def do_load(self, options) -> None:
        from bassins.directory import lock

        with lock.import_lock():  # the duplicate queue is refreshed under the same lock
            self._load(options)

    def _load(self, options) -> None:
        from bassins.directory import importers, reports
        from bassins.directory.models import Service

        guard = self.guard(options)
        for report in importers.load_all(**guard):
            self.report(report)
        if guard["dry_run"]:
            return
        self.stdout.write("directory now holds:")
        for source, label in (
            ("afmps", "pharmacies (AFMPS)"),
            ("hospitals", "hospital sites"),
            ("osm", "OSM pharmacies not in the AFMPS register"),
            ("directory_sample", "sample directory services"),
        ):
            services = Service.objects.filter(source=source)
            closed = services.filter(status="temporarily closed").count()
            extra = f" ({closed} temporarily closed)" if closed else ""
            self.stdout.write(f"  {services.count()} {label}{extra}")
        if not options["no_duplicates"]:
            counts = reports.refresh_queue()
            self.stdout.write("duplicates: " + ", ".join(f"{k} {v}" for k, v in counts.items()))

    def do_import(self, options) -> None:
        from bassins.directory import importers

        extract_date = _date(options["extract_date"]) if options.get("extract_date") else None
        report = importers.import_file(
            options["format"],
            options["path"],
            mapping=options.get("mapping"),
            extract_date=extract_date,
            language=options["language"],
            **self.guard(options),
        )
        self.report(report)

    def do_export(self, options) -> None:
        from bassins.directory import store

        out = Path(options["out"])
        _writable_folder(out, "--out")
        try:
            counts = store.export_hsds(out)
        except OSError as error:
            raise InputError(
                f"cannot write the export: {error.strerror}", source=str(out)
            ) from None
        self.stdout.write(
            f"HSDS 3.1 datapackage written to {out}: "
            + ", ".join(f"{table} {count}" for table, count in counts.items() if count)
        )

    def do_quality(self, options) -> None:
        from bassins.directory import quality, reports

        issues = reports.quality_issues()
        table = quality.summary(issues)
        self.stdout.write(f"{len(issues)} issues")
        self.stdout.write(table.to_string(index=False) if not table.empty else "no issue")
        self._write_csv(options.get("csv"), quality.to_csv(issues, columns=quality.COLUMNS))

    def do_duplicates(self, options) -> None:
        from bassins.directory import quality, reports

        found = reports.find_duplicates()
        counts = reports.refresh_queue(found)
        self.stdout.write(", ".join(f"{k} {v}" for k, v in counts.items()))
        for row in found.head(20).itertuples(index=False):
            self.stdout.write(
                f"  {row.score:5.1f}  {row.left_source}: {row.left_name}  ~  "
                f"{row.right_source}: {row.right_name}  ({row.reason})"
            )
        self._write_csv(options.get("csv"), quality.to_csv(found))

    def do_validate(self, options) -> None:
        from bassins.directory.sources import hsds

        path = options["path"]
        bundle = hsds.read(path, language="fr")
        self.stdout.write(
            f"{path}: fits the bassins HSDS 3.1 profile ("
            + ", ".join(f"{t} {n}" for t, n in bundle.stats.items())
            + ")"
        )
        for note in bundle.notes:
            if not note.startswith("language of the plain texts"):
                self.stdout.write(f"  note: {note}")
        failures = 0
        for title, problems in (
            ("references", hsds.check_references(path, limit=200)),
            (
                "official HSDS 3.1 schemas",
                hsds.validate_official(path, options.get("schema_dir"), limit=200),
            ),
        ):
            failures += len(problems)
            more = " (first 200)" if len(problems) >= 200 else ""
            self.stdout.write(f"{title}: {len(problems)} problem(s){more}")
            for problem in problems:
                self.stdout.write(f"  {problem}")
        if failures:
            raise InputError(f"{failures} problem(s) found (listed above)", source=str(path))

    def _write_csv(self, target: str | None, text: str) -> None:
        if not target:
            return
        if target == "-":
            sys.stdout.write(text)
            return
        path = Path(target)
        if path.is_dir():
            raise InputError("is a folder, not a file (--csv)", source=target)
        if not path.parent.is_dir():
            raise InputError(f"folder {path.parent} does not exist (--csv)", source=target)
        try:
            path.write_text(text, encoding="utf-8")
        except OSError as error:
            raise InputError(f"cannot write: {error.strerror}", source=target) from None
        self.stdout.write(f"written: {target}")
