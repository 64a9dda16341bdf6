"""Faithfulness: how closely each version of one story keeps its facts, content and wording.

Two bases:

* **reference** (``--reference``): fidelity to the document the editor names — every disagreement
  with it counts against the other side, coverage is of the reference's content, surface similarity
  is to the reference.
* **consensus** (the usual newsroom case, no reference): nobody is known to be right, so a version
  is faithful when its facts agree with what the *other versions* agree on. Each finding is
  attributed to the minority side (the drift stage groups readings N-way and lists the deviating
  versions). With no majority (two documents disagree and nobody else speaks), the reading of the
  alignment pivot is presumed right: the most central document (copies derive from an original and
  each copy is closer to it than to other copies) or, where centrality cannot tell (two documents,
  or a near-tie), the one with clearly fewer copying defects — garble, translation markers — and
  only then the fuller one (``auditor.align.many``). Attribution needs no rule of its own for this:
  the drift stage breaks every tie towards the pivot, so findings and blame tell the same story.

The score starts at 1 and loses points in five capped parts, so the breakdown says what cost what:
drift (facts: names, numbers, quotes, titles), garble (garbled phrasing), coverage (dropped
content), surface (wording: chrF and TER) and meaning (how close each sentence's embedding is to
the reference's, or to the other versions' in the same row). The caps, one set per basis, are fitted
on professional translators' MQM ratings by ``bench/fit_ranking.py`` (``auditor/data/ranking.json``;
figures and the editorial priors behind two of them in docs/ranking.md), never on the fixture.

Meaning is the mean sentence-embedding cosine over aligned rows: measured in every report, its
fitted cap is 0 until a larger fit set than the MQM one says otherwise (docs/ranking.md).

Surface similarity is sacrebleu chrF and TER over aligned sentence pairs (signature recorded).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, wraps
from typing import Any

from auditor.align.rows import Rows, build_rows, consensus_rows, coverage
from auditor.model import AlignmentTable, Document, Finding
from auditor.rank.surface import _pivot_ter, consensus_chrf, forget_cluster, sacrebleu_signature, surface_similarity
from auditor.rules import rule
from auditor.text import base_language

# --- weights (each with the reason it has this value) -----------------------------------------------

#: points per finding by severity: a critical fact error (wrong number, wrong speaker) costs three
#: times a minor one (a typo-like name edit); info (an added sentence, a moved paragraph) almost nothing.
#: A rule whose shown severity was later set by editorial harm keeps the weight class these points were
#: tuned on with bench/bench_ranking.py (``Rule.score_severity``), so scores stay as calibrated until
#: they are recalibrated on human ratings; every other rule is weighed by its finding's severity.
SEVERITY_POINTS: Mapping[str, float] = {"critical": 3.0, "major": 2.0, "minor": 1.0, "info": 0.25}


@dataclass(frozen=True)
class Weights:
    """The most each part can cost (they sum to 1, so the score stays in [0, 1]) and the saturation
    scales of the two finding parts, in points per ten consensus sentences. Fitted on human MQM
    ratings (``bench/fit_ranking.py``, figures in docs/ranking.md), one set per basis: with a
    reference the wording is measured against it, without one against the other versions."""

    chrf: float
    ter: float
    drift: float
    garble: float
    coverage: float
    drift_scale: float
    garble_scale: float
    #: sentence-embedding agreement (mean cosine over aligned rows); 0 in weights fitted before it existed
    semantic: float = 0.0


@lru_cache(maxsize=1)
def weights() -> Mapping[str, Weights]:
    """The shipped weights by basis ("reference", "consensus"), read once from auditor/data."""
    import json
    from importlib.resources import files

    raw = json.loads(files("auditor").joinpath("data/ranking.json").read_text(encoding="utf-8"))
    return {basis: Weights(**raw[basis]) for basis in ("reference", "consensus")}


#: which part a finding costs is its rule's ``scored``: garbled phrasing the garble part; a dropped
#: detail ("omission") half of drift's points, and with a reference that lacks some content the
#: versions that *have* it pay only the info weight of an addition; a dropped sentence ("coverage")
#: nothing, the coverage part measures it.
#: dropping a name, number or quote costs half of changing it (see ``score_cluster``)
OMISSION_FACTOR = 0.5
# --- attributing findings -----------------------------------------------------------------------------


def attribute(
    findings: Iterable[Finding], members: Sequence[str], *, reference: str | None = None
) -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """Finding id -> the documents at fault, and the ids whose attribution was inverted.

    The drift stage already reads every slot N-way: ``Finding.documents`` are the versions that
    deviate from the majority reading (ties to the pivot; with a reference, from the reference's
    reading), and the evidence starts with the right side. What can still name the reference is a
    fact only the other side carries (an omission from the reference: the others *added* it, so the
    fault is inverted onto them) and garbled phrasing in the reference's own text, which is nobody
    else's fault and is charged to no one.
    """
    member_set = set(members)
    out: dict[str, tuple[str, ...]] = {}
    inverted: set[str] = set()
    for f in findings:
        deviating = [d for d in dict.fromkeys(f.documents) if d in member_set]
        if reference is not None and reference in deviating:
            if rule(f.code).scored == "garble":
                continue
            others = [e.document for e in f.evidence if e.document in member_set and e.document not in deviating]
            deviating = list(dict.fromkeys(others))
            inverted.add(f.id)
        if deviating:
            out[f.id] = tuple(sorted(deviating))
    return out, frozenset(inverted)


# --- scoring -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocScore:
    id: str
    faithfulness: float
    rank: int
    breakdown: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class ClusterScores:
    """Scores of one cluster plus what later stages reuse (attribution, rows, surface similarity)."""

    basis: str
    scores: Mapping[str, DocScore]
    blame: Mapping[str, tuple[str, ...]]
    rows: Rows
    surface: Mapping[tuple[str, str], tuple[float, float | None]]
    signature: str

    def ranked(self) -> list[str]:
        return sorted(self.scores, key=lambda d: self.scores[d].rank)


def part_costs(w: Weights, *, drift_per_ten: float, garble_per_ten: float, coverage: float,
               chrf: float | None, ter: float | None, semantic: float | None = None) -> dict[str, float]:
    """The four costs of one version (unrounded): finding points per ten consensus sentences
    saturate, so one wrong number costs a lot and the twentieth wrong word little more than the
    tenth; wording is chrF (and TER, or chrF again where TER was not measured). One formula for the
    audit and for ``bench/fit_ranking.py``, which refits ``w`` from recorded breakdowns."""
    costs = {
        "drift": w.drift * (1.0 - math.exp(-drift_per_ten / w.drift_scale)),
        "garble": w.garble * (1.0 - math.exp(-garble_per_ten / w.garble_scale)),
        "coverage": w.coverage * (1.0 - coverage),
        "surface": 0.0,
        "semantic": w.semantic * (1.0 - max(0.0, min(1.0, semantic))) if semantic is not None else 0.0,
    }
    if chrf is not None:
        costs["surface"] = w.chrf * (1.0 - chrf / 100.0) + (
            w.ter * min(ter, 100.0) / 100.0 if ter is not None else w.ter * (1.0 - chrf / 100.0))
    return costs


def semantic_agreements(
    rows: Rows, docs: Mapping[str, Document], vectors: Mapping[str, Any], reference: str | None,
) -> dict[str, float | None]:
    """Each scored version's mean cosine between its sentences and the same row's sentences of the
    reference (any language: the encoder is multilingual) or, without one, of every other
    same-language version (averaged per row, so no version is privileged); None when no row has
    both sides. A row's side is the normalised sum of its sentence vectors, so a 1-2 merge reads as
    one sentence.

    One pass over the rows for every version: each side is summed once per row it sits in and read
    by every version there, and only that row's sides are held. Holding every side for the whole
    cluster instead cost a vector a sentence -- 32 KB with the lexical model's 8,192 buckets, 1.2 GB
    for a 20,000-sentence pair."""
    import numpy as np

    def side(doc: str, idx: tuple[int, ...]) -> Any:
        v = vectors[doc][[i for i in idx if i < len(vectors[doc])]].sum(axis=0)
        return v / n if (n := float(np.linalg.norm(v))) > 0 else None

    others: dict[str, list[str]] = {}
    for d in rows.docs:
        if d == reference or d not in vectors:
            continue
        lang = base_language(docs[d].language)
        if reference is not None:
            others[d] = [reference] if reference in vectors else []
        else:
            others[d] = [o for o in rows.docs if o != d and o in vectors and base_language(docs[o].language) == lang]
    sims: dict[str, list[float]] = {d: [] for d in others}
    seen: dict[str, set[tuple[int, ...]]] = {d: set() for d in others}
    for row in rows.pivot_rows.values():
        sides: dict[str, Any] = {}

        def row_side(doc: str, row: Mapping[str, tuple[int, ...]] = row, sides: dict[str, Any] = sides) -> Any:
            if doc not in sides:
                sides[doc] = side(doc, row[doc])
            return sides[doc]

        for d, theirs in others.items():
            mine = row.get(d)
            if not mine or mine in seen[d]:
                continue  # a sentence merged with two pivot sentences is compared once (own_rows)
            seen[d].add(mine)
            if not theirs or (a := row_side(d)) is None:
                continue
            row_sims = [float(a @ b) for o in theirs if row.get(o) and (b := row_side(o)) is not None]
            if row_sims:
                sims[d].append(sum(row_sims) / len(row_sims))
    return {d: sum(s) / len(s) if s else None for d, s in sims.items()}


def _forgets_cluster(fn: Callable[..., ClusterScores]) -> Callable[..., ClusterScores]:
    """The chrF memos (``auditor.rank.surface``) are shared within one cluster only: emptied when its
    scoring ends, however it ends, so memory stays one cluster's."""

    @wraps(fn)
    def scored(*args: Any, **kwargs: Any) -> ClusterScores:
        try:
            return fn(*args, **kwargs)
        finally:
            forget_cluster()

    return scored


