"""The audit as one pure function: documents in, ``Report`` out (no I/O, no printing).

segment (if needed) → cluster into stories → per cluster: align N-way, extract mentions, compare
(drift findings), score faithfulness, label roles, derive provenance → one Report. Documents set
aside by clustering (related coverage, unrelated stories, empty files) stay in the report with their
role, labels read off their text, and the reason; they get no rank. A ``related`` one (same event,
different article) is often a machine translation itself, so the garble it shows on its own (glued
tokens, non-words) is reported; nothing of it is compared with the story's versions.

Several stories in one folder are audited independently; when there is more than one cluster, finding
ids are prefixed with the cluster number so they stay unique and stable.

A caller that wants to show progress passes ``progress(stage, done, total)``: the stage name ("read",
"cluster", "audit"), items done so far and the total (None while unknown). The stages only count; how
(or whether) that is shown is the command's business.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from auditor import __version__
from auditor.errors import InputError, UsageError
from auditor.gcpolicy import collecting_less
from auditor.model import (
    AlignmentTable,
    ClosestMatch,
    Document,
    DocumentResult,
    Finding,
    Report,
    Sentence,
    SetAside,
    ToolInfo,
    line_starts,
)
from auditor.spool import SpooledMapping, SpooledSequence
from auditor.workers import Workers

if TYPE_CHECKING:  # the clusterer and the encoders load heavy libraries: only their types here
    from auditor.backends import Encoder
    from auditor.cluster.stories import Clustering

log = logging.getLogger(__name__)
V = TypeVar("V")

#: progress(stage, done, total): items of ``stage`` done so far, out of ``total`` (None while unknown)
ProgressCallback = Callable[[str, int, int | None], None]


#: one unit of the audit phase: a cluster's (alignment table, findings, document results) or a set-aside
#: document's (result, entry, garble findings); what the report shows of each document it read
#: (sentences, line starts); the seconds it spent per stage (None when not timed)
_Audited = tuple[
    tuple[AlignmentTable, list[Finding], dict[str, DocumentResult]] | tuple[DocumentResult, SetAside, list[Finding]],
    dict[str, tuple[tuple[Sentence, ...], tuple[int, ...]]],
    dict[str, float] | None,
]


def no_progress(stage: str, done: int, total: int | None) -> None:
    """The default observer: pure callers pay nothing for progress they do not show."""


@contextmanager
def _stage(timings: MutableMapping[str, float] | None, name: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        if timings is not None:
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - start


#: source metadata a report keeps per document: enough to name a version the way an editor does
SOURCE_META_KEYS = ("title", "sitename", "author", "date", "url")


def source_meta(d: Document) -> dict[str, str]:
    """The headline, outlet, byline, date and URL the source declared (HTML markup), as strings."""
    meta = d.metadata or {}
    return {k: str(meta[k]).strip() for k in SOURCE_META_KEYS if meta.get(k) and str(meta[k]).strip()}


def _one_to_one_share(table: AlignmentTable, doc: str) -> float:
    """Share of a document's aligned links to the pivot that are plain 1-1 (structure kept)."""
    for al in table.alignments:
        if doc in (al.a, al.b) and doc != table.pivot:
            matched = [link for link in al.links if link.a and link.b]
            return sum(1 for link in matched if link.kind == "1-1") / len(matched) if matched else 0.0
    return 1.0 if doc == table.pivot else 0.0


def _inputs(paths: Sequence[str]) -> str:
    """The input paths as a message prefix (the first few when many)."""
    shown = ", ".join(paths[:3]) + (", ..." if len(paths) > 3 else "")
    return shown or "-"


def too_few_documents(files: Sequence[str]) -> str:
    """Why an audit cannot run, naming the one readable file (the others were skipped with a warning)."""
    if not files:
        return "an audit needs at least two readable documents (found none)"
    return f"an audit needs at least two readable documents (found {len(files)}: {', '.join(files)})"


