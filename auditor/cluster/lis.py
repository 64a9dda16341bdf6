"""Longest increasing subsequence: how much of a sentence-to-sentence matching keeps its order.

Clustering (is this the same article, in order?) and provenance (does the version keep its source's
order?) both ask it, so it lives here once.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence


def lis_length(values: Sequence[int]) -> int:
    """Length of the longest strictly increasing subsequence (patience sorting, O(n log n))."""
    tails: list[int] = []
    for v in values:
        i = bisect.bisect_left(tails, v)
        if i == len(tails):
            tails.append(v)
        else:
            tails[i] = v
    return len(tails)
