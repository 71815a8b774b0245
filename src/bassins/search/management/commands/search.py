"""`bassins search "QUERY" [--near ADDRESS] [--open-now] [--format json|text]`, and
`bassins search --hours-report`: per source, the free-text hours and how many of them the import
wrote as weekly HSDS schedule rows (the parse rate)."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from bassins.errors import BassinsError


class Command(BaseCommand):
    help = "Search the directory as the helpdesk does (same engine as the search pages)."

    def add_arguments(self, parser):
        parser.add_argument("query", nargs="?", default="")
        parser.add_argument("--lang", choices=["fr", "nl", "en"])
        parser.add_argument("--near", help="address with postcode, or a postcode")
        parser.add_argument("--radius", type=float, help="km around --near")
        parser.add_argument("--category", action="append", default=[])
        parser.add_argument("--bassin")
        parser.add_argument("--commune")
        parser.add_argument("--monitoring")
        parser.add_argument("--language", action="append", default=[])
        parser.add_argument("--age", type=float)
        parser.add_argument("--free", action="store_true")
        parser.add_argument("--wheelchair", action="store_true")
        parser.add_argument("--open-now", action="store_true")
        parser.add_argument("--at", help="open at YYYY-MM-DDTHH:MM")
        parser.add_argument("--limit", type=int, default=10)
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--hours-report", action="store_true")

    def handle(self, *args, **options):
        from bassins.search import service

        if options["hours_report"]:
            return self._hours_report()
        params = _Params(
            q=options["query"],
            lang=options["lang"],
            near=options["near"],
            radius=options["radius"],
            category=options["category"],
            bassin=options["bassin"],
            commune=options["commune"],
            monitoring=options["monitoring"],
            language=options["language"],
            age=options["age"],
            free="1" if options["free"] else "",
            wheelchair="1" if options["wheelchair"] else "",
            open_now="1" if options["open_now"] else "",
            at=options["at"],
            per_page=options["limit"],
        )
        try:
            request = service.request_from(params, options["lang"])
            result = service.run(request, count_unmet=False)
            data = service.result_data(result, options["lang"] or result.plan.lang)
        except BassinsError as error:
            raise CommandError(str(error), returncode=2) from None
        if options["format"] == "json":
            json.dump(data, sys.stdout, ensure_ascii=False, indent=1)
            sys.stdout.write("\n")
            return
        self.stdout.write(f"{data['total']} services ({data['language']})")
        for rank, hit in enumerate(data["hits"], start=1):
            distance = f" {hit['distance_km']} km" if hit["distance_km"] is not None else ""
            state = {True: " open", False: " closed", None: ""}[hit["open"]]
            self.stdout.write(f"{rank:2}. {hit['name']} [{hit['category']}]{distance}{state}")
            self.stdout.write(f"    {hit['address']} {hit['postcode']} {hit['city']}".rstrip())
            why = hit["why"]
            reasons = [f"{field}: {', '.join(words)}" for field, words in why["words"].items()]
            reasons += [f"“{s['query']}” = {s['phrase']}" for s in why["synonyms"]]
            self.stdout.write(f"    why: {'; '.join(reasons)}; area {why['area']}")

    def _hours_report(self):
        """Per source: free-text hours, how many the import wrote as weekly schedule rows."""
        from bassins.directory.french_hours import PARSED_NOTE
        from bassins.directory.models import Schedule

        def owner(row) -> str:
            return str(row["service_at_location_id"] or row["service_id"] or row["location_id"])

        links = ("source", "service_at_location_id", "service_id", "location_id")
        texts: dict[str, set[str]] = {}
        for row in (
            Schedule.objects.exclude(description_fr="").filter(byday="", opens_at="").values(*links)
        ):
            texts.setdefault(row["source"] or "?", set()).add(owner(row))
        parsed: dict[str, set[str]] = {}
        rows: dict[str, int] = {}
        for row in Schedule.objects.filter(notes__startswith=PARSED_NOTE).values(*links):
            parsed.setdefault(row["source"] or "?", set()).add(owner(row))
            rows[row["source"] or "?"] = rows.get(row["source"] or "?", 0) + 1
        self.stdout.write("source\ttexts\twritten as schedules\trate\tschedule rows")
        for source in sorted(texts):
            total = len(texts[source])
            done = len(texts[source] & parsed.get(source, set()))
            self.stdout.write(
                f"{source}\t{total}\t{done}\t{done / total:.2f}\t{rows.get(source, 0)}"
            )


class _Params(dict):
    def getlist(self, name):
        value = self.get(name)
        if value is None:
            return []
        return list(value) if isinstance(value, list) else [value]