@collecting_less
def run_audit(
    docs: Sequence[Document],
    encoder: Encoder,
    reference: str | None = None,
    *,
    timings: MutableMapping[str, float] | None = None,
    progress: ProgressCallback | None = None,
    jobs: int | None = 1,
) -> Report:
    """Audit ``docs`` (see the module docstring). ``reference`` is a document id; ``timings``, when
    given, receives seconds per stage (for the benchmark); ``progress`` counts documents clustered
    and stories audited; ``jobs`` worker processes audit the stories (0 or None: one per CPU), with
    the same report as one process."""
    from auditor.cluster.stories import cluster_documents

    ids = [d.id for d in docs]
    if len(set(ids)) != len(ids):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        raise InputError(dup[0], "two input documents have the same id; rename one of them")
    if len(docs) < 2:
        raise InputError(None, too_few_documents([d.path for d in docs]))
    if reference is not None and reference not in ids:
        raise UsageError(None, f"{reference!r} is not one of the input documents", option="reference")

    with _stage(timings, "segment"):
        if any(not d.sentences for d in docs):
            from auditor.segment.split import segment_all

            docs = segment_all(docs)
    docs = sorted(docs, key=lambda d: d.id)
    by_id = {d.id: d for d in docs}

    progress = progress or no_progress
    with _stage(timings, "cluster"):
        progress("cluster", 0, len(docs))
        clustering = cluster_documents(docs, encoder)
        progress("cluster", len(docs), len(docs))
    return _audit_clusters([d.id for d in docs], by_id.__getitem__, clustering, encoder, reference, timings,
                           progress, jobs)


def _audit_clusters(
    ids: Sequence[str],
    load: Callable[[str], Document],
    clustering: Clustering,
    encoder: Encoder,
    reference: str | None,
    timings: MutableMapping[str, float] | None,
    progress: ProgressCallback = no_progress,
    jobs: int | None = 1,
    spool_shown: bool = False,
) -> Report:
    """Everything after clustering, one cluster at a time: ``ids`` sorted, ``load(id)`` gives a
    segmented document (from memory, or re-read from a spool by the streaming audit, so only one
    cluster's documents stay in memory at once). With ``jobs`` other than 1, clusters and the
    documents set aside are audited on worker processes (``auditor.workers``), results taken in
    order: the same report. With ``spool_shown`` what the report holds of each document (its
    sentences and line starts, its result, its story's alignment table, its set-aside entry: all but
    the findings) waits in temporary files (``spool.SpooledMapping``, ``spool.SpooledSequence``)
    instead of memory."""
    from auditor.rank.surface import sacrebleu_signature

    clusters, relation, reasons = _with_reference(clustering, reference, encoder)
    if not clusters:
        log.warning("no two documents tell the same story; nothing to compare (see the set-aside reasons)")
    in_cluster = {d for members in clusters for d in members}
    aside_ids = [d for d in ids if d not in in_cluster]

    def work(item: tuple[int, list[str]] | str) -> _Audited:
        """A cluster's audit, or a set-aside document's verdict, in this process or a worker; with
        what the report shows of each document (sentences, line starts) and the seconds per stage."""
        spent: dict[str, float] | None = None if timings is None else {}
        if isinstance(item, str):
            doc = load(item)
            aside = _set_aside_one(doc, clustering, relation, reasons, lambda k: [load(m) for m in clusters[k]], spent)
            return aside, {doc.id: (doc.sentences, line_starts(doc.text))}, spent
        k, members = item
        cdocs = [load(d) for d in members]
        ref = reference if reference in members else None
        audited = _audit_cluster(k, cdocs, encoder, ref, spent)
        return audited, {d.id: (d.sentences, line_starts(d.text)) for d in cdocs}, spent

    sentences: dict[str, tuple[Sentence, ...]] | SpooledMapping[tuple[Sentence, ...]] = {}
    starts: dict[str, tuple[int, ...]] | SpooledMapping[tuple[int, ...]] = {}
    results: list[DocumentResult] | SpooledSequence[DocumentResult] = []
    tables: list[AlignmentTable] | SpooledSequence[AlignmentTable] = []
    set_aside: list[SetAside] | SpooledSequence[SetAside] = []
    if spool_shown:
        sentences, starts = SpooledMapping(), SpooledMapping()
        results, tables, set_aside = SpooledSequence(), SpooledSequence(), SpooledSequence()
    order: list[tuple[bool, int, int, str]] = []  # each result's place in the report (_report_order)

    def add_result(result: DocumentResult) -> None:
        results.append(result)
        order.append(_report_order(result))

    findings_out: list[Finding] = []
    aside_findings: list[Finding] = []
    signature = sacrebleu_signature()
    progress("audit", 0, len(clusters))
    items: list[tuple[int, list[str]] | str] = [*enumerate(clusters), *aside_ids]
    with Workers(work, jobs, chunk=1, min_items=1) as workers:
        for outcome, shown, spent in workers.map(items):
            for doc_id, (sents, line_offsets) in shown.items():
                sentences.setdefault(doc_id, sents)
                starts.setdefault(doc_id, line_offsets)
            if timings is not None and spent:  # with workers: seconds summed over them
                for stage, seconds in spent.items():
                    timings[stage] = timings.get(stage, 0.0) + seconds
            if isinstance(outcome[0], DocumentResult):  # a set-aside document
                result, entry, garble = outcome
                add_result(result)
                set_aside.append(entry)
                aside_findings.extend(garble)
                continue
            table, findings, cluster_results = outcome
            k = len(tables)  # clusters come first, in order: this is cluster k
            for result in cluster_results.values():
                add_result(result)
            if len(clusters) > 1:
                findings = [replace(f, id=f"c{k}-{f.id}") for f in findings]
            findings_out.extend(findings)
            tables.append(table)
            progress("audit", k + 1, len(clusters))
    findings_out.extend(aside_findings)

    return Report(
        tool=ToolInfo(name="auditor", version=__version__, model=encoder.name, sacrebleu_signature=signature),
        documents=_in_report_order(results, order),
        findings=tuple(findings_out),
        alignments=tables if isinstance(tables, SpooledSequence) else tuple(tables),
        sentences=_in_order(sentences, ids),
        set_aside=set_aside if isinstance(set_aside, SpooledSequence) else tuple(set_aside),
        line_starts=_in_order(starts, ids),
    )


