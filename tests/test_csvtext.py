"""The one decoder of text tables (bassins.csvtext), and that every importer family uses it."""

import codecs

import pytest

from bassins import csvtext
from bassins.errors import InputError

UTF8 = "id;name\n1;Crèche « Les Lutins »\n2;Maison médicale\n3;Centre\n".encode()


def test_utf8_bom_utf16_and_pure_windows_1252():
    assert csvtext.decode(UTF8, "x.csv") == (UTF8.decode(), "utf-8")
    assert csvtext.decode(codecs.BOM_UTF8 + UTF8, "x.csv") == (UTF8.decode(), "utf-8-sig")
    assert csvtext.decode(UTF8.decode().encode("utf-16"), "x.csv") == (UTF8.decode(), "utf-16")
    text = "id;name\n1;Molière – « café »\n2;Œuvre\n"
    assert csvtext.decode(text.encode("cp1252"), "x.csv") == (text, "cp1252")


def test_utf8_with_a_stray_windows_1252_byte_is_refused_with_the_line():
    data = UTF8.replace(b"Centre", b"Centre \xe9t\xe9")  # line 4 edited in a Windows program
    with pytest.raises(InputError) as error:
        csvtext.decode(data, "x.csv")
    assert str(error.value) == (
        "x.csv: line 4: byte b'\\xe9' is not UTF-8, while line 2 is UTF-8 ('è'): the file mixes "
        "encodings (save it again as UTF-8)"
    )
    # the same bytes before any UTF-8 letter: still named by their line
    with pytest.raises(InputError, match="line 2: byte b'\\\\xe9' is not UTF-8, while line 3"):
        csvtext.decode(b"id\n\xe9\n\xc3\xa9\n", "y.csv")


def test_a_bom_followed_by_other_bytes_is_refused():
    with pytest.raises(InputError, match="line 2: starts with a utf-8-sig byte order mark"):
        csvtext.decode(codecs.BOM_UTF8 + b"id\n\xe9\n", "x.csv")


def test_separator_sniffed_outside_quotes():
    assert csvtext.sniff_separator('"a,b";c;d') == ";"
    assert csvtext.sniff_separator("a|b|c", ("|", ";", ",", "\t")) == "|"
    assert csvtext.sniff_separator("a,b;c") == ","  # a tie: the first in order
    assert csvtext.sniff_separator("name") == ","


def test_every_importer_family_refuses_the_mixed_file(tmp_path):
    """Directory tables, territory tables and population text files decode through csvtext."""
    from bassins.directory.tabular import read_csv_bytes
    from bassins.population.readers import _read_text_table
    from bassins.territory.tables import read_csv_table

    mixed = tmp_path / "mixed.csv"
    mixed.write_bytes(UTF8.replace(b"Centre", b"Centre \xe9"))
    with pytest.raises(InputError, match="line 4: .* the file mixes encodings"):
        read_csv_bytes(mixed.read_bytes(), "mixed.csv")
    with pytest.raises(InputError, match="line 4: .* the file mixes encodings"):
        read_csv_table(mixed, ["id"])
    with pytest.raises(InputError, match="line 4: .* the file mixes encodings"):
        _read_text_table(mixed, "mixed.csv")
    cp1252 = tmp_path / "cp1252.csv"
    cp1252.write_bytes("id;name\n1;Molière\n".encode("cp1252"))
    assert read_csv_table(cp1252, ["id", "name"])["name"].tolist() == ["Molière"]
    assert _read_text_table(cp1252, "cp1252.csv")["name"].tolist() == ["Molière"]
    assert read_csv_bytes(cp1252.read_bytes(), "cp1252.csv").rows == [
        {"id": "1", "name": "Molière"}
    ]
