"""Server-side SVG of the indicator pages (spine chart, population pyramid) and the map classes. Pure.

Same rules as `bassins.offer.svg` (whose sizes, fonts and text helpers are reused): role="img",
<title> and <desc> as text alternative, every figure repeated in a table of the same page, legible
at 390 px.

The spine chart (after Fingertips' area profiles): one row per indicator; the bar spans the range
of the peers (the areas of the same layer: lowest to highest, the middle half darker), the region's
value is the vertical line in the middle (every row is centred on it), the area's value a circle
coloured by its comparison with the region at 99.8% (worse, better, similar, not compared).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape
from itertools import count

import numpy as np

from bassins.indicators import stats
from bassins.offer.svg import FONT, LINE, PAD, WIDTH, _text, wrap

_ids = count(1)
COLOURS = {
    stats.WORSE: "#c0392b",
    stats.BETTER: "#1e7b34",
    stats.SIMILAR: "#f0b400",
    stats.HIGHER: "#3a5fa8",
    stats.LOWER: "#7fa7d9",
    stats.NOT_COMPARED: "#ffffff",
}
#: The fill of an area without a value (maps and legends).
NO_VALUE = "#ffffff"
SHAPES = {stats.WORSE: "circle", stats.BETTER: "circle", stats.SIMILAR: "circle"}


@dataclass
class SpineRow:
    """One indicator of a spine chart: the area's value, its comparison, the region and the peers."""

    label: str
    value: float | None
    comparison: str
    region: float | None
    peers: list[float]
    text: str = ""  # the value in words (for the label line)


def spine_chart(rows: list[SpineRow], *, title: str, desc: str) -> str:
    """The spine chart of an area profile (see the module)."""
    uid = next(_ids)
    bar_h, top = 12, PAD
    left, right = PAD, WIDTH - PAD
    middle = (left + right) / 2
    half = (right - left) / 2
    parts, y = [], top
    for row in rows:
        lines = wrap(f"{row.label}: {row.text}" if row.text else row.label)
        for line in lines:
            y += LINE
            parts.append(_text(left, y, line))
        y += 6
        peers = np.array([p for p in row.peers if _number(p)], dtype=float)
        if len(peers) and _number(row.region):
            deviations = np.abs(
                np.append(peers, row.value if _number(row.value) else row.region) - row.region
            )
            scale = half / (deviations.max() or 1.0)

            def at(v, s=scale, r=row.region):
                return middle + (v - r) * s

            low, q1, q3, high = np.percentile(peers, [0, 25, 75, 100])
            parts.append(
                f'<rect x="{at(low):.1f}" y="{y:.1f}" width="{max(at(high) - at(low), 1):.1f}" '
                f'height="{bar_h}" fill="#c9d3df"/>'
            )
            parts.append(
                f'<rect x="{at(q1):.1f}" y="{y:.1f}" width="{max(at(q3) - at(q1), 1):.1f}" '
                f'height="{bar_h}" fill="#8ea2b8"/>'
            )
            parts.append(
                f'<line x1="{middle:.1f}" x2="{middle:.1f}" y1="{y - 3:.1f}" y2="{y + bar_h + 3:.1f}" '
                'stroke="#000" stroke-width="2"/>'
            )
            if _number(row.value):
                colour = COLOURS.get(row.comparison, "#ffffff")
                parts.append(
                    f'<circle cx="{at(row.value):.1f}" cy="{y + bar_h / 2:.1f}" r="6" fill="{colour}" '
                    'stroke="#000" stroke-width="1.5"/>'
                )
        y += bar_h + 8
    height = y + PAD
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="indicator-chart" role="img" width="{WIDTH}" '
        f'height="{height:.0f}" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'aria-labelledby="spine{uid}-title spine{uid}-desc">',
        f'<title id="spine{uid}-title">{escape(title)}</title>',
        f'<desc id="spine{uid}-desc">{escape(desc)}</desc>',
    ]
    return "\n".join([*head, *parts, "</svg>"])


