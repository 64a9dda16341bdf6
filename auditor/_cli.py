"""The ``auditor`` command group: a thin shell that loads each command lazily and turns errors into
one-line messages with the documented exit codes (0 ran, 1 findings at/above --fail-on, 2 usage/input),
the one place an error class becomes an exit code. Warnings go through ``logging``; the shell installs
the handler that prints them for the length of the command.

Each command lives in ``auditor/commands/<name>.py`` as ``command``; heavy libraries (torch, models)
are imported only by the command that needs them, so ``auditor --help`` stays instant.
"""

from __future__ import annotations

import contextlib
import importlib
import signal
import sys
import warnings
from typing import Any

import click

from auditor import __version__
from auditor.errors import AuditorError, ConfigError, InputError, ModelError, UsageError

#: the audit ran (and found nothing at or above --fail-on)
EXIT_OK = 0
#: findings at or above --fail-on
EXIT_FINDINGS = 1
#: exit code of a run that could not proceed, whatever the user must fix
EXIT_USAGE = 2
#: error class -> exit code: all four are "fix the command, a file or the setup, then run again"
EXIT_CODES: dict[type[AuditorError], int] = {
    UsageError: EXIT_USAGE, InputError: EXIT_USAGE, ConfigError: EXIT_USAGE, ModelError: EXIT_USAGE,
}

#: command name -> module under auditor.commands
COMMANDS: dict[str, str] = {
    "audit": "audit",
    "segments": "segments",
    "align": "align",
    "render": "render",
    "rules": "rules",
    "scan": "scan",
}


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so every ``finally`` and cleanup runs (no ``*.tmp`` left behind)."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise Terminated()


def install_signal_handlers() -> None:
    """SIGTERM handled like SIGINT: unwinds through cleanup, then exits 143 with one line."""
    # ValueError: not the main thread (an embedding application): leave its handlers alone
    with contextlib.suppress(ValueError):
        signal.signal(signal.SIGTERM, _on_sigterm)


#: numpy's floating-point warnings on extreme input (huge numbers, empty vectors) are handled where
#: they matter (results are checked for finiteness); on stderr they are noise to an editor
_NUMPY_NOISE = r"(overflow|underflow|invalid value|divide by zero) encountered"


def exit_code(exc: AuditorError) -> int:
    """The exit code for an error: its class's, else the nearest base class's in ``EXIT_CODES``."""
    return next((EXIT_CODES[cls] for cls in type(exc).__mro__ if cls in EXIT_CODES), EXIT_USAGE)


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMANDS.get(cmd_name)
        if module is None:
            return None
        command: click.Command = importlib.import_module(f"auditor.commands.{module}").command
        return command

    def _message(self, ctx: click.Context, exc: AuditorError) -> str:
        """The error as one line, a parameter named as the command line spells it: "--reference"
        for an option, "PREFIXES" for an argument."""
        if exc.option is None or exc.where != exc.option:
            return str(exc)
        name = ctx.invoked_subcommand
        command = self.get_command(ctx, name) if name else None
        param = next((p for p in command.params if p.name == exc.option), None) if command else None
        if isinstance(param, click.Option):
            flag = max(param.opts, key=len)
        elif param is not None and param.name:
            flag = param.name.upper()
        else:
            flag = "--" + exc.option.replace("_", "-")
        return f"{flag}: {exc.reason}"

    def invoke(self, ctx: click.Context) -> Any:
        from auditor.commands._log import cli_logging

        install_signal_handlers()
        try:
            with warnings.catch_warnings(), cli_logging():
                warnings.filterwarnings("ignore", message=_NUMPY_NOISE, category=RuntimeWarning)
                return super().invoke(ctx)
        except AuditorError as exc:
            click.echo(f"auditor: error: {self._message(ctx, exc)}", err=True)
            ctx.exit(exit_code(exc))
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except Terminated:
            click.echo("auditor: terminated", err=True)
            ctx.exit(143)
        except KeyboardInterrupt:
            click.echo("auditor: interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            sys.stderr.close()
            ctx.exit(0)
        except Exception as exc:  # last line of defence: never show a traceback to an editor
            click.echo(f"auditor: error: internal error: {type(exc).__name__}: {exc}", err=True)
            ctx.exit(EXIT_USAGE)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="auditor")
def main() -> None:
    """Audit clusters of near-duplicate news articles for drift between versions."""
