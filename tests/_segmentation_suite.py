"""The public sentence-boundary cases of tests/data/segmentation/ and the one scoring rule that the
tests and bench/bench_ingest.py share.

A case is right when a splitter puts sentence ends where the suite does. Ends are compared as counts
of non-space characters before each end, so the comparison does not depend on whitespace the suites'
expected strings trimmed or joined (pySBD's "clean" cases, pragmatic_segmenter's "errant newline"
cases) and a splitter may leave a leading bullet marker out of its sentence (ours does: "• 9." is a
list marker, not text to compare), yet every dropped, merged or extra boundary counts as wrong.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "segmentation"


@dataclass(frozen=True)
class Case:
    id: str
    lang: str
    source: str
    text: str
    expected: tuple[str, ...]
    upstream_xfail: bool = False


def load_cases() -> list[Case]:
    """Every case of every ``*.jsonl`` file under tests/data/segmentation/, in file order."""
    cases = []
    for path in sorted(DATA.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                row["expected"] = tuple(row["expected"])
                cases.append(Case(**row))
    return cases


def _nonspace(text: str) -> int:
    return sum(1 for ch in text if not ch.isspace())


def expected_ends(case: Case) -> list[int]:
    """Sentence ends of the suite, as non-space character counts from the start of the text."""
    ends, total = [], 0
    for sentence in case.expected:
        total += _nonspace(sentence)
        ends.append(total)
    return ends


def span_ends(text: str, spans: Sequence[tuple[int, int]]) -> list[int]:
    """Ends of (start, end) spans, as non-space character counts from the start of ``text``."""
    return [_nonspace(text[:end]) for _, end in spans]


def strings_to_spans(text: str, pieces: Sequence[str]) -> list[tuple[int, int]] | None:
    """Offsets of a string-returning splitter's pieces, by a forward search; ``None`` if a piece is
    not in the text in order (the splitter changed the text)."""
    spans, pos = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        found = text.find(piece, pos)
        if found < 0:
            return None
        spans.append((found, found + len(piece)))
        pos = found + len(piece)
    return spans


SpanSplitter = Callable[[str, str], "Sequence[tuple[int, int]] | None"]


def is_right(case: Case, spans: Sequence[tuple[int, int]] | None) -> bool:
    """The splitter's ends are the suite's ends and its spans slice the text (no offset past the end)."""
    if spans is None or any(not (0 <= s < e <= len(case.text)) for s, e in spans):
        return False
    return span_ends(case.text, spans) == expected_ends(case)
