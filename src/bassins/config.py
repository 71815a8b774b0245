"""Where bassins finds its data and keeps its state; no Django import here.

The data directory holds the open data files (the layout of `../shared/data`: boundaries/, reference/,
population/, services/, indicators/). It is, in order:
1. the `BASSINS_DATA_DIR` environment variable;
2. `../shared/data` beside the project folder, when it exists;
3. the download cache `var/data` that `bassins data fetch` fills.
"""

from __future__ import annotations

import os
from pathlib import Path

from bassins.errors import DataFileMissingError

PROJECT_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(os.environ.get("BASSINS_VAR_DIR", PROJECT_DIR / "var"))
DOWNLOAD_CACHE = VAR_DIR / "data"


def data_dir() -> Path:
    """The data directory in force (see the module's docstring)."""
    configured = os.environ.get("BASSINS_DATA_DIR")
    if configured:
        return Path(configured).expanduser().resolve()
    shared = PROJECT_DIR.parent / "shared" / "data"
    if shared.is_dir():
        return shared
    return DOWNLOAD_CACHE


def data_file(relative: str, *, required: bool = True) -> Path | None:
    """The path of `relative` in the data directory; raises a clear error when it is missing."""
    path = data_dir() / relative
    if path.exists():
        return path
    if required:
        raise DataFileMissingError(
            f"data file {relative!r} not found in the data directory {data_dir()} "
            "(set BASSINS_DATA_DIR, or run `bassins data fetch`)"
        )
    return None
