"""The ``auditor.report/1`` JSON: the one saved form of a Report that every other format renders from.

Writing is canonical (fixed key order, floats rounded, no timestamps) so the same audit gives the same
bytes, which makes reports diffable, cacheable and usable as baselines. Reading checks the schema
version first and then validates against the shipped JSON Schema, so a report from another version or
a hand-edited file fails with one clear line instead of a KeyError deep inside a renderer.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from auditor.errors import InputError
from auditor.model import (
    Alignment,
    AlignmentTable,
    ClosestMatch,
    DocumentResult,
    Evidence,
    Finding,
    Link,
    Provenance,
    Report,
    Sentence,
    SetAside,
    ToolInfo,
    sentence_from_dict,
    sentence_to_dict,
)
from auditor.report.base import cluster_count, iter_cluster_tables, severity_counts

SCHEMA_ID = "auditor.report/1"

#: Scores are similarities and weights: four decimals is far below what any decision turns on, and
#: rounding hides last-bit float noise between platforms so identical audits give identical bytes.
FLOAT_DIGITS = 4


def _num(value: Any) -> Any:
    """A JSON-safe number: numpy scalars unwrapped, floats rounded, NaN/inf (not JSON) become null."""
    if hasattr(value, "item") and not isinstance(value, (list, tuple, dict)):
        value = value.item()
    if isinstance(value, bool) or value is None or isinstance(value, int):
        return value
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        rounded = round(value, FLOAT_DIGITS)
        return 0.0 if rounded == 0 else rounded  # no "-0.0"
    return value


def _plain(value: Any) -> Any:
    """Free-form mappings (breakdown, set-aside reasons) as JSON values, keeping the producer's order."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return [_plain(v) for v in items]
    if isinstance(value, str):
        return value
    value = _num(value)
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return str(value)


#: the keys of a set-aside entry this version writes, in the order it writes them
_SET_ASIDE_KEYS = ("id", "relation", "reason", "related_to_cluster", "closest")


def set_aside_to_dict(item: SetAside) -> dict[str, Any]:
    """A set-aside entry as JSON data: absent facts (no relation, no cluster, no closest match) are left
    out, and keys kept from another version's report follow the known ones."""
    out: dict[str, Any] = {"id": item.id}
    if item.relation is not None:
        out["relation"] = item.relation
    out["reason"] = item.reason
    if item.related_to_cluster is not None:
        out["related_to_cluster"] = item.related_to_cluster
    if item.closest is not None:
        c = item.closest
        out["closest"] = {"id": c.id, "similarity": _num(c.similarity), "coverage": _num(c.coverage),
                          "shingle_jaccard": _num(c.shingle_jaccard)}
    out.update((k, _plain(v)) for k, v in item.extra.items() if k not in out)
    return out


def set_aside_from_dict(data: Mapping[str, Any]) -> SetAside:
    """The inverse of ``set_aside_to_dict``; a ``closest`` without its four figures is kept as it was."""
    closest = data.get("closest")
    match = None
    if isinstance(closest, Mapping) and {"id", "similarity", "coverage", "shingle_jaccard"} <= closest.keys():
        match = ClosestMatch(id=str(closest["id"]), similarity=float(closest["similarity"]),
                             coverage=float(closest["coverage"]), shingle_jaccard=float(closest["shingle_jaccard"]))
    cluster = data.get("related_to_cluster")
    relation = data.get("relation")
    return SetAside(
        id=str(data["id"]),
        reason=str(data.get("reason", "")),
        relation=None if relation is None else str(relation),
        related_to_cluster=cluster if isinstance(cluster, int) else None,
        closest=match,
        extra={k: v for k, v in data.items()
               if k not in _SET_ASIDE_KEYS or (k == "closest" and match is None)
               or (k == "related_to_cluster" and not isinstance(cluster, int))},
    )


def _document_to_dict(d: DocumentResult, report: Report) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": d.id,
        "path": d.path,
        "language": d.language,
        "cluster": d.cluster,
        "role": d.role,
        "labels": list(d.labels),
        "faithfulness": _num(d.faithfulness),
        "rank": d.rank,
        "derived_from": None
        if d.derived_from is None
        else {
            "id": d.derived_from.id,
            "confidence": _num(d.derived_from.confidence),
            "evidence": list(d.derived_from.evidence),
        },
        "breakdown": _plain(d.breakdown),
    }
    if d.meta:
        out["meta"] = {k: str(v) for k, v in sorted(d.meta.items())}
    if d.id in report.sentences:
        out["sentences"] = [sentence_to_dict(s) for s in report.sentences[d.id]]
    if d.id in report.line_starts:
        out["line_starts"] = list(report.line_starts[d.id])
    return out


