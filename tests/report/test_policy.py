"""select/ignore by code prefix (ruff semantics) and severity overrides."""

from __future__ import annotations

import pytest

from auditor.errors import UsageError
from auditor.report.policy import (
    apply_policy,
    is_selected,
    override_severity,
    parse_severity_overrides,
    split_codes,
)


@pytest.mark.parametrize(
    ("code", "select", "ignore", "expected"),
    [
        ("N001", (), (), True),                # nothing chosen: every rule
        ("N001", ("N",), (), True),
        ("Q001", ("N",), (), False),
        ("N005", ("N",), ("N005",), False),    # longer ignore beats shorter select
        ("N005", ("N005",), ("N",), True),     # longer select beats shorter ignore
        ("N001", ("N",), ("N",), False),       # tie: ignore wins
        ("G002", ("ALL",), ("G00",), False),
        ("C001", (), ("ALL",), False),
    ],
)
def test_prefix_precedence(code, select, ignore, expected):
    assert is_selected(code, select, ignore) is expected


def test_split_codes_accepts_repeats_and_commas():
    assert split_codes(("n,q001", " G ")) == ("N", "Q001", "G")
    assert split_codes("E") == ("E",)
    assert split_codes(None) == ()


def test_severity_overrides_longest_prefix_wins(sample_report):
    overrides = parse_severity_overrides(["Q=info", "Q002=major"])
    by_code = {f.code: override_severity(f, overrides).severity for f in sample_report.findings}
    assert by_code["Q002"] == "major" and by_code["Q005"] == "info" and by_code["N002"] == "critical"


@pytest.mark.parametrize("bad", ["Q002", "Q002=fatal", "=major", "Z9=info"])
def test_bad_severity_override_is_a_usage_error(bad):
    with pytest.raises(UsageError):
        parse_severity_overrides([bad])


def test_apply_policy_filters_overrides_and_reorders(sample_report):
    out = apply_policy(sample_report, ignore=("O",), severity={"N002": "critical"})
    codes = [f.code for f in out.findings]
    assert "O003" not in codes and "O004" not in codes
    assert codes[:2] == ["Q002", "N002"]  # both critical now, drift order kept within a severity
    ranks = ["critical", "major", "minor", "info"]
    assert [ranks.index(f.severity) for f in out.findings] == sorted(ranks.index(f.severity) for f in out.findings)
