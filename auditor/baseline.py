"""Baselines: report only findings that an earlier report did not already have.

A finding is recognised across runs by a fingerprint of what an editor would call "the same problem":
the rule, the documents and the evidence words — not the finding id or the character offsets, which
shift as soon as a sentence is added above. Matching is by count, so a problem that appears twice now
and once in the baseline is still reported once.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from auditor.model import Finding, Report

_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


def fingerprint(finding: Finding) -> str:
    """Stable identity of a finding across re-runs and edits elsewhere in the article (hex digest)."""
    parts = [finding.code, ",".join(sorted(finding.documents))]
    parts += sorted(f"{e.document}:{_norm(e.text)}" for e in finding.evidence)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def baseline_fingerprints(report: Report) -> Counter[str]:
    return Counter(fingerprint(f) for f in report.findings)


def load_baseline(path: str | Path) -> Counter[str]:
    """Fingerprints of a saved ``auditor.report/1`` JSON (errors are one-line InputErrors)."""
    from auditor.report.serialize import load_report

    return baseline_fingerprints(load_report(path))


def new_findings(findings: Iterable[Finding], baseline: Counter[str]) -> tuple[Finding, ...]:
    """The findings not already in ``baseline``, in their original order."""
    remaining = Counter(baseline)
    kept = []
    for f in findings:
        key = fingerprint(f)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            kept.append(f)
    return tuple(kept)
