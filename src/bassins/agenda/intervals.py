"""Overlap of time intervals (open-door visits a professional books). Pure module (no Django).

Intervals are half-open [start, end): a visit ending at 10:00 does not overlap one starting at 10:00.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime


def overlap(a: tuple[datetime, datetime], b: tuple[datetime, datetime]) -> bool:
    """Do the half-open intervals `a` and `b` overlap?"""
    return a[0] < b[1] and b[0] < a[1]


def overlapping_pairs(intervals: Sequence[tuple[datetime, datetime]]) -> list[tuple[int, int]]:
    """The pairs (i, j), i < j, of `intervals` that overlap (sorted sweep, O(n log n + k))."""
    order = sorted(range(len(intervals)), key=lambda i: (intervals[i][0], intervals[i][1]))
    pairs: list[tuple[int, int]] = []
    active: list[int] = []
    for i in order:
        start = intervals[i][0]
        active = [j for j in active if intervals[j][1] > start]
        pairs += [(min(i, j), max(i, j)) for j in active]
        active.append(i)
    return sorted(pairs)
