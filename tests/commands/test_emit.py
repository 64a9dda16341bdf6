"""emit_report: where output goes, which findings survive, and the --fail-on exit code (0/1)."""

from __future__ import annotations

import dataclasses
import io
import json

import pytest

from auditor.commands._report import emit_report
from auditor.errors import ConfigError, InputError, UsageError
from auditor.report import format_for_path, get_format
from auditor.report.serialize import dumps
from tests._logs import logged_lines


def _json(report, **opts):
    out = io.StringIO()
    code = emit_report(report, format="json", stdout=out, **opts)
    return code, json.loads(out.getvalue())


def _codes(data):
    return [f["code"] for f in data["findings"]]


def test_format_from_extension_and_registry():
    assert format_for_path("x/report.html") == "html"
    assert format_for_path("r.MD") == "markdown"
    assert format_for_path("r.sarif.json") == "sarif"
    assert format_for_path("r.json") == "json"
    assert format_for_path("r.xyz") is None
    with pytest.raises(UsageError, match="unknown format 'pdf'"):
        get_format("pdf")


def test_output_file_format_follows_extension(sample_report, tmp_path):
    assert emit_report(sample_report, output=str(tmp_path / "r.sarif")) == 0
    assert json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    emit_report(sample_report, output=str(tmp_path / "r.json"))
    assert (tmp_path / "r.json").read_text(encoding="utf-8") == dumps(sample_report)
    emit_report(sample_report, output=str(tmp_path / "notes.txt"), format="csv")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8").startswith("id,code,rule,")
    with pytest.raises(InputError, match="cannot tell the format"):
        emit_report(sample_report, output=str(tmp_path / "r.xyz"))


def test_output_dir_writes_several_formats(sample_report, tmp_path):
    emit_report(sample_report, output_dir=str(tmp_path / "a"), format="csv,sarif", stem="story")
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["story.csv", "story.sarif"]
    emit_report(sample_report, output_dir=str(tmp_path / "b"), format="json")
    assert (tmp_path / "b" / "report.json").read_text(encoding="utf-8") == dumps(sample_report)
    with pytest.raises(InputError, match="--output-dir"):
        emit_report(sample_report, output=str(tmp_path / "x.json"), format="json,csv")
    with pytest.raises(InputError, match="--output-dir"):
        emit_report(sample_report, format="json,csv", stdout=io.StringIO())
    with pytest.raises(InputError, match="either"):
        emit_report(sample_report, output=str(tmp_path / "x.json"), output_dir=str(tmp_path))


@pytest.mark.parametrize(
    ("opts", "expected"),
    [
        ({}, 0),                                                       # no --fail-on: the audit ran
        ({"fail_on": "critical"}, 1),                                  # Q002, N002, E001, C001 are critical
        ({"fail_on": "critical", "ignore": ["Q002,N,E,C"]}, 0),
        ({"fail_on": "critical", "ignore": ["Q002,N,E"]}, 1),          # an altered quote is critical
        ({"fail_on": "major", "ignore": ["Q002,N,E,C"]}, 1),           # G003, Q005 are major
        ({"fail_on": "major", "ignore": ["Q,N,E", "G", "C"]}, 0),
        ({"fail_on": "major", "ignore": ["N,E,G,C,Q005"], "severity": ["Q002=minor"]}, 0),
        ({"fail_on": "info", "select": ["O004"]}, 1),
        ({"fail_on": "minor", "select": ["O004"]}, 0),
    ],
)
def test_fail_on_exit_codes(sample_report, opts, expected):
    code, _ = _json(sample_report, **opts)
    assert code == expected


def test_min_severity_trims_output_but_not_the_gate(sample_report):
    code, data = _json(sample_report, min_severity="critical", fail_on="major", ignore=["Q002,N,E,C"])
    assert data["findings"] == []
    assert code == 1  # majors remain after select/ignore; --min-severity only hides them


def test_baseline_reports_only_new_findings(sample_report, sample_report_path, tmp_path):
    code, data = _json(sample_report, baseline=str(sample_report_path), fail_on="info")
    assert data["findings"] == [] and code == 0
    # an older report without the Q002 finding: only Q002 is new
    older = dataclasses.replace(sample_report, findings=tuple(f for f in sample_report.findings if f.code != "Q002"))
    path = tmp_path / "older.json"
    path.write_text(dumps(older), encoding="utf-8")
    code, data = _json(sample_report, baseline=str(path), fail_on="critical")
    assert _codes(data) == ["Q002"] and code == 1


def test_names_file_adds_n005_and_select_applies_to_it(sample_report, tmp_path):
    names = tmp_path / "names.toml"
    names.write_text('[people]\n"Ana Kowalczyk" = []\n', encoding="utf-8")
    _, data = _json(sample_report, names=str(names), select=["N005"])
    found = [(f["documents"][0], f["evidence"][0]["text"]) for f in data["findings"]]
    assert found == [("mirror-mt", "Ana Kowalczik"), ("mirror-mt", "Kowalczik")]


def test_unknown_code_prefix_is_refused(sample_report):
    with pytest.raises(UsageError, match="'X1' matches no rule code"):
        _json(sample_report, select=["X1"])


