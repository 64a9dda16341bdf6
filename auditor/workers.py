"""Per-item work spread over forked worker processes, results in order: every core, one process's output.

Why fork: a worker starts as a copy of the parent at that moment -- the imported modules, the loaded
encoder, the run's memos (a document's mentions, the encoder's vectors) -- so nothing is loaded twice,
start-up costs milliseconds and pages stay shared until written. The function is set before the pool
starts, so it may be a closure over the run's state; tasks carry only their items.

Why ordered and bounded: results come back in the order the items went in, so a run on four cores
writes the same report as a run on one; at most ``IN_FLIGHT`` chunks per worker are queued, so a
stream of millions of documents never piles up in memory (``multiprocessing.Pool.imap`` reads its
whole input ahead). Log records a worker emits travel back with its results and are handled by the
parent's loggers in item order (the parent's own messages, such as a skipped file while reading,
may come a few items earlier than in a one-process run). A worker ignores Ctrl-C and takes SIGTERM
as it comes: the parent stops the pool and reports the interrupt once.

Where ``fork`` is not available (Windows) or not safe (macOS system frameworks), work runs in this
process: ``jobs`` is a speed setting, never a change of result.
"""

from __future__ import annotations

import gc
import itertools
import logging
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, TypeVar

from auditor.errors import LOGGER_NAME

T = TypeVar("T")
R = TypeVar("R")

#: chunks queued per worker: enough that a worker never waits for the parent, few enough to bound memory
IN_FLIGHT = 3

#: the function workers apply, set in the parent just before the pool forks (inherited, not pickled)
_FN: Callable[[Any], Any] | None = None


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity mask, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def can_fork() -> bool:
    """Whether worker processes can start as forks of this one."""
    import multiprocessing

    return sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods()


#: workers the default setting starts at most: each grows to a few hundred MB of its own (memos, the
#: story it audits), so one per CPU of a 64-core server would need tens of GB; ask with ``-j`` for more
DEFAULT_MAX_JOBS = 8


def resolve_jobs(jobs: int | None) -> int:
    """Worker processes for a ``jobs`` setting: 0 or None means one per usable CPU (at most
    ``DEFAULT_MAX_JOBS``); 1 (or no fork) none."""
    wanted = jobs if jobs else min(usable_cpus(), DEFAULT_MAX_JOBS)
    return wanted if wanted > 1 and can_fork() else 1


class _Collect(logging.Handler):
    """Keeps a worker's log records (message formatted: arguments may not pickle) for the parent."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None
        record.exc_info = record.exc_text = None
        self.records.append(record)


_COLLECT = _Collect()


def _start_worker() -> None:
    """In each worker: one compute thread (the workers already fill the cores: BLAS, OpenMP or
    torch threads on top of them spin against each other -- a minilm audit on two workers took
    five times as long); Ctrl-C and SIGTERM are the parent's to handle; log records go back to the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # the parent stops its workers with SIGTERM; a handler inherited from it (the CLI turns SIGTERM
    # into an exception) would print a worker's traceback on the way out
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(1)
    logger = logging.getLogger(LOGGER_NAME)
    for handler in list(logger.handlers):  # the parent's handlers print; the parent prints once
        logger.removeHandler(handler)
    logger.addHandler(_COLLECT)
    logger.propagate = False


def _run_chunk(items: list[Any]) -> tuple[list[Any], list[logging.LogRecord]]:
    assert _FN is not None
    _COLLECT.records = []
    results = [_FN(item) for item in items]
    return results, _COLLECT.records


class Workers(Generic[T, R]):
    """``fn`` over items on ``jobs`` forked processes (see the module docstring); use as a context.

    The pool starts only when there are more than ``min_items`` items: below that, forking costs
    more than it saves and the items run in this process. The first item always runs here."""

    def __init__(self, fn: Callable[[T], R], jobs: int | None, *, chunk: int = 8, min_items: int = 1) -> None:
        self.fn = fn
        self.jobs = resolve_jobs(jobs)
        self.chunk = max(1, chunk)
        self.min_items = max(1, min_items)
        self._pool: Any = None

    def __enter__(self) -> Workers[T, R]:
        return self

    def __exit__(self, exc_type: object, *exc: object) -> None:
        self.close(failed=exc_type is not None)

    def close(self, *, failed: bool = False) -> None:
        global _FN
        pool, self._pool = self._pool, None
        if pool is not None:
            if failed:
                pool.terminate()
            else:
                pool.close()
            pool.join()
            _FN = None

    def _start(self) -> None:
        global _FN
        import multiprocessing

        _FN = self.fn
        # objects alive now are never collected by the workers: their pages stay shared
        gc.freeze()
        try:
            self._pool = multiprocessing.get_context("fork").Pool(self.jobs, initializer=_start_worker)
        finally:
            gc.unfreeze()

    def map(self, items: Iterable[T]) -> Iterator[R]:
        """``fn(item)`` for each item, in order; in this process when there are no workers."""
        it = iter(items)
        head: list[T] = []
        if self.jobs > 1 and self._pool is None:
            for item in it:
                head.append(item)
                if len(head) > self.min_items:
                    break
            else:  # too few items: not worth a fork
                yield from map(self.fn, head)
                return
            # the first item here, before forking: whatever the work loads on first use (language
            # and segmentation models, gazetteers, word lists) is then loaded once and shared with
            # every worker instead of loaded again by each
            yield self.fn(head.pop(0))
            self._start()
        if self._pool is None:
            yield from map(self.fn, head)
            yield from map(self.fn, it)
            return
        pending: deque[Any] = deque()
        batch: list[T] = []
        for item in itertools.chain(head, it):
            batch.append(item)
            if len(batch) == self.chunk:
                pending.append(self._pool.apply_async(_run_chunk, (batch,)))
                batch = []
                while len(pending) >= IN_FLIGHT * self.jobs:
                    yield from _replayed(pending.popleft().get())
        if batch:
            pending.append(self._pool.apply_async(_run_chunk, (batch,)))
        while pending:
            yield from _replayed(pending.popleft().get())


def _replayed(outcome: tuple[list[R], list[logging.LogRecord]]) -> list[R]:
    results, records = outcome
    for record in records:
        logging.getLogger(record.name).handle(record)
    return results
