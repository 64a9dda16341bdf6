"""Disjoint sets over ordered keys: the one union-find of auditor (story clusters, scan groups, drift's
aligned units)."""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from typing import Any, Generic, Protocol, TypeVar


class _Ordered(Hashable, Protocol):
    def __lt__(self, other: Any, /) -> bool: ...


K = TypeVar("K", bound=_Ordered)


class UnionFind(Generic[K]):
    """Union by smallest key, so the roots never vary with the order keys arrive in; path compression
    keeps ``find`` near constant on the long chains a stream of versions builds."""

    def __init__(self) -> None:
        self.parent: dict[K, K] = {}

    def __contains__(self, x: object) -> bool:
        return x in self.parent

    def __iter__(self) -> Iterator[K]:
        """Keys in the order they were added."""
        return iter(self.parent)

    def add(self, x: K) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: K) -> K:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: K, b: K) -> None:
        """Join the sets of ``a`` and ``b`` (either is added first if new)."""
        self.add(a)
        self.add(b)
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra

    def groups(self) -> dict[K, list[K]]:
        """Members of each set by root, in the order they were added."""
        out: dict[K, list[K]] = {}
        for x in self.parent:
            out.setdefault(self.find(x), []).append(x)
        return out
