"""The whole audit on the fixture and on synthetic clusters built here: ranking, labels, provenance,
set-aside documents, the reference basis and determinism."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.commands._options import load_documents
from auditor.errors import InputError, UsageError
from auditor.pipeline import run_audit
from tests._stories import ORIGINAL, RELATED, UNRELATED, multi_story_folder

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "china-ai-subsidies"


def _by_prefix(report, prefix):
    return next(d for d in report.documents if d.id.startswith(prefix))


@pytest.fixture(scope="module")
def fixture_docs():
    return load_documents([str(FIXTURE)])


@pytest.fixture(scope="module")
def fixture_report(fixture_docs, use_encoder):
    return run_audit(fixture_docs, use_encoder)


def test_fixture_original_first_garbled_copy_last(fixture_report):
    versions = sorted((d for d in fixture_report.documents if d.cluster == 0), key=lambda d: d.rank)
    assert [d.id[:3] for d in versions][0] == "004"
    assert versions[-1].id.startswith("002")
    assert {d.id[:3] for d in versions} == {"002", "003", "004"}
    assert _by_prefix(fixture_report, "004").role == "original"


def test_fixture_garbled_copy_is_machine_translated_and_derives_from_original(fixture_report):
    garbled = _by_prefix(fixture_report, "002")
    assert {"machine-translated", "garbled"} <= set(garbled.labels)
    assert garbled.derived_from is not None and garbled.derived_from.id.startswith("004")
    assert any("adds" in e for e in garbled.derived_from.evidence)
    assert "garbled phrasing" in garbled.breakdown["summary"]


def test_fixture_related_articles_are_set_aside(fixture_report):
    for prefix in ("000", "001"):
        doc = _by_prefix(fixture_report, prefix)
        assert doc.role == "related" and doc.cluster is None and doc.rank is None
    aside = {e.id[:3]: e for e in fixture_report.set_aside}
    assert set(aside) == {"000", "001"}
    assert all(e.relation == "related" and e.related_to_cluster == 0 for e in aside.values())
    assert all(e.closest is not None and e.closest.id[:3] not in aside for e in aside.values())
    # a set-aside document is never compared: its only findings are garble it shows on its own
    aside_findings = [f for f in fixture_report.findings if any(d.startswith(("000", "001")) for d in f.documents)]
    for f in aside_findings:
        assert f.code in {"G001", "G002"} and len(f.documents) == 1
        assert all(e.document == f.documents[0] for e in f.evidence)


def test_fixture_related_machine_translation_gets_its_garble_reported(fixture_report):
    # 000 is an independent article machine-translated to English: its glued tokens are reported
    mt = _by_prefix(fixture_report, "000")
    glued = [f for f in fixture_report.findings if f.documents == (mt.id,) and f.code == "G002"]
    assert glued
    assert all(len(f.evidence) == 1 and f.evidence[0].document == mt.id and " " not in f.evidence[0].text
               for f in glued)


def test_fixture_report_validates_against_schema(fixture_report):
    from auditor.report.serialize import report_to_dict, validate_report_dict

    data = report_to_dict(fixture_report)
    validate_report_dict(data)
    assert data["tool"]["sacrebleu_signature"].startswith("chrF2|")


def test_determinism_same_input_same_json(fixture_docs, use_encoder, fixture_report):
    from auditor.report.serialize import dumps

    again = run_audit(list(reversed(fixture_docs)), use_encoder)
    assert dumps(again) == dumps(fixture_report)


def test_reference_changes_the_scoring_basis(fixture_docs, use_encoder, fixture_report):
    ref_id = _by_prefix(fixture_report, "003").id
    report = run_audit(fixture_docs, use_encoder, reference=ref_id)
    ref = _by_prefix(report, "003")
    assert ref.rank == 1 and ref.faithfulness == 1.0 and "reference" in ref.labels
    assert all(d.breakdown["basis"] == "reference" for d in report.documents if d.cluster == 0 and d.id != ref_id)
    assert _by_prefix(report, "004").faithfulness != _by_prefix(fixture_report, "004").faithfulness


def _write(tmp_path, name, sentences):
    path = tmp_path / f"{name}.txt"
    path.write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
    return path


def test_synthetic_ranking_follows_injected_errors(tmp_path, use_encoder):
    one_error = [s.replace("45 million", "54 million") for s in ORIGINAL]
    many_errors = [
        s.replace("45 million", "54 million").replace("Helena Marsh", "Helena Marsch")
        .replace("600 passengers", "900 passengers").replace("Tomas Weld", "Tomas Veld")
        .replace("Weld said", "Veld said").replace("30 million", "13 million")
        for s in ORIGINAL
    ]
    omissions = [s for i, s in enumerate(ORIGINAL) if i not in (6, 7)]
    for name, sents in [("original", ORIGINAL), ("copy", ORIGINAL), ("one-error", one_error),
                        ("many-errors", many_errors), ("omissions", omissions), ("other-article", RELATED)]:
        _write(tmp_path, name, sents)
    report = run_audit(load_documents([str(tmp_path)]), use_encoder)
    score = {d.id: d.faithfulness for d in report.documents}
    assert score["other-article"] is None  # set aside, not ranked
    assert min(score["original"], score["copy"]) > score["omissions"] > score["many-errors"]
    assert score["one-error"] > score["many-errors"]
    many = next(d for d in report.documents if d.id == "many-errors")
    assert many.breakdown["findings"].get("critical", 0) >= 2
    assert many.derived_from is not None and many.derived_from.id in {"original", "copy", "one-error"}


def test_fewer_than_two_documents_is_an_input_error(tmp_path, use_encoder):
    _write(tmp_path, "only", ORIGINAL)
    with pytest.raises(InputError, match="at least two"):
        run_audit(load_documents([str(tmp_path)]), use_encoder)


def test_unknown_reference_is_a_usage_error(fixture_docs, use_encoder):
    with pytest.raises(UsageError, match="not one of the input documents") as info:
        run_audit(fixture_docs, use_encoder, reference="nope")
    # the library names its parameter; only the CLI spells it as a flag (tests/test_robustness.py)
    assert info.value.option == "reference" and str(info.value).startswith("reference: ")


def test_timings_cover_every_stage(fixture_docs, use_encoder):
    timings: dict[str, float] = {}
    run_audit(fixture_docs, use_encoder, timings=timings)
    assert {"cluster", "align", "extract", "drift", "score"} <= set(timings)
    assert all(v >= 0 for v in timings.values())


def test_two_stories_in_one_folder_each_get_cluster_ranking_and_alignment(tmp_path, use_encoder):
    from auditor.report import get_format
    from auditor.report.serialize import report_from_dict, report_to_dict, validate_report_dict

    harbour = {"h-original": ORIGINAL, "h-copy": [s.replace("45 million", "54 million") for s in ORIGINAL],
               "h-trimmed": [s for i, s in enumerate(ORIGINAL) if i not in (6, 7)]}
    bridge = {"b-original": UNRELATED, "b-copy": [s.replace("four metres", "fourteen metres") for s in UNRELATED],
              "b-trimmed": UNRELATED[:5]}
    for name, sents in {**harbour, **bridge}.items():
        _write(tmp_path, name, sents)
    report = run_audit(load_documents([str(tmp_path)]), use_encoder)

    clusters = {}
    for d in report.documents:
        clusters.setdefault(d.cluster, set()).add(d.id)
    assert sorted(map(sorted, clusters.values())) == [sorted(bridge), sorted(harbour)]
    for members in clusters.values():
        assert sorted(d.rank for d in report.documents if d.id in members) == [1, 2, 3]
    # one alignment table per story: its pivot and every pair stay inside the story
    assert len(report.alignments) == 2 and report.alignment == report.alignments[0]
    for table in report.alignments:
        members = next(m for m in clusters.values() if table.pivot in m)
        assert {al.b for al in table.alignments} == members - {table.pivot}
        assert all(al.a == table.pivot for al in table.alignments)

    data = report_to_dict(report)
    validate_report_dict(data)
    assert len(data["alignments"]) == 4 and [c["id"] for c in data["clusters"]] == [0, 1]
    for c in data["clusters"]:
        assert set(c["documents"]) == clusters[c["id"]] and c["pivot"] in c["documents"]
        pairs = [a["documents"] for a in data["alignments"] if a["cluster"] == c["id"]]
        assert sorted(b for _, b in pairs) == sorted(set(c["documents"]) - {c["pivot"]})
    assert data["pivot"] == data["clusters"][0]["pivot"]
    assert report_from_dict(data).alignments == report.alignments

    # every format's side-by-side view shows every pair of both stories
    pairs = [(t.pivot, al.b) for t in report.alignments for al in t.alignments]
    rich = get_format("rich")(show_alignment=True).render(report, width=160)
    markdown = get_format("markdown")(show_alignment=True).render(report)
    html = get_format("html")().render(report)
    for a, b in pairs:
        assert f"{a}  ⟷  {b}" in rich and f"{a} ⟷ {b}" in markdown and f"{a} ⟷ {b}" in html
    for k, t in enumerate(report.alignments):
        assert f"Cluster {k}: versions aligned to {t.pivot}" in rich
        assert f"Cluster {k}: versions aligned to {t.pivot}" in markdown
        assert f'<optgroup label="Cluster {k}: {t.pivot}">' in html
    assert f"<title>Audit report — {len(report.alignments)} stories</title>" in html


def test_translation_derives_from_the_original_and_copies_from_the_same_language(use_encoder):
    # a hand-written story with a Chinese translation that is checked on fewer facts than the
    # English versions, so its raw score comes out above the English original's
    story = Path(__file__).resolve().parent / "data" / "stories" / "chip-earnings"
    report = run_audit(load_documents([str(story)], glob="*.txt"), use_encoder)
    docs = {d.id: d for d in report.documents}
    assert docs["original"].role == "original" and docs["original"].derived_from is None
    assert docs["chinese"].role == "translation"
    assert docs["chinese"].derived_from is not None and docs["chinese"].derived_from.id == "original"
    # it may tie the best English version, never beat it
    assert docs["chinese"].faithfulness <= docs["original"].faithfulness
    assert docs["chinese"].rank > docs["original"].rank
    for d in ("rewrite", "rewrite_drops", "garbled"):
        parent = docs[d].derived_from
        assert parent is not None and docs[parent.id].language == "en", (d, parent)


def test_streaming_audit_gives_the_in_memory_report_on_a_multi_story_folder(tmp_path, lexical_encoder):
    """The audit command's streaming path (spool, bounded repeated-line pass, cluster by cluster) must
    report exactly what ``load_documents`` + ``run_audit`` report: several stories whose file names
    collide (ids get ~2 suffixes), a JSONL file of records, and a site footer shared by unrelated
    articles (cross-document boilerplate)."""
    from auditor.report import FORMATS, get_format, report_to_dict
    from auditor.stream import run_audit_stream

    multi_story_folder(tmp_path)
    in_memory = run_audit(load_documents([str(tmp_path)]), lexical_encoder)
    streamed = run_audit_stream([str(tmp_path)], lexical_encoder)

    assert report_to_dict(streamed) == report_to_dict(in_memory)
    # the folder's sentences, results, tables and set-aside entries wait on disk, and every format
    # renders the same from them
    assert not isinstance(streamed.sentences, dict) and not isinstance(streamed.line_starts, dict)
    from auditor.spool import SpooledSequence

    for part in ("documents", "alignments", "set_aside"):
        assert isinstance(getattr(streamed, part), SpooledSequence), part
        assert getattr(streamed, part) == getattr(in_memory, part), part
    assert [d.id for d in streamed.documents] == [d.id for d in in_memory.documents]
    for name in FORMATS:
        fmt = get_format(name)(show_alignment=True)
        assert fmt.render(streamed, width=100) == fmt.render(in_memory, width=100), name
    # the folder exercises what the streaming path re-implements
    assert len({d.cluster for d in in_memory.documents if d.cluster is not None}) >= 3
    assert any(d.id.endswith("~2") for d in in_memory.documents)
    flagged = [s for ss in in_memory.sentences.values() for s in ss if s.boilerplate_reason == "repeated-across-documents"]
    assert flagged


def test_streaming_audit_needs_two_documents(tmp_path, lexical_encoder):
    from auditor.stream import run_audit_stream

    (tmp_path / "only.txt").write_text("\n\n".join(ORIGINAL), encoding="utf-8")
    with pytest.raises(InputError, match="at least two"):
        run_audit_stream([str(tmp_path)], lexical_encoder)
