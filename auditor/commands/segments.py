"""``auditor segments PATH...``: show how each article was cut into sentences, with paragraph,
language and boilerplate flag, so an editor (or a test) can check what later stages will compare."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import click

from auditor.commands._options import input_options, load_documents
from auditor.model import Document, sentence_to_dict

SCHEMA = "auditor.segments/1"

#: Metadata worth showing; internal bookkeeping (link spans, encodings of each line) stays out.
_SHOWN_METADATA = ("title", "url", "date", "author", "sitename", "format", "encoding")


def segments_to_dict(docs: Sequence[Document]) -> dict[str, Any]:
    """The ``auditor.segments/1`` JSON document."""
    return {
        "schema": SCHEMA,
        "documents": [
            {
                "id": doc.id,
                "path": doc.path,
                "language": doc.language,
                "languages": list(doc.languages),
                "metadata": {k: doc.metadata[k] for k in _SHOWN_METADATA if k in doc.metadata},
                "warnings": list(doc.warnings),
                "sentences": [sentence_to_dict(s) for s in doc.sentences],
            }
            for doc in docs
        ],
    }


def _tsv_field(value: object) -> str:
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def render_tsv(docs: Sequence[Document]) -> str:
    header = ["document", "index", "paragraph", "start", "end", "language", "boilerplate", "reason", "text"]
    lines = ["\t".join(header)]
    for doc in docs:
        for s in doc.sentences:
            row = [doc.id, s.index, s.paragraph, s.start, s.end, s.language, int(s.boilerplate),
                   s.boilerplate_reason or "", s.text]
            lines.append("\t".join(_tsv_field(v) for v in row))
    return "\n".join(lines) + "\n"


def render_rich(docs: Sequence[Document], console: Any) -> None:
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    for doc in docs:
        langs = ", ".join(doc.languages) or doc.language
        table = Table(
            title=f"{escape(doc.id)}  [dim]{escape(doc.path)}[/dim]  language: {escape(langs)}",
            title_justify="left",
            show_lines=False,
            expand=True,
        )
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("¶", justify="right", no_wrap=True)
        table.add_column("lang", no_wrap=True)
        table.add_column("text", ratio=1)
        for s in doc.sentences:
            body = Text(s.text, style="dim strike" if s.boilerplate else "")
            if s.boilerplate:
                body.append(f"  [{s.boilerplate_reason}]", style="yellow")
            table.add_row(str(s.index), str(s.paragraph), s.language, body)
        console.print(table)
        content = len(doc.content_sentences)
        console.print(f"[dim]{content} content sentences, {len(doc.sentences) - content} boilerplate[/dim]\n")


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
    if fmt == "json":
        data = json.dumps(segments_to_dict(docs), ensure_ascii=False, indent=2) + "\n"
    elif fmt == "tsv":
        data = render_tsv(docs)
    else:
        import io

        from rich.console import Console

        if output:
            console = Console(record=True, width=120, file=io.StringIO())
            render_rich(docs, console)
            data = console.export_text()
        else:
            from auditor.commands._console import stdout_console

            render_rich(docs, stdout_console())
            return
    if output:
        from auditor.fileio import write_output

        write_output(output, data)
    else:
        click.echo(data, nl=False)
