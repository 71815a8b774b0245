"""{{ html|rich_text }}: a page's rich text sanitised again at render time (bassins.sites.richtext)."""

from django import template
from django.utils.safestring import mark_safe

from bassins import richtext

register = template.Library()


@register.filter
def rich_text(value):
    return mark_safe(richtext.clean(value))  # noqa: S308 (nh3's output)
