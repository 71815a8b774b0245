"""One directory import at a time, on PostgreSQL and SQLite.

`import_lock()` is held around every import and load (bassins.directory.importers). A second import
started while one runs does not wait for the database to time out or fail half-way: it stops at once
with `ImportRunningError` ("another import is running"), which the command line prints as one line
with exit status 2, before anything is read or written.

* PostgreSQL: a session-level advisory lock (`pg_try_advisory_lock`), released when the import ends or
  when its connection dies (a killed import never leaves the lock behind).
* SQLite: an exclusive `flock` on a file beside the database (`<database>.import-lock`, or in the var
  folder for an in-memory database), released by the kernel when the process ends.

The lock is re-entrant within one thread (`load` holds it and calls `import_file`).
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path

from django.db import connection

from bassins.errors import BassinsError

#: The advisory lock key of directory imports (any 64-bit number unique to this use).
ADVISORY_KEY = 0x6261_7373_696E_0008

_held = threading.local()


class ImportRunningError(BassinsError):
    """Another directory import holds the lock."""


def _message(detail: str = "") -> str:
    return (
        "another import is running"
        + (f" ({detail})" if detail else "")
        + ": nothing was changed; run this import again when it has finished"
    )


def lock_file() -> Path:
    """The file SQLite imports lock (beside the database file). An in-memory database (the test
    suite's) is seen by its own process only: its lock file is the process's, so that two test runs
    of one checkout do not stop each other's imports."""
    name = str(connection.settings_dict.get("NAME") or "")
    if not name or name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        from bassins.config import VAR_DIR

        name = str(VAR_DIR / f"sqlite-memory-{os.getpid()}")
    return Path(f"{name}.import-lock")


@contextlib.contextmanager
def _postgresql():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_KEY])
        (taken,) = cursor.fetchone()
    if not taken:
        raise ImportRunningError(_message("PostgreSQL advisory lock held by another session"))
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_KEY])


@contextlib.contextmanager
def _file_lock(path: Path):
    import fcntl

    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+")  # noqa: SIM115 (held for the whole import)
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip()[:80]
            raise ImportRunningError(_message(holder)) from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"process {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    finally:
        handle.close()


@contextlib.contextmanager
def import_lock():
    """Hold the directory import lock for the block; ImportRunningError when another import has it."""
    depth = getattr(_held, "depth", 0)
    if depth:
        _held.depth = depth + 1
        try:
            yield
        finally:
            _held.depth -= 1
        return
    guard = _postgresql() if connection.vendor == "postgresql" else _file_lock(lock_file())
    with guard:
        _held.depth = 1
        try:
            yield
        finally:
            _held.depth = 0
