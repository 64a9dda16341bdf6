"""``auditor align``'s output: the alignment as ``auditor.alignment/1`` JSON, as TSV (one line per link)
and as side-by-side terminal columns with changed words marked."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from auditor.model import AlignmentTable, Document, sentence_to_dict
from auditor.report.base import tsv_field

SCHEMA = "auditor.alignment/1"
#: narrowest useful text column; below it the view stacks versions under each other instead
_MIN_COLUMN = 24


def alignment_to_dict(table: AlignmentTable, docs: Sequence[Document], model: str | None = None) -> dict[str, Any]:
    """The ``auditor.alignment/1`` JSON document: the pivot first, then the others in input order.

    Every sentence is listed (boilerplate flagged) so link indexes always resolve; links only ever
    name content sentences.
    """
    by_id = {d.id: d for d in docs}
    ordered = [by_id[table.pivot]] + [by_id[al.b] for al in table.alignments]
    return {
        "schema": SCHEMA,
        "pivot": table.pivot,
        "model": model,
        "documents": [
            {
                "id": d.id,
                "path": d.path,
                "language": d.language,
                "sentences": [sentence_to_dict(s) for s in d.sentences],
            }
            for d in ordered
        ],
        "alignments": [
            {
                "documents": [al.a, al.b],
                "links": [
                    {"a": list(link.a), "b": list(link.b), "score": link.score, "kind": link.kind}
                    for link in al.links
                ],
            }
            for al in table.alignments
        ],
    }


def render_tsv(table: AlignmentTable, docs: Sequence[Document]) -> str:
    """One line per link: pivot, document, kind, score, indexes and texts of both sides."""
    by_id = {d.id: d for d in docs}
    header = ["pivot", "document", "kind", "score", "pivot_sentences", "sentences", "pivot_text", "text"]
    lines = ["\t".join(header)]
    for al in table.alignments:
        sa = {s.index: s.text for s in by_id[al.a].sentences}
        sb = {s.index: s.text for s in by_id[al.b].sentences}
        for link in al.links:
            row = [
                al.a, al.b, link.kind, f"{link.score:.4f}",
                ",".join(map(str, link.a)), ",".join(map(str, link.b)),
                " ".join(sa[i] for i in link.a), " ".join(sb[j] for j in link.b),
            ]
            lines.append("\t".join(tsv_field(v) for v in row))
    return "\n".join(lines) + "\n"


_KIND_LABEL = {"1-2": "split 1-2", "2-1": "merged 2-1", "2-2": "2-2", "moved": "moved", "0-1": "added"}


def _cell_text(doc: Document, indexes: Sequence[int]) -> str:
    text = {s.index: s.text for s in doc.sentences}
    return " ".join(text[i] for i in indexes)


def render_rich(table: AlignmentTable, docs: Sequence[Document], console: Any, model: str | None = None) -> None:
    """Side-by-side columns (one per version, pivot first), word differences highlighted.

    Words are compared against the pivot's text in the same row, and only between texts in the
    same script (a Chinese cell against an English one would be all "changed"). With two versions
    the pivot side shows its removed words too; with more, each version shows its own changes.
    Changes are coloured (and struck/underlined) on a colour terminal and marked ``[-old-]``/``{+new+}``
    in a pipe, a file or under NO_COLOR, so the output still says what changed.
    """
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from auditor.align import table_rows
    from auditor.report.highlight import diff_segments
    from auditor.report.rich_parts import segments_text
    from auditor.textdiff import is_cjk

    color = console.color_system is not None and not console.no_color

    def diff_texts(a: str, b: str) -> tuple[Text, Text]:
        left, right = diff_segments(a, b)
        return segments_text(left, 0, color), segments_text(right, 1, color)

    by_id = {d.id: d for d in docs}
    pivot = by_id[table.pivot]
    others = [by_id[al.b] for al in table.alignments]
    ordered = [pivot, *others]
    rows = table_rows(table, pivot)
    two = len(others) == 1

    head = Text()
    head.append("pivot ", style="dim")
    head.append(pivot.id, style="bold")
    if model:
        head.append(f"   model {model}", style="dim")
    head.append(f"   {len(ordered)} versions, {len(rows)} rows", style="dim")
    console.print(head)

    stacked = (console.width - 3 * len(ordered)) // max(len(ordered), 1) < _MIN_COLUMN
    grid = Table(box=box.SIMPLE_HEAVY if not stacked else box.SIMPLE, expand=True, show_lines=True, pad_edge=False)
    if stacked:
        grid.add_column("version", no_wrap=True, style="bold")
        grid.add_column("text", ratio=1, overflow="fold")
    else:
        for d in ordered:
            label = f"{d.id}{' (pivot)' if d is pivot else ''}\n[dim]{d.language}[/dim]"
            grid.add_column(label, ratio=1, overflow="fold")

    for row in rows:
        pivot_text = _cell_text(pivot, row.pivot)
        pivot_cell = Text()
        cells: list[Text] = []
        if row.pivot:
            pivot_cell.append(f"#{','.join(map(str, row.pivot))} ", style="dim")
        pivot_body = Text(pivot_text)
        for d in others:
            cell = row.cells.get(d.id)
            out = Text()
            if cell is None:
                cells.append(out)
                continue
            if cell.kind == "1-0":
                out.append("— omitted —", style="italic red")
                cells.append(out)
                continue
            text = _cell_text(d, cell.indexes)
            out.append(f"#{','.join(map(str, cell.indexes))} ", style="dim")
            if cell.kind in _KIND_LABEL:
                style = "bold green" if cell.kind == "0-1" else "bold yellow"
                out.append(f"[{_KIND_LABEL[cell.kind]}] ", style=style)
            if row.pivot and is_cjk(text) == is_cjk(pivot_text):
                left, right = diff_texts(pivot_text, text)
                if two:
                    pivot_body = left
                out.append_text(right)
            else:
                out.append(text)
            if cell.score is not None:
                out.append(f"  {cell.score:.2f}", style="dim")
            cells.append(out)
        pivot_cell.append_text(pivot_body)
        if stacked:
            for d, content in zip(ordered, [pivot_cell, *cells]):
                if content.plain:
                    grid.add_row(d.id, content)
        else:
            grid.add_row(pivot_cell, *cells)
    console.print(grid)

    for al in table.alignments:
        counts = Counter(link.kind for link in al.links)
        parts = [f"{counts[k]} {k}" for k in ("1-1", "1-2", "2-1", "2-2", "moved", "1-0", "0-1") if counts[k]]
        console.print(f"[dim]{al.b}: {', '.join(parts) or 'no content'}  (1-0 omitted, 0-1 added)[/dim]")
