"""`bassins population load [--data-dir DIR]` and `bassins population show`."""

from __future__ import annotations

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Population denominators: load the Statbel files of the data directory, or show what is loaded."

    def add_arguments(self, parser):
        verbs = parser.add_subparsers(dest="verb", required=True, metavar="{load,show}")
        load = verbs.add_parser(
            "load", help="load every population file of the data directory (idempotent)"
        )
        load.add_argument(
            "--data-dir", default=None, help="data directory (default: the configured one)"
        )
        verbs.add_parser(
            "show", help="list the loaded populations (source, layer, date, basis, total)"
        )

    def handle(self, *args, verb, **options):
        from bassins.population import store

        if verb == "load":
            result = store.load(options.get("data_dir"))
            for name in result["files"]:
                self.stdout.write(f"read {name}")
            for source, rows in result["by_source"].items():
                self.stdout.write(f"loaded {rows} rows from source {source}")
            return
        table = store.summary()
        if table.empty:
            self.stdout.write("no population loaded")
            return
        for row in table.itertuples():
            self.stdout.write(
                f"{row.source:28} {row.layer:8} {row.reference_date} {row.basis:14} "
                f"{row.areas:5} areas {row.population:>10,} inhabitants"
            )
