"""`bassins territories load|load-qss|load-addresses|list|show|locate|export|crosswalk`."""

from __future__ import annotations

import csv
import sys

from django.core.management.base import BaseCommand, CommandError

from bassins.errors import BassinsError
from bassins.territory import loader, store

EXPORT_LAYERS = [
    "sector",
    "submunicipality",
    "commune",
    "monitoring",
    "monitoring_urbis",
    "qss",
    "bassin",
    "region",
]


class Command(BaseCommand):
    help = "Territorial layers of Brussels: load, list, show, locate, export."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser(
            "load", help="Load the territories from the data directory (or the files given)."
        )
        for key in loader.DEFAULT_FILES:
            load.add_argument(f"--{key.replace('_', '-')}", dest=key, metavar="FILE")
        qss = sub.add_parser(
            "load-qss", help="Load the official sector → quartier social-santé workbook."
        )
        qss.add_argument("path", metavar="SS_QSS_2024.xlsx")
        addresses = sub.add_parser(
            "load-addresses",
            help="Load the official address points of Brussels (BeST openaddress-bebru.zip or CSV).",
        )
        addresses.add_argument(
            "path",
            nargs="?",
            metavar="openaddress-bebru.zip",
            help="default: the file `bassins data fetch --only openaddress-bebru.zip` downloaded",
        )
        sub.add_parser("list", help="List the loaded layers.")
        show = sub.add_parser("show", help="Show an area by code.")
        show.add_argument("code")
        show.add_argument("--layer", choices=EXPORT_LAYERS)
        locate = sub.add_parser(
            "locate", help="Territories of a point (WGS84 lon/lat or x/y in a CRS) or an address."
        )
        locate.add_argument("--lon", type=float)
        locate.add_argument("--lat", type=float)
        locate.add_argument("--x", type=float)
        locate.add_argument("--y", type=float)
        locate.add_argument("--crs", default=None, help="CRS of --x/--y (default EPSG:31370)")
        locate.add_argument("--postcode")
        locate.add_argument("--commune")
        locate.add_argument("--street", help="with --number and --postcode: an address point")
        locate.add_argument("--number")
        export = sub.add_parser("export", help="Export a layer (GeoJSON on standard output).")
        export.add_argument("--layer", required=True, choices=EXPORT_LAYERS)
        export.add_argument("--format", default="geojson", choices=["geojson"])
        cross = sub.add_parser(
            "crosswalk", help="Sector links between vintages (CSV on standard output)."
        )
        cross.add_argument("--from-vintage", default="2022")
        cross.add_argument("--to-vintage", default="2025")

    def handle(self, *args, action, **options):
        try:
            getattr(self, "do_" + action.replace("-", "_"))(**options)
        except BassinsError as error:
            raise CommandError(str(error), returncode=2) from error

    def do_load(self, **options):
        report = loader.load_territories({key: options.get(key) for key in loader.DEFAULT_FILES})
        self.stdout.write("territories loaded:")
        for line in report.lines():
            self.stdout.write(f"  {line}")

    def do_load_qss(self, path, **options):
        count = loader.load_qss(path)
        self.stdout.write(f"quartiers social-santé loaded: {count}")

    def do_load_addresses(self, path=None, **options):
        report = loader.load_addresses(path)
        self.stdout.write("address points loaded:")
        for line in report.lines():
            self.stdout.write(f"  {line}")

    def do_list(self, **options):
        from bassins.territory.models import Generation

        for generation in Generation.objects.filter(active=True).order_by("vintage"):
            self.stdout.write(
                f"vintage {generation.vintage} (generation {generation.pk}, {generation.created_at:%Y-%m-%d %H:%M})"
            )
            for layer in generation.layers.order_by("id"):
                geometry = "" if layer.has_geometry else "  [no geometry]"
                self.stdout.write(
                    f"  {layer.name:<17} {layer.feature_count:>4}  {layer.label_fr} / {layer.label_nl}{geometry}"
                )
        if "qss" not in store.loaded_layers():
            self.stdout.write(
                "  qss: not loaded yet (needs the official workbook SS_QSS_2024.xlsx)"
            )

    def do_show(self, code, layer=None, **options):
        from bassins.territory.models import Area

        areas = Area.objects.filter(layer__generation=store.active_generation(), code=code)
        if layer:
            areas = areas.filter(layer__name=layer)
        if not areas:
            raise CommandError(
                f"no area with code {code!r}" + (f" in layer {layer}" if layer else ""),
                returncode=2,
            )
        for area in areas:
            self.stdout.write(f"{area.layer.name} {area.code}: {area.name_fr} / {area.name_nl}")
            if area.area_km2 is not None:
                self.stdout.write(f"  area: {area.area_km2:.3f} km²")
            if area.n_sectors:
                self.stdout.write(f"  sectors: {area.n_sectors}")
            for key, value in {**area.parents, **area.attributes}.items():
                if value is not None:
                    self.stdout.write(f"  {key}: {value}")

    def do_locate(
        self,
        lon=None,
        lat=None,
        x=None,
        y=None,
        crs=None,
        postcode=None,
        commune=None,
        street=None,
        number=None,
        **options,
    ):
        if lon is not None or lat is not None:
            if lon is None or lat is None:
                raise CommandError("--lon and --lat go together", returncode=2)
            row = store.locate_points([lon], [lat], crs=crs or "EPSG:4326").iloc[0]
        elif x is not None or y is not None:
            if x is None or y is None:
                raise CommandError("--x and --y go together", returncode=2)
            row = store.locate_points([x], [y], crs=crs or "EPSG:31370").iloc[0]
        elif postcode or commune:
            if street or number:
                row = store.locate_addresses([postcode], [commune], [street], [number]).iloc[0]
            else:
                row = store.locate_addresses([postcode], [commune]).iloc[0]
        else:
            raise CommandError("give --lon/--lat, --x/--y or --postcode/--commune", returncode=2)
        for key, value in row.items():
            self.stdout.write(f"{key}: {'' if value is None else value}")

    def do_export(self, layer, **options):
        sys.stdout.write(store.export_geojson(layer))
        sys.stdout.write("\n")

    def do_crosswalk(self, from_vintage, to_vintage, **options):
        from bassins.territory.models import SectorLink

        links = SectorLink.objects.filter(
            old_vintage=from_vintage, new_vintage=to_vintage
        ).order_by("old_code", "new_code")
        if not links.exists():
            raise CommandError(
                f"no sector links from vintage {from_vintage} to {to_vintage} are loaded",
                returncode=2,
            )
        writer = csv.writer(sys.stdout)
        writer.writerow(["old_code", "new_code", "relation", "same_quartier"])
        for link in links:
            writer.writerow([link.old_code, link.new_code, link.relation, int(link.same_quartier)])
