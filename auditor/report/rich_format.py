"""``--format rich``: the terminal report an editor reads first.

The first screen answers "which version do I use": a header (documents, stories, model, run time, the
findings and what filters hid), the verdict (one sentence per version), the scorecard (per version:
status, faithfulness, headline, outlet/byline/date, file, findings counted by rule), then the findings
grouped by version, most harmful version first, and within it by sentence pair, most harmful first:
all codes on one pair are listed once over one piece of evidence with every change highlighted on both
sides (very long sentences cut to the words around the changes). Documents set aside follow in their
own section, then the ranking details (derived from, what cost each version its points).
``--show-alignment`` adds every version side by side with its pivot, in full.

Without colour (NO_COLOR, a pipe, a file) changes show the wdiff way, ``[-old-]`` and ``{+new+}``,
so plain text still shows exactly what changed; with colour they are also struck through / underlined,
so they do not rest on colour alone. Piped output carries no trailing padding.
"""

from __future__ import annotations

import io
from collections.abc import Mapping

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from auditor.model import SEVERITIES, Finding, Report
from auditor.report.base import SEVERITY_STYLE, ReportFormat, cluster_count, cluster_tables
from auditor.report.editorial import (
    STATUS_WORDS,
    Card,
    cards,
    counts_line,
    role_words,
    verdict,
    with_names,
)
from auditor.report.grouping import PairGroup, VersionGroup, version_groups
from auditor.report.highlight import Segment, elide
from auditor.report.rich_parts import (
    _TRAILING,
    BAR_WIDTH,
    DEFAULT_WIDTH,
    LONG_CONTEXT_WORDS,
    LONG_EVIDENCE_WORDS,
    MIN_ID_WIDTH,
    NARROW_WIDTH,
    STATUS_STYLE,
    _min_width,
    bar,
    segments_text,
    short_ids,
)
from auditor.report.views import evidence_rows, pair_rows
from auditor.report.wording import readable_message, run_time, score_summary, set_aside_reason
from auditor.rules import RULES_BY_CODE


