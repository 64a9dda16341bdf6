"""Errors and warnings as the CLI shows them: one line, naming the file and the reason.

Stages raise ``InputError`` for anything a user can fix (a missing path, an unreadable model folder);
the CLI turns it into ``auditor: error: ...`` and exit code 2. Recoverable problems (one bad file in a
folder, one bad JSONL line) go through ``warn`` and the run goes on.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2


class AuditorError(Exception):
    """Base class: an error with a message fit for a user, never a traceback."""

    exit_code = EXIT_USAGE


class InputError(AuditorError):
    """Bad input or usage: the run cannot proceed."""

    def __init__(self, where: str | None, reason: str):
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: {reason}" if where else reason)


_warning_sink: Callable[[str], None] | None = None


def set_warning_sink(sink: Callable[[str], None] | None) -> None:
    """Let the CLI redirect (or silence with --quiet) warnings; tests capture them this way too."""
    global _warning_sink
    _warning_sink = sink


def note(message: str) -> None:
    """One line on stderr that is not a problem ("auditor: wrote report.html"); silenced like warnings
    by --quiet, because it goes where they go."""
    line = f"auditor: {message}"
    if _warning_sink is not None:
        _warning_sink(line)
    else:
        print(line, file=sys.stderr)


def warn(message: str) -> None:
    """Report a recoverable problem on one line and carry on."""
    line = f"auditor: warning: {message}"
    if _warning_sink is not None:
        _warning_sink(line)
    else:
        print(line, file=sys.stderr)
