"""Archive scan: stream an archive, group candidate stories with MinHash LSH, audit each group.

An archive (folders of articles, JSONL or JSONL.gz files, WARC files) is read as a stream of raw
*partitions* -- a few hundred files, JSONL lines or WARC records each -- so no input is ever held
whole. Each partition is parsed with the ordinary ingest code and every document is MinHash-signed
(the shingles and permutations of ``auditor.cluster.stories``); that is the CPU-heavy part and the part that
runs in parallel on Dask. Documents are spooled to disk; their signatures go into a datasketch
``MinHashLSH`` and documents that share a bucket are joined into a candidate *story group*. Every
group of two or more documents is audited by ``run_audit`` (which does the fine clustering: a group
may hold one story, several, or related coverage that it sets aside), one group per task.

Output is one JSON line per group, ``{"story": id, "documents": [...], "report": {auditor.report/1}}``,
in story-id order, so a run on a Dask cluster writes the same bytes as an in-process run. The story
id is a hash of the group's document ids, so a rerun recognises groups already written and skips
them (the scan is resumable after an interruption).

A group whose audit raises is isolated: one warning names the story and its documents, the failure is
kept in ``ScanResult.failures`` (and the summary), nothing is written for it -- so the next run tries it
again -- and the scan goes on with the other groups. ``write_story_pages`` turns the records into one
HTML report per story and an index page.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

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
    from auditor.ingest.sources import folder_files

    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(raw, "no such file or directory")
        if path.is_dir():
            yield from folder_files(path, raw, glob)
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
    from auditor.ingest.documents import Source, documents_from_source

    if rec.line is None:
        return list(documents_from_source(Source(rec.path, rec.stem, rec.suffix, rec.data), text_field, id_field))
    # one JSONL line is read as a JSON file named "FILE:LINE": warnings then name the file's line,
    # and a record without an id gets "STEM:LINE" as the JSONL reader would give it
    where = f"{rec.path}:{rec.line}"
    docs = documents_from_source(Source(where, f"{rec.stem}:{rec.line}", ".json", rec.data), text_field, id_field)
    fmt = lambda f: "jsonl" + f[4:] if f.startswith("json") else f  # noqa: E731 - "json+html" too
    return [
        replace(d, path=rec.path, metadata={**d.metadata, "format": fmt(str(d.metadata.get("format", "json"))),
                                            "line": rec.line})
        for d in docs
    ]


def signature(doc: Document) -> np.ndarray:
    """MinHash hash values of the document's word shingles (``auditor.cluster.stories``'s scheme)."""
    from datasketch import MinHash

    from auditor.cluster.params import NUM_PERM, SEED
    from auditor.cluster.signals import content_texts, shingles

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
    from datasketch import MinHash, MinHashLSH

    from auditor.cluster.params import LSH_THRESHOLD, NUM_PERM, SEED
    from auditor.cluster.unionfind import UnionFind
    from auditor.ingest.sources import unique_ids
    from auditor.spool import DocumentSpool

    out_path = Path(output)
    done = finished_stories(out_path)
    count = progress or (lambda stage, n, total: None)
    failures: list[dict[str, Any]] = []
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
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
            uf.add(k)
            ids.append(doc.id)
            count("read", len(ids), None)
            m = MinHash(num_perm=NUM_PERM, seed=SEED, hashvalues=hv, scheme=scheme)
            for other in lsh.query(m):
                uf.union(k, other)
            lsh.insert(k, m)
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
                warn(f"story {sid} ({', '.join(names)}): audit failed ({error}); skipped, a rerun retries it")
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
                warn(f"{exc}; no HTML page for story {sid}")
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
        f"<li><code>{escape(str(f['story']))}</code> ({escape(', '.join(f['documents']))}): {escape(str(f['error']))}</li>"
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
