"""`bassins agenda purge [--dry-run] [--days N]`: delete the personal data of past events."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from bassins.errors import InputError


class Command(BaseCommand):
    help = "Agenda maintenance: purge (delete registrations and bookings N days after the event)."

    def add_arguments(self, parser):
        kinds = parser.add_subparsers(dest="kind", required=True, metavar="{purge}")
        purge = kinds.add_parser(
            "purge",
            help="delete registrations and visit bookings of events ended more than "
            "BASSINS_AGENDA_RETENTION_DAYS days ago (counts kept)",
        )
        purge.add_argument("--dry-run", action="store_true", help="report, change nothing")
        purge.add_argument("--days", type=int, help="override the setting")

    def handle(self, *args, kind, **options):
        from bassins.agenda.retention import purge

        days = (
            options["days"]
            if options["days"] is not None
            else (settings.BASSINS_AGENDA_RETENTION_DAYS)
        )
        if days < 1:
            raise InputError(f"must be at least 1, not {days}", field="--days")
        report = purge(timezone.now(), days, dry_run=options["dry_run"])
        for line in report.lines():
            self.stdout.write(line)
