"""The rich console commands print to: a reader that stops early is not an error.

``auditor align ... | head`` closes the pipe after a few lines; rich's default reaction is exit code 1,
which would make a shell pipeline or CI job fail although nothing went wrong. Output that was wanted
has been delivered, so the command ends quietly with 0, as ``auditor audit`` already did.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from rich.console import Console


class PipeSafeConsole(Console):
    def on_broken_pipe(self) -> None:
        # as rich does: point stdout at devnull so the interpreter's final flush cannot fail again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        raise SystemExit(0)


def stdout_console(**options: Any) -> Console:
    """A console on stdout that exits 0 when the reader closes the pipe."""
    return PipeSafeConsole(**options)
