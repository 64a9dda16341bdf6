"""JSON and JSON Lines exports: one article per object, the text and id under configurable fields."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator, Mapping
from typing import Any

from auditor.ingest.decode import clean_string

log = logging.getLogger(__name__)

JSONL_EXTENSIONS = {".jsonl", ".ndjson", ".jsonlines"}
JSON_EXTENSIONS = {".json"}

JSON_START = re.compile(r'^\s*(\[\s*[{\]]|\{\s*")')


class JSONTooDeep(ValueError):
    """JSON nested deeper than the parser's recursion limit: no article looks like that."""


def json_loads(text: str) -> Any:
    """``json.loads`` with bounded depth (Python's recursion limit, ~1000 levels; real exports nest a
    few): ``JSONTooDeep``, a ValueError, instead of a RecursionError that would end the whole run."""
    try:
        return json.loads(text)
    except RecursionError:
        raise JSONTooDeep("nested too deeply to be an article") from None



def article_fields(obj: Mapping[str, Any], text_field: str, id_field: str) -> tuple[Any, Any, dict[str, Any]]:
    text = obj.get(text_field)
    ident = obj.get(id_field)
    if isinstance(ident, str):
        ident = clean_string(ident)
    metadata = {
        clean_string(k): clean_string(v) if isinstance(v, str) else v
        for k, v in obj.items()
        if k not in (text_field, id_field) and isinstance(v, (str, int, float, bool)) and v is not None
    }
    return text, ident, metadata


def json_records(path: str, text: str, fmt: str) -> Iterator[tuple[int | None, Any]]:
    """Yield (line number or array index, parsed object) pairs; bad JSONL lines are warned and skipped."""
    if fmt == "jsonl":
        for lineno, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            try:
                yield lineno, json_loads(line)
            except ValueError as exc:
                log.warning(f"{path}:{lineno}: bad JSON line ({_short(exc)}), skipped")
        return
    try:
        data = json_loads(text)
    except JSONTooDeep as exc:
        log.warning(f"{path}: JSON {exc}, skipped")
        return
    except ValueError as exc:
        log.warning(f"{path}: invalid JSON ({_short(exc)}), skipped")
        return
    if isinstance(data, dict):
        # A single article, or a wrapper object holding the list ({"articles": [...]}).
        lists = [v for v in data.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)]
        if len(lists) == 1 and not isinstance(data.get("text"), str):
            data = lists[0]
        else:
            yield None, data
            return
    if not isinstance(data, list):
        log.warning(f"{path}: JSON holds no article objects, skipped")
        return
    yield from enumerate(data)


def _short(exc: Exception) -> str:
    return str(exc).split("\n", 1)[0][:120]

