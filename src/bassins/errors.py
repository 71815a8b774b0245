"""The errors bassins raises on bad input.

Every error names the problem (file, row, field, value) so that a user can fix the input; the CLI turns
them into a message on standard error and a non-zero exit. Loaders validate everything before writing,
so an error always leaves the database as it was.
"""


class BassinsError(Exception):
    """Base class of the errors meant for the user (never a programming error)."""


class InputError(BassinsError):
    """A file or a value given to bassins is not what it should be."""

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        row: int | None = None,
        field: str | None = None,
    ):
        self.source, self.row, self.field = source, row, field
        where = []
        if source:
            where.append(str(source))
        if row is not None:
            where.append(f"row {row}")
        if field:
            where.append(f"field {field!r}")
        super().__init__(f"{': '.join([', '.join(where), message]) if where else message}")
        self.reason = message


class MissingColumnError(InputError):
    """A table lacks a column the importer needs."""


class UnknownCodeError(InputError):
    """A territory code (sector, commune, bassin...) that does not exist in the loaded vintage."""


class InvalidGeometryError(InputError):
    """A polygon or point that cannot be used as it is."""


class CoordinateSystemError(InputError):
    """Coordinates that do not fit the coordinate reference system they were given in."""


class DataNotLoadedError(BassinsError):
    """A layer or dataset the request needs has not been loaded yet."""


class DataFileMissingError(BassinsError):
    """A file expected in the data directory is not there."""
