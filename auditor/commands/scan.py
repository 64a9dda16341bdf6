"""``auditor scan ARCHIVE...``: audit every story of an archive, in-process or on a Dask cluster.

Reads folders, JSONL(.gz) and WARC files as a stream, groups candidate stories with MinHash LSH, audits
each group of two or more documents and appends one JSON line per group to ``--output`` (see
``auditor.scan``); a summary goes to ``OUTPUT.summary.json``. Rerunning the same command skips the
groups already written, so an interrupted scan resumes where it stopped.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Sequence

import click

from auditor.commands._options import input_options, model_options
from auditor.errors import InputError, set_warning_sink


@click.command(name="scan")
@input_options
@click.option("-o", "--output", required=True, metavar="FILE.jsonl",
              help="JSON Lines file of story records; appended to, and read first to resume.")
@click.option("--workers", type=click.IntRange(min=1), default=None, metavar="N",
              help="Run on a local Dask cluster of N worker processes.")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Run on the Dask cluster behind this scheduler address.")
@model_options
def command(
    paths: Sequence[str], glob: str | None, text_field: str, id_field: str, output: str,
    workers: int | None, scheduler: str | None, model: str | None, no_cache: bool, quiet: bool,
) -> None:
    """Audit every story in an archive: one JSON line per story group, resumable.

    ARCHIVE can be folders (read recursively), JSONL or JSONL.gz files (one article per line) and
    WARC files (HTML and plain-text responses). Without --workers/--scheduler it runs in this process.
    """
    from auditor.fileio import write_output
    from auditor.scan import scan, summarise

    if workers and scheduler:
        raise InputError("--scheduler", "give --workers or --scheduler, not both")
    if quiet:
        set_warning_sink(lambda line: None)
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
        try:
            result = scan(paths, output, model=model, no_cache=no_cache, glob=glob, text_field=text_field,
                          id_field=id_field, client=client, progress=say)
        except OSError as exc:
            raise InputError(output, exc.strerror or str(exc)) from exc
        summary = summarise(output, result)
        write_output(f"{output}.summary.json", json.dumps(summary, ensure_ascii=False, indent=2) + "\n")
        if say:
            say(f"{summary['groups']} groups ({result.audited} audited now, {result.resumed} resumed), "
                f"{summary['stories']} stories -> {output}")
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
        if quiet:
            set_warning_sink(None)
    sys.exit(0)
