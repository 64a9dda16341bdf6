"""Unit-length embeddings of every sentence of a document, what the score's meaning part compares.

Why a module of its own: a 100,000-sentence document's vectors would be gigabytes held whole (the
lexical model has 8,192 dimensions), so long documents are encoded a block at a time as they are read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

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
        if len(d.sentences) > _VECTOR_BLOCK:
            out[d.id] = _SentenceRows(d, encoder)
            continue
        vecs = np.asarray(encoder.encode([s.text for s in d.sentences]), dtype=np.float32)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        rows = np.zeros_like(vecs)
        rows[[s.index for s in d.sentences]] = vecs / np.where(norms > 0, norms, 1.0)
        out[d.id] = rows
    return out


#: sentences per block of a long document's vectors (``_SentenceRows``)
_VECTOR_BLOCK = 2048


class _SentenceRows:
    """``sentence_vectors`` of a long document, encoded a block of sentences at a time when read
    (``rows[[i, j]]``), the two latest blocks kept: the meaning part reads a document's rows in
    order, and a 100,000-sentence document's vectors would otherwise be held whole (3 GB with the
    lexical model's 8,192 dimensions). Each row is what the one-array form holds."""

    def __init__(self, doc: Document, encoder: Encoder) -> None:
        self._texts = {s.index: s.text for s in doc.sentences}
        self._len = max(self._texts) + 1
        self._encoder = encoder
        self._blocks: dict[int, np.ndarray] = {}

    def __len__(self) -> int:
        return self._len

    def _block(self, b: int) -> np.ndarray:
        got = self._blocks.get(b)
        if got is None:
            lo, hi = b * _VECTOR_BLOCK, min(self._len, (b + 1) * _VECTOR_BLOCK)
            have = [i for i in range(lo, hi) if i in self._texts]
            got = np.zeros((hi - lo, getattr(self._encoder, "dim", None) or 1), dtype=np.float32)
            if have:
                vecs = np.asarray(self._encoder.encode([self._texts[i] for i in have]), dtype=np.float32)
                if got.shape[1] != vecs.shape[1]:
                    got = np.zeros((hi - lo, vecs.shape[1]), dtype=np.float32)
                norms = np.linalg.norm(vecs, axis=1, keepdims=True)
                got[[i - lo for i in have]] = vecs / np.where(norms > 0, norms, 1.0)
            if len(self._blocks) >= 2:
                self._blocks.pop(next(iter(self._blocks)))
            self._blocks[b] = got
        return got

    def __getitem__(self, idx: Sequence[int]) -> np.ndarray:
        rows = [self._block(i // _VECTOR_BLOCK)[i % _VECTOR_BLOCK] for i in idx]
        return np.stack(rows) if rows else np.zeros((0, 1), dtype=np.float32)