@_forgets_cluster
def score_cluster(
    docs: Sequence[Document],
    table: AlignmentTable,
    findings: Sequence[Finding],
    *,
    reference: str | None = None,
    vectors: Mapping[str, Any] | None = None,
) -> ClusterScores:
    """Faithfulness in [0, 1] and rank (1 = most faithful) for every document of one cluster.

    ``vectors[doc]`` holds the unit-length embedding of each of the document's sentences, row i for
    sentence index i (the meaning part is not measured without them)."""
    by_id = {d.id: d for d in docs}
    if reference is not None and reference not in by_id:
        raise ValueError(f"reference {reference!r} is not in the cluster")
    rows = build_rows(docs, table)
    consensus = consensus_rows(rows, reference)
    blame, inverted = attribute(findings, rows.docs, reference=reference)
    by_finding = {f.id: f for f in findings}

    # chrF for every ordered pair (provenance compares wording between any two versions); TER only
    # against the pivot, as the issue asks ("surface similarity to the consensus pivot")
    pivot = rows.pivot
    surface: dict[tuple[str, str], tuple[float, float | None]] = {}
    for a in rows.docs:
        for b in rows.docs:
            if a != b and (reference is None or b == reference):
                sim = surface_similarity(rows, by_id, a, b, with_ter=(b == pivot))
                if sim is not None:
                    surface[(a, b)] = (round(sim[0], 2), None if sim[1] is None else round(sim[1], 2))

    raw: dict[str, tuple[float, dict[str, Any]]] = {}
    meaning = semantic_agreements(rows, by_id, vectors, reference) if vectors else {}
    n_rows = len(consensus)
    for d in rows.docs:
        if d == reference:
            raw[d] = (1.0, {"basis": "reference", "summary": "the reference: the basis every other version is scored against"})
            continue
        drift_pts = garble_pts = 0.0
        codes: Counter[str] = Counter()
        sev: Counter[str] = Counter()
        for fid, at_fault in blame.items():
            if d not in at_fault:
                continue
            f = by_finding[fid]
            r = rule(f.code)
            pts = SEVERITY_POINTS.get(r.score_severity or f.severity, 1.0)
            if r.scored == "coverage":
                pts = 0.0  # a dropped sentence is what the coverage part measures: never count it twice
            elif r.scored == "omission":
                # d has what the reference lacks (an addition), or dropped a detail (a lesser fault
                # than changing it: the reader misses something but is not told something false)
                pts = SEVERITY_POINTS["info"] if fid in inverted else pts * OMISSION_FACTOR
            codes[f.code] += 1
            sev[f.severity] += 1
            if r.scored == "garble":
                garble_pts += pts
            else:
                drift_pts += pts
        cov = coverage(rows, d, consensus, reference)
        w = weights()["reference" if reference else "consensus"]
        if reference is not None:
            chrf, ter = surface.get((d, reference), (None, None))
        else:
            # wording against what the other versions say, all at once (multi-reference chrF: each
            # sentence is scored against the closest other version), so no version is privileged
            chrf = consensus_chrf(rows, by_id, d)
            ter = _pivot_ter(surface, rows, d)
        sem = meaning.get(d)
        per_ten = 10.0 / max(n_rows, 1)
        costs = part_costs(w, drift_per_ten=drift_pts * per_ten, garble_per_ten=garble_pts * per_ten,
                           coverage=cov, chrf=chrf, ter=ter, semantic=sem)
        costs = {k: round(v, 4) for k, v in costs.items()}
        score = max(0.0, min(1.0, 1.0 - sum(costs.values())))
        breakdown: dict[str, Any] = {
            "basis": "reference" if reference else "consensus",
            "costs": costs,
            "findings": {s: sev[s] for s in ("critical", "major", "minor", "info") if sev[s]},
            "codes": dict(sorted(codes.items())),
            "coverage": round(cov, 4),
            "chrF": None if chrf is None else round(chrf, 2),
            "TER": None if ter is None else round(ter, 2),
            "meaning": None if sem is None else round(sem, 4),
            # the raw inputs of the finding parts, so the weights can be refitted from reports
            "points": {"drift": round(drift_pts, 4), "garble": round(garble_pts, 4), "rows": n_rows},
        }
        raw[d] = (round(score, 4), breakdown)
    _impute_unmeasured(raw, reference, "surface", {d for d, (_, b) in raw.items() if b.get("chrF", 0) is None})
    if vectors:
        _impute_unmeasured(raw, reference, "semantic", {d for d, (_, b) in raw.items() if b.get("meaning", 0) is None})
    for d, (score, breakdown) in raw.items():
        if "costs" in breakdown:
            breakdown["summary"] = _summary(breakdown["costs"], breakdown["codes"], breakdown["coverage"],
                                            breakdown["chrF"], breakdown["TER"], len(consensus),
                                            breakdown.get("meaning"))

    # at equal scores the story's own language goes first (a translation is rarely the source of
    # several versions in another language), then the id, so the order is deterministic
    majority = _majority_language(docs)
    _cap_other_languages(raw, {d: base_language(by_id[d].language) for d in raw}, majority, reference)
    order = sorted(raw, key=lambda d: (-raw[d][0], base_language(by_id[d].language) != majority, d))
    scores = {d: DocScore(d, raw[d][0], i + 1, raw[d][1]) for i, d in enumerate(order)}
    return ClusterScores(
        basis=f"reference:{reference}" if reference else "consensus",
        scores=dict(sorted(scores.items())),
        blame=blame,
        rows=rows,
        surface=surface,
        signature=sacrebleu_signature(),
    )