def test_registry_matches_the_format_classes():
    from auditor.report import FORMATS

    for name, (_, _, extension) in FORMATS.items():
        cls = get_format(name)
        assert cls.name == name and cls.extension == extension
        assert format_for_path(f"out{extension}") == name


def _rich(report, **opts):
    out = io.StringIO()
    code = emit_report(report, stdout=out, **opts)
    return code, out.getvalue()


def test_counts_say_what_filters_hid(sample_report, tmp_path):
    _, text = _rich(sample_report, min_severity="critical")
    assert "8 findings, 4 hidden by --min-severity critical (shown: 4 critical)" in text
    older = dataclasses.replace(sample_report, findings=sample_report.findings[:3])
    path = tmp_path / "older.json"
    path.write_text(dumps(older), encoding="utf-8")
    _, text = _rich(sample_report, baseline=str(path), ignore=["O004"])
    flat = " ".join(text.split())
    assert "4 findings: 1 critical, 2 major, 1 minor; 3 suppressed by baseline; 1 left out by --select/--ignore" in flat
    # a version's standing does not change with what the screen shows
    _, hidden = _rich(sample_report, min_severity="critical")
    assert "mirror-mt is not publishable" in hidden and "1 changed qualifier" in hidden


def test_ignore_and_waivers_take_finding_ids(sample_report, tmp_path):
    q002 = next(f.id for f in sample_report.findings if f.code == "Q002")
    c001 = next(f.id for f in sample_report.findings if f.code == "C001")
    _, data = _json(sample_report, ignore=[f"{q002},O"])
    assert "Q002" not in _codes(data) and "O003" not in _codes(data) and "N002" in _codes(data)
    waivers = tmp_path / "waivers.toml"
    waivers.write_text(f'[[waiver]]\nid = "{c001}"\nreason = "agency paraphrase"\nwho = "desk"\n', encoding="utf-8")
    code, data = _json(sample_report, waivers=str(waivers), fail_on="critical", ignore=["N,E,Q"])
    assert [f["id"] for f in data["findings"]] and c001 not in [f["id"] for f in data["findings"]]
    assert code == 0  # the only critical left was waived
    _, text = _rich(sample_report, waivers=str(waivers))
    assert "1 waived" in text


@pytest.mark.parametrize(("content", "reason"), [
    ("[[waiver]\n", "not valid TOML"),
    ('[[waiver]]\nid = "Q002"\n', "must be a finding id"),
    ('waiver = "x"\n', r"expected \[\[waiver\]\] tables"),
])
def test_bad_waivers_file_is_one_line_error(sample_report, tmp_path, content, reason):
    path = tmp_path / "w.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=reason):
        emit_report(sample_report, waivers=str(path), stdout=io.StringIO())
    with pytest.raises(ConfigError, match="not found"):
        emit_report(sample_report, waivers=str(tmp_path / "missing.toml"), stdout=io.StringIO())


def test_color_option_overrides_detection(sample_report, monkeypatch):
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    _, forced = _rich(sample_report, color="always")
    assert "\x1b[" in forced
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, never = _rich(sample_report, color="never")
    assert "\x1b[" not in never and "Kowalcz[-y-]k" in " ".join(never.split())
    _, auto = _rich(sample_report)  # FORCE_COLOR on a pipe: rich's auto colours
    assert "\x1b[" in auto


def test_concise_is_one_line_per_finding_with_a_location(sample_report):
    _, text = _rich(sample_report, format="concise")
    lines = text.splitlines()
    assert len(lines) == len(sample_report.findings) + 1  # + the counts line
    import re

    pattern = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]\d{3}) \[(?P<sev>\w+)\] .+$")
    parsed = [pattern.match(line) for line in lines[:-1]]
    assert all(parsed), lines
    assert [m["sev"] for m in parsed] == sorted((m["sev"] for m in parsed), key=["critical", "major", "minor", "info"].index)
    q002 = next(m for m in parsed if m["code"] == "Q002")
    from auditor.report.base import line_col

    evidence = next(f for f in sample_report.findings if f.code == "Q002").evidence[1]
    assert q002["path"].endswith("mirror-mt.txt")
    assert (int(q002["line"]), int(q002["col"])) == line_col(sample_report, "mirror-mt", evidence.start)


def test_statistics_count_findings_by_code(sample_report):
    _, text = _rich(sample_report, statistics=True)
    rows = [line.split("\t") for line in text.splitlines() if "\t" in line]
    assert sorted(r[1] for r in rows) == sorted(f.code for f in sample_report.findings)
    assert all(r[0].strip() == "1" for r in rows) and "[critical] money-mismatch" in text


def test_written_paths_are_noted(sample_report, tmp_path):
    with logged_lines() as lines:
        emit_report(sample_report, output_dir=str(tmp_path / "out"), format="html,json", stem="story")
    assert f"auditor: wrote {tmp_path / 'out' / 'story.html'}" in lines and f"auditor: wrote {tmp_path / 'out' / 'story.json'}" in lines
    with logged_lines() as lines:
        emit_report(sample_report, output=str(tmp_path / "r.md"))
    assert lines == [f"auditor: wrote {tmp_path / 'r.md'}"]
