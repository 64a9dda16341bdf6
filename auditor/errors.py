"""Errors a user can fix, by what they must fix: the command line, an input, a configuration file, or
the model. Each says where and why in one line; only the CLI shell turns them into a message and an
exit code (``auditor/_cli.py``), so library callers catch the class they care about.

Recoverable problems (one bad file in a folder, one bad JSONL line) are not errors: library code logs
them (``logging.getLogger(__name__).warning(...)``; a note such as "wrote report.html" at INFO) and
goes on; the CLI installs the handler that prints them and that ``--quiet`` silences.
"""

from __future__ import annotations

#: the logger every ``auditor.*`` module logs under; the CLI's handler sits on it
LOGGER_NAME = "auditor"


class AuditorError(Exception):
    """Base class: a message fit for a user (``where: reason``), never a traceback.

    ``option`` names the parameter at fault (``reference``, ``glob``) when a setting, not a file, is
    wrong: library code knows its parameters, not how a command line spells them, so the CLI shell
    turns it into the flag ("--reference: ...")."""

    def __init__(self, where: str | None, reason: str, *, option: str | None = None) -> None:
        self.where = where if where is not None else option
        self.reason = reason
        self.option = option
        super().__init__(f"{self.where}: {reason}" if self.where else reason)

    def __reduce__(self) -> tuple[object, ...]:
        # rebuilt from its parts, not its message: an error raised in a worker process reaches the
        # parent (and the CLI's one-line message) as the same class with the same fields
        return (_rebuild, (type(self), self.where, self.reason, self.option))


class UsageError(AuditorError):
    """The command line asks for something impossible: an option value, a pair of options, a code prefix."""


class InputError(AuditorError):
    """An input (a document, a folder, a saved report) or an output path cannot be used."""


class ConfigError(AuditorError):
    """A configuration file (settings, waivers, name authority) cannot be read or is wrong."""


class ModelError(AuditorError):
    """The sentence-encoder model cannot be found or loaded (models are never downloaded at run time)."""


def _rebuild(cls: type[AuditorError], where: str | None, reason: str, option: str | None) -> AuditorError:
    return cls(where, reason, option=option)
