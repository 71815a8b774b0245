"""Download the open data files of the catalog into a cache directory, checking each one.

Every file is streamed to a temporary file next to its destination, checked (size, SHA-256, record
count) and only then renamed over the destination (an atomic rename on the same file system). A
failed download or check removes the temporary file: the cache never holds a partial file, and a
good file already there stays as it was. Network errors, timeouts and 5xx answers are retried.

Without a mirror, only the files copied byte for byte from a public repository (`direct` entries)
can be downloaded from their upstream URL; the converted and hand-compiled files need a mirror that
serves the data-directory layout (`base_url`, or the BASSINS_DATA_MIRROR environment variable).

Pure module: no Django import.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import quote

import requests

from bassins.data.catalog import DataFile
from bassins.data.checks import (
    CHUNK,
    DataCheckError,
    check_count,
    check_size_and_checksum,
    is_valid,
    verify,
)
from bassins.errors import BassinsError

MIRROR_ENV = "BASSINS_DATA_MIRROR"
USER_AGENT = "bassins-data-fetch/0.1"
DEFAULT_TIMEOUT = 30.0  # seconds, for connecting and between two reads
DEFAULT_RETRIES = 3  # further attempts after the first one, for transient failures
DEFAULT_BACKOFF = 1.0  # seconds before the first retry, doubled after each attempt
PART_SUFFIX = ".part"


class DataFetchError(BassinsError):
    """A data file could not be downloaded or did not pass its checks (names the file and why)."""

    def __init__(self, message: str, outcomes: list[Outcome] | None = None):
        super().__init__(message)
        self.outcomes = outcomes or []


class _Transient(Exception):
    """A failure worth another attempt (network error, timeout, truncated transfer, HTTP 5xx)."""


@dataclass(frozen=True)
class Outcome:
    """What happened to one file: 'downloaded', 'present' (already valid, kept) or 'failed'."""

    entry: DataFile
    status: str
    url: str | None = None
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.status != "failed"


def mirror_from_env() -> str | None:
    return os.environ.get(MIRROR_ENV) or None


def url_for(entry: DataFile, base_url: str | None = None) -> str:
    """The URL to download `entry` from: the mirror's copy when `base_url` is given, else upstream."""
    if base_url:
        return base_url.rstrip("/") + "/" + quote(entry.path)
    if entry.direct and entry.source_url:
        return entry.source_url
    if entry.source_url:
        why = f"it was converted from {entry.source_url}"
    else:
        why = "it was compiled by hand for bassins (see SOURCES.md)"
    raise DataFetchError(
        f"{entry.path}: no direct download: {why}; fetch it from a mirror of the data directory "
        f"(--base-url URL or {MIRROR_ENV})"
    )


def _stream(session: requests.Session, url: str, entry: DataFile, part: Path, timeout: float):
    """Writes the body at `url` into `part`; returns (size, sha256). Raises _Transient or DataFetchError."""
    try:
        response = session.get(url, stream=True, timeout=timeout)
    except requests.Timeout as error:
        raise _Transient(f"no answer from {url} within {timeout:g} s (timeout)") from error
    except requests.ConnectionError as error:
        raise _Transient(f"cannot connect to {url} ({_reason(error)})") from error
    except requests.RequestException as error:
        raise DataFetchError(f"{entry.path}: download from {url} failed ({_reason(error)})") from error
    with response:
        if response.status_code >= 500 or response.status_code == 429:
            raise _Transient(f"HTTP {response.status_code} {response.reason} from {url}")
        if response.status_code != 200:
            raise DataFetchError(
                f"{entry.path}: download failed: HTTP {response.status_code} {response.reason} from {url}")
        digest = hashlib.sha256()
        size = 0
        try:
            with open(part, "wb") as handle:
                for chunk in response.iter_content(CHUNK):
                    size += len(chunk)
                    if size > entry.size:
                        raise DataCheckError(entry.path, "size",
                                             f"expected {entry.size} bytes, the server sent more (from {url})")
                    digest.update(chunk)
                    handle.write(chunk)
        except (requests.Timeout, requests.ConnectionError, requests.exceptions.ChunkedEncodingError,
                requests.exceptions.ContentDecodingError) as error:
            if "timed out" in str(error).lower():
                raise _Transient(f"{url} stopped sending after {size} bytes (timeout {timeout:g} s)") from error
            raise _Transient(f"the transfer from {url} broke off after {size} of {entry.size} bytes "
                             f"({_reason(error)})") from error
        return size, digest.hexdigest()


