"""The percent filter: a share for the reader in the page's number format."""

from django.utils import translation

from bassins.portal.templatetags.numbers import percent


def test_a_share_reads_as_a_percentage_in_each_language():
    with translation.override("fr"):
        assert percent(0.0254) == "2,5 %" and percent(1) == "100,0 %"
    with translation.override("en"):
        assert percent(0.0254) == "2.5 %"
    assert percent(None) == "–" and percent(float("nan")) == "–" and percent("x") == "–"
