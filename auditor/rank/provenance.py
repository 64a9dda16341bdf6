"""Provenance: which version each version most likely derives from, and why.

A derivative inherits its source's content, order and errors and adds errors of its own, so:

* its parent ranks above it (a copy is never more faithful than what it copied);
* it carries most of the parent's content and little the parent lacks (content the candidate
  dropped but this version still has means it was copied from something fuller);
* it follows the parent's sentence order;
* it shares the parent's own deviations from the consensus (shared unique errors are the classic
  stemma evidence: two copies that share a mistake share an ancestor);
* in the same language, its wording is closer to the parent than to the other candidates.

The affinity combines those with the weights below; the confidence is the best affinity discounted
by how close the runner-up came, so an even contest between two parents is reported as uncertain.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from auditor.align.rows import Rows
from auditor.cluster.lis import lis_length
from auditor.model import Document, Finding, Provenance
from auditor.rules import rule_phrase
from auditor.text import base_language

# --- weights (each with its reason) ---------------------------------------------------------------

#: affinity weights: content the version has but the candidate lacks is the strongest structural
#: evidence against a candidate (a copy cannot carry what its source never had), so it outweighs
#: content carried (which a shorter candidate satisfies too easily); wording similarity is strong within
#: a language (copies keep phrasing) but absent across languages; shared deviations are decisive when
#: present but usually absent, so they add to, never replace, the rest; order separates little among
#: versions of one wire story (nearly all keep it).
W_CARRIED = 0.20
W_NOT_EXTRA = 0.30
W_ORDER = 0.10
W_SURFACE = 0.25
W_SHARED = 0.15
#: two shared deviations already make a common ancestor very likely
SHARED_SATURATION = 2
#: below this affinity no candidate is a credible parent (e.g. two independent rewrites)
MIN_AFFINITY = 0.35


@dataclass(frozen=True)
class _Pair:
    carried: float      # share of the candidate's content rows the version carries
    extra: float        # share of the version's content rows the candidate lacks
    order: float        # share of shared rows in the same relative order
    surface: float | None  # chrF / 100 of version against candidate, None across languages
    shared: int         # deviations both are blamed for, that not every version has
    n_shared_rows: int
    n_parent_rows: int


#: (version, candidate) -> (chrF, TER or None) of the version against the candidate (``score``)
Surface = Mapping[tuple[str, str], tuple[float, float | None]]


def _pair(rows: Rows, d: str, p: str, blame: Mapping[str, Sequence[str]], surface: Surface, members: int) -> _Pair:
    mine = [r for r in rows.pivot_rows if rows.has(d, r)]
    theirs = [r for r in rows.pivot_rows if rows.has(p, r)]
    both = [r for r in mine if rows.has(p, r)]
    carried = len(both) / len(theirs) if theirs else 0.0
    d_total = len(mine) + rows.extra.get(d, 0)
    extra = (d_total - len(both)) / d_total if d_total else 1.0  # nothing aligned: nothing carried
    # relative order: walk the shared rows in the candidate's order, read the version's positions
    by_p = sorted(both, key=lambda r: (rows.pivot_rows[r][p][0], r))
    positions = [rows.pivot_rows[r][d][0] for r in by_p]
    order = lis_length(positions) / len(positions) if positions else 0.0
    s = surface.get((d, p))
    shared = sum(1 for docs in blame.values() if d in docs and p in docs and len(docs) < members)
    return _Pair(carried, extra, order, None if s is None else s[0] / 100.0, shared, len(both), len(theirs))


#: affinity margin a candidate parent in another language must beat a same-language one by: about
#: the spread of affinities between two sibling copies of one source (0.05-0.1 in the ranking bench)
SAME_LANGUAGE_PREFERENCE = 0.1


def _affinity(x: _Pair) -> float:
    parts = [
        (W_CARRIED, x.carried),
        (W_NOT_EXTRA, 1.0 - x.extra),
        (W_ORDER, x.order),
        (W_SHARED, min(x.shared, SHARED_SATURATION) / SHARED_SATURATION),
    ]
    if x.surface is not None:
        parts.append((W_SURFACE, x.surface))
    total = sum(w for w, _ in parts)
    return sum(w * v for w, v in parts) / total


def _new_errors(d: str, p: str, findings: Sequence[Finding], blame: Mapping[str, Sequence[str]]) -> Counter[str]:
    return Counter(f.code for f in findings if d in blame.get(f.id, ()) and p not in blame.get(f.id, ()))


def _describe(counts: Counter[str]) -> str:
    return ", ".join(rule_phrase(code, n) for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def derive(
    docs: Sequence[Document],
    ranked: Sequence[str],
    rows: Rows,
    findings: Sequence[Finding],
    blame: Mapping[str, Sequence[str]],
    surface: Surface,
) -> dict[str, Provenance | None]:
    """``derived_from`` for every member of one cluster (None for the top-ranked and for orphans)."""
    by_id = {d.id: d for d in docs}
    members = len(ranked)
    out: dict[str, Provenance | None] = {ranked[0]: None}
    for pos, d in enumerate(ranked[1:], start=1):
        candidates = ranked[:pos]
        # a version most plausibly derives from a source in its own language (translating and then
        # rewriting is two steps): a same-language candidate is preferred unless a candidate in
        # another language has clearly more affinity (SAME_LANGUAGE_PREFERENCE)
        same = {p: base_language(by_id[p].language) == base_language(by_id[d].language) for p in candidates}
        scored = sorted(
            ((round(_affinity(x := _pair(rows, d, p, blame, surface, members)), 4), p, x) for p in candidates),
            key=lambda t: (-(t[0] + (SAME_LANGUAGE_PREFERENCE if same[t[1]] else 0.0)), ranked.index(t[1])),
        )
        best_aff, parent, x = scored[0]
        if best_aff < MIN_AFFINITY:
            out[d] = None
            continue
        runner = scored[1][0] if len(scored) > 1 else 0.0
        # an even contest halves the confidence; an outright winner keeps its affinity
        confidence = best_aff * (0.5 + 0.5 * min(1.0, (best_aff - runner) / max(best_aff, 1e-9) * 4))
        evidence = [
            f"carries {x.carried:.0%} of {parent}'s content ({x.n_shared_rows} of {x.n_parent_rows} sentences)"
            + (f", {x.order:.0%} in the same order" if x.n_shared_rows else ""),
        ]
        if x.extra > 0:
            evidence.append(f"{x.extra:.0%} of its content is not in {parent}")
        else:
            evidence.append(f"has no content {parent} lacks")
        if x.shared:
            plural = "" if x.shared == 1 else "s"
            evidence.append(f"shares {x.shared} deviation{plural} from the consensus with {parent}")
        new = _new_errors(d, parent, findings, blame)
        if new:
            n_new = sum(new.values())
            evidence.append(f"adds {n_new} error{'' if n_new == 1 else 's'} of its own: {_describe(new)}")
        if x.surface is not None:
            others = [f"{surface[(d, q)][0]:.0f} to {q}" for _, q, _ in scored[1:] if (d, q) in surface]
            rest = f"; {', '.join(others)}" if others else ""
            evidence.append(f"wording closest to {parent} (chrF {x.surface * 100:.0f}{rest})")
        elif by_id[d].language != by_id[parent].language:
            evidence.append(f"a {by_id[d].language} version of {parent} ({by_id[parent].language})")
        out[d] = Provenance(id=parent, confidence=round(min(confidence, 0.99), 2), evidence=tuple(evidence))
    return out
