"""Bead scores: how good is it to align sentence group X of one version with group Y of another.

Coordinates follow the DP: a bead *ending* at cell (i, j) covers a-sentences ``i-k .. i-1`` and
b-sentences ``j-l .. j-1`` (k, l in {1, 2}). Every per-group array is therefore "padded": row ``i``
holds the group that ends just before sentence ``i``, and rows that would start before sentence 0
are invalid.

The score of a bead is a *normalised* similarity plus anchor features::

    s = (cos - bg) / (1 - bg) + FEATURE_WEIGHT * dice(names and numbers)

where ``bg`` is the median cosine of random sentence pairs of these two documents. Encoders differ in
their scale (MiniLM puts unrelated news sentences at ~0.3, USE at ~0.17, hashed n-grams at ~0.28),
so subtracting the documents' own background makes one threshold serve every encoder and topic.
The DP gain of a bead is then::

    gain = s - MATCH_THRESHOLD - LENGTH_WEIGHT * log(len ratio)^2 - MERGE_PENALTY[k, l]

with 0 for an omitted/added sentence, so a pair is aligned exactly when it beats leaving both out.
A merged bead is *not* weighted by the number of sentences it covers: then a 1-2 bead beats
"1-1 plus an added sentence" only when the second sentence makes the match better, and a 2-2 bead
beats two 1-1 beads only when neither half matches on its own (a crossing split), which is what
a merge means. (Weighting by size made 2-2 swallow pairs of good 1-1s: concatenations of two
matching sentences are always a little more similar than each half.)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import regex
from scipy import sparse

from auditor.align.features import FeatureMatrices, build_features
from auditor.text import CJK

#: bead shapes the DP considers, (a sentences, b sentences)
MATCH_BEADS: tuple[tuple[int, int], ...] = ((1, 1), (1, 2), (2, 1), (2, 2))

#: normalised similarity a pair must exceed to be worth aligning rather than marking omitted+added.
#: Tuned on the fixture gold (tests/data/gold_align_*) and synthetic edits: true paraphrases in a
#: human rewrite sit at ~0.3-0.9 on this scale, unrelated same-story sentences mostly below 0.3,
#: and the monotonic path resolves the overlap.
MATCH_THRESHOLD = 0.25
#: weight of the names/numbers Dice overlap (0..1); a full match of rare names and figures is worth
#: about as much as a quarter of the similarity range, enough to break ties between list items
FEATURE_WEIGHT = 0.25
#: weight of the squared log length ratio; a 2x length mismatch costs ~0.02, a 4x one ~0.08: small
#: next to similarity, but it decides between a 1-1 and a 1-2 bead of near-equal similarity
LENGTH_WEIGHT = 0.04
#: merged beads must beat their 1-1 alternatives by a margin: concatenated text is always a bit
#: more similar to anything (longer texts share more), so without a price 2-2 would swallow 1-1s
MERGE_PENALTY = {(1, 1): 0.0, (1, 2): 0.03, (2, 1): 0.03, (2, 2): 0.05}
#: sample size for the background similarity median; 5,000 pairs pin the median to about +-0.01
#: of the cosine scale, far below the thresholds' granularity
_BG_SAMPLE = 5_000
#: rows per GEMM when scoring a DP band: each GEMM covers its rows' whole column span, about
#: this many columns plus the band width, so small row groups waste few off-band cells; below
#: ~32 the per-call overhead wins again (measured on the 2,000-sentence benchmark)
_BAND_GEMM_ROWS = 32
#: rows per sparse product when scoring a band's name/number overlaps: each product covers its
#: rows' column span (rows + band width), so memory stays O(rows x band) at any document length
_BAND_FEATURE_ROWS = 256
_CJK = regex.compile(f"[{CJK}]")
#: one CJK character carries about as much content as 3 Latin characters (a Chinese news word is
#: ~1.6 characters, an English one ~6 with its space); lengths are compared in these units
_CJK_UNITS = 3.0


def length_units(text: str) -> float:
    """Text length in Latin-character units, so a Chinese sentence and its English translation
    come out about equally long."""
    if text.isascii():  # no CJK: skip the regex scan
        return max(1.0, float(len(text)))
    cjk = len(_CJK.findall(text))
    return max(1.0, len(text) - cjk + _CJK_UNITS * cjk)


def join_pair(first: str, second: str) -> str:
    """Concatenate two adjacent sentences the way a merge would write them."""
    # (the ord test skips the regexes for the common case: no CJK script starts below U+1100,
    # the Hangul jamo; Latin, Greek and Cyrillic all lie below it)
    if second[:1] >= "\u1100" and _CJK.match(second[:1]) and _CJK.search(first[-1:] or " "):
        return first + second
    return first + " " + second


def pair_texts(texts: Sequence[str]) -> list[str]:
    """Texts of every adjacent sentence pair, encoded for 1-2/2-1/2-2 beads."""
    return [join_pair(texts[i], texts[i + 1]) for i in range(len(texts) - 1)]


def _pad(single: np.ndarray, pair: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Padded single/pair arrays (see module docstring): row i = group ending before sentence i."""
    tail = single.shape[1:]
    p1 = np.concatenate([np.zeros((1, *tail), single.dtype), single])
    if len(pair):
        p2 = np.concatenate([np.zeros((2, *tail), single.dtype), pair])
    else:  # fewer than two sentences: no pair groups at all
        p2 = np.zeros((len(single) + 1, *tail), single.dtype)
    return p1, p2


