"""A temporary file of documents, so a large audit holds offsets in memory instead of documents.

The streaming audit reads every input once, segments it and appends it here (pickled, zlib-compressed:
news text compresses ~3x and the sentence tuples repeat the text); afterwards any document is one
positional read away, for stdin and JSONL/JSON-array inputs as much as for files, without parsing the
input again. The file is deleted when the spool is closed (or the process ends).

Reads are positional (``os.pread``): worker processes forked from the one that wrote the spool share
its open file, and a seek there would move every process's offset. Writes are unbuffered, so a fork
never copies unwritten bytes it could write a second time.
"""

from __future__ import annotations

import os
import pickle
import tempfile
import zlib

from auditor.model import Document


class DocumentSpool:
    """Append-only store of documents on disk, read back by position."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="auditor-spool-", buffering=0)  # noqa: SIM115 (lives as long as the spool)
        self._spans: list[tuple[int, int]] = []
        self._end = 0

    def __len__(self) -> int:
        return len(self._spans)

    def append(self, doc: Document) -> int:
        """Store ``doc``; returns its position."""
        return self.append_record(encode(doc))

    def append_record(self, data: bytes) -> int:
        """Store a document already encoded (``encode``, e.g. by a worker process); returns its position."""
        view = memoryview(data)
        written = 0
        while written < len(view):  # an unbuffered write may take part of the bytes
            written += os.pwrite(self._file.fileno(), view[written:], self._end + written)
        self._spans.append((self._end, len(data)))
        self._end += len(data)
        return len(self._spans) - 1

    def get(self, position: int) -> Document:
        start, size = self._spans[position]
        doc: Document = pickle.loads(zlib.decompress(os.pread(self._file.fileno(), size, start)))
        return doc

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> DocumentSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def encode(doc: Document) -> bytes:
    """A spool record of ``doc``."""
    return zlib.compress(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL), 1)
