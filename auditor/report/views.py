"""What the human-facing formats show, computed once: evidence diffs and aligned sentence pairs.

Rich, Markdown and HTML differ only in markup; deciding which text sits on which side, what is
highlighted and which aligned rows an ``--changed-only`` view hides lives here, so the three agree.
"""

from __future__ import annotations

from typing import NamedTuple

from auditor.model import Alignment, Evidence, Finding, Link, Report, Sentence
from auditor.report.base import severity_counts
from auditor.report.highlight import Segment, context_segments, diff_segments, merge, plain

#: Finding kinds whose single piece of evidence is text the version added (shown as new, not dropped)
ADDED_KINDS = frozenset({"addition"})
#: Finding kinds where the first evidence is what went missing and the others are the sentences it
#: is missing from: a word diff of a name against a whole sentence would mark everything, so the
#: missing part is marked and the other versions are shown as they are.
OMISSION_KINDS = frozenset({"omission"})


def sentence_of(report: Report, document: str, index: int) -> Sentence | None:
    sentences = report.sentences.get(document, ())
    if 0 <= index < len(sentences) and sentences[index].index == index:
        return sentences[index]
    return next((s for s in sentences if s.index == index), None)


def _in_context(report: Report, e: Evidence, segments: list[Segment]) -> list[Segment]:
    s = sentence_of(report, e.document, e.sentence)
    if s is None or not (s.start <= e.start <= e.end <= s.end):
        return segments
    return context_segments(s.text, e.start - s.start, e.end - s.start, segments)


def evidence_rows(f: Finding, report: Report, *, context: bool = True) -> list[tuple[str, int, list[Segment]]]:
    """(document, side, segments) per evidence: side 0 is the first evidence (the version compared
    against), side 1 the others, each diffed against the first; with ``context`` the span is shown
    inside its sentence."""
    if not f.evidence:
        return []
    place = (lambda e, segs: _in_context(report, e, segs)) if context else (lambda e, segs: segs)
    if len(f.evidence) == 1:
        e = f.evidence[0]
        side = 1 if f.kind in ADDED_KINDS else 0
        return [(e.document, side, place(e, plain(e.text, changed=True)))]
    base = f.evidence[0]
    if f.kind in OMISSION_KINDS:
        # further evidence from the version compared against is more of what went missing (a run
        # of omitted sentences); evidence from the other versions shows where it is missing from
        return [(base.document, 0, place(base, plain(base.text, changed=True)))] + [
            (e.document, 0, place(e, plain(e.text, changed=True))) if e.document == base.document
            else (e.document, 1, place(e, plain(e.text))) for e in f.evidence[1:]]
    rows = []
    base_segments = None
    for e in f.evidence[1:]:
        left, right = diff_segments(base.text, e.text)
        if base_segments is None:
            base_segments = left
        rows.append((e.document, 1, place(e, right)))
    return [(base.document, 0, place(base, base_segments))] + rows


def finding_counts_line(report: Report) -> str:
    counts = severity_counts(report.findings)
    detail = ", ".join(f"{n} {sev}" for sev, n in counts.items() if n)
    return f"{len(report.findings)}" + (f": {detail}" if detail else "")


class PairRow(NamedTuple):
    kind: str
    left: list[Segment]
    right: list[Segment]
    changed: bool
    #: the alignment link the row shows (lets a finding point at its row)
    link: Link | None = None


def _joined(report: Report, document: str, indexes: tuple[int, ...]) -> str:
    parts = [s.text for i in indexes if (s := sentence_of(report, document, i)) is not None]
    return " ".join(parts)


def pair_rows(report: Report, alignment: Alignment, *, changed_only: bool = False) -> list[PairRow]:
    """Rows of one pivot/version alignment with word differences marked; boilerplate-only rows are
    skipped (never compared), and with ``changed_only`` identical rows too."""
    rows = []
    for link in alignment.links:
        sents = [sentence_of(report, alignment.a, i) for i in link.a] + \
                [sentence_of(report, alignment.b, i) for i in link.b]
        if sents and all(s is not None and s.boilerplate for s in sents):
            continue
        a_text, b_text = _joined(report, alignment.a, link.a), _joined(report, alignment.b, link.b)
        if link.a and link.b:
            left, right = diff_segments(a_text, b_text)
        else:
            left, right = plain(a_text, changed=True), plain(b_text, changed=True)
        changed = any(s.changed for s in left + right) or link.kind == "moved"
        if changed_only and not changed:
            continue
        rows.append(PairRow(link.kind, merge(left), merge(right), changed, link))
    return rows
