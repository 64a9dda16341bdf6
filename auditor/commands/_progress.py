"""Stage progress on stderr for long runs: counts and rate per stage, as one rich display.

The pipeline and the scan only call ``progress(stage, done, total)`` (see ``auditor.pipeline``); this
turns those counts into a live display. It appears only when stderr is a terminal, the run was not
asked to be ``--quiet``, and the run is still going after ``delay_s`` -- a short audit, a pipe, a CI
log or a test never sees a byte of it. It never writes to stdout (the report goes there), and it
removes itself when the run ends, so what remains on the terminal is the report and the final lines.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Mapping
from typing import Self

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

#: seconds a run must last before the display appears: quicker runs finish before it would help
DELAY_S = 1.0


class RateColumn(ProgressColumn):
    """Items per second over rich's recent window ("210.4/s"), blank until it has two samples."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f}/s" if speed else "", style="progress.data.speed")


class StageProgress:
    """A ``ProgressCallback`` that draws a rich progress display on stderr, started after a delay.

    Use as a context manager around the work; the instance itself is the callback.
    """

    def __init__(self, labels: Mapping[str, str], *, quiet: bool = False, delay_s: float = DELAY_S) -> None:
        self.labels = dict(labels)
        self.enabled = not quiet and sys.stderr.isatty()
        self.delay_s = delay_s
        self._tasks: dict[str, TaskID] = {}
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._started = False
        self._closed = False
        self._bar: Progress | None = None

    def __enter__(self) -> Self:
        if self.enabled:
            self._bar = Progress(
                TextColumn("{task.description:<20}"), BarColumn(bar_width=24), MofNCompleteColumn(),
                RateColumn(), TimeElapsedColumn(),
                console=Console(stderr=True), transient=True,
                # stdout is the report's: never routed through the stderr console; warnings printed
                # on stderr while the display is live go above it instead of through it
                redirect_stdout=False, redirect_stderr=True,
            )
            # a timer, not the first update after the delay: a stage may run for long between updates
            self._timer = threading.Timer(self.delay_s, self._start)
            self._timer.daemon = True
            self._timer.start()
        return self

    def _start(self) -> None:
        with self._lock:
            if not self._closed and self._bar is not None:
                self._bar.start()
                self._started = True

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if self._bar is None:
            return
        task = self._tasks.get(stage)
        if task is None:
            task = self._tasks[stage] = self._bar.add_task(self.labels.get(stage, stage), total=total)
        self._bar.update(task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            self._closed = True
            if self._started and self._bar is not None:
                self._bar.stop()
