"""Monotonic bead DP over a band of cells (Gale-Church / Vecalign / Bertalign family).

``D[i, j]`` is the best total gain of aligning the first ``i`` a-sentences with the first ``j``
b-sentences. The band says which columns ``[lo[i], hi[i]]`` row ``i`` may use; only those cells
are stored (a ragged flat array, row ``i`` at ``off[i] .. off[i] + width[i]``), so memory and work
follow the band. The exhaustive baseline is the same code with every row spanning all columns;
the aligner passes a narrow band built around high-confidence anchors, which makes it near-linear.

Why it is laid out this way: with a narrow band the time goes not to arithmetic but numpy call
overhead per row. So everything that does not need the previous rows' results -- bead gains
(``PairScorer.band_gain``, straight in band coordinates) and, for every cell, the flat position
of the cell each bead would come from -- is computed per block of rows with whole-array
operations (a narrow band is one block), and the sequential part per row shrinks to four calls:
gather the five candidates' sources, add the gains, take the max, and a running maximum along the
row for the 0-1 bead (an added b-sentence, gain 0: ``D[i, j] = max(best[j], D[i, j-1])``).
Sources outside the band point at a -inf sentinel, so no masking happens in the loop, and the
back-pointers are read off per block afterwards. Rows that share one column range (all rows of
the exhaustive DP) add plain slices instead of gathering, which is cheaper on wide rows. Both
paths compute the same sums in the same order as a cell-by-cell DP, so results are identical.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from auditor.align.scoring import MATCH_BEADS

#: bead codes stored in the back-pointer table
_BEADS = MATCH_BEADS + ((1, 0), (0, 1))
_GAP_A = len(MATCH_BEADS)  # (1, 0): a-sentence omitted from b
_GAP_B = _GAP_A + 1  # (0, 1): b-sentence added
_N_CAND = _GAP_A + 1  # candidates read from earlier rows: the match beads and 1-0
#: cells per block of rows whose source indexes and candidate arrays are built at once: a narrow
#: band's whole DP fits in one block (one set of whole-array operations), while the exhaustive
#: DP gets ~140-row blocks, ~15 MB of temporaries
_BLOCK_CELLS = 1 << 18

#: ``gain(k, l, r0, r1, lo, width)``: gains of (k, l) beads ending at cells ``(r0 + r, lo[r] + w)``
#: for rows ``r0 .. r1 - 1`` and ``w < width``, as a (rows x width) array (``PairScorer.band_gain``)
GainFn = Callable[[int, int, int, int, np.ndarray, int], np.ndarray]
Bead = tuple[tuple[int, ...], tuple[int, ...]]


def band_dp(n: int, m: int, lo: np.ndarray, hi: np.ndarray, gain: GainFn) -> list[Bead]:
    """Best monotonic bead path from (0, 0) to (n, m) inside the band; beads in path order.

    ``lo``/``hi`` (length n + 1, inclusive column bounds) must be non-decreasing with
    ``lo[0] == 0``, ``hi[n] == m`` and ``lo[i] <= hi[i - 1]`` so that a path exists.
    ``gain`` scores beads in band coordinates (see ``GainFn``).
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

    # flat positions fit in 32 bits for any band that fits in memory as float64 here; halving the
    # index width halves the memory traffic of the per-chunk index arrays
    itype = np.int32 if total + 2 < 2**31 else np.int64
    c0 = 0
    while c0 <= n:
        c1 = _block_end(width, c0, n)
        n_rows = c1 - c0
        w_max = int(width[c0:c1].max())
        steps: np.ndarray = np.arange(w_max, dtype=itype)
        # gains of every candidate at every block cell (the 1-0 bead gains 0); after the row loop
        # this array holds the candidates' totals, from which the back-pointers are read
        cand = np.zeros((n_rows, _N_CAND, w_max))
        lo_rows = lo[c0:c1]
        for code, (k, l) in enumerate(MATCH_BEADS):
            cand[:, code, :] = gain(k, l, c0, c1, lo_rows, w_max)
        best = np.empty((n_rows, w_max))
        before = max(0, c0 - 2)  # the rows the block's first beads read
        if (lo[before:c1] == lo[c0]).all() and (width[before:c1] == w_max).all():
            _rows_sliced(flat, cand, best, off, c0)
        else:
            idx = _source_index(lo, width, off, c0, c1, steps, sentinel, zero)
            _rows_gathered(flat, cand, best, idx, off, width, c0)
        # back-pointers: the first best candidate, or 0-1 wherever the running maximum beats it
        valid = steps < width[c0:c1, None]
        cells = (off[c0:c1, None] + steps)[valid]
        # (written as equality tests against the row maxima: an argmax over the middle axis is a
        # strided reduction and cost more than the whole row loop on wide bands)
        arg = np.full((n_rows, w_max), _GAP_A, dtype=np.int8)
        for code in reversed(range(len(MATCH_BEADS))):
            arg[cand[:, code, :] == best] = code
        arg = arg[valid]
        arg[flat[cells] > best[valid]] = _GAP_B
        bp[cells] = arg
        c0 = c1

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


