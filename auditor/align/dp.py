"""Monotonic bead DP over a band of cells (Gale-Church / Vecalign / Bertalign family).

``D[i, j]`` is the best total gain of aligning the first ``i`` a-sentences with the first ``j``
b-sentences. The band says which columns ``[lo[i], hi[i]]`` row ``i`` may use; only those cells
are stored (a ragged flat array, row ``i`` at ``off[i] .. off[i] + width[i]``), so memory and work
follow the band. The exhaustive baseline is the same code with every row spanning all columns;
the aligner passes a narrow band built around high-confidence anchors, which makes it near-linear.

Why it is laid out this way: with a narrow band the cost is not arithmetic but numpy call
overhead per row. So everything that does not depend on the previous rows' results -- bead gains
(one GEMM per bead shape per chunk of rows) and, for every cell, the flat position of the cell
each bead would come from -- is computed per chunk with whole-array operations, and the
sequential part per row shrinks to five calls: gather the five candidates, add the gains, take
the max and argmax, and a running maximum along the row for the 0-1 bead (an added b-sentence,
gain 0: ``D[i, j] = max(best[j], D[i, j-1])``). Cells a bead cannot come from point at a -inf
sentinel, so no masking happens in the loop.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from auditor.align.scoring import MATCH_BEADS

#: bead codes stored in the back-pointer table
_BEADS = MATCH_BEADS + ((1, 0), (0, 1))
_GAP_A = len(MATCH_BEADS)  # (1, 0): a-sentence omitted from b
_GAP_B = _GAP_A + 1  # (0, 1): b-sentence added
_N_CAND = _GAP_A + 1  # candidates read from earlier rows: the match beads and 1-0
#: rows whose gains are computed together: one GEMM / sparse product per bead shape per chunk
#: amortises numpy and scipy call overhead, and the chunk's column span stays narrow (about the
#: chunk height plus the band margins) because the band follows the diagonal
_CHUNK_ROWS = 128

GainFn = Callable[[int, int, slice, slice], np.ndarray]
Bead = tuple[tuple[int, ...], tuple[int, ...]]


def band_dp(n: int, m: int, lo: np.ndarray, hi: np.ndarray, gain: GainFn) -> list[Bead]:
    """Best monotonic bead path from (0, 0) to (n, m) inside the band; beads in path order.

    ``lo``/``hi`` (length n + 1, inclusive column bounds) must be non-decreasing with
    ``lo[0] == 0``, ``hi[n] == m`` and ``lo[i] <= hi[i - 1]`` so that a path exists.
    ``gain(k, l, rows, cols)`` returns the gain block for beads of shape (k, l) ending at those cells.
    Ties go to the first bead in ``MATCH_BEADS`` order, then 1-0, then 0-1.
    """
    lo = np.asarray(lo, dtype=np.int64)
    hi = np.asarray(hi, dtype=np.int64)
    width = hi - lo + 1
    off = np.zeros(n + 2, dtype=np.int64)
    np.cumsum(width, out=off[1:])
    total = int(off[n + 1])
    sentinel, zero = total, total + 1  # a -inf cell for unreachable sources, a 0 for the start
    flat = np.full(total + 2, -np.inf)
    flat[zero] = 0.0
    bp = np.empty(total, dtype=np.int8)
    k_of = np.array([k for k, _ in _BEADS[:_N_CAND]], dtype=np.int64)
    l_of = np.array([l for _, l in _BEADS[:_N_CAND]], dtype=np.int64)

    for c0 in range(0, n + 1, _CHUNK_ROWS):
        c1 = min(n + 1, c0 + _CHUNK_ROWS)
        rows = np.arange(c0, c1)
        n_rows = c1 - c0
        w_max = int(width[c0:c1].max())
        col_lo, col_hi = int(lo[c0]), int(hi[c1 - 1])
        cols = lo[c0:c1, None] + np.arange(w_max)  # absolute column of each chunk cell
        valid = cols <= hi[c0:c1, None]
        # gains of the match beads at every chunk cell; the 1-0 bead gains 0
        gains = np.zeros((n_rows, _N_CAND, w_max))
        rel = np.minimum(cols, col_hi) - col_lo
        for code, (k, l) in enumerate(MATCH_BEADS):
            block = gain(k, l, slice(c0, c1), slice(col_lo, col_hi + 1))
            gains[:, code, :] = np.take_along_axis(block, rel, axis=1)
        # flat index of each candidate's source cell D[i - k, j - l], or the -inf sentinel
        src_row = rows[:, None] - k_of[None, :]  # (rows, candidates)
        row_ok = src_row >= 0
        src_row = np.maximum(src_row, 0)
        pos = cols[:, None, :] - l_of[None, :, None] - lo[src_row][:, :, None]
        ok = valid[:, None, :] & row_ok[:, :, None] & (pos >= 0) & (pos < width[src_row][:, :, None])
        idx = np.where(ok, off[src_row][:, :, None] + pos, sentinel)
        if c0 == 0:
            idx[0] = sentinel
            idx[0, _GAP_A, 0] = zero  # the start cell (traceback stops there)

        best = np.empty((n_rows, w_max))
        arg = np.empty((n_rows, w_max), dtype=np.intp)
        offs = off[c0:c1].tolist()
        widths = width[c0:c1].tolist()
        for r in range(n_rows):
            cand = flat[idx[r]]
            cand += gains[r]
            cand.max(axis=0, out=best[r])
            cand.argmax(axis=0, out=arg[r])
            o, w = offs[r], widths[r]
            np.maximum.accumulate(best[r, :w], out=flat[o : o + w])
        # 0-1 beads won wherever the running maximum beats the row's own best
        cells = off[c0:c1, None] + np.arange(w_max)
        cells = cells[valid]
        arg = arg[valid]
        arg[flat[cells] > best[valid]] = _GAP_B
        bp[cells] = arg

    beads: list[Bead] = []
    lo_l, off_l = lo.tolist(), off.tolist()
    i, j = n, m
    while i > 0 or j > 0:
        at = off_l[i] + j - lo_l[i]
        if not np.isfinite(flat[at]):  # the band guarantees a path; never happens
            raise RuntimeError(f"alignment DP: cell ({i}, {j}) unreachable")
        k, l = _BEADS[int(bp[at])]
        beads.append((tuple(range(i - k, i)), tuple(range(j - l, j))))
        i, j = i - k, j - l
    beads.reverse()
    return beads
