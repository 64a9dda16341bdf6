"""Archives read as a stream of raw records: folders, JSONL(.gz) files one line at a time, WARC records.

Nothing is held whole: ``iter_raw`` yields one record at a time in a fixed order, ``partitions`` batches
them for parallel parsing, and ``parse_record`` reads a record through the ordinary ingest code.
"""

from __future__ import annotations

import gzip
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from auditor.errors import InputError
from auditor.ingest.documents import Source, documents_from_source
from auditor.ingest.sources import folder_files
from auditor.model import Document

log = logging.getLogger(__name__)

#: files, JSONL lines or WARC records per partition: big enough that a Dask task's overhead
#: (~1 ms) is small next to parsing and signing it, small enough to keep memory per task low
PARTITION_RECORDS = 256

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
        log.warning(f"{path}: cannot read ({exc}), rest of the file skipped")


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
                uri = (record.rec_headers.get_header("WARC-Target-URI")
                       or f"record{record.rec_headers.get_header('WARC-Record-ID')}")
                suffix = ".html" if "html" in ctype else ".txt"
                yield RawRecord(f"{path}#{uri}", uri, suffix, record.content_stream().read())
    except (OSError, ArchiveLoadFailed) as exc:
        log.warning(f"{path}: not a readable WARC file ({str(exc).splitlines()[0][:120]}), rest of the file skipped")


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
                log.warning(f"{path}: cannot read ({exc.strerror or exc}), skipped")
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
    if rec.line is None:
        return list(documents_from_source(Source(rec.path, rec.stem, rec.suffix, rec.data), text_field, id_field))
    # one JSONL line is read as a JSON file named "FILE:LINE": warnings then name the file's line,
    # and a record without an id gets "STEM:LINE" as the JSONL reader would give it
    where = f"{rec.path}:{rec.line}"
    docs = documents_from_source(Source(where, f"{rec.stem}:{rec.line}", ".json", rec.data), text_field, id_field)

    def fmt(f: str) -> str:  # "json+html" too
        return "jsonl" + f[4:] if f.startswith("json") else f

    return [
        replace(d, path=rec.path, metadata={**d.metadata, "format": fmt(str(d.metadata.get("format", "json"))),
                                            "line": rec.line})
        for d in docs
    ]
