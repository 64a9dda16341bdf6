"""Structural facts of the committed MQM dev subset (bench/data/mqm), read through the bench loader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.mqm.load import DATA, Doc, load_docs

SYSTEMS = ["Borderline", "DIDI-NLP", "Facebook-AI", "IIE-MT", "MiSS", "NiuTrans", "Online-W", "SMU"]


@pytest.fixture(scope="module")
def docs() -> list[Doc]:
    return load_docs()


def test_data_is_small_enough_to_commit() -> None:
    total = sum(p.stat().st_size for p in DATA.parent.iterdir() if p.is_file())
    assert total <= 20_000_000


def test_counts_per_testset_and_split(docs: list[Doc]) -> None:
    nt = [d for d in docs if d.testset == "newstest2021"]
    ted = [d for d in docs if d.testset == "ted"]
    assert len(nt) == 32 and len(ted) == 5
    assert sum(len(d.seg_ids) for d in nt) == 650  # every MQM-rated newstest2021 segment
    assert sum(len(d.seg_ids) for d in ted) == 529
    assert [d.split for d in nt] == ["fit", "test"] * 16  # alternate by sorted document id
    assert {d.split for d in ted} == {"heldout"}
    assert [d.doc_id for d in nt] == sorted(d.doc_id for d in nt)
    for d in docs:
        assert [s.name for s in d.systems] == SYSTEMS


def test_segments_line_up_across_versions(docs: list[Doc]) -> None:
    for d in docs:
        n = len(d.seg_ids)
        assert len(d.source) == len(d.reference.segments) == len(d.reference.mqm) == n
        assert d.seg_ids == tuple(range(d.seg_ids[0], d.seg_ids[0] + n))  # contiguous
        for s in d.systems:
            assert len(s.segments) == len(s.mqm) == n
            assert s.spans is None or len(s.spans) == n
        # every document has MQM ratings, and MQM is an error score (0 best, negative worse)
        assert any(m is not None for s in d.systems for m in s.mqm)
        assert all(m <= 0 for s in d.systems for m in s.mqm if m is not None)


def test_segments_are_stored_as_the_auditor_reads_them(docs: list[Doc]) -> None:
    """Clean segments (NFC, no outer whitespace, no newlines) keep offsets stable when a version is
    joined one segment per paragraph and ingested."""
    import unicodedata

    for d in docs:
        for s in (*d.systems, d.reference):
            for seg in s.segments:
                assert seg == seg.strip() and "\n" not in seg and unicodedata.is_normalized("NFC", seg)


def test_spans_land_inside_their_segments(docs: list[Doc]) -> None:
    n_spans = 0
    for d in docs:
        for s in d.systems:
            if d.testset == "newstest2021":
                assert s.spans is None
                continue
            for seg, spans in zip(s.segments, s.spans):
                for sp in spans:
                    if sp.start is None:
                        assert sp.end is None
                        continue
                    assert 0 <= sp.start <= sp.end <= len(seg)
                    n_spans += 1
    assert n_spans == 2790  # error rows of the 8 kept systems that mark a span in the target


@pytest.mark.parametrize(
    ("system", "seg_id", "text", "category", "severity"),
    [
        # rows of ted/zhen/mqm_ted_zhen.tsv, the <v>..</v> marked text copied from the file
        ("NiuTrans", 139, "each with a mass 10 times that of the Sun", "Accuracy/Mistranslation", "Major"),
        ("NiuTrans", 147, "It took nearly 30 years before and after to solve this problem",
         "Accuracy/Mistranslation", "Major"),
        ("Borderline", 84, "take a moment", "Style/Awkward", "Major"),
        ("Borderline", 84, "so far", "Style/Awkward", "Major"),
    ],
)
def test_span_text_equals_the_marked_tsv_span(docs, system, seg_id, text, category, severity) -> None:
    d = next(d for d in docs if d.testset == "ted" and seg_id in d.seg_ids)
    k = d.seg_ids.index(seg_id)
    out = d.system(system)
    hits = [sp for sp in out.spans[k] if out.segments[k][sp.start:sp.end] == text]
    assert hits and (hits[0].category, hits[0].severity) == (category, severity)


def test_sources_file_records_commits_and_skips() -> None:
    info = json.loads((Path(DATA).parent / "SOURCES.json").read_text(encoding="utf-8"))
    assert len(info["google/wmt-mqm-human-evaluation"]["commit"]) == 40
    assert len(info["wmt-conference/wmt21-news-systems"]["commit"]) == 40
    assert info["checks"]["newstest2021"]["systems_skipped_no_output"] == [f"metricsystem{i}" for i in range(1, 6)]
    assert not any("generalMT2023" in f for f in info["google/wmt-mqm-human-evaluation"]["files"])
