"""The admin is branded "bassins — administration" in the reader's language."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "lang, header", [("fr", "bassins — administration"), ("nl", "bassins — beheer")]
)
def test_the_admin_says_whose_it_is(client, lang, header):
    html = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE=lang).content.decode()
    assert "<title>" in html and header in html and "Django administration" not in html
