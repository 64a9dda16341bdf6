"""Baselines report only new findings; identity survives offset shifts and id changes."""

from __future__ import annotations

import dataclasses
import json
from collections import Counter

import pytest

from auditor.baseline import fingerprint, load_baseline, new_findings
from auditor.errors import InputError


def _shifted(f, by=25):
    return dataclasses.replace(f, id=f.id + "-x", evidence=tuple(
        dataclasses.replace(e, start=e.start + by, end=e.end + by, sentence=e.sentence + 1) for e in f.evidence))


def test_fingerprint_ignores_ids_offsets_spacing_and_case(sample_report):
    f = sample_report.findings[0]
    assert fingerprint(_shifted(f)) == fingerprint(f)
    respaced = dataclasses.replace(f, evidence=tuple(
        dataclasses.replace(e, text=" " + e.text.upper().replace(" ", "  ")) for e in f.evidence))
    assert fingerprint(respaced) == fingerprint(f)


def test_fingerprint_changes_with_what_the_problem_is(sample_report):
    f = sample_report.findings[0]
    other_text = dataclasses.replace(f, evidence=(dataclasses.replace(f.evidence[1], text="€85 million"),)
                                     + f.evidence[:1])
    assert fingerprint(other_text) != fingerprint(f)
    assert fingerprint(dataclasses.replace(f, code="Q001")) != fingerprint(f)
    assert fingerprint(dataclasses.replace(f, documents=("daily-rewrite",))) != fingerprint(f)


def test_new_findings_subtracts_by_count(sample_report):
    f, g = sample_report.findings[:2]
    baseline = Counter([fingerprint(f)])
    assert new_findings([f, _shifted(f), g], baseline) == (_shifted(f), g)
    assert new_findings([f, g], Counter()) == (f, g)


def test_load_baseline_reads_a_saved_report(sample_report, sample_report_path, tmp_path):
    counts = load_baseline(sample_report_path)
    assert sum(counts.values()) == len(sample_report.findings)
    assert new_findings(sample_report.findings, counts) == ()
    old = json.loads(sample_report_path.read_text(encoding="utf-8"))
    old["schema"] = "auditor.report/0"
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old), encoding="utf-8")
    with pytest.raises(InputError, match="auditor.report/0"):
        load_baseline(path)
