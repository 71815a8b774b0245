"""{{ share|percent }}: a share (0 to 1) for the reader, as a percentage with one decimal in the
page's number format ("2,5 %" in French and Dutch); "–" when there is none."""

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def percent(value, digits: int = 1):
    """The share as a percentage (see the module docstring)."""
    try:
        share = float(value)
    except (TypeError, ValueError):
        return "–"
    if share != share:  # NaN
        return "–"
    return f"{number_format(round(share * 100, int(digits)), int(digits), use_l10n=True)} %"
