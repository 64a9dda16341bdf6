"""``auditor segments PATH...``: show how each article was cut into sentences, with paragraph,
language and boilerplate flag, so an editor (or a test) can check what later stages will compare."""

from __future__ import annotations

import click

from auditor.commands._options import input_options, load_documents, write_view
from auditor.report.segments_view import render_rich, render_tsv, segments_to_dict


@click.command(name="segments")
@input_options
@click.option(
    "--format", "fmt", type=click.Choice(["rich", "json", "tsv"]), default="rich", show_default=True,
    help="Output format.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write to FILE (atomically).")
def command(paths: tuple[str, ...], glob: str | None, text_field: str, id_field: str, fmt: str,
            output: str | None) -> None:
    """Show each document's sentences with paragraph, language and boilerplate flag.

    PATH may be a file, a folder (read recursively) or - for stdin. Plain text, Markdown, HTML,
    JSON Lines and JSON arrays of articles are recognised by content and extension.
    """
    docs = load_documents(paths, glob, text_field, id_field)
    write_view(
        fmt, output, width=120,
        to_json=lambda: segments_to_dict(docs),
        to_tsv=lambda: render_tsv(docs),
        to_rich=lambda console: render_rich(docs, console),
    )
