"""Configuration: found by walking up from the inputs, fed to click's default_map; CLI > file > defaults."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from auditor.commands._config import ConfiguredCommand, find_config
from auditor.commands._log import cli_logging
from auditor.commands._report import emit_report, report_options
from auditor.errors import AuditorError


def _command(report):
    """A stand-in for `auditor audit`: input paths, an audit option, the report options."""

    @click.command(cls=ConfiguredCommand)
    @click.argument("paths", nargs=-1)
    @click.option("--model", default="use-m")
    @click.option("--min-similarity", type=float, default=0.3)
    @report_options
    def cmd(paths, model, min_similarity, **opts):
        click.echo(f"model={model} min_similarity={min_similarity} names={opts['names']}", err=True)
        try:
            code = emit_report(report, **opts)
        except AuditorError as exc:
            click.echo(f"auditor: error: {exc}", err=True)
            code = 2
        raise SystemExit(code)

    return cmd


def _run(report, args):
    with cli_logging():  # what the auditor group installs around every command
        return CliRunner().invoke(_command(report), args)


@pytest.fixture()
def project(tmp_path):
    """repo/ (a git root) with articles/story/ inside; config files are written by each test."""
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "articles" / "story").mkdir(parents=True)
    (root / "articles" / "story" / "a.txt").write_text("x", encoding="utf-8")
    return root


def test_defaults_without_a_config_file(sample_report, project):
    result = _run(sample_report, [str(project / "articles" / "story"), "--format", "json"])
    assert result.exit_code == 0
    assert "model=use-m min_similarity=0.3" in result.stderr


def test_file_settings_apply_when_the_cli_is_silent(sample_report, project):
    (project / "auditor.toml").write_text('fail-on = "major"\nmodel = "minilm"\n'
                                          "[thresholds]\nmin-similarity = 0.5\n", encoding="utf-8")
    result = _run(sample_report, [str(project / "articles" / "story" / "a.txt"), "--format", "json"])
    assert "model=minilm min_similarity=0.5" in result.stderr
    assert result.exit_code == 1  # the sample has major findings


def test_cli_beats_file(sample_report, project):
    (project / "auditor.toml").write_text('fail-on = "major"\nmodel = "minilm"\n', encoding="utf-8")
    # with the CLI's --fail-on critical and the critical rules (Q002, N, E, C) ignored, nothing fails
    # (the file's fail-on = "major" would have failed on the remaining majors).
    result = _run(sample_report, [str(project / "articles"), "--fail-on", "critical", "--ignore", "Q002,N,E,C",
                                  "--model", "lexical", "--format", "json"])
    assert "model=lexical" in result.stderr
    assert result.exit_code == 0


def test_pyproject_tool_table_found_walking_up_and_relative_paths(sample_report, project):
    (project / "pyproject.toml").write_text(
        '[tool.auditor]\nnames = "house/names.toml"\nignore = ["E", "G", "C"]\nfail-on = "major"\n'
        '[tool.auditor.severity]\nQ002 = "minor"\nQ005 = "minor"\nN002 = "minor"\n', encoding="utf-8")
    (project / "house").mkdir()
    (project / "house" / "names.toml").write_text('[people]\n"Ana Kowalczyk" = []\n', encoding="utf-8")
    # A nearer pyproject.toml without [tool.auditor] does not stop the search.
    (project / "articles" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    result = _run(sample_report, [str(project / "articles" / "story"), "--format", "json"])
    assert f"names={project / 'house' / 'names.toml'}" in result.stderr
    # Q002, Q005 and N002 lowered to minor and E/G/C ignored: no finding at major or above remains
    assert result.exit_code == 0
    assert '"code": "N005"' in result.stdout  # the names file was applied


def test_auditor_toml_wins_over_pyproject_in_the_same_folder(project):
    (project / "pyproject.toml").write_text("[tool.auditor]\n", encoding="utf-8")
    (project / "auditor.toml").write_text("", encoding="utf-8")
    assert find_config([project / "articles" / "story"]) == project / "auditor.toml"


def test_search_stops_at_the_repository_root(tmp_path, project):
    (tmp_path / "auditor.toml").write_text('fail-on = "info"\n', encoding="utf-8")
    assert find_config([project / "articles"]) is None
    assert find_config([tmp_path]) == tmp_path / "auditor.toml"


def test_explicit_config_option(sample_report, project, tmp_path):
    other = tmp_path / "strict.toml"
    other.write_text('fail-on = "info"\n', encoding="utf-8")
    (project / "auditor.toml").write_text('fail-on = "critical"\nignore = ["Q002", "N", "E", "C"]\n', encoding="utf-8")
    assert _run(sample_report, [str(project / "articles"), "--format", "json"]).exit_code == 0
    result = _run(sample_report, [str(project / "articles"), "--format", "json", "--config", str(other)])
    assert result.exit_code == 1


def test_unknown_setting_warns_and_is_ignored(sample_report, project):
    (project / "auditor.toml").write_text('fial-on = "major"\n', encoding="utf-8")
    result = _run(sample_report, [str(project / "articles"), "--format", "json"])
    assert result.exit_code == 0
    assert "unknown setting 'fial-on'" in result.stderr


def test_unknown_threshold_warns_and_is_ignored(sample_report, project):
    # min-similarity is an option of the stand-in command; min-simlarity is not, so it must not vanish silently
    (project / "auditor.toml").write_text("[thresholds]\nmin-similarity = 0.5\nmin-simlarity = 0.9\n",
                                          encoding="utf-8")
    result = _run(sample_report, [str(project / "articles"), "--format", "json"])
    assert "min_similarity=0.5" in result.stderr
    assert "unknown threshold 'min-simlarity'" in result.stderr


def test_bad_config_is_one_line_exit_2_through_the_real_cli(sample_report_path, project):
    import shutil

    from auditor._cli import main

    shutil.copy(sample_report_path, project / "articles" / "report.json")
    (project / "auditor.toml").write_text('fail-on = "major\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(project / "articles" / "report.json")])
    assert result.exit_code == 2
    assert "auditor.toml: invalid TOML" in result.stderr and "Traceback" not in result.stderr
    (project / "auditor.toml").write_text('fail-on = "major"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(project / "articles" / "report.json"), "--format", "csv"])
    assert result.exit_code == 1  # the config file next to the saved report applies to render too


@pytest.mark.parametrize(
    ("setting", "key", "expected"),
    [
        ("no-cache = 1", "no-cache", "true or false"),
        ("show-alignment = {}", "show-alignment", "true or false"),
        ("format = 7", "format", "a string"),
        ("id-field = []", "id-field", "a string"),
        ('fail-on = "catastrophic"', "fail-on", "one of"),
        ("model = 3", "model", "a string"),
        ("quiet = \"yes\"", "quiet", "true or false"),
    ],
)
def test_mistyped_setting_is_one_line_error_naming_the_key(project, setting, key, expected):
    """These crashed with AttributeError (no-cache, show-alignment) or were silently accepted
    (format = 7 became "7", id-field = [] a list); now: exit 2, one line, the key named."""
    from auditor._cli import main

    (project / "pyproject.toml").write_text(f"[tool.auditor]\n{setting}\n", encoding="utf-8")
    story = project / "articles" / "story"
    (story / "b.txt").write_text("y", encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", "--model", "lexical", str(story)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "internal error" not in lines[0], lines
    assert lines[0].startswith(f"auditor: error: {project / 'pyproject.toml'}: {key} must be {expected}"), lines[0]


def test_well_typed_settings_still_apply(sample_report, project):
    (project / "auditor.toml").write_text(
        'min-severity = "MAJOR"\nshow-alignment = true\n[thresholds]\nmin-similarity = 1\n', encoding="utf-8"
    )
    result = _run(sample_report, [str(project / "articles" / "story")])
    assert result.exit_code == 0, result.output
    assert "min_similarity=1.0" in result.stderr


def test_threshold_of_the_wrong_type_names_the_table_key(sample_report, project):
    (project / "auditor.toml").write_text('[thresholds]\nmin-similarity = "high"\n', encoding="utf-8")
    result = _run(sample_report, [str(project / "articles" / "story")])
    assert result.exit_code != 0
    assert "thresholds.min-similarity must be a number, not 'high'" in str(result.exception) + result.output


def test_waivers_path_is_relative_to_the_config_file(sample_report, project):
    """``waivers = "house/waivers.toml"`` names a file next to the config, whatever the working folder."""
    waived = sample_report.findings[0].id
    (project / "auditor.toml").write_text('waivers = "house/waivers.toml"\n', encoding="utf-8")
    (project / "house").mkdir()
    (project / "house" / "waivers.toml").write_text(
        f'[[waiver]]\nid = "{waived}"\nreason = "checked"\nwho = "desk"\n', encoding="utf-8")
    result = _run(sample_report, [str(project / "articles" / "story"), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert f'"id": "{waived}"' not in result.stdout
    assert f'"id": "{sample_report.findings[1].id}"' in result.stdout  # only the waived one went
