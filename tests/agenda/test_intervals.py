import datetime as dt

from bassins.agenda.intervals import overlap, overlapping_pairs

T = dt.datetime(2024, 12, 2, 9)


def at(h0, h1):
    return (T + dt.timedelta(hours=h0), T + dt.timedelta(hours=h1))


def test_touching_intervals_do_not_overlap():
    assert not overlap(at(0, 1), at(1, 2))
    assert overlap(at(0, 2), at(1, 3))
    assert overlap(at(1, 2), at(0, 3))


def test_overlapping_pairs_matches_every_pair_checked():
    intervals = [at(0, 1), at(0.5, 2), at(1, 1.5), at(3, 4), at(1.25, 3.5)]
    expected = [
        (i, j)
        for i in range(len(intervals))
        for j in range(i + 1, len(intervals))
        if overlap(intervals[i], intervals[j])
    ]
    assert overlapping_pairs(intervals) == expected == [(0, 1), (1, 2), (1, 4), (2, 4), (3, 4)]
