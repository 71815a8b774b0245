"""Hostile requests to every URL pattern of the site, in French and Dutch, on the real data.

Every pattern of the URL configuration is walked (a pattern added later is walked too): each of its
parameters in turn takes hostile values (path traversal, NUL bytes, very long strings, SQL and HTML
injection, unknown codes, wrong extensions, double encoding) while the others keep a valid value, and
every pattern gets a hostile query string. Whatever the request, the site answers without a server error
(no 5xx, no traceback), never reflects an HTML payload unescaped, and says "not found" in the visitor's
language.
"""

from __future__ import annotations

import re
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.contrib.auth.models import User
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

pytestmark = [pytest.mark.django_db, pytest.mark.realdata]

LANGS = ("fr", "nl")
MARKER = "<script>alert('bassins')</script>"
#: Raw path segments, put into the URL as they are (already percent-encoded where they need to be).
HOSTILE = [
    "../../etc/passwd",
    "..%2F..%2F..%2Fetc%2Fpasswd",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "%252e%252e%252fetc",
    "..\\..\\windows\\win.ini",
    "%00",
    "N%00.json",
    "x" * 4000,
    "9" * 40,
    "-1",
    "0",
    "NULL",
    quote(MARKER, safe=""),
    quote('"><img src=x onerror=alert(1)>', safe=""),
    quote("' OR 1=1 --", safe=""),
    quote("1; DROP TABLE directory_service", safe=""),
    quote("=cmd|' /C calc'!A0", safe=""),
    "ZZ",
    "21999",
    "04000",
    "sector",
    "N.exe",
    "bassins.php",
    "N.json.exe",
    "%C3%A9t%C3%A9",
    "%E2%80%AE",
    "%FF%FE",
]
#: A valid value of each parameter (by name; `code` by the layer of its pattern).
VALID = {
    "table": "bassins",
    "fmt": "csv",
    "layer": "bassin",
    "app_label": "directory",
    "object_id": "1",
    "content_type_id": "1",
    "id": "1",
    "url": "nothing",
    "slug": "nord",
    "theme": "sante-mentale",
}
VALID_CODE = {"bassin": "N", "commune": "21004"}
ENGLISH_404 = "The requested resource was not found on this server."
NOT_FOUND = {"fr": "Il n'y a pas de page à cette adresse", "nl": "Er is geen pagina op dit adres"}


def _regex_template(regex: str) -> str:
    """A regex pattern as a template: named groups become {name}; anchors and escapes go."""
    out, i = [], 0
    while i < len(regex):
        if regex.startswith("(?P<", i):
            name = regex[i + 4 : regex.index(">", i)]
            depth, j = 0, i
            while True:
                depth += {"(": 1, ")": -1}.get(regex[j], 0)
                j += 1
                if depth == 0:
                    break
            out.append("{" + name + "}")
            i = j
        else:
            out.append(regex[i])
            i += 1
    return re.sub(r"\\(.)", r"\1", "".join(out).lstrip("^").rstrip("$"))


def _template(pattern) -> tuple[str, bool]:
    """(template, language-prefixed) of one piece of a URL pattern."""
    if isinstance(pattern, LocalePrefixPattern):
        return "{lang}/", True
    if isinstance(pattern, RoutePattern):
        return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", str(pattern)), False
    if isinstance(pattern, RegexPattern):
        return _regex_template(pattern._regex), False
    raise AssertionError(f"a URL pattern of an unknown kind: {pattern!r}")


