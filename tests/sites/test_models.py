import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from bassins.sites.models import News, Page, Status

pytestmark = pytest.mark.django_db

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)


def _page(**fields):
    values = {
        "bassin": "N",
        "slug": "p",
        "title_fr": "Titre",
        "title_nl": "Titel",
        "body_fr": "<p>Texte</p>",
        "body_nl": "<p>Tekst</p>",
    }
    return Page(**(values | fields))


def test_the_body_is_sanitised_when_saved():
    page = _page(body_fr='<p onclick="x()">A<script>alert(1)</script></p>')
    page.save()
    page.refresh_from_db()
    assert page.body_fr == "<p>A</p>"


def test_drafts_and_future_items_are_never_public():
    _page(slug="draft", status=Status.DRAFT).save()
    _page(
        slug="later", status=Status.PUBLISHED, published_at=timezone.now() + dt.timedelta(days=1)
    ).save()
    _page(slug="now", status=Status.PUBLISHED).save()
    assert [p.slug for p in Page.objects.published()] == ["now"]
    assert not Page.objects.get(slug="draft").is_public


def test_publishing_needs_both_languages_and_an_image_needs_its_description():
    with pytest.raises(ValidationError) as error:
        _page(status=Status.PUBLISHED, title_nl="", body_nl="<p> </p>").full_clean()
    assert set(error.value.message_dict) == {"title_nl", "body_nl"}
    _page(status=Status.DRAFT, title_nl="", body_nl="").full_clean()  # a draft may be half done
    image = SimpleUploadedFile("pixel.png", PNG, content_type="image/png")
    news = News(bassin="S", title_fr="t", title_nl="t", body_fr="b", body_nl="b", image=image)
    with pytest.raises(ValidationError) as error:
        news.full_clean()
    assert set(error.value.message_dict) == {"image_alt_fr", "image_alt_nl"}


def test_a_reader_gets_their_language_or_the_other_version():
    page = _page(title_nl="", body_nl="")
    assert page.version_language("nl") == "fr" and page.title("nl") == "Titre"
    assert page.version_language("fr") == "fr"
    assert _page().version_language("nl") == "nl"
