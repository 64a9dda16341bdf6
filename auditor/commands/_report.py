"""Report options shared by ``auditor audit`` and ``auditor render``, and the run's policy before output.

``report_options`` adds the flags; ``emit_report(report, **those_flags)`` applies the run's policy
(names, severity overrides, select/ignore, baseline), decides the exit code from ``--fail-on``, then
hands the decided report to ``auditor.report.emit.write_report``. Commands stay thin::

    @click.command(cls=ConfiguredCommand)
    @input_options
    @report_options
    def command(paths, ..., **report_opts):
        report = run_audit(...)
        sys.exit(emit_report(report, **report_opts))  # 0 ran, 1 findings at/above --fail-on
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import IO, Any

import click

from auditor._cli import EXIT_FINDINGS, EXIT_OK
from auditor.commands._config import config_option
from auditor.errors import InputError
from auditor.model import SEVERITIES, Finding, Report
from auditor.report import FORMATS, format_for_path
from auditor.report.emit import DIR_FORMATS, _formats, write_report
from auditor.report.policy import (
    apply_policy,
    at_or_above,
    check_prefixes,
    parse_severity_overrides,
    split_codes,
)

_SEVERITY = click.Choice(SEVERITIES, case_sensitive=False)


def report_options(f: Callable[..., Any]) -> Callable[..., Any]:
    """Click options for choosing, filtering and writing reports (kwargs for ``emit_report``)."""
    options = [
        click.option("--format", "format", metavar="FMT[,FMT...]", default=None,
                     help=f"Report format: {', '.join(FORMATS)} (default: rich, or from the -o extension). "
                          "Several, comma-separated, with --output-dir."),
        click.option("--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default=None,
                     help="Write the report to FILE (atomically); the extension picks the format."),
        click.option("--output-dir", type=click.Path(file_okay=False), default=None, metavar="DIR",
                     help=f"Write several formats into DIR (default: {', '.join(DIR_FORMATS)}), named after "
                          "the input (DIR/story.html for articles/story)."),
        click.option("--min-severity", type=_SEVERITY, default=None,
                     help="Show only findings at or above this severity."),
        click.option("--changed-only", is_flag=True, default=False,
                     help="Show only what differs: elide unchanged words and identical aligned sentences."),
        click.option("--show-alignment", is_flag=True, default=False,
                     help="Add the full side-by-side alignment of every version against the pivot."),
        click.option("--fail-on", type=_SEVERITY, default=None,
                     help="Exit 1 when a finding at or above this severity remains (after select/ignore/"
                          "--severity/baseline; --min-severity does not hide findings from it)."),
        click.option("--select", multiple=True, metavar="CODES",
                     help="Report only rules whose code starts with one of these prefixes (e.g. N,Q001)."),
        click.option("--ignore", multiple=True, metavar="CODES|IDS",
                     help="Do not report rules whose code starts with one of these prefixes, nor the findings "
                          "with these ids (e.g. C001-4f2a9c1d07)."),
        click.option("--waivers", type=click.Path(dir_okay=False), default=None, metavar="FILE",
                     help="Waivers TOML ([[waiver]] id, reason, who; the HTML report exports it): those findings "
                          "are accepted and not reported."),
        click.option("--severity", multiple=True, metavar="CODE=LEVEL",
                     help="Override a rule's severity, by code or prefix (e.g. G002=info)."),
        click.option("--baseline", type=click.Path(dir_okay=False), default=None,
                     help="Earlier JSON report: report only findings it does not already have."),
        click.option("--names", type=click.Path(dir_okay=False), default=None,
                     help="Name authority TOML (house spellings); deviations become N005 findings."),
        click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto",
                     show_default=True,
                     help="Colour in the terminal report: auto follows the terminal, NO_COLOR and FORCE_COLOR."),
        click.option("--statistics", is_flag=True, default=False,
                     help="Print the number of findings per rule code instead of the report (ruff-style)."),
        click.option("--timings", is_flag=True, default=False,
                     help="Also write the run time into JSON, Markdown and HTML (the terminal report always "
                          "shows it); off by default so the same audit gives the same bytes."),
        config_option,
    ]
    for option in reversed(options):
        f = option(f)
    return f


def prepare(
    report: Report,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    severity: Sequence[str] = (),
    baseline: str | None = None,
    names: str | None = None,
    waivers: str | None = None,
) -> Report:
    """The report after this run's policy (see ``policy.apply_policy``); all option errors surface here."""
    from auditor.report.waivers import is_finding_id, load_waivers

    ignore_values = [part.strip() for value in ([ignore] if isinstance(ignore, str) else ignore or ())
                     for part in str(value).split(",") if part.strip()]
    waived = {v for v in ignore_values if is_finding_id(v)}
    select_codes = split_codes(select)
    ignore_codes = split_codes([v for v in ignore_values if v not in waived])
    if waivers:
        waived |= set(load_waivers(waivers))
    check_prefixes(select_codes, "select")
    check_prefixes(ignore_codes, "ignore")
    overrides = parse_severity_overrides(severity)
    extra: tuple[Finding, ...] = ()
    if names:
        from auditor.authority import check_names, load_authority

        extra = check_names(report, load_authority(names))
    counts = None
    if baseline:
        from auditor.baseline import load_baseline

        counts = load_baseline(baseline)
    return apply_policy(report, select=select_codes, ignore=ignore_codes, severity=overrides,
                        extra=extra, baseline=counts, waived=waived)


def emit_report(
    report: Report,
    *,
    format: str | Sequence[str] | None = None,  # noqa: A002 - the option is --format
    output: str | None = None,
    output_dir: str | None = None,
    min_severity: str | None = None,
    changed_only: bool = False,
    show_alignment: bool = False,
    fail_on: str | None = None,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    severity: Sequence[str] = (),
    baseline: str | None = None,
    names: str | None = None,
    waivers: str | None = None,
    color: str = "auto",
    statistics: bool = False,
    timings: bool = False,
    stem: str = "report",
    stdout: IO[str] | None = None,
) -> int:
    """Apply this run's policy, then render and write the report as asked (``write_report``); return
    the exit code (0, or 1 for ``--fail-on``). Raises InputError on bad options, so the CLI prints one
    line and exits 2."""
    formats = _formats(format)
    if output and output_dir:
        raise InputError("--output", "use either -o/--output or --output-dir, not both")
    if len(formats) > 1 and not output_dir:
        raise InputError("--format", "several formats need --output-dir")
    if output and output != "-" and not formats:
        implied = format_for_path(output)
        if implied is None:
            raise InputError(output, "cannot tell the format from the file extension; add --format")
        formats = [implied]

    report = prepare(report, select=select, ignore=ignore, severity=severity, baseline=baseline, names=names,
                     waivers=waivers)
    failing = bool(fail_on and at_or_above(report.findings, fail_on.lower()))
    if min_severity:
        shown = at_or_above(report.findings, min_severity.lower())
        hidden = tuple(f for f in report.findings if f not in shown)
        filtered = {**report.filtered, "min_severity_level": min_severity.lower()}
        if hidden:
            filtered.update(min_severity=len(hidden), hidden=hidden)
        report = dataclasses.replace(report, findings=tuple(shown), filtered=filtered)

    write_report(report, formats=formats, output=output, output_dir=output_dir, changed_only=changed_only,
                 show_alignment=show_alignment, color=color, statistics=statistics, timings=timings, stem=stem,
                 stdout=stdout)
    return EXIT_FINDINGS if failing else EXIT_OK


__all__ = ["emit_report", "prepare", "report_options"]