def _cap_other_languages(
    raw: dict[str, tuple[float, dict[str, Any]]], lang: Mapping[str, str], majority: str, reference: str | None
) -> None:
    """A version in another language scores at most what the best version in the story's language
    scores. Across languages only names, numbers and dates can be checked and wording is imputed, so
    its score is an upper bound built on fewer checks: it must not outrank, and so displace, the
    source-language versions an editor compares it with (it may tie them; ties go to the story's
    language). The reference is the basis of the scoring and is never capped."""
    same = [score for d, (score, _) in raw.items() if lang[d] == majority]
    if not same:
        return
    ceiling = max(same)
    for d, (score, b) in list(raw.items()):
        if d != reference and lang[d] != majority and score > ceiling:
            raw[d] = (ceiling, dict(b, capped=f"at {ceiling:.4g}, the best {majority} version's score"))


def _majority_language(docs: Sequence[Document]) -> str:
    """The base language most versions are in (ties: the alphabetically first, for determinism)."""
    counts = Counter(base_language(d.language) for d in docs)
    return min(counts, key=lambda lang: (-counts[lang], lang)) if counts else "und"


def _impute_unmeasured(
    raw: dict[str, tuple[float, dict[str, Any]]], reference: str | None, part: str, unmeasured: set[str]
) -> None:
    """A version a part could not measure (a translation has no same-language peer for chrF/TER or
    for sentence cosines) is charged the smallest penalty for that part any measured version paid:
    never penalised for being in another language, never rewarded for escaping the comparison
    every other version faces."""
    paid = [b["costs"][part] for d, (_, b) in raw.items() if "costs" in b and d not in unmeasured]
    if not paid:
        return
    floor = min(paid)
    for d, (score, b) in list(raw.items()):
        if d == reference or "costs" not in b or d not in unmeasured:
            continue
        costs = dict(b["costs"], **{part: round(floor, 4)})
        b = dict(b, costs=costs, imputed=sorted(set(b.get("imputed", ())) | {part}))
        raw[d] = (round(max(0.0, min(1.0, 1.0 - sum(costs.values()))), 4), b)


