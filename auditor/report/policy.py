"""Which findings a run reports, and at what severity: select/ignore, severity overrides, baseline.

Applied once, before any format renders and before ``--fail-on`` looks, so every output of one run and
its exit code agree. Code prefixes work like ruff's: ``N`` is every name rule, ``Q00`` the quantity
rules; when a code matches prefixes given to both --select and --ignore the longer (more specific) prefix
decides, and on a tie ignore wins.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import cast

from auditor.errors import UsageError
from auditor.model import SEVERITIES, SEVERITY_RANK, Finding, Report, Severity
from auditor.rules import RULES

ALL = "ALL"


def split_codes(values: Iterable[str] | str | None) -> tuple[str, ...]:
    """``("N,Q001", "G")`` -> ``("N", "Q001", "G")``: options may repeat and hold comma lists."""
    if values is None:
        return ()
    if isinstance(values, str):
        values = [values]
    out = []
    for value in values:
        out += [part.strip().upper() for part in str(value).split(",") if part.strip()]
    return tuple(out)


def check_prefixes(prefixes: Sequence[str], option: str) -> None:
    """A prefix matching no rule is a typo that would silently select nothing: refuse it. ``option``
    is the parameter the prefixes came from ("select", "ignore")."""
    for prefix in prefixes:
        if prefix != ALL and not any(r.code.startswith(prefix) for r in RULES):
            raise UsageError(None, f"{prefix!r} matches no rule code (see `auditor rules`)", option=option)


def is_selected(code: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    """ruff-style decision for one code; an empty ``select`` means every rule."""
    def best(prefixes: Sequence[str]) -> int:
        lengths = [0 if p == ALL else len(p) for p in prefixes if p == ALL or code.startswith(p)]
        return max(lengths, default=-1)

    chosen = best(select) if select else 0
    ignored = best(ignore)
    return chosen >= 0 and chosen > ignored


def parse_severity_overrides(values: Iterable[str] | None) -> dict[str, str]:
    """``["G002=info", "Q=major"]`` -> ``{"G002": "info", "Q": "major"}`` (validated)."""
    out: dict[str, str] = {}
    for value in values or ():
        code, sep, level = str(value).partition("=")
        code, level = code.strip().upper(), level.strip().lower()
        if not sep or not code:
            raise UsageError(None, f"{value!r} is not CODE=LEVEL", option="severity")
        if level not in SEVERITIES:
            raise UsageError(None, f"{value!r}: level must be one of {', '.join(SEVERITIES)}", option="severity")
        check_prefixes([code], "severity")
        out[code] = level
    return out


def override_severity(finding: Finding, overrides: dict[str, str]) -> Finding:
    """The finding at the severity of the longest matching override prefix (unchanged if none)."""
    matches = [p for p in overrides if p == ALL or finding.code.startswith(p)]
    if not matches:
        return finding
    level = overrides[max(matches, key=lambda p: 0 if p == ALL else len(p))]
    return finding if level == finding.severity else dataclasses.replace(finding, severity=cast(Severity, level))


def at_or_above(findings: Iterable[Finding], level: str) -> list[Finding]:
    """Findings of ``level`` or more severe."""
    limit = SEVERITY_RANK[level]
    return [f for f in findings if SEVERITY_RANK[f.severity] <= limit]


def apply_policy(
    report: Report,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    severity: dict[str, str] | None = None,
    extra: Sequence[Finding] = (),
    baseline: Counter[str] | None = None,
    waived: Iterable[str] = (),
) -> Report:
    """The report as this run sees it: ``extra`` findings added (name authority), severities
    overridden, unselected codes dropped, findings already in ``baseline`` (a fingerprint Counter)
    dropped, ``waived`` finding ids dropped, and the rest ordered by severity (stable, so the drift
    stage's position order stays). ``Report.filtered`` counts what each step took out, so the
    report can say so."""
    findings = [override_severity(f, severity or {}) for f in (*report.findings, *extra)]
    before = len(findings)
    findings = [f for f in findings if is_selected(f.code, select, ignore)]
    filtered: dict[str, int] = {"ignored": before - len(findings)}
    waived = set(waived)
    if waived:
        before = len(findings)
        findings = [f for f in findings if f.id not in waived]
        filtered["waived"] = before - len(findings)
    if baseline is not None:
        from auditor.baseline import new_findings

        before = len(findings)
        findings = list(new_findings(findings, baseline))
        filtered["baseline"] = before - len(findings)
    findings.sort(key=lambda f: SEVERITY_RANK[f.severity])
    counts = {k: v for k, v in filtered.items() if v}
    return dataclasses.replace(report, findings=tuple(findings), filtered={**report.filtered, **counts})
