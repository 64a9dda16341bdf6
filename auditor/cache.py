"""Persistent embedding cache, so re-auditing an archive does not re-encode sentences it has seen.

One SQLite file in the user cache folder (``platformdirs``), or in ``$AUDITOR_CACHE_DIR`` when set
(tests and CI point it at a temporary folder). Rows are keyed by (model id, SHA-256 of the exact
sentence text), so two models never share vectors and an edited sentence is simply a new key.

Why SQLite: it gives atomic multi-row writes and safe concurrent readers/writers across processes
(WAL journal + busy timeout) with no extra dependency. Two audits running at once may both encode
the same sentence; ``INSERT OR IGNORE`` makes the second write a no-op, and both hold identical
vectors anyway. Every row carries the fingerprint of the model that made it and a checksum over
(fingerprint, key, vector): a row whose vector was altered (a poisoned or bit-rotted file), or that a
different model build wrote under the same id, is a miss, re-encoded and overwritten, never trusted.
A cache that silently served wrong vectors would make every document look unrelated and let a
publishing gate pass. Any database problem (read-only folder, corrupt file, lock held too long) turns the
cache off for the run with one warning: a cache must never be the reason an audit fails.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

#: bump when the on-disk layout changes; old files are left alone, a new one is started
_SCHEMA = 2
_FILENAME = f"embeddings-v{_SCHEMA}.sqlite3"
#: SQLite's default limit on host parameters is 999 on old builds; stay well under it
_CHUNK = 500
#: bytes a database page holds, set when the file is made. SQLite keeps at most about a quarter of
#: a page of a row in its table's b-tree and moves the rest to overflow pages; a 512-float vector
#: (2 KB, the default model's) overflows 4 KB pages -- two page reads a row, and a file twice the
#: data (a 2.8 GB cache held 1.3 GB of rows) -- and fits inline in 16 KB ones (8 KB pages overflow
#: too, by a few bytes). Measured on 35,763 rows a 2,000-article folder reads: 1.07 s from a
#: fresh 4 KB-page copy, 0.65 s from a 16 KB-page one.
_PAGE_SIZE = 16384
#: seconds a writer waits for another process's transaction before giving up on the cache
_BUSY_TIMEOUT_S = 30.0
#: connections a forked worker inherited: kept referenced, never used or closed there (SQLite's rule
#: for a connection that crosses a fork; closing it in the child could disturb the parent's)
_INHERITED: list[sqlite3.Connection | None] = []


def cache_dir() -> Path:
    """Where the cache lives: ``$AUDITOR_CACHE_DIR`` if set, else the platform's user cache dir."""
    env = os.environ.get("AUDITOR_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("auditor", appauthor=False))


def model_fingerprint(model: str) -> bytes:
    """Fingerprint of a model id (the id already carries its package's version or the weight files'
    sizes and times): rows written under another fingerprint are not this model's vectors."""
    return hashlib.sha256(b"auditor-model\0" + model.encode("utf-8", "surrogatepass")).digest()[:16]


def row_checksum(fingerprint: bytes, key: bytes, dim: int, blob: bytes) -> bytes:
    """Checksum binding a vector to its model and text: any change to either makes it a miss."""
    return hashlib.sha256(fingerprint + key + dim.to_bytes(4, "little") + blob).digest()[:16]


def text_key(text: str) -> bytes:
    """SHA-256 of the UTF-8 text: collision-free in practice and independent of Python's hash seed."""
    return hashlib.sha256(text.encode("utf-8")).digest()


class EmbeddingCache:
    """Vectors by (model id, text). All failures degrade to "not cached" after a single warning."""

    def __init__(self, path: str | os.PathLike[str] | None = None):
        self.path = Path(path) if path is not None else cache_dir() / _FILENAME
        self._conn: sqlite3.Connection | None = None
        self._pid = os.getpid()
        self._broken = False
        self._warned_bad = False

    # -- connection -------------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection | None:
        if self._broken:
            return None
        if self._pid != os.getpid():
            # a forked worker: the parent's connection must not be used (or closed) here
            _INHERITED.append(self._conn)
            self._conn, self._pid = None, os.getpid()
        if self._conn is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_S, isolation_level=None)
                # a new file only (an existing one keeps its size): see _PAGE_SIZE
                conn.execute(f"PRAGMA page_size={_PAGE_SIZE}")
                conn.execute("PRAGMA journal_mode=WAL")
                # NORMAL is durable enough for a cache (a crash loses at most the last writes)
                conn.execute("PRAGMA synchronous=NORMAL")
                conn.execute(
                    "CREATE TABLE IF NOT EXISTS vectors ("
                    " model TEXT NOT NULL, key BLOB NOT NULL, dim INTEGER NOT NULL, vec BLOB NOT NULL,"
                    " fingerprint BLOB NOT NULL, checksum BLOB NOT NULL,"
                    " PRIMARY KEY (model, key)) WITHOUT ROWID"
                )
                self._conn = conn
            except (sqlite3.Error, OSError) as exc:
                self._fail(exc)
                return None
        return self._conn

    def _fail(self, exc: BaseException) -> None:
        if not self._broken:
            log.warning(f"{self.path}: embedding cache disabled for this run ({exc})")
        self._broken = True
        if self._conn is not None and self._pid == os.getpid():
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
        self._conn = None

    def close(self) -> None:
        if self._conn is not None and self._pid == os.getpid():
            self._conn.close()
        self._conn = None

    # -- access -----------------------------------------------------------------------------
    def get_many(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """Cached vectors for those of ``texts`` that are present (text -> float32 vector)."""
        conn = self._connect()
        if conn is None or not texts:
            return {}
        by_key = {text_key(t): t for t in texts}
        keys = list(by_key)
        found: dict[str, np.ndarray] = {}
        fingerprint = model_fingerprint(model)
        bad = 0
        try:
            for start in range(0, len(keys), _CHUNK):
                chunk = keys[start : start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(
                    f"SELECT key, dim, vec, fingerprint, checksum FROM vectors WHERE model = ? AND key IN ({marks})",
                    (model, *chunk),
                )
                for key, dim, blob, fp, checksum in rows:
                    key, blob = bytes(key), bytes(blob)
                    # a truncated row, another model build, or a vector that fails its checksum: a miss
                    ok = (
                        isinstance(dim, int) and len(blob) == 4 * dim and bytes(fp) == fingerprint
                        and bytes(checksum) == row_checksum(fingerprint, key, dim, blob)
                    )
                    vec = np.frombuffer(blob, dtype=np.float32) if ok else None
                    if vec is None or not np.isfinite(vec).all():
                        bad += 1
                        continue
                    found[by_key[key]] = vec
        except sqlite3.Error as exc:
            self._fail(exc)
            return {}
        if bad and not self._warned_bad:
            self._warned_bad = True
            log.warning(f"{self.path}: {bad} cached vector{'s' if bad > 1 else ''} failed the checksum or model "
                        "fingerprint check; re-encoded")
        return found

    def put_many(self, model: str, items: Mapping[str, np.ndarray] | Iterable[tuple[str, np.ndarray]]) -> None:
        """Store vectors in one transaction (a concurrent run storing the same keys is harmless)."""
        conn = self._connect()
        pairs = list(items.items()) if isinstance(items, Mapping) else list(items)
        if conn is None or not pairs:
            return
        fingerprint = model_fingerprint(model)
        rows = []
        for t, v in pairs:
            key, blob = text_key(t), np.ascontiguousarray(v, dtype=np.float32).tobytes()
            dim = int(v.shape[0])
            rows.append((model, key, dim, blob, fingerprint, row_checksum(fingerprint, key, dim, blob)))
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                # REPLACE: a row that failed its check is overwritten; concurrent runs write identical rows
                conn.executemany(
                    "INSERT OR REPLACE INTO vectors (model, key, dim, vec, fingerprint, checksum)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    rows,
                )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            self._fail(exc)
