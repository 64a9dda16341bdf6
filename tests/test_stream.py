"""The streaming audit on worker processes: the same report as one process, the spool and the
embedding cache read safely from forked workers."""

from __future__ import annotations

import os

import numpy as np
import pytest

from auditor import workers
from auditor.cache import EmbeddingCache
from auditor.report import report_to_dict
from auditor.spool import DocumentSpool
from auditor.workers import Workers
from tests._stories import multi_story_folder

needs_fork = pytest.mark.skipif(not workers.can_fork(), reason="worker processes start as forks (Linux)")


@needs_fork
def test_an_audit_on_workers_writes_the_one_process_report(tmp_path, lexical_encoder, monkeypatch):
    import auditor.stream
    from auditor.stream import run_audit_stream

    folder = str(multi_story_folder(tmp_path))
    alone = run_audit_stream([folder], lexical_encoder, jobs=1)

    started = []
    real_start = Workers._start

    def start(self):
        started.append(self.fn)
        real_start(self)

    monkeypatch.setattr(Workers, "_start", start)
    monkeypatch.setattr(auditor.stream, "MIN_DOCUMENTS_FOR_WORKERS", 2)  # a small folder still forks
    parallel = run_audit_stream([folder], lexical_encoder, jobs=2)

    assert len(started) == 3  # segment, read for clustering, audit: each phase ran on workers
    assert report_to_dict(parallel) == report_to_dict(alone)
    assert len({d.cluster for d in alone.documents if d.cluster is not None}) >= 3
    assert alone.set_aside  # set-aside documents are labelled on the workers too


@needs_fork
def test_the_in_memory_audit_on_workers_gives_the_same_report(tmp_path, lexical_encoder):
    from auditor.commands._options import load_documents
    from auditor.pipeline import run_audit

    docs = load_documents([str(multi_story_folder(tmp_path))])
    assert report_to_dict(run_audit(docs, lexical_encoder, jobs=2)) == report_to_dict(run_audit(docs, lexical_encoder))


@needs_fork
def test_forked_workers_read_the_spool_without_moving_each_others_offsets():
    """The spool's file is shared with every forked worker: reads by position, never by seek."""
    from auditor.model import Document

    with DocumentSpool() as spool:
        for k in range(40):
            spool.append(Document(id=f"d{k}", path=f"d{k}.txt", text=f"Document number {k}. " * (k + 1)))
        with Workers(lambda k: spool.get(k).text, 2, chunk=1) as pool:
            texts = list(pool.map([k % 40 for k in range(200)]))
    assert texts == [f"Document number {k % 40}. " * (k % 40 + 1) for k in range(200)]


@needs_fork
def test_a_forked_worker_opens_its_own_cache_connection(tmp_path):
    """SQLite forbids using a connection across fork: a worker reconnects and the parent's
    connection keeps working."""
    cache = EmbeddingCache(tmp_path / "cache.sqlite3")
    vec = np.arange(4, dtype=np.float32)
    cache.put_many("m", {"a": vec})
    parent = cache._conn

    def read(text: str) -> tuple[list[float], bool, int]:
        got = cache.get_many("m", [text])
        return got[text].tolist(), cache._conn is not parent, os.getpid()

    with Workers(read, 2, chunk=1) as pool:
        out = list(pool.map(["a"] * 6))
    assert all(values == vec.tolist() for values, _, _ in out)
    in_workers = [own_connection for _, own_connection, pid in out if pid != os.getpid()]
    assert len(in_workers) == 5 and all(in_workers)  # the first read ran here, the rest on workers
    assert cache._conn is parent and cache.get_many("m", ["a"])["a"].tolist() == vec.tolist()
    cache.close()
