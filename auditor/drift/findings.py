"""Finding construction: drafts from the comparators become stable, deduplicated, ordered Findings.

Comparators emit ``Draft`` objects carrying a *dedup key* that names the underlying difference
(e.g. rule + canonical form + variant form). Drafts with the same key are one finding — the same
misspelt name in three sentences, or in two versions that share the variant, is reported once with
all its evidence, never once per sentence or per version pair.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from auditor.model import SEVERITY_RANK, Evidence, Finding, Severity
from auditor.rules import rule

#: one-line messages: a quoted side longer than this is cut with an ellipsis (the full text is in
#: the evidence; editors scan messages, they do not read paragraphs in them)
MAX_QUOTED = 90


def q(text: str, limit: int = MAX_QUOTED) -> str:
    """Quote a text for a one-line message: whitespace collapsed, long texts shortened."""
    t = re.sub(r"\s+", " ", text).strip()
    if len(t) > limit:
        t = t[: limit - 1].rstrip() + "…"
    return f'"{t}"'


def doc_list(docs: Sequence[str]) -> str:
    return ", ".join(docs)


@dataclass
class Draft:
    """A finding before dedup: ``documents`` are the versions that deviate; ``evidence`` starts with
    the reference side (the majority/pivot reading) and then shows each deviating version."""

    code: str
    message: str
    documents: tuple[str, ...]
    evidence: list[Evidence]
    key: tuple[object, ...]
    severity: Severity | None = None
    kind: str | None = None
    sort_hint: tuple[object, ...] = field(default_factory=tuple)


def evidence_for(doc: str, sentence: int, start: int, end: int, text: str) -> Evidence:
    return Evidence(document=doc, sentence=sentence, start=start, end=end, text=text)


def finding_id(code: str, documents: Sequence[str], evidence: Sequence[Evidence]) -> str:
    """Short stable hash of code + documents + evidence: the same difference gets the same id on
    every run, so editors can suppress or discuss a finding by id."""
    h = hashlib.sha1()
    h.update(code.encode())
    for d in documents:
        h.update(b"\x1f" + d.encode())
    for e in evidence:
        h.update(f"\x1e{e.document}\x1f{e.sentence}\x1f{e.start}\x1f{e.end}\x1f{e.text}".encode())
    return f"{code}-{h.hexdigest()[:10]}"


def merge(drafts: Iterable[Draft]) -> list[Draft]:
    """One draft per key: documents and evidence are unioned in first-seen order."""
    merged: dict[tuple[str, tuple[object, ...]], Draft] = {}
    for d in drafts:
        key = (d.code, d.key)
        if key not in merged:
            merged[key] = Draft(d.code, d.message, tuple(d.documents), list(d.evidence), d.key,
                                d.severity, d.kind, d.sort_hint)
            continue
        m = merged[key]
        m.documents = tuple(dict.fromkeys(m.documents + tuple(d.documents)))
        seen = set(m.evidence)
        for e in d.evidence:
            if e not in seen:
                seen.add(e)
                m.evidence.append(e)
    return list(merged.values())


def finalise(drafts: Iterable[Draft], doc_rank: dict[str, int]) -> list[Finding]:
    """Merge, build Findings with stable ids, and order by severity, then document, then position."""
    out: list[tuple[tuple[int, int, str, tuple[int, int], str, str], Finding]] = []
    for d in merge(drafts):
        r = rule(d.code)
        severity: Severity = d.severity or r.severity
        docs = tuple(sorted(set(d.documents), key=lambda x: (doc_rank.get(x, 1 << 30), x)))
        evidence = tuple(d.evidence)
        fid = finding_id(d.code, docs, evidence)
        finding = Finding(id=fid, code=d.code, kind=d.kind or r.kind, severity=severity,
                          message=d.message, documents=docs, evidence=evidence)
        first_doc = docs[0] if docs else ""
        own = [e for e in evidence if e.document == first_doc] or list(evidence)
        pos = min(((e.sentence, e.start) for e in own), default=(0, 0))
        sort_key = (SEVERITY_RANK[severity], doc_rank.get(first_doc, 1 << 30), first_doc, pos, d.code, fid)
        out.append((sort_key, finding))
    out.sort(key=lambda x: x[0])
    return [f for _, f in out]