def _block_end(width: np.ndarray, c0: int, n: int) -> int:
    """End row (exclusive) of the block starting at ``c0``: as many rows as fit ``_BLOCK_CELLS``
    at the block's widest row, at least one."""
    rows = max(1, _BLOCK_CELLS // int(width[c0 : c0 + 64].max()))  # a first guess from 64 rows
    c1 = min(n + 1, c0 + rows)
    widest = int(width[c0:c1].max())
    return min(c1, c0 + max(1, _BLOCK_CELLS // widest))


_K_OF = np.array([k for k, _ in _BEADS[:_N_CAND]], dtype=np.int64)
_L_OF = np.array([l for _, l in _BEADS[:_N_CAND]], dtype=np.int64)


def _source_index(lo: np.ndarray, width: np.ndarray, off: np.ndarray, c0: int, c1: int, steps: np.ndarray,
                  sentinel: int, zero: int) -> np.ndarray:
    """Flat index of each candidate's source cell ``D[i - k, j - l]`` for rows ``c0 .. c1 - 1``
    (rows x candidates x steps), or ``sentinel`` where the source lies outside the band.

    For one row and bead the sources are a run of consecutive cells, valid for steps in
    ``[first, stop)``, so the whole block is one broadcast plus one masked assignment.
    """
    w_max = len(steps)
    src = np.arange(c0, c1)[:, None] - _K_OF[None, :]  # (rows, candidates)
    src_ok = src >= 0
    src = np.maximum(src, 0)
    shift = lo[c0:c1, None] - _L_OF[None, :] - lo[src]  # source column offset at step 0
    first = np.where(src_ok, np.maximum(0, -shift), w_max)
    stop = np.minimum(width[c0:c1, None], width[src] - shift)
    idx: np.ndarray = (off[src] + shift).astype(steps.dtype)[:, :, None] + steps
    idx[(steps < first[:, :, None]) | (steps >= stop[:, :, None])] = sentinel
    if c0 == 0:
        idx[0] = sentinel
        idx[0, _GAP_A, 0] = zero  # the start cell (traceback stops there)
    return idx


def _rows_gathered(flat: np.ndarray, cand: np.ndarray, best: np.ndarray, idx: np.ndarray, off: np.ndarray,
                   width: np.ndarray, c0: int) -> None:
    """The sequential part for a ragged band: per row, one gather of all candidates' sources,
    one add, one max, one running maximum -- four numpy calls whatever the band's shape."""
    offs = off[c0 : c0 + len(cand)].tolist()
    widths = width[c0 : c0 + len(cand)].tolist()
    acc = np.maximum.accumulate
    for r in range(len(cand)):
        row = cand[r]
        row += flat[idx[r]]
        out = best[r]
        row.max(axis=0, out=out)
        o, w = offs[r], widths[r]
        acc(out[:w], out=flat[o : o + w])


def _rows_sliced(flat: np.ndarray, cand: np.ndarray, best: np.ndarray, off: np.ndarray, c0: int) -> None:
    """The sequential part for rows that (with the two before them) share one column range, as
    every row of the exhaustive DP does: each bead's sources are a plain slice of an earlier row,
    so wide rows are added in place instead of gathered (cheaper per cell than a gather)."""
    n_rows, _, w_max = cand.shape
    beads = list(enumerate(_BEADS[:_N_CAND]))
    for code, (_, l) in beads:
        cand[:, code, :l] = -np.inf  # would start before column lo
    offs = off[: c0 + n_rows].tolist()
    acc = np.maximum.accumulate
    for r in range(n_rows):
        i = c0 + r
        row = cand[r]
        if i == 0:
            row[:] = -np.inf
            row[_GAP_A, 0] = 0.0  # the start cell (traceback stops there)
        else:
            for code, (k, l) in beads:
                if i >= k:
                    o = offs[i - k]
                    row[code, l:] += flat[o : o + max(0, w_max - l)]
                else:
                    row[code] = -np.inf
        out = best[r]
        row.max(axis=0, out=out)
        acc(out, out=flat[offs[i] : offs[i] + w_max])
