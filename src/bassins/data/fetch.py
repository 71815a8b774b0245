"""Download the open data files of the catalog into a cache directory, checking each one.

Every file is streamed to a temporary file next to its destination, checked (size, SHA-256, record
count) and only then renamed over the destination (an atomic rename on the same file system). A
failed download or check removes the temporary file: the cache never holds a partial file, and a
good file already there stays as it was. Network errors, timeouts and 5xx answers are retried.

Without a mirror, only the files copied byte for byte from a public repository (`direct` entries)
can be downloaded from their upstream URL; the converted and hand-compiled files need a mirror that
serves the data-directory layout (`base_url`, or the BASSINS_DATA_MIRROR environment variable).

The upstream products of catalog.UPSTREAM (Statbel's national sectors, ...) always come from their
own address (or one given in `urls`), never from a mirror, into the `upstream/` folder. The official
ones have no checksum known in advance: they are checked on content, pinned in the cache's manifest
on first use and held to that pin afterwards (bassins.data.official). `default_entries` is what
`bassins data fetch` takes without --only: the data-directory files from a mirror, or without one
the direct files and the upstream products the territory loader needs.

Pure module: no Django import.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import requests

from bassins.data import catalog, official
from bassins.data.catalog import UPSTREAM_FOLDER, DataFile
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
        """False only when the file failed."""
        return self.status != "failed"


def mirror_from_env() -> str | None:
    """The mirror base URL from the environment (MIRROR_ENV), or None when unset or empty."""
    return os.environ.get(MIRROR_ENV) or None


def is_upstream(entry: DataFile) -> bool:
    """An upstream product (catalog.UPSTREAM): downloaded from its own address, never from a mirror."""
    return entry.folder == UPSTREAM_FOLDER


def url_for(entry: DataFile, base_url: str | None = None, override: str | None = None) -> str:
    """The URL to download `entry` from: `override` when given; the mirror's copy when `base_url` is
    given (except for upstream products, which a mirror of the data directory does not hold); else
    the upstream address."""
    if override:
        return override
    if is_upstream(entry):
        return entry.source_url
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
        raise DataFetchError(
            f"{entry.path}: download from {url} failed ({_reason(error)})"
        ) from error
    with response:
        if response.status_code >= 500 or response.status_code == 429:
            raise _Transient(f"HTTP {response.status_code} {response.reason} from {url}")
        if response.status_code != 200:
            raise DataFetchError(
                f"{entry.path}: download failed: HTTP {response.status_code} {response.reason} from {url}"
            )
        content_type = response.headers.get("Content-Type", "")
        if entry.official and content_type.split(";")[0].strip().lower() == "text/html":
            raise DataFetchError(
                f"{entry.path}: download failed: {url} answered with a web page (Content-Type {content_type}), "
                "not the file: the address may have moved (give the new one with --url)"
            )
        digest = hashlib.sha256()
        size = 0
        try:
            with open(part, "wb") as handle:
                for chunk in response.iter_content(CHUNK):
                    size += len(chunk)
                    if size > entry.max_bytes:
                        limit = (
                            f"more than the {entry.max_size} bytes allowed for this product"
                            if entry.official
                            else f"expected {entry.size} bytes, the server sent more"
                        )
                        raise DataCheckError(entry.path, "size", f"{limit} (from {url})")
                    digest.update(chunk)
                    handle.write(chunk)
        except (
            requests.Timeout,
            requests.ConnectionError,
            requests.exceptions.ChunkedEncodingError,
            requests.exceptions.ContentDecodingError,
        ) as error:
            if "timed out" in str(error).lower():
                raise _Transient(
                    f"{url} stopped sending after {size} bytes (timeout {timeout:g} s)"
                ) from error
            expected = f" of {entry.size}" if not entry.official else ""
            raise _Transient(
                f"the transfer from {url} broke off after {size}{expected} bytes ({_reason(error)})"
            ) from error
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


def download(
    entry: DataFile,
    dest: Path,
    url: str,
    *,
    session: requests.Session | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF,
) -> None:
    """Downloads `url` to `dest` if and only if it passes the checks of `entry`.

    Raises DataFetchError / DataCheckError naming the file and the failed step; `dest` is then left
    as it was and no temporary file remains.
    """
    if entry.official:
        raise ValueError(f"{entry.path} is an official download: use download_official")
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = _new_part(dest)
    try:
        size, sha256 = _attempts(session or _session(), url, entry, part, timeout, retries, backoff)
        try:
            check_size_and_checksum(entry, size, sha256)
            check_count(entry, part)
        except DataCheckError as error:
            raise DataCheckError(
                error.relative, error.check, f"{error.detail} (from {url})"
            ) from error
        os.chmod(part, 0o644)
        os.replace(part, dest)
    finally:
        part.unlink(missing_ok=True)


def download_official(
    entry: DataFile,
    dest: Path,
    url: str,
    root: Path,
    *,
    force: bool = False,
    session: requests.Session | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF,
) -> str:
    """Downloads the official product `entry` from `url` to `dest`, held to its pin in the manifest of
    `root` (the cache `dest` belongs to); returns what happened, for the report.

    No pin yet, or `force`: the download must pass the size range and the content check of `entry`,
    then it is pinned. A pin: the download must have the pinned bytes (a changed upstream file is
    refused; `force` checks and pins it). On any failure `dest` and the manifest stay as they were
    and no temporary file remains.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    pin = official.read_pins(root).get(entry.path)
    part = _new_part(dest)
    try:
        size, sha256 = _attempts(session or _session(), url, entry, part, timeout, retries, backoff)
        try:
            if pin is not None and not force:
                official.check_against_pin(entry, size, sha256, pin, downloaded=True)
                message = f"{size} bytes, sha256 {sha256[:12]}... as pinned on {pin.pinned_at[:10]}"
            else:
                if size < entry.min_size:
                    raise DataCheckError(
                        entry.path,
                        "size",
                        f"{size} bytes, less than the {entry.min_size} bytes this product has "
                        "at least: not the expected file",
                    )
                count = official.check_content(entry, part)
                official.write_pin(root, entry.path, official.new_pin(sha256, size, url, count))
                message = (
                    f"{size} bytes, {count} {entry.count_unit}, pinned sha256 {sha256[:12]}..."
                )
                if pin is not None and pin.sha256 != sha256:
                    message += f" (re-pinned: was {pin.sha256[:12]}...)"
        except DataCheckError as error:
            raise DataCheckError(
                error.relative, error.check, f"{error.detail} (from {url})"
            ) from error
        os.chmod(part, 0o644)
        os.replace(part, dest)
    finally:
        part.unlink(missing_ok=True)
    return message


