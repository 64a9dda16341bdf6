"""The archive scan's HTML: one report page per story record and an index listing every story."""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from auditor.errors import InputError

log = logging.getLogger(__name__)

#: the index page's stylesheet: small and inline, so the folder can be copied or served anywhere
_INDEX_CSS = """body{font:15px/1.45 system-ui,sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;
border-bottom:1px solid #ddd}th{font-weight:600}td.n{white-space:nowrap}.fail{color:#b00020}
.review{color:#8a5a00}.pass{color:#1b6e20}code{font-size:.9em}@media (max-width:40rem){.docs{display:none}}"""


def write_story_pages(
    output: str | os.PathLike[str],
    html_dir: str | os.PathLike[str],
    *,
    failures: Sequence[dict[str, Any]] = (),
    progress: Callable[[str, int, int | None], None] | None = None,
) -> int:
    """One HTML report per story record of ``output`` (``DIR/<story>.html``, the ``--format html``
    page) and ``DIR/index.html`` listing every story with its verdict and a link; each file written
    atomically. Records are read one at a time, so memory stays flat however many stories there are;
    resumed stories get their page too. ``failures`` (this run's) are listed on the index as not
    audited. Returns the number of story pages written."""
    from html import escape

    from auditor.fileio import write_output
    from auditor.report import get_format
    from auditor.report.editorial import cards, counts_line, status_of, verdict
    from auditor.report.policy import apply_policy
    from auditor.report.serialize import report_from_dict

    folder = Path(html_dir)
    html = get_format("html")()
    rows: list[str] = []
    count = progress or (lambda stage, n, total: None)
    written = 0
    with open(output, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            rec = json.loads(line)
            sid = str(rec["story"])
            try:
                report = apply_policy(report_from_dict(rec["report"], where=f"{output}:{lineno}"))
            except InputError as exc:  # a record another version wrote: its page is lost, not the rest
                log.warning(f"{exc}; no HTML page for story {sid}")
                continue
            page = f"{sid}.html"
            write_output(folder / page, html.render(report))
            written += 1
            count("html", written, None)
            ranked = cards(report)
            headline = next((c.headline for c in ranked if c.headline), "") or sid
            status = status_of(report.findings)
            said = verdict(report)
            rows.append(
                f'<tr><td><a href="{escape(page)}">{escape(headline)}</a><br><code>{escape(sid)}</code></td>'
                f'<td class="{status}">{escape(" ".join(said) or "No two versions tell the same story.")}</td>'
                f'<td class="n">{escape(counts_line(report))}</td>'
                f'<td class="docs">{escape(", ".join(rec.get("documents", [])))}</td></tr>'
            )
    failed = "".join(
        f"<li><code>{escape(str(f['story']))}</code> ({escape(', '.join(f['documents']))}): "
        f"{escape(str(f['error']))}</li>"
        for f in failures
    )
    index = "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Archive scan — {written} stor{'y' if written == 1 else 'ies'}</title>",
        f"<style>{_INDEX_CSS}</style></head><body>",
        f"<h1>Archive scan — {written} stor{'y' if written == 1 else 'ies'}</h1>",
        f"<p>Records from <code>{escape(Path(output).name)}</code>; each story links to its full report.</p>",
        '<table><thead><tr><th>Story</th><th>Verdict</th><th>Findings</th><th class="docs">Documents</th></tr></thead>',
        "<tbody>",
        *rows,
        "</tbody></table>",
        *([f"<h2>Not audited ({len(failures)})</h2><ul>{failed}</ul>"] if failures else []),
        "</body></html>",
    ])
    write_output(folder / "index.html", index + "\n")
    return written
