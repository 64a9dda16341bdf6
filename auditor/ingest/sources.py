"""Read the article files a newsroom actually has (files, folders, stdin) into unsegmented ``Document`` objects.

Paths may be files, directories (walked recursively, sorted so runs are reproducible) or ``-`` for
stdin; each input's bytes go to ``ingest.documents`` (decode, sniff the format, read it). Problems a
user can fix about the whole run (a path that does not exist) raise ``InputError``; problems with one
file or one JSONL line (empty, binary, undecodable, bad JSON) are a one-line ``warn`` and a skip, so
one broken file does not sink an archive. ``iter_documents`` streams; ``read_paths`` collects and makes
duplicate ids unique.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from auditor.errors import InputError
from auditor.fileio import file_kind
from auditor.ingest.decode import clean_string
from auditor.ingest.documents import Source, documents_from_source
from auditor.model import Document

log = logging.getLogger(__name__)


def _is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def folder_files(folder: Path, raw: str, glob: str | None) -> list[Path]:
    """The files of ``folder`` (recursive, hidden ones skipped, ``glob`` applied), sorted; a warning
    when there are none, a one-line InputError for an unreadable folder or a bad pattern."""
    try:
        files = sorted(p for p in folder.rglob(glob or "*") if p.is_file() and not _is_hidden(p, folder))
    except OSError as exc:
        raise InputError(raw, exc.strerror or str(exc)) from exc
    except (NotImplementedError, ValueError) as exc:  # pathlib rejects absolute/empty patterns
        raise InputError(None, f"{glob!r}: {exc}", option="glob") from exc
    if not files:
        log.warning(f"{raw}: no files{' matching ' + glob if glob else ''}, skipped")
    return files


def _iter_sources(paths: Sequence[str], glob: str | None) -> Iterator[Source]:
    # A file named twice (or inside a folder also named) is one version, not two identical ones:
    # two copies would agree with each other and skew the N-way consensus.
    seen: set[Path] = set()

    def first_time(file: Path) -> bool:
        key = file.resolve()
        if key in seen:
            log.warning(f"{file}: given more than once, read once")
            return False
        seen.add(key)
        return True

    for raw in paths:
        if raw == "-":
            yield Source(path="-", stem="stdin", suffix="", data=sys.stdin.buffer.read())
            continue
        path = Path(raw)
        if not path.exists():
            raise InputError(raw, "no such file or directory")
        if path.is_dir():
            for file in folder_files(path, raw, glob):
                if not first_time(file):
                    continue
                try:
                    data = file.read_bytes()
                except OSError as exc:
                    log.warning(f"{file}: cannot read ({exc.strerror or exc}), skipped")
                    continue
                yield Source(
                    path=clean_string(str(file)), stem=clean_string(file.stem), suffix=file.suffix.lower(), data=data
                )
            continue
        if not path.is_file():
            # a FIFO would block the run forever, a device never ends: only regular files are articles
            raise InputError(raw, f"not a regular file ({file_kind(path.stat().st_mode, 'special file')}); "
                                 "pass a file, a folder or - for stdin")
        if not first_time(path):
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(raw, exc.strerror or str(exc)) from exc
        # file names that are not valid UTF-8 reach Python with surrogates; ids and paths must print
        yield Source(path=clean_string(str(path)), stem=clean_string(path.stem), suffix=path.suffix.lower(), data=data)


def iter_documents(
    paths: Iterable[str] | str,
    *,
    glob: str | None = None,
    text_field: str = "text",
    id_field: str = "id",
) -> Iterator[Document]:
    """Stream unsegmented documents from files, folders and stdin, one at a time.

    Ids are not yet de-duplicated (that needs to see every id); ``read_paths`` does it.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [str(paths)]
    paths = [str(p) for p in paths]
    for source in _iter_sources(paths, glob):
        yield from documents_from_source(source, text_field, id_field)


def unique_ids(docs: Iterable[Document]) -> Iterator[Document]:
    """Give repeated ids a ``~2``, ``~3``... suffix in input order, so results are deterministic."""
    seen: set[str] = set()
    counts: dict[str, int] = {}
    for doc in docs:
        ident = doc.id
        if ident in seen:
            n = counts.get(ident, 1)
            while True:
                n += 1
                candidate = f"{ident}~{n}"
                if candidate not in seen:
                    break
            counts[ident] = n
            doc = replace(doc, id=candidate)
        seen.add(doc.id)
        yield doc


def read_paths(
    paths: Iterable[str] | str,
    *,
    glob: str | None = None,
    text_field: str = "text",
    id_field: str = "id",
) -> list[Document]:
    """All readable documents under ``paths`` with unique ids (unsegmented)."""
    return list(unique_ids(iter_documents(paths, glob=glob, text_field=text_field, id_field=id_field)))
