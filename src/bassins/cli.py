"""The `bassins` command: one entry point over the platform's Django management commands.

`bassins territories load`, `bassins serve --port 8000`, `bassins data fetch`, `bassins migrate`...
Errors meant for the user (bassins.errors.BassinsError) print as one line on standard error and
exit with status 2; nothing is written when they happen.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bassins.web.settings")
    from django.core.management import execute_from_command_line

    from bassins.errors import BassinsError

    args = sys.argv[1:] if argv is None else argv
    try:
        execute_from_command_line(["bassins", *args])
    except BassinsError as error:
        print(f"bassins: error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
