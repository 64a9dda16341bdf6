"""Swaps planted into real news sentences (the human reference translations of WMT21 zh-en in
bench/data/mqm, not templates): a person, a place, an organisation and a number replaced by one that
no list knows. Against the original as ``--reference`` each must be a critical finding on the copy,
with the original's reading as the reference side, and it must cost the copy clearly."""

from __future__ import annotations

import re

import pytest

from bench.mqm.load import load_docs

#: (what is swapped, a pattern whose group 1 is the swapped text in a real sentence, its stand-in:
#: made-up names no gazetteer or lexicon holds, and a number no rounding reaches)
PLANTS = [
    ("person", r"\b(?:said|says) ([A-Z][a-z]+ [A-Z][a-z]+)\b", "Ozren Vukelic"),
    ("place", r"\bin (Beijing|Shanghai|Guangzhou|Shenzhen|Wuhan|Tianjin)\b", "Qarvost"),
    # both cities in the gazetteer: the place rule cannot pair two different places, so the swap
    # must still come through the word diff
    ("known place", r"\bin (Beijing|Shanghai|Guangzhou|Shenzhen|Wuhan|Tianjin)\b", "Chengdu"),
    ("organisation", r"\b(Ministry of Commerce)\b", "Ministry of Tourism"),
    ("number", r"(?<![\w.,-])(\d{2,3}) (?:percent|people|million|yuan)\b", None),
]


def _story(pattern: str) -> tuple[list[str], int, re.Match[str]]:
    """The first reference document of the dev data with a sentence matching ``pattern``: up to six
    of its sentences around the match, the index of the matching one and the match."""
    for doc in load_docs():
        if doc.testset != "newstest2021":
            continue
        for i, seg in enumerate(doc.reference.segments):
            m = re.search(pattern, seg)
            if m:
                lo = max(0, i - 2)
                return list(doc.reference.segments[lo:lo + 6]), i - lo, m
    raise AssertionError(f"no dev sentence matches {pattern}")


def _doc(doc_id: str, paragraphs: list[str]):
    from auditor.model import Document

    return Document(id=doc_id, path=f"{doc_id}.txt", text="\n\n".join(paragraphs),
                    metadata={"encoding": "utf-8", "format": "text"})


@pytest.mark.parametrize("kind,pattern,stand_in", PLANTS, ids=[p[0] for p in PLANTS])
def test_planted_swap_is_a_critical_finding_against_the_reference(kind, pattern, stand_in, use_encoder):
    from auditor.pipeline import run_audit
    from auditor.segment.split import segment_all

    paragraphs, k, m = _story(pattern)
    original = m.group(1)
    swapped = stand_in or str(int(original) + 7)
    copy = list(paragraphs)
    copy[k] = copy[k][: m.start(1)] + swapped + copy[k][m.end(1):]
    report = run_audit(segment_all([_doc("orig", paragraphs), _doc("copy", copy)]), use_encoder, reference="orig")

    hits = [f for f in report.findings
            if f.severity == "critical" and "copy" in f.documents
            and f.evidence and f.evidence[0].document == "orig"
            and any(e.document == "copy" and swapped.split()[-1] in e.text for e in f.evidence)]
    assert hits, [(f.code, f.message) for f in report.findings]
    # the reference side shows the original reading
    assert any(w in hits[0].evidence[0].text for w in original.split()), hits[0].evidence
    faith = {d.id: d.faithfulness for d in report.documents}
    assert faith["orig"] == 1.0 and faith["copy"] <= 0.95, faith
