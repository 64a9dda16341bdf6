"""``--format markdown``: the report pasted into a CMS note, a ticket or a pull request.

GitHub-flavoured Markdown: a summary line (with what filters hid), the verdict, the scorecard as a
table, findings grouped by version and sentence pair (most harmful first, each version's rollup by
rule), findings on set-aside documents apart, then the ranking and set-aside documents. Evidence marks
changed words struck through on the version compared against and bold on the others
("Pan He~~l~~in" / "Pan He**r**in"), which reads without colour.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from auditor.model import Report
from auditor.report.base import ReportFormat, cluster_count, cluster_tables
from auditor.report.editorial import (
    STATUS_WORDS,
    cards,
    counts_line,
    display_names,
    role_words,
    verdict,
    with_names,
)
from auditor.report.grouping import VersionGroup, version_groups
from auditor.report.highlight import Segment, elide
from auditor.report.views import pair_rows
from auditor.report.wording import readable_message, run_time, score_summary, set_aside_reason
from auditor.rules import RULES_BY_CODE

#: Characters that would start markup inside a line (line-start markers such as "#", ">" or "+" never
#: occur: every line the format writes starts with its own prefix).
_SPECIAL = re.compile(r"([\\`*\[\]<|~]|(?<![^\W_])_|_(?![^\W_]))")  # "_" inside a word is literal in GFM
MARKS = ("~~", "**")


def escape(text: str) -> str:
    """Text safe inside Markdown inline content and table cells (newlines kept as spaces)."""
    return _SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def segments_md(segments: Iterable[Segment], side: int) -> str:
    """Changed parts wrapped in the side's mark; the mark goes inside surrounding spaces, where
    Markdown requires it to be."""
    out = []
    for seg in segments:
        if not seg.changed or not seg.text.strip():
            out.append(escape(seg.text))
            continue
        lead = seg.text[: len(seg.text) - len(seg.text.lstrip())]
        trail = seg.text[len(seg.text.rstrip()):]
        out.append(f"{lead}{MARKS[side]}{escape(seg.text.strip())}{MARKS[side]}{trail}")
    return "".join(out)


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"


class MarkdownFormat(ReportFormat):
    name = "markdown"
    extension = ".md"

    def _scorecard(self, report: Report) -> list[str]:
        rows = cards(report)
        if not rows:
            return []
        lines = ["## Scorecard", "",
                 _row(["#", "Version", "Status", "Faithfulness", "Headline", "Source", "File", "Findings"]),
                 "| ---: | --- | --- | ---: | --- | --- | --- | --- |"]
        for c in rows:
            lines.append(_row([
                "—" if c.doc.rank is None else str(c.doc.rank), f"**{escape(c.name)}** ({escape(c.standing)})",
                f"**{c.status.upper()}**", "—" if c.doc.faithfulness is None else f"{c.doc.faithfulness:.2f}",
                escape(c.headline), escape(c.source), f"`{c.file}`", escape(c.rollup()) or "none"]))
        return lines + [""]

    def _groups(self, groups: list[VersionGroup], names: dict[str, str], heading: str) -> list[str]:
        lines: list[str] = []
        for g in groups:
            c = g.card
            status = STATUS_WORDS[c.status]
            lines += [f"{heading} {escape(c.name)} — {escape(c.standing)} — {status} "
                      f"({len(c.findings)} finding{'s' if len(c.findings) != 1 else ''})", ""]
            if c.findings:
                lines += [f"{escape(c.rollup())}.", ""]
            for pair in g.pairs:
                codes = ", ".join(f"**{code}**" for code in pair.codes)
                lines.append(f"- {codes} ({pair.severity})")
                for f in pair.findings:
                    rule = RULES_BY_CODE.get(f.code)
                    lines.append(f"  - {f.code} {escape(rule.name if rule else f.kind)}: "
                                 f"{escape(with_names(readable_message(f.message), names))}")
                for document, side, segments in pair.rows:
                    if self.changed_only:
                        segments = elide(segments)
                    lines.append(f"  - `{names.get(document, document)}`: {segments_md(segments, side)}")
            lines.append("")
        return lines

    def render(self, report: Report, *, width: int | None = None, color: bool = False) -> str:
        clusters = cluster_count(report)
        lines = [
            "# Audit report",
            "",
            f"{len(report.documents)} documents · {clusters} cluster{'s' if clusters != 1 else ''} · "
            + (f"{len(report.set_aside)} set aside · " if report.set_aside else "")
            + f"model `{report.tool.model}` · {escape(report.tool.name)} {escape(report.tool.version)} · "
            + (f"{escape(run_time(report.timings))} · " if report.timings else "")
            + escape(counts_line(report)),
            "",
        ]
        sentences = verdict(report)
        if sentences:
            lines += ["**Verdict.** " + " ".join(escape(s) for s in sentences), ""]
        lines += self._scorecard(report)
        names = display_names(report)
        lines += ["## Findings by version", ""]
        if not report.findings:
            lines += ["No findings.", ""]
        lines += self._groups(version_groups(report, context=not self.changed_only), names, "###")
        aside_groups = version_groups(report, context=not self.changed_only, set_aside=True)
        if aside_groups:
            lines += ["## Findings on documents set aside", ""]
            lines += self._groups(aside_groups, names, "###")
        lines += [
            "## Ranking",
            "",
            _row(["Rank", "Document", "Faithfulness", "Role", "Labels", "Derived from"]),
            "| ---: | --- | ---: | --- | --- | --- |",
        ]
        aside = {item.id for item in report.set_aside}
        for d in report.documents:
            derived = "—" if d.derived_from is None else \
                f"{escape(d.derived_from.id)} ({d.derived_from.confidence:.2f})"
            unscored = "*set aside*" if d.id in aside else "—"
            lines.append(_row([
                "—" if d.rank is None else str(d.rank),
                f"**{escape(d.id)}**" if d.rank == 1 else escape(d.id),
                unscored if d.faithfulness is None else f"{d.faithfulness:.2f}",
                escape(role_words(d) if d.rank is not None else d.role),
                escape(", ".join(label for label in d.labels if label != d.role)),
                derived,
            ]))
        costs = [(d.id, score_summary(d)) for d in report.documents if d.faithfulness is not None]
        if any(summary for _, summary in costs):
            lines += ["", "What cost each version its points:", ""]
            lines += [f"- `{doc}`: {escape(summary)}" for doc, summary in costs if summary]
        if report.set_aside:
            lines += ["", "Set aside (not compared):", ""]
            roles = {d.id: d.role for d in report.documents}
            for item in report.set_aside:
                relation, reason = set_aside_reason(item, roles.get(item.id))
                lines.append(f"- `{item.id}` — *{escape(relation)}*"
                             + (f": {escape(reason)}" if reason else ""))
        lines.append("")
        if self.show_alignment and report.alignments and report.sentences:
            lines += ["## Alignment", ""]
            tables = cluster_tables(report)
            for cluster, table in tables:
                if len(tables) > 1:  # several stories: one sub-heading each, pairs under it
                    lines += [f"### Cluster {cluster}: versions aligned to {escape(table.pivot)}", ""]
                for al in table.alignments:
                    lines += [f"{'####' if len(tables) > 1 else '###'} {escape(al.a)} ⟷ {escape(al.b)}", "",
                              _row(["", escape(al.a), escape(al.b)]), "| --- | --- | --- |"]
                    for row in pair_rows(report, al, changed_only=self.changed_only):
                        lines.append(_row([row.kind, segments_md(row.left, 0), segments_md(row.right, 1)]))
                    lines.append("")
        return "\n".join(lines).rstrip("\n") + "\n"