def _pad_sparse(single: Any, pair: Any) -> tuple[Any, Any]:
    """``_pad`` of sparse embeddings, with each pair row normalised (as ``_side`` does for arrays)."""
    n, dim = single.shape
    zero = sparse.csr_matrix((1, dim), dtype=np.float32)
    p1 = sparse.vstack([zero, single], format="csr")
    if pair.shape[0]:
        p2 = sparse.vstack([zero, zero, sparse.csr_matrix(pair, dtype=np.float32)], format="csr")
        norms = np.concatenate([np.linalg.norm(_dense_rows(p2[i : i + _DENSE_ROWS]), axis=1)
                                for i in range(0, p2.shape[0], _DENSE_ROWS)])
        p2.data /= np.repeat(np.maximum(norms, 1e-12), np.diff(p2.indptr))
    else:
        p2 = sparse.csr_matrix((n + 1, dim), dtype=np.float32)
    return p1, p2


#: rows densified at a time where a sparse computation must give the dense one's exact floats
_DENSE_ROWS = 256


def _dense_rows(x: Any) -> np.ndarray:
    """Rows of an array or a sparse matrix as an array."""
    dense: np.ndarray = x.toarray() if sparse.issparse(x) else x
    return dense


def _dot(x: Any, y: Any) -> np.ndarray:
    """``x @ y.T`` as an array, for arrays or sparse matrices (the lexical model's form). Sparse
    blocks are mostly a few dozen rows against a band's span: the smaller side is made dense and the
    other multiplies it, several times faster than a sparse-by-sparse product (which converts and
    builds a sparse result only to make it dense)."""
    if not sparse.issparse(x):
        plain: np.ndarray = x @ y.T
        return plain
    if min(x.shape[0], y.shape[0]) > _DENSE_ROWS:
        both: np.ndarray = (x @ y.T).toarray()
        return both
    if x.shape[0] <= y.shape[0]:
        return np.asarray(y @ x.toarray().T).T
    return np.asarray(x @ y.toarray().T)


@dataclass
class Side:
    """One document's padded group arrays: embeddings, feature rows, feature totals, lengths, and
    the extra penalty for forming each merged group (inf where it may not form at all)."""

    merge_cost: np.ndarray
    emb: dict[int, Any]  # arrays, or CSR matrices for an encoder with a sparse form
    feat: dict[int, sparse.csr_matrix]
    feat_total: dict[int, np.ndarray]
    log_length: dict[int, np.ndarray]
    n: int
    length: np.ndarray  # length_units of each sentence, unpadded


