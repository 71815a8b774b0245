"""Rich text of the agenda's descriptions, sanitised with nh3 (Ammonia): a short list of tags and
attributes, links forced to rel="noopener noreferrer nofollow", every script, style and event
handler removed. Pure module (no Django).
"""

from __future__ import annotations

import nh3

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "blockquote",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "hreflang"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean_html(text: str | None) -> str:
    """`text` with only the allowed tags and attributes kept (empty string for None)."""
    if not text:
        return ""
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    ).strip()


def plain_text(text: str | None) -> str:
    """The text of sanitised HTML without any tag (for iCal descriptions and e-mails)."""
    if not text:
        return ""
    spaced = text.replace("</p>", "</p>\n").replace("<br>", "\n").replace("</li>", "</li>\n")
    return nh3.clean(spaced, tags=set()).strip()
