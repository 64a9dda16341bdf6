"""Findings grouped for an editor: by version, most harmful version first, then by sentence pair, all
findings on one pair shown once over one piece of evidence with every change marked."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.model import SEVERITY_RANK, DocumentResult, Finding, Report
from auditor.report.editorial import Card, all_findings, cards, display_names, findings_by_document, status_of
from auditor.report.highlight import Segment, merge
from auditor.report.views import evidence_rows


@dataclass(frozen=True)
class PairGroup:
    """All findings on one sentence pair of one version: shown once, with every code."""

    findings: tuple[Finding, ...]
    rows: list[tuple[str, int, list[Segment]]]

    @property
    def severity(self) -> str:
        return min((f.severity for f in self.findings), key=lambda s: SEVERITY_RANK[s])

    @property
    def codes(self) -> list[str]:
        return list(dict.fromkeys(f.code for f in self.findings))


@dataclass(frozen=True)
class VersionGroup:
    """One version's findings: its card (status, rollup) and its sentence pairs, most harmful first."""

    card: Card
    pairs: tuple[PairGroup, ...]


def _pair_key(f: Finding, doc: str) -> tuple[str, int, int, bool]:
    base = f.evidence[0] if f.evidence else None
    mine = next((e for e in f.evidence[1:] if e.document == doc), None)
    return (base.document if base else "", base.sentence if base else -1, mine.sentence if mine else -1,
            len(f.evidence) > 2 and f.kind == "omission")


def _rows_for(f: Finding, report: Report, doc: str, context: bool) -> list[tuple[str, int, list[Segment]]]:
    """The finding's evidence for one version: the side compared against, then this version's own."""
    rows = evidence_rows(f, report, context=context)
    if not rows:
        return rows
    base = rows[0][0]
    return [r for i, r in enumerate(rows) if i == 0 or r[0] in (doc, base)]


def _union(
    report: Report, rows_list: list[list[tuple[str, int, list[Segment]]]]
) -> list[tuple[str, int, list[Segment]]] | None:
    """Several findings' rows on the same sentences merged into one set of rows with every change
    marked; None when their texts differ (then each is shown as it is)."""
    first = rows_list[0]
    if any(len(r) != len(first) or [x[0] for x in r] != [x[0] for x in first] for r in rows_list):
        return None
    merged = []
    for i, (doc, side, segs) in enumerate(first):
        text = "".join(s.text for s in segs)
        mask = [False] * len(text)
        for rows in rows_list:
            segments = rows[i][2]
            if "".join(s.text for s in segments) != text:
                return None
            pos = 0
            for s in segments:
                if s.changed:
                    for j in range(pos, pos + len(s.text)):
                        mask[j] = True
                pos += len(s.text)
        out: list[Segment] = []
        for ch, changed in zip(text, mask):
            out.append(Segment(ch, changed))
        merged.append((doc, side, merge(out)))
    return merged


def _unlisted_cards(report: Report) -> list[Card]:
    """Cards for documents findings name but the report does not list (a hand-built or filtered
    report): their findings are still shown, never dropped."""
    listed = {d.id for d in report.documents}
    names = display_names(report)
    by_doc = findings_by_document(all_findings(report))
    out = []
    for doc in dict.fromkeys(d for f in report.findings for d in f.documents if d not in listed):
        mine = tuple(by_doc.get(doc, ()))
        stub = DocumentResult(doc, "", "und", None, "unlisted", (), None, None, None)
        out.append(Card(stub, names.get(doc, doc), doc, "", "", "", "", status_of(mine),
                        "a version not in the ranking", mine))
    return out


def version_groups(report: Report, *, context: bool = True, set_aside: bool = False) -> list[VersionGroup]:
    """Findings by version (most harmful version first), then by sentence pair (most harmful pair
    first, then text order); documents set aside only with ``set_aside`` (with them, documents the
    report does not list at all)."""
    shown = findings_by_document(report.findings)
    groups = []
    for card in cards(report, set_aside=set_aside) + (_unlisted_cards(report) if not set_aside else []):
        doc = card.doc.id
        by_pair: dict[tuple[str, int, int, bool], list[Finding]] = {}
        for f in shown.get(doc, ()):
            by_pair.setdefault(_pair_key(f, doc), []).append(f)
        pairs = []
        for key, fs in by_pair.items():
            fs.sort(key=lambda f: (SEVERITY_RANK[f.severity], f.code))
            rows_list = [_rows_for(f, report, doc, context) for f in fs]
            rows = (_union(report, rows_list) if len(fs) > 1 else None) or rows_list[0]
            pairs.append((key, PairGroup(tuple(fs), rows)))
        pairs.sort(key=lambda kp: (SEVERITY_RANK[kp[1].severity], kp[0][1], kp[0][2]))
        if pairs:
            groups.append(VersionGroup(card, tuple(p for _, p in pairs)))
    groups.sort(key=lambda g: (SEVERITY_RANK[g.pairs[0].severity], -g.card.counts["critical"],
                               g.card.doc.rank or 1 << 30))
    return groups
