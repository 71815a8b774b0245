"""Phone numbers, e-mail addresses and web addresses: normalise what can be, say what is wrong. Pure.

Each `check_*` returns a `Check(value, valid, problem)`: `value` is the normalised form when the input
is valid (phone "+32 2 529 41 20", e-mail with a lower-case domain, URL with a scheme), otherwise the
input as given, so that a data steward sees it in the quality report. Importers keep invalid values
(real registers contain some) and the quality report lists them.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import phonenumbers
from phonenumbers import shortnumberinfo

#: Belgian short numbers that libphonenumber's metadata does not list (health and social lines).
BELGIAN_SHORT_NUMBERS = {
    "1710",
    "1712",
    "1718",
    "1719",
    "1733",
    "1747",
    "1813",
    "116000",
    "116111",
    "116123",
}


@dataclass(frozen=True)
class Check:
    """A checked contact value: the normalised value, whether it is valid, the problem if not."""

    value: str
    valid: bool
    problem: str = ""


def check_phone(raw: str, region: str = "BE") -> Check:
    """'02/529.41.20' -> '+32 2 529 41 20'; '107' and '1710' stay short numbers; others are invalid."""
    raw = (raw or "").strip()
    if not raw:
        return Check("", True)
    digits = re.sub(r"[\s./()-]", "", raw)
    if digits in BELGIAN_SHORT_NUMBERS:
        return Check(digits, True)
    if len(raw) > 40 or not re.fullmatch(
        r"[+\d\s./()-]+(?:\s*(?:ext\.?|x|poste|#)\s*\d{1,6})?", raw, re.I
    ):
        return Check(raw, False, "not a phone number")
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return Check(raw, False, "not a phone number")
    if (
        digits.isdigit()
        and len(digits) <= 6
        and shortnumberinfo.is_valid_short_number_for_region(number, region)
    ):
        return Check(digits, True)
    if not phonenumbers.is_valid_number(number):
        return Check(raw, False, "not a valid phone number (wrong length or prefix)")
    return Check(
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL), True
    )


_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def _valid_host(host: str) -> bool:
    try:
        host = host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return False
    labels = host.split(".")
    if len(host) > 253 or len(labels) < 2:
        return False
    if not all(_LABEL.match(label) for label in labels):
        return False
    return bool(re.fullmatch(r"[a-z]{2,63}|xn--[a-z0-9-]+", labels[-1]))


def check_email(raw: str) -> Check:
    """Syntax check (RFC 5321 dot-atom local part, a registrable-looking domain); domain put in lower case."""
    raw = (raw or "").strip()
    if not raw:
        return Check("", True)
    candidate = raw[7:] if raw.lower().startswith("mailto:") else raw
    if len(candidate) > 254 or candidate.count("@") != 1:
        return Check(raw, False, "not an e-mail address")
    local, domain = candidate.split("@")
    if not local or len(local) > 64 or not _LOCAL.match(local):
        return Check(raw, False, "invalid part before the @")
    if not _valid_host(domain):
        return Check(raw, False, "invalid domain")
    return Check(f"{local}@{domain.lower()}", True)


def check_url(raw: str) -> Check:
    """'www.klstjan.be' -> 'http://www.klstjan.be'; only http(s) URLs with a real host name are valid."""
    raw = (raw or "").strip()
    if not raw:
        return Check("", True)
    if len(raw) > 2000 or re.search(r"\s", raw):
        return Check(raw, False, "not a web address")
    candidate = raw if re.match(r"^[a-z][a-z0-9+.-]*://", raw, re.I) else "http://" + raw
    try:
        parts = urlsplit(candidate)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return Check(raw, False, "not a web address")
    if parts.scheme.lower() not in ("http", "https"):
        return Check(raw, False, f"scheme {parts.scheme!r} is not http or https")
    if parts.username or parts.password:
        return Check(raw, False, "web address with a user name or password")
    try:
        ipaddress.ip_address(host)
        return Check(raw, False, "web address with an IP address instead of a host name")
    except ValueError:
        pass
    if not _valid_host(host):
        return Check(raw, False, "invalid host name")
    netloc = parts.netloc.lower()
    return Check(
        urlunsplit((parts.scheme.lower(), netloc, parts.path, parts.query, parts.fragment)), True
    )


def split_urls(raw: str) -> list[str]:
    """'www.a.be; www.b.be' -> ['www.a.be', 'www.b.be'] (the hospital file lists several sites that way)."""
    return [part.strip() for part in re.split(r"\s*[;,]\s*|\s+", raw or "") if part.strip()]