def _reason(error: BaseException) -> str:
    """The innermost readable cause of a requests/urllib3 error, without object reprs."""
    cause: object = error
    for _ in range(5):
        inner = getattr(cause, "reason", None)
        if isinstance(inner, BaseException):
            cause = inner
            continue
        args = getattr(cause, "args", ())
        if args and isinstance(args[0], BaseException):
            cause = args[0]
            continue
        break
    args = getattr(cause, "args", ())
    text = args[0] if args and isinstance(args[0], str) else str(cause)
    text = re.sub(r"<[^<>]* at 0x[0-9a-f]+>:?\s*", "", text).strip()
    return text if len(text) <= 160 else text[:157] + "..."


def download(entry: DataFile, dest: Path, url: str, *, session: requests.Session | None = None,
             timeout: float = DEFAULT_TIMEOUT, retries: int = DEFAULT_RETRIES,
             backoff: float = DEFAULT_BACKOFF) -> None:
    """Downloads `url` to `dest` if and only if it passes the checks of `entry`.

    Raises DataFetchError / DataCheckError naming the file and the failed step; `dest` is then left
    as it was and no temporary file remains.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    session = session or _session()
    fd, name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=PART_SUFFIX)
    os.close(fd)
    part = Path(name)
    try:
        for attempt in range(retries + 1):
            try:
                size, sha256 = _stream(session, url, entry, part, timeout)
                break
            except _Transient as error:
                if attempt == retries:
                    tries = f"{retries + 1} attempts" if retries else "1 attempt"
                    raise DataFetchError(f"{entry.path}: download failed after {tries}: {error}") from error
                time.sleep(backoff * (2 ** attempt))
        try:
            check_size_and_checksum(entry, size, sha256)
            check_count(entry, part)
        except DataCheckError as error:
            raise DataCheckError(error.relative, error.check, f"{error.detail} (from {url})") from error
        os.chmod(part, 0o644)
        os.replace(part, dest)
    finally:
        part.unlink(missing_ok=True)


def _session() -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    return session


def fetch(entries: Iterable[DataFile], dest_dir: Path, *, base_url: str | None = None,
          force: bool = False, timeout: float = DEFAULT_TIMEOUT, retries: int = DEFAULT_RETRIES,
          backoff: float = DEFAULT_BACKOFF,
          report: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Fetches each entry into `dest_dir` (data-directory layout); one Outcome per entry.

    A file already present and valid is kept unless `force`. Failures do not stop the other files;
    call `raise_for_failures` on the result to turn them into one error.
    """
    dest_dir = Path(dest_dir)
    session = _session()
    outcomes = []
    for entry in entries:
        dest = dest_dir / entry.path
        url = None
        try:
            if not force and dest.is_file() and is_valid(entry, dest):
                outcome = Outcome(entry, "present", None, "already present and valid")
            else:
                url = url_for(entry, base_url)
                download(entry, dest, url, session=session, timeout=timeout, retries=retries,
                         backoff=backoff)
                outcome = Outcome(entry, "downloaded", url,
                                  f"{entry.size} bytes, {entry.count} {entry.count_unit}, sha256 ok")
        except (DataFetchError, DataCheckError) as error:
            outcome = Outcome(entry, "failed", url, str(error))
        outcomes.append(outcome)
        if report:
            report(outcome)
    return outcomes


def raise_for_failures(outcomes: list[Outcome], *, detailed: int = 3) -> None:
    """Raises one DataFetchError for the failed outcomes: the first `detailed` in full, the others by name."""
    failed = [o for o in outcomes if not o.ok]
    if failed:
        details = "; ".join(o.message for o in failed[:detailed])
        if len(failed) > detailed:
            details += f"; and {len(failed) - detailed} more: " + ", ".join(o.entry.path for o in failed[detailed:])
        raise DataFetchError(f"{len(failed)} of {len(outcomes)} data files not fetched: {details}",
                             outcomes=failed)


@dataclass(frozen=True)
class FileStatus:
    """State of one catalog file in a data directory: 'valid', 'missing' or 'invalid' (with why)."""

    entry: DataFile
    state: str
    detail: str = ""


def status(entries: Iterable[DataFile], data_dir: Path) -> list[FileStatus]:
    rows = []
    for entry in entries:
        path = Path(data_dir) / entry.path
        if not path.is_file():
            rows.append(FileStatus(entry, "missing"))
            continue
        try:
            verify(entry, path)
        except DataCheckError as error:
            rows.append(FileStatus(entry, "invalid", f"{error.check}: {error.detail}"))
        else:
            rows.append(FileStatus(entry, "valid", f"{entry.count} {entry.count_unit}"))
    return rows


def leftovers(data_dir: Path) -> list[Path]:
    """Temporary download files left in `data_dir` (only possible after a hard kill)."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return []
    return sorted(p for p in data_dir.rglob(f".*{PART_SUFFIX}") if p.is_file())
