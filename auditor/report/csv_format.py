"""``--format csv``: one finding per row, for a spreadsheet or a newsroom tracker import.

Evidence can name any number of documents, so per-finding lists are joined into one cell each
(" | " between evidence items, in the same order in ``locations`` and ``texts``).
"""

from __future__ import annotations

import csv
import io

from auditor.model import Report
from auditor.report.base import ReportFormat, line_col
from auditor.rules import RULES_BY_CODE

COLUMNS = ("id", "code", "rule", "kind", "severity", "message", "documents", "locations", "texts")


class CsvFormat(ReportFormat):
    name = "csv"
    extension = ".csv"

    def render(self, report: Report, *, width: int | None = None, color: bool = False) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(COLUMNS)
        for f in report.findings:
            locations = []
            for e in f.evidence:
                pos = line_col(report, e.document, e.start)
                locations.append(f"{e.document}:{pos[0]}:{pos[1]}" if pos else f"{e.document}@{e.start}")
            rule = RULES_BY_CODE.get(f.code)
            writer.writerow([
                f.id, f.code, rule.name if rule else "", f.kind, f.severity, f.message,
                ";".join(f.documents), " | ".join(locations), " | ".join(e.text for e in f.evidence),
            ])
        return buffer.getvalue()
