"""Rich text of the bassins' pages, news and agenda events: the one sanitiser (nh3, the Ammonia HTML
sanitiser).

Pure module (no Django). `clean(html)` is applied when a page or an event is saved AND when it is
rendered, so
HTML that reached the database another way (a fixture, a SQL shell, an older version of the rules)
is never served raw. What is kept is what the editor (Trix) produces and a reader needs: paragraphs,
headings (an `h1` becomes an `h2`: the page's title is its only `h1`), emphasis, lists, quotes, code
and links (http, https, mailto, tel; `rel="noopener noreferrer"` added). Scripts, styles, event
handlers, images and everything else are removed: images go through the page's image field, whose
alternative text is required.
"""

from __future__ import annotations

import html as html_lib
import re

import nh3

TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "h2",
        "h3",
        "h4",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "s",
        "del",
        "a",
        "ul",
        "ol",
        "li",
        "blockquote",
        "pre",
        "code",
    }
)
ATTRIBUTES = {"a": {"href", "title", "hreflang"}}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_H1 = re.compile(r"<(/?)h1\b", re.IGNORECASE)
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|div|blockquote|pre)>|<br\s*/?>", re.IGNORECASE)


def clean(html: str | None) -> str:
    """`html` with only the allowed tags, attributes and link schemes (see the module docstring)."""
    if not html:
        return ""
    return nh3.clean(
        _H1.sub(r"<\1h2", str(html)),
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def plain_text(html: str | None, *, lines: bool = False) -> str:
    """The text of `html` without any tag, entities decoded, spaces collapsed (for summaries and page
    descriptions); with `lines`, paragraphs, line breaks and list items stay on lines of their own
    (for iCalendar descriptions and e-mails)."""
    # a block's end is a word boundary in both forms ("<p>a</p><p>b</p>" is "a b", never "ab")
    source = _BLOCK_END.sub(lambda m: m.group(0) + "\n", html or "")
    text = html_lib.unescape(nh3.clean(source, tags=set()))
    if not lines:
        return " ".join(text.split())
    kept = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in kept if line)
