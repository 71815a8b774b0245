"""`bassins indicators load | load-tidy FILE [--definitions DEFS] | export --layer L --format csv | show`."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Needs indicators: load the data directory's sources or a tidy CSV, export, show."

    def add_arguments(self, parser):
        verbs = parser.add_subparsers(
            dest="verb", required=True, metavar="{load,load-tidy,export,show}"
        )
        load = verbs.add_parser("load", help="load every indicator source of the data directory")
        load.add_argument(
            "--data-dir", default=None, help="data directory (default: the configured one)"
        )
        load.add_argument("--no-offer", action="store_true", help="leave out the offer's rates")
        tidy = verbs.add_parser("load-tidy", help="load a generic tidy CSV (all or nothing)")
        tidy.add_argument("file")
        tidy.add_argument(
            "--definitions", default=None, help="registry CSV defining the file's new indicators"
        )
        export = verbs.add_parser("export", help="write the loaded values in tidy form on stdout")
        export.add_argument("--layer", default=None)
        export.add_argument("--format", default="csv", choices=["csv", "json"])
        verbs.add_parser("show", help="rows loaded per indicator and layer")

    def handle(self, *args, verb, **options):
        from bassins.indicators import store

        if verb == "load":
            result = store.load(options.get("data_dir"), with_offer=not options["no_offer"])
            self._report(result)
        elif verb == "load-tidy":
            self._report(store.load_tidy(options["file"], options.get("definitions")))
        elif verb == "export":
            sys.stdout.write(store.export(options.get("layer"), options["format"]))
        else:
            frame = store.values_frame()
            if frame.empty:
                self.stdout.write("no indicator loaded")
                return
            table = frame.groupby(["indicator", "layer"]).size()
            for (indicator, layer), rows in table.items():
                self.stdout.write(f"{indicator:28} {layer:16} {rows:6} rows")

    def _report(self, result):
        for name in result["files"]:
            self.stdout.write(f"read {name}")
        for note in result.get("notes", []):
            self.stdout.write(f"note: {note}")
        for indicator, rows in result["by_indicator"].items():
            self.stdout.write(f"loaded {rows} rows of {indicator}")
