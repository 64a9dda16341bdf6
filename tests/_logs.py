"""What library code logged, as the lines the CLI would print for it ("auditor: warning: ...")."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from auditor.commands._log import attached, format_line


class _Lines(logging.Handler):
    def __init__(self, lines: list[str]) -> None:
        super().__init__(logging.INFO)
        self.lines = lines

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(format_line(record))


@contextmanager
def logged_lines() -> Iterator[list[str]]:
    """Every record logged under ``auditor`` at INFO or above while the block runs, as CLI lines."""
    lines: list[str] = []
    with attached(_Lines(lines)):
        yield lines
