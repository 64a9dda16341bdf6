"""A temporary file of documents, so a large audit holds offsets in memory instead of documents.

The streaming audit reads every input once, segments it and appends it here (pickled, zlib-compressed:
news text compresses ~3x and the sentence tuples repeat the text); afterwards any document is one seek
and one read away, for stdin and JSONL/JSON-array inputs as much as for files, without parsing the
input again. The file is deleted when the spool is closed (or the process ends).
"""

from __future__ import annotations

import pickle
import tempfile
import zlib

from auditor.model import Document


class DocumentSpool:
    """Append-only store of documents on disk, read back by position."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="auditor-spool-")  # noqa: SIM115 (lives as long as the spool)
        self._spans: list[tuple[int, int]] = []
        self._end = 0

    def __len__(self) -> int:
        return len(self._spans)

    def append(self, doc: Document) -> int:
        """Store ``doc``; returns its position."""
        data = zlib.compress(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL), 1)
        self._file.seek(self._end)
        self._file.write(data)
        self._spans.append((self._end, len(data)))
        self._end += len(data)
        return len(self._spans) - 1

    def get(self, position: int) -> Document:
        start, size = self._spans[position]
        self._file.seek(start)
        doc: Document = pickle.loads(zlib.decompress(self._file.read(size)))
        return doc

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> DocumentSpool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
