"""The editors rule attacked through the admin: an editor of Nord cannot list, view, change, add,
delete or publish content of Sud, nor move content to Sud."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from bassins.sites.models import BassinSite, News, Page, Status

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _groups(db):
    """The migration's groups, again if a transactional test flushed them."""
    from bassins.sites.groups import ensure_editor_groups

    ensure_editor_groups()


def _editor(name, code):
    user = User.objects.create_user(name, password="x" * 12, is_staff=True)
    user.groups.add(Group.objects.get(name=f"editors-{code}"))
    return user


def _page(code, slug):
    return Page.objects.create(
        bassin=code, slug=slug, title_fr=f"FR {slug}", title_nl=f"NL {slug}", body_fr="<p>a</p>"
    )


@pytest.fixture
def nord(client):
    client.force_login(_editor("nord", "N"))
    return client


def _form(page, **changes):
    data = {
        "bassin": page.bassin,
        "slug": page.slug,
        "order": 0,
        "status": page.status,
        "published_at_0": "2024-01-01",
        "published_at_1": "10:00:00",
        "title_fr": page.title_fr,
        "title_nl": page.title_nl,
        "body_fr": page.body_fr,
        "body_nl": page.body_nl,
        "image_alt_fr": "",
        "image_alt_nl": "",
    }
    return data | changes


def test_the_migration_makes_one_group_per_bassin_with_the_sites_permissions():
    import importlib

    from django.apps import apps

    Group.objects.filter(name__startswith="editors-").delete()
    BassinSite.objects.all().delete()
    importlib.import_module("bassins.sites.migrations.0002_editor_groups").create_groups(apps, None)
    for code in ("CO", "N", "NE", "S", "SE"):
        codenames = set(
            Group.objects.get(name=f"editors-{code}").permissions.values_list("codename", flat=True)
        )
        assert {"add_page", "change_page", "delete_page", "view_page", "change_news"} <= codenames
        assert {"change_bassinsite", "add_teammember"} <= codenames
    assert set(BassinSite.objects.values_list("bassin", flat=True)) == {"CO", "N", "NE", "S", "SE"}


def test_an_editor_of_nord_lists_only_nord(nord):
    _page("N", "ours")
    _page("S", "theirs")
    response = nord.get(reverse("admin:bassin_sites_page_changelist"))
    assert response.status_code == 200
    assert "FR ours" in response.content.decode() and "FR theirs" not in response.content.decode()


def test_an_editor_of_nord_cannot_view_change_or_delete_a_page_of_sud_by_its_id(nord):
    theirs = _page("S", "theirs")
    change = reverse("admin:bassin_sites_page_change", args=[theirs.pk])
    delete = reverse("admin:bassin_sites_page_delete", args=[theirs.pk])
    # the admin answers an object outside the editor's queryset with a redirect to the index
    assert nord.get(change).status_code == 302
    assert nord.post(change, _form(theirs, title_fr="pirate")).status_code == 302
    assert nord.post(delete, {"post": "yes"}).status_code == 302
    theirs.refresh_from_db()
    assert theirs.title_fr == "FR theirs"


def test_an_editor_of_nord_cannot_add_for_sud_nor_move_a_page_to_sud(nord):
    add = reverse("admin:bassin_sites_page_add")
    page = Page(bassin="S", slug="new", title_fr="t", title_nl="t", body_fr="b", body_nl="b")
    response = nord.post(add, _form(page))
    assert response.status_code == 200  # the form again: "S" is not a valid choice
    assert "bassin" in response.context["adminform"].form.errors
    assert not Page.objects.filter(slug="new").exists()
    ours = _page("N", "ours")
    change = reverse("admin:bassin_sites_page_change", args=[ours.pk])
    response = nord.post(change, _form(ours, bassin="S"))
    assert response.status_code == 200
    ours.refresh_from_db()
    assert ours.bassin == "N"
    # and for its own bassin it works
    response = nord.post(add, _form(Page(bassin="N", slug="fine", title_fr="t", body_fr="b")))
    assert response.status_code == 302 and Page.objects.get(slug="fine").bassin == "N"


def test_an_editor_of_nord_cannot_publish_for_sud(nord):
    theirs = _page("S", "theirs")
    theirs.title_nl, theirs.body_nl = "t", "<p>b</p>"
    theirs.save()
    response = nord.post(
        reverse("admin:bassin_sites_page_changelist"),
        {"action": "publish", "_selected_action": [theirs.pk]},
    )
    assert response.status_code in (200, 302)
    theirs.refresh_from_db()
    assert theirs.status == Status.DRAFT
    news = News.objects.create(bassin="S", title_fr="t", title_nl="t", body_fr="b", body_nl="b")
    change = reverse("admin:bassin_sites_news_change", args=[news.pk])
    assert nord.post(change, {"status": "published"}).status_code == 302
    news.refresh_from_db()
    assert news.status == Status.DRAFT


def test_an_editor_publishes_for_their_own_bassin(nord):
    ours = _page("N", "ours")
    ours.title_nl, ours.body_nl = "t", "<p>b</p>"
    ours.save()
    nord.post(
        reverse("admin:bassin_sites_page_changelist"),
        {"action": "publish", "_selected_action": [ours.pk]},
    )
    ours.refresh_from_db()
    assert ours.status == Status.PUBLISHED


def test_the_admin_form_uses_the_local_rich_text_editor(nord):
    response = nord.get(reverse("admin:bassin_sites_page_add"))
    html = response.content.decode()
    assert "<trix-editor" in html and "/static/vendor/trix/trix.umd.min.js" in html
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["style-src"] == "'self' 'unsafe-inline'" and policy["script-src"] == "'self'"
