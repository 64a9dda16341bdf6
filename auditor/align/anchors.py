"""High-confidence 1-1 anchors and the DP band built around them.

Anchors are sentence pairs that are each other's best match by a wide margin and score high on
their own; the longest chain of anchors that keeps document order (an increasing subsequence) is
kept, the rest are treated as noise or moved content. The DP then only explores cells between
consecutive anchors plus a margin, so its cost follows the number of cells near the diagonal
instead of n x m. The similarity search itself is blocked matrix products (BLAS), coarse-to-fine
on long documents (see ``find_anchors``), so it too touches about as many cells as the band.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable

import numpy as np

from auditor.align.scoring import PairScorer

#: normalised similarity an anchor must reach: well above MATCH_THRESHOLD, where paraphrases and
#: garbled translations of the same sentence sit (~0.6-1.0) and different sentences rarely go
ANCHOR_THRESHOLD = 0.55
#: an anchor must beat the runner-up in its row and column by this much: repeated or templated
#: sentences (several similar list items) are left to the DP, which sees their neighbours
ANCHOR_MARGIN = 0.05
#: columns explored past the box between two anchors: room for a merge/split or a small local
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
#: ... and at most this many: an eighth of a 100,000-sentence document is 12,500 sentences, which made
#: the coarse pass grow with the square of the length (n/4 rows x m/4 columns); no edit of a story moves
#: most of its sentences thousands of sentences away, and if one did the coverage test below sends
#: the pair to the full search anyway. Documents under 8 x this length are unaffected.
_MAX_WINDOW = 1024
#: the windowed search is trusted when it anchors at least this share of the shorter document;
#: fewer means the versions do not run in parallel and the full search is worth its cost
_WINDOW_MIN_COVER = 0.2
#: the coarse pass searches every 4th a-sentence: rough anchors ~4 rows apart pin the path well
#: enough for the fine pass while costing a quarter of the windowed search
_COARSE_STRIDE = 4
#: columns the fine pass searches past the box between two rough anchors: twice the DP's band
#: margin, so a true anchor missed by the coarse pass is still inside the searched band
_FINE_MARGIN = 2 * BAND_MARGIN
#: rows per block in the fine pass: small blocks keep each block's column span close to the band
_FINE_ROWS = 64


def find_anchors(scorer: PairScorer) -> list[tuple[int, int, float]]:
    """Monotone chain of confident 1-1 pairs (a index, b index, similarity), 0-based sentences.

    Long documents are searched coarse-to-fine, so the search costs about as many similarity
    cells as the DP band rather than a wide stripe of the matrix: every ``_COARSE_STRIDE``-th
    a-sentence is first searched in a window around the proportional diagonal (versions of a
    story keep its order, so a sentence's counterpart is rarely far from its relative position),
    and every sentence is then searched inside a band around that rough chain. If either pass
    anchors too few sentences -- one version is a summary of part of the other, say -- the whole
    matrix is searched instead.
    """
    n, m = scorer.n, scorer.m
    if n == 0 or m == 0:
        return []
    if n * m > _WINDOW_ABOVE_CELLS:
        window = max(_MIN_WINDOW, min(_MAX_WINDOW, m // _WINDOW_FRACTION))
        rows = np.arange(0, n, _COARSE_STRIDE)

        def diagonal(r0: int, r1: int) -> tuple[int, int]:
            return max(0, int(rows[r0] * m / n) - window), min(m, int((rows[r1 - 1] + 1) * m / n) + window + 1)

        # blocks span as many a-sentences as the full-window search's, so the same window fits
        rough = _search(scorer, rows, diagonal, _SEARCH_ROWS // _COARSE_STRIDE)
        if len(rough) >= _WINDOW_MIN_COVER * min(len(rows), m):
            lo, hi = band_from_anchors(n, m, rough, _FINE_MARGIN)

            def band(r0: int, r1: int) -> tuple[int, int]:
                # DP row i + 1 ends with sentence i; its band columns j + 1 hold sentence j
                return max(0, int(lo[r0 + 1]) - 1), min(m, int(hi[r1]))

            chain = _search(scorer, np.arange(n), band, _FINE_ROWS)
            if len(chain) >= _WINDOW_MIN_COVER * min(n, m):
                return chain
    return _search(scorer, np.arange(n), lambda r0, r1: (0, m), _SEARCH_ROWS)


def _search(scorer: PairScorer, a_rows: np.ndarray, span: Callable[[int, int], tuple[int, int]],
            block_rows: int) -> list[tuple[int, int, float]]:
    """Mutually-best, clear-margin pairs among ``a_rows`` (sorted a indexes); ``span(r0, r1)``
    gives the b columns ``[c0, c1)`` searched for ``a_rows[r0:r1]``."""
    n, m = len(a_rows), scorer.m
    row_best = np.full(n, -np.inf)
    row_arg = np.zeros(n, dtype=np.int64)
    row_second = np.full(n, -np.inf)
    col_best = np.full(m, -np.inf)
    col_second = np.full(m, -np.inf)
    col_arg = np.zeros(m, dtype=np.int64)
    for r0 in range(0, n, block_rows):
        r1 = min(n, r0 + block_rows)
        c0, c1 = span(r0, r1)
        if c1 <= c0:
            continue
        picked = a_rows[r0:r1]
        sel: slice | np.ndarray
        if picked[-1] - picked[0] == r1 - r0 - 1:  # consecutive rows: a slice, no gather
            sel = slice(int(picked[0]) + 1, int(picked[-1]) + 2)
        else:
            sel = picked + 1
        s = scorer.similarity(1, 1, sel, slice(c0 + 1, c1 + 1))
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

    # vectorised test of every row; only the (few thousand) passing pairs reach Python. Rows
    # never searched stay -inf and fail the first test (their -inf - -inf margins are NaN)
    with np.errstate(invalid="ignore"):
        ok = (
            (row_best >= ANCHOR_THRESHOLD)
            & (col_arg[row_arg] == np.arange(n))
            & (row_best - row_second >= ANCHOR_MARGIN)
            & (row_best - col_second[row_arg] >= ANCHOR_MARGIN)
        )
    hits = np.flatnonzero(ok)
    cands = list(zip(a_rows[hits].tolist(), row_arg[hits].tolist(), row_best[hits].tolist()))
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
    pts = np.array([(0, 0)] + [(i + 1, j + 1) for i, j, _ in anchors] + [(n, m)], dtype=np.int64)
    lo = np.zeros(n + 1, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    lo[0], hi[0] = 0, min(m, pts[1][1] + margin)
    # rows i1 + 1 .. i2 of each segment between consecutive points get that segment's box
    # (later segments overwrite earlier ones where points repeat, as a row-by-row fill would)
    i1, j1, i2, j2 = pts[:-1, 0], pts[:-1, 1], pts[1:, 0], pts[1:, 1]
    count = np.maximum(i2 - i1, 0)
    seg = np.repeat(np.arange(len(count)), count)
    rows = np.arange(len(seg)) - np.repeat(np.cumsum(count) - count, count) + i1[seg] + 1
    lo[rows] = np.maximum(0, j1[seg] - margin)
    hi[rows] = np.minimum(m, j2[seg] + margin)
    # guarantee the path conditions even for degenerate anchor sets (duplicates at the ends)
    lo = np.maximum.accumulate(lo)
    hi = np.maximum.accumulate(hi)
    hi[n] = m
    lo[0] = 0
    # lo[i] <= hi[i - 1] (a path exists) and hi[i] >= lo[i]; since both are non-decreasing,
    # clipping lo by the previous hi and then raising hi keeps every row consistent in one pass
    lo[1:] = np.minimum(lo[1:], hi[:-1])
    hi = np.maximum(hi, lo)
    return lo, hi


def full_band(n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Every row spans every column: the exhaustive DP."""
    return np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64)
