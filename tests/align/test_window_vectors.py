"""A long alignment's windows reuse the rows the previous window encoded: the same matrices, value for
value and in the same stored order, as encoding each window afresh."""

from __future__ import annotations

import numpy as np

from auditor.align.pair import encode_texts
from auditor.align.window_vectors import WindowVectors
from auditor.backends import load_encoder


def _texts(side: str, n: int) -> list[str]:
    return [f"Sentence {i} of side {side} says {i * 7 % 13} firms in Quenbury met {side}{i}." for i in range(n)]


def _same(x, y) -> bool:
    return (x.shape == y.shape and np.array_equal(x.indptr, y.indptr) and np.array_equal(x.indices, y.indices)
            and np.array_equal(x.data, y.data) and x.data.dtype == y.data.dtype)


def test_overlapping_windows_match_fresh_encodes():
    encoder = load_encoder("lexical")
    a, b = _texts("a", 60), _texts("b", 80)
    vectors = WindowVectors(encoder, a, b)
    # overlapping, disjoint, and a window that ends where the last did
    for a0, a1, b0, b1 in [(0, 20, 0, 30), (15, 35, 18, 48), (30, 35, 40, 48), (40, 60, 50, 80)]:
        got = vectors.encode(a0, a1, b0, b1)
        assert got is not None
        want = encode_texts(encoder, a[a0:a1], b[b0:b1], "concat")
        assert all(_same(g, w) for g, w in zip(got, want))


def test_a_dense_encoder_is_left_to_its_memo():
    class Dense:
        dim = 4

        def encode(self, texts):
            return np.ones((len(texts), 4), dtype=np.float32)

    assert WindowVectors(Dense(), ["x", "y"], ["z"]).encode(0, 2, 0, 1) is None
