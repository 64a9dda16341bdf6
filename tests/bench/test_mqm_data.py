"""Structural facts of the committed MQM dev subset (bench/data/mqm), read through the bench loader."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.mqm.load import DATA, DATA_ENDE, Doc, load_docs

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


def _spans_inside_segments(docs: list[Doc]) -> int:
    """How many target spans the documents hold, asserting each lands inside its segment (news has
    no spans; an error marked without a span has neither end)."""
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
    return n_spans


def test_spans_land_inside_their_segments(docs: list[Doc]) -> None:
    # error rows of the 8 kept systems that mark a span in the target
    assert _spans_inside_segments(docs) == 2790


def _assert_marked_span(docs: list[Doc], system: str, seg_id: int, text: str, category: str, severity: str) -> None:
    """The TED segment ``seg_id`` of ``system`` holds a span over ``text`` with that category and severity."""
    d = next(d for d in docs if d.testset == "ted" and seg_id in d.seg_ids)
    k = d.seg_ids.index(seg_id)
    out = d.system(system)
    hits = [sp for sp in out.spans[k] if out.segments[k][sp.start:sp.end] == text]
    assert hits and (hits[0].category, hits[0].severity) == (category, severity)


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
    _assert_marked_span(docs, system, seg_id, text, category, severity)


def test_sources_file_records_commits_and_skips() -> None:
    info = json.loads((Path(DATA).parent / "SOURCES.json").read_text(encoding="utf-8"))
    assert len(info["google/wmt-mqm-human-evaluation"]["commit"]) == 40
    assert len(info["wmt-conference/wmt21-news-systems"]["commit"]) == 40
    assert info["checks"]["newstest2021"]["systems_skipped_no_output"] == [f"metricsystem{i}" for i in range(1, 6)]
    assert not any("generalMT2023" in f for f in info["google/wmt-mqm-human-evaluation"]["files"])


# --------------------------------------------------------------------------- en-de (mqm_ende.jsonl)

SYSTEMS_ENDE = ["Facebook-AI", "HuaweiTSC", "Nemo", "Online-W", "UEdin", "VolcTrans-AT", "VolcTrans-GLAT",
                "eTranslation"]


@pytest.fixture(scope="module")
def docs_ende() -> list[Doc]:
    return load_docs(DATA_ENDE)


def test_ende_is_small_enough_to_commit() -> None:
    assert DATA_ENDE.stat().st_size <= 5_000_000


def test_ende_counts_per_testset_and_split(docs_ende: list[Doc]) -> None:
    nt = [d for d in docs_ende if d.testset == "newstest2021"]
    ted = [d for d in docs_ende if d.testset == "ted"]
    assert len(nt) == 17 and len(ted) == 5
    assert sum(len(d.seg_ids) for d in nt) == 527  # every MQM-rated newstest2021 en-de segment
    assert sum(len(d.seg_ids) for d in ted) == 529
    assert [d.split for d in nt] == ["fit", "test"] * 8 + ["fit"]
    assert {d.split for d in ted} == {"heldout"}
    assert all(d.doc_id.startswith("nt21-ende-") for d in nt)
    for d in docs_ende:
        assert [s.name for s in d.systems] == SYSTEMS_ENDE


def test_ende_segments_line_up_and_are_clean(docs_ende: list[Doc]) -> None:
    import unicodedata

    for d in docs_ende:
        n = len(d.seg_ids)
        assert len(d.source) == len(d.reference.segments) == len(d.reference.mqm) == n
        assert d.seg_ids == tuple(range(d.seg_ids[0], d.seg_ids[0] + n))
        for s in (*d.systems, d.reference):
            assert len(s.segments) == len(s.mqm) == n
            assert s.spans is None or len(s.spans) == n
            for seg in s.segments:
                assert seg == seg.strip() and "\n" not in seg and unicodedata.is_normalized("NFC", seg)
        assert all(m <= 0 for s in d.systems for m in s.mqm if m is not None)
    # the sources are English and the targets German (not the zh-en data under another name)
    ted1 = next(d for d in docs_ende if d.doc_id == "talk.1")
    assert ted1.source[0].startswith("I want to ask you all")
    assert ted1.system("Nemo").segments[0].startswith("Ich möchte")


def test_ende_spans_land_inside_their_segments(docs_ende: list[Doc]) -> None:
    assert _spans_inside_segments(docs_ende) == 2385


@pytest.mark.parametrize(
    ("system", "seg_id", "text", "category", "severity"),
    [
        # rows of ted/ende/mqm_ted_ende.tsv; "Nemo" is WMT21's NVIDIA-NeMo (the name map)
        ("Nemo", 3, "Die Sonne verbrennt unser peripheres Sehen", "Accuracy/Mistranslation", "Major"),
        ("UEdin", 6, "diesen atemberaubenden Stummfilm des Universums sammeln", "Accuracy/Mistranslation", "Major"),
        ("HuaweiTSC", 1, "euch", "Fluency/Register", "Major"),
    ],
)
def test_ende_span_text_equals_the_marked_tsv_span(docs_ende, system, seg_id, text, category, severity) -> None:
    _assert_marked_span(docs_ende, system, seg_id, text, category, severity)


def test_ende_sources_file_records_the_checked_name_map() -> None:
    info = json.loads((DATA_ENDE.parent / "SOURCES_ende.json").read_text(encoding="utf-8"))
    checks = info["checks"]
    assert checks["name_map"] == {"Nemo": "NVIDIA-NeMo"}
    match = checks["ted_tsv_targets_vs_every_wmt21_output"]
    # every kept system's TED text is its own WMT21 output (the name map included), nothing else comes close
    for name in SYSTEMS_ENDE:
        wmt = checks["name_map"].get(name, name)
        assert match[name]["best_wmt21_output"] == wmt and match[name]["equal"] >= 0.99 * match[name]["of"]
    assert match["ref"]["best_wmt21_output"] == "ref.A"
    # the anonymous metric systems are no WMT21 output (best agreement well short of a match)
    assert all(match[f"metricsystem{i}"]["equal"] < 0.9 * match[f"metricsystem{i}"]["of"] for i in range(1, 6))
    assert checks["newstest2021"]["humans_skipped"] == ["ref-B", "ref-C", "ref-D"]
    assert not any("generalMT2023" in f for f in info["google/wmt-mqm-human-evaluation"]["files"])


_MIRRORS = (Path("/work/.mirror/google+wmt-mqm-human-evaluation/repo"),
            Path("/work/.mirror/wmt-conference+wmt21-news-systems/repo"))


@pytest.mark.skipif(not all(p.exists() for p in _MIRRORS), reason="the source repositories are not on this machine")
@pytest.mark.parametrize(("pair", "files"), [("zhen", ("mqm.jsonl", "SOURCES.json")),
                                             ("ende", ("mqm_ende.jsonl", "SOURCES_ende.json"))])
def test_build_reproduces_the_committed_files(tmp_path, pair, files, capsys) -> None:
    from bench.mqm.build import main

    assert main(["--pair", pair, "--mqm-repo", str(_MIRRORS[0]), "--wmt21-repo", str(_MIRRORS[1]),
                 "--out", str(tmp_path)]) == 0
    for name in files:
        assert (tmp_path / name).read_bytes() == (DATA.parent / name).read_bytes(), name
