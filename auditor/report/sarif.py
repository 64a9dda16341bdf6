"""``--format sarif``: SARIF 2.1.0, so a repository of articles shows findings in code-scanning tools.

What GitHub code scanning reads: ``runs[].tool.driver`` (name, version, rules with id, name, short and
full description, help, default level), and per result ``ruleId``/``ruleIndex``, ``level``,
``message.text``, ``locations[0].physicalLocation`` with an ``artifactLocation.uri`` relative to the
repository and a ``region`` (``startLine`` is required there), plus ``partialFingerprints`` to track a
result across commits. Regions come from the evidence spans; columns count code points
(``columnKind``), as the auditor's offsets are. The primary location is the evidence in a document
the finding is about; the other versions' evidence goes to ``relatedLocations``.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from auditor.baseline import fingerprint
from auditor.model import Evidence, Finding, Report
from auditor.report.base import ReportFormat, document_paths, line_col
from auditor.rules import RULES

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"critical": "error", "major": "error", "minor": "warning", "info": "note"}
#: GitHub sorts and filters alerts by this 0-10 score; mapped from the editorial severity.
RANKS = {"critical": 90.0, "major": 70.0, "minor": 40.0, "info": 10.0}


def _uri(path: str) -> str:
    """A repository-relative URI for relative paths (what code scanning matches against files)."""
    if PureWindowsPath(path).is_absolute() and not path.startswith("/"):
        return PureWindowsPath(path).as_uri()
    if path.startswith("/"):
        return PurePosixPath(path).as_uri()
    rel = path.replace("\\", "/")
    while rel.startswith("./"):
        rel = rel[2:]
    return quote(rel)


def _region(report: Report, e: Evidence) -> dict[str, Any]:
    region: dict[str, Any] = {}
    start, end = line_col(report, e.document, e.start), line_col(report, e.document, e.end)
    if start and end:
        region.update(startLine=start[0], startColumn=start[1], endLine=end[0], endColumn=end[1])
    region.update(charOffset=e.start, charLength=e.end - e.start, snippet={"text": e.text})
    return region


def _location(report: Report, paths: dict[str, str], e: Evidence, message: str | None = None) -> dict[str, Any]:
    loc: dict[str, Any] = {"physicalLocation": {
        "artifactLocation": {"uri": _uri(paths.get(e.document, e.document))},
        "region": _region(report, e),
    }}
    if message:
        loc["message"] = {"text": message}
    return loc


def _primary(f: Finding) -> int:
    """Index of the evidence shown as the alert: the first in a document the finding is about."""
    for i, e in enumerate(f.evidence):
        if e.document in f.documents:
            return i
    return 0


class SarifFormat(ReportFormat):
    name = "sarif"
    extension = ".sarif"

    def render(self, report: Report, *, width: int | None = None, color: bool = False) -> str:
        rule_index = {r.code: i for i, r in enumerate(RULES)}
        paths = document_paths(report)
        results = []
        for f in report.findings:
            result: dict[str, Any] = {
                "ruleId": f.code,
                "level": LEVELS[f.severity],
                "message": {"text": f.message},
                "partialFingerprints": {"auditorFinding/v1": fingerprint(f)},
                "properties": {"severity": f.severity, "kind": f.kind, "documents": list(f.documents),
                               "findingId": f.id},
            }
            if f.code in rule_index:
                result["ruleIndex"] = rule_index[f.code]
            if f.evidence:
                main = _primary(f)
                result["locations"] = [_location(report, paths, f.evidence[main])]
                related = [
                    _location(report, paths, e, f"{e.document}: {e.text}") | {"id": i}
                    for i, e in enumerate(f.evidence) if i != main
                ]
                if related:
                    result["relatedLocations"] = related
            results.append(result)
        sarif = {
            "$schema": SARIF_SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {
                    "name": report.tool.name,
                    "version": report.tool.version,
                    "semanticVersion": report.tool.version,
                    "rules": [
                        {
                            "id": r.code,
                            "name": r.name,
                            "shortDescription": {"text": r.description},
                            "fullDescription": {"text": f"{r.description} Example: {r.example}"},
                            "help": {"text": f"{r.description}\nExample: {r.example}",
                                     "markdown": f"{r.description}\n\nExample: `{r.example}`"},
                            "defaultConfiguration": {"level": LEVELS[r.severity], "rank": RANKS[r.severity]},
                            "properties": {"tags": ["editorial", r.kind], "severity": r.severity},
                        }
                        for r in RULES
                    ],
                }},
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {"model": report.tool.model,
                               "sacrebleuSignature": report.tool.sacrebleu_signature},
            }],
        }
        return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"