class RichFormat(ReportFormat):
    name = "rich"
    extension = ".txt"

    # -- pieces -------------------------------------------------------------------------------------
    def header(self, report: Report, width: int | None = None) -> RenderableType:
        """Two lines: what was audited (documents, stories, set aside, model, run time when the
        report comes from a live run) and the findings by severity."""
        clusters = cluster_count(report)
        facts = [f"{len(report.documents)} documents", f"{clusters} cluster{'s' if clusters != 1 else ''}"]
        if report.set_aside:
            facts.append(f"{len(report.set_aside)} set aside")
        facts.append(f"model {report.tool.model}")
        elapsed = run_time(report.timings)
        if elapsed:
            facts.append(elapsed)
        # packed into lines at the " · " between facts, so a narrow terminal never splits "ran in 2.8 s"
        width = width or DEFAULT_WIDTH
        lines = [Text(f"{report.tool.name} {report.tool.version}", style="bold")]
        for fact in facts:
            if len(lines[-1]) + 3 + len(fact) > width:
                lines.append(Text(fact))
            else:
                lines[-1].append(f" · {fact}")
        return Group(*lines, Text(counts_line(report)))

    def verdict(self, report: Report) -> RenderableType | None:
        """The version to use and every other version's standing, one sentence each."""
        sentences = verdict(report)
        if not sentences:
            return None
        return Group(Text("Verdict", style="bold"), *(Padding(Text(s), (0, 0, 0, 2)) for s in sentences))

    def scorecard(self, report: Report, width: int | None = None) -> RenderableType | None:
        """Per version: rank, name, status, faithfulness and bar; then its headline, where it comes
        from (outlet · byline · date · file) and its findings counted by rule."""
        rows = cards(report)
        if not rows:
            return None
        width = width or DEFAULT_WIDTH
        bar_width = BAR_WIDTH if width >= NARROW_WIDTH else BAR_WIDTH // 2
        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", no_wrap=True)
        grid.add_column(no_wrap=True, style="bold")
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        previous = rows[0].doc.cluster
        for c in rows:
            if c.doc.cluster != previous:  # a gap between stories: each is ranked on its own
                grid.add_row("", "", "", "")
                previous = c.doc.cluster
            score = Text("unscored", style="dim") if c.doc.faithfulness is None else Text.assemble(
                f"{c.doc.faithfulness:.2f} ", (bar(c.doc.faithfulness, bar_width), "green" if c.doc.faithfulness >= 0.75
                                                else "yellow" if c.doc.faithfulness >= 0.5 else "red"))
            about = Text.assemble(score, "  ", (c.standing, "italic"))
            about.append("\n" + (c.headline or "(no headline)"), style="bold")
            about.append("\n" + " · ".join(x for x in (c.source, c.file) if x), style="dim")
            if c.findings:
                about.append("\n" + c.rollup())
            grid.add_row("" if c.doc.rank is None else str(c.doc.rank), c.name,
                         Text(f" {c.status.upper()} ", style=STATUS_STYLE[c.status]), about)
        return Group(Text("Scorecard", style="bold"), Padding(grid, (0, 0, 0, 1)))

    def _ranking_table(self, report: Report, names: Mapping[str, str], bar_width: int) -> Table:
        """The ranking with ids shown as ``names`` says. Ids and each label keep a column wide enough
        for their longest token, so rich wraps only between tokens ("id (0.63)" puts the confidence
        under the id; labels wrap after a comma), never inside an id or a word."""
        rows = report.documents
        id_width = max((len(n) for n in names.values()), default=1)
        label_width = max((len(x) + 1 for d in rows for x in (d.role, *d.labels)), default=1)  # +1: ","
        # no outer edge and collapsed padding: two spaces between columns, the least that reads as a gap
        table = Table(title="Ranking", title_justify="left", box=box.SIMPLE_HEAD, expand=False, pad_edge=False,
                      collapse_padding=True, show_edge=False)
        table.add_column("#", justify="right", no_wrap=True)
        table.add_column("document", no_wrap=True, min_width=id_width)
        table.add_column("faithfulness", no_wrap=True)
        table.add_column("role / labels", min_width=label_width)
        table.add_column("derived from", min_width=id_width)
        aside = {item.id for item in report.set_aside}
        previous_cluster = rows[0].cluster if rows else None
        for d in rows:
            if d.cluster != previous_cluster:
                table.add_section()  # a rule between stories: each cluster is ranked on its own
                previous_cluster = d.cluster
            unscored = Text("set aside" if d.id in aside else "—", style="dim")
            score = unscored if d.faithfulness is None else Text.assemble(
                f"{d.faithfulness:.2f} ", (bar(d.faithfulness, bar_width), "green" if d.faithfulness >= 0.75 else
                                           "yellow" if d.faithfulness >= 0.5 else "red"))
            role = Text(role_words(d) if d.rank is not None else d.role)
            labels = [label for label in d.labels if label != d.role
                      and label.replace("-translated", " translation") not in role.plain]
            if labels:
                role.append("\n" + ", ".join(labels), style="italic")
            derived = "—" if d.derived_from is None else \
                f"{names.get(d.derived_from.id, d.derived_from.id)} ({d.derived_from.confidence:.2f})"
            table.add_row(
                "—" if d.rank is None else str(d.rank),
                Text(names[d.id], style="bold" if d.rank == 1 else ""),
                score,
                role,
                derived,
            )
        return table

    def ranking(self, report: Report, width: int | None = None) -> RenderableType:
        """The ranking table, fitted to ``width`` columns: below ``NARROW_WIDTH`` the bar is halved,
        and when ids still do not fit they are all shortened the same way, with a legend."""
        width = width or DEFAULT_WIDTH
        bar_width = BAR_WIDTH if width >= NARROW_WIDTH else BAR_WIDTH // 2
        ids = sorted({d.id for d in report.documents}
                     | {d.derived_from.id for d in report.documents if d.derived_from is not None})
        longest = max((len(i) for i in ids), default=0)
        names = {i: i for i in ids}
        table = self._ranking_table(report, names, bar_width)
        limit = longest
        while _min_width(table) > width and limit > MIN_ID_WIDTH:
            limit -= 1
            names = short_ids(ids, limit)
            table = self._ranking_table(report, names, bar_width)
        shortened = [(short, full) for full, short in names.items() if short != full]
        if not shortened:
            return table
        legend = Table.grid(padding=(0, 2))
        short_width = max(len(short) for short, _ in shortened)
        legend.add_column(no_wrap=True, style="dim")
        # full ids whole when the line has room (fold only what can never fit)
        legend.add_column(overflow="fold", style="dim",
                          min_width=min(max(len(full) for _, full in shortened), width - short_width - 4))
        for short, full in sorted(shortened):
            legend.add_row(short, full)
        return Group(table, Text("ids shortened to fit:", style="dim"), Padding(legend, (0, 0, 0, 2)))

    def points_lost(self, report: Report, names: Mapping[str, str] | None = None) -> RenderableType | None:
        """One line per scored version saying what cost it its points (the score breakdown's summary,
        rule codes named), wrapped under itself so the ids stay a clean column."""
        scored = [d for d in report.documents if d.faithfulness is not None and score_summary(d)]
        if not scored:
            return None
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        for d in scored:
            grid.add_row(d.id if names is None else names.get(d.id, d.id), score_summary(d))
        return Group(Text("What cost each version its points", style="bold"), Padding(grid, (0, 0, 0, 2)))

    def set_aside(self, report: Report) -> RenderableType | None:
        if not report.set_aside:
            return None
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True)
        grid.add_column(overflow="fold")
        roles = {d.id: d.role for d in report.documents}
        for item in report.set_aside:
            relation, reason = set_aside_reason(item, roles.get(item.id))
            grid.add_row(item.id, Text.assemble((relation, "italic"), f": {reason}" if reason else ""))
        return Group(Text("Set aside (not compared)", style="bold"), Padding(grid, (0, 0, 0, 2)))

    def _evidence(self, rows: list[tuple[str, int, list[Segment]]]) -> list[tuple[str, int, list[Segment]]]:
        """Evidence as the terminal shows it: elided with ``--changed-only``, and by default when a
        sentence is so long the change would be lost in it (see ``LONG_EVIDENCE_WORDS``); then every
        version of the finding is cut the same way, so the sides still read as a pair."""
        if self.changed_only:
            return [(doc, side, elide(segs)) for doc, side, segs in rows]
        if any(sum(len(seg.text.split()) for seg in segs) > LONG_EVIDENCE_WORDS for _, _, segs in rows):
            return [(doc, side, elide(segs, LONG_CONTEXT_WORDS)) for doc, side, segs in rows]
        return rows

    def finding(self, f: Finding, report: Report, color: bool) -> RenderableType:
        """Code, rule and message (wrapped under the message, not under the code), then each
        version's evidence; a version with several pieces of evidence is named once."""
        rule = RULES_BY_CODE.get(f.code)
        title = Table.grid(padding=(0, 1))
        title.add_column(no_wrap=True)
        title.add_column(overflow="fold")
        title.add_row(Text(f.code, style=SEVERITY_STYLE[f.severity]),
                      Text.assemble((rule.name if rule else f.kind, "dim"), "  ", readable_message(f.message)))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, style="bold")
        grid.add_column(overflow="fold")
        previous = None
        for document, side, segments in self._evidence(evidence_rows(f, report, context=not self.changed_only)):
            grid.add_row("" if document == previous else document, segments_text(segments, side, color))
            previous = document
        return Group(title, Padding(grid, (0, 0, 0, 2)))

    def findings(self, report: Report, color: bool) -> list[RenderableType]:
        """Findings by severity, one after the other (the layout before grouping by version; kept for
        callers that want a flat list)."""
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

    def pair(self, group: PairGroup, names: Mapping[str, str], color: bool) -> RenderableType:
        """One sentence pair: every code on it with its message (the worst first), then the
        evidence once, each version named once."""
        title = Table.grid(padding=(0, 1))
        title.add_column(no_wrap=True)
        title.add_column(overflow="fold")
        for f in group.findings:
            rule = RULES_BY_CODE.get(f.code)
            title.add_row(Text(f.code, style=SEVERITY_STYLE[f.severity]),
                          Text.assemble((rule.name if rule else f.kind, "dim"), "  ",
                                        with_names(readable_message(f.message), names)))
        grid = Table.grid(padding=(0, 2))
        grid.add_column(no_wrap=True, style="bold")
        grid.add_column(overflow="fold")
        previous = None
        for document, side, segments in self._evidence(group.rows):
            label = "" if document == previous else names.get(document, document)
            grid.add_row(label, segments_text(segments, side, color))
            previous = document
        return Group(title, Padding(grid, (0, 0, 0, 2)))

    def version_findings(
        self, groups: list[VersionGroup], names: Mapping[str, str], color: bool
    ) -> list[RenderableType]:
        out: list[RenderableType] = []
        for g in groups:
            c: Card = g.card
            status = c.status.upper() if c.status != "aside" else STATUS_WORDS["aside"]
            # the rollup by rule is on the scorecard; set-aside documents have no card, so theirs is here
            head = Text.assemble(("Findings on ", "bold"), (c.name, "bold"), " · ", (c.standing, "italic"), " · ",
                                 (f" {status} ", STATUS_STYLE[c.status]), f" {len(c.findings)} "
                                 f"finding{'s' if len(c.findings) != 1 else ''}",
                                 f": {c.rollup()}" if c.status == "aside" else "")
            out.append(head)
            for group in g.pairs:
                out.append(Padding(self.pair(group, names, color), (0, 0, 0, 2)))
            out.append(Text(""))
        return out

    def grouped_findings(self, report: Report, color: bool) -> list[RenderableType]:
        """Findings by version then sentence pair; set-aside documents' findings in their own part."""
        from auditor.report.editorial import display_names

        names = display_names(report)
        if not report.findings:
            return [Text("No findings.", style="green"), Text("")]
        out = self.version_findings(version_groups(report, context=not self.changed_only), names, color)
        aside = version_groups(report, context=not self.changed_only, set_aside=True)
        if aside:
            out.append(Text("Findings on documents set aside (not compared with the story)", style="bold"))
            out += self.version_findings(aside, names, color)
        return out

    def alignment(self, report: Report, color: bool) -> list[RenderableType]:
        if not report.alignments or not report.sentences:
            return [Text("No alignment in this report.", style="dim")]
        out: list[RenderableType] = []
        tables = cluster_tables(report)
        for cluster, aligned in tables:
            if len(tables) > 1:  # several stories: say which one each side-by-side view belongs to
                out.append(Text(f"Cluster {cluster}: versions aligned to {aligned.pivot}", style="bold"))
            for al in aligned.alignments:
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
    def renderables(self, report: Report, *, color: bool, width: int | None = None) -> list[RenderableType]:
        parts: list[RenderableType] = [self.header(report, width), Text("")]
        for block in (self.verdict(report), self.scorecard(report, width)):
            if block is not None:
                parts += [block, Text("")]
        parts += self.grouped_findings(report, color)
        for extra in (self.set_aside(report), self.ranking(report, width), self.points_lost(report)):
            if extra is not None:
                parts += [extra, Text("")]
        if self.show_alignment:
            parts += self.alignment(report, color)
        return parts

    def print_to(self, console: Console, report: Report) -> None:
        color = console.color_system is not None and not console.no_color
        for part in self.renderables(report, color=color, width=console.width):
            console.print(part)

    def render(self, report: Report, *, width: int | None = None, color: bool = False) -> str:
        buffer = io.StringIO()
        console = Console(file=buffer, width=width or DEFAULT_WIDTH, force_terminal=color, no_color=not color,
                          color_system="standard" if color else None, highlight=False, emoji=False,
                          legacy_windows=False, soft_wrap=False)
        self.print_to(console, report)
        # rich pads table cells to the width: lines end at their last character, coloured or not
        return "\n".join(_TRAILING.sub(r"\1", line) for line in buffer.getvalue().split("\n"))


__all__ = ["RichFormat"]
