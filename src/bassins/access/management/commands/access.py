"""`bassins access compute --category pharmacy --method e2sfca --max-minutes 15 --format csv`:
one accessibility measure per demand point (the same computation as the pages), on standard output
or in a file; `--bassin CODE` keeps one bassin's points.

`bassins access suggest --category pharmacy --max-minutes 10 --k 3 [--bassin N] [--group 65+]
[--candidates FILE.csv] --format csv|json|geojson`: where one more site would help most (maximal
coverage and p-median, `bassins.access.suggestions`, the same rows as the bassin page)."""

from __future__ import annotations

import csv
import io
import json
import math
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from bassins.access import analysis
from bassins.codes import BASSIN_CODES
from bassins.errors import InputError

METHODS = ("nearest", "count", "2sfca", "e2sfca", "g2sfca", "3sfca", "raam")
COLUMNS = [
    "id",
    "sector",
    "bassin",
    "monitoring",
    "demand",
    "nearest_minutes",
    "count_within",
    "value",
    "centre",
    "population_basis",
]


class Command(BaseCommand):
    help = "Accessibility measures from the loaded data (the same computation as the pages)."

    def add_arguments(self, parser):
        verbs = parser.add_subparsers(dest="verb", required=True, metavar="{compute,suggest}")
        compute = verbs.add_parser("compute", help="one measure per demand point")
        compute.add_argument("--category", default="pharmacy")
        compute.add_argument("--method", default="e2sfca", choices=METHODS)
        compute.add_argument("--max-minutes", type=float, default=15.0)
        compute.add_argument("--group", default="total", choices=["total", "65+", "0-5"])
        compute.add_argument("--bassin", choices=BASSIN_CODES)
        compute.add_argument(
            "--against",
            metavar="INDICATOR_ID",
            help="also the concentration index of the values against this indicator's sector values",
        )
        compute.add_argument("--format", default="csv", choices=["csv", "json", "geojson"])
        compute.add_argument("--output", help="file to write (default: standard output)")
        suggest = verbs.add_parser("suggest", help="where one more site would help most")
        suggest.add_argument("--category", default="pharmacy")
        suggest.add_argument("--max-minutes", type=float, default=10.0)
        suggest.add_argument("--k", type=int, default=3, help="how many new sites (default 3)")
        suggest.add_argument("--group", default="total", choices=["total", "65+", "0-5"])
        suggest.add_argument("--bassin", help="keep the candidates inside this bassin")
        suggest.add_argument(
            "--demand",
            choices=["bassin", "region"],
            help="whose people count: the bassin's (default with --bassin) or the region's",
        )
        suggest.add_argument("--candidates", help="CSV file of candidate points (lon, lat: WGS84)")
        suggest.add_argument("--format", default="csv", choices=["csv", "json", "geojson"])
        suggest.add_argument("--output", help="file to write (default: standard output)")

    def handle(self, *args, verb, **options):
        if verb == "suggest":
            return self.suggest(**options)
        from bassins.access import data, report

        key, minutes, group = options["category"], options["max_minutes"], options["group"]
        report.check(options["bassin"] or "N", key, minutes, group)
        result = data.result(key, minutes, group)
        sectors = data.state()["sectors"]
        points = result.points.copy()
        points["bassin"] = sectors["bassin"].reindex(points["sector"]).to_numpy(object)
        points["monitoring"] = sectors["monitoring"].reindex(points["sector"]).to_numpy(object)
        method = options["method"]
        column = {"nearest": "nearest_minutes", "count": "count_within"}.get(method, method)
        points["value"] = points[column]
        if options["bassin"]:
            points = points[points["bassin"] == options["bassin"]]
        rows = [
            {k: _plain(v) for k, v in row.items()} for row in points[COLUMNS].to_dict("records")
        ]
        meta = {
            **report._jsonable(result.provenance),
            "method": method,
            "measures": list(analysis.MEASURES),
        }
        if options["against"]:
            from bassins.access import against

            meta["against"] = against.figure(
                points["value"], points["sector"], points["demand"], options["against"]
            )
        _write(_render(options["format"], rows, points, meta), options["output"])

    def suggest(self, **options):
        from bassins.access import suggestions

        candidates = None
        if options["candidates"]:
            candidates = suggestions.read_candidates(options["candidates"])
        out = suggestions.build(
            options["category"],
            options["max_minutes"],
            options["group"],
            options["k"],
            bassin=options["bassin"],
            candidates=candidates,
            demand_scope=options["demand"],
        )
        fmt = options["format"]
        if fmt == "json":
            text = suggestions.to_json(out)
        elif fmt == "geojson":
            text = json.dumps(suggestions.to_geojson(out), ensure_ascii=False) + "\n"
        else:
            text = suggestions.to_csv(out)
        _write(text, options["output"])


def _write(text: str, output: str | None) -> None:
    if output:
        out = Path(output)
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as error:
            raise InputError(f"cannot write {out} ({error.strerror})", field="--output") from error
    else:
        sys.stdout.write(text)


def _plain(value):
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if hasattr(value, "item"):
        value = value.item()
        if isinstance(value, float) and not math.isfinite(value):
            return None
    return value


def _against_note(found: dict | None) -> str:
    if not found:
        return ""
    return (
        f"; concentration index against {found['indicator']} ({found['name']}, {found['period']}): "
        f"{found['index']}"
    )


def _render(fmt: str, rows: list[dict], points, meta: dict) -> str:
    if fmt == "json":
        return json.dumps({"provenance": meta, "points": rows}, ensure_ascii=False) + "\n"
    if fmt == "geojson":
        from bassins.access.report import TO_WGS

        lon, lat = TO_WGS.transform(points["x"].to_numpy(), points["y"].to_numpy())
        features = [
            {
                "type": "Feature",
                "properties": row,
                "geometry": {"type": "Point", "coordinates": [round(a, 6), round(b, 6)]},
            }
            for row, a, b in zip(rows, lon, lat, strict=True)
        ]
        return (
            json.dumps(
                {"type": "FeatureCollection", "provenance": meta, "features": features},
                ensure_ascii=False,
            )
            + "\n"
        )
    out = io.StringIO()
    source = meta["cost_source"]
    out.write(
        f"# cost source: {source.get('kind')}, "
        + ", ".join(f"{k}={v}" for k, v in source.items() if k != "kind")
        + f"; method {meta['method']}; demand {meta['demand_group']}"
        + _against_note(meta.get("against"))
        + "\n"
    )
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
