"""Benchmark: 20 helpdesk responders recording and reading cases at once against `bassins serve`.

Each responder logs in (password, then TOTP code), then in a loop creates a case through the JSON
API, reads it back, and every third case lists the first page (50) of their bassin's cases; at the
end it reads back every page of the cases it recorded (?mine=1). Prints the p50/p95/max latency of each kind of request,
the errors (any non-2xx answer or exception; aim: none, in particular no "database is locked" on
SQLite), and checks that the cases written are the cases read back (per responder, and in the
database).

Run (a fresh database in a temporary folder or a scratch PostgreSQL database, never yours):
    .venv/bin/python bench/helpdesk_load.py --database sqlite [--users 20] [--cases 15]
    .venv/bin/python bench/helpdesk_load.py --database postgres \
        [--postgres-url postgres://postgres@127.0.0.1:5432/bench_helpdesk]
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

PASSWORD = "bench-password-not-secret-42"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_postgres(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def setup_database(n_users: int) -> dict[str, bytes]:
    """Migrate, create the responders (half Nord, half Sud) with a TOTP device: username -> key."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from bassins.helpdesk.models import Membership, Role

    call_command("migrate", verbosity=0, interactive=False)
    keys = {}
    for i in range(n_users):
        user = get_user_model().objects.create_user(f"bench{i:02d}", password=PASSWORD)
        Membership.objects.create(user=user, role=Role.RESPONDER, bassin="N" if i % 2 else "S")
        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        keys[user.username] = device.bin_key
    from django.db import connections

    connections.close_all()
    return keys


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of process `pid` so far (Linux /proc), to count the server's work
    apart from the machine's load."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def token(key: bytes) -> str:
    from django_otp.oath import TOTP

    return f"{TOTP(key).token():06d}"


