"""``auditor audit PATH...``: the command an editor runs on a folder of versions.

Reads and segments every article, clusters them into stories, aligns and compares the versions of
each story, ranks them by faithfulness, labels machine-translated and garbled copies, says which
derives from which, and reports every discrepancy (``--format rich|json|...``, ``-o`` written
atomically). A run that lasts more than a second shows its progress on stderr when that is a
terminal (documents read, clustered, stories audited; not with ``--quiet``). Exit 0 when the audit ran, 1 with ``--fail-on`` and a finding at or above it, 2 on usage
or input errors (fewer than two readable documents is one).
"""

from __future__ import annotations

import dataclasses
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from auditor.commands._config import ConfiguredCommand
from auditor.commands._log import set_quiet
from auditor.commands._options import (
    check_report_options,
    input_options,
    load_documents,
    model_options,
    open_encoder,
)
from auditor.commands._report import report_options
from auditor.errors import InputError, UsageError
from auditor.model import Document


def resolve_reference(value: str, docs: list[Document], text_field: str, id_field: str) -> tuple[str, list[Document]]:
    """``--reference`` as a document id, a file name or path among the inputs, or a file of its own
    (read, segmented and added to the inputs). Returns the reference id and the documents."""
    if not value.strip():  # "" would be the working folder as a path
        raise UsageError("--reference", "empty value; name a document id or a file")
    for d in docs:
        if value in (d.id, d.path) or Path(d.path).name == value:
            return d.id, docs
    path = Path(value)
    if path.exists():
        resolved = str(path.resolve())
        for d in docs:
            if d.path and Path(d.path).exists() and str(Path(d.path).resolve()) == resolved:
                return d.id, docs
        extra = load_documents([value], None, text_field, id_field)
        if len(extra) != 1:
            raise UsageError(value, "--reference must name one document")
        ref = extra[0]
        if any(d.id == ref.id for d in docs):
            raise InputError(value, f"another input document already has the id {ref.id!r}")
        return ref.id, docs + [ref]
    ids = ", ".join(d.id for d in docs[:6]) + (", ..." if len(docs) > 6 else "")
    raise UsageError("--reference", f"{value!r} is neither an input document id nor a file (ids: {ids})")


#: what the display calls each pipeline stage
STAGES = {"read": "documents read", "cluster": "documents clustered", "audit": "stories audited"}


@click.command(name="audit", cls=ConfiguredCommand)
@input_options
@click.option(
    "--reference", default=None, metavar="ID_OR_PATH",
    help="Score fidelity to this version (a document id, or a file) instead of the N-way consensus.",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=0), default=0, show_default="0: one per CPU, at most 8", metavar="N",
    help="Worker processes that segment, read and audit stories in parallel (1: none). The report "
    "is the same for any N.",
)
@model_options
@report_options
def command(
    paths: Sequence[str], glob: str | None, text_field: str, id_field: str, reference: str | None,
    jobs: int, model: str | None, no_cache: bool, quiet: bool, **report_opts: Any,
) -> None:
    """Audit versions of a story: ranking, labels, provenance and every discrepancy.

    PATH can be files, folders (read recursively) or - for stdin (plain text, Markdown, HTML,
    JSON/JSONL). Documents that tell a different story, or another article on the same event, are set
    aside with the reason.
    """
    from auditor.commands._progress import StageProgress
    from auditor.commands._report import emit_report
    from auditor.pipeline import run_audit
    from auditor.stream import run_audit_stream

    started = time.perf_counter()
    check_report_options(**report_opts)
    set_quiet(quiet)
    # one display for the whole run: the encoder's own bar would be a second live display on stderr
    progress = StageProgress(STAGES, quiet=quiet)
    if reference is None:
        # streamed: documents are spooled to disk and audited one cluster at a time, so an
        # archive of any size fits in memory (same report as the in-memory path below)
        encoder = open_encoder(model, no_cache, quiet or progress.enabled)
        with progress:
            report = run_audit_stream(paths, encoder, glob=glob, text_field=text_field, id_field=id_field,
                                      progress=progress, jobs=jobs)
    else:
        # --reference may name a file outside the inputs: resolved against the documents in memory
        docs = load_documents(paths, glob, text_field, id_field)
        ref_id, docs = resolve_reference(reference, list(docs), text_field, id_field)
        if len(docs) < 2:
            from auditor.pipeline import too_few_documents

            raise InputError(", ".join(paths), too_few_documents([d.path for d in docs]))
        encoder = open_encoder(model, no_cache, quiet or progress.enabled)
        with progress:
            report = run_audit(docs, encoder, reference=ref_id, progress=progress, jobs=jobs)
    # the run time is the command's to measure (the pipeline stays pure); emit_report shows it in
    # the terminal and writes it elsewhere only with --timings
    report = dataclasses.replace(report, timings={"total": time.perf_counter() - started})
    stem = Path(paths[0]).stem if len(paths) == 1 and paths[0] != "-" else "audit"
    code = emit_report(report, stem=stem or "audit", **report_opts)
    sys.exit(code)