def _in_order(shown: dict[str, V] | SpooledMapping[V], ids: Sequence[str]) -> Mapping[str, V]:
    """``shown`` with its keys in the order of ``ids`` (every document is shown once)."""
    if isinstance(shown, SpooledMapping):
        return shown.reorder(ids)
    return {i: shown[i] for i in ids}


def _with_reference(
    clustering: Clustering, reference: str | None, encoder: Encoder,
) -> tuple[list[list[str]], dict[str, str], dict[str, str]]:
    """(clusters, relation, reasons) of the clustering, with a ``--reference`` the clustering set
    aside joined to the cluster it is closest to: the editor says it is the reference."""
    from auditor.cluster.params import related_cosine

    clusters = [list(c) for c in clustering.clusters]
    cluster_of = dict(clustering.cluster_of)
    relation = dict(clustering.relation)
    reasons = dict(clustering.reasons)
    if reference is not None and cluster_of.get(reference) is None:
        best = clustering.best.get(reference)
        target = None if best is None else cluster_of.get(best.other(reference))
        if best is None or target is None or best.cosine < related_cosine(encoder.name):
            raise UsageError(None, f"{reference} does not tell the same story as any other document",
                             option="reference")
        # the editor says this is the reference: audit it with the story it is closest to
        log.warning(f"the reference {reference} is only loosely similar to cluster {target}; auditing it with that cluster anyway")
        clusters[target] = sorted(clusters[target] + [reference])
        cluster_of[reference] = target
        relation[reference] = "version"
        reasons.pop(reference, None)
    return clusters, relation, reasons


