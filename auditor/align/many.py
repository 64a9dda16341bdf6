"""N-document alignment: every version aligned to one pivot, and the rows of the combined table.

The pivot is the ``reference`` document when given, else the version most similar to all others
(the one the others were most likely derived from, or at least the one sharing most content), so
every other version is compared with the fullest text. Aligning each version to the pivot costs
N - 1 pair alignments instead of N^2 / 2, and gives every finding a common point of reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Sequence

import numpy as np

from auditor.align.pair import align_pair
from auditor.errors import InputError
from auditor.model import AlignmentTable, Document


def document_similarity(docs: Sequence[Document], encoder) -> np.ndarray:
    """Symmetric N x N similarity: mean over both directions of "share of x's sentences found in y"
    (each sentence's best cosine in the other document, averaged). 1.0 on the diagonal."""
    texts = [[s.text for s in d.content_sentences] for d in docs]
    flat = [t for ts in texts for t in ts]
    vecs = encoder.encode(flat) if flat else np.zeros((0, 1), dtype=np.float32)
    parts, start = [], 0
    for ts in texts:
        parts.append(vecs[start : start + len(ts)])
        start += len(ts)
    n = len(docs)
    cover = np.eye(n)
    for x in range(n):
        for y in range(n):
            if x != y and len(parts[x]) and len(parts[y]):
                cover[x, y] = float((parts[x] @ parts[y].T).max(axis=1).mean())
    return (cover + cover.T) / 2.0


def pick_pivot(docs: Sequence[Document], encoder, reference: str | None = None) -> Document:
    """The ``reference`` document (by id, or by path), else the one most similar to all others.

    Ties go to the earlier document, so the choice is deterministic for a given input order.
    """
    if not docs:
        raise InputError(None, "no documents to align")
    if reference is not None:
        for d in docs:
            if d.id == reference:
                return d
        for d in docs:
            if d.path == reference or d.path.endswith("/" + reference):
                return d
        known = ", ".join(d.id for d in docs)
        raise InputError("--reference", f"no document {reference!r} among the inputs ({known})")
    if len(docs) <= 2:
        # with two documents the score is symmetric; prefer the one with more content
        return max(docs, key=lambda d: (len(d.content_sentences), -docs.index(d)))
    sim = document_similarity(docs, encoder)
    totals = sim.sum(axis=1) - 1.0
    return docs[int(np.argmax(totals))]


def align_many(docs: Sequence[Document], encoder, reference: str | None = None, **options) -> AlignmentTable:
    """Align every document to the pivot (see module docstring); alignments follow input order."""
    pivot = pick_pivot(docs, encoder, reference)
    alignments = tuple(align_pair(pivot, d, encoder, **options) for d in docs if d.id != pivot.id)
    return AlignmentTable(pivot=pivot.id, alignments=alignments)


# --------------------------------------------------------------------------------------------------
# rows of the combined table
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """What one non-pivot document holds in a row: its sentence indexes, the link kind
    ("1-1", "1-2", "2-1", "2-2", "moved", "1-0" for omitted, "0-1" for added) and similarity."""

    indexes: tuple[int, ...]
    kind: str
    score: float | None = None


@dataclass(frozen=True)
class Row:
    """One row: a group of pivot sentences (empty for content only another version has) and,
    per other document id, its cell. A document missing from ``cells`` has nothing in this row."""

    pivot: tuple[int, ...]
    cells: Mapping[str, Cell] = field(default_factory=dict)


def _combine(kinds: list[str]) -> str:
    """One label for a cell built from several links (a pivot group that one version merged
    and another split): the most informative kind wins, "moved" over merges over 1-1."""
    order = ["moved", "2-2", "2-1", "1-2", "1-1", "1-0"]
    for k in order:
        if k in kinds:
            return k
    return kinds[0]


def table_rows(table: AlignmentTable, pivot_doc: Document) -> list[Row]:
    """Rows of the N-way table in pivot order, with added content after the row it follows.

    Pivot sentences that any version links together (a 2-1 bead, say) share a row, so every
    version's counterpart of that content sits in the same row.
    """
    order = [s.index for s in pivot_doc.content_sentences]
    pos = {idx: k for k, idx in enumerate(order)}
    # union adjacent pivot sentences that some link groups together
    joined = [False] * max(len(order) - 1, 0)
    for al in table.alignments:
        for link in al.links:
            ks = sorted(pos[i] for i in link.a if i in pos)
            for k0, k1 in zip(ks, ks[1:]):
                for k in range(k0, k1):
                    joined[k] = True
    groups: list[list[int]] = []
    for k, idx in enumerate(order):
        if k > 0 and joined[k - 1]:
            groups[-1].append(idx)
        else:
            groups.append([idx])
    group_of = {idx: g for g, members in enumerate(groups) for idx in members}

    cells: list[dict[str, Cell]] = [{} for _ in groups]
    added_after: dict[int, list[tuple[str, int]]] = {}
    for al in table.alignments:
        per_group: dict[int, list] = {}
        last_group = -1
        for link in al.links:
            if link.a:
                g = group_of.get(link.a[0])
                if g is None:
                    continue
                per_group.setdefault(g, []).append(link)
                if link.kind != "moved":
                    last_group = g
            else:
                for j in link.b:
                    added_after.setdefault(last_group, []).append((al.b, j))
        for g, links in per_group.items():
            idx = tuple(sorted({j for link in links for j in link.b}))
            scored = [link.score for link in links if link.b]
            cells[g][al.b] = Cell(
                indexes=idx,
                kind=_combine([link.kind for link in links]),
                score=round(min(scored), 4) if scored else None,
            )

    rows: list[Row] = [Row(pivot=(), cells={doc: Cell((j,), "0-1")}) for doc, j in added_after.get(-1, [])]
    for g, members in enumerate(groups):
        rows.append(Row(pivot=tuple(members), cells=cells[g]))
        rows.extend(Row(pivot=(), cells={doc: Cell((j,), "0-1")}) for doc, j in added_after.get(g, []))
    return rows
