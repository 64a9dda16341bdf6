"""The N-way view of an alignment table: which sentences of each version say the same thing as each
pivot sentence, which rows a majority carries, and the aligned text of any two versions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from auditor.model import AlignmentTable, Document


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
    for al in table.alignments:
        other = al.b if al.a == pivot.id else al.a
        flip = al.a != pivot.id
        if other not in by_id:
            continue
        other_content = {s.index for s in by_id[other].content_sentences}
        for link in al.links:
            pa, ob = (link.b, link.a) if flip else (link.a, link.b)
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
