"""`auditor rules`: every rule with code, kind, default severity, description and example."""

from __future__ import annotations

import json

from click.testing import CliRunner

from auditor._cli import main
from auditor.rules import RULES


def test_json_lists_every_rule_with_all_fields():
    result = CliRunner().invoke(main, ["rules", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [r["code"] for r in data] == [r.code for r in RULES]
    for item, rule in zip(data, RULES):
        assert item == {"code": rule.code, "name": rule.name, "kind": rule.kind, "severity": rule.severity,
                        "description": rule.description, "example": rule.example}


def test_prefix_filter_and_terminal_table():
    result = CliRunner().invoke(main, ["rules", "Q00", "c"])
    assert result.exit_code == 0
    shown = {r.code for r in RULES if r.code in result.stdout}
    assert shown == {r.code for r in RULES if r.code.startswith(("Q", "C"))}
    assert "money-mismatch" in result.stdout and "€3.2 million" in result.stdout


def test_markdown_table_has_a_row_per_rule():
    result = CliRunner().invoke(main, ["rules", "--format", "markdown"])
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    assert len(rows) == 1 + len(RULES)  # header + rules (separator starts with "|---")


def test_unknown_prefix_exit_2():
    result = CliRunner().invoke(main, ["rules", "X"])
    assert result.exit_code == 2 and "'X' matches no rule code" in result.stderr


def test_default_severities_follow_editorial_harm():
    """Published falsehoods (names, titles, quotes, numbers, dates, places) are critical; a dropped named
    fact is major; garble that keeps the meaning is minor; structure is info."""
    by_code = {r.code: r.severity for r in RULES}
    for code in ("N001", "N002", "N003", "E001", "E003", "Q001", "Q002", "Q003", "Q004", "C001", "C002"):
        assert by_code[code] == "critical", code
    for code in ("O001", "C003", "G003"):
        assert by_code[code] == "major", code
    for code in ("G001", "G002", "O003"):
        assert by_code[code] == "minor", code
    assert by_code["O004"] == by_code["O005"] == "info"


def test_rules_prints_the_harm_policy_before_the_table():
    from auditor.rules import SEVERITY_MEANING

    for fmt in ("rich", "markdown"):
        out = CliRunner().invoke(main, ["rules", "--format", fmt]).stdout
        flat = " ".join(out.split())
        assert "Severities follow editorial harm" in flat
        assert flat.index("critical publishes something false" if fmt == "rich" else "**critical**") < flat.index("N001")
        assert " ".join(SEVERITY_MEANING["major"].split()[:6]) in flat
