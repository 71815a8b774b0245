"""`bassins data fetch|status`: download the open data into the cache and check it.

    bassins data fetch [--base-url URL] [--only NAME ...] [--url URL] [--force] [--dest DIR]
    bassins data status [--dir DIR]

`fetch` downloads the files of bassins.data.catalog into the download cache (var/data by default,
bassins.config.DOWNLOAD_CACHE), from a mirror of the data-directory layout when --base-url (or
BASSINS_DATA_MIRROR) is given. Without a mirror it takes the files copied unchanged from a public
repository and the upstream products the territories can be loaded from (Statbel's national
statistical sectors, ...: catalog.UPSTREAM, into upstream/), checking the official ones on content
and pinning them on first use. `status` says which files are present and valid in the data
directory in force.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.management.base import BaseCommand

from bassins import config
from bassins.data import catalog, fetch
from bassins.errors import InputError


class Command(BaseCommand):
    help = (
        "Download the open data files into the cache (fetch) or check the data directory (status)."
    )

    def add_arguments(self, parser):
        verbs = parser.add_subparsers(dest="verb", required=True, metavar="{fetch,status}")
        get = verbs.add_parser(
            "fetch", help="download the data files into the cache and check them"
        )
        get.add_argument(
            "--base-url",
            default=None,
            help=f"mirror serving the data-directory layout (default: ${fetch.MIRROR_ENV}, "
            "else each file's upstream URL)",
        )
        get.add_argument(
            "--only",
            nargs="+",
            default=None,
            metavar="NAME",
            help="file names, relative paths or folders to fetch (default: every file of the "
            "data directory from a mirror; without one, the direct and upstream downloads)",
        )
        get.add_argument(
            "--url",
            default=None,
            help="download the one file named by --only from this address instead (a moved "
            "upstream file, a local copy served over HTTP)",
        )
        get.add_argument(
            "--force",
            action="store_true",
            help="download again even the files already present and valid; an official "
            "download is then checked and pinned anew",
        )
        get.add_argument(
            "--dest",
            default=None,
            type=Path,
            help=f"directory to fill (default: the download cache {config.DOWNLOAD_CACHE})",
        )
        get.add_argument(
            "--timeout",
            type=float,
            default=fetch.DEFAULT_TIMEOUT,
            help="seconds to wait for a connection or for data (default: %(default)s)",
        )
        get.add_argument(
            "--retries",
            type=int,
            default=fetch.DEFAULT_RETRIES,
            help="further attempts after a network failure (default: %(default)s)",
        )
        show = verbs.add_parser("status", help="which data files are present and valid")
        show.add_argument(
            "--dir",
            default=None,
            type=Path,
            help="data directory to check (default: the data directory in force)",
        )

    def handle(self, *args, verb, **options):
        if verb == "fetch":
            self.fetch(**options)
        else:
            self.status(options["dir"])

    def fetch(self, *, base_url, only, url, force, dest, timeout, retries, **_):
        dest = Path(dest) if dest else config.DOWNLOAD_CACHE
        base_url = base_url or fetch.mirror_from_env()
        entries = catalog.select(only, catalog.ALL) if only else fetch.default_entries(base_url)
        urls = {}
        if url:
            if len(entries) != 1:
                raise InputError(
                    f"--url replaces the address of one file, and {len(entries)} are selected: "
                    "name that one file with --only",
                    field="--url",
                )
            urls[entries[0].path] = url
        source = f"mirror {base_url}" if base_url else "upstream URLs"
        self.stdout.write(f"bassins data fetch: {len(entries)} file(s) from {source} into {dest}")
        skipped = [] if only else fetch.needs_mirror(base_url)
        if skipped:
            self.stdout.write(
                f"  skipped    {len(skipped)} converted or hand-compiled file(s) of the data "
                "directory: only a mirror serves them (--base-url URL)"
            )

        def report(outcome: fetch.Outcome):
            if outcome.ok:
                mark = "downloaded" if outcome.status == "downloaded" else "ok        "
                self.stdout.write(f"  {mark} {outcome.entry.path}: {outcome.message}")
            else:  # the message starts with the file's path
                self.stdout.write(f"  FAILED     {outcome.message}")

        outcomes = fetch.fetch(
            entries,
            dest,
            base_url=base_url,
            force=force,
            timeout=timeout,
            retries=retries,
            urls=urls,
            report=report,
        )
        done = sum(o.ok for o in outcomes)
        self.stdout.write(f"{done} of {len(outcomes)} file(s) present and valid in {dest}")
        if (
            any(fetch.is_upstream(o.entry) for o in outcomes)
            and not (dest / BASSIN_TABLE).is_file()
        ):
            self.stdout.write(
                f"note: to load the territories from these files, {BASSIN_TABLE} is needed too; "
                "it has no upstream download (see docs/data.md)"
            )
        fetch.raise_for_failures(outcomes)

    def status(self, directory):
        directory = Path(directory) if directory else config.data_dir()
        rows = fetch.status(catalog.CATALOG, directory)
        upstream = fetch.status(catalog.UPSTREAM, directory)
        self.stdout.write(f"data directory: {directory} ({_why(directory)})")
        width = max(len(r.entry.path) for r in rows)
        for row in rows:
            self.stdout.write(f"  {row.state:<8} {row.entry.path:<{width}}  {row.detail}".rstrip())
        counts = {
            state: sum(r.state == state for r in rows) for state in ("valid", "invalid", "missing")
        }
        self.stdout.write(
            ", ".join(f"{n} {state}" for state, n in counts.items())
            + f" (of {len(rows)} catalog files)"
        )
        present = [r for r in upstream if r.state != "missing"]
        if present:
            self.stdout.write("upstream downloads (the territories can be loaded from them):")
            for row in present:
                self.stdout.write(f"  {row.state:<8} {row.entry.path}  {row.detail}".rstrip())
        stray = fetch.leftovers(directory)
        if stray:
            self.stdout.write(
                f"{len(stray)} temporary file(s) left by an interrupted download: "
                + ", ".join(str(p) for p in stray)
            )
        if counts["valid"] < len(rows):
            self.stdout.write(
                "run `bassins data fetch --base-url URL` (or set BASSINS_DATA_DIR) "
                "to get the missing or invalid files; without a mirror, `bassins data fetch` "
                "gets the upstream downloads the territories can be loaded from"
            )


BASSIN_TABLE = "reference/bassins_2024.csv"


def _why(directory: Path) -> str:
    if (
        os.environ.get("BASSINS_DATA_DIR")
        and Path(os.environ["BASSINS_DATA_DIR"]).resolve() == directory
    ):
        return "from BASSINS_DATA_DIR"
    if directory == config.DOWNLOAD_CACHE:
        return "the download cache"
    if directory == config.PROJECT_DIR.parent / "shared" / "data":
        return "../shared/data beside the project"
    return "given with --dir"
