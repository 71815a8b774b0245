"""`bassins search "QUERY" [--near ADDRESS] [--open-now] [--format json|text]`, and
`bassins search --hours-report`: the parse rate of the directory's free-text hours per source."""

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
        from bassins.directory.models import Schedule
        from bassins.search.hours import parse_french

        counts: dict[str, list[int]] = {}
        for source, text in (
            Schedule.objects.exclude(description_fr="")
            .filter(byday="", opens_at="")
            .values_list("source", "description_fr")
        ):
            entry = counts.setdefault(source or "?", [0, 0])
            entry[1] += 1
            entry[0] += parse_french(text).ok
        self.stdout.write("source\tparsed\ttexts\trate")
        for source, (ok, total) in sorted(counts.items()):
            self.stdout.write(f"{source}\t{ok}\t{total}\t{ok / total:.2f}")


class _Params(dict):
    def getlist(self, name):
        value = self.get(name)
        if value is None:
            return []
        return list(value) if isinstance(value, list) else [value]
