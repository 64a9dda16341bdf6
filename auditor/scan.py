"""Archive scan: stream an archive, group candidate stories with MinHash LSH, audit each group.

An archive (folders of articles, JSONL or JSONL.gz files, WARC files) is read as a stream of raw
*partitions* -- a few hundred files, JSONL lines or WARC records each -- so no input is ever held
whole. Each partition is parsed with the ordinary ingest code and every document is MinHash-signed
(the shingles and permutations of ``auditor.cluster``); that is the CPU-heavy part and the part that
runs in parallel on Dask. Documents are spooled to disk; their signatures go into a datasketch
``MinHashLSH`` and documents that share a bucket are joined into a candidate *story group*. Every
group of two or more documents is audited by ``run_audit`` (which does the fine clustering: a group
may hold one story, several, or related coverage that it sets aside), one group per task.

Output is one JSON line per group, ``{"story": id, "documents": [...], "report": {auditor.report/1}}``,
in story-id order, so a run on a Dask cluster writes the same bytes as an in-process run. The story
id is a hash of the group's document ids, so a rerun recognises groups already written and skips
them (the scan is resumable after an interruption).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

import numpy as np

from auditor.errors import InputError, warn
from auditor.model import Document

#: files, JSONL lines or WARC records per partition: big enough that a Dask task's overhead
#: (~1 ms) is small next to parsing and signing it, small enough to keep memory per task low
PARTITION_RECORDS = 256
#: stories audited per written batch in-process; on Dask, tasks in flight per worker
_IN_FLIGHT_PER_WORKER = 4

_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".json.gz")
_WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


@dataclass(frozen=True)
class RawRecord:
    """One input before parsing: display path, id stem, suffix (decides the format), bytes;
    ``line`` is the 1-based line of a JSONL record (ids and metadata use the file's numbering)."""

    path: str
    stem: str
    suffix: str
    data: bytes
    line: int | None = None


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for s in _JSONL_SUFFIXES + _WARC_SUFFIXES:
        if name.endswith(s):
            return s
    return path.suffix.lower()


def _stem(path: Path) -> str:
    name = path.name
    suffix = _suffix(path)
    return name[: len(name) - len(suffix)] if suffix and name.lower().endswith(suffix) else path.stem


def _files(paths: Sequence[str], glob: str | None) -> Iterator[Path]:
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(raw, "no such file or directory")
        if path.is_dir():
            try:
                found = sorted(
                    p for p in path.rglob(glob or "*")
                    if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            except OSError as exc:
                raise InputError(raw, exc.strerror or str(exc)) from exc
            except (NotImplementedError, ValueError) as exc:  # pathlib rejects absolute/empty patterns
                raise InputError("--glob", f"{glob!r}: {exc}") from exc
            if not found:
                warn(f"{raw}: no files{' matching ' + glob if glob else ''}, skipped")
            yield from found
        else:
            yield path


def _jsonl_records(path: Path) -> Iterator[RawRecord]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    stem = _stem(path)
    try:
        with opener(path, "rb") as fh:
            for lineno, line in enumerate(fh, 1):
                if line.strip():
                    yield RawRecord(str(path), stem, ".json", line, lineno)
    except (OSError, EOFError) as exc:  # gzip.BadGzipFile is an OSError
        warn(f"{path}: cannot read ({exc}), rest of the file skipped")


def _warc_records(path: Path) -> Iterator[RawRecord]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    try:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh):
                if record.rec_type not in ("response", "resource"):
                    continue
                ctype = (record.http_headers.get_header("Content-Type") if record.http_headers
                         else record.rec_headers.get_header("Content-Type")) or ""
                if "html" not in ctype and "text/plain" not in ctype:
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"record{record.rec_headers.get_header('WARC-Record-ID')}"
                suffix = ".html" if "html" in ctype else ".txt"
                yield RawRecord(f"{path}#{uri}", uri, suffix, record.content_stream().read())
    except (OSError, ArchiveLoadFailed) as exc:
        warn(f"{path}: not a readable WARC file ({str(exc).splitlines()[0][:120]}), rest of the file skipped")


def iter_raw(paths: Sequence[str], glob: str | None = None) -> Iterator[RawRecord]:
    """Every input record in a fixed order, read lazily (one JSONL line or WARC record at a time)."""
    seen: set[Path] = set()
    for path in _files(paths, glob):
        key = path.resolve()
        if key in seen:
            continue
        seen.add(key)
        suffix = _suffix(path)
        if suffix in _JSONL_SUFFIXES:
            yield from _jsonl_records(path)
        elif suffix in _WARC_SUFFIXES:
            yield from _warc_records(path)
        else:
            try:
                data = path.read_bytes()
            except OSError as exc:
                warn(f"{path}: cannot read ({exc.strerror or exc}), skipped")
                continue
            yield RawRecord(str(path), path.stem, suffix, data)


def partitions(records: Iterable[RawRecord], size: int = PARTITION_RECORDS) -> Iterator[list[RawRecord]]:
    batch: list[RawRecord] = []
    for rec in records:
        batch.append(rec)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def parse_record(rec: RawRecord, text_field: str = "text", id_field: str = "id") -> list[Document]:
    """The documents of one raw record, through the ordinary ingest code (decoding, HTML
    extraction, JSON fields, normalisation, warnings)."""
    from auditor.ingest import _documents_from_source, _Source

    if rec.line is None:
        return list(_documents_from_source(_Source(rec.path, rec.stem, rec.suffix, rec.data), text_field, id_field))
    # one JSONL line is read as a JSON file named "FILE:LINE": warnings then name the file's line,
    # and a record without an id gets "STEM:LINE" as the JSONL reader would give it
    where = f"{rec.path}:{rec.line}"
    docs = _documents_from_source(_Source(where, f"{rec.stem}:{rec.line}", ".json", rec.data), text_field, id_field)
    fmt = lambda f: "jsonl" + f[4:] if f.startswith("json") else f  # noqa: E731 - "json+html" too
    return [
        replace(d, path=rec.path, metadata={**d.metadata, "format": fmt(str(d.metadata.get("format", "json"))),
                                            "line": rec.line})
        for d in docs
    ]


def signature(doc: Document) -> np.ndarray:
    """MinHash hash values of the document's word shingles (``auditor.cluster``'s scheme)."""
    from datasketch import MinHash

    from auditor.cluster import NUM_PERM, SEED, content_texts, shingles

    m = MinHash(num_perm=NUM_PERM, seed=SEED)
    sh = shingles(content_texts(doc))
    if sh:
        m.update_batch(sorted(sh))
    return m.hashvalues


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


class _UnionFind:
    def __init__(self) -> None:
        self.parent: list[int] = []

    def add(self) -> int:
        self.parent.append(len(self.parent))
        return len(self.parent) - 1

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


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
    progress: Callable[[str], None] | None = None,
) -> ScanResult:
    """Scan ``paths`` into ``output`` (JSON Lines, appended; see the module docstring).

    ``client`` is a ``dask.distributed.Client``: partitions are signed and groups audited as its
    tasks; ``None`` runs everything in this process. Both write the same bytes."""
    from datasketch import MinHash, MinHashLSH

    from auditor.cluster import LSH_THRESHOLD, NUM_PERM, SEED
    from auditor.ingest import unique_ids
    from auditor.spool import DocumentSpool

    out_path = Path(output)
    done = finished_stories(out_path)
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    uf = _UnionFind()
    ids: list[str] = []
    with DocumentSpool() as spool:
        def signed() -> Iterator[tuple[Document, np.ndarray]]:
            parts = partitions(iter_raw(paths, glob))
            if client is None:
                for part in parts:
                    yield from sign_partition(part, text_field, id_field)
                return
            window = max(2, _IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {}))))
            pending: list = []
            for part in parts:  # bounded window, results taken in submission order
                pending.append(client.submit(sign_partition, part, text_field, id_field, pure=False))
                if len(pending) >= window:
                    yield from pending.pop(0).result()
            for fut in pending:
                yield from fut.result()

        pending_sig: list[np.ndarray] = []
        scheme = MinHash(num_perm=NUM_PERM, seed=SEED).scheme  # what ``signature`` hashed with

        def documents() -> Iterator[Document]:
            for doc, hv in signed():
                pending_sig.append(hv)  # unique_ids yields each document as soon as it gets it
                yield doc

        for doc in unique_ids(documents()):
            hv = pending_sig.pop()
            k = spool.append(doc)
            uf.add()
            ids.append(doc.id)
            m = MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=hv, scheme=scheme)
            for other in lsh.query(m):
                uf.union(k, other)
            lsh.insert(k, m)
        if not ids:
            where = paths[0] if len(paths) == 1 else ", ".join(paths)
            raise InputError(where, "no readable documents")
        if progress:
            progress(f"read {len(ids)} documents")
        members: dict[int, list[int]] = {}
        for k in range(len(ids)):
            members.setdefault(uf.find(k), []).append(k)
        groups = sorted(
            (story_id([ids[k] for k in ks]), ks) for ks in members.values() if len(ks) >= 2
        )
        singletons = sum(1 for ks in members.values() if len(ks) < 2)
        todo = [(sid, ks) for sid, ks in groups if sid not in done]
        if progress:
            progress(f"{len(groups)} story groups, {len(groups) - len(todo)} already in {out_path}")
        with open(out_path, "a", encoding="utf-8", newline="\n") as out:
            if client is None:
                for sid, ks in todo:
                    out.write(audit_group(sid, [spool.get(k) for k in ks], model, no_cache))
                    out.flush()
            else:
                window = max(2, _IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {}))))
                pending = []
                for sid, ks in todo:  # written in story order whatever order tasks finish in
                    docs_k = [spool.get(k) for k in ks]
                    pending.append(client.submit(audit_group, sid, docs_k, model, no_cache, pure=False))
                    if len(pending) >= window:
                        out.write(pending.pop(0).result())
                        out.flush()
                for fut in pending:
                    out.write(fut.result())
                    out.flush()
    return ScanResult(documents=len(ids), groups=len(groups), audited=len(todo),
                      resumed=len(groups) - len(todo), singletons=singletons)


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
    }
