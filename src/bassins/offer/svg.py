"""Server-side SVG charts (no JavaScript), accessible: role="img", <title> and <desc> as text alternative.

Pure (no Django). Every chart repeats figures that are in a table of the same page; its <desc> says
which, and states the values in words so that a screen reader gets them without the picture.
"""

from __future__ import annotations

import math
from html import escape
from itertools import count

_ids = count(1)
PALETTE = ["#1f5f8b", "#d9822b", "#3f8f4f", "#8e5ea2", "#b33a3a"]
HIGHLIGHT = "#d9822b"
BASE = "#1f5f8b"


def bar_chart(
    items: list[tuple[str, float | None, bool]],
    *,
    title: str,
    desc: str,
    reference: tuple[str, float] | None = None,
    fmt=lambda v: f"{v:.2f}",
    width: int = 680,
    bar_height: int = 22,
    label_width: int = 260,
) -> str:
    """Horizontal bars: items = (label, value, highlighted); optional reference line (label, value)."""
    uid = next(_ids)
    values = [v for _, v, _ in items if v is not None and not _nan(v)]
    top = max(values + ([reference[1]] if reference and not _nan(reference[1]) else []) + [0.0])
    top = top * 1.15 or 1.0
    plot = width - label_width - 70
    height = 30 + len(items) * (bar_height + 6) + (24 if reference else 6)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="offer-chart" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" aria-labelledby="chart{uid}-title chart{uid}-desc">',
        f'<title id="chart{uid}-title">{escape(title)}</title>',
        f'<desc id="chart{uid}-desc">{escape(desc)}</desc>',
    ]
    y = 20
    for label, value, highlighted in items:
        parts.append(
            f'<text x="{label_width - 8}" y="{y + bar_height * 0.7:.1f}" text-anchor="end" '
            f'font-size="12" font-family="DejaVu Sans, sans-serif">{escape(_short(label))}</text>'
        )
        if value is not None and not _nan(value):
            w = plot * value / top
            colour = HIGHLIGHT if highlighted else BASE
            parts.append(
                f'<rect x="{label_width}" y="{y}" width="{w:.1f}" height="{bar_height}" fill="{colour}"/>'
            )
            parts.append(
                f'<text x="{label_width + w + 4:.1f}" y="{y + bar_height * 0.7:.1f}" font-size="12" '
                f'font-family="DejaVu Sans, sans-serif">{escape(fmt(value))}</text>'
            )
        else:
            parts.append(
                f'<text x="{label_width + 4}" y="{y + bar_height * 0.7:.1f}" font-size="12" '
                f'font-family="DejaVu Sans, sans-serif">–</text>'
            )
        y += bar_height + 6
    if reference and not _nan(reference[1]):
        x = label_width + plot * reference[1] / top
        parts.append(
            f'<line x1="{x:.1f}" y1="14" x2="{x:.1f}" y2="{y}" stroke="#333" stroke-width="1.5" '
            'stroke-dasharray="4 3"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{y + 16}" text-anchor="middle" font-size="11" '
            f'font-family="DejaVu Sans, sans-serif">{escape(reference[0])} {escape(fmt(reference[1]))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def grouped_bar_chart(
    groups: list[tuple[str, list[float | None]]],
    series: list[str],
    *,
    title: str,
    desc: str,
    fmt=lambda v: f"{v:,.0f}",
    width: int = 640,
    bar_height: int = 12,
    label_width: int = 210,
) -> str:
    """Horizontal grouped bars: groups = (label, [value per series]); a legend names the series."""
    uid = next(_ids)
    values = [v for _, vs in groups for v in vs if v is not None and not _nan(v)]
    top = (max(values + [0.0]) * 1.15) or 1.0
    plot = width - label_width - 60
    group_height = len(series) * (bar_height + 2) + 10
    legend_height = 20 * math.ceil(len(series) / 3)
    height = 10 + legend_height + len(groups) * group_height + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="offer-chart" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" aria-labelledby="chart{uid}-title chart{uid}-desc">',
        f'<title id="chart{uid}-title">{escape(title)}</title>',
        f'<desc id="chart{uid}-desc">{escape(desc)}</desc>',
    ]
    for i, name in enumerate(series):
        lx, ly = 10 + (i % 3) * (width // 3), 10 + 20 * (i // 3)
        parts.append(
            f'<rect x="{lx}" y="{ly}" width="12" height="12" fill="{PALETTE[i % len(PALETTE)]}"/>'
        )
        parts.append(
            f'<text x="{lx + 16}" y="{ly + 10}" font-size="11" font-family="DejaVu Sans, sans-serif">'
            f"{escape(name)}</text>"
        )
    y = 10 + legend_height + 4
    for label, vs in groups:
        parts.append(
            f'<text x="{label_width - 8}" y="{y + group_height / 2:.1f}" text-anchor="end" font-size="12" '
            f'font-family="DejaVu Sans, sans-serif">{escape(_short(label))}</text>'
        )
        by = y
        for i, value in enumerate(vs):
            if value is not None and not _nan(value):
                w = plot * value / top
                parts.append(
                    f'<rect x="{label_width}" y="{by}" width="{w:.1f}" height="{bar_height}" '
                    f'fill="{PALETTE[i % len(PALETTE)]}"/>'
                )
                parts.append(
                    f'<text x="{label_width + w + 3:.1f}" y="{by + bar_height - 2}" font-size="10" '
                    f'font-family="DejaVu Sans, sans-serif">{escape(fmt(value))}</text>'
                )
            by += bar_height + 2
        y += group_height
    parts.append("</svg>")
    return "".join(parts)


def _short(label: str, limit: int = 33) -> str:
    """Labels longer than the label column are cut with an ellipsis (the <desc> and the table keep them whole)."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _nan(value) -> bool:
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return True