def _side(
    emb1: Any,
    emb2: Any,
    feat: sparse.csr_matrix,
    weight: np.ndarray,
    texts: Sequence[str],
    merge_cost: Sequence[float] | None,
) -> Side:
    n = len(texts)
    cost = np.zeros(max(n - 1, 0)) if merge_cost is None else np.asarray(merge_cost, dtype=np.float64)
    if cost.shape != (max(n - 1, 0),):
        raise ValueError("merge_cost needs one value per adjacent sentence pair")
    if sparse.issparse(emb1):
        e1, e2 = _pad_sparse(emb1, emb2)
    else:
        e1, e2 = _pad(emb1, emb2)
        # merged groups may be sums of single vectors (merged="sum"): normalise once, here
        # in place: e2 is a fresh array (``_pad``), and a second copy of every pair vector is the
        # largest transient of a long alignment
        e2 /= np.maximum(np.linalg.norm(e2, axis=1, keepdims=True), 1e-12)
    lengths = np.array([length_units(t) for t in texts], dtype=np.float64)
    l1, l2 = _pad(lengths, lengths[:-1] + lengths[1:] if n > 1 else np.zeros(0))
    # padded rows get length 1 (log 0) instead of 0; the DP masks them explicitly
    l1[l1 == 0] = 1.0
    l2[l2 == 0] = 1.0
    zero = sparse.csr_matrix((1, feat.shape[1]))
    f1 = sparse.vstack([zero, feat]).tocsr()
    if n > 1:
        union = feat[:-1] + feat[1:]
        union.data = np.minimum(union.data, 1.0)
        f2 = sparse.vstack([zero, zero, union]).tocsr()
    else:
        f2 = sparse.vstack([zero] * (n + 1)).tocsr()
    return Side(
        merge_cost=np.concatenate([[np.inf, np.inf], cost]) if n > 1 else np.full(n + 1, np.inf),
        emb={1: e1, 2: e2},
        feat={1: f1, 2: f2},
        feat_total={1: f1 @ weight, 2: f2 @ weight},
        log_length={1: np.log(l1), 2: np.log(l2)},
        n=n,
        length=lengths,
    )


