"""The compact band index gives datasketch's MinHashLSH candidates, set for set."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH

from auditor.cluster import bands
from auditor.cluster.bands import BandIndex
from auditor.cluster.lsh import shingle_signature
from auditor.cluster.params import LSH_THRESHOLD, NUM_PERM


def _signatures(n: int, seed: int) -> list[np.ndarray]:
    """Random MinHash values (below 2**32, as MinHash's) with planted near-copies: every third
    signature shares a varying number of rows with an earlier one, so buckets hold 0..many."""
    rng = np.random.default_rng(seed)
    out: list[np.ndarray] = []
    for k in range(n):
        sig = rng.integers(0, 2**32, NUM_PERM, dtype=np.uint64)
        if k % 3 == 2:
            base = out[int(rng.integers(0, k))]
            keep = rng.random(NUM_PERM) < rng.uniform(0.1, 1.0)
            sig[keep] = base[keep]
        out.append(sig)
    return out


@pytest.mark.parametrize("threshold", [LSH_THRESHOLD, 0.5, 0.8])
def test_candidates_equal_datasketch(monkeypatch: pytest.MonkeyPatch, threshold: float) -> None:
    monkeypatch.setattr(bands, "_BUFFER_ENTRIES", 200)  # several flushes and level merges on a small run
    ours = BandIndex(threshold, NUM_PERM)
    theirs = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    template = MinHash(num_perm=NUM_PERM)
    shared = 0
    for k, sig in enumerate(_signatures(300, seed=int(threshold * 10))):
        m = MinHash(num_perm=NUM_PERM, hashvalues=sig, permutations=template.permutations, scheme=template.scheme)
        expected = set(theirs.query(m))
        assert ours.query(sig) == expected, k
        shared += bool(expected)
        ours.insert(k, sig)
        theirs.insert(k, m)
    assert len(ours) == 300
    assert shared >= 15  # the planted copies did land in shared buckets: the comparison had content
    assert len(ours._levels) > 1  # and the merged levels were read, not only the newest entries


def test_rows_past_two_fold_into_one_key() -> None:
    index = BandIndex(0.9, NUM_PERM)
    assert index.r > 2
    sig = _signatures(1, seed=3)[0]
    index.insert(7, sig)
    near = sig.copy()
    near[index.r * (index.b - 1):] += 1  # the last band (and the unused rows) differ; the others match
    assert index.query(near) == {7}
    far = sig.copy()
    far[: index.r * index.b : index.r] += 1  # one row of every band differs
    assert index.query(far) == set()


def test_real_shingle_signatures_find_the_copy() -> None:
    text = ["The council voted on Tuesday to close the old bridge for repairs until spring.",
            "Engineers found cracks in two of its supports during an inspection last month.",
            "Drivers will be sent through the northern ring road while the work goes on."]
    copy = [*text[:2], "Drivers are being sent through the northern ring road during the work."]
    other = ["A storm brought heavy snow to the mountain passes overnight, closing three roads.",
             "Forecasters expect more snow on Thursday and warm weather by the weekend."]
    index = BandIndex(LSH_THRESHOLD, NUM_PERM)
    index.insert(0, shingle_signature(text))
    index.insert(1, shingle_signature(other))
    assert index.query(shingle_signature(copy)) == {0}


@pytest.mark.parametrize("buffer", [1, 1 << 15])
def test_same_values_in_another_band_are_no_match(monkeypatch: pytest.MonkeyPatch, buffer: int) -> None:
    """Buckets are per band, as datasketch's hash tables are: band 0's values showing up as band 1's
    in another signature share no bucket (in the sorted levels and among the newest entries)."""
    monkeypatch.setattr(bands, "_BUFFER_ENTRIES", buffer)
    index = BandIndex(LSH_THRESHOLD, NUM_PERM)
    a, b = _signatures(2, seed=5)
    index.insert(0, a)
    r = index.r
    b[r : 2 * r] = a[:r]
    assert index.query(b) == set()
    b[:r] = a[:r]
    assert index.query(b) == {0}
