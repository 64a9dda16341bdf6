"""``--format json``: the canonical ``auditor.report/1`` document (see ``serialize``)."""

from __future__ import annotations

from collections.abc import Iterator

from auditor.model import Report
from auditor.report.base import ReportFormat
from auditor.report.serialize import dumps, iter_dumps


class JsonFormat(ReportFormat):
    name = "json"
    extension = ".json"

    def render(self, report: Report, *, width: int | None = None, color: bool = False) -> str:
        return dumps(report)

    def render_pieces(self, report: Report, *, width: int | None = None, color: bool = False) -> Iterator[str]:
        return iter_dumps(report)