def _finding_to_dict(f: Finding) -> dict[str, Any]:
    return {
        "id": f.id,
        "code": f.code,
        "kind": f.kind,
        "severity": f.severity,
        "message": f.message,
        "documents": list(f.documents),
        "evidence": [
            {"document": e.document, "sentence": e.sentence, "start": e.start, "end": e.end, "text": e.text}
            for e in f.evidence
        ],
    }


def _alignment_to_dict(a: Alignment, cluster: int | None) -> dict[str, Any]:
    return {
        "cluster": cluster,
        "documents": [a.a, a.b],
        "links": [
            {"a": list(link.a), "b": list(link.b), "score": _num(link.score), "kind": link.kind}
            for link in a.links
        ],
    }


class _Items:
    """A list of the report written item by item (documents, findings, alignments): ``iter_dumps``
    never holds more than one of them as JSON data, ``report_to_dict`` makes it a list."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items = items


def _report_fields(report: Report) -> list[tuple[str, Any]]:
    """The report's top-level keys in their fixed order (see the schema file), each long list as
    ``_Items``, so one description of the layout serves the whole dict and the streamed text."""
    members: dict[int | None, list[str]] = {}
    for d in report.documents:
        members.setdefault(d.cluster, []).append(d.id)
    fields: list[tuple[str, Any]] = [
        ("schema", SCHEMA_ID),
        ("tool", {
            "name": report.tool.name,
            "version": report.tool.version,
            "model": report.tool.model,
            "sacrebleu_signature": report.tool.sacrebleu_signature,
        }),
        # Derived totals, written for consumers (CI gates, dashboards) that should not re-count;
        # ignored when reading back.
        ("summary", {
            "documents": len(report.documents),
            "clusters": cluster_count(report),
            "findings": severity_counts(report.findings),
        }),
        ("documents", _Items(_document_to_dict(d, report) for d in report.documents)),
        ("set_aside", _Items(set_aside_to_dict(item) for item in report.set_aside)),
        ("findings", _Items(_finding_to_dict(f) for f in report.findings)),
        # first story's pivot, for readers of one-story reports; ``clusters`` has every story's
        ("pivot", report.alignments[0].pivot if report.alignments else None),
        ("clusters", _Items(
            {"id": k, "pivot": table.pivot,
             "documents": members.get(k) or [table.pivot] + [a.b for a in table.alignments]}
            for k, table in iter_cluster_tables(report)
        )),
        ("alignments", _Items(_alignment_to_dict(a, k) for k, table in iter_cluster_tables(report)
                              for a in table.alignments)),
    ]
    if report.timings:
        fields.append(("timings", {str(k): round(float(v), 2) for k, v in report.timings.items()}))
    return fields


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as ``auditor.report/1`` JSON data (key order fixed; see the schema file).

    ``timings`` is written only when the report carries them (``auditor audit --timings``): run
    times differ on every run, and without them the same audit gives the same bytes."""
    return {k: list(v.items) if isinstance(v, _Items) else v for k, v in _report_fields(report)}


def iter_dumps(report: Report) -> Iterator[str]:
    """``dumps`` in pieces, one top-level value or list item at a time: a folder's report is written
    without its whole JSON data in memory (at 2,000 articles that data peaked at 150 MB for an 18 MB
    file). The bytes are ``json.dumps(report_to_dict(report), indent=2)``'s."""

    def value(v: Any, indent: str) -> str:
        return json.dumps(v, ensure_ascii=False, indent=2).replace("\n", "\n" + indent)

    yield "{"
    for k, (key, v) in enumerate(_report_fields(report)):
        yield ("\n  " if k == 0 else ",\n  ") + json.dumps(key, ensure_ascii=False) + ": "
        if not isinstance(v, _Items):
            yield value(v, "  ")
            continue
        empty = True
        for item in v.items:
            yield ("[\n    " if empty else ",\n    ") + value(item, "    ")
            empty = False
        yield "[]" if empty else "\n  ]"
    yield "\n}\n"


def dumps(report: Report) -> str:
    """Canonical JSON text: same report, same bytes (UTF-8 kept readable, two-space indent, final newline)."""
    return "".join(iter_dumps(report))


