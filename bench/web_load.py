"""Load test of the public pages: the home page and a bassin's offer page at 50 concurrent users.

The real data are loaded into a SQLite database of its own (a temporary `BASSINS_VAR_DIR`, as
`bassins load` does; `--var-dir` reuses one), `bassins serve` (waitress, the production server) is
started on 127.0.0.1 on a free port, each page is requested once (the first, uncached request is
timed), then locust (pinned in the `bench` extra: `pip install -e ".[bench]"`) runs headless against
each page in turn, bounded in time (`--seconds`) and users (`--users`). Printed per page: requests,
errors, requests/s and the p50/p95/p99 response times.

Users think between requests (`--think 0.5 1.5`, seconds: a GP clicking through the pages); with
`--think 0 0` every user fires its next request as soon as the last one answered (a closed loop: the
latency then measures the queue, concurrency / throughput).

`--checkout DIR` serves another checkout (its own `.venv/bin/bassins`, e.g. /work/main) on the same
database: "before" and "after" on the same data and machine.

Pages measured: the home of bassin NE's site (/fr/bassin/nord/), its offer page (`--page
name=/path/` adds others), the search page (a real query) and the API list
`/api/hsds/services`. The API's rate limit is lifted for the bench (`BASSINS_API_RATE_LIMIT`: the
users all come from 127.0.0.1). The load average of the machine is printed beside each run (the
machine is shared: figures taken under load are slower).

`--database-url postgres://...` serves from PostgreSQL instead (the database is created and loaded
when it has no data, then kept for later runs).

Run: `.venv/bin/python bench/web_load.py [--users 50] [--seconds 25] [--think 0.5 1.5]`.
The machine is shared: keep the runs short.
"""

from __future__ import annotations

import argparse
import csv
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve()
PROJECT = HERE.parents[1]
#: The pages measured (French URLs; the slugs are the same before and after the translated slugs).
PAGES = {
    "bassin home": "/fr/bassin/nord/",
    "bassin offer page": "/fr/offre/bassin/NE/",
    "search page": "/fr/recherche/?q=m%C3%A9decin+g%C3%A9n%C3%A9raliste&near=1030",
    "API list": "/api/hsds/services?page=2",
}
#: The smallest body each page must have (an error page or an empty answer is a failure).
MIN_BODY = {"API list": 5000}

# -- the locustfile part (locust imports this module with BENCH_PATH set) ------------------------------
if os.environ.get("BENCH_PATH"):
    from locust import HttpUser, between, task

    class PageUser(HttpUser):
        """One reader requesting the page again and again, thinking in between."""

        low, high = (float(v) for v in os.environ.get("BENCH_THINK", "0.5 1.5").split())
        wait_time = between(low, high)

        @task
        def page(self):
            with self.client.get(os.environ["BENCH_PATH"], catch_response=True) as response:
                if response.status_code != 200:
                    response.failure(f"HTTP {response.status_code}")
                elif len(response.content) < int(os.environ.get("BENCH_MIN_BODY", "1000")):
                    response.failure("short body")


# -- the orchestration -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def load_data(var_dir: Path, env: dict) -> None:
    bassins = str(PROJECT / ".venv" / "bin" / "bassins")
    start = time.perf_counter()
    subprocess.run([bassins, "migrate", "--no-input", "-v", "0"], env=env, check=True)
    subprocess.run([bassins, "load"], env=env, check=True, capture_output=True)
    print(f"loaded the real data into {var_dir} in {time.perf_counter() - start:.0f} s")


def has_data(database_url: str) -> bool:
    """Whether the database exists and has the directory loaded (it is created when missing)."""
    import psycopg

    base, _, name = database_url.rpartition("/")
    try:
        with psycopg.connect(database_url) as conn:
            try:
                return bool(conn.execute("SELECT COUNT(*) FROM directory_service").fetchone()[0])
            except psycopg.Error:
                return False
    except psycopg.OperationalError:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return False