def _summary(costs: Mapping[str, float], codes: Mapping[str, int], cov: float, chrf: float | None,
             ter: float | None, n_rows: int,
             meaning: float | None = None) -> str:
    """One line an editor reads: what cost this version its points, biggest first."""
    parts: list[tuple[float, str]] = []
    drift_codes = ", ".join(f"{n}×{c}" for c, n in sorted(codes.items()) if rule(c).scored != "garble")
    garble_codes = ", ".join(f"{n}×{c}" for c, n in sorted(codes.items()) if rule(c).scored == "garble")
    if costs["drift"] > 0:
        parts.append((costs["drift"], f"-{costs['drift']:.2f} discrepancies ({drift_codes})"))
    if costs["garble"] > 0:
        parts.append((costs["garble"], f"-{costs['garble']:.2f} garbled phrasing ({garble_codes})"))
    if costs["coverage"] > 0:
        parts.append((costs["coverage"], f"-{costs['coverage']:.2f} keeps {cov:.0%} of {n_rows} consensus sentences"))
    if costs["surface"] > 0 and chrf is None:
        parts.append((costs["surface"], f"-{costs['surface']:.2f} wording (no same-language peer: the best peer's cost)"))
    elif costs["surface"] > 0:
        parts.append((costs["surface"], f"-{costs['surface']:.2f} wording (chrF {chrf:.0f}, TER {ter if ter is not None else 0:.0f})"))
    if costs.get("semantic", 0) > 0:
        said = "no peer to compare with: the best peer's cost" if meaning is None else f"sentence similarity {meaning:.2f}"
        parts.append((costs["semantic"], f"-{costs['semantic']:.2f} meaning ({said})"))
    if not parts:
        return "nothing lost"
    return "; ".join(text for _, text in sorted(parts, key=lambda p: -p[0]))
