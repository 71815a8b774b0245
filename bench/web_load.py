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
PAGES = {"home": "/fr/", "bassin offer page": "/fr/offre/bassin/NE/"}

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
                elif len(response.content) < 1000:
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


def run_locust(host: str, path: str, users: int, seconds: int, think: str, out: Path) -> dict:
    env = dict(os.environ, BENCH_PATH=path, BENCH_THINK=think)
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
    args = parser.parse_args()

    var_dir = args.var_dir or Path(tempfile.mkdtemp(prefix="bassins-bench-web-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["BASSINS_VAR_DIR"] = str(var_dir)
    if not (var_dir / "bassins.sqlite3").exists():
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
        print(
            f"serving {args.checkout} on {host}; {args.users} users, {args.seconds} s per page, "
            f"think time {args.think[0]}-{args.think[1]} s"
        )
        print(
            f"{'page':<20} {'first':>8} {'requests':>9} {'errors':>7} {'req/s':>7} "
            f"{'p50':>7} {'p95':>7} {'p99':>7}"
        )
        for name, path in PAGES.items():
            first = timed_get(host + path)
            with tempfile.TemporaryDirectory() as out:
                stats = run_locust(
                    host,
                    path,
                    args.users,
                    args.seconds,
                    f"{args.think[0]} {args.think[1]}",
                    Path(out),
                )
            print(
                f"{name:<20} {first * 1000:>6.0f}ms {stats['Request Count']:>9} "
                f"{stats['Failure Count']:>7} {float(stats['Requests/s']):>7.1f} "
                f"{stats['50%']:>5}ms {stats['95%']:>5}ms {stats['99%']:>5}ms"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
