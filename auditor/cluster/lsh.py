"""Candidate indexes: MinHash LSH over word shingles (copies) and random-hyperplane LSH over centroid
sketches (translations, rewrites), so each new document is compared with a few candidates, never
with every document.
"""

from __future__ import annotations

import functools

import numpy as np
from datasketch import MinHash

from auditor.cluster.bands import BandIndex
from auditor.cluster.params import (
    BUCKET_KEEP,
    HYPERPLANE_BANDS,
    HYPERPLANE_BITS,
    LSH_THRESHOLD,
    MAX_CANDIDATES,
    NUM_PERM,
    SEED,
    SKETCH_DIM,
    SKETCH_SLACK,
)
from auditor.cluster.signals import shingles, unit

#: shingles per ``MinHash.update_batch`` call (an 8 MB hash matrix each)
_UPDATE_CHUNK = 8192


@functools.lru_cache(maxsize=1)
def _template() -> MinHash:
    """The MinHash whose permutations (``NUM_PERM``, seeded ``SEED``) every signature shares: drawn
    once per process."""
    return MinHash(num_perm=NUM_PERM, seed=SEED)


def shingle_signature(texts: list[str]) -> np.ndarray:
    """MinHash hash values of the texts' word shingles."""
    m = MinHash(num_perm=NUM_PERM, permutations=_template().permutations, scheme=_template().scheme)
    ordered = sorted(shingles(texts))
    # in chunks: datasketch builds a shingles x NUM_PERM uint64 matrix per call (1 GB for a
    # 100,000-sentence document's ~1M shingles); the signature is a running minimum, the same
    # whatever the chunks
    for i in range(0, len(ordered), _UPDATE_CHUNK):
        m.update_batch(ordered[i : i + _UPDATE_CHUNK])
    hashvalues: np.ndarray = m.hashvalues
    return hashvalues


class ShingleIndex:
    """MinHash signatures of word shingles in a banded index (``auditor.cluster.bands``): near-verbatim
    copies find each other. Signatures are rows of one uint32 matrix (MinHash values are below 2**32):
    256 bytes a document where a datasketch ``MinHash`` object per document cost ~800."""

    def __init__(self) -> None:
        self._bands = BandIndex(LSH_THRESHOLD, NUM_PERM)
        self.ids: list[str] = []
        self._index: dict[str, int] = {}
        self._signatures = np.zeros((1024, NUM_PERM), dtype=np.uint32)

    def jaccard(self, signature: np.ndarray, other: str) -> float:
        """MinHash Jaccard estimate of ``signature`` with an indexed document's (``MinHash.jaccard``:
        the share of equal hash values)."""
        return _jaccard(signature, self._signatures[self._index[other]])

    def query(self, signature: np.ndarray) -> dict[str, float]:
        """Indexed documents in a bucket with ``signature``, with their Jaccard estimate."""
        found = self._bands.query(signature)
        return {self.ids[k]: _jaccard(signature, self._signatures[k]) for k in found}

    def insert(self, doc_id: str, signature: np.ndarray) -> None:
        k = len(self.ids)
        self._index[doc_id] = k
        self.ids.append(doc_id)
        if k >= len(self._signatures):  # amortised doubling
            self._signatures = np.concatenate([self._signatures, np.zeros_like(self._signatures)])
        self._signatures[k] = signature
        self._bands.insert(k, signature)


def _jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """``datasketch.MinHash.jaccard`` of two hash-value rows, value for value."""
    return float(np.count_nonzero(a == b)) / float(len(a))


class CentroidIndex:
    """Centroids as ``SKETCH_DIM`` random projections ("sketches"); candidates by an exact scan up to
    ``exact_scan_limit`` documents, by random-hyperplane buckets beyond."""

    def __init__(self, exact_scan_limit: int, related_cos: float) -> None:
        self.exact_scan_limit = exact_scan_limit
        self.related_cos = related_cos
        self.ids: list[str] = []
        self.index: dict[str, int] = {}
        self.sketches = np.zeros((1024, SKETCH_DIM), dtype=np.float32)
        self._projection: np.ndarray | None = None
        self._planes: np.ndarray | None = None
        self._plane_buckets: list[dict[bytes, list[int]]] = [{} for _ in range(HYPERPLANE_BANDS)]

    def sketch(self, centroid: np.ndarray) -> np.ndarray:
        dim = centroid.shape[0]
        if self._projection is None:
            rng = np.random.default_rng(SEED)
            self._projection = (
                rng.standard_normal((dim, SKETCH_DIM)).astype(np.float32)
                if dim > SKETCH_DIM
                else np.eye(dim, SKETCH_DIM, dtype=np.float32)
            )
        return unit(centroid @ self._projection).astype(np.float32)

    def plane_keys(self, sketch: np.ndarray) -> list[bytes]:
        if self._planes is None:
            rng = np.random.default_rng(SEED + 1)
            self._planes = rng.standard_normal((HYPERPLANE_BANDS * HYPERPLANE_BITS, SKETCH_DIM)).astype(np.float32)
        bits = (self._planes @ sketch) > 0
        return [
            np.packbits(bits[b * HYPERPLANE_BITS : (b + 1) * HYPERPLANE_BITS]).tobytes()
            for b in range(HYPERPLANE_BANDS)
        ]

    def candidates(self, sketch: np.ndarray, keys: list[bytes]) -> list[str]:
        n = len(self.ids)
        if n == 0:
            return []
        if n <= self.exact_scan_limit:
            # the first n rows as a view: indexing them with arange(n) copied every sketch held
            # (2 MB at 2,000 documents) for each new document, quadratic in the folder
            pool = np.arange(n)
            sims = self.sketches[:n] @ sketch
        else:
            found: set[int] = set()
            for band, key in zip(self._plane_buckets, keys):
                found.update(band.get(key, ()))
            pool = np.fromiter(sorted(found), dtype=np.intp, count=len(found))
            if len(pool) == 0:
                return []
            sims = self.sketches[pool] @ sketch
        # "related" is the weakest relation we report: anything clearly below it cannot matter
        keep = np.nonzero(sims >= self.related_cos - SKETCH_SLACK)[0]
        if len(keep) > MAX_CANDIDATES:
            keep = keep[np.argsort(-sims[keep], kind="stable")[:MAX_CANDIDATES]]
        return [self.ids[int(pool[i])] for i in keep]

    def cosines(self, others: list[str], sketch: np.ndarray) -> np.ndarray:
        """Sketch cosines of ``others`` (indexed documents) with ``sketch``."""
        sims: np.ndarray = self.sketches[[self.index[o] for o in others]] @ sketch
        return sims

    def insert(self, doc_id: str, sketch: np.ndarray, keys: list[bytes]) -> None:
        index = len(self.ids)
        self.index[doc_id] = index
        self.ids.append(doc_id)
        if index >= len(self.sketches):  # amortised doubling: no per-document copy of the matrix
            self.sketches = np.concatenate([self.sketches, np.zeros_like(self.sketches)])
        self.sketches[index] = sketch
        for band, key in zip(self._plane_buckets, keys):
            bucket = band.setdefault(key, [])
            bucket.append(index)
            if len(bucket) >= 2 * BUCKET_KEEP:  # trimmed in bulk: amortised O(1) per insert
                del bucket[:-BUCKET_KEEP]
