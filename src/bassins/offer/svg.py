"""Server-side SVG charts (no JavaScript), accessible: role="img", <title> and <desc> as text alternative.

Pure (no Django). Every chart repeats figures that are in a table of the same page; its <desc> says
which, and states the values in words so that a screen reader gets them without the picture.

Legible at every width: a chart is drawn `WIDTH` units wide and shrinks with the page (never grows), and
its smallest text is `FONT` units, i.e. at least `MIN_PX` pixels on a screen `MIN_WIDTH` pixels wide (a
390 px phone less the page margins). Labels are never cut: a long label wraps onto several lines above
its bar.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from html import escape
from itertools import count

_ids = count(1)
PALETTE = ["#1f5f8b", "#b35900", "#3f7f3f", "#7a4d91", "#b33a3a"]
HIGHLIGHT = "#b35900"
BASE = "#1f5f8b"
WIDTH = 420  # user units; the chart is scaled down to the width of its container
MIN_WIDTH = 340  # the narrowest container the chart must stay legible in (px)
MIN_PX = 11  # the smallest text size at MIN_WIDTH (px)
FONT = math.ceil(MIN_PX * WIDTH / MIN_WIDTH)  # 14
LINE = FONT + 5
PAD = 10
FONT_FAMILY = "DejaVu Sans, sans-serif"
CHARS_PER_LINE = int((WIDTH - 2 * PAD) / (FONT * 0.62))  # DejaVu Sans: ~0.6 em per character


@dataclass
class Bar:
    """One bar: its label, value (None: no bar), text and interval (low, high)."""

    label: str
    value: float | None
    text: str = ""  # the value in words beside the label ("0,72 (0,63–0,83), 218 services")
    highlighted: bool = False
    low: float | None = None  # the interval drawn as a whisker
    high: float | None = None


def wrap(label: str, width: int = CHARS_PER_LINE) -> list[str]:
    """A label on as many lines as it needs (never cut)."""
    return textwrap.wrap(label, width, break_long_words=False, break_on_hyphens=False) or [""]


def _text(x: float, y: float, content: str, *, anchor: str = "start", weight: str = "") -> str:
    bold = f' font-weight="{weight}"' if weight else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{FONT}"{bold} '
        f'font-family="{FONT_FAMILY}">{escape(content)}</text>'
    )


def _open(uid: int, height: float, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="offer-chart" role="img" width="{WIDTH}" '
        f'height="{height:.0f}" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'aria-labelledby="chart{uid}-title chart{uid}-desc">',
        f'<title id="chart{uid}-title">{escape(title)}</title>',
        f'<desc id="chart{uid}-desc">{escape(desc)}</desc>',
    ]


def bar_chart(
    items: list[Bar],
    *,
    title: str,
    desc: str,
    reference: tuple[str, float] | None = None,
    bar_height: int = 14,
) -> str:
    """Horizontal bars, each under its label and value; optional whisker (interval) and reference line."""
    uid = next(_ids)
    values = [v for item in items for v in (item.value, item.high) if _number(v)]
    if reference and _number(reference[1]):
        values.append(reference[1])
    top = (max(values + [0.0]) * 1.05) or 1.0
    plot = WIDTH - 2 * PAD
    blocks = []
    y = PAD
    for item in items:
        lines = wrap(f"{item.label} — {item.text}" if item.text else item.label)
        blocks.append((item, lines, y))
        y += len(lines) * LINE + bar_height + 12
    bottom = y
    height = bottom + (2 * LINE if reference else PAD)
    parts = _open(uid, height, title, desc)
    for item, lines, y0 in blocks:
        for i, line in enumerate(lines):
            parts.append(
                _text(PAD, y0 + (i + 1) * LINE - 5, line, weight="bold" if item.highlighted else "")
            )
        by = y0 + len(lines) * LINE
        colour = HIGHLIGHT if item.highlighted else BASE
        if _number(item.value):
            w = plot * item.value / top
            parts.append(
                f'<rect x="{PAD}" y="{by:.1f}" width="{w:.1f}" height="{bar_height}" fill="{colour}"/>'
            )
        if _number(item.low) and _number(item.high):
            x1, x2 = PAD + plot * item.low / top, PAD + plot * item.high / top
            mid = by + bar_height / 2
            parts.append(
                f'<path d="M{x1:.1f} {mid:.1f}H{x2:.1f}M{x1:.1f} {by - 2:.1f}V{by + bar_height + 2:.1f}'
                f'M{x2:.1f} {by - 2:.1f}V{by + bar_height + 2:.1f}" stroke="#222" stroke-width="1.5" '
                'fill="none"/>'
            )
    if reference and _number(reference[1]):
        x = PAD + plot * reference[1] / top
        parts.append(
            f'<line x1="{x:.1f}" y1="{PAD}" x2="{x:.1f}" y2="{bottom:.1f}" stroke="#333" '
            'stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
        anchor = "end" if x > WIDTH * 0.6 else ("start" if x < WIDTH * 0.4 else "middle")
        parts.append(_text(x, bottom + LINE, reference[0], anchor=anchor))
    parts.append("</svg>")
    return "".join(parts)


def grouped_bar_chart(
    groups: list[tuple[str, list[float | None]]],
    series: list[str],
    *,
    title: str,
    desc: str,
    fmt=lambda v: f"{v:,.0f}",
    bar_height: int = 14,
) -> str:
    """Horizontal grouped bars: groups = (label, [value per series]) under their label; a legend names
    the series, one per line."""
    uid = next(_ids)
    values = [v for _label, vs in groups for v in vs if _number(v)]
    top = (max(values + [0.0]) * 1.05) or 1.0
    value_space = 70
    plot = WIDTH - 2 * PAD - value_space
    y = PAD
    legend = []
    for i, name in enumerate(series):
        for j, line in enumerate(wrap(name, CHARS_PER_LINE - 3)):
            legend.append((i if j == 0 else None, line, y))
            y += LINE
    y += 6
    blocks = []
    for label, vs in groups:
        lines = wrap(label)
        blocks.append((lines, vs, y))
        y += len(lines) * LINE + len(vs) * (bar_height + 3) + 10
    height = y + PAD
    parts = _open(uid, height, title, desc)
    for i, line, ly in legend:
        if i is not None:
            parts.append(
                f'<rect x="{PAD}" y="{ly + 2}" width="{FONT}" height="{FONT}" '
                f'fill="{PALETTE[i % len(PALETTE)]}"/>'
            )
        parts.append(_text(PAD + FONT + 6, ly + LINE - 5, line))
    for lines, vs, y0 in blocks:
        for i, line in enumerate(lines):
            parts.append(_text(PAD, y0 + (i + 1) * LINE - 5, line, weight="bold"))
        by = y0 + len(lines) * LINE
        for i, value in enumerate(vs):
            if _number(value):
                w = plot * value / top
                parts.append(
                    f'<rect x="{PAD}" y="{by:.1f}" width="{w:.1f}" height="{bar_height}" '
                    f'fill="{PALETTE[i % len(PALETTE)]}"/>'
                )
                parts.append(_text(PAD + w + 4, by + bar_height - 2, fmt(value)))
            by += bar_height + 3
    parts.append("</svg>")
    return "".join(parts)


def _number(value) -> bool:
    try:
        return value is not None and not math.isnan(float(value))
    except (TypeError, ValueError):
        return False
