"""``--format concise``: one finding per line, ``path:line:col: CODE message`` (ruff's concise output).

For an editor's scripts (grep, sort, a quickfix list in an editor): the location is where the finding
sits in the deviating version, the message names versions by their file names, nothing wraps and
nothing is coloured. Findings are ordered most harmful first, then by file and position.
"""

from __future__ import annotations

from pathlib import PurePath

from auditor.model import SEVERITY_RANK, Finding, Report
from auditor.report.base import ReportFormat, document_paths, line_col
from auditor.report.editorial import counts_line, display_names, with_names
from auditor.report.wording import readable_message


def _location(f: Finding, report: Report, paths: dict[str, str]) -> tuple[str, int, int]:
    """(path, line, col) of the finding in the first version it names (its own evidence when it has
    some, else the reference side's: an omission points at what went missing)."""
    doc = f.documents[0] if f.documents else (f.evidence[0].document if f.evidence else "")
    evidence = next((e for e in f.evidence if e.document == doc), f.evidence[0] if f.evidence else None)
    if evidence is None:
        return paths.get(doc) or doc, 1, 1
    where = line_col(report, evidence.document, evidence.start)
    line, col = where if where else (1, evidence.start + 1)
    return paths.get(evidence.document) or evidence.document, line, col


class ConciseFormat(ReportFormat):
    name = "concise"
    extension = ".concise.txt"

    def render(self, report: Report, *, width: int | None = None, color: bool = False) -> str:
        paths = document_paths(report)
        names = {doc: PurePath(path).name if path else name
                 for doc, name in display_names(report).items() for path in [paths.get(doc, "")]}
        rows = []
        for f in report.findings:
            path, line, col = _location(f, report, paths)
            message = " ".join(with_names(readable_message(f.message), names).split())
            rows.append(((SEVERITY_RANK[f.severity], path, line, col, f.code),
                         f"{path}:{line}:{col}: {f.code} [{f.severity}] {message}"))
        rows.sort(key=lambda r: r[0])
        return "\n".join([text for _, text in rows] + [counts_line(report)]) + "\n"


__all__ = ["ConciseFormat"]
