"""Options shared by every command that reads articles, and the ingest+segment entry point they use.

Kept here so all commands take the same PATHS/--glob/--text-field/--id-field with the same meaning.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

import click

from auditor.errors import InputError
from auditor.model import Document

if TYPE_CHECKING:  # the backends (and torch) load only when a command encodes
    from auditor.backends import CachedEncoder

F = TypeVar("F", bound=Callable[..., object])


def input_options(func: F) -> F:
    """PATHS... (files, folders, ``-`` for stdin), --glob, --text-field, --id-field."""
    func = click.option(
        "--id-field",
        default="id",
        show_default=True,
        metavar="NAME",
        help="JSON/JSONL field holding the article id (file name stem otherwise).",
    )(func)
    func = click.option(
        "--text-field",
        default="text",
        show_default=True,
        metavar="NAME",
        help="JSON/JSONL field holding the article text.",
    )(func)
    func = click.option(
        "--glob",
        default=None,
        metavar="PATTERN",
        help="Only read files whose name matches PATTERN (e.g. '*.txt') when walking folders.",
    )(func)
    func = click.argument("paths", nargs=-1, required=True, metavar="PATH...")(func)
    return func


def load_documents(
    paths: Sequence[str],
    glob: str | None = None,
    text_field: str = "text",
    id_field: str = "id",
) -> list[Document]:
    """Ingest and segment; zero readable documents is an error (exit 2), one bad file is a warning."""
    from auditor.ingest.sources import read_paths
    from auditor.segment.split import segment_all

    docs = read_paths(list(paths), glob=glob, text_field=text_field, id_field=id_field)
    if not docs:
        where = paths[0] if len(paths) == 1 else ", ".join(paths)
        raise InputError(where, "no readable documents")
    return segment_all(docs)


# --- model options (alignment engineer) -----------------------------------------------------------


def model_options(func: F) -> F:
    """--model NAME|PATH|HUB-ID, --no-cache, -q/--quiet, for every command that encodes sentences.

    The values reach the command as ``model``, ``no_cache`` and ``quiet`` (the keys the config file
    uses too); ``open_encoder(model, no_cache, quiet)`` turns them into an encoder.
    """
    func = click.option(
        "-q", "--quiet", is_flag=True, default=False,
        help="No progress bar and no warnings on stderr.",
    )(func)
    func = click.option(
        "--no-cache", "no_cache", is_flag=True, default=False,
        help="Do not read or write the embedding cache ($AUDITOR_CACHE_DIR or the user cache folder).",
    )(func)
    func = click.option(
        "--model", default=None, metavar="NAME|PATH",
        help="Sentence encoder: use-m (default; multilingual), minilm (English), lexical (no model), "
        "or a local transformers/sentence-transformers folder (a hub id works when online).",
    )(func)
    return func


def open_encoder(model: str | None, no_cache: bool = False, quiet: bool = False) -> CachedEncoder:
    """The encoder the options ask for; a missing model folder is a ``ModelError`` (exit 2).

    The progress bar is on unless ``quiet`` (it only ever shows on a terminal, after a moment).
    """
    from auditor.backends import load_encoder

    return load_encoder(model, cache=not no_cache, progress=not quiet)


# --- checks made before any work ------------------------------------------------------------------


def check_report_options(
    *, format: str | None = None, output: str | None = None, output_dir: str | None = None,  # noqa: A002
    severity: Sequence[str] = (), select: Sequence[str] = (), ignore: Sequence[str] = (),
    baseline: str | None = None, names: str | None = None, **_rest: object,
) -> None:
    """Fail on a bad --format, --severity, --select/--ignore, output target or input file before
    seconds of work, not after: the checks ``emit_report`` makes, run up front, plus refusing
    non-regular files (a FIFO as -o, --baseline or --names would replace or block). Each raises a
    one-line InputError."""
    import os

    from auditor.fileio import NotRegularFileError, check_input_file, resolve_output
    from auditor.report.emit import _formats
    from auditor.report.policy import check_prefixes, parse_severity_overrides, split_codes

    _formats(format)
    parse_severity_overrides(severity)
    check_prefixes(split_codes(select), "select")
    check_prefixes(split_codes(ignore), "ignore")
    if output and output != "-":
        try:
            resolve_output(output)
        except NotRegularFileError as exc:
            raise InputError(output, f"cannot write: {exc} (reports are written only to regular files)") from None
        except OSError as exc:  # a symlink loop, a path component that is a file
            raise InputError(output, f"cannot write: {exc.strerror or exc}") from None
    if output_dir and os.path.exists(output_dir) and not os.path.isdir(output_dir):
        raise InputError(output_dir, "cannot write: not a folder (--output-dir)")
    for path in (baseline, names):
        if path:
            check_input_file(path)


def write_view(
    fmt: str, output: str | None, *, width: int, to_json: Callable[[], Any], to_tsv: Callable[[], str],
    to_rich: Callable[[Any], None],
) -> None:
    """Write a command's view (``auditor align``, ``auditor segments``) as ``--format`` asks: to
    ``-o FILE`` atomically (rich as plain text ``width`` columns wide), else to stdout (rich on the
    terminal's console)."""
    import json

    if fmt == "json":
        data = json.dumps(to_json(), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "tsv":
        data = to_tsv()
    elif output:
        import io

        from rich.console import Console

        console = Console(record=True, width=width, file=io.StringIO())
        to_rich(console)
        data = console.export_text()
    else:
        from auditor.commands._console import stdout_console

        to_rich(stdout_console())
        return
    if output:
        from auditor.fileio import write_output

        write_output(output, data)
    else:
        click.echo(data, nl=False)