def _new_part(dest: Path) -> Path:
    fd, name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=PART_SUFFIX)
    os.close(fd)
    return Path(name)


def _attempts(
    session: requests.Session,
    url: str,
    entry: DataFile,
    part: Path,
    timeout: float,
    retries: int,
    backoff: float,
) -> tuple[int, str]:
    """Streams `url` into `part`, retrying transient failures; returns (size, sha256)."""
    for attempt in range(retries + 1):
        try:
            return _stream(session, url, entry, part, timeout)
        except _Transient as error:
            if attempt == retries:
                tries = f"{retries + 1} attempts" if retries else "1 attempt"
                raise DataFetchError(
                    f"{entry.path}: download failed after {tries}: {error}"
                ) from error
            time.sleep(backoff * (2**attempt))
    raise AssertionError("unreachable")


def _session() -> requests.Session:
    session = requests.Session()
    session.headers["User-Agent"] = USER_AGENT
    return session


def default_entries(base_url: str | None = None) -> list[DataFile]:
    """What `bassins data fetch` takes without --only: every data-directory file from a mirror; without
    one, the files with a direct download and the upstream products fetched by default (what the
    territory loader can work from)."""
    if base_url:
        return list(catalog.CATALOG)
    return [e for e in catalog.CATALOG if e.direct] + [e for e in catalog.UPSTREAM if e.default]


