"""Writing a decided report: each requested format rendered and written atomically (or to stdout).

The run's policy (select/ignore, severity overrides, baseline, waivers, name authority) and the exit
code are decided before, in ``auditor/commands/_report.py``; this module only renders what it is given.
"""

from __future__ import annotations

import dataclasses
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from auditor.fileio import write_output
from auditor.model import Report
from auditor.report import get_format

log = logging.getLogger(__name__)

#: What ``--output-dir`` writes when no ``--format`` is given: the shareable set (people read the
#: HTML and Markdown, machines and later ``--baseline``/``render`` runs read the JSON).
DIR_FORMATS = ("html", "markdown", "json")


def _formats(value: str | Sequence[str] | None) -> list[str]:
    if not value:
        return []
    values = [value] if isinstance(value, str) else list(value)
    names = [part.strip().lower() for v in values for part in v.split(",") if part.strip()]
    for name in names:
        get_format(name)  # unknown names fail here, before any work is written
    return list(dict.fromkeys(names))


def _terminal(stream: IO[str], mode: str = "auto") -> tuple[int | None, bool]:
    """Width and colour for rich output on ``stream``: ``--color always|never`` decide; ``auto``
    leaves it to rich, which honours NO_COLOR, FORCE_COLOR and TERM=dumb."""
    from rich.console import Console

    console = Console(file=stream)
    if mode == "always":
        return console.width, True
    if mode == "never":
        return console.width, False
    color = console.is_terminal and not console.no_color and console.color_system is not None
    return console.width, color


def _wrote(path: str | Path) -> None:
    """Say on stderr which file was written, so a script or an editor knows where to look."""

    log.info(f"wrote {path}")


def _statistics(report: Report) -> str:
    """``--statistics``: findings per rule code, most frequent first (ruff's layout)."""
    from auditor.report.editorial import counts_line, statistics

    rows = statistics(report.findings)
    width = max((len(str(n)) for n, *_ in rows), default=1)
    lines = [f"{n:>{width}}\t{code}\t[{sev}] {name}" for n, code, name, sev in rows]
    return "\n".join(lines + [counts_line(report)]) + "\n"


def write_report(
    report: Report,
    *,
    formats: Sequence[str] = (),
    output: str | None = None,
    output_dir: str | None = None,
    changed_only: bool = False,
    show_alignment: bool = False,
    color: str = "auto",
    statistics: bool = False,
    timings: bool = False,
    stem: str = "report",
    stdout: IO[str] | None = None,
) -> None:
    """Render an already-decided report in each of ``formats`` and write it (files atomically, or stdout).

    Only rendering happens here: policy, name authority and ``--fail-on`` are decided before (by
    ``auditor.commands._report.emit_report``), so no finding is created while rendering. ``stem`` names
    the files ``--output-dir`` writes (``report.html`` ...). The run time a live audit put in
    ``report.timings`` is shown in the terminal report; every other output carries it only with
    ``timings`` (``--timings``), so saved reports stay byte-identical across runs.
    """
    view = {"changed_only": changed_only, "show_alignment": show_alignment}
    timed = report
    if report.timings and not timings:
        report = dataclasses.replace(report, timings={})
    if output_dir:
        for name in formats or DIR_FORMATS:
            fmt = get_format(name)(**view)
            path = Path(output_dir) / f"{stem}{fmt.extension}"
            write_output(path, fmt.render_pieces(report))
            _wrote(path)
    elif output and output != "-":
        write_output(output, get_format(formats[0])(**view).render_pieces(report))
        _wrote(output)
    if statistics or not (output_dir or (output and output != "-")):
        stream = stdout if stdout is not None else sys.stdout
        name = formats[0] if formats else "rich"
        if statistics:
            stream.write(_statistics(report))
        else:
            width, colored = _terminal(stream, color) if name == "rich" else (None, False)
            fmt = get_format(name)(**view)
            for piece in fmt.render_pieces(timed if name == "rich" else report, width=width, color=colored):
                stream.write(piece)
        stream.flush()




__all__ = ["DIR_FORMATS", "write_report"]