def wait_for(url: str, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped (exit status {server.returncode})")
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the server did not answer {url} within {timeout:.0f} s")


def timed_get(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
    return time.perf_counter() - start


def run_locust(
    host: str, path: str, users: int, seconds: int, think: str, out: Path, min_body: int = 1000
) -> dict:
    env = dict(os.environ, BENCH_PATH=path, BENCH_THINK=think, BENCH_MIN_BODY=str(min_body))
    prefix = out / "locust"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "locust",
            "-f",
            str(HERE),
            "--headless",
            "--users",
            str(users),
            "--spawn-rate",
            str(users),
            "--run-time",
            f"{seconds}s",
            "--stop-timeout",
            "5",
            "--host",
            host,
            "--csv",
            str(prefix),
            "--only-summary",
            "--loglevel",
            "WARNING",
        ],
        env=env,
        check=False,
        capture_output=True,
        text=True,
    )
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as f:
        rows = {row["Name"]: row for row in csv.DictReader(f)}
    return rows["Aggregated"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=25)
    parser.add_argument("--think", nargs=2, type=float, default=(0.5, 1.5), metavar=("MIN", "MAX"))
    parser.add_argument("--checkout", type=Path, default=PROJECT, help="the checkout to serve")
    parser.add_argument("--var-dir", type=Path, help="a BASSINS_VAR_DIR with the data loaded")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads")
    parser.add_argument("--database-url", help="serve from this database (PostgreSQL)")
    parser.add_argument(
        "--page", action="append", default=[], metavar="NAME=PATH", help="another page to measure"
    )
    parser.add_argument("--only", action="append", default=[], help="measure only these pages")
    args = parser.parse_args()

    pages = dict(PAGES)
    for spec in args.page:
        name, _, path = spec.partition("=")
        pages[name] = path
    if args.only:
        pages = {name: path for name, path in pages.items() if name in args.only}
    var_dir = args.var_dir or Path(tempfile.mkdtemp(prefix="bassins-bench-web-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["BASSINS_VAR_DIR"] = str(var_dir)
    env["BASSINS_API_RATE_LIMIT"] = "100000000"
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
        if not has_data(args.database_url):
            load_data(var_dir, env)
    elif not (var_dir / "bassins.sqlite3").exists():
        load_data(var_dir, env)
    port = free_port()
    host = f"http://127.0.0.1:{port}"
    bassins = args.checkout / ".venv" / "bin" / "bassins"
    server = subprocess.Popen(
        [str(bassins), "serve", "--port", str(port), "--threads", str(args.threads)],
        env=env,
        cwd=args.checkout,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"{host}/fr/", server)
        database = "PostgreSQL" if args.database_url else "SQLite"
        print(
            f"serving {args.checkout} on {host} ({database}); {args.users} users, "
            f"{args.seconds} s per page, think time {args.think[0]}-{args.think[1]} s; "
            f"{os.cpu_count()} cores"
        )
        print(
            f"{'page':<20} {'first':>8} {'requests':>9} {'errors':>7} {'req/s':>7} "
            f"{'p50':>7} {'p95':>7} {'p99':>7}  load average (1 min) before / after"
        )
        for name, path in pages.items():
            first = timed_get(host + path)
            before = os.getloadavg()[0]
            with tempfile.TemporaryDirectory() as out:
                stats = run_locust(
                    host,
                    path,
                    args.users,
                    args.seconds,
                    f"{args.think[0]} {args.think[1]}",
                    Path(out),
                    MIN_BODY.get(name, 1000),
                )
            after = os.getloadavg()[0]
            print(
                f"{name:<20} {first * 1000:>6.0f}ms {stats['Request Count']:>9} "
                f"{stats['Failure Count']:>7} {float(stats['Requests/s']):>7.1f} "
                f"{stats['50%']:>5}ms {stats['95%']:>5}ms {stats['99%']:>5}ms  "
                f"{before:.1f} / {after:.1f}"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
