"""Warnings and notes on stderr as the CLI shows them: one unwrapped line a record.

Library code only logs (``logging.getLogger(__name__)``, under the ``auditor`` logger); the shell
installs this handler for the length of a command, so a program that imports ``auditor`` keeps its
own logging. Lines read ``auditor: warning: <file>: <reason>`` and ``auditor: <note>``: editors and
scripts read them, so no time, level or path columns, and never wrapped at the terminal width.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TypeVar

from rich.console import Console, ConsoleRenderable
from rich.highlighter import NullHighlighter
from rich.logging import RichHandler
from rich.text import Text
from rich.traceback import Traceback

from auditor.errors import LOGGER_NAME


def line_prefix(level: int) -> tuple[str, str]:
    """(words, style) before a record's message: "warning: " for warnings, nothing for notes."""
    if level >= logging.ERROR:
        return "error: ", "bold red"
    if level >= logging.WARNING:
        return "warning: ", "yellow"
    return "", ""


class LineHandler(RichHandler):
    """A rich handler on stderr that prints ``auditor: [warning: ]message`` as one line."""

    def __init__(self, level: int = logging.INFO) -> None:
        # soft_wrap: a long path in a warning stays on one line whatever the terminal width
        super().__init__(level, Console(stderr=True, soft_wrap=True, highlight=False), show_time=False,
                         show_level=False, show_path=False, highlighter=NullHighlighter(), keywords=[])

    def render(self, *, record: logging.LogRecord, traceback: Traceback | None,
               message_renderable: ConsoleRenderable) -> ConsoleRenderable:
        words, style = line_prefix(record.levelno)
        return Text.assemble("auditor: ", (words, style), message_renderable if isinstance(message_renderable, Text)
                             else str(message_renderable))


def format_line(record: logging.LogRecord) -> str:
    """The plain text of the line ``LineHandler`` prints for ``record`` (what tests compare)."""
    return f"auditor: {line_prefix(record.levelno)[0]}{record.getMessage()}"


H = TypeVar("H", bound=logging.Handler)


@contextmanager
def attached(handler: H) -> Iterator[H]:
    """``handler`` on the ``auditor`` logger, notes included, for the length of the block; removed
    afterwards (a test runner or an embedding program calls the CLI many times in one process)."""
    logger = logging.getLogger(LOGGER_NAME)
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


def cli_logging() -> AbstractContextManager[LineHandler]:
    """The command's handler, installed by the CLI shell around every command."""
    return attached(LineHandler())


def set_quiet(quiet: bool) -> None:
    """--quiet: the CLI's handlers show nothing below an error for the rest of the command."""
    if not quiet:
        return
    for handler in logging.getLogger(LOGGER_NAME).handlers:
        if isinstance(handler, LineHandler):
            handler.setLevel(logging.ERROR)
