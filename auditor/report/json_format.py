"""``--format json``: the canonical ``auditor.report/1`` document (see ``serialize``)."""

from __future__ import annotations

from auditor.model import Report
from auditor.report.base import ReportFormat
from auditor.report.serialize import dumps


class JsonFormat(ReportFormat):
    name = "json"
    extension = ".json"

    def render(self, report: Report, *, width: int | None = None, color: bool = False) -> str:
        return dumps(report)
