"""The audit of a folder or archive too large to hold in memory, on every core of the machine.

Same report as ``load_documents`` + ``run_audit`` (the audit command runs this). Each input is read,
segmented once and spooled to a temporary file (``auditor.spool``); memory holds the ids, the
cross-document repeated-line collector (bounded window), the clusterer's compact per-document state,
then one cluster's documents at a time, and the report being built, whose sentences and line starts
wait in temporary files too (``spool.SpooledMapping``): what grows with the folder in memory is each
document's result, findings and alignment links.

Three phases spread their per-document work over ``jobs`` worker processes (``auditor.workers``),
each taking results in input order so the report is the one a single process writes:

1. *segment*: documents are read here (one stream) and segmented by the workers, which send back the
   spool record and the lines the repeated-line collector needs;
2. *cluster*: the workers read each document for clustering (its facts -- extraction, most of the
   phase -- and its MinHash signature); the comparisons, which need every document added before,
   run here;
3. *audit*: each story, and each document set aside, is audited by a worker
   (``pipeline._audit_clusters``).

Each phase runs its first item here before it forks, so what the work loads on first use is loaded
once and shared; a folder of fewer than ``MIN_DOCUMENTS_FOR_WORKERS`` documents is segmented and read
in this process.
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from typing import TYPE_CHECKING

from auditor.errors import InputError
from auditor.gcpolicy import collecting_less
from auditor.model import Document, Mention, Report
from auditor.pipeline import ProgressCallback, _audit_clusters, _inputs, _stage, no_progress, too_few_documents
from auditor.workers import Workers

if TYPE_CHECKING:
    from auditor.backends import Encoder
    from auditor.cluster.stories import PreparedDocument

#: documents read before worker processes start: a smaller folder is done before forking pays off
MIN_DOCUMENTS_FOR_WORKERS = 64
#: documents per task sent to a worker
CHUNK = 16


def _segmented(doc: Document) -> tuple[str, str, bytes, list[tuple[bytes, str]]]:
    """A read document segmented: (id, path, spool record, content lines for the collector)."""
    from auditor.segment.repeated import content_lines
    from auditor.segment.split import segment_document
    from auditor.spool import encode

    doc = segment_document(doc)
    return doc.id, doc.path, encode(doc), content_lines(doc)


def _prepared(doc: Document) -> tuple[PreparedDocument, bytes, tuple[Mention, ...]]:
    """A document read for clustering by a worker: clustering's view of it, and its mentions
    (extracted for its facts) with their memo key, so the process that audits its story finds them.

    Reading its texts' vectors from the embedding cache here as well was tried: it moved ~1.6 s of
    the clustering process's 2,000-article run onto the workers, which are the busier side there
    (extraction), and the phase took longer."""
    from auditor.cluster.stories import prepare
    from auditor.extract import extract_document, memo_key

    return prepare(doc), memo_key(doc), extract_document(doc)


@collecting_less
def run_audit_stream(
    paths: Sequence[str],
    encoder: Encoder,
    *,
    glob: str | None = None,
    text_field: str = "text",
    id_field: str = "id",
    timings: MutableMapping[str, float] | None = None,
    progress: ProgressCallback | None = None,
    jobs: int | None = 1,
) -> Report:
    """``run_audit`` over the documents under ``paths`` (see the module docstring). ``progress``
    counts documents read, documents clustered and stories audited; ``jobs`` is the number of worker
    processes (0 or None: one per usable CPU, at most ``workers.DEFAULT_MAX_JOBS``; 1: none). With
    workers, the per-stage ``timings`` of the audit phase are seconds summed over them."""
    from auditor.cluster.stories import StoryClusterer
    from auditor.extract import remember
    from auditor.ingest.sources import iter_documents, unique_ids
    from auditor.segment.repeated import RepeatedLines, flag_repeated
    from auditor.spool import DocumentSpool

    progress = progress or no_progress
    with DocumentSpool() as spool:
        collector = RepeatedLines()
        ids: list[str] = []
        files: list[str] = []
        with _stage(timings, "segment"):
            docs = unique_ids(iter_documents(list(paths), glob=glob, text_field=text_field, id_field=id_field))
            with Workers(_segmented, jobs, chunk=CHUNK, min_items=MIN_DOCUMENTS_FOR_WORKERS) as segmenters:
                for index, (doc_id, path, record, lines) in enumerate(segmenters.map(docs)):
                    spool.append_record(record)
                    collector.add_lines(index, lines)
                    ids.append(doc_id)
                    progress("read", len(ids), None)
                    if len(files) < 3:
                        files.append(path)
            if not ids:
                where = paths[0] if len(paths) == 1 else ", ".join(paths)
                raise InputError(where, "no readable documents")
            if len(ids) < 2:
                raise InputError(_inputs(paths), too_few_documents(files))
            progress("read", len(ids), len(ids))  # the total is known now: the count is complete
            repeated = collector.repeated(lambda k: spool.get(k).text)
            del collector
        position = {doc_id: k for k, doc_id in enumerate(ids)}
        ids.sort()

        def load(doc_id: str) -> Document:
            return flag_repeated(spool.get(position[doc_id]), repeated)

        with _stage(timings, "cluster"):
            clusterer = StoryClusterer(encoder)
            batch = 64  # the clusterer's own encoding batch: same calls as cluster_documents makes
            progress("cluster", 0, len(ids))

            def read(doc_id: str) -> tuple[PreparedDocument, bytes, tuple[Mention, ...]]:
                return _prepared(load(doc_id))

            with Workers(read, jobs, chunk=CHUNK, min_items=MIN_DOCUMENTS_FOR_WORKERS) as readers:
                results = readers.map(ids)
                for start in range(0, len(ids), batch):
                    chunk = [next(results) for _ in ids[start : start + batch]]
                    for _, key, mentions in chunk:
                        remember(key, mentions)  # a worker's extraction, kept for the audit phase
                    clusterer.add_prepared([p[0] for p in chunk], batch=batch)
                    progress("cluster", min(start + batch, len(ids)), len(ids))
            clustering = clusterer.result()
            del clusterer
        return _audit_clusters(ids, load, clustering, encoder, None, timings, progress, jobs, spool_shown=True)
