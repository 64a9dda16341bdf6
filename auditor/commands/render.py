"""``auditor render REPORT.json``: re-render a saved ``auditor.report/1`` report in any format.

No model is loaded and nothing is re-computed, so a report saved by CI can be turned into HTML for an
editor, or re-filtered (select/ignore, baseline, names, ``--fail-on``) later, in well under a second.
Settings come from the config file above the report, like ``auditor audit``'s come from its inputs.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from auditor.commands._config import ConfiguredCommand
from auditor.commands._options import check_report_options
from auditor.commands._report import emit_report, report_options
from auditor.fileio import check_input_file
from auditor.report.serialize import load_report


@click.command(cls=ConfiguredCommand)
@click.argument("report_path", metavar="REPORT.json", type=click.Path(dir_okay=False, allow_dash=True))
@report_options
def command(report_path: str, **report_opts: Any) -> None:
    """Render a saved JSON report (from `auditor audit --format json`) without re-running the audit."""
    check_report_options(**report_opts)
    check_input_file(report_path)
    report = load_report(report_path)
    stem = Path(report_path).stem if report_path != "-" else "report"
    sys.exit(emit_report(report, stem=stem, **report_opts))
