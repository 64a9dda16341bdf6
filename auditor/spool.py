"""Temporary files of documents and report parts, so a large audit holds offsets in memory instead.

The streaming audit reads every input once, segments it and appends it here (pickled, zlib-compressed:
news text compresses ~3x and the sentence tuples repeat the text); afterwards any document is one
positional read away, for stdin and JSONL/JSON-array inputs as much as for files, without parsing the
input again. The file is deleted when the spool is closed (or the process ends).

Reads are positional (``os.pread``): worker processes forked from the one that wrote the spool share
its open file, and a seek there would move every process's offset. Writes are unbuffered, so a fork
never copies unwritten bytes it could write a second time.

``SpooledMapping`` keeps what a folder's report shows of each document (its sentences, its line
starts) the same way: a report of every sentence of a million articles would not fit in memory, and
report formats read it a story at a time, so a small cache of decoded values serves them.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import zlib
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Generic, TypeVar, overload

from auditor.model import Document

V = TypeVar("V")


class RecordSpool:
    """Append-only store of byte records on disk, read back by position."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="auditor-spool-", buffering=0)  # noqa: SIM115 (lives as long as the spool)
        self._spans: list[tuple[int, int]] = []
        self._end = 0

    def __len__(self) -> int:
        return len(self._spans)

    def append_record(self, data: bytes) -> int:
        """Store ``data``; returns its position."""
        view = memoryview(data)
        written = 0
        while written < len(view):  # an unbuffered write may take part of the bytes
            written += os.pwrite(self._file.fileno(), view[written:], self._end + written)
        self._spans.append((self._end, len(data)))
        self._end += len(data)
        return len(self._spans) - 1

    def record(self, position: int) -> bytes:
        start, size = self._spans[position]
        return os.pread(self._file.fileno(), size, start)

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> RecordSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class DocumentSpool(RecordSpool):
    """Append-only store of documents on disk, read back by position."""

    def append(self, doc: Document) -> int:
        """Store ``doc``; returns its position. ``append_record`` stores one already encoded
        (``encode``, e.g. by a worker process)."""
        return self.append_record(encode(doc))

    def get(self, position: int) -> Document:
        doc: Document = _decode(self.record(position))
        return doc

    def __enter__(self) -> DocumentSpool:
        return self


class _DecodedRecords(Generic[V]):
    """Values appended to a record spool, read back by position through a cache of the last ``size``
    decoded: what both spooled containers below hold."""

    def __init__(self, size: int) -> None:
        self._spool = RecordSpool()
        self._cache: OrderedDict[int, V] = OrderedDict()
        self._size = size

    def __len__(self) -> int:
        return len(self._spool)

    def append(self, value: V) -> int:
        """Store ``value`` (not kept decoded: it is the caller's); returns its position."""
        return self._spool.append_record(encode(value))

    def get(self, position: int) -> V:
        value = self._cache.get(position)
        if value is not None:
            self._cache.move_to_end(position)
            return value
        found: V = _decode(self._spool.record(position))
        self._cache[position] = found
        if len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return found

    def close(self) -> None:
        self._spool.close()


class SpooledMapping(Mapping[str, V], Generic[V]):
    """A read-only mapping whose values wait in a temporary file, the last ``cache`` read kept decoded.

    Filled once (``setdefault``: the first value of a key stays), then read; iteration follows the
    order set by ``reorder`` (insertion order until then). Pickled, it travels as a plain dict: the
    file is this process's. The file is deleted when the mapping is garbage-collected or closed."""

    def __init__(self, cache: int = 256) -> None:
        self._records = _DecodedRecords[V](cache)
        self._at: dict[str, int] = {}

    def setdefault(self, key: str, value: V) -> V:
        if key not in self._at:
            self._at[key] = self._records.append(value)
            return value  # not read back: the streaming audit stores every document this way
        return self[key]

    def reorder(self, keys: Iterable[str]) -> SpooledMapping[V]:
        """Iterate in the order of ``keys`` (which must be exactly the keys held); returns self."""
        order = {k: self._at[k] for k in keys}
        if len(order) != len(self._at):
            raise ValueError("reorder needs every key exactly once")
        self._at = order
        return self

    def __getitem__(self, key: str) -> V:
        return self._records.get(self._at[key])  # KeyError for a key not held

    def __contains__(self, key: object) -> bool:
        return key in self._at

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)

    def __reduce__(self) -> tuple[Any, ...]:
        return dict, (list(self.items()),)

    def close(self) -> None:
        self._records.close()


class SpooledSequence(Sequence[V], Generic[V]):
    """A read-only sequence whose items wait in a temporary file, the last ``cache`` read kept decoded:
    the per-document parts of a folder's report (results, alignment tables, set-aside entries), which
    formats read a story at a time.

    Filled by ``append``, then put in its final order by ``reorder`` (positions into the appended
    items; the sort keys stay with the caller). It compares equal to any sequence of equal items, as
    the tuple it stands for would, and pickles as that tuple: the file is this process's."""

    def __init__(self, cache: int = 256) -> None:
        self._records = _DecodedRecords[V](cache)
        self._order: list[int] | None = None

    def append(self, value: V) -> None:
        self._records.append(value)

    def reorder(self, positions: Iterable[int]) -> SpooledSequence[V]:
        """Read the items in the order of ``positions`` (each appended item exactly once); returns self."""
        order = list(positions)
        if sorted(order) != list(range(len(self._records))):
            raise ValueError("reorder needs every position exactly once")
        self._order = order
        return self

    def _record(self, index: int) -> V:
        return self._records.get(index if self._order is None else self._order[index])

    @overload
    def __getitem__(self, index: int) -> V: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[V, ...]: ...

    def __getitem__(self, index: int | slice) -> V | tuple[V, ...]:
        if isinstance(index, slice):
            return tuple(self._record(i) for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("spooled sequence index out of range")
        return self._record(index)

    def __iter__(self) -> Iterator[V]:
        for i in range(len(self)):
            yield self._record(i)

    def __len__(self) -> int:
        return len(self._records)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str) or len(other) != len(self):
            return False
        return all(a == b for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"SpooledSequence({len(self)} items)"

    def __reduce__(self) -> tuple[Any, ...]:
        return tuple, (list(self),)

    def close(self) -> None:
        self._records.close()


def encode(value: object) -> bytes:
    """A spool record of ``value`` (a document, or a report part)."""
    return zlib.compress(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), 1)


def _decode(data: bytes) -> Any:
    return pickle.loads(zlib.decompress(data))
