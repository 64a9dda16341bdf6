"""``--format html``: one self-contained page an editor opens, filters, shares and prints.

No network and no external files: the stylesheet and the few lines of script (``templates/``) are
inlined. The page opens with the verdict and the scorecard, then the findings grouped by version and
sentence pair (filterable by version, severity and kind; each version's rollup by rule), findings on
set-aside documents apart, the ranking table, and every version side by side with the pivot (a picker
chooses the version). It reads at 420 px and prints compactly (verdict, scorecard, findings). Without
JavaScript everything is simply shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from html import escape
from importlib import resources

from auditor.model import SEVERITIES, DocumentResult, Finding, Report
from auditor.report.base import ReportFormat, cluster_count, cluster_tables, severity_counts
from auditor.report.editorial import (
    STATUS_WORDS,
    cards,
    counts_line,
    display_names,
    role_words,
    verdict,
    with_names,
)
from auditor.report.grouping import PairGroup, VersionGroup, version_groups
from auditor.report.highlight import Segment, elide
from auditor.report.serialize import SCHEMA_ID
from auditor.report.views import evidence_rows, pair_rows
from auditor.report.wording import breakdown_details, readable_message, run_time, score_lines, set_aside_reason
from auditor.rules import RULES_BY_CODE

MARK_CLASS = ("del", "ins")


@cache
def _asset(name: str) -> str:
    return resources.files("auditor.report").joinpath("templates", name).read_text(encoding="utf-8")


def segments_html(segments: Iterable[Segment], side: int) -> str:
    return "".join(
        f'<mark class="{MARK_CLASS[side]}">{escape(seg.text)}</mark>' if seg.changed and seg.text.strip()
        else escape(seg.text)
        for seg in segments
    )


def row_anchor(document: str, sentence: int, version: str | None = None) -> str:
    """Id of the side-by-side row holding ``sentence`` of ``document`` (for a row only the pivot has,
    the pivot's sentence in the pair with ``version``)."""
    return f"row-{version}-{document}-{sentence}" if version else f"row-{document}-{sentence}"


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


def _score_cell(d: DocumentResult, aside: bool) -> str:
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
    #: versions with a side-by-side pair on the page being rendered (set by ``_findings``)
    _aligned: frozenset[str] | set[str] = frozenset()

    def _ranking(self, report: Report) -> list[str]:
        out = ['<section id="ranking"><h2>Ranking</h2>', '<table class="ranking"><thead><tr>',
               "<th>#</th><th>Document</th><th>Faithfulness</th><th>Role</th><th>Labels</th>"
               "<th>Derived from</th></tr></thead><tbody>"]
        aside = {item.id for item in report.set_aside}
        for d in report.documents:
            derived = "—" if d.derived_from is None else (
                f"{escape(d.derived_from.id)} ({d.derived_from.confidence:.2f})"
                + _details("why", list(d.derived_from.evidence)))
            labels = [label for label in d.labels if label != d.role]
            out.append(
                f'<tr data-document="{escape(d.id)}"><td class="num">{"—" if d.rank is None else d.rank}</td>'
                f'<td class="doc"><strong>{escape(d.id)}</strong><div class="path">{escape(d.path)}</div></td>'
                f'<td class="score">{_score_cell(d, d.id in aside)}</td>'
                f"<td>{escape(role_words(d) if d.rank is not None else d.role)}</td>"
                f"<td>{escape(', '.join(labels))}</td><td>{derived}</td></tr>"
            )
        out.append("</tbody></table>")
        if report.set_aside:
            out.append('<h3>Set aside (not compared)</h3><ul class="set-aside">')
            roles = {d.id: d.role for d in report.documents}
            for item in report.set_aside:
                relation, reason = set_aside_reason(item, roles.get(item.id))
                out.append(f"<li><strong>{escape(item.id)}</strong> — <em>{escape(relation)}</em>"
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

    def _verdict(self, report: Report) -> list[str]:
        sentences = verdict(report)
        if not sentences:
            return []
        return ['<section id="verdict"><h2>Verdict</h2>',
                "".join(f"<p>{escape(s)}</p>" for s in sentences), "</section>"]

    def _scorecard(self, report: Report) -> list[str]:
        rows = cards(report)
        if not rows:
            return []
        out = ['<section id="scorecard"><h2>Scorecard</h2><table class="scorecard"><thead><tr>',
               "<th>#</th><th>Version</th><th>Status</th><th>Faithfulness</th><th>Headline and source</th>"
               "<th>Findings</th></tr></thead><tbody>"]
        for c in rows:
            score = "—" if c.doc.faithfulness is None else f"{c.doc.faithfulness:.2f}{_bar(c.doc.faithfulness)}"
            source = " · ".join(x for x in (c.source, c.file) if x)
            out.append(
                f'<tr data-version="{escape(c.doc.id)}"><td class="num">{c.doc.rank or "—"}</td>'
                f'<td class="doc"><strong>{escape(c.name)}</strong>'
                f'<div class="standing">{escape(c.standing)}</div></td>'
                f'<td class="st"><span class="status status-{c.status}">{escape(STATUS_WORDS[c.status])}</span></td>'
                f'<td class="score">{score}</td>'
                f'<td><div class="headline">{escape(c.headline)}</div><div class="path">{escape(source)}</div></td>'
                f"<td>{escape(c.rollup()) or 'none'}</td></tr>")
        out.append("</tbody></table></section>")
        return out

    def _pair(self, pair: PairGroup, doc: str, names: dict[str, str], seen: set[str]) -> str:
        heads = []
        for f in pair.findings:
            rule = RULES_BY_CODE.get(f.code)
            anchor = f' id="{escape(f.id)}"' if f.id not in seen else ""  # one element per id
            seen.add(f.id)
            heads.append(
                f'<li class="finding sev-{f.severity}"{anchor} data-id="{escape(f.id)}" data-severity="{f.severity}" '
                f'data-kind="{escape(f.kind)}" data-code="{escape(f.code)}" data-document="{escape(doc)}">'
                f'<div class="head"><label class="accept" title="accept (waive) this finding">'
                f'<input type="checkbox" class="waive" value="{escape(f.id)}"> accept</label>'
                f'<span class="code">{escape(f.code)}</span><span class="sev">{f.severity}</span>'
                f'<span class="rule">{escape(rule.name if rule else f.kind)}</span>'
                f'<span class="message">{escape(with_names(readable_message(f.message), names))}</span></div></li>')
        rows = []
        previous = None
        for document, side, segments in pair.rows:
            if self.changed_only:
                segments = elide(segments)
            name = "" if document == previous else escape(names.get(document, document))
            previous = document
            rows.append(f"<tr><th>{name}</th><td>{segments_html(segments, side)}</td></tr>")
        link = ""
        lead = pair.findings[0]
        own = next((e for e in lead.evidence if e.document == doc), None)
        base = lead.evidence[0] if lead.evidence else None
        if self._aligned and own is not None and own is not base and doc in self._aligned:
            link = row_anchor(doc, own.sentence)
        elif self._aligned and base is not None and doc in self._aligned and base.document != doc:
            link = row_anchor(base.document, base.sentence, doc)
        side_link = f'<a class="side-link" href="#{escape(link)}">side by side</a>' if link else ""
        return (f'<li class="pair-group sev-{pair.severity}">{side_link}<ul class="codes">{"".join(heads)}</ul>'
                f'<table class="evidence">{"".join(rows)}</table></li>')

    def _groups(self, groups: list[VersionGroup], names: dict[str, str], seen: set[str]) -> list[str]:
        out = []
        for g in groups:
            c = g.card
            n = len(c.findings)
            out.append(
                f'<section class="version-group" data-document="{escape(c.doc.id)}">'
                f'<h3>{escape(c.name)} <span class="standing">{escape(c.standing)}</span> '
                f'<span class="status status-{c.status}">{escape(STATUS_WORDS[c.status])}</span></h3>'
                f'<details class="rollup"><summary>{n} finding{"s" if n != 1 else ""}: '
                f"{escape(c.rollup())}</summary><ul>"
                + "".join(f"<li>{escape(line)}</li>" for line in c.rollup().split(", ")) + "</ul></details>"
                '<ol class="findings">')
            out += [self._pair(p, c.doc.id, names, seen) for p in g.pairs]
            out.append("</ol></section>")
        return out

    def _findings(self, report: Report) -> list[str]:
        #: versions with a side-by-side pair on this page (their findings link to it)
        self._aligned = {al.b for _, t in cluster_tables(report) for al in t.alignments} if report.sentences else set()
        counts = severity_counts(report.findings)
        kinds = sorted({f.kind for f in report.findings})
        names = display_names(report)
        groups = version_groups(report, context=not self.changed_only)
        aside = version_groups(report, context=not self.changed_only, set_aside=True)
        out = ['<section id="findings">',
               '<h2>Findings by version <span id="shown-count"></span></h2>',
               '<form class="filters" id="filters" onsubmit="return false">'
               '<label>Version: <select id="version-filter"><option value="">all versions</option>']
        out += [f'<option value="{escape(g.card.doc.id)}">{escape(g.card.name)}</option>' for g in groups + aside]
        out.append('</select></label><span>Severity:</span>')
        out += [f'<label class="sev-{sev}"><input type="checkbox" name="severity" value="{sev}" checked> '
                f"{sev} ({counts[sev]})</label>" for sev in SEVERITIES]
        out.append('<label>Kind: <select id="kind-filter"><option value="">all kinds</option>')
        out += [f'<option value="{escape(k)}">{escape(k)}</option>' for k in kinds]
        out.append('</select></label><span class="waivers"><span id="accepted-count">0 accepted</span> '
                   '<label>by <input id="waiver-who" size="10" placeholder="name"></label> '
                   '<label>reason <input id="waiver-reason" size="16" placeholder="why"></label> '
                   '<button type="button" id="export-waivers">Export waivers</button></span></form>'
                   '<textarea id="waiver-text" readonly hidden rows="6" aria-label="waivers file"></textarea>')
        if not report.findings:
            out.append('<p class="empty">No findings.</p>')
        seen: set[str] = set()
        out += self._groups(groups, names, seen)
        if aside:
            out.append('<h2 id="set-aside-findings">Findings on documents set aside</h2>')
            out += self._groups(aside, names, seen)
        out.append("</section>")
        return out

    def _alignment(self, report: Report) -> Iterator[str]:
        """The side-by-side section a line at a time: a folder's pairs are most of its page."""
        yield '<section id="alignment"><h2>Versions side by side</h2>'
        tables = cluster_tables(report)
        if not report.sentences or not any(t.alignments for _, t in tables):
            yield '<p class="empty">This report carries no alignment.</p>'
            yield "</section>"
            return
        pairs = [(cluster, al) for cluster, t in tables for al in t.alignments]
        if len(tables) == 1:
            yield ('<div class="pair-controls"><label>Compare <strong>'
                   f"{escape(tables[0][1].pivot)}</strong> with "
                   '<select id="pair-select">')
            yield from (f'<option value="{i}">{escape(al.b)}</option>' for i, (_, al) in enumerate(pairs))
        else:  # several stories: the picker groups each story's versions under its pivot
            yield ('<div class="pair-controls"><label>Compare a version with its story\'s pivot '
                   '<select id="pair-select">')
            i = 0
            for cluster, t in tables:
                yield f'<optgroup label="Cluster {cluster}: {escape(t.pivot)}">'
                for al in t.alignments:
                    yield f'<option value="{i}">{escape(al.b)}</option>'
                    i += 1
                yield "</optgroup>"
        checked = " checked" if self.changed_only else ""
        yield (f'</select></label><label><input type="checkbox" id="changed-only"{checked}> '
               "changed sentences only</label></div>")
        for i, (cluster, al) in enumerate(pairs):
            story = f"Cluster {cluster}: " if len(tables) > 1 else ""
            yield (f'<div class="pair" data-pair="{i}" data-cluster="{cluster}">'
                   f"<h3>{story}{escape(al.a)} ⟷ {escape(al.b)}</h3>"
                   f'<table class="align"><thead><tr><th></th><th>{escape(al.a)}</th>'
                   f"<th>{escape(al.b)}</th></tr></thead><tbody>")
            for row in pair_rows(report, al):
                kind = "" if row.kind == "1-1" else row.kind
                # findings link here by the version's sentence (by the pivot's in the pair, for a
                # row the version lacks); a row of several sentences answers to each of them
                targets = [] if row.link is None else (
                    [row_anchor(al.b, i) for i in row.link.b] or [row_anchor(al.a, i, al.b) for i in row.link.a])
                anchor = f' id="{escape(targets[0])}"' if targets else ""
                extra = "".join(f'<span id="{escape(t)}"></span>' for t in targets[1:])
                yield (f'<tr{anchor} class="k-{row.kind} {"changed" if row.changed else "same"}">'
                       f'<td class="kind">{extra}{escape(kind)}</td><td>{segments_html(row.left, 0)}</td>'
                       f"<td>{segments_html(row.right, 1)}</td></tr>")
            yield "</tbody></table></div>"
        yield "</section>"

    def render(self, report: Report, *, width: int | None = None, color: bool = False) -> str:
        return "".join(self.render_pieces(report))

    def render_pieces(self, report: Report, *, width: int | None = None, color: bool = False) -> Iterator[str]:
        """The page a part at a time (the side-by-side section a row at a time), lines joined by newlines."""
        for k, part in enumerate(self._parts(report)):
            yield part if k == 0 else "\n" + part
        yield "\n"

    def _parts(self, report: Report) -> Iterator[str]:
        clusters = cluster_count(report)
        counts = severity_counts(report.findings)
        title = "Audit report"
        best = [c for c in cards(report) if c.doc.rank == 1]  # one most faithful version per story
        if len(best) == 1:
            title += f" — {best[0].headline or best[0].name}"
        elif best:
            title += f" — {len(best)} stories"
        yield from [
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
            + f" · {escape(counts_line(report))}</p>",
            '<ul class="counts">'
            + "".join(f'<li class="sev-{s}{"" if n else " zero"}">{n} {s}</li>' for s, n in counts.items())
            + "</ul></header>",
            *self._verdict(report),
            *self._scorecard(report),
            *self._findings(report),
            *self._ranking(report),
        ]
        yield from self._alignment(report)
        yield from [
            f"<footer>{escape(report.tool.name)} {escape(report.tool.version)} · {SCHEMA_ID}"
            + (f" · sacrebleu {escape(report.tool.sacrebleu_signature)}" if report.tool.sacrebleu_signature else "")
            + "</footer>",
            f"<script>\n{_asset('report.js')}</script>",
            "</body></html>",
        ]