def pyramid(
    bands: list[str],
    males: list[float],
    females: list[float] | None,
    *,
    title: str,
    desc: str,
    left_label: str,
    right_label: str,
) -> str:
    """A population pyramid: one bar per age band (youngest at the bottom). With `females` None the
    bars are centred on the total (the age file has no sex): `males` holds the totals then."""
    uid = next(_ids)
    bar_h, gap = 14, 3
    label_w = FONT * 3.2
    top = PAD + LINE
    middle = WIDTH / 2
    half = (WIDTH - 2 * PAD - label_w) / 2
    values = list(males) + list(females or [])
    scale = half / (max(values) or 1)
    parts = []
    if females is not None:
        parts.append(_text(PAD, PAD + FONT, left_label))
        parts.append(_text(WIDTH - PAD, PAD + FONT, right_label, anchor="end"))
    n = len(bands)
    for i, band in enumerate(bands):
        y = top + (n - 1 - i) * (bar_h + gap)
        if females is None:
            w = males[i] * (WIDTH - 2 * PAD - label_w) / (max(values) or 1)
            centre = (PAD + label_w + WIDTH - PAD) / 2  # right of the band labels
            parts.append(
                f'<rect x="{centre - w / 2:.1f}" y="{y:.1f}" width="{w:.1f}" height="{bar_h}" fill="#1f5f8b"/>'
            )
            parts.append(_text(PAD, y + bar_h - 2, band))
        else:
            wm, wf = males[i] * scale, females[i] * scale
            parts.append(
                f'<rect x="{middle - label_w / 2 - wm:.1f}" y="{y:.1f}" width="{wm:.1f}" height="{bar_h}" fill="#1f5f8b"/>'
            )
            parts.append(
                f'<rect x="{middle + label_w / 2:.1f}" y="{y:.1f}" width="{wf:.1f}" height="{bar_h}" fill="#b35900"/>'
            )
            parts.append(_text(middle, y + bar_h - 2, band, anchor="middle"))
    height = top + n * (bar_h + gap) + PAD
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="indicator-chart" role="img" width="{WIDTH}" '
        f'height="{height:.0f}" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'aria-labelledby="pyr{uid}-title pyr{uid}-desc">',
        f'<title id="pyr{uid}-title">{escape(title)}</title>',
        f'<desc id="pyr{uid}-desc">{escape(desc)}</desc>',
    ]
    return "\n".join([*head, *parts, "</svg>"])


#: Colour ramp of the choropleth classes (ColorBrewer "Blues", 5 classes; readable on white).
RAMP = ["#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"]


def classes(values, k: int = 5) -> dict:
    """Map classes of `values` by Fisher-Jenks (mapclassify), with fewer classes when the values do
    not allow k: {"bins": upper bounds, "colours": one per class, "labels": (low, high) per class,
    "class_of": class index of each value (-1 for a missing value)}."""
    import warnings

    with warnings.catch_warnings():  # mapclassify warns once that numba (optional) is absent
        warnings.simplefilter("ignore", UserWarning)
        import mapclassify

    array = np.asarray(values, dtype=float)
    present = array[~np.isnan(array)]
    distinct = len(np.unique(present))
    if distinct == 0:
        return {"bins": [], "colours": [], "labels": [], "class_of": [-1] * len(array)}
    k = max(1, min(k, distinct))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        scheme = mapclassify.FisherJenks(present, k=k) if k > 1 else None
    bins = list(scheme.bins) if scheme is not None else [float(present.max())]
    lows = [float(present.min()), *bins[:-1]]
    colours = RAMP[-len(bins) :] if len(bins) < len(RAMP) else RAMP
    class_of = [-1 if math.isnan(v) else int(np.searchsorted(bins, v, side="left")) for v in array]
    class_of = [min(c, len(bins) - 1) for c in class_of]
    return {
        "bins": bins,
        "colours": colours,
        "labels": list(zip(lows, bins, strict=True)),
        "class_of": class_of,
    }


def _number(value) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))
