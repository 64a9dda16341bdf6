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
