"""`bassins helpdesk retention [--dry-run] [--today YYYY-MM-DD]`: anonymise expired cases."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from bassins.errors import InputError


class Command(BaseCommand):
    help = "Helpdesk maintenance: retention (anonymise cases closed more than N months ago)."

    def add_arguments(self, parser):
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="{retention}")
        retention = kinds.add_parser(
            "retention",
            help="anonymise cases closed more than BASSINS_HELPDESK_RETENTION_MONTHS months ago",
        )
        retention.add_argument("--dry-run", action="store_true", help="report, change nothing")
        retention.add_argument("--today", help="the day to count from (default: today)")
        retention.add_argument("--months", type=int, help="override the setting")

    def handle(self, *args, kind, **options):
        from bassins.helpdesk.retention import anonymise

        months = options["months"] or settings.BASSINS_HELPDESK_RETENTION_MONTHS
        if months < 1:
            raise InputError(f"must be at least 1, not {months}", field="--months")
        today = timezone.localdate()
        if options["today"]:
            try:
                today = dt.date.fromisoformat(options["today"])
            except ValueError as error:
                raise InputError(f"not a date: {options['today']!r}", field="--today") from error
        report = anonymise(today, months, dry_run=options["dry_run"])
        for line in report.lines():
            self.stdout.write(line)
