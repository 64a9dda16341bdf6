"""One input's bytes to documents: decoded, its format decided from the content first and the extension
second (archives are full of ``.txt`` files holding HTML and ``.json`` files holding JSON Lines), then
read by that format's module. Plain text and Markdown need no reader of their own: they are the text."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from auditor.ingest.decode import DecodeError, decode_bytes_noted, looks_binary, normalise_text
from auditor.ingest.html_format import HTML_EXTENSIONS, HTML_SNIFF, HTML_TAGS, html_document
from auditor.ingest.json_format import (
    JSON_EXTENSIONS,
    JSON_START,
    JSONL_EXTENSIONS,
    JSONTooDeep,
    article_fields,
    json_loads,
    json_records,
)
from auditor.model import Document

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Source:
    """One input: its display path, the id stem and the raw bytes."""

    path: str
    stem: str
    suffix: str
    data: bytes


def sniff_format(source: Source, text: str) -> str:
    """"html", "json", "jsonl" or "text", from the content first and the extension second.

    Content decides JSON only when it parses (an article may well start with "[Updated]"); the
    extension decides when content is ambiguous, and a broken ``.json``/``.jsonl`` file is then
    reported as bad JSON rather than read as prose.
    """
    suffix = source.suffix
    head = text.lstrip()[:2048]
    if suffix in HTML_EXTENSIONS or HTML_SNIFF.match(source.data[:512]):
        return "html"
    if suffix in JSONL_EXTENSIONS:
        return "jsonl"
    if suffix in JSON_EXTENSIONS or JSON_START.match(head):
        lines = [line for line in text.lstrip().split("\n", 2) if line.strip()]
        if head.startswith("{") and len(lines) >= 2:
            try:
                json_loads(lines[0])
                return "jsonl"  # the first of several lines is a whole object: JSON Lines
            except JSONTooDeep:
                return "jsonl"  # reported (and skipped) line by line
            except ValueError:
                pass
        if suffix in JSON_EXTENSIONS:
            return "json"
        try:
            json_loads(text)
            return "json"
        except JSONTooDeep:
            return "json"  # JSON all right, just too deep: reported as such, not read as prose
        except ValueError:
            pass
    if len(HTML_TAGS.findall(head)) >= 3:
        return "html"
    return "text"


def documents_from_source(source: Source, text_field: str, id_field: str) -> Iterator[Document]:
    if not source.data.strip():
        log.warning(f"{source.path}: empty file, skipped")
        return
    try:
        raw_text, encoding, decode_notes = decode_bytes_noted(source.data)
    except DecodeError as exc:
        log.warning(f"{source.path}: {exc}, skipped")
        return
    if looks_binary(raw_text):
        log.warning(f"{source.path}: binary file, skipped")
        return
    for note in decode_notes:
        log.warning(f"{source.path}: {note}")
    fmt = sniff_format(source, raw_text)
    base_meta: dict[str, Any] = {"encoding": encoding}

    if fmt in ("json", "jsonl"):
        found = False
        for where, obj in json_records(source.path, raw_text, fmt):
            loc = f"{source.path}:{where}" if where is not None else source.path
            if not isinstance(obj, dict):
                log.warning(f"{loc}: not a JSON object, skipped")
                continue
            text, ident, meta = article_fields(obj, text_field, id_field)
            if not isinstance(text, str) or not text.strip():
                log.warning(f"{loc}: no text in field {text_field!r}, skipped")
                continue
            if ident is None or str(ident).strip() == "":
                ident = source.stem if where is None else f"{source.stem}:{where}"
            text, notes = normalise_text(text, loc)
            extra: dict[str, Any] = {}
            if len(HTML_TAGS.findall(text[:4096])) >= 3:
                # Archives often store the page's HTML in the text field: extract the article from it.
                extracted = html_document(source.path, text)
                if extracted is None:
                    log.warning(f"{loc}: no article text found in HTML field {text_field!r}, skipped")
                    continue
                text, extra = extracted
                extra["format"] = f"{fmt}+html"
            found = True
            yield Document(
                id=str(ident),
                path=source.path,
                text=text,
                # fields of the record win over what was read from the HTML
                metadata={**base_meta, "format": fmt, **extra, **meta, **({"line": where} if fmt == "jsonl" else {})},
                warnings=decode_notes + notes,
            )
        if not found:
            log.warning(f"{source.path}: no readable articles, skipped")
        return

    text, notes = normalise_text(raw_text, source.path)
    meta = dict(base_meta)
    if fmt == "html":
        result = html_document(source.path, text)
        if result is None:
            log.warning(f"{source.path}: no article text found in HTML, skipped")
            return
        text, html_meta = result
        meta.update(html_meta)
    else:
        meta["format"] = "markdown" if source.suffix in {".md", ".markdown"} else "text"
    if not text.strip():
        log.warning(f"{source.path}: no text, skipped")
        return
    yield Document(id=source.stem, path=source.path, text=text, metadata=meta, warnings=decode_notes + notes)
