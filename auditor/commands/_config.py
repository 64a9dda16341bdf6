"""Configuration from ``auditor.toml`` or ``[tool.auditor]`` in ``pyproject.toml``, the way black does it.

The file is found by walking up from the inputs (their common folder) to the first folder that holds
``auditor.toml`` or a ``pyproject.toml`` with a ``[tool.auditor]`` table, stopping at a repository root
(a folder with ``.git``) so an unrelated project further up is never picked up. Its settings become
click's ``default_map``: a flag given on the command line wins, then the file, then the built-in default
— one precedence rule for every option, with no merging code per setting.

Keys are the long option names (``fail-on``, ``min-severity``, ``select``, ``model`` ...). Two tables are
flattened: ``[severity]`` (``CODE_OR_PREFIX = "level"``, the same as ``--severity CODE=LEVEL``) and
``[thresholds]`` (numeric options of the audit command). Paths in the file are relative to the file.
"""

from __future__ import annotations

import logging
import os
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import click

from auditor.errors import InputError

log = logging.getLogger(__name__)

#: Settings any auditor command understands; any key outside this set and outside the running command's
#: own options is most likely a typo, so it is reported (and ignored) rather than silently dropped.
KNOWN_SETTINGS = frozenset({
    "format", "output", "output_dir", "min_severity", "changed_only", "show_alignment", "fail_on",
    "select", "ignore", "severity", "baseline", "names", "model", "reference", "no_cache", "glob",
    "text_field", "id_field", "quiet", "waivers", "jobs",
})

#: Settings naming a file or folder: resolved against the config file's folder, not the cwd.
PATH_SETTINGS = frozenset({"output", "output_dir", "baseline", "names", "waivers", "reference", "model"})
NAME_OR_PATH_SETTINGS = frozenset({"reference", "model"})


def _has_tool_table(pyproject: Path) -> bool:
    try:
        return "auditor" in _read_toml(pyproject).get("tool", {})
    except InputError:
        return True  # a broken pyproject.toml next to the inputs is reported when it is read, not skipped


def find_config(paths: Iterable[str | os.PathLike[str]], *, cwd: Path | None = None) -> Path | None:
    """The config file that governs ``paths`` (walking up from their common folder), or None."""
    cwd = Path.cwd() if cwd is None else cwd
    starts = []
    for raw in paths:
        if str(raw) == "-":
            continue
        p = (cwd / Path(raw)).resolve()
        starts.append(p if p.is_dir() else p.parent)
    start = Path(os.path.commonpath(starts)) if starts else cwd.resolve()
    for folder in (start, *start.parents):
        if (folder / "auditor.toml").is_file():
            return folder / "auditor.toml"
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
        if (folder / ".git").exists():
            return None
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    from auditor.fileio import check_input_file

    check_input_file(path)  # a FIFO given as --config would block the run
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(str(path), f"invalid TOML: {exc}") from None
    except UnicodeDecodeError:  # TOML is UTF-8 by definition; anything else is not a config file
        raise InputError(str(path), "invalid TOML: not UTF-8 text") from None
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from None


def read_settings(path: Path) -> dict[str, Any]:
    """The raw settings table of a config file (``[tool.auditor]``, or the top level of auditor.toml)."""
    data = _read_toml(path)
    if "auditor" in data.get("tool", {}):
        table = data["tool"]["auditor"]
    elif path.name == "pyproject.toml":
        table = {}
    else:
        table = data
    if not isinstance(table, dict):
        raise InputError(str(path), "[tool.auditor] must be a table")
    return table


def _codes(value: Any, where: str, key: str) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(where, f"{key} must be a list of rule codes or prefixes")
    return list(value)


def _expected(param: click.Parameter) -> str:
    """What a setting for ``param`` must be, in the words of the error message."""
    if isinstance(param, click.Option) and param.is_flag:
        return "true or false"
    kind = param.type
    if isinstance(kind, click.Choice):
        return "one of " + ", ".join(repr(c) for c in kind.choices)
    if isinstance(kind, click.types.IntParamType):
        return "a list of integers" if param.multiple else "an integer"
    if isinstance(kind, click.types.FloatParamType):
        return "a list of numbers" if param.multiple else "a number"
    return "a list of strings" if param.multiple else "a string"


