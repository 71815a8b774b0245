"""`bassins report offer --bassin NE --lang fr --out file.pdf` (or --commune 21015)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from bassins.errors import InputError


class Command(BaseCommand):
    help = "Reports as PDF files, printed from the pages of the platform."

    def add_arguments(self, parser):
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="{offer}")
        offer = kinds.add_parser(
            "offer", help="the offer analysis of a bassin (or a commune) as a PDF"
        )
        where = offer.add_mutually_exclusive_group(required=True)
        where.add_argument("--bassin", help="bassin code: N, NE, S, SE, CO")
        where.add_argument("--commune", help="commune REFNIS code, e.g. 21015")
        offer.add_argument("--lang", default="fr", choices=["fr", "nl", "en"])
        offer.add_argument("--out", required=True, help="the PDF file to write")

    def handle(self, *args, kind, **options):
        from django.http import Http404

        from bassins.offer.pdf import page_pdf

        layer, code = (
            ("bassin", options["bassin"]) if options["bassin"] else ("commune", options["commune"])
        )
        try:
            content = page_pdf(layer, code, options["lang"])
        except Http404 as error:
            raise InputError(str(error), field=f"--{layer}") from error
        out = Path(options["out"])
        try:
            out.write_bytes(content)
        except OSError as error:
            raise InputError(f"cannot write the PDF ({error.strerror})", source=str(out)) from error
        self.stdout.write(
            f"wrote {out} ({len(content):,} bytes): offer report of {layer} {code} in {options['lang']}"
        )
