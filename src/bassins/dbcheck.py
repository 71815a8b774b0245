"""`python -m bassins.dbcheck URL`: exit 0 when the PostgreSQL server of URL answers, 1 otherwise."""

import socket
import sys
from urllib.parse import urlparse


def answers(url: str, timeout: float = 2.0) -> bool:
    """Whether the PostgreSQL server of `url` accepts a TCP connection and a login within
    `timeout` seconds; never raises."""
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or 5432), timeout
        ):
            pass
    except OSError:
        return False
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=int(timeout) or 1):
            return True
    except Exception:  # noqa: BLE001 — any failure means "does not answer" here
        return False


if __name__ == "__main__":
    sys.exit(0 if answers(sys.argv[1]) else 1)
