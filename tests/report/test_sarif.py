"""SARIF 2.1.0: the fields GitHub code scanning reads, regions computed from evidence spans."""

from __future__ import annotations

import dataclasses
import json

from auditor.model import Evidence, Finding, line_starts
from auditor.report import get_format
from auditor.report.sarif import _uri
from auditor.rules import RULES


def _sarif(report):
    return json.loads(get_format("sarif")().render(report))


def test_top_level_and_driver_rules(sample_report):
    sarif = _sarif(sample_report)
    assert sarif["version"] == "2.1.0"
    assert sarif["$schema"].endswith("sarif-2.1.0.json")
    run = sarif["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["name"] == "auditor" and driver["version"] == "0.1.0"
    assert [r["id"] for r in driver["rules"]] == [r.code for r in RULES]
    for rule in driver["rules"]:
        assert rule["name"] and rule["shortDescription"]["text"] and rule["help"]["text"]
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    assert run["columnKind"] == "unicodeCodePoints"


def test_results_carry_rule_level_message_and_location(sample_report):
    run = _sarif(sample_report)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert len(results) == len(sample_report.findings)
    for result, finding in zip(results, sample_report.findings):
        assert result["ruleId"] == finding.code
        assert rules[result["ruleIndex"]]["id"] == finding.code
        assert result["level"] == {"critical": "error", "major": "error", "minor": "warning", "info": "note"}[
            finding.severity]
        assert result["message"]["text"] == finding.message
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert result["partialFingerprints"]["auditorFinding/v1"]


def test_primary_location_is_the_deviant_version(sample_report):
    result = next(r for r in _sarif(sample_report)["runs"][0]["results"] if r["ruleId"] == "Q002")
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "articles/mirror-mt.txt"
    # mirror-mt: headline on line 1, body on line 3; "The Port of Valdora has obtained " is 33 characters
    assert location["region"]["startLine"] == 3
    assert location["region"]["startColumn"] == 34
    assert location["region"]["endColumn"] == 34 + len("€84 million")
    assert location["region"]["snippet"]["text"] == "€84 million"
    related = result["relatedLocations"][0]["physicalLocation"]
    assert related["artifactLocation"]["uri"] == "articles/wire-original.txt"
    assert related["region"]["startLine"] == 5


def test_columns_count_code_points_after_wide_characters(sample_report):
    text = "标题\n瓦尔多拉港 Kowalczik 说"
    start = text.index("Kowalczik")
    f = Finding("N005-x", "N005", "name", "minor", "house spelling", ("zh",),
                (Evidence("zh", 1, start, start + 9, "Kowalczik"),))
    report = dataclasses.replace(
        sample_report, findings=(f,), line_starts={"zh": line_starts(text)},
        documents=sample_report.documents + (dataclasses.replace(sample_report.documents[0], id="zh", path="zh.txt"),),
    )
    region = _sarif(report)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endColumn"]) == (2, 7, 16)


def test_fingerprint_ignores_severity_override_and_offsets(sample_report):
    base = _sarif(sample_report)["runs"][0]["results"][0]["partialFingerprints"]
    f = sample_report.findings[0]
    moved = dataclasses.replace(f, severity="info", evidence=tuple(
        dataclasses.replace(e, start=e.start + 40, end=e.end + 40) for e in f.evidence))
    again = _sarif(dataclasses.replace(sample_report, findings=(moved,)))["runs"][0]["results"][0]
    assert again["partialFingerprints"] == base
    assert again["level"] == "note"


def test_uris_are_repository_relative_or_file_uris():
    assert _uri("./articles/a b.txt") == "articles/a%20b.txt"
    assert _uri("/srv/news/x.txt") == "file:///srv/news/x.txt"
    assert _uri("news\\x.txt") == "news/x.txt"


def test_regions_land_on_the_evidence_in_the_article_files():
    """On the bundled fixture's example report, every region slices its snippet out of the file itself."""
    import unicodedata
    from pathlib import Path

    from auditor.report.serialize import load_report

    root = Path(__file__).resolve().parents[2]
    report = load_report(root / "reports" / "china-ai-subsidies.json")
    results = _sarif(report)["runs"][0]["results"]
    assert results
    for result in results:
        for loc in result["locations"] + result.get("relatedLocations", []):
            physical = loc["physicalLocation"]
            region = physical["region"]
            text = unicodedata.normalize("NFC", (root / physical["artifactLocation"]["uri"]).read_text(encoding="utf-8"))
            lines = text.split("\n")
            start = sum(len(line) + 1 for line in lines[:region["startLine"] - 1]) + region["startColumn"] - 1
            end = sum(len(line) + 1 for line in lines[:region["endLine"] - 1]) + region["endColumn"] - 1
            assert text[start:end] == region["snippet"]["text"]
