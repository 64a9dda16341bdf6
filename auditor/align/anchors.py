"""High-confidence 1-1 anchors and the DP band built around them.

Anchors are sentence pairs that are each other's best match by a clear margin and score high on
their own; the longest chain of anchors that keeps document order (an increasing subsequence) is
kept, the rest are treated as noise or moved content. The DP then only explores cells between
consecutive anchors plus a margin, so its cost follows the number of cells near the diagonal
instead of n x m. The similarity search itself is a blocked matrix product (BLAS), one pass.
"""

from __future__ import annotations

from bisect import bisect_left

import numpy as np

from auditor.align.scoring import PairScorer

#: normalised similarity an anchor must reach: well above MATCH_THRESHOLD, where paraphrases and
#: garbled translations of the same sentence sit (~0.6-1.0) and different sentences rarely go
ANCHOR_THRESHOLD = 0.55
#: an anchor must beat the runner-up in its row and column by this much: repeated or templated
#: sentences (several similar list items) are left to the DP, which sees their neighbours
ANCHOR_MARGIN = 0.05
#: columns explored beyond the box between two anchors: room for a merge/split or a small local
#: reordering right at an anchor to be re-decided by the DP; wider only costs time
BAND_MARGIN = 8
#: rows per similarity block in the anchor search: bounds memory at ~rows x m floats
_SEARCH_ROWS = 256
#: documents with more cell pairs than this (~500 x 500) get the windowed search first; below it
#: the whole matrix costs a few milliseconds anyway
_WINDOW_ABOVE_CELLS = 250_000
#: half-width of the search window: an eighth of the other document, at least 64 sentences --
#: wide enough for the insertions and reorderings of an edited copy
_WINDOW_FRACTION = 8
_MIN_WINDOW = 64
#: the windowed search is trusted when it anchors at least this share of the shorter document;
#: fewer means the versions do not run in parallel and the full search is worth its cost
_WINDOW_MIN_COVER = 0.2


def find_anchors(scorer: PairScorer) -> list[tuple[int, int, float]]:
    """Monotone chain of confident 1-1 pairs (a index, b index, similarity), 0-based sentences.

    Long documents are searched first in a window around the proportional diagonal (versions of
    a story keep its order, so a sentence's counterpart is rarely far from its relative position);
    if that finds anchors for too few sentences -- one version is a summary of part of the other,
    say -- the whole matrix is searched instead.
    """
    n, m = scorer.n, scorer.m
    if n == 0 or m == 0:
        return []
    if n * m > _WINDOW_ABOVE_CELLS:
        window = max(_MIN_WINDOW, m // _WINDOW_FRACTION)
        chain = _search(scorer, window)
        if len(chain) >= _WINDOW_MIN_COVER * min(n, m):
            return chain
    return _search(scorer, None)


def _search(scorer: PairScorer, window: int | None) -> list[tuple[int, int, float]]:
    n, m = scorer.n, scorer.m
    row_best = np.full(n, -np.inf)
    row_arg = np.zeros(n, dtype=np.int64)
    row_second = np.full(n, -np.inf)
    col_best = np.full(m, -np.inf)
    col_second = np.full(m, -np.inf)
    col_arg = np.zeros(m, dtype=np.int64)
    for r0 in range(0, n, _SEARCH_ROWS):
        r1 = min(n, r0 + _SEARCH_ROWS)
        if window is None:
            c0, c1 = 0, m
        else:
            c0 = max(0, int(r0 * m / n) - window)
            c1 = min(m, int(r1 * m / n) + window + 1)
        s = scorer.similarity(1, 1, slice(r0 + 1, r1 + 1), slice(c0 + 1, c1 + 1))
        rows = np.arange(r1 - r0)
        # best and runner-up per row
        arg = np.argmax(s, axis=1)
        row_arg[r0:r1] = arg + c0
        row_best[r0:r1] = s[rows, arg]
        if s.shape[1] > 1:
            s[rows, arg] = -np.inf
            row_second[r0:r1] = s.max(axis=1)
            s[rows, arg] = row_best[r0:r1]
        # running best/second per column across row blocks
        cols = np.arange(c1 - c0)
        blk_arg = np.argmax(s, axis=0)
        blk_best = s[blk_arg, cols]
        if s.shape[0] > 1:
            s[blk_arg, cols] = -np.inf
            blk_second = s.max(axis=0)
        else:
            blk_second = np.full(c1 - c0, -np.inf)
        cb, cs, ca = col_best[c0:c1], col_second[c0:c1], col_arg[c0:c1]
        new_best = blk_best > cb
        col_second[c0:c1] = np.where(new_best, np.maximum(cb, blk_second), np.maximum(cs, blk_best))
        col_arg[c0:c1] = np.where(new_best, blk_arg + r0, ca)
        col_best[c0:c1] = np.where(new_best, blk_best, cb)

    cands = []
    for i in range(n):
        j = int(row_arg[i])
        s = float(row_best[i])
        if (
            s >= ANCHOR_THRESHOLD
            and int(col_arg[j]) == i
            and s - row_second[i] >= ANCHOR_MARGIN
            and s - col_second[j] >= ANCHOR_MARGIN
        ):
            cands.append((i, j, s))
    return _increasing_chain(cands)


def _increasing_chain(cands: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """Longest subsequence with strictly increasing b index (a is already increasing): O(k log k)."""
    tails: list[int] = []  # b index ending the best chain of each length
    tail_idx: list[int] = []
    parent = [-1] * len(cands)
    for k, (_, j, _) in enumerate(cands):
        pos = bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(k)
        else:
            tails[pos] = j
            tail_idx[pos] = k
        parent[k] = tail_idx[pos - 1] if pos > 0 else -1
    chain = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        chain.append(cands[k])
        k = parent[k]
    return chain[::-1]


def band_from_anchors(
    n: int, m: int, anchors: list[tuple[int, int, float]], margin: int = BAND_MARGIN
) -> tuple[np.ndarray, np.ndarray]:
    """Column bounds per DP row: the box between consecutive anchors, widened by ``margin``."""
    pts = [(0, 0)] + [(i + 1, j + 1) for i, j, _ in anchors] + [(n, m)]
    lo = np.zeros(n + 1, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    lo[0], hi[0] = 0, min(m, pts[1][1] + margin)
    for (i1, j1), (i2, j2) in zip(pts, pts[1:]):
        for i in range(i1 + 1, i2 + 1):
            lo[i] = max(0, j1 - margin)
            hi[i] = min(m, j2 + margin)
    # guarantee the path conditions even for degenerate anchor sets (duplicates at the ends)
    lo = np.maximum.accumulate(lo)
    hi = np.maximum.accumulate(hi)
    hi[n] = m
    lo[0] = 0
    for i in range(1, n + 1):
        if lo[i] > hi[i - 1]:
            lo[i] = hi[i - 1]
        if hi[i] < lo[i]:
            hi[i] = lo[i]
    return lo, hi


def full_band(n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Every row spans every column: the exhaustive DP."""
    return np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64)
