"""``auditor scan ARCHIVE...``: audit every story of an archive, in-process or on a Dask cluster.

Reads folders, JSONL(.gz) and WARC files as a stream, groups candidate stories with MinHash LSH, audits
each group of two or more documents and appends one JSON line per group to ``--output`` (see
``auditor.scan``); a summary goes to ``OUTPUT.summary.json``. Rerunning the same command skips the
groups already written, so an interrupted scan resumes where it stopped. A group whose audit fails is
named in a warning and in the summary's ``failures`` and the scan goes on. ``--html-dir DIR`` writes
one HTML report per story and an ``index.html``. On a terminal, a run over a second shows its
progress on stderr (documents read, story groups, stories audited); ``--quiet`` silences it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from auditor.commands._log import set_quiet
from auditor.commands._options import input_options, model_options
from auditor.errors import InputError, UsageError

#: what the progress display calls each scan stage
STAGES = {"read": "documents read", "group": "story groups", "audit": "stories audited", "html": "HTML pages written"}


@click.command(name="scan")
@input_options
@click.option("-o", "--output", required=True, metavar="FILE.jsonl",
              help="JSON Lines file of story records; appended to, and read first to resume.")
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
              help="Run on a local Dask cluster of N worker processes.")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Run on the Dask cluster behind this scheduler address.")
@click.option("--html-dir", default=None, metavar="DIR",
              help="Also write one HTML report per story (DIR/<story>.html) and DIR/index.html listing them.")
@model_options
def command(
    paths: Sequence[str], glob: str | None, text_field: str, id_field: str, output: str,
    workers: int | None, scheduler: str | None, html_dir: str | None, model: str | None, no_cache: bool,
    quiet: bool,
) -> None:
    """Audit every story in an archive: one JSON line per story group, resumable.

    ARCHIVE can be folders (read recursively), JSONL or JSONL.gz files (one article per line) and
    WARC files (HTML and plain-text responses). Without --workers/--scheduler it runs in this process.
    """
    from auditor.commands._progress import StageProgress
    from auditor.fileio import write_output
    from auditor.report.story_pages import write_story_pages
    from auditor.scan import scan, summarise

    if workers and scheduler:
        raise UsageError("--scheduler", "give --workers or --scheduler, not both")
    if html_dir and Path(html_dir).exists() and not Path(html_dir).is_dir():
        raise InputError(html_dir, "cannot write: not a folder (--html-dir)")
    set_quiet(quiet)
    say = None if quiet else (lambda msg: click.echo(f"auditor scan: {msg}", err=True))
    client = cluster = None
    try:
        if workers or scheduler:
            try:
                from dask.distributed import Client, LocalCluster
            except ImportError as exc:  # pragma: no cover - dask is a dependency
                raise InputError("--workers", f"dask.distributed is not installed ({exc})") from exc
            if scheduler:
                try:
                    client = Client(scheduler, timeout="20s")
                except (OSError, TimeoutError) as exc:
                    raise InputError("--scheduler", f"cannot reach {scheduler} ({exc})") from exc
            else:
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, dashboard_address=None)
                client = Client(cluster)
        # progress lines (say) would break through the live display: the display replaces them
        progress = StageProgress(STAGES, quiet=quiet)
        with progress:
            try:
                result = scan(paths, output, model=model, no_cache=no_cache, glob=glob, text_field=text_field,
                              id_field=id_field, client=client, notify=None if progress.enabled else say,
                              progress=progress)
            except OSError as exc:
                raise InputError(output, exc.strerror or str(exc)) from exc
            pages = (write_story_pages(output, html_dir, failures=result.failures, progress=progress)
                     if html_dir else 0)
        summary = summarise(output, result)
        write_output(f"{output}.summary.json", json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
        if say:
            failed = f", {len(result.failures)} failed" if result.failures else ""
            say(f"{summary['groups']} groups ({result.audited} audited now, {result.resumed} resumed{failed}), "
                f"{summary['stories']} stories -> {output}")
            if html_dir:
                say(f"{pages} story pages and index.html -> {html_dir}")
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
    sys.exit(0)
