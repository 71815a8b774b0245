"""Search pages, JSON twin and freshness after an admin edit, on the real directory."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User
from django.test import Client

from bassins.directory.models import Service

pytestmark = pytest.mark.realdata


@pytest.fixture
def steward(db):
    return User.objects.create_superuser("steward", "steward@example.be", "a-long-password-1")


def test_pages_in_each_language(directory_loaded):
    client = Client()
    for url in ("/fr/recherche/", "/nl/zoeken/", "/en/search/"):
        page = client.get(url, {"q": "OCMW", "near": "1030"})
        assert page.status_code == 200, url
        assert "CPAS de Schaerbeek" in page.content.decode()
    fr = client.get("/fr/recherche/", {"q": "je n'ai plus d'argent pour manger"}).content.decode()
    assert "Pourquoi ce service" in fr and "Aide alimentaire" in fr
    nl = client.get("/nl/zoeken/", {"q": "daklozen nachtopvang"}).content.decode()
    assert "Waarom deze dienst" in nl


def test_json_twin(directory_loaded):
    response = Client().get(
        "/fr/recherche.json", {"q": "OCMW", "near": "Boulevard Auguste Reyers 70, 1030"}
    )
    data = json.loads(response.content)
    assert response.status_code == 200 and data["language"] == "nl"
    assert data["hits"][0]["name"] == "CPAS de Schaerbeek"
    assert data["hits"][0]["why"]["area"] == "serves"
    assert data["hits"][0]["why"]["synonyms"][0]["category"] == "cpas"
    assert dict(map(tuple, data["facets"]["category"]))["cpas"] == data["total"]


def test_hostile_requests_never_fail(directory_loaded):
    client = Client()
    for params in (
        {"q": "x" * 10_000},
        {"q": '"'},
        {"q": "* NEAR( OR"},
        {"q": "aide\x00\x07"},
        {"q": "' OR 1=1 --"},
        {"lat": "abc", "lon": "4.3"},
        {"radius": "5"},
        {"at": "yesterday"},
        {"page": "-1e99"},
        {"category": "<script>"},
        {"near": "nowhere at all"},
    ):
        for url in ("/fr/recherche/", "/fr/recherche.json"):
            response = client.get(url, params)
            assert response.status_code in (200, 400), (url, params)
            if url.endswith(".json"):
                assert response["Content-Type"] == "application/json"
            else:
                assert b"<script>" not in response.content


def test_admin_edit_visible_in_next_search(directory_loaded, steward):
    client = Client()
    before = json.loads(client.get("/nl/zoeken.json", {"q": "Cureghem-Zuid"}).content)
    assert all("Cureghem" not in hit["name"] for hit in before["hits"])
    client.force_login(steward)
    service = Service.objects.get(source="directory_sample", source_key="1")
    url = f"/admin/directory/service/{service.pk}/change/"
    page = client.get(url)
    form = page.context["adminform"].form
    data = {
        name: (form.initial.get(name) if form.initial.get(name) is not None else "")
        for name in form.fields
    }
    data.update(
        {"name_nl": "OCMW Cureghem-Zuid", "organization": str(service.organization_id or "")}
    )
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        for name in formset.management_form.fields:
            data[f"{formset.prefix}-{name}"] = (
                formset.management_form.initial.get(name, 0)
                if name != "TOTAL_FORMS"
                else len(formset.forms)
            )
        for position, inline_form in enumerate(formset.forms):
            for name in inline_form.fields:
                value = inline_form.instance.pk if name == "id" else inline_form.initial.get(name)
                data[f"{formset.prefix}-{position}-{name}"] = (
                    "" if value is None else str(getattr(value, "pk", value))
                )
    data = {k: ("" if v is None else v) for k, v in data.items()}
    assert client.post(url, data).status_code == 302
    found = json.loads(client.get("/nl/zoeken.json", {"q": "Cureghem-Zuid"}).content)
    assert found["hits"][0]["service_id"] == str(service.pk)


def test_unmet_needs_counted_without_text(directory_loaded):
    from bassins.search.models import KeptQuery, UnmetNeed

    Client().get("/fr/recherche/", {"q": "zzzyxw qqqvvv", "near": "1030"})
    row = UnmetNeed.objects.get()
    assert (row.layer, row.code, row.kind, row.count) == ("commune", "21015", "no_result", 1)
    assert KeptQuery.objects.count() == 0


def test_query_text_kept_only_when_opted_in(directory_loaded, settings):
    import datetime as dt

    from bassins.search.models import KeptQuery

    settings.BASSINS_SEARCH_KEEP_QUERIES_DAYS = 30
    old = KeptQuery.objects.create(
        day=dt.date.today() - dt.timedelta(days=31), text="x", kind="no_result"
    )
    Client().get("/fr/recherche/", {"q": "zzzyxw qqqvvv"})
    assert list(KeptQuery.objects.values_list("text", flat=True)) == ["zzzyxw qqqvvv"]
    assert not KeptQuery.objects.filter(pk=old.pk).exists()


def test_command_line(directory_loaded, capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    call_command(
        "search",
        "je n'ai plus d'argent pour manger",
        "--near",
        "Rue Royale 12, 1030",
        "--at",
        "2026-11-30T10:00",
        "--format",
        "json",
    )
    data = json.loads(capsys.readouterr().out)
    assert data["hits"] and all(hit["open"] for hit in data["hits"])
    assert data["hits"][0]["category"] in ("food_aid", "cpas")
    with pytest.raises(CommandError) as error:
        call_command("search", "aide", "--near", "nowhere at all")
    assert error.value.returncode == 2 and "parameter near" in str(error.value)


def test_temporarily_closed_pharmacies_never_open_now(directory_loaded):
    client = Client()

    def every_hit(**params):
        hits, page = [], 1
        while True:
            data = json.loads(
                client.get(
                    "/fr/recherche.json", {**params, "per_page": "100", "page": page}
                ).content
            )
            hits += data["hits"]
            if page >= data["pages"]:
                return hits
            page += 1

    shown = every_hit(q="pharmacie")
    paused = [hit for hit in shown if hit["status"] != "active"]
    assert len(paused) >= 50  # the AFMPS register's temporarily closed pharmacies are shown
    assert all(hit["open"] is not True for hit in paused)  # closed, or hours unknown
    open_then = every_hit(q="pharmacie", at="2026-11-30T10:00")
    assert len(open_then) > 100
    assert all(hit["open"] and hit["status"] == "active" for hit in open_then)


def test_the_facets_name_their_values_in_the_page_language(directory_loaded):
    # codes are for machines: the facets show "Nord" / "Noord", "Schaerbeek" / "Schaarbeek",
    # the languages spoken by their names
    client = Client()
    fr = client.get("/fr/recherche/", {"q": "cpas"}).content.decode()
    nl = client.get("/nl/zoeken/", {"q": "ocmw"}).content.decode()
    for html, bassin, commune in ((fr, "Nord", "Schaerbeek"), (nl, "Noord", "Schaarbeek")):
        facets = html[html.index('<nav class="facets"') :]
        facets = facets[: facets.index("</nav>")]
        assert f">{bassin} (" in facets and f">{commune} (" in facets, facets[:2000]
        assert ">N (" not in facets and ">21015 (" not in facets
