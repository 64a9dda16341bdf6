"""BLAS held to one thread around the many small products of clustering and alignment.

Why: a story's products are small blocks (a document's sentences against a candidate's, a band of an
alignment, one new centroid against the sketches held), where handing work to OpenBLAS's threads
costs more than it saves, and on a busy machine a multi-threaded call measured ~23 ms instead of
~0.5 ms. OpenBLAS splits a product's rows and columns between threads, never a dot product's terms,
so every value is the one a single thread computes. A no-op when threadpoolctl cannot load.
"""

from __future__ import annotations

import contextlib
from contextlib import AbstractContextManager
from typing import Any

#: threadpoolctl's controller once loaded, False when it cannot be
_LIMITER: Any = None


def single_thread_blas() -> AbstractContextManager[object]:
    """A context in which BLAS calls run on one thread (the caller's limits are put back after)."""
    global _LIMITER
    if _LIMITER is None:
        try:
            from threadpoolctl import ThreadpoolController

            _LIMITER = ThreadpoolController()
        except Exception:  # noqa: BLE001 - optional speed-up only
            _LIMITER = False
    if _LIMITER is False:
        return contextlib.nullcontext()
    limited: AbstractContextManager[object] = _LIMITER.limit(limits=1, user_api="blas")
    return limited