def _audit_cluster(
    k: int, cdocs: list[Document], encoder: Encoder, ref: str | None, timings: MutableMapping[str, float] | None,
) -> tuple[AlignmentTable, list[Finding], dict[str, DocumentResult]]:
    """One story: align, extract, compare, then score, label and derive provenance of its versions."""
    from auditor.align import align_many
    from auditor.drift import compare
    from auditor.extract import extract_document
    from auditor.rank.labels import choose_original, label_cluster
    from auditor.rank.provenance import derive
    from auditor.rank.score import score_cluster
    from auditor.sentence_vectors import sentence_vectors

    members = [d.id for d in cdocs]
    with _stage(timings, "align"):
        table = align_many(cdocs, encoder, reference=ref)
    with _stage(timings, "extract"):
        mentions = {d.id: extract_document(d) for d in cdocs}
    with _stage(timings, "drift"):
        findings = compare(cdocs, table, mentions, reference=ref)
    with _stage(timings, "score"):
        scores = score_cluster(cdocs, table, findings, reference=ref, vectors=sentence_vectors(cdocs, encoder))
        ranked = scores.ranked()
        original = choose_original(cdocs, ranked, ref)
        one_to_one = {d: _one_to_one_share(table, d) for d in members}
        chrf_orig = {
            d: (scores.surface.get((d, original)) or (None,))[0] for d in members
        }
        verdicts = label_cluster(
            cdocs, ranked, findings, scores.blame, one_to_one=one_to_one,
            chrf_to_original=chrf_orig, reference=ref, original=original,
        )
        # the original is the root of the family tree: nothing derives it, every other version
        # may derive from it (a translation that happens to score higher is still its child)
        lineage = [original] + [d for d in ranked if d != original]
        provenance = derive(cdocs, lineage, scores.rows, findings, scores.blame, scores.surface)
    results: dict[str, DocumentResult] = {}
    for d in cdocs:
        s = scores.scores[d.id]
        breakdown = dict(s.breakdown)
        if verdicts[d.id].signals:
            breakdown["mt_signals"] = dict(verdicts[d.id].signals)
        results[d.id] = DocumentResult(
            id=d.id, path=d.path, language=d.language, cluster=k, role=verdicts[d.id].role,
            labels=verdicts[d.id].labels, faithfulness=s.faithfulness, rank=s.rank,
            derived_from=provenance.get(d.id), breakdown=breakdown, meta=source_meta(d),
        )
    return table, findings, results


def _set_aside_one(
    doc: Document, clustering: Clustering, relation: Mapping[str, str], reasons: Mapping[str, str],
    context: Callable[[int], list[Document]], timings: MutableMapping[str, float] | None,
) -> tuple[DocumentResult, SetAside, list[Finding]]:
    """A document no cluster audited: its result (role and labels read off its own text), its
    set-aside entry (the reason, its closest document) and, when it is related coverage, the garble
    it shows on its own, checked against its cluster's documents (``context(k)``). An unrelated one is
    another story: nothing of this audit's concern."""
    from auditor.drift.standalone import standalone_garble
    from auditor.rank.labels import label_set_aside

    with _stage(timings, "score"):
        verdict = label_set_aside(doc, relation[doc.id])
    breakdown: dict[str, object] = {"reason": reasons.get(doc.id, "")}
    if verdict.signals:
        breakdown["mt_signals"] = dict(verdict.signals)
    result = DocumentResult(
        id=doc.id, path=doc.path, language=doc.language, cluster=None, role=verdict.role,
        labels=verdict.labels, faithfulness=None, rank=None, derived_from=None, breakdown=breakdown,
        meta=source_meta(doc),
    )
    best = clustering.best.get(doc.id)
    closest = None if best is None else ClosestMatch(
        id=best.other(doc.id), similarity=best.cosine, coverage=best.coverage, shingle_jaccard=best.jaccard)
    k = clustering.related_to.get(doc.id)
    entry = SetAside(id=doc.id, reason=reasons.get(doc.id, ""), relation=relation[doc.id],
                     related_to_cluster=k, closest=closest)
    findings: list[Finding] = []
    if entry.relation == "related":
        mt = bool({"machine-translated", "garbled"} & set(verdict.labels))
        with _stage(timings, "drift"):
            findings = standalone_garble(doc, context(k) if k is not None else [], nonwords=mt)
    return result, entry, findings


def _report_order(r: DocumentResult) -> tuple[bool, int, int, str]:
    """Where a document's result stands in the report: clusters in order, each by rank; then the
    set-aside documents by id."""
    return (r.cluster is None, r.cluster if r.cluster is not None else 0, r.rank or 0, r.id)


def _in_report_order(
    results: list[DocumentResult] | SpooledSequence[DocumentResult], order: Sequence[tuple[bool, int, int, str]],
) -> Sequence[DocumentResult]:
    """``results`` (``order`` holds each one's ``_report_order``) in report order; a spooled sequence
    is reordered in place, its items left on disk."""
    positions = sorted(range(len(order)), key=order.__getitem__)
    if isinstance(results, SpooledSequence):
        return results.reorder(positions)
    return tuple(results[i] for i in positions)
