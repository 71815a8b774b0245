"""A geographic data set inside a zip archive, read in place (no extraction).

Statbel publishes its statistical sectors as `sh_statbel_statistical_sectors_31370_<date>.geojson.zip`.
GDAL (through pyogrio) reads a member of an archive by the path `/vsizip/{<archive>}/<member>`, and
the archive path alone only when it holds a single file; `dataset_path` names the member whatever
else the archive holds (a folder, a licence PDF). Pure module: no Django import.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

GEO_SUFFIXES = (".geojson", ".json", ".gpkg", ".shp", ".sqlite", ".fgb")


def geo_members(archive: Path | str) -> list[str]:
    """The members of `archive` that are geographic data sets (by suffix), in archive order."""
    with zipfile.ZipFile(archive) as handle:
        return [
            info.filename
            for info in handle.infolist()
            if not info.is_dir()
            and PurePosixPath(info.filename).suffix.lower() in GEO_SUFFIXES
            and not PurePosixPath(info.filename).name.startswith(".")
            and "__MACOSX" not in PurePosixPath(info.filename).parts
        ]


def is_zip(path: Path | str) -> bool:
    """Whether `path` is an existing file named '*.zip' (any case)."""
    return str(path).lower().endswith(".zip") and Path(path).is_file()


def dataset_path(path: Path | str, *, zipped: bool | None = None) -> Path | str:
    """What to give pyogrio/geopandas to read `path`: a zip archive (by its name, or `zipped=True`
    whatever the name) becomes the GDAL path of its one geographic member; any other path is
    returned as it is.

    Raises ValueError when the archive is not a readable zip, or holds no or several data sets.
    """
    if not (is_zip(path) if zipped is None else zipped):
        return path
    try:
        members = geo_members(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise ValueError(f"not a readable zip archive ({error})") from error
    if not members:
        with zipfile.ZipFile(path) as handle:
            names = [info.filename for info in handle.infolist()][:10]
        raise ValueError(
            f"no geographic data set in the zip archive (it holds: {', '.join(names) or 'nothing'})"
        )
    if len(members) > 1:
        raise ValueError(
            f"several geographic data sets in the zip archive ({', '.join(members[:5])}): "
            "extract the one to use"
        )
    # braces delimit the archive whatever its name (a download in progress ends in .part)
    return f"/vsizip/{{{Path(path).resolve().as_posix()}}}/{members[0]}"
