import codecs

import openpyxl
import pytest

from bassins.directory.tabular import read_csv_bytes, read_table, read_xlsx_bytes
from bassins.errors import InputError, MissingColumnError


def test_utf8_bom_semicolon_crlf():
    data = codecs.BOM_UTF8 + 'id;name\r\n1;Crèche « Les Lutins »\r\n2;"a;b"\r\n'.encode()
    table = read_csv_bytes(data, "x.csv")
    assert (
        table.columns == ["id", "name"] and table.separator == ";" and table.encoding == "utf-8-sig"
    )
    assert table.rows[0]["name"] == "Crèche « Les Lutins »" and table.rows[1]["name"] == "a;b"


def test_utf16_with_bom_and_tabs():
    data = "id\tname\n1\tÉcole\n".encode("utf-16")
    table = read_csv_bytes(data, "x.csv")
    assert table.separator == "\t" and table.rows == [{"id": "1", "name": "École"}]


def test_windows_1252_fallback():
    table = read_csv_bytes("id,name\n1,Molière\n".encode("cp1252"), "x.csv")
    assert table.encoding == "cp1252" and table.rows[0]["name"] == "Molière"


def test_utf16_without_bom_is_a_clear_error():
    with pytest.raises(InputError, match="NUL"):
        read_csv_bytes("id,name\n1,a\n".encode("utf-16-le"), "x.csv")


def test_wrong_field_count_names_the_row():
    with pytest.raises(InputError) as error:
        read_csv_bytes(b"id,name\n1,a\n2,b,c\n", "x.csv")
    assert error.value.row == 2 and "3 fields" in str(error.value)


def test_open_quote():
    with pytest.raises(InputError):
        read_csv_bytes(b'id,name\n1,"abc\n', "x.csv")


def test_duplicate_and_empty_header():
    with pytest.raises(InputError, match="twice"):
        read_csv_bytes(b"id,id\n1,2\n", "x.csv")
    with pytest.raises(InputError, match="no name"):
        read_csv_bytes(b"id,,x\n1,2,3\n", "x.csv")


def test_huge_field_is_refused_with_row_and_field():
    data = b"id,name\n1," + b"x" * 200_000 + b"\n"
    with pytest.raises(InputError) as error:
        read_csv_bytes(data, "x.csv", max_field=100_000)
    assert error.value.row == 1 and error.value.field == "name"


def test_require():
    table = read_csv_bytes(b"a,b\n1,2\n", "x.csv")
    with pytest.raises(MissingColumnError, match="'c'"):
        table.require(["a", "c"])


def test_xlsx(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([])
    sheet.append(["id", "postcode", "name"])
    sheet.append([1, 1000, "Pharmacie"])
    sheet.append([2, 1180.0, None])
    path = tmp_path / "export.xlsx"
    workbook.save(path)
    table = read_table(path)
    assert table.columns == ["id", "postcode", "name"]
    assert table.rows == [
        {"id": "1", "postcode": "1000", "name": "Pharmacie"},
        {"id": "2", "postcode": "1180", "name": ""},
    ]


def test_not_an_xlsx():
    with pytest.raises(InputError, match="XLSX"):
        read_xlsx_bytes(b"PK\x03\x04garbage", "x.xlsx")