class Responder(threading.Thread):
    def __init__(self, base, username, key, bassin, n_cases, start_gate):
        super().__init__(daemon=True)
        self.base, self.username, self.key, self.bassin = base, username, key, bassin
        self.n_cases, self.gate = n_cases, start_gate
        self.timings: dict[str, list[float]] = {"create": [], "read": [], "list": []}
        self.errors: list[str] = []
        self.written: list[str] = []
        self.read_back: set[str] = set()

    def call(self, kind, method, url, **kwargs):
        start = time.perf_counter()
        try:
            response = self.session.request(method, self.base + url, timeout=60, **kwargs)
        except requests.RequestException as error:
            self.errors.append(f"{kind}: {error}")
            return None
        if kind in self.timings:
            self.timings[kind].append(time.perf_counter() - start)
        if not response.ok:
            self.errors.append(f"{kind}: HTTP {response.status_code} {response.text[:200]}")
            return None
        return response

    def login(self):
        self.session = requests.Session()
        self.call("login", "GET", "/fr/helpdesk/login/")
        csrf = self.session.cookies.get("csrftoken")
        self.call(
            "login",
            "POST",
            "/fr/helpdesk/login/",
            data={"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": csrf},
        )
        csrf = self.session.cookies.get("csrftoken")
        response = self.call(
            "login",
            "POST",
            "/fr/helpdesk/verify/",
            data={"token": token(self.key), "csrfmiddlewaretoken": csrf},
        )
        if response is None or "/verify/" in response.url:
            self.errors.append("login: second factor refused")
            return False
        self.csrf = self.session.cookies.get("csrftoken")
        return True

    def run(self):
        logged_in = self.login()
        self.gate.wait()
        if not logged_in:
            return
        headers = {"X-CSRFToken": self.csrf, "Referer": self.base + "/fr/helpdesk/"}
        for i in range(self.n_cases):
            payload = {
                "bassin": self.bassin,
                "opened_on": "2026-11-20",
                "channel": "phone",
                "caller_profession": "social_worker",
                "caller_organisation_type": "cpas",
                "situations": ["housing", "income"],
                "needs": ["housing"],
                "minutes_spent": 10 + i,
                "summary": f"{self.username} demande {i}",
                "orientations": [{"free_text": "maison d'accueil"}, {"free_text": "CPAS"}],
                "unmet_needs": [{"need": "housing", "reason": "full"}],
            }
            created = self.call(
                "create", "POST", "/fr/helpdesk/api/cases/", json=payload, headers=headers
            )
            if created is None:
                continue
            uid = created.json()["id"]
            self.written.append(uid)
            read = self.call("read", "GET", f"/fr/helpdesk/api/cases/{uid}/")
            if read is not None and read.json()["summary"] != payload["summary"]:
                self.errors.append(f"read: case {uid} came back different")
            if i % 3 == 2:
                self.call("list", "GET", "/fr/helpdesk/api/cases/")
        # read back: every page of the cases this responder recorded
        url, mine = "/fr/helpdesk/api/cases/?mine=1", set()
        while url:
            listing = self.call("read back", "GET", url)
            if listing is None:
                break
            body = listing.json()
            mine |= {c["id"] for c in body["cases"]}
            url = body.get("next")  # (an API without pages has no "next")
        self.read_back = mine & set(self.written)


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--postgres-url", default="postgres://postgres@127.0.0.1:5432/bench_helpdesk"
    )
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--cases", type=int, default=15, help="cases per responder")
    parser.add_argument("--threads", type=int, default=8, help="server threads")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bassins-bench-"))
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bassins.web.settings",
            "BASSINS_VAR_DIR": str(workdir),
            "BASSINS_INSECURE_COOKIES": "1",  # plain http on loopback: cookies without Secure
            "BASSINS_AXES_FAILURE_LIMIT": "1000",
        }
    )
    if args.database == "postgres":
        prepare_postgres(args.postgres_url)
        env["DATABASE_URL"] = args.postgres_url
    else:
        env["DATABASE_URL"] = ""
    os.environ.update(env)
    keys = setup_database(args.users)

    port = free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "bassins"),
            "serve",
            "--port",
            str(port),
            "--threads",
            str(args.threads),
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                requests.get(base + "/fr/helpdesk/login/", timeout=2)
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        gate = threading.Barrier(args.users + 1)  # the responders, logged in, and this thread
        responders = [
            Responder(base, name, key, "N" if i % 2 else "S", args.cases, gate)
            for i, (name, key) in enumerate(sorted(keys.items()))
        ]
        for r in responders:
            r.start()
        gate.wait()  # every responder has logged in: the logins' password hashing is not counted
        load_before = os.getloadavg()
        cpu_before = cpu_seconds(server.pid)
        started = time.perf_counter()
        for r in responders:
            r.join()
        elapsed = time.perf_counter() - started
        load_after = os.getloadavg()
        cpu_used = cpu_seconds(server.pid) - cpu_before
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)

    from bassins.helpdesk.models import Case

    in_db = Case.objects.count()
    written = sum(len(r.written) for r in responders)
    read_back = sum(len(r.read_back) for r in responders)
    errors = [e for r in responders for e in r.errors]
    print(
        f"helpdesk load: {args.users} responders x {args.cases} cases, {args.database}, "
        f"server threads {args.threads}, {elapsed:.1f} s in all"
    )
    print(
        f"  load average (1, 5, 15 min) before {' '.join(f'{v:.2f}' for v in load_before)}, "
        f"after {' '.join(f'{v:.2f}' for v in load_after)} on {os.cpu_count()} cores"
    )
    for kind in ("create", "read", "list"):
        values = [t for r in responders for t in r.timings[kind]]
        if values:
            print(
                f"  {kind:6s} n={len(values):4d}  p50={statistics.median(values) * 1000:7.1f} ms"
                f"  p95={percentile(values, 0.95) * 1000:7.1f} ms"
                f"  max={max(values) * 1000:7.1f} ms"
            )
    timed = sum(len(r.timings[k]) for r in responders for k in r.timings)
    print(
        f"  server CPU {cpu_used:.1f} s for {timed} timed requests (and the final read backs): "
        f"{cpu_used / max(timed, 1) * 1000:.1f} ms per request"
    )
    print(f"  cases written {written}, read back {read_back}, in the database {in_db}")
    print(f"  errors {len(errors)}" + "".join(f"\n    {e}" for e in errors[:10]))
    locked = output.count("database is locked")
    print(f"  'database is locked' in the server log: {locked}")
    ok = not errors and written == read_back == in_db == args.users * args.cases and not locked
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
