"""The one interface every report format implements (pip-audit's formats / ruff's emitters in spirit).

A format is a small class: a name for ``--format``, a file extension for ``-o``/``--output-dir``, and
``render(report) -> str``. Formats are pure: they never filter findings or write files; ``emit`` does
that once for all of them, so select/ignore/baseline mean the same thing in every output.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from typing import ClassVar

from auditor.model import SEVERITIES, AlignmentTable, Finding, Report

#: Terminal styles per severity (rich style strings), shared by the report and ``auditor rules``.
SEVERITY_STYLE = {"critical": "bold white on red", "major": "bold red", "minor": "yellow", "info": "cyan"}


class ReportFormat:
    """Base class of report formats. View options are constructor arguments, render is pure."""

    name: ClassVar[str]
    extension: ClassVar[str]

    def __init__(self, *, changed_only: bool = False, show_alignment: bool = False) -> None:
        #: show only what differs: unchanged words of long evidence are elided, identical aligned rows hidden
        self.changed_only = changed_only
        #: add the full side-by-side alignment of every version against the pivot
        self.show_alignment = show_alignment

    def render(self, report: Report, *, width: int | None = None, color: bool = False) -> str:
        """The whole report as text (``width`` and ``color`` matter only to terminal output)."""
        raise NotImplementedError

    def render_pieces(self, report: Report, *, width: int | None = None, color: bool = False) -> Iterator[str]:
        """The report's text in pieces that join to ``render``'s, for writing as they come: a format
        that can build its text a part at a time overrides this, so a folder's report is written
        without the whole text (or the data behind it) in memory."""
        yield self.render(report, width=width, color=color)


def line_col(report: Report, document: str, offset: int) -> tuple[int, int] | None:
    """1-based line and column (in code points) of ``offset`` in a document, when the report has its
    line starts; None otherwise (formats then fall back to character offsets)."""
    starts = report.line_starts.get(document)
    if not starts:
        return None
    line = bisect.bisect_right(starts, offset)  # starts[0] == 0, so line >= 1
    return line, offset - starts[line - 1] + 1


def document_paths(report: Report) -> dict[str, str]:
    """doc id -> path as the audit recorded it."""
    return {d.id: d.path for d in report.documents}


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Findings per severity, every severity present (zeros included) in severity order."""
    counts: dict[str, int] = {s: 0 for s in SEVERITIES}
    for f in findings:
        counts[f.severity] += 1
    return counts


def cluster_count(report: Report) -> int:
    """Number of stories audited (documents set aside carry no cluster)."""
    return len({d.cluster for d in report.documents if d.cluster is not None})


def cluster_tables(report: Report) -> list[tuple[int, AlignmentTable]]:
    """(cluster id, alignment table) of every audited story, in cluster order.

    The id is the cluster of the table's pivot document; a report that does not say (hand-built,
    pivot not listed) falls back to the table's position, which is how the pipeline numbers them.
    """
    return list(iter_cluster_tables(report))


def iter_cluster_tables(report: Report) -> Iterator[tuple[int, AlignmentTable]]:
    """``cluster_tables`` one at a time: a folder's tables wait on disk (``spool.SpooledSequence``)
    and a writer that reads them in order need not hold them all."""
    cluster_of = {d.id: d.cluster for d in report.documents}
    for k, table in enumerate(report.alignments):
        cluster = cluster_of.get(table.pivot)
        yield (k if cluster is None else cluster, table)


def tsv_field(value: object) -> str:
    """A value as one TSV field: backslash, tab and newline escaped, so each record stays one line."""
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
