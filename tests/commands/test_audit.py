"""``auditor audit`` through click's CliRunner: formats, atomic -o, --reference by id and by path,
exit codes and one-line errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor._cli import main
from tests._stories import ORIGINAL

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "china-ai-subsidies"


@pytest.fixture(scope="module")
def runner(use_encoder):  # the encoder fixture loads the model once for the session
    return CliRunner()


@pytest.fixture(scope="module")
def fixture_json(runner, tmp_path_factory):
    out = tmp_path_factory.mktemp("audit") / "report.json"
    result = runner.invoke(main, ["audit", str(FIXTURE), "--format", "json", "-o", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    return json.loads(out.read_text(encoding="utf-8"))


def test_json_report_on_fixture(fixture_json):
    from auditor.report.serialize import validate_report_dict

    validate_report_dict(fixture_json)
    docs = {d["id"][:3]: d for d in fixture_json["documents"]}
    assert docs["004"]["rank"] == 1
    ranked = [d for d in fixture_json["documents"] if d["rank"] is not None]
    assert max(ranked, key=lambda d: d["rank"])["id"].startswith("002")
    assert "machine-translated" in docs["002"]["labels"]
    assert docs["002"]["derived_from"]["id"].startswith("004")
    assert docs["001"]["role"] == "related" and docs["001"]["rank"] is None
    assert "timings" not in fixture_json  # run times only with --timings: same audit, same bytes


def test_fail_on_critical_fails_the_garbled_copy(runner):
    """The garbled round trip misspells a name, changes a title and alters quotes: critical harm."""
    result = runner.invoke(main, ["audit", str(FIXTURE), "--format", "json", "--fail-on", "critical", "-q"])
    assert result.exit_code == 1, result.output
    critical = {f["code"] for f in json.loads(result.stdout)["findings"]
                if f["severity"] == "critical" and any(d.startswith("002") for d in f["documents"])}
    assert {"N001", "C001"} <= critical


def test_json_to_stdout_is_identical_on_rerun(runner):
    first = runner.invoke(main, ["audit", str(FIXTURE), "--format", "json", "-q"])
    second = runner.invoke(main, ["audit", str(FIXTURE), "--format", "json", "-q"])
    assert first.exit_code == second.exit_code == 0
    assert first.stdout == second.stdout and first.stdout.startswith("{")


def test_rich_summary_names_ranking(runner):
    result = runner.invoke(main, ["audit", str(FIXTURE), "-q"])
    assert result.exit_code == 0, result.output
    assert "004_9c0a797d7a6c616f" in result.stdout and "related" in result.stdout
    # a live run puts its run time in the terminal header (measured by the command)
    header = " ".join(result.stdout[:result.stdout.index("Ranking")].split())
    assert re.search(r"ran in \d+(\.\d s| min \d\d s)", header), header


def test_reference_by_path_changes_basis(runner, tmp_path, fixture_json):
    ref = FIXTURE / "003_96dadea669c51af7.txt"
    out = tmp_path / "ref.json"
    result = runner.invoke(main, ["audit", str(FIXTURE), "--reference", str(ref), "--format", "json", "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    docs = {d["id"][:3]: d for d in json.loads(out.read_text())["documents"]}
    assert docs["003"]["rank"] == 1 and "reference" in docs["003"]["labels"]
    assert docs["004"]["breakdown"]["basis"] == "reference"
    assert docs["004"]["faithfulness"] != {d["id"][:3]: d for d in fixture_json["documents"]}["004"]["faithfulness"]


def test_one_document_is_a_clear_error(runner, tmp_path):
    (tmp_path / "a.txt").write_text("\n\n".join(ORIGINAL), encoding="utf-8")
    result = runner.invoke(main, ["audit", str(tmp_path)])
    assert result.exit_code == 2
    assert "at least two readable documents" in result.stderr
    assert "Traceback" not in result.output


def test_missing_path_and_unknown_reference_exit_2(runner, tmp_path):
    result = runner.invoke(main, ["audit", str(tmp_path / "missing")])
    assert result.exit_code == 2 and result.stderr.startswith("auditor: error:")
    result = runner.invoke(main, ["audit", str(FIXTURE), "--reference", "no-such-doc", "-q"])
    assert result.exit_code == 2 and "--reference" in result.stderr


def test_output_file_is_written_atomically_and_replaced(runner, tmp_path):
    out = tmp_path / "r.json"
    out.write_text("old", encoding="utf-8")
    result = runner.invoke(main, ["audit", str(FIXTURE), "-o", str(out), "-q"])
    assert result.exit_code == 0
    assert json.loads(out.read_text())["schema"] == "auditor.report/1"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]  # no temporary file left behind


def test_jobs_from_the_command_line_and_the_config_file_reach_the_audit(tmp_path, monkeypatch):
    """``-j N`` (and ``jobs = N`` in the config) set the worker processes; the default is one per CPU (0)."""
    import auditor.stream

    seen: list[object] = []
    real = auditor.stream.run_audit_stream

    def spy(*args, **kwargs):
        seen.append(kwargs.get("jobs"))
        return real(*args, **kwargs)

    monkeypatch.setattr(auditor.stream, "run_audit_stream", spy)
    story = tmp_path / "story"
    story.mkdir()
    for name, text in (("a.txt", ORIGINAL), ("b.txt", ORIGINAL[:-1])):
        (story / name).write_text("\n\n".join(text), encoding="utf-8")
    runner = CliRunner()
    outputs = []
    for extra in ([], ["-j", "1"], ["--jobs", "3"]):
        result = runner.invoke(main, ["audit", "--model", "lexical", "--no-cache", "--format", "json", *extra, str(story)])
        assert result.exit_code == 0, result.output
        outputs.append(result.stdout)
    (tmp_path / "auditor.toml").write_text("jobs = 2\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["audit", "--model", "lexical", "--no-cache", "--format", "json", "story"])
    assert result.exit_code == 0, result.output
    assert seen == [0, 1, 3, 2]
    assert outputs[0] == outputs[1] == outputs[2]
    bad = runner.invoke(main, ["audit", "--model", "lexical", "-j", "-2", str(story)])
    assert bad.exit_code == 2 and "-j" in bad.stderr