def needs_mirror(base_url: str | None = None) -> list[DataFile]:
    """The data-directory files that only a mirror can provide (none when there is one)."""
    return [] if base_url else [e for e in catalog.CATALOG if not e.direct]


def _present(entry: DataFile, dest: Path, dest_dir: Path) -> bool:
    if not dest.is_file():
        return False
    if not entry.official:
        return is_valid(entry, dest)
    try:
        official.verify_official(entry, dest, dest_dir)
    except DataCheckError:
        return False
    return True


def fetch(
    entries: Iterable[DataFile],
    dest_dir: Path,
    *,
    base_url: str | None = None,
    force: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF,
    urls: Mapping[str, str] | None = None,
    report: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Fetches each entry into `dest_dir` (data-directory layout); one Outcome per entry.

    A file already present and valid (official products: matching their pin) is kept unless `force`.
    `urls` maps entry paths to download addresses that replace the catalog's (a moved file, a local
    copy served over HTTP). Failures do not stop the other files; call `raise_for_failures` on the
    result to turn them into one error.
    """
    dest_dir = Path(dest_dir)
    session = _session()
    urls = urls or {}
    outcomes = []
    for entry in entries:
        dest = dest_dir / entry.path
        url = None
        try:
            if not force and _present(entry, dest, dest_dir):
                outcome = Outcome(
                    entry,
                    "present",
                    None,
                    "already present and valid" + (" (matches its pin)" if entry.official else ""),
                )
            else:
                url = url_for(entry, base_url, urls.get(entry.path))
                if entry.official:
                    message = download_official(
                        entry,
                        dest,
                        url,
                        dest_dir,
                        force=force,
                        session=session,
                        timeout=timeout,
                        retries=retries,
                        backoff=backoff,
                    )
                else:
                    download(
                        entry,
                        dest,
                        url,
                        session=session,
                        timeout=timeout,
                        retries=retries,
                        backoff=backoff,
                    )
                    message = f"{entry.size} bytes, {entry.count} {entry.count_unit}, sha256 ok"
                outcome = Outcome(entry, "downloaded", url, message)
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
            details += f"; and {len(failed) - detailed} more: " + ", ".join(
                o.entry.path for o in failed[detailed:]
            )
        raise DataFetchError(
            f"{len(failed)} of {len(outcomes)} data files not fetched: {details}", outcomes=failed
        )


@dataclass(frozen=True)
class FileStatus:
    """State of one catalog file in a data directory: 'valid', 'missing' or 'invalid' (with why)."""

    entry: DataFile
    state: str
    detail: str = ""


def status(entries: Iterable[DataFile], data_dir: Path) -> list[FileStatus]:
    """Each entry's state in `data_dir`: official products are checked against their pin."""
    rows = []
    for entry in entries:
        path = Path(data_dir) / entry.path
        if not path.is_file():
            rows.append(FileStatus(entry, "missing"))
            continue
        try:
            if entry.official:
                pin = official.verify_official(entry, path, Path(data_dir))
                detail = f"{pin.count} {entry.count_unit}, pinned sha256 {pin.sha256[:12]}... on {pin.pinned_at[:10]}"
            else:
                verify(entry, path)
                detail = f"{entry.count} {entry.count_unit}"
        except DataCheckError as error:
            rows.append(FileStatus(entry, "invalid", f"{error.check}: {error.detail}"))
        else:
            rows.append(FileStatus(entry, "valid", detail))
    return rows


def leftovers(data_dir: Path) -> list[Path]:
    """Temporary download files left in `data_dir` (only possible after a hard kill)."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        return []
    return sorted(p for p in data_dir.rglob(f".*{PART_SUFFIX}") if p.is_file())
