"""The auditor.report/1 JSON: schema validity, exact round trip, determinism, clear version errors."""

from __future__ import annotations

import dataclasses
import importlib.util
import json

import jsonschema
import numpy as np
import pytest

from auditor.errors import InputError
from auditor.model import DocumentResult, Report, ToolInfo
from auditor.report import get_format
from auditor.report.serialize import (
    SCHEMA_ID,
    dumps,
    iter_dumps,
    load_report,
    report_from_dict,
    report_schema,
    report_to_dict,
)


def _builder(path):
    spec = importlib.util.spec_from_file_location("build_report_sample", path.with_name("build_report_sample.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sample_report_is_current(sample_report_path):
    """The saved sample is exactly what the builder makes (regenerate: python tests/data/build_report_sample.py)."""
    built = _builder(sample_report_path).SAMPLE
    assert dumps(built) == sample_report_path.read_text(encoding="utf-8")


def test_sample_validates_against_shipped_schema(sample_report_path):
    data = json.loads(sample_report_path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(report_schema())
    jsonschema.Draft202012Validator(report_schema()).validate(data)
    assert data["schema"] == SCHEMA_ID


def test_json_format_round_trips_byte_for_byte(sample_report, sample_report_path):
    text = get_format("json")().render(sample_report)
    assert text == sample_report_path.read_text(encoding="utf-8")
    again = report_from_dict(json.loads(text))
    assert again.findings == sample_report.findings
    assert again.documents == sample_report.documents
    assert again.alignment == sample_report.alignment
    assert dict(again.sentences) == dict(sample_report.sentences)
    assert dict(again.line_starts) == dict(sample_report.line_starts)


def test_evidence_spans_point_into_the_sentences(sample_report):
    """Offsets are document offsets: the evidence text is the slice of its sentence at those offsets."""
    for f in sample_report.findings:
        for e in f.evidence:
            s = sample_report.sentences[e.document][e.sentence]
            assert s.text[e.start - s.start:e.end - s.start] == e.text


def test_summary_counts_follow_findings(sample_report):
    data = report_to_dict(sample_report)
    assert data["summary"]["findings"] == {"critical": 4, "major": 2, "minor": 1, "info": 1}
    assert data["summary"]["documents"] == 4 and data["summary"]["clusters"] == 1


def test_floats_rounded_and_numpy_values_become_json_numbers(sample_report):
    doc = dataclasses.replace(
        sample_report.documents[0],
        faithfulness=0.123456789,
        breakdown={"chrf": np.float32(71.23456), "coverage": np.float64(float("nan")), "n": np.int64(3)},
    )
    report = dataclasses.replace(sample_report, documents=(doc,) + sample_report.documents[1:])
    data = json.loads(dumps(report))
    assert data["documents"][0]["faithfulness"] == 0.1235
    assert data["documents"][0]["breakdown"] == {"chrf": 71.2346, "coverage": None, "n": 3}


def test_same_report_same_bytes(sample_report):
    rebuilt = report_from_dict(json.loads(dumps(sample_report)))
    assert dumps(rebuilt) == dumps(sample_report)


def test_streamed_json_is_the_whole_documents_bytes_one_item_at_a_time(sample_report):
    """A folder's report is written in pieces (no piece holds two documents, findings or alignment
    links lists); joined, they are ``json.dumps`` of the whole report, empty lists included."""
    whole = json.dumps(report_to_dict(sample_report), ensure_ascii=False, indent=2) + "\n"
    pieces = list(iter_dumps(sample_report))
    assert "".join(pieces) == whole
    n = len(sample_report.documents) + len(sample_report.findings) + len(report_to_dict(sample_report)["alignments"])
    assert len(pieces) > n
    assert max(p.count('"faithfulness"') for p in pieces) == 1
    assert max(p.count('"evidence"') for p in pieces) <= 1
    bare = dataclasses.replace(sample_report, findings=(), set_aside=())
    assert "".join(iter_dumps(bare)) == json.dumps(report_to_dict(bare), ensure_ascii=False, indent=2) + "\n"
    assert '"findings": [],' in "".join(iter_dumps(bare))


def test_json_format_writes_its_pieces(sample_report, tmp_path):
    from auditor.report.emit import write_report

    write_report(sample_report, formats=["json"], output=str(tmp_path / "r.json"))
    assert (tmp_path / "r.json").read_text(encoding="utf-8") == dumps(sample_report)
    assert len(list(get_format("json")().render_pieces(sample_report))) > 3


def test_minimal_report_without_alignment_or_sentences_is_valid():
    report = Report(
        tool=ToolInfo("auditor", "0.1.0", "lexical"),
        documents=(DocumentResult("a", "a.txt", "en", 0, "original", (), 1.0, 1, None),),
        findings=(),
    )
    data = report_to_dict(report)
    jsonschema.validate(data, report_schema())
    assert data["pivot"] is None and data["alignments"] == []
    assert report_from_dict(data) == report


def test_other_schema_version_is_a_clear_input_error(sample_report_path):
    data = json.loads(sample_report_path.read_text(encoding="utf-8"))
    data["schema"] = "auditor.report/2"
    with pytest.raises(InputError) as err:
        report_from_dict(data, where="old.json")
    message = str(err.value)
    assert message.startswith("old.json: ")
    assert "auditor.report/2" in message and "auditor.report/1" in message


def test_not_a_report_and_invalid_fields_name_the_problem(sample_report_path, tmp_path):
    with pytest.raises(InputError, match="not an auditor report"):
        report_from_dict({"documents": []})
    data = json.loads(sample_report_path.read_text(encoding="utf-8"))
    data["documents"][0]["faithfulness"] = 1.5
    with pytest.raises(InputError, match="documents/0/faithfulness"):
        report_from_dict(data)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.json: not JSON \(line 1"):
        load_report(bad)
    with pytest.raises(InputError, match="no such file"):
        load_report(tmp_path / "missing.json")


def test_one_story_report_without_clusters_reads_as_one_table(sample_report, sample_report_path):
    data = json.loads(sample_report_path.read_text(encoding="utf-8"))
    assert data["clusters"] == [{"id": 0, "pivot": "wire-original",
                                 "documents": ["wire-original", "daily-rewrite", "mirror-mt"]}]
    assert {a["cluster"] for a in data["alignments"]} == {0}
    del data["clusters"]
    for a in data["alignments"]:
        del a["cluster"]
    old = report_from_dict(data)
    assert old.alignments == sample_report.alignments and old.alignment == sample_report.alignments[0]


def test_set_aside_entries_round_trip_typed_and_keep_unknown_keys():
    from auditor.model import ClosestMatch, SetAside
    from auditor.report.serialize import set_aside_from_dict, set_aside_to_dict

    item = SetAside("b", reason="related: same subject", relation="related", related_to_cluster=0,
                    closest=ClosestMatch("a", similarity=0.75441, coverage=0.1333, shingle_jaccard=0.0))
    data = set_aside_to_dict(item)
    assert list(data) == ["id", "relation", "reason", "related_to_cluster", "closest"]
    assert data["closest"]["similarity"] == 0.7544  # rounded like every float in a report
    assert set_aside_from_dict(data) == SetAside("b", reason="related: same subject", relation="related",
                                                 related_to_cluster=0, closest=ClosestMatch("a", 0.7544, 0.1333, 0.0))
    # a report from another version: a partial closest match and an unknown key are written back as read
    old = {"id": "c", "reason": "no text", "closest": {"id": "a"}, "similarity": 0.41}
    back = set_aside_from_dict(old)
    assert back.closest is None and back.relation is None and set_aside_to_dict(back) == old
