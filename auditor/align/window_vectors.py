"""Sentence and adjacent-pair vectors of a long alignment's windows, each text encoded once.

``pair._align_windows`` aligns long documents window by window, and consecutive windows overlap (a
quarter of the a side, half of the b side, more when a window's last confident match comes early).
Encoding each window afresh made the alignment encode every b sentence about twice and every pair
text as often: a third of a 50,000-sentence pair's alignment time. A sparse encoder's row is a
function of its own text alone (``LexicalEncoder.encode_sparse``), so the overlap's rows are
sliced from the previous window's matrices, value for value what encoding them again gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from auditor.align.scoring import pair_texts
from auditor.cached_encoder import encode_sparse

if TYPE_CHECKING:
    from auditor.backends import Encoder


class _Side:
    """One document's rows of the latest window: sentences ``lo..hi-1`` and their adjacent pairs."""

    def __init__(self) -> None:
        self.lo = self.hi = 0
        self.single: Any = None
        self.pair: Any = None

    def todo(self, texts: Sequence[str], lo: int, hi: int) -> tuple[int, list[str], list[str]]:
        """(first sentence not held, its texts to encode, the new pair texts) for window ``lo..hi``."""
        keep = self.hi if self.single is not None and self.lo <= lo < self.hi <= hi else lo
        start = max(keep - 1, lo) if keep > lo else lo  # the pair across the old edge is new
        return keep, list(texts[keep:hi]), pair_texts(texts[start:hi])

    def update(self, lo: int, hi: int, keep: int, single: Any, pair: Any) -> tuple[Any, Any]:
        from scipy import sparse

        if keep > lo:
            old_s = self.single[lo - self.lo : keep - self.lo]
            old_p = self.pair[lo - self.lo : keep - self.lo - 1]
            single = sparse.vstack([old_s, single], format="csr") if single.shape[0] else old_s
            pair = sparse.vstack([old_p, pair], format="csr") if pair.shape[0] else old_p
        self.lo, self.hi, self.single, self.pair = lo, hi, single, pair
        return single, pair


class WindowVectors:
    """``encode_texts(encoder, a[lo:hi], b[lo2:hi2], "concat")`` for successive windows, reusing
    the rows the previous window already encoded. ``None`` from ``encode`` when the encoder has no
    sparse form (a dense encoder's in-run memo already answers repeated texts)."""

    def __init__(self, encoder: Encoder, texts_a: Sequence[str], texts_b: Sequence[str]) -> None:
        self.encoder = encoder
        self.texts = (texts_a, texts_b)
        self.sides = (_Side(), _Side())

    def encode(self, a0: int, a1: int, b0: int, b1: int) -> tuple[Any, Any, Any, Any] | None:
        (sa, sb), (ta, tb) = self.sides, self.texts
        ka, new_a, new_pa = sa.todo(ta, a0, a1)
        kb, new_b, new_pb = sb.todo(tb, b0, b1)
        allv = encode_sparse(self.encoder, [*new_a, *new_b, *new_pa, *new_pb])
        if allv is None:
            return None
        cuts = [0, len(new_a), len(new_b), len(new_pa), len(new_pb)]
        for i in range(1, 5):
            cuts[i] += cuts[i - 1]
        ea, pa = sa.update(a0, a1, ka, allv[cuts[0]:cuts[1]], allv[cuts[2]:cuts[3]])
        eb, pb = sb.update(b0, b1, kb, allv[cuts[1]:cuts[2]], allv[cuts[3]:cuts[4]])
        return ea, eb, pa, pb