def _endpoints(patterns=None, prefix="", localised=False):
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        piece, prefixed = _template(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _endpoints(entry.url_patterns, prefix + piece, localised or prefixed)
        else:
            yield {
                "template": "/" + prefix + piece,
                "localised": localised or prefixed,
                "defaults": entry.default_args,
                "name": entry.name,
            }


def _localised_endpoints() -> list[dict]:
    """The endpoints (templates in French), each with its template in every language (`templates`):
    URL slugs are translated."""
    from django.utils import translation

    by_lang = {}
    for lang in ("fr", "nl", "en"):
        with translation.override(lang):
            by_lang[lang] = list(_endpoints())
    endpoints = by_lang["fr"]
    for i, endpoint in enumerate(endpoints):
        endpoint["templates"] = {lang: found[i]["template"] for lang, found in by_lang.items()}
    return endpoints


ENDPOINTS = _localised_endpoints()
PUBLIC = [e for e in ENDPOINTS if not e["template"].startswith("/admin/")]
ADMIN = [e for e in ENDPOINTS if e["template"].startswith("/admin/")]


def _parameters(endpoint) -> list[str]:
    return re.findall(r"{(\w+)}", endpoint["template"].replace("{lang}", ""))


def _valid(endpoint, name: str) -> str:
    if name == "code":
        return VALID_CODE[endpoint["defaults"].get("layer", "bassin")]
    return VALID.get(name, "x")


def _url(endpoint, lang: str, **values) -> str:
    names = _parameters(endpoint)
    filled = {name: values.get(name, _valid(endpoint, name)) for name in names}
    # str.format would read braces in a value: substitute one name at a time
    url = endpoint["templates"][lang].replace("{lang}", lang)
    for name, value in filled.items():
        url = url.replace("{" + name + "}", value)
    return url


def _check(response, url: str, lang: str | None) -> None:
    where = f"GET {url[:160]} -> {response.status_code}"
    assert response.status_code < 500, where
    kind = response.get("Content-Type", "")
    body = (
        response.content.decode("utf-8", "replace")
        if kind.startswith(("text/", "application/json", "application/geo+json"))
        else ""
    )
    assert MARKER not in body and "<img src=x" not in body, f"{where}: payload reflected unescaped"
    assert "Traceback" not in body and 'id="traceback"' not in body, (
        f"{where}: a stack trace is shown"
    )
    for header, value in response.items():
        assert MARKER not in value and "\n" not in value, (
            f"{where}: header {header} carries the payload"
        )
    if response.status_code == 404 and kind.startswith("text/html"):
        assert ENGLISH_404 not in body, f"{where}: Django's English 'Not Found' page"
        if lang:
            assert f'<html lang="{lang}">' in body and NOT_FOUND[lang] in body, (
                f"{where}: not in {lang}"
            )


def test_every_url_pattern_is_walked():
    templates = {e["template"] for e in ENDPOINTS}
    for expected in (
        "/{lang}/offre/bassin/{code}/",
        "/{lang}/offre/commune/{code}/{table}.{fmt}",
        "/{lang}/offre/bassin/{code}.pdf",
        "/{lang}/territories/{layer}.geojson",
        "/{lang}/repertoire/qualite.csv",
        "/{lang}/index.json",
        "/i18n/setlang/",
        "/admin/directory/service/{object_id}/change/",
        "/admin/{url}",
    ):
        assert expected in templates
    assert len(PUBLIC) >= 17 and len(ADMIN) >= 60


@pytest.mark.parametrize("endpoint", PUBLIC, ids=[e["template"] for e in PUBLIC])
def test_hostile_path_parameters(client, loaded_site, endpoint):
    for lang in LANGS if endpoint["localised"] else (None,):
        for name in _parameters(endpoint):
            for value in HOSTILE:
                url = _url(endpoint, lang or "fr", **{name: value})
                _check(client.get(url), url, lang)


@pytest.mark.parametrize("endpoint", PUBLIC, ids=[e["template"] for e in PUBLIC])
def test_hostile_query_strings(client, loaded_site, endpoint):
    keys = ["issue", "layer", "code", "lang", "format", "next", "page", "q", "o", "table", "fmt"]
    query = "&".join(f"{key}={value}" for key, value in zip(keys * 3, HOSTILE, strict=False))
    for lang in LANGS if endpoint["localised"] else (None,):
        url = _url(endpoint, lang or "fr")
        for suffix in (
            f"?{query}",
            "?issue=" + "x" * 20000,
            "?issue=a&issue=b&issue=" + quote(MARKER, safe=""),
        ):
            _check(client.get(url + suffix), url + suffix, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_unknown_pages_say_so_in_the_visitors_language(client, loaded_site, lang):
    offer = {"fr": "offre/bassin", "nl": "aanbod/zorgzone"}[lang]
    commune = {"fr": "offre/commune", "nl": "aanbod/gemeente"}[lang]
    for path in (
        f"{offer}/ZZ/",
        f"{commune}/21999.json",
        f"{offer}/N/nothing.csv",
        f"{offer}/N/bassins.exe",
        "territories/secret.geojson",
        quote(MARKER, safe=""),
    ):
        response = client.get(f"/{lang}/{path}")
        assert response.status_code == 404
        _check(response, path, lang)


def test_hostile_headers(client, loaded_site):
    for accept in ("../../etc/passwd", "x" * 5000, "de-DE;q=abc, *;q=1", MARKER):
        response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
        assert response.status_code == 302 and response["Location"] in ("/fr/", "/nl/", "/en/")
    response = client.get("/fr/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    _check(response, "/fr/ (Host: evil.example)", None)
    response = client.get("/fr/", HTTP_HOST=MARKER)
    assert response.status_code == 400
    _check(response, "/fr/ (Host: <script>)", None)


def test_language_switch_never_redirects_off_site(client, loaded_site):
    for target in (
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
    ):
        response = client.post("/i18n/setlang/", {"language": "nl", "next": target})
        assert response.status_code == 302 and response["Location"].startswith("/")
        assert (
            "evil.example" not in response["Location"] and "javascript" not in response["Location"]
        )


def test_hostile_admin_urls_as_a_steward(client, loaded_site):
    """The admin answers hostile object ids and query strings (logged in) without a server error."""
    client.force_login(
        User.objects.create_superuser("steward", "steward@example.be", "a-long-password-1")
    )
    for endpoint in ADMIN:
        for name in _parameters(endpoint):
            for value in HOSTILE:
                url = _url(endpoint, "fr", **{name: value})
                _check(client.get(url), url, None)
        if endpoint["name"] and endpoint["name"].endswith("_changelist"):
            for query in (
                "?q=" + quote("' OR 1=1 --"),
                "?o=999",
                "?p=-1",
                "?p=99999",
                "?status__exact=" + "x" * 300,
                "?nonexistent_field=1",
                "?q=" + quote(MARKER, safe=""),
            ):
                url = _url(endpoint, "fr") + query
                _check(client.get(url), url, None)


def test_a_server_error_shows_no_stack_trace(client, loaded_site, monkeypatch):
    from bassins.portal import views

    def broken(lang):
        raise RuntimeError("secret detail of the failure")

    monkeypatch.setattr(views, "bassin_rows", broken)
    client.raise_request_exception = False
    for lang, words in (("fr", "Erreur du serveur"), ("nl", "Serverfout")):
        response = client.get(f"/{lang}/")
        body = response.content.decode()
        assert response.status_code == 500
        assert f'<html lang="{lang}">' in body and words in body
        assert (
            "secret detail" not in body and "Traceback" not in body and "RuntimeError" not in body
        )


def test_debug_is_off_unless_asked_for():
    """The settings module itself (not the test run, where pytest-django turns DEBUG off anyway)."""
    code = "import bassins.web.settings as s; print(s.DEBUG)"
    env = {key: value for key, value in __import__("os").environ.items() if key != "BASSINS_DEBUG"}
    assert (
        subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        ).stdout.strip()
        == "False"
    )
    env["BASSINS_DEBUG"] = "yes"
    assert (
        subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        ).stdout.strip()
        == "False"
    )
