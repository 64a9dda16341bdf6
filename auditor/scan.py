"""Archive scan: stream an archive, group candidate stories with MinHash LSH, audit each group.

An archive (folders of articles, JSONL or JSONL.gz files, WARC files) is read as a stream of raw
*partitions* -- a few hundred files, JSONL lines or WARC records each -- so no input is ever held
whole. Each partition is parsed with the ordinary ingest code and every document is MinHash-signed
(the shingles and permutations of ``auditor.cluster.stories``); that is the CPU-heavy part and the part that
runs in parallel on Dask. Documents are spooled to disk; their signatures go into a banded LSH index
(``auditor.cluster.bands``: datasketch's bands in compact storage, ~400 bytes a document) and
documents that share a bucket are joined into a candidate *story group*. Every group of two or more
documents is audited by ``run_audit`` (which does the fine clustering: a group may hold one story,
several, or related coverage that it sets aside), one group per task.

Output is one JSON line per group, ``{"story": id, "documents": [...], "report": {auditor.report/1}}``,
in story-id order, so a run on a Dask cluster writes the same bytes as an in-process run. The story
id is a hash of the group's document ids, so a rerun recognises groups already written and skips
them (the scan is resumable after an interruption).

A group whose audit raises is isolated: one warning names the story and its documents, the failure is
kept in ``ScanResult.failures`` (and the summary), nothing is written for it -- so the next run tries it
again -- and the scan goes on with the other groups. ``auditor.report.story_pages`` turns the records into
one HTML report per story and an index page; ``auditor.ingest.archive`` reads the archive.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from auditor.errors import InputError
from auditor.ingest.archive import RawRecord, iter_raw, parse_record, partitions
from auditor.model import Document

if TYPE_CHECKING:  # dask loads only for a distributed scan
    from distributed import Future

log = logging.getLogger(__name__)

#: stories audited per written batch in-process; on Dask, tasks in flight per worker
_IN_FLIGHT_PER_WORKER = 4


def signature(doc: Document) -> np.ndarray:
    """MinHash hash values of the document's word shingles (``auditor.cluster.stories``'s scheme)."""
    from auditor.cluster.lsh import shingle_signature
    from auditor.cluster.signals import content_texts

    return shingle_signature(content_texts(doc))


def sign_partition(batch: list[RawRecord], text_field: str = "text", id_field: str = "id") -> list[tuple[Document, np.ndarray]]:
    """Parse and sign one partition (runs on a Dask worker, or in-process)."""
    return [(d, signature(d)) for rec in batch for d in parse_record(rec, text_field, id_field)]


def story_id(doc_ids: Sequence[str]) -> str:
    """Stable id of a group: the same documents give the same id on every run."""
    return "s" + hashlib.sha1("\n".join(sorted(doc_ids)).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def audit_group(sid: str, docs: list[Document], model: str | None, no_cache: bool) -> str:
    """One story group's JSON line. The encoder is memoised per process (``load_encoder``), so a
    Dask worker loads it once for all the groups it audits."""
    from auditor.backends import load_encoder
    from auditor.pipeline import run_audit
    from auditor.report.serialize import report_to_dict

    encoder = load_encoder(model, cache=not no_cache)
    report = run_audit(docs, encoder)
    record = {"story": sid, "documents": sorted(d.id for d in docs), "report": report_to_dict(report)}
    return json.dumps(record, ensure_ascii=False) + "\n"


def _error_text(exc: BaseException) -> str:
    """An exception as one line of a warning: its type and the first line of its message."""
    first = (str(exc).strip().splitlines() or [""])[0][:200]
    return f"{type(exc).__name__}: {first}" if first else type(exc).__name__


def try_audit_group(sid: str, docs: list[Document], model: str | None, no_cache: bool) -> tuple[str | None, str | None]:
    """``audit_group`` that returns ``(line, None)``, or ``(None, error)`` when the audit raised: one
    story the code cannot handle must not cost the rest of an archive scan. Runs as the Dask task too,
    so a worker sends back the error text rather than a pickled exception."""
    try:
        return audit_group(sid, docs, model, no_cache), None
    except Exception as exc:  # noqa: BLE001 - isolated and reported per story by the caller
        return None, _error_text(exc)


def finished_stories(output: Path) -> set[str]:
    """Story ids already written to ``output``; a torn last line (the run was killed mid-write)
    is cut off so the file stays valid JSON Lines."""
    if not output.exists():
        return set()
    done: set[str] = set()
    good = 0
    with open(output, "rb") as fh:
        for line in fh:
            try:
                done.add(json.loads(line)["story"])
            except (ValueError, KeyError, TypeError):
                break
            good += len(line)
    if good != output.stat().st_size:
        with open(output, "r+b") as fh:
            fh.truncate(good)
    return done


@dataclass
class ScanResult:
    documents: int
    groups: int
    audited: int
    resumed: int
    singletons: int
    #: stories whose audit failed this run: ``{"story", "documents", "error"}``, in story order
    failures: list[dict[str, Any]] = field(default_factory=list)


def scan(
    paths: Sequence[str],
    output: str | os.PathLike[str],
    *,
    model: str | None = None,
    no_cache: bool = False,
    glob: str | None = None,
    text_field: str = "text",
    id_field: str = "id",
    client: Any = None,
    notify: Callable[[str], None] | None = None,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> ScanResult:
    """Scan ``paths`` into ``output`` (JSON Lines, appended; see the module docstring).

    ``client`` is a ``dask.distributed.Client``: partitions are signed and groups audited as its
    tasks; ``None`` runs everything in this process. Both write the same bytes. ``notify`` receives a
    line at each milestone; ``progress(stage, done, total)`` counts documents read ("read"), story
    groups found ("group") and stories audited ("audit"), as ``auditor.pipeline`` does."""
    from auditor.cluster.bands import BandIndex
    from auditor.cluster.params import LSH_THRESHOLD, NUM_PERM
    from auditor.cluster.unionfind import UnionFind
    from auditor.ingest.sources import unique_ids
    from auditor.spool import DocumentSpool

    out_path = Path(output)
    done = finished_stories(out_path)
    count = progress or (lambda stage, n, total: None)
    failures: list[dict[str, Any]] = []
    lsh = BandIndex(LSH_THRESHOLD, NUM_PERM)
    uf: UnionFind[int] = UnionFind()
    ids: list[str] = []
    with DocumentSpool() as spool:
        def signed() -> Iterator[tuple[Document, np.ndarray]]:
            parts = partitions(iter_raw(paths, glob))
            if client is None:
                for part in parts:
                    yield from sign_partition(part, text_field, id_field)
                return
            window = max(2, _IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {}))))
            pending: list[Future[list[tuple[Document, np.ndarray]]]] = []
            for part in parts:  # bounded window, results taken in submission order
                pending.append(client.submit(sign_partition, part, text_field, id_field, pure=False))
                if len(pending) >= window:
                    yield from pending.pop(0).result()
            for fut in pending:
                yield from fut.result()

        pending_sig: list[np.ndarray] = []

        def documents() -> Iterator[Document]:
            for doc, hv in signed():
                pending_sig.append(hv)  # unique_ids yields each document as soon as it gets it
                yield doc

        for doc in unique_ids(documents()):
            hv = pending_sig.pop()
            k = spool.append(doc)
            uf.add(k)
            ids.append(doc.id)
            count("read", len(ids), None)
            for other in sorted(lsh.query(hv)):
                uf.union(k, other)
            lsh.insert(k, hv)
        if not ids:
            where = paths[0] if len(paths) == 1 else ", ".join(paths)
            raise InputError(where, "no readable documents")
        count("read", len(ids), len(ids))
        if notify:
            notify(f"read {len(ids)} documents")
        members = uf.groups()
        groups = sorted(
            (story_id([ids[k] for k in ks]), ks) for ks in members.values() if len(ks) >= 2
        )
        singletons = sum(1 for ks in members.values() if len(ks) < 2)
        todo = [(sid, ks) for sid, ks in groups if sid not in done]
        count("group", len(groups), len(groups))
        if notify:
            notify(f"{len(groups)} story groups, {len(groups) - len(todo)} already in {out_path}")
        audited = 0
        count("audit", 0, len(todo))

        def put(sid: str, ks: list[int], outcome: tuple[str | None, str | None]) -> None:
            """Write one story's line, or warn about its failure and keep it for the summary."""
            nonlocal audited
            line, error = outcome
            if line is not None:
                out.write(line)
                out.flush()
            else:
                names = sorted(ids[k] for k in ks)
                log.warning(f"story {sid} ({', '.join(names)}): audit failed ({error}); skipped, a rerun retries it")
                failures.append({"story": sid, "documents": names, "error": error})
            audited += 1
            count("audit", audited, len(todo))

        with open(out_path, "a", encoding="utf-8", newline="\n") as out:
            if client is None:
                for sid, ks in todo:
                    put(sid, ks, try_audit_group(sid, [spool.get(k) for k in ks], model, no_cache))
            else:
                window = max(2, _IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {}))))
                pending: list[tuple[str, list[int], Any]] = []

                def take(sid: str, ks: list[int], fut: Any) -> None:
                    try:
                        outcome = fut.result()
                    except Exception as exc:  # noqa: BLE001 - a worker lost with the task (KilledWorker)
                        outcome = (None, _error_text(exc))
                    put(sid, ks, outcome)

                for sid, ks in todo:  # written in story order whatever order tasks finish in
                    docs_k = [spool.get(k) for k in ks]
                    pending.append((sid, ks, client.submit(try_audit_group, sid, docs_k, model, no_cache, pure=False)))
                    if len(pending) >= window:
                        take(*pending.pop(0))
                for item in pending:
                    take(*item)
    return ScanResult(documents=len(ids), groups=len(groups), audited=len(todo) - len(failures),
                      resumed=len(groups) - len(todo), singletons=singletons, failures=failures)


def summarise(output: str | os.PathLike[str], result: ScanResult) -> dict[str, Any]:
    """Totals over every record in ``output`` (so a resumed scan reports the whole archive)."""
    stories = findings = clustered = 0
    severities: dict[str, int] = {}
    records = 0
    with open(output, encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            records += 1
            summary = rec["report"]["summary"]
            stories += summary["clusters"]
            for sev, n in summary["findings"].items():
                severities[sev] = severities.get(sev, 0) + n
                findings += n
            clustered += sum(1 for d in rec["report"]["documents"] if d.get("cluster") is not None)
    return {
        "schema": "auditor.scan-summary/1",
        "documents": result.documents,
        "groups": records,
        "groups_audited_this_run": result.audited,
        "groups_resumed": result.resumed,
        "documents_alone": result.singletons,
        "stories": stories,
        "documents_in_stories": clustered,
        "findings": severities,
        "failures": list(result.failures),
    }
