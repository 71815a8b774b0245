"""Property-based tests: hostile input gives a clear error (an InputError), never a crash, never a partial write."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bassins.directory.sources import afmps, hsds, osm, sample, spreadsheet
from bassins.directory.tabular import read_csv_bytes
from bassins.errors import InputError

DATA = Path(__file__).parents[1] / "data" / "directory"
MAPPING = Path(spreadsheet.__file__).parents[1] / "mappings" / "bruxelles_social.json"

INJECTIONS = [
    "=cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1)",
    "'; DROP TABLE directory_service; --",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "${jndi:ldap://x}",
    "../../etc/passwd",
    "\u202eevil",
    "\ufeffBOM inside",
    'a"b""c',
    "line\nbreak",
    "tab\tin",
    "semi;colon",
    "comma,here",
    "\x00nul",
    "\x1bescape",
    "\u2028sep",
    "ﬁ ligature",
    "Ĳssel",
    "😀 emoji",
    "x" * 20_000,
]
text_values = st.one_of(st.sampled_from(INJECTIONS), st.text(max_size=60))
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1"]
SEPARATORS = [",", ";", "\t", "|"]


def to_csv(header: list[str], rows: list[list[str]], separator: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def encode(text: str, encoding: str) -> bytes | None:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        return None


def clean_or_input_error(function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except InputError as error:
        message = str(error)
        assert message and "\n" not in message.split(":", 1)[0]
        return None


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_read_as_csv_or_clear_error(data):
    clean_or_input_error(read_csv_bytes, data, "x.csv")


AFMPS_HEADER = afmps.REQUIRED
AFMPS_ROW = [
    "900001",
    "Pharmacie Test",
    "Rue Haute 1",
    "1000",
    "Bruxelles",
    "active",
    "Holder (KBO-BCE : 0123456789)",
    "Idem",
    "648964.25",
    "671103.5625",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    column=st.integers(0, len(AFMPS_HEADER) - 1),
    value=text_values,
    encoding=st.sampled_from(ENCODINGS),
    separator=st.sampled_from(SEPARATORS),
    rows=st.integers(1, 3),
)
def test_afmps_hostile_values(column, value, encoding, separator, rows):
    body = []
    for number in range(rows):
        row = list(AFMPS_ROW)
        row[0] = str(900001 + number)
        row[column] = value if number == rows - 1 else row[column]
        body.append(row)
    data = encode(to_csv(AFMPS_HEADER, body, separator), encoding)
    if data is None:
        return
    table = clean_or_input_error(read_csv_bytes, data, "afmps.csv")
    if table is not None:
        bundle = clean_or_input_error(afmps.parse, table)
        if bundle is not None:
            assert bundle.count("service") == rows


SAMPLE_HEADER = sample.REQUIRED + sample.OPTIONAL


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    values=st.lists(text_values, min_size=len(SAMPLE_HEADER), max_size=len(SAMPLE_HEADER)),
    separator=st.sampled_from(SEPARATORS),
)
def test_sample_hostile_rows(values, separator):
    values[0] = values[0] or "1"
    data = to_csv(SAMPLE_HEADER, [values], separator).encode("utf-8")
    table = clean_or_input_error(read_csv_bytes, data, "sample.csv")
    if table is not None:
        clean_or_input_error(sample.parse, table)


@settings(max_examples=150, deadline=None)
@given(
    st.recursive(
        st.one_of(st.none(), st.booleans(), st.floats(allow_nan=True), st.integers(), text_values),
        lambda children: st.one_of(
            st.lists(children, max_size=4),
            st.dictionaries(
                st.sampled_from(
                    [
                        "type",
                        "features",
                        "geometry",
                        "coordinates",
                        "properties",
                        "name",
                        "crs",
                        "osm_opening_hours",
                        "phone",
                        "postcode",
                    ]
                ),
                children,
                max_size=5,
            ),
        ),
        max_leaves=20,
    )
)
def test_geojson_hostile_documents(document):
    data = json.dumps(document).encode("utf-8")
    clean_or_input_error(osm.parse_bytes, data, "x.geojson")


@settings(max_examples=100, deadline=None)
@given(
    hours=st.one_of(
        st.sampled_from(INJECTIONS),
        st.text(max_size=80),
        st.sampled_from(
            [
                "Mo-Fr 09:00-18:00",
                "24/7",
                "Mo-Su 25:00-26:00",
                "PH off",
                "sunrise-sunset",
                "week 1-53/2 Mo 10:00-12:00",
                "Jan-Mar Mo 08:00-09:00; 2030 Dec 25 off",
            ]
        ),
    )
)
def test_opening_hours_never_crash(hours):
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [4.35, 50.85]},
        "properties": {"name": "x", "osm_opening_hours": hours},
    }
    data = json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()
    features = clean_or_input_error(osm.parse_bytes, data, "x.geojson")
    if features:
        bundle = osm.build(features, "x.geojson")
        assert bundle.count("service") == 1


BS_HEADER = next(csv.reader((DATA / "bruxelles_social_export.csv").open(encoding="utf-8")))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    column=st.integers(1, len(BS_HEADER) - 1),
    value=text_values,
    encoding=st.sampled_from(ENCODINGS),
    separator=st.sampled_from(SEPARATORS),
)
def test_spreadsheet_hostile_values(column, value, encoding, separator):
    rows = list(csv.reader((DATA / "bruxelles_social_export.csv").open(encoding="utf-8")))[1:]
    rows[0][column] = value
    data = encode(to_csv(BS_HEADER, rows, separator), encoding)
    if data is None:
        return
    table = clean_or_input_error(read_csv_bytes, data, "bs.csv")
    if table is not None:
        clean_or_input_error(spreadsheet.parse, table, spreadsheet.read_mapping(MAPPING))


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=st.lists(text_values, min_size=4, max_size=4))
def test_hsds_hostile_services(tmp_path, values):
    (tmp_path / "services.csv").write_text(
        to_csv(["id", "name", "status", "minimum_age"], [values], ","), encoding="utf-8"
    )
    clean_or_input_error(hsds.read, tmp_path)


# -- no partial writes ------------------------------------------------------------------------------


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(row=st.integers(1, 3), column=st.sampled_from(AFMPS_HEADER), value=text_values)
def test_import_is_all_or_nothing(tmp_path, row, column, value):
    from bassins.directory import importers, store

    path = tmp_path / "afmps.csv"
    good = DATA / "afmps_small.csv"
    importers.import_file("afmps", good)
    before = store.database_tables()
    lines = list(csv.reader(good.open(encoding="utf-8")))
    lines[row][lines[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(lines)
    path.write_text(out.getvalue(), encoding="utf-8")
    try:  # (deletions allowed: a changed key replaces a record of this 3-record file)
        importers.import_file("afmps", path, allow_deletions=True)
    except InputError:
        after = store.database_tables()
        assert after == before  # nothing written
    finally:  # back to the reference state for the next example
        importers.import_file("afmps", good, allow_deletions=True)