class PairScorer:
    """Scores beads between two sentence sequences, in blocks of DP rows x DP columns."""

    def __init__(
        self,
        texts_a: Sequence[str],
        texts_b: Sequence[str],
        emb_a: Any,
        emb_b: Any,
        pair_a: Any,
        pair_b: Any,
        *,
        merge_cost_a: Sequence[float] | None = None,
        merge_cost_b: Sequence[float] | None = None,
        seed: int = 0,
    ):
        """``merge_cost_*[i]`` is an extra cost for merging sentences i and i+1 into one group
        (default 0; ``inf`` forbids it). ``align_pair`` derives it from languages and paragraphs."""
        feats: FeatureMatrices = build_features(texts_a, texts_b)
        self.weight = feats.weight
        self.a = _side(emb_a, pair_a, feats.a, feats.weight, texts_a, merge_cost_a)
        self.b = _side(emb_b, pair_b, feats.b, feats.weight, texts_b, merge_cost_b)
        self._weighted_a = {k: self.a.feat[k].multiply(self.weight).tocsr() for k in (1, 2)}
        # the shared-feature weights of group pairs are computed per block that is asked for
        # (``_shared``), never for all n x m pairs at once: a feature may sit in up to
        # _COMMON_SHARE of each document's sentences, so on a 100,000-sentence pair the full
        # product holds ~10^9 non-zeros, nearly all far off the band the DP reads
        self.n, self.m = len(texts_a), len(texts_b)
        self.bg = self._background(emb_a, emb_b, seed)
        self.length_ratio = 1.0  # b units per a unit; refined from anchors by the aligner

    @staticmethod
    def _background(emb_a: Any, emb_b: Any, seed: int) -> float:
        """Median cosine of random a x b pairs: what "unrelated" looks like for this encoder/story."""
        n, m = emb_a.shape[0], emb_b.shape[0]
        if n == 0 or m == 0:
            return 0.0
        if n * m <= _BG_SAMPLE:
            bg = float(np.median(_dot(emb_a, emb_b)))
        else:
            # a grid of random rows x random columns: one small GEMM over ~_BG_SAMPLE pairs,
            # instead of gathering two _BG_SAMPLE x dim matrices for row-wise dot products
            rng = np.random.default_rng(seed)
            cols = min(m, -(-_BG_SAMPLE // min(n, int(np.ceil(np.sqrt(_BG_SAMPLE))))))
            rows = min(n, -(-_BG_SAMPLE // cols))  # a short side gets the other side's share
            ia = np.sort(rng.choice(n, rows, replace=False))
            ib = np.sort(rng.choice(m, cols, replace=False))
            bg = float(np.median(_dot(emb_a[ia], emb_b[ib])))
        # an encoder whose unrelated pairs look very similar is nearly useless; clip so the
        # normalisation never divides by ~0
        return min(max(bg, -0.5), 0.8)

    # -- block scores -----------------------------------------------------------------------------
    def cosine(self, k: int, l: int, rows: slice | np.ndarray, cols: slice | np.ndarray) -> np.ndarray:
        """Raw cosine of a-groups (size k) ending at DP rows x b-groups (size l) ending at DP cols."""
        return _dot(self.a.emb[k][rows], self.b.emb[l][cols])

    def pair_cosines(self, beads: Sequence[tuple[Sequence[int], Sequence[int]]]) -> list[float]:
        """Raw cosine of each (a sentences, b sentences) bead, 0-based; 0.0 for gaps.

        Computed as row-wise dot products in one pass: thousands of 1 x 1 matrix products would
        each pay BLAS dispatch (and, on a busy machine, thread wake-up) costs.
        """
        out = np.zeros(len(beads))
        if not beads:
            return []
        size_a = np.array([len(ia) for ia, _ in beads])
        size_b = np.array([len(ib) for _, ib in beads])
        # DP coordinates: the group of sentences ending at sentence x is row x + 1
        end_a = np.array([ia[-1] + 1 if ia else 0 for ia, _ in beads])
        end_b = np.array([ib[-1] + 1 if ib else 0 for _, ib in beads])
        for k in (1, 2):
            for l in (1, 2):
                sel = np.flatnonzero((size_a == k) & (size_b == l))
                # (sparse rows densified a chunk at a time: a link's score is then the very float
                # the dense form gives, whichever form the encoder handed over)
                for c in range(0, len(sel), _DENSE_ROWS):
                    part = sel[c : c + _DENSE_ROWS]
                    ea = _dense_rows(self.a.emb[k][end_a[part]])
                    eb = _dense_rows(self.b.emb[l][end_b[part]])
                    out[part] = np.einsum("ij,ij->i", ea, eb)
        return out.tolist()

    def _shared(self, k: int, l: int, rows: slice | np.ndarray, cols: slice | np.ndarray) -> sparse.csr_matrix:
        """Shared-feature weight of a-groups ``rows`` x b-groups ``cols`` (sparse: only pairs that
        share a rare name or number are non-zero). Each entry sums over the a-group's features in
        the same order whatever the block, so block results equal the whole product's entries."""
        return (self._weighted_a[k][rows] @ self.b.feat[l][cols].T).tocsr()

    def features(self, k: int, l: int, rows: slice | np.ndarray, cols: slice | np.ndarray) -> np.ndarray:
        """Weighted Dice overlap of names/numbers (0 when neither group has any)."""
        mat = self._shared(k, l, rows, cols)
        if isinstance(rows, slice) and isinstance(cols, slice):
            if mat.nnz == 0:  # the common case off the diagonal: nothing shared in this block
                return np.zeros(mat.shape)
            shared: np.ndarray = mat.toarray()
        else:
            shared = mat.toarray()
            if not shared.any():
                return shared
        tot = self.a.feat_total[k][rows][:, None] + self.b.feat_total[l][cols][None, :]
        with np.errstate(invalid="ignore", divide="ignore"):
            dice: np.ndarray = np.where(tot > 0, 2.0 * shared / tot, 0.0)
        return dice

    def similarity(self, k: int, l: int, rows: slice | np.ndarray, cols: slice | np.ndarray) -> np.ndarray:
        """Normalised similarity plus features (the ``s`` of the module docstring)."""
        s = self.cosine(k, l, rows, cols).astype(np.float64)
        s -= self.bg
        s *= 1.0 / (1.0 - self.bg)
        s += FEATURE_WEIGHT * self.features(k, l, rows, cols)
        return s

    def gain(self, k: int, l: int, rows: slice, cols: slice) -> np.ndarray:
        """DP gain of beads of shape (k, l) ending at each (row, col) of the block; -inf if invalid."""
        g = self.similarity(k, l, rows, cols)
        delta = self.b.log_length[l][cols][None, :] - (self.a.log_length[k][rows] + np.log(self.length_ratio))[:, None]
        g -= LENGTH_WEIGHT * delta * delta + (MATCH_THRESHOLD + MERGE_PENALTY[(k, l)])
        if k == 2:
            g -= self.a.merge_cost[rows][:, None]
        if l == 2:
            g -= self.b.merge_cost[cols][None, :]
        if rows.start < k:
            g[: k - rows.start, :] = -np.inf
        if cols.start < l:
            g[:, : l - cols.start] = -np.inf
        return g

    # -- band scores (the DP) -------------------------------------------------------------------
    def band_gain(self, k: int, l: int, r0: int, r1: int, lo: np.ndarray, width: int) -> np.ndarray:
        """``gain`` in band coordinates: entry ``[r, w]`` is the gain of the bead ending at DP cell
        ``(r0 + r, lo[r] + w)``; columns past ``m`` are clipped (the DP never reads those cells).

        Equal, value for value, to cutting the band's cells out of ``gain`` blocks, but the only
        per-row-group work is the GEMM (cosines over the group's column span) and one gather;
        everything else runs once over the band's cells, so the time taken follows the band.
        """
        steps = np.arange(width)
        rows = slice(r0, r1)
        if (lo == lo[0]).all():  # rectangular (the exhaustive DP): one GEMM, no gathers at all
            c0 = int(lo[0])
            cols = np.minimum(c0 + steps, self.m)[None, :]  # one row, broadcast below
            cos = _dot(self.a.emb[k][rows], self.b.emb[l][c0 : c0 + width])
            if cos.shape[1] < width:  # clipped columns: repeat the last one (never read)
                cos = cos[:, np.minimum(steps, cos.shape[1] - 1)]
        else:
            cols = np.minimum(lo[:, None] + steps, self.m)
            cos = np.empty((r1 - r0, width), dtype=np.float32)
            for g0 in range(0, r1 - r0, _BAND_GEMM_ROWS):
                g1 = min(r1 - r0, g0 + _BAND_GEMM_ROWS)
                c0, c1 = int(cols[g0, 0]), int(cols[g1 - 1, -1]) + 1  # lo is non-decreasing
                block = _dot(self.a.emb[k][r0 + g0 : r0 + g1], self.b.emb[l][c0:c1])
                cos[g0:g1] = np.take_along_axis(block, cols[g0:g1] - c0, axis=1)
        g: np.ndarray = cos.astype(np.float64)
        g -= self.bg
        g *= 1.0 / (1.0 - self.bg)
        g += FEATURE_WEIGHT * self._band_features(k, l, r0, r1, lo, cols)
        delta = self.b.log_length[l][cols] - (self.a.log_length[k][rows] + np.log(self.length_ratio))[:, None]
        g -= LENGTH_WEIGHT * delta * delta + (MATCH_THRESHOLD + MERGE_PENALTY[(k, l)])
        if k == 2:
            g -= self.a.merge_cost[rows][:, None]
        if l == 2:
            g -= self.b.merge_cost[cols]
        if r0 < k:
            g[: k - r0, :] = -np.inf
        before = cols < l  # groups that would start before column 0
        if before.any():
            g[np.broadcast_to(before, g.shape)] = -np.inf
        return g

    def _band_features(self, k: int, l: int, r0: int, r1: int, lo: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """``features`` in band coordinates: the shared weights of each row group's column span
        are computed (``_shared``) and scattered to their band positions, then Dice over the band's
        cells; work and memory follow the band, not n x m."""
        width = cols.shape[1]
        shared = np.zeros((r1 - r0, width))
        if self._weighted_a[k][r0:r1].nnz == 0:  # nothing to share in these rows
            return shared
        ncols = self.b.feat[l].shape[0]
        for g0 in range(0, r1 - r0, _BAND_FEATURE_ROWS):
            g1 = min(r1 - r0, g0 + _BAND_FEATURE_ROWS)
            c0, c1 = int(lo[g0]), min(ncols, int(lo[g1 - 1]) + width)  # lo is non-decreasing
            if c1 <= c0:
                continue
            mat = self._shared(k, l, slice(r0 + g0, r0 + g1), slice(c0, c1))
            if mat.nnz == 0:
                continue
            row = np.repeat(np.arange(g1 - g0), np.diff(mat.indptr))
            w = mat.indices + c0 - lo[g0 + row]
            keep = (w >= 0) & (w < width)
            shared[g0 + row[keep], w[keep]] = mat.data[keep]
        tot = self.a.feat_total[k][r0:r1][:, None] + self.b.feat_total[l][cols]
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(tot > 0, 2.0 * shared / tot, 0.0)
