"""``auditor align PATH...``: which sentence of each version says what in the others.

Every version is aligned to one pivot (``--reference`` or the version most similar to all others).
``--format rich`` shows the versions side by side with changed words highlighted and omitted /
added / moved / merged rows marked; ``json`` (schema ``auditor.alignment/1``) and ``tsv`` are for
machines.
"""

from __future__ import annotations

import click

from auditor.commands._config import ConfiguredCommand, config_option
from auditor.commands._options import input_options, load_documents, model_options, open_encoder, write_view
from auditor.report.alignment_view import alignment_to_dict, render_rich, render_tsv


@click.command(name="align", cls=ConfiguredCommand)
@input_options
@model_options
@config_option
@click.option("--reference", default=None, metavar="ID", help="Pivot document id (default: the version most similar to all others).")
@click.option(
    "--format", "fmt", type=click.Choice(["rich", "json", "tsv"]), default="rich", show_default=True,
    help="Output format.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write to FILE (atomically).")
def command(
    paths: tuple[str, ...], glob: str | None, text_field: str, id_field: str, model: str | None,
    no_cache: bool, quiet: bool, reference: str | None, fmt: str, output: str | None,
) -> None:
    """Align the sentences of several versions of one story and show them side by side.

    Merged and split sentences show as 1-2 / 2-1, dropped ones as omitted, new ones as added, and
    sentences that changed place as moved. Boilerplate (site chrome) never takes part.
    """
    from auditor.align import align_many
    from auditor.commands._log import set_quiet
    from auditor.errors import InputError

    set_quiet(quiet)
    docs = load_documents(paths, glob, text_field, id_field)
    if len(docs) < 2:
        raise InputError(paths[0] if len(paths) == 1 else None, "need at least two documents to align")
    encoder = open_encoder(model, no_cache, quiet)
    table = align_many(docs, encoder, reference=reference)
    write_view(
        fmt, output, width=160,
        to_json=lambda: alignment_to_dict(table, docs, encoder.name),
        to_tsv=lambda: render_tsv(table, docs),
        to_rich=lambda console: render_rich(table, docs, console, encoder.name),
    )
