"""Fewer garbage-collector passes while an audit runs.

An audit builds millions of small objects that live for the whole run (sentences, mentions, tokens,
memo entries) and frees almost nothing in reference cycles. With CPython's default thresholds
(700, 10, 10) the collector walks every live object again at each full pass: on a 20,000-sentence
pair, 16 full passes took 3.9 of 58 s, and a longer run pays more of them over a larger heap. The
thresholds below make young collections rarer and full ones rarer still (peak memory of that run
unchanged); reference counting frees everything else as before. The caller's thresholds are put
back when the outermost audit ends.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable
from typing import ParamSpec, TypeVar

#: allocations before a young collection, young collections before a middle one, middle before a full
AUDIT_THRESHOLDS = (50_000, 20, 10)

P = ParamSpec("P")
R = TypeVar("R")

_lock = threading.Lock()
_depth = 0
_saved: tuple[int, int, int] = gc.get_threshold()


def collecting_less(fn: Callable[P, R]) -> Callable[P, R]:
    """Run ``fn`` with ``AUDIT_THRESHOLDS`` (nested and concurrent calls share one setting)."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        global _depth, _saved
        with _lock:
            if _depth == 0:
                _saved = gc.get_threshold()
                gc.set_threshold(*AUDIT_THRESHOLDS)
            _depth += 1
        try:
            return fn(*args, **kwargs)
        finally:
            with _lock:
                _depth -= 1
                if _depth == 0:
                    gc.set_threshold(*_saved)

    return wrapper