@lru_cache(maxsize=1)
def report_schema() -> dict[str, Any]:
    """The JSON Schema shipped with auditor (``auditor/schemas/report.schema.json``)."""
    text = resources.files("auditor").joinpath("schemas/report.schema.json").read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate_report_dict(data: Any, *, where: str | None = None) -> None:
    """Check the schema version, then the whole document against the JSON Schema.

    The version is checked first and on its own so a report of another version gets the message that
    matters ("re-run the audit") rather than whichever structural difference the validator hits first.
    """
    if not isinstance(data, dict) or "schema" not in data:
        raise InputError(where, f'not an auditor report (no "schema" field; expected "{SCHEMA_ID}")')
    if data["schema"] != SCHEMA_ID:
        raise InputError(
            where,
            f"report schema {data['schema']!r} is not supported: this auditor reads {SCHEMA_ID!r}; "
            "re-run `auditor audit` with this version to get a report it can render",
        )
    import jsonschema  # imported here: only reading a saved report needs it

    validator = jsonschema.Draft202012Validator(report_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is not None:
        location = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        raise InputError(where, f"invalid {SCHEMA_ID} report at {location}: {error.message}")


def report_from_dict(data: Mapping[str, Any], *, where: str | None = None) -> Report:
    """Rebuild a Report from ``auditor.report/1`` data (validated first; see ``validate_report_dict``)."""
    validate_report_dict(data, where=where)
    tool = data["tool"]
    documents = []
    sentences: dict[str, tuple[Sentence, ...]] = {}
    line_starts: dict[str, tuple[int, ...]] = {}
    for d in data["documents"]:
        prov = d.get("derived_from")
        documents.append(
            DocumentResult(
                id=d["id"],
                path=d["path"],
                language=d["language"],
                cluster=d["cluster"],
                role=d["role"],
                labels=tuple(d["labels"]),
                faithfulness=d["faithfulness"],
                rank=d["rank"],
                derived_from=None
                if prov is None
                else Provenance(id=prov["id"], confidence=prov["confidence"], evidence=tuple(prov["evidence"])),
                breakdown=d.get("breakdown", {}),
                meta=d.get("meta", {}),
            )
        )
        if "sentences" in d:
            sentences[d["id"]] = tuple(sentence_from_dict(d["id"], s) for s in d["sentences"])
        if "line_starts" in d:
            line_starts[d["id"]] = tuple(d["line_starts"])
    findings = tuple(
        Finding(
            id=f["id"],
            code=f["code"],
            kind=f["kind"],
            severity=f["severity"],
            message=f["message"],
            documents=tuple(f["documents"]),
            evidence=tuple(Evidence(**e) for e in f["evidence"]),
        )
        for f in data["findings"]
    )
    def pairs(cluster: int | None) -> tuple[Alignment, ...]:
        return tuple(
            Alignment(
                a=a["documents"][0],
                b=a["documents"][1],
                links=tuple(
                    Link(a=tuple(k["a"]), b=tuple(k["b"]), score=k["score"], kind=k["kind"]) for k in a["links"]
                ),
            )
            for a in data["alignments"]
            if cluster is None or a.get("cluster") == cluster
        )

    if "clusters" in data:
        tables = tuple(AlignmentTable(pivot=c["pivot"], alignments=pairs(c["id"])) for c in data["clusters"])
    else:  # a one-story report written before ``clusters`` existed: every pair is the pivot's
        tables = () if data.get("pivot") is None else (AlignmentTable(pivot=data["pivot"], alignments=pairs(None)),)
    return Report(
        tool=ToolInfo(
            name=tool["name"],
            version=tool["version"],
            model=tool["model"],
            sacrebleu_signature=tool.get("sacrebleu_signature"),
        ),
        documents=tuple(documents),
        findings=findings,
        alignments=tables,
        sentences=sentences,
        set_aside=tuple(set_aside_from_dict(item) for item in data.get("set_aside", ())),
        line_starts=line_starts,
        timings=dict(data.get("timings", {})),
    )


def load_report(path: str | Path) -> Report:
    """Read a saved JSON report (``-``: stdin); every problem (missing, not JSON, wrong version) is one
    InputError."""
    where = "<stdin>" if str(path) == "-" else str(path)
    try:
        text = sys.stdin.read() if str(path) == "-" else Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(where, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(where, f"cannot read: {exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    return report_from_dict(data, where=where)
