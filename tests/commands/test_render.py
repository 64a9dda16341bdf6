"""`auditor render REPORT.json`: every format from one saved report, exit codes, version errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from auditor._cli import main
from auditor.report import FORMATS


def _render(*args, **kwargs):
    return CliRunner().invoke(main, ["render", *map(str, args)], **kwargs)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_renders_from_the_saved_json(sample_report, sample_report_path, fmt):
    result = _render(sample_report_path, "--format", fmt)
    assert result.exit_code == 0, result.output
    out = result.stdout
    first = sample_report.findings[0]
    if fmt in ("json", "sarif"):
        data = json.loads(out)
        assert (data["findings"][0]["id"] if fmt == "json" else data["runs"][0]["results"][0]["ruleId"]) in (
            first.id, first.code)
    else:
        assert first.code in out and "mirror-mt" in out


def test_json_render_is_byte_identical(sample_report_path):
    assert _render(sample_report_path, "--format", "json").stdout == sample_report_path.read_text(encoding="utf-8")


def test_stdin_and_output_dir_named_after_the_report(sample_report_path, tmp_path):
    result = _render("-", "--output-dir", tmp_path, input=sample_report_path.read_text(encoding="utf-8"))
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "report.json", "report.md"]
    saved = tmp_path / "story.json"
    saved.write_text(sample_report_path.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert _render(saved, "--output-dir", out, "--format", "sarif").exit_code == 0
    assert [p.name for p in out.iterdir()] == ["story.sarif"]


def test_fail_on_gates_with_exit_1(sample_report_path):
    assert _render(sample_report_path, "--format", "csv", "--fail-on", "critical").exit_code == 1
    assert _render(sample_report_path, "--format", "csv", "--fail-on", "critical", "--ignore", "Q,N,E,C").exit_code == 0


def test_other_schema_version_is_one_line_exit_2(sample_report_path, tmp_path):
    data = json.loads(sample_report_path.read_text(encoding="utf-8"))
    data["schema"] = "auditor.report/2"
    path = tmp_path / "future.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    result = _render(path)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"auditor: error: {path}: report schema 'auditor.report/2' is not supported")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.json"], "missing.json: no such file"),
        (["{report}", "--format", "pdf"], "unknown format 'pdf'"),
        (["{report}", "-o", "{tmp}/x.docx"], "cannot tell the format"),
        (["{report}", "--select", "Z"], "'Z' matches no rule code"),
        (["{report}", "--severity", "Q002=urgent"], "level must be one of"),
    ],
)
def test_usage_errors_exit_2(sample_report_path, tmp_path, args, message):
    args = [a.format(report=sample_report_path, tmp=tmp_path) for a in args]
    result = CliRunner().invoke(main, ["render", *args])
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_run_time_shown_only_when_the_saved_report_carries_it(sample_report_path, tmp_path):
    assert "ran in" not in _render(sample_report_path).stdout  # saved without --timings: no run time
    data = json.loads(sample_report_path.read_text(encoding="utf-8"))
    data["timings"] = {"total": 7.5}
    timed = tmp_path / "timed.json"
    timed.write_text(json.dumps(data), encoding="utf-8")
    assert "ran in 7.5 s" in " ".join(_render(timed).stdout.split())
    assert "timings" not in json.loads(_render(timed, "--format", "json").stdout)
    assert json.loads(_render(timed, "--format", "json", "--timings").stdout)["timings"] == {"total": 7.5}


def test_render_honours_waivers_together_with_a_baseline(sample_report, tmp_path):
    """An older report as baseline plus a waivers file: only findings new since the baseline and not
    waived remain, and the terminal counts say how many each took out."""
    import dataclasses

    from auditor.report.serialize import dumps

    older = dataclasses.replace(sample_report, findings=sample_report.findings[:2])
    baseline = tmp_path / "older.json"
    baseline.write_text(dumps(older), encoding="utf-8")
    saved = tmp_path / "report.json"
    saved.write_text(dumps(sample_report), encoding="utf-8")
    waived = sample_report.findings[2]
    waivers = tmp_path / "waivers.toml"
    waivers.write_text(f'[[waiver]]\nid = "{waived.id}"\nreason = "checked"\nwho = "desk"\n', encoding="utf-8")
    result = _render(saved, "--baseline", baseline, "--waivers", waivers, "--format", "json")
    assert result.exit_code == 0, result.output
    left = [f["id"] for f in json.loads(result.stdout)["findings"]]
    assert left == [f.id for f in sample_report.findings[3:]]
    text = _render(saved, "--baseline", baseline, "--waivers", waivers, "--color", "never").stdout
    flat = " ".join(text.split())
    assert "2 suppressed by baseline; 1 waived" in flat
