"""Work spread over forked worker processes: results in order, from other processes, bounded reading
ahead, worker log records and errors reaching the parent as in one process."""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from auditor import workers
from auditor.errors import InputError, UsageError
from auditor.workers import Workers, resolve_jobs

ROOT = Path(__file__).resolve().parents[1]
needs_fork = pytest.mark.skipif(not workers.can_fork(), reason="worker processes start as forks (Linux)")


@needs_fork
def test_results_come_back_in_order_from_other_processes():
    offset = 1000  # a closure over the caller's state: the function is inherited by the fork, not pickled

    def work(k: int) -> tuple[int, int]:
        return k + offset, os.getpid()

    with Workers(work, 2, chunk=3) as pool:
        out = list(pool.map(range(50)))
    assert [v for v, _ in out] == [k + 1000 for k in range(50)]
    # the first item runs here, so what the work loads on first use is shared with the workers
    assert out[0][1] == os.getpid()
    pids = {pid for _, pid in out[1:]}
    assert os.getpid() not in pids and len(pids) == 2


@needs_fork
def test_what_the_first_item_loads_is_loaded_once_and_shared():
    loads = []
    table: dict[str, int] = {}

    def work(k: int) -> tuple[int, int]:
        if not table:  # a lazily loaded resource (a model, a word list)
            loads.append(os.getpid())
            table["size"] = 7
        return k * table["size"], len(loads)

    with Workers(work, 2, chunk=2) as pool:
        out = list(pool.map(range(20)))
    assert [v for v, _ in out] == [k * 7 for k in range(20)]
    assert all(n == 1 for _, n in out)  # no worker loaded it again
    assert loads == [os.getpid()]


def test_below_min_items_or_one_job_the_work_stays_in_this_process():
    with Workers(lambda k: (k * 2, os.getpid()), 2, min_items=10) as pool:
        out = list(pool.map(range(10)))
    assert out == [(k * 2, os.getpid()) for k in range(10)]
    with Workers(lambda k: os.getpid(), 1) as pool:
        assert set(pool.map(range(40))) == {os.getpid()}


@needs_fork
def test_input_is_read_only_a_few_chunks_ahead():
    """``Pool.imap`` would read a stream of a million documents into its task queue; here the reader is
    at most ``IN_FLIGHT`` chunks per worker ahead of the results taken."""
    pulled = 0

    def stream():
        nonlocal pulled
        for k in range(10_000):
            pulled += 1
            yield k

    with Workers(lambda k: k, 2, chunk=4) as pool:
        results = pool.map(stream())
        assert next(results) == 0
        assert pulled <= (workers.IN_FLIGHT * 2 + 2) * 4
        assert sum(results) == sum(range(1, 10_000))
    assert pulled == 10_000


@needs_fork
def test_worker_log_records_reach_the_parent_in_item_order(caplog):
    log = logging.getLogger("auditor.test_workers")

    def work(k: int) -> int:
        if k % 7 == 0:
            log.warning("item %d is a multiple of seven", k)
        return k

    with caplog.at_level(logging.WARNING, logger="auditor"), Workers(work, 2, chunk=2) as pool:
        assert list(pool.map(range(30))) == list(range(30))
    messages = [r.getMessage() for r in caplog.records if r.name == "auditor.test_workers"]
    assert messages == [f"item {k} is a multiple of seven" for k in range(0, 30, 7)]


@needs_fork
def test_an_error_in_a_worker_reaches_the_parent_as_the_same_error():
    def work(k: int) -> int:
        if k == 13:
            raise InputError("doc-13.txt", "not UTF-8 and no encoding could be detected")
        return k

    with pytest.raises(InputError) as caught, Workers(work, 2, chunk=2) as pool:
        list(pool.map(range(40)))
    assert caught.value.where == "doc-13.txt"
    assert str(caught.value) == "doc-13.txt: not UTF-8 and no encoding could be detected"


def test_auditor_errors_survive_pickling_with_their_fields():
    """Exception pickling rebuilds from ``args`` (the message) by default, which this class's
    constructor cannot take: an error from a worker would have become a TypeError."""
    err = UsageError(None, "--jobs must be at least 1", option="jobs")
    back = pickle.loads(pickle.dumps(err))
    assert type(back) is UsageError
    assert (back.where, back.reason, back.option, str(back)) == (err.where, err.reason, err.option, str(err))


def test_jobs_setting():
    assert resolve_jobs(1) == 1
    cpus = min(workers.usable_cpus(), workers.DEFAULT_MAX_JOBS)
    expected = cpus if workers.can_fork() and cpus > 1 else 1
    assert resolve_jobs(0) == resolve_jobs(None) == expected
    assert resolve_jobs(3) == (3 if workers.can_fork() else 1)
    assert resolve_jobs(20) == (20 if workers.can_fork() else 1)  # asked for: not capped


def test_the_default_stops_at_a_few_workers_on_a_large_machine(monkeypatch):
    monkeypatch.setattr(workers, "usable_cpus", lambda: 64)
    monkeypatch.setattr(workers, "can_fork", lambda: True)
    assert resolve_jobs(0) == workers.DEFAULT_MAX_JOBS < 64


@needs_fork
def test_stopping_the_pool_leaves_no_worker_traceback():
    """The CLI turns SIGTERM into an exception; the pool stops its workers with SIGTERM, so a worker
    that kept the inherited handler printed a traceback when an audit was interrupted."""
    script = textwrap.dedent("""
        import signal, time
        from auditor.workers import Workers

        class Terminated(Exception):
            pass

        def on_term(signum, frame):
            raise Terminated()

        signal.signal(signal.SIGTERM, on_term)

        def slow(k):
            time.sleep(0.05 if k == 0 else 5)
            return k

        try:
            with Workers(slow, 2, chunk=1) as pool:
                results = pool.map(range(8))
                next(results)
                raise RuntimeError("the editor pressed Ctrl-C")
        except RuntimeError:
            print("stopped")
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.stdout.strip() == "stopped", proc.stderr
    assert "Traceback" not in proc.stderr and "Terminated" not in proc.stderr, proc.stderr
