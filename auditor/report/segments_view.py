"""``auditor segments``' output: each document's sentences as ``auditor.segments/1`` JSON, as TSV and as a
terminal table (paragraph, language, boilerplate flag and reason)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from auditor.model import Document, sentence_to_dict
from auditor.report.base import tsv_field

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


def render_tsv(docs: Sequence[Document]) -> str:
    header = ["document", "index", "paragraph", "start", "end", "language", "boilerplate", "reason", "text"]
    lines = ["\t".join(header)]
    for doc in docs:
        for s in doc.sentences:
            row = [doc.id, s.index, s.paragraph, s.start, s.end, s.language, int(s.boilerplate),
                   s.boilerplate_reason or "", s.text]
            lines.append("\t".join(tsv_field(v) for v in row))
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
