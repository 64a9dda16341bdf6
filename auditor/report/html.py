"""``--format html``: one self-contained page an editor opens, filters, shares and prints.

No network and no external files: the stylesheet and the few lines of script (``templates/``) are
inlined. It holds the ranking table, findings filterable by severity and kind with the changed
words highlighted on both sides, and every version side by side with the pivot (a picker chooses the
version; printing shows them all). Without JavaScript everything is simply shown.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from importlib import resources
from typing import Iterable

from auditor.model import SEVERITIES, Finding, Report
from auditor.report.base import ReportFormat, cluster_count, cluster_tables, severity_counts
from auditor.report.highlight import Segment, elide
from auditor.report.serialize import SCHEMA_ID
from auditor.report.views import evidence_rows, finding_counts_line, pair_rows
from auditor.report.wording import breakdown_details, readable_message, run_time, score_lines, set_aside_reason
from auditor.rules import RULES_BY_CODE

MARK_CLASS = ("del", "ins")


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files("auditor.report").joinpath("templates", name).read_text(encoding="utf-8")


def segments_html(segments: Iterable[Segment], side: int) -> str:
    return "".join(
        f'<mark class="{MARK_CLASS[side]}">{escape(seg.text)}</mark>' if seg.changed and seg.text.strip()
        else escape(seg.text)
        for seg in segments
    )


def _bar(value: float) -> str:
    level = "" if value >= 0.75 else " mid" if value >= 0.5 else " low"
    return f'<span class="bar{level}" aria-hidden="true"><span style="width:{value * 100:.0f}%"></span></span>'


def _details(label: str, rows: list[tuple[str, str]] | list[str]) -> str:
    """A collapsed ``<details>`` block: the editor sees the one-line reason, opens this for the rest."""
    if not rows:
        return ""
    if isinstance(rows[0], tuple):
        body = "<dl>" + "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows) + "</dl>"
    else:
        body = "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in rows) + "</ul>"
    return f'<details class="why"><summary>{escape(label)}</summary>{body}</details>'


def _score_cell(d, aside: bool) -> str:
    """Score and bar, the lines saying what cost the version its points, the full breakdown collapsed."""
    if d.faithfulness is None:
        head = f'<span class="unscored">{"set aside" if aside else "—"}</span>'
    else:
        head = f"{d.faithfulness:.2f}{_bar(d.faithfulness)}"
    lines = score_lines(d)
    why = ('<ul class="cost">' + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>") if lines else ""
    return head + why + _details("score details", breakdown_details(d.breakdown))


class HtmlFormat(ReportFormat):
    name = "html"
    extension = ".html"

    def _ranking(self, report: Report) -> list[str]:
        out = ['<section id="ranking"><h2>Ranking</h2>', '<table class="ranking"><thead><tr>',
               "<th>#</th><th>Document</th><th>Faithfulness</th><th>Role</th><th>Labels</th>"
               "<th>Derived from</th></tr></thead><tbody>"]
        aside = {str(item.get("id")) for item in report.set_aside}
        for d in report.documents:
            derived = "—" if d.derived_from is None else (
                f"{escape(d.derived_from.id)} ({d.derived_from.confidence:.2f})"
                + _details("why", list(d.derived_from.evidence)))
            labels = [label for label in d.labels if label != d.role]
            out.append(
                f'<tr data-document="{escape(d.id)}"><td class="num">{"—" if d.rank is None else d.rank}</td>'
                f'<td class="doc"><strong>{escape(d.id)}</strong><div class="path">{escape(d.path)}</div></td>'
                f'<td class="score">{_score_cell(d, d.id in aside)}</td>'
                f"<td>{escape(d.role)}</td><td>{escape(', '.join(labels))}</td><td>{derived}</td></tr>"
            )
        out.append("</tbody></table>")
        if report.set_aside:
            out.append('<h3>Set aside (not compared)</h3><ul class="set-aside">')
            roles = {d.id: d.role for d in report.documents}
            for item in report.set_aside:
                relation, reason = set_aside_reason(item, roles.get(str(item.get("id"))))
                out.append(f"<li><strong>{escape(str(item.get('id', '?')))}</strong> — <em>{escape(relation)}</em>"
                           + (f": {escape(reason)}" if reason else "") + "</li>")
            out.append("</ul>")
        out.append("</section>")
        return out

    def _finding(self, f: Finding, report: Report) -> str:
        rule = RULES_BY_CODE.get(f.code)
        rows = []
        previous = None
        for document, side, segments in evidence_rows(f, report, context=not self.changed_only):
            if self.changed_only:
                segments = elide(segments)
            name = "" if document == previous else escape(document)  # a version's several sentences: named once
            previous = document
            rows.append(f"<tr><th>{name}</th><td>{segments_html(segments, side)}</td></tr>")
        return (
            f'<li class="finding sev-{f.severity}" id="{escape(f.id)}" data-severity="{f.severity}" '
            f'data-kind="{escape(f.kind)}" data-code="{escape(f.code)}">'
            f'<div class="head"><span class="code">{escape(f.code)}</span><span class="sev">{f.severity}</span>'
            f'<span class="rule">{escape(rule.name if rule else f.kind)}</span>'
            f'<span class="message">{escape(readable_message(f.message))}</span></div>'
            f'<table class="evidence">{"".join(rows)}</table></li>'
        )

    def _findings(self, report: Report) -> list[str]:
        counts = severity_counts(report.findings)
        kinds = sorted({f.kind for f in report.findings})
        out = ['<section id="findings">',
               f'<h2>Findings ({len(report.findings)}) <span id="shown-count"></span></h2>',
               '<form class="filters" id="filters" onsubmit="return false"><span>Severity:</span>']
        out += [f'<label class="sev-{sev}"><input type="checkbox" name="severity" value="{sev}" checked> '
                f"{sev} ({counts[sev]})</label>" for sev in SEVERITIES]
        out.append('<label>Kind: <select id="kind-filter"><option value="">all kinds</option>')
        out += [f'<option value="{escape(k)}">{escape(k)}</option>' for k in kinds]
        out.append("</select></label></form>")
        if not report.findings:
            out.append('<p class="empty">No findings.</p>')
        for sev in SEVERITIES:
            group = [f for f in report.findings if f.severity == sev]
            if group:
                out.append(f'<section class="severity-group" data-severity="{sev}">'
                           f"<h3>{sev.capitalize()} ({len(group)})</h3><ol class=\"findings\">")
                out += [self._finding(f, report) for f in group]
                out.append("</ol></section>")
        out.append("</section>")
        return out

    def _alignment(self, report: Report) -> list[str]:
        out = ['<section id="alignment"><h2>Versions side by side</h2>']
        tables = cluster_tables(report)
        if not report.sentences or not any(t.alignments for _, t in tables):
            out += ['<p class="empty">This report carries no alignment.</p>', "</section>"]
            return out
        pairs = [(cluster, al) for cluster, t in tables for al in t.alignments]
        if len(tables) == 1:
            out.append('<div class="pair-controls"><label>Compare <strong>'
                       f"{escape(tables[0][1].pivot)}</strong> with "
                       '<select id="pair-select">')
            out += [f'<option value="{i}">{escape(al.b)}</option>' for i, (_, al) in enumerate(pairs)]
        else:  # several stories: the picker groups each story's versions under its pivot
            out.append('<div class="pair-controls"><label>Compare a version with its story\'s pivot '
                       '<select id="pair-select">')
            i = 0
            for cluster, t in tables:
                out.append(f'<optgroup label="Cluster {cluster}: {escape(t.pivot)}">')
                for al in t.alignments:
                    out.append(f'<option value="{i}">{escape(al.b)}</option>')
                    i += 1
                out.append("</optgroup>")
        checked = " checked" if self.changed_only else ""
        out.append(f'</select></label><label><input type="checkbox" id="changed-only"{checked}> '
                   "changed sentences only</label></div>")
        for i, (cluster, al) in enumerate(pairs):
            story = f"Cluster {cluster}: " if len(tables) > 1 else ""
            out.append(f'<div class="pair" data-pair="{i}" data-cluster="{cluster}">'
                       f"<h3>{story}{escape(al.a)} ⟷ {escape(al.b)}</h3>"
                       f'<table class="align"><thead><tr><th></th><th>{escape(al.a)}</th>'
                       f"<th>{escape(al.b)}</th></tr></thead><tbody>")
            for row in pair_rows(report, al):
                kind = "" if row.kind == "1-1" else row.kind
                out.append(f'<tr class="k-{row.kind} {"changed" if row.changed else "same"}">'
                           f'<td class="kind">{escape(kind)}</td><td>{segments_html(row.left, 0)}</td>'
                           f"<td>{segments_html(row.right, 1)}</td></tr>")
            out.append("</tbody></table></div>")
        out.append("</section>")
        return out

    def render(self, report: Report, *, width: int | None = None, color: bool = False) -> str:
        clusters = cluster_count(report)
        counts = severity_counts(report.findings)
        title = "Audit report"
        ranked = [d for d in report.documents if d.rank == 1]  # one most faithful version per story
        if len(ranked) == 1:
            title += f" — {ranked[0].id}"
        elif ranked:
            title += f" — {len(ranked)} stories"
        parts = [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<meta name=\"generator\" content=\"{escape(report.tool.name)} {escape(report.tool.version)}\">",
            f"<title>{escape(title)}</title>",
            f"<style>\n{_asset('report.css')}</style></head>",
            "<body>",
            f"<header><h1>{escape(title)}</h1>",
            f'<p class="summary">{len(report.documents)} documents · {clusters} '
            f"cluster{'s' if clusters != 1 else ''}"
            + (f" · {len(report.set_aside)} set aside" if report.set_aside else "")
            + f" · model <code>{escape(report.tool.model)}</code>"
            + (f" · {escape(run_time(report.timings))}" if report.timings else "")
            + f" · findings {escape(finding_counts_line(report))}</p>",
            '<ul class="counts">'
            + "".join(f'<li class="sev-{s}{"" if n else " zero"}">{n} {s}</li>' for s, n in counts.items())
            + "</ul></header>",
            *self._ranking(report),
            *self._findings(report),
            *self._alignment(report),
            f"<footer>{escape(report.tool.name)} {escape(report.tool.version)} · {SCHEMA_ID}"
            + (f" · sacrebleu {escape(report.tool.sacrebleu_signature)}" if report.tool.sacrebleu_signature else "")
            + "</footer>",
            f"<script>\n{_asset('report.js')}</script>",
            "</body></html>",
        ]
        return "\n".join(parts) + "\n"