def check_setting(param: click.Parameter, key: str, value: Any, where: str) -> Any:
    """The value checked against the option's own type, so a setting is exactly as valid as the same
    value on the command line: ``no-cache = 1`` or ``format = 7`` is a one-line error naming the key,
    never a crash later or a silent ``"7"``. Returns the value in the form click's ``default_map`` takes."""

    def bad(detail: str = "") -> InputError:
        return InputError(where, f"{key} must be {_expected(param)}, not {value!r}{detail}")

    if isinstance(param, click.Option) and param.is_flag:
        if not isinstance(value, bool):
            raise bad()
        return value
    items = value
    if param.multiple:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list):
            raise bad()
    if isinstance(param.type, click.types.IntParamType):
        allowed: tuple[type, ...] = (int,)
    elif isinstance(param.type, click.types.FloatParamType):
        allowed = (int, float)
    else:
        allowed = (str,)
    for item in items if param.multiple else [value]:
        if isinstance(item, bool) or not isinstance(item, allowed):  # bool is an int to Python, not to TOML
            raise bad()
        try:
            param.type.convert(item, param, None)
        except click.BadParameter as exc:
            raise bad(f" ({exc.format_message()})") from None
    return items


def to_default_map(
    settings: Mapping[str, Any],
    *,
    path: Path,
    known: Iterable[str] = (),
    params: Mapping[str, click.Parameter] | None = None,
) -> dict[str, Any]:
    """Settings as click ``default_map`` entries (option names; lists for options given several times).

    With ``params`` (the running command's options by name) every value is type-checked against its
    option (``check_setting``)."""
    where = str(path)
    known = set(known) | KNOWN_SETTINGS | set(params or ())
    out: dict[str, Any] = {}
    shown: dict[str, str] = {}
    for raw_key, value in settings.items():
        key = raw_key.replace("-", "_")
        if key == "severity":
            if not isinstance(value, dict):
                raise InputError(where, 'severity must be a table of CODE = "level"')
            out["severity"] = [f"{code}={level}" for code, level in value.items()]
        elif key == "thresholds":
            if not isinstance(value, dict):
                raise InputError(where, "thresholds must be a table")
            for name, number in value.items():
                if name.replace("-", "_") in known:
                    out[name.replace("-", "_")] = number
                    shown[name.replace("-", "_")] = f"thresholds.{name}"
                else:  # a threshold no option of this command takes would otherwise vanish silently
                    log.warning(f"{where}: unknown threshold {name!r} ignored")
        elif key in ("select", "ignore"):
            out[key] = _codes(value, where, raw_key)
        elif key in known:
            out[key] = value
        else:
            log.warning(f"{where}: unknown setting {raw_key!r} ignored")
            continue
        shown.setdefault(key, raw_key)
    for key, value in list(out.items()):
        param = (params or {}).get(key)
        if param is not None:
            out[key] = check_setting(param, shown.get(key, key), value, where)
    for key in PATH_SETTINGS & out.keys():
        value = out[key]
        if not isinstance(value, str):  # a number or table here would reach os/pathlib calls as-is
            raise InputError(where, f"{key.replace('_', '-')} must be a string (a file or folder path)")
        if isinstance(value, str) and value and value != "-":
            candidate = path.parent / value
            # a model may be a name ("minilm") and a reference a document id: paths only if they exist
            if key not in NAME_OR_PATH_SETTINGS or candidate.exists():
                out[key] = str(candidate)
    return out


def _peek_inputs(command: click.Command, ctx: click.Context, args: Sequence[str]) -> tuple[list[str], str | None]:
    """Input paths and an explicit ``--config`` from the raw arguments, before click processes them.

    Needed because the defaults must be in place before click resolves any option, yet the config file
    turns on the paths; a throwaway parse answers that without side effects. A malformed command line
    gives nothing here and is reported by the real parse.
    """
    try:
        opts, _, _ = command.make_parser(ctx).parse_args(args=list(args))
    except click.UsageError:
        return [], None
    paths: list[str] = []
    for param in command.get_params(ctx):
        if isinstance(param, click.Argument):
            value = opts.get(param.name)
            if isinstance(value, (list, tuple)):
                paths.extend(str(v) for v in value)
            elif isinstance(value, str):
                paths.append(value)
    explicit = opts.get("config")
    return paths, explicit if isinstance(explicit, str) else None


class ConfiguredCommand(click.Command):
    """A click command whose defaults come from the config file that governs its input paths.

    Use as ``@click.command(cls=ConfiguredCommand)``; add a ``--config FILE`` option (``config_option``)
    to let users name the file. A ``default_map`` handed down by a caller (tests, a parent group) still
    wins over the file.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not ctx.resilient_parsing and not any(a in ("-h", "--help") for a in args):
            paths, explicit = _peek_inputs(self, ctx, args)
            path = Path(explicit) if explicit else find_config(paths)
            if path is not None:
                params = {p.name: p for p in self.get_params(ctx) if p.name and isinstance(p, click.Option)}
                defaults = to_default_map(read_settings(path), path=path, known=params, params=params)
                ctx.default_map = {**defaults, **(ctx.default_map or {})}
                ctx.meta["auditor.commands._config"] = path
        return super().parse_args(ctx, args)


config_option = click.option(
    "--config",
    type=click.Path(dir_okay=False),
    default=None,
    expose_value=False,
    help="Settings file (auditor.toml or pyproject.toml) instead of the one found above the inputs.",
)
