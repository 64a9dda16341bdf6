"""The N-way views of an alignment table, all read through ``pivot_links`` (each alignment seen from
the pivot's side, so no caller flips links itself):

* ``Rows`` (``build_rows``): per pivot content sentence, the sentences of each version matched to it;
  which rows a majority carries; the aligned text of any two versions (scoring, provenance);
* ``table_rows``: the table laid out for people, pivot sentences a link joins sharing a row and added
  content after the row it follows (``auditor align``);
* the drift stage's units (``auditor.drift.units``) join linked sentences into connected groups.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from auditor.model import AlignmentTable, Document, Link, LinkKind

#: a link's kind read from the other side
_MIRROR: dict[LinkKind, LinkKind] = {"1-0": "0-1", "0-1": "1-0", "1-2": "2-1", "2-1": "1-2"}


def pivot_links(table: AlignmentTable, pivot: str) -> Iterator[tuple[str, str, tuple[Link, ...]]]:
    """Each alignment as ``(anchor, other, links)`` with every link read from the anchor's side
    (``link.a`` holds anchor sentences; "1-0" is anchor content the other omits). The anchor is the
    pivot; an alignment without it (none in a table ``align_many`` made) is read from its ``a`` side."""
    for al in table.alignments:
        if al.b == pivot and al.a != pivot:
            yield al.b, al.a, tuple(
                Link(a=link.b, b=link.a, score=link.score, kind=_MIRROR.get(link.kind, link.kind))
                for link in al.links
            )
        else:
            yield al.a, al.b, al.links


@dataclass(frozen=True)
class Rows:
    """The alignment table as rows of content: which sentences of each document say the same thing.

    ``pivot_rows[p][doc]`` is the tuple of ``doc``'s sentence indexes matched to pivot sentence ``p``
    (the pivot's own entry is ``(p,)``); ``extra[doc]`` counts content sentences only ``doc`` has.
    ``order[doc]`` is True for pivot rows ``doc`` carries in the pivot's order (False when moved).
    """

    pivot: str
    docs: tuple[str, ...]
    pivot_rows: Mapping[int, Mapping[str, tuple[int, ...]]]
    extra: Mapping[str, int]
    moved: Mapping[str, frozenset[int]]

    def present(self, p: int) -> tuple[str, ...]:
        return tuple(d for d in self.docs if d in self.pivot_rows[p])

    def has(self, doc: str, p: int) -> bool:
        return doc in self.pivot_rows[p]


def build_rows(docs: Sequence[Document], table: AlignmentTable) -> Rows:
    """Turn pivot-vs-other alignments into rows; boilerplate pivot sentences never form rows."""
    by_id = {d.id: d for d in docs}
    pivot = by_id[table.pivot]
    content = {s.index for s in pivot.content_sentences}
    rows: dict[int, dict[str, tuple[int, ...]]] = {p: {pivot.id: (p,)} for p in sorted(content)}
    extra: dict[str, int] = {d.id: 0 for d in docs}
    moved: dict[str, set[int]] = {d.id: set() for d in docs}
    for _, other, links in pivot_links(table, pivot.id):
        if other not in by_id:
            continue
        other_content = {s.index for s in by_id[other].content_sentences}
        for link in links:
            pa, ob = link.a, link.b
            ob = tuple(i for i in ob if i in other_content)
            pa = tuple(i for i in pa if i in content)
            if pa and ob:
                for p in pa:
                    prev = rows[p].get(other, ())
                    rows[p][other] = tuple(sorted(set(prev) | set(ob)))
                    if link.kind == "moved":
                        moved[other].add(p)
            elif ob:
                extra[other] += len(ob)
    return Rows(
        pivot=pivot.id,
        docs=tuple(sorted(by_id)),
        pivot_rows={p: dict(sorted(r.items())) for p, r in rows.items()},
        extra=extra,
        moved={d: frozenset(v) for d, v in moved.items()},
    )


def consensus_rows(rows: Rows, reference: str | None = None) -> list[int]:
    """Pivot rows that belong to the story's consensus (or all reference rows with a reference).

    Reference-free, a row is consensus when a strict majority of versions carry it; with only two
    versions there is no majority to be had, so every row of either counts.
    """
    if reference is not None or len(rows.docs) <= 2:
        return list(rows.pivot_rows)
    need = len(rows.docs) // 2 + 1
    return [p for p in rows.pivot_rows if len(rows.present(p)) >= need]


def coverage(rows: Rows, doc: str, consensus: Sequence[int], reference: str | None = None) -> float:
    """Share of consensus rows ``doc`` carries. With two versions and no reference, the other side's
    extra content also counts as consensus, so neither document is favoured for being the pivot."""
    total = len(consensus)
    have = sum(1 for p in consensus if rows.has(doc, p))
    if reference is None and len(rows.docs) == 2:
        others_extra = sum(n for d, n in rows.extra.items() if d != doc)
        total += others_extra
    return have / total if total else 1.0


def pair_texts(rows: Rows, docs: Mapping[str, Document], a: str, b: str) -> tuple[list[str], list[str]]:
    """Aligned text pairs of ``a`` and ``b`` (composed through the pivot), one per distinct match."""
    sa = {s.index: s.text for s in docs[a].sentences}
    sb = {s.index: s.text for s in docs[b].sentences}
    seen: set[tuple[tuple[int, ...], tuple[int, ...]]] = set()
    hyp: list[str] = []
    ref: list[str] = []
    for p in rows.pivot_rows:
        ia = rows.pivot_rows[p].get(a)
        ib = rows.pivot_rows[p].get(b)
        if not ia or not ib or (ia, ib) in seen:
            continue
        seen.add((ia, ib))
        hyp.append(" ".join(sa[i] for i in ia if i in sa))
        ref.append(" ".join(sb[i] for i in ib if i in sb))
    return hyp, ref


def own_rows(rows: Rows, d: str) -> Iterator[tuple[tuple[int, ...], Mapping[str, tuple[int, ...]]]]:
    """``d``'s aligned sentence groups, each once, with the row it sits in: a sentence merged with
    two pivot sentences (1-2) is in two rows but must be compared once."""
    seen: set[tuple[int, ...]] = set()
    for row in rows.pivot_rows.values():
        mine = row.get(d)
        if mine and mine not in seen:
            seen.add(mine)
            yield mine, row


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
    oriented = list(pivot_links(table, pivot_doc.id))
    for _, _, links in oriented:
        for link in links:
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
    for _, other, links in oriented:
        per_group: dict[int, list[Link]] = {}
        last_group = -1
        for link in links:
            if link.a:
                g = group_of.get(link.a[0])
                if g is None:
                    continue
                per_group.setdefault(g, []).append(link)
                if link.kind != "moved":
                    last_group = g
            else:
                for j in link.b:
                    added_after.setdefault(last_group, []).append((other, j))
        for g, grouped in per_group.items():
            b_indexes = tuple(sorted({j for link in grouped for j in link.b}))
            scored = [link.score for link in grouped if link.b]
            cells[g][other] = Cell(
                indexes=b_indexes,
                kind=_combine([link.kind for link in grouped]),
                score=round(min(scored), 4) if scored else None,
            )

    rows: list[Row] = [Row(pivot=(), cells={doc: Cell((j,), "0-1")}) for doc, j in added_after.get(-1, [])]
    for g, members in enumerate(groups):
        rows.append(Row(pivot=tuple(members), cells=cells[g]))
        rows.extend(Row(pivot=(), cells={doc: Cell((j,), "0-1")}) for doc, j in added_after.get(g, []))
    return rows
