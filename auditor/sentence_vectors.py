"""Unit-length embeddings of every sentence of a document, what the score's meaning part compares.

Why a module of its own: a 100,000-sentence document's vectors would be gigabytes held whole (the
lexical model has 8,192 dimensions), so long documents are encoded a block at a time as they are read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from auditor.cached_encoder import encode_sparse
from auditor.model import Document

if TYPE_CHECKING:
    from auditor.backends import Encoder


def sentence_vectors(docs: Sequence[Document], encoder: Encoder) -> dict[str, object]:
    """Unit-length embeddings of every sentence of each document, row i for sentence index i: what
    the score's meaning part compares. Alignment has just encoded these texts, so the encoder's
    in-run memo answers without running the model again."""
    out: dict[str, object] = {}
    for d in docs:
        if not d.sentences:
            continue
        if len(d.sentences) > _VECTOR_BLOCK or getattr(encoder, "encode_sparse", None) is not None:
            out[d.id] = _SentenceRows(d, encoder)
            continue
        vecs = np.asarray(encoder.encode([s.text for s in d.sentences]), dtype=np.float32)
        rows = np.zeros_like(vecs)
        rows[[s.index for s in d.sentences]] = _unit_rows(vecs)
        out[d.id] = rows
    return out


#: sentences per block of a long document's vectors (``_SentenceRows``)
_VECTOR_BLOCK = 2048


class _SentenceRows:
    """``sentence_vectors`` of a long document, encoded a block of sentences at a time when read
    (``rows[[i, j]]``), the two latest blocks kept: the meaning part reads a document's rows in
    order, and a 100,000-sentence document's vectors would otherwise be held whole (3 GB with the
    lexical model's 8,192 dimensions). Each row is what the one-array form holds. An encoder with
    a sparse form (``encode_sparse``) keeps its blocks sparse and densifies only the rows read:
    the same values (a row is normalised by its own norm alone), ~2 KB a sentence."""

    def __init__(self, doc: Document, encoder: Encoder) -> None:
        self._texts = {s.index: s.text for s in doc.sentences}
        self._len = max(self._texts) + 1
        self._encoder = encoder
        self._blocks: dict[int, Any] = {}

    def __len__(self) -> int:
        return self._len

    def _block(self, b: int) -> Any:
        got = self._blocks.get(b)
        if got is None:
            lo, hi = b * _VECTOR_BLOCK, min(self._len, (b + 1) * _VECTOR_BLOCK)
            have = [i for i in range(lo, hi) if i in self._texts]
            texts = [self._texts[i] for i in have]
            got = encode_sparse(self._encoder, texts) if have else None
            if got is not None:  # all-zero rows where a sentence index has no sentence
                rows = np.zeros(hi - lo + 1, dtype=np.int64)
                rows[[i - lo + 1 for i in have]] = np.diff(got.indptr)
                got = (np.cumsum(rows), got.indices, got.data, got.shape[1])
            else:
                got = self._dense_block(lo, hi, have, texts)
            if len(self._blocks) >= 2:
                self._blocks.pop(next(iter(self._blocks)))
            self._blocks[b] = got
        return got

    def _dense_block(self, lo: int, hi: int, have: list[int], texts: list[str]) -> np.ndarray:
        got = np.zeros((hi - lo, getattr(self._encoder, "dim", None) or 1), dtype=np.float32)
        if have:
            vecs = np.asarray(self._encoder.encode(texts), dtype=np.float32)
            if got.shape[1] != vecs.shape[1]:
                got = np.zeros((hi - lo, vecs.shape[1]), dtype=np.float32)
            got[[i - lo for i in have]] = _unit_rows(vecs)
        return got

    def __getitem__(self, idx: Sequence[int]) -> np.ndarray:
        rows = []
        for i in idx:
            block = self._block(i // _VECTOR_BLOCK)
            if isinstance(block, np.ndarray):
                rows.append(block[i % _VECTOR_BLOCK])
                continue
            indptr, indices, data, dim = block
            a, b = indptr[i % _VECTOR_BLOCK], indptr[i % _VECTOR_BLOCK + 1]
            row = np.zeros((1, dim), dtype=np.float32)
            row[0, indices[a:b]] = data[a:b]
            rows.append(_unit_rows(row)[0])
        return np.stack(rows) if rows else np.zeros((0, 1), dtype=np.float32)


def _unit_rows(vecs: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vecs, axis=1, keepdims=True)
    unit: np.ndarray = vecs / np.where(norms > 0, norms, 1.0)
    return unit
