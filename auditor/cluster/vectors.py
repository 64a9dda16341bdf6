"""The sentence vectors kept for coverage checks: float16, LRU within a byte budget, re-encoded on demand.

Memory stays bounded on any corpus size: a document's first ``MAX_KEPT_SENTENCES`` vectors are kept as
float16 with its exact float32 centroid; when the budget is spent the oldest are dropped and, if asked
for again, re-encoded from the document's zlib-compressed content texts (the backend's embedding
cache makes that a lookup).
"""

from __future__ import annotations

import zlib
from collections import OrderedDict
from typing import Any

import numpy as np

from auditor.backends import Encoder
from auditor.cached_encoder import encode_sparse
from auditor.cluster.params import (
    ENCODE_CHUNK,
    LEAD_SENTENCES,
    MAX_KEPT_SENTENCES,
    SEED,
    SENTENCE_VECTOR_BUDGET,
    STORED_DIM,
)
from auditor.cluster.signals import unit


class VectorStore:
    """Per-document sentence vectors and centroids, within ``SENTENCE_VECTOR_BUDGET`` bytes."""

    def __init__(self, encoder: Encoder) -> None:
        self.encoder = encoder
        self._wide_projection: np.ndarray | None = None
        # content texts, zlib-compressed (~3x smaller): only read to re-encode an evicted document
        self._texts: dict[str, bytes] = {}
        #: doc id -> (kept vectors, centroid, lead: the unit mean of the first ``LEAD_SENTENCES``)
        self.vectors: OrderedDict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = OrderedDict()
        self._vector_bytes = 0

    def keep_texts(self, doc_id: str, texts: list[str]) -> None:
        self._texts[doc_id] = zlib.compress("\0".join(texts).encode("utf-8"))

    def get(self, doc_id: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(kept sentence vectors as float32, exact unit centroid, lead vector) of a document,
        re-encoded if evicted."""
        entry = self.vectors.get(doc_id)
        if entry is None:
            texts = zlib.decompress(self._texts[doc_id]).decode("utf-8").split("\0")
            entry = self.remember(doc_id, self.encode_projected(texts))
        else:
            self.vectors.move_to_end(doc_id)
        return entry[0].astype(np.float32), entry[1], entry[2]

    def encode_projected(self, texts: list[str]) -> np.ndarray:
        """``project(encode(texts))``, encoded ``ENCODE_CHUNK`` texts at a time: a 100,000-sentence
        document's lexical vectors are 3 GB before projection, its projected ones 200 MB."""
        if not texts:
            return np.zeros((0, 1), np.float32)
        parts = []
        for i in range(0, len(texts), ENCODE_CHUNK):
            chunk = texts[i : i + ENCODE_CHUNK]
            # the sparse form when the encoder has one: projecting it costs ~3% of the dense product
            vec = encode_sparse(self.encoder, chunk)
            parts.append(self.project(np.asarray(self.encoder.encode(chunk), dtype=np.float32) if vec is None else vec))
        return parts[0] if len(parts) == 1 else np.concatenate(parts)

    def project(self, vec: Any) -> np.ndarray:
        """Sentence vectors (an array, or a scipy sparse matrix) as kept: projected to
        ``STORED_DIM`` when wider, re-normalised."""
        if vec.ndim != 2 or vec.shape[1] <= STORED_DIM:
            return vec.toarray() if hasattr(vec, "toarray") else np.asarray(vec)
        if self._wide_projection is None or self._wide_projection.shape[0] != vec.shape[1]:
            rng = np.random.default_rng(SEED + 2)
            self._wide_projection = rng.standard_normal((vec.shape[1], STORED_DIM)).astype(np.float32)
        out = np.asarray(vec @ self._wide_projection, dtype=np.float32)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        unit: np.ndarray = out / np.where(norms > 0, norms, 1.0)
        return unit

    def remember(self, doc_id: str, vec: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Keep a document's (already ``project``-ed) vectors: the first ``MAX_KEPT_SENTENCES`` as
        float16 (half the memory; cosines move by ~1e-3, far below any bar here), the float32
        centroid of all of them and the lead vector (each pair compared reads it: computed once)."""
        centroid = unit(np.asarray(vec, dtype=np.float32).mean(axis=0))
        kept = np.ascontiguousarray(vec[:MAX_KEPT_SENTENCES], dtype=np.float16)
        lead = unit(kept[:LEAD_SENTENCES].astype(np.float32).mean(axis=0))
        entry = (kept, centroid, lead)
        self.vectors[doc_id] = entry
        self._vector_bytes += kept.nbytes + centroid.nbytes + lead.nbytes
        while self._vector_bytes > SENTENCE_VECTOR_BUDGET and len(self.vectors) > 1:
            _, (old, old_centroid, old_lead) = self.vectors.popitem(last=False)
            self._vector_bytes -= old.nbytes + old_centroid.nbytes + old_lead.nbytes
        return entry
