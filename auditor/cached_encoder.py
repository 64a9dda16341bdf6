"""The encoder every stage actually calls: any ``Encoder`` wrapped with an in-run memo, the persistent
embedding cache (``auditor.cache``) and a progress bar for long encodes.

Why apart from ``auditor.backends``: the models are the backends' concern; remembering vectors (a
cluster repeats headlines and boilerplate, alignment and scoring ask for the same sentences) and
showing progress are the same for every model.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from auditor.cache import EmbeddingCache

if TYPE_CHECKING:  # the protocol only: backends imports this module
    from auditor.backends import Encoder


def encode_sparse(encoder: Any, texts: Sequence[str]) -> Any | None:
    """``encoder.encode(texts)`` as a scipy CSR matrix, value for value, when the encoder has a
    sparse form (the lexical model: a few hundred of 8,192 dimensions set per sentence); None when
    it has none. Stages that multiply or project vectors ask for it first: dense rows of that
    model cost 32 KB a sentence and products over them ~30x the sparse ones."""
    fn = getattr(encoder, "encode_sparse", None)
    return fn(list(texts)) if callable(fn) else None


class CachedEncoder:
    """Wraps an encoder with an in-run memo, the persistent cache, and an optional progress bar.

    Texts are de-duplicated before encoding (boilerplate and headlines repeat across a cluster).
    """

    #: texts per inner call when encoding with progress: small enough for a smooth bar, large
    #: enough that batching inside the model still pays off
    chunk = 64
    #: seconds of encoding before a bar appears: shorter jobs finish before a bar would help
    progress_delay_s = 0.7

    def __init__(self, inner: Encoder, *, cache: EmbeddingCache | None, progress: bool = False) -> None:
        self.inner = inner
        self.name: str = inner.name
        self.cache_id: str | None = getattr(inner, "cache_id", None)
        self._cache = cache if self.cache_id else None
        self.progress = progress
        # the in-run memo is one growing float32 matrix plus text -> row: answering a request is
        # then a single gather, where stacking thousands of per-text vectors cost more than the
        # whole banded alignment of the texts they belong to
        self._row: dict[str, int] = {}
        self._store = np.zeros((0, 0), dtype=np.float32)
        self._size = 0
        self.stats = {"memo": 0, "disk": 0, "encoded": 0}

    def _remember(self, texts: Sequence[str], vecs: np.ndarray | Sequence[np.ndarray]) -> None:
        """Append vectors (an array, or a sequence of 1-d arrays) for new texts to the memo."""
        matrix = np.asarray(vecs, dtype=np.float32)
        if not len(texts):
            return
        need = self._size + len(texts)
        if self._store.shape[1] != matrix.shape[1]:  # first vectors: the width is known now
            # room for the whole budget at once: np.zeros only reserves it (pages are mapped as rows
            # are written), where growing by doubling copied the memo 6 times on the way to 35,000
            # use-m vectors (1.3 s of a 2,000-article folder audit, mostly fresh-page faults)
            budget_rows = self.memo_max_bytes // (4 * max(matrix.shape[1], 1)) + 1
            self._store = np.zeros((max(need, budget_rows, 1024), matrix.shape[1]), dtype=np.float32)
        elif need > len(self._store):
            grown = np.zeros((max(need, 2 * len(self._store)), self._store.shape[1]), dtype=np.float32)
            grown[: self._size] = self._store[: self._size]
            self._store = grown
        self._store[self._size : need] = matrix
        for k, t in enumerate(texts, start=self._size):
            self._row[t] = k
        self._size = need

    #: bytes the in-run memo may hold before it starts afresh: an archive audit would otherwise keep
    #: every vector of the run (lexical vectors are 32 KB a sentence). Vectors dropped here come back
    #: bit-identical from the persistent cache, or are re-encoded when the cache is off.
    memo_max_bytes = 256 * 2**20

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        if self._size and (self._size + len(texts) > len(self._store)
                           or self._size * self._store.shape[1] * 4 > self.memo_max_bytes):
            # start afresh before this call could outgrow the rows reserved for the budget: growing
            # copied the full memo into an array twice its size, a transient of the whole budget
            self._row.clear()
            self._store = np.zeros((0, 0), dtype=np.float32)
            self._size = 0
        todo = [t for t in dict.fromkeys(texts) if t not in self._row]
        self.stats["memo"] += len(texts) - len(todo)
        if todo and self._cache is not None and self.cache_id:
            hit = self._cache.get_many(self.cache_id, todo)
            if hit:
                self._remember(list(hit), [hit[t] for t in hit])
            self.stats["disk"] += len(hit)
            todo = [t for t in todo if t not in hit]
        if todo:
            vecs = self._encode_with_progress(todo)
            self._remember(todo, vecs)
            self.stats["encoded"] += len(todo)
            if self._cache is not None and self.cache_id:
                self._cache.put_many(self.cache_id, dict(zip(todo, vecs)))
        if not texts:
            dim = getattr(self.inner, "dim", None) or 0
            return np.zeros((0, dim), dtype=np.float32)
        rows = np.fromiter((self._row[t] for t in texts), dtype=np.intp, count=len(texts))
        return self._store[rows]

    def encode_sparse(self, texts: Sequence[str]) -> Any | None:
        """The inner encoder's sparse form (``encode_sparse`` above), or None. Not memoised: the one
        encoder with a sparse form hashes a sentence again faster than a memo would store it."""
        return encode_sparse(self.inner, texts)

    def _encode_with_progress(self, todo: list[str]) -> np.ndarray:
        show = self.progress and sys.stderr.isatty()
        if not show or len(todo) <= self.chunk:
            return self.inner.encode(todo)
        parts: list[np.ndarray] = []
        started = time.monotonic()
        bar = None
        task = None
        try:
            for start in range(0, len(todo), self.chunk):
                parts.append(self.inner.encode(todo[start : start + self.chunk]))
                done = start + len(parts[-1])
                if bar is None and time.monotonic() - started > self.progress_delay_s and done < len(todo):
                    from rich.console import Console
                    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

                    bar = Progress(
                        TextColumn(f"encoding ({self.name})"), BarColumn(), MofNCompleteColumn(),
                        TimeRemainingColumn(), console=Console(stderr=True), transient=True,
                    )
                    bar.start()
                    task = bar.add_task("encode", total=len(todo))
                if bar is not None and task is not None:
                    bar.update(task, completed=done)
        finally:
            if bar is not None:
                bar.stop()
        return np.concatenate(parts)
