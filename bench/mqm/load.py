"""Loader for the committed MQM dev subset (``bench/data/mqm/mqm.jsonl``, built by ``build.py``;
``mqm_ende.jsonl`` for English→German, same format).

One ``Doc`` per document: the source segments (Chinese, or English for en-de), the human reference, and every MT system with
its segments, per-segment MQM score (Google's average error score: 0 is perfect, -5 one major error,
``None`` where the segment was not rated) and, for TED, the raters' error spans.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

DATA = Path(__file__).resolve().parents[1] / "data" / "mqm" / "mqm.jsonl"
#: the English→German counterpart (WMT21 en-de newstest2021 and TED; English sources)
DATA_ENDE = DATA.parent / "mqm_ende.jsonl"


@dataclass(frozen=True)
class ErrorSpan:
    """One rater's error on one segment: char span into the clean segment text (None when the error
    was marked without a span, e.g. an omission), MQM category and severity."""

    start: int | None
    end: int | None
    category: str
    severity: str
    rater: str


@dataclass(frozen=True)
class SystemOutput:
    """A version of the document: one segment per source segment, aligned by position."""

    name: str
    segments: tuple[str, ...]
    mqm: tuple[float | None, ...]
    spans: tuple[tuple[ErrorSpan, ...], ...] | None = None
    human: bool = False

    def rated_mean(self) -> float | None:
        """Mean MQM over the rated segments (the document score); None if none is rated."""
        rated = [m for m in self.mqm if m is not None]
        return sum(rated) / len(rated) if rated else None


@dataclass(frozen=True)
class Doc:
    testset: str
    split: str
    doc_id: str
    seg_ids: tuple[int, ...]
    source: tuple[str, ...]
    reference: SystemOutput
    systems: tuple[SystemOutput, ...]

    def system(self, name: str) -> SystemOutput:
        for s in self.systems:
            if s.name == name:
                return s
        raise KeyError(name)

    @property
    def key(self) -> str:
        """Unique across testsets."""
        return f"{self.testset}/{self.doc_id}"


def _spans(raw: list[list[dict]] | None) -> tuple[tuple[ErrorSpan, ...], ...] | None:
    if raw is None:
        return None
    return tuple(
        tuple(ErrorSpan(s["start"], s["end"], s["category"], s["severity"], s["rater"]) for s in seg) for seg in raw
    )


def _doc(r: dict) -> Doc:
    return Doc(
        testset=r["testset"],
        split=r["split"],
        doc_id=r["doc_id"],
        seg_ids=tuple(r["seg_ids"]),
        source=tuple(r["source"]),
        reference=SystemOutput(
            name=r["reference_system"], segments=tuple(r["reference"]), mqm=tuple(r["reference_mqm"]),
            spans=_spans(r.get("reference_spans")), human=True,
        ),
        systems=tuple(
            SystemOutput(name=s["name"], segments=tuple(s["segments"]), mqm=tuple(s["mqm"]), spans=_spans(s["spans"]))
            for s in r["systems"]
        ),
    )


def iter_docs(path: Path | str = DATA) -> Iterator[Doc]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield _doc(json.loads(line))


def load_docs(path: Path | str = DATA, *, testset: str | None = None, split: str | None = None) -> list[Doc]:
    """All documents, optionally only one testset ("newstest2021", "ted") and/or split ("fit",
    "test", "heldout"), in file order (newstest2021 by first segment id, then TED by talk)."""
    return [
        d for d in iter_docs(path)
        if (testset is None or d.testset == testset) and (split is None or d.split == split)
    ]
