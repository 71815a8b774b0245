"""`bassins load`: load everything the data directory holds, in dependency order.

The database schema is brought up to date first. Territories (everything else is located in them), then
population, then the directory, then the indicators (which read all three). Each step is its own transaction: a failing step stops the command with its
error and leaves its own data as it was, the steps before it stay loaded.
"""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from bassins.config import data_dir

STEPS = [
    ("territories", ["load"]),
    ("population", ["load"]),
    ("directory", ["load"]),
    ("indicators", ["load"]),
]


class Command(BaseCommand):
    help = "Load all data available in the data directory (territories, population, directory, indicators)."

    def handle(self, *args, **options):
        self.stdout.write(f"data directory: {data_dir()}")
        call_command("migrate", interactive=False, verbosity=0)
        for command, arguments in STEPS:
            self.stdout.write(f"== bassins {command} {' '.join(arguments)}")
            call_command(command, *arguments, stdout=self.stdout, stderr=self.stderr)
