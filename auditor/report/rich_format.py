"""``--format rich``: the terminal report an editor reads first.

Header (documents, clusters, model, findings by severity), the ranking table (faithfulness as a number
and a bar, role, labels, derived from), set-aside documents, then findings grouped by severity: rule
code, one-line message and the evidence of each version with the changed words highlighted on both
sides. ``--show-alignment`` adds every version side by side with its pivot.

Without colour (NO_COLOR, a pipe, a file) changes are marked the wdiff way, ``[-old-]`` and ``{+new+}``,
so plain text still shows exactly what changed.
"""

from __future__ import annotations

import io
from typing import Iterable

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from auditor.model import SEVERITIES, Finding, Report
from auditor.report.base import SEVERITY_STYLE, ReportFormat, cluster_count, severity_counts
from auditor.report.highlight import Segment, elide
from auditor.report.views import evidence_rows, finding_counts_line, pair_rows
from auditor.rules import RULES_BY_CODE

#: base side (first evidence / pivot) and other side of a diff
CHANGE_STYLE = ("bold red", "bold green")
PLAIN_MARKS = (("[-", "-]"), ("{+", "+}"))
BAR_WIDTH = 10
_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: float | None, width: int = BAR_WIDTH) -> str:
    """A fixed-width block bar for a score in [0, 1] (eighth-block resolution)."""
    if value is None:
        return ""
    cells = max(0.0, min(1.0, value)) * width
    full = int(cells)
    part = _EIGHTHS[int((cells - full) * 8)] if full < width else ""
    return ("█" * full + part).ljust(width)


def segments_text(segments: Iterable[Segment], side: int, color: bool) -> Text:
    """Segments as rich Text: changed parts styled (colour) or wrapped in wdiff marks (plain)."""
    text = Text()
    for seg in segments:
        if not seg.changed:
            text.append(seg.text)
        elif color:
            text.append(seg.text, style=CHANGE_STYLE[side])
        else:
            opener, closer = PLAIN_MARKS[side]
            text.append(f"{opener}{seg.text}{closer}")
    return text


class RichFormat(ReportFormat):
    name = "rich"
    extension = ".txt"

    # -- pieces -------------------------------------------------------------------------------------
    def header(self, report: Report) -> RenderableType:
        clusters = cluster_count(report)
        line = Text.assemble(
            (f"{report.tool.name} {report.tool.version}", "bold"),
            f"  ·  {len(report.documents)} documents  ·  {clusters} cluster{'s' if clusters != 1 else ''}",
            f"  ·  model {report.tool.model}",
        )
        counts = Text("findings: ")
        for i, (sev, n) in enumerate(severity_counts(report.findings).items()):
            if i:
                counts.append("  ")
            counts.append(f"{n} {sev}", style=SEVERITY_STYLE[sev] if n else "dim")
        return Group(line, counts)

    def ranking(self, report: Report) -> RenderableType:
        table = Table(title="Ranking", title_justify="left", box=box.SIMPLE_HEAD, expand=False, pad_edge=False)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("document", no_wrap=True)
        table.add_column("faithfulness", no_wrap=True)
        table.add_column("role / labels", overflow="fold")
        table.add_column("derived from", overflow="fold")
        for d in report.documents:
            score = Text("—", style="dim") if d.faithfulness is None else Text.assemble(
                f"{d.faithfulness:.2f} ", (bar(d.faithfulness), "green" if d.faithfulness >= 0.75 else
                                           "yellow" if d.faithfulness >= 0.5 else "red"))
            role = Text(d.role)
            labels = [label for label in d.labels if label != d.role]
            if labels:
                role.append("\n" + ", ".join(labels), style="italic")
            derived = "—" if d.derived_from is None else f"{d.derived_from.id} ({d.derived_from.confidence:.2f})"
            table.add_row(
                "—" if d.rank is None else str(d.rank),
                Text(d.id, style="bold" if d.rank == 1 else ""),
                score,
                role,
                derived,
            )
        return table

    def set_aside(self, report: Report) -> RenderableType | None:
        if not report.set_aside:
            return None
        lines = [Text("Set aside", style="bold")]
        for item in report.set_aside:
            lines.append(Text(f"  {item.get('id', '?')}: {item.get('reason', '')}"))
        return Group(*lines)

    def finding(self, f: Finding, report: Report, color: bool) -> RenderableType:
        rule = RULES_BY_CODE.get(f.code)
        title = Text.assemble(
            (f.code, SEVERITY_STYLE[f.severity]), " ",
            (rule.name if rule else f.kind, "dim"), "  ", f.message,
        )
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, style="bold")
        grid.add_column(overflow="fold")
        for document, side, segments in evidence_rows(f, report, context=not self.changed_only):
            if self.changed_only:
                segments = elide(segments)
            grid.add_row(document, segments_text(segments, side, color))
        return Group(title, Padding(grid, (0, 0, 0, 2)))

    def findings(self, report: Report, color: bool) -> list[RenderableType]:
        out: list[RenderableType] = []
        if not report.findings:
            return [Text("No findings.", style="green")]
        for sev in SEVERITIES:
            group = [f for f in report.findings if f.severity == sev]
            if not group:
                continue
            out.append(Text(f"{sev.upper()} ({len(group)})", style=SEVERITY_STYLE[sev]))
            for f in group:
                out.append(self.finding(f, report, color))
            out.append(Text(""))
        return out

    def alignment(self, report: Report, color: bool) -> list[RenderableType]:
        if report.alignment is None or not report.sentences:
            return [Text("No alignment in this report.", style="dim")]
        out: list[RenderableType] = []
        for al in report.alignment.alignments:
            table = Table(title=f"{al.a}  ⟷  {al.b}", title_justify="left", box=box.SIMPLE_HEAD,
                          show_lines=False, expand=True)
            table.add_column("", no_wrap=True, style="dim")
            table.add_column(al.a, ratio=1, overflow="fold")
            table.add_column(al.b, ratio=1, overflow="fold")
            for row in pair_rows(report, al, changed_only=self.changed_only):
                table.add_row(row.kind if row.kind != "1-1" else "",
                              segments_text(row.left, 0, color), segments_text(row.right, 1, color))
            out.append(table)
        return out

    # -- whole report -------------------------------------------------------------------------------
    def renderables(self, report: Report, *, color: bool) -> list[RenderableType]:
        parts: list[RenderableType] = [self.header(report), Text(""), self.ranking(report)]
        aside = self.set_aside(report)
        if aside is not None:
            parts += [aside, Text("")]
        parts.append(Text(f"Findings ({finding_counts_line(report)})", style="bold"))
        parts += self.findings(report, color)
        if self.show_alignment:
            parts += self.alignment(report, color)
        return parts

    def print_to(self, console: Console, report: Report) -> None:
        color = console.color_system is not None and not console.no_color
        for part in self.renderables(report, color=color):
            console.print(part)

    def render(self, report: Report, *, width: int | None = None, color: bool = False) -> str:
        buffer = io.StringIO()
        console = Console(file=buffer, width=width or 100, force_terminal=color, no_color=not color,
                          color_system="standard" if color else None, highlight=False, emoji=False,
                          legacy_windows=False, soft_wrap=False)
        self.print_to(console, report)
        return buffer.getvalue()


__all__ = ["RichFormat", "bar", "segments_text"]
