import pytest

from bassins.directory.contacts import check_email, check_phone, check_url, split_urls


@pytest.mark.parametrize(
    "raw, value",
    [
        ("02/529.41.20", "+32 2 529 41 20"),
        ("+32 2 318 60 54", "+32 2 318 60 54"),
        ("0484 60 80 47", "+32 484 60 80 47"),
        ("0800 30 030", "+32 800 30 030"),
        ("070 245 245", "+32 70 24 52 45"),
        ("107", "107"),
        ("1710", "1710"),
    ],
)
def test_valid_phones(raw, value):
    check = check_phone(raw)
    assert check.valid and check.value == value


@pytest.mark.parametrize("raw", ["12345", "02 511", "abc", "=1+1", "0032 2 123"])
def test_invalid_phones_are_kept_and_flagged(raw):
    check = check_phone(raw)
    assert not check.valid and check.value == raw and check.problem


def test_email():
    assert check_email("Info@Example.BE").value == "Info@example.be"
    assert check_email("mailto:a.b@cpas-anderlecht.brussels").valid
    for bad in ["a@b", "a@@b.be", "a b@c.be", "@c.be", "a@-c.be", "a@c.b"]:
        assert not check_email(bad).valid, bad


def test_url():
    assert check_url("www.klstjan.be").value == "http://www.klstjan.be"
    assert check_url("https://ocmwbxl.brussels/?p=37").valid
    for bad in [
        "javascript:alert(1)",
        "http://127.0.0.1/",
        "ftp://x.be",
        "http://user:pw@x.be",
        "not a url",
        "http://x",
    ]:
        assert not check_url(bad).valid, bad
    assert split_urls("www.a.be; www.b.be") == ["www.a.be", "www.b.be"]
