"""A least-recently-used memo of per-sentence results whose size follows the run's longest document.

Versions of a story repeat most of each other's sentences, so a sentence's result is remembered
for the next version. A fixed-size LRU serves that only while a document fits in it: once a
document is longer than the memo, reading it evicts its own first sentences before the next
version asks for them, and every version costs a full pass again (a 100,000-sentence pair spent a
third of its extraction time on sentences it had seen). ``fit`` lets the owner grow the memo to the
document it is about to read; a folder of ordinary articles keeps the base size.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class SentenceMemo(Generic[V]):
    """``memo(key, compute)``: the remembered value of ``key``, or ``compute()`` remembered."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def fit(self, sentences: int) -> None:
        """Hold at least ``sentences`` entries from now on: enough for a document of that many
        sentences and the next version's new ones (never shrinks: the run's longest document
        sets the size, and its sentences' results are what the next version reuses)."""
        self.size = max(self.size, sentences)

    def __call__(self, key: Hashable, compute: Callable[[], V]) -> V:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = compute()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
