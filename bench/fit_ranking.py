"""Fit the faithfulness weights (auditor/data/ranking.json) on human MQM ratings.

The audit's score is 1 minus five capped costs: wording (chrF and TER against the reference, or
multi-reference chrF against the other versions), fact findings (drift points), garble points and
lost coverage (see auditor/rank/score.py). Their raw inputs are in every report's breakdown, so the audit
runs once per document and mode (``bench/bench_mqm.py``'s ``audit``) and the weights are searched
offline over a grid of caps and saturation scales (``GRID``), keeping, among the weights within
``NEAR_BEST`` of the best document- plus half the system-level pairwise accuracy against MQM on the
**fit** split (newstest2021, alternate documents), the one leaning most on chrF; it replaces the
shipped weights only when it beats them there by more than ``KEEP_MARGIN``. The test split and TED are held apart: they
are printed, never searched on.

Usage: python bench/fit_ranking.py [--features bench/mqm/features.json] [--write]   (``--write`` updates ranking.json)
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.rank.score import Weights, part_costs  # noqa: E402
from bench.bench_mqm import SPLITS, audit, chrf_cons_doc, chrf_ref_doc  # noqa: E402
from bench.mqm.load import Doc, load_docs  # noqa: E402
from bench.mqm.metrics import mean_rated, pairwise_agreement, pooled_accuracy  # noqa: E402

WEIGHTS = ROOT / "auditor" / "data" / "ranking.json"
BASIS = {"ref": "reference", "free": "consensus"}
SCALES = (1.0, 2.0, 4.0, 8.0, 16.0)


@dataclass(frozen=True)
class Features:
    """What one version's score is made of (None: the audit set the version aside)."""

    chrf: float | None
    ter: float | None
    drift: float  # points per ten consensus rows
    garble: float
    coverage: float
    semantic: float | None = None  # mean sentence-embedding cosine (the meaning part)


def features(doc: Doc, mode: str) -> dict[str, Features | None]:
    out: dict[str, Features | None] = {}
    for s in doc.systems:
        b = audit(doc, mode).breakdown.get(s.name)
        if not b or "points" not in b:
            out[s.name] = None
            continue
        rows = max(b["points"]["rows"], 1)
        out[s.name] = Features(b.get("chrF"), b.get("TER"), b["points"]["drift"] * 10.0 / rows,
                               b["points"]["garble"] * 10.0 / rows, b["coverage"], b.get("meaning"))
    return out


def score(f: Features | None, w: Weights) -> float:
    """The faithfulness auditor/rank/score.py computes from these features (before the cross-language cap)."""
    if f is None:
        return 0.0
    costs = part_costs(w, drift_per_ten=f.drift, garble_per_ten=f.garble, coverage=f.coverage, chrf=f.chrf, ter=f.ter,
                       semantic=f.semantic)
    return 1.0 - sum(costs.values())


def accuracy(docs: Sequence[Doc], per_doc: Mapping[str, Mapping[str, float | None]]) -> tuple[float, float]:
    """(system-level, document-level) pairwise accuracy of per-document scores against MQM."""
    names = [s.name for s in docs[0].systems]
    human_sys = {n: mean_rated(m for d in docs for m in d.system(n).mqm) for n in names}
    # documents weighted by their length in segments, as corpus-level metrics weigh them
    segments = sum(len(d.seg_ids) for d in docs)
    metric_sys = {n: sum((per_doc[d.key].get(n) or 0.0) * len(d.seg_ids) for d in docs) / segments for n in names}
    a, c = pairwise_agreement(human_sys, metric_sys)
    doc_acc = pooled_accuracy(
        pairwise_agreement({s.name: s.rated_mean() for s in d.systems}, per_doc[d.key]) for d in docs)
    return (a / c if c else 0.0), (doc_acc or 0.0)


def evaluate(docs: Sequence[Doc], feats: Mapping[str, Mapping[str, Features | None]], w: Weights) -> tuple[float, float]:
    return accuracy(docs, {d.key: {n: score(f, w) for n, f in feats[d.key].items()} for d in docs})


#: the grid searched: garble, drift, coverage and TER caps (chrF takes the rest) and the two scales
#: The drift cap starts at MIN_DRIFT, an editorial requirement set before fitting, not fitted: MQM
#: ranking of MT systems alone would let chrF take nearly everything (a swapped city then costs a
#: copy 0.02), while an editor needs one wrong name or number against the reference to cost clearly.
MIN_DRIFT = 0.1
#: Coverage is not fitted either: MT outputs translate every segment, so the dev data cannot see a
#: dropped paragraph; its cap stays at the editorial prior (a version missing a third of the story
#: must lose clearly), and since every MT output covers ~all rows it does not move their ranking.
COVERAGE = 0.2
GRID = dict(garble=(0, 0.05, 0.1, 0.2, 0.3), drift=(MIN_DRIFT, 0.15, 0.2, 0.3), coverage=(COVERAGE,),
            ter=(0, 0.1, 0.3), semantic=(0, 0.1, 0.2, 0.3, 0.4, 0.5),
            garble_scale=(1.0, 2.0, 4.0, 8.0), drift_scale=(1.0, 2.0, 4.0, 8.0))
#: candidates whose fit objective is within this of the best are equally good on 16 documents
#: (one pair of 28 is 0.036 of system-level accuracy); among them the one leaning most on chrF,
#: the peer, is kept: the simplest weights that do as well generalise best
NEAR_BEST = 0.02


#: a refit replaces the shipped weights only when it beats them on the fit split by more than this:
#: refits after small changes to the findings moved the objective by 0.02-0.04 while making both
#: held-out sets worse (docs/ranking.md), so smaller gains are churn, not calibration
KEEP_MARGIN = 0.05


def objective(acc: tuple[float, float]) -> float:
    """Document-level accuracy (448 pairs on the fit split) plus half the noisier system level (28)."""
    return acc[1] + 0.5 * acc[0]


def fit(docs: Sequence[Doc], feats) -> tuple[Weights, tuple[float, float]]:
    scored = []
    for g, dr, cv, ter, sem, gs, ds in itertools.product(*GRID.values()):
        chrf = 1.0 - g - dr - cv - ter - sem
        if chrf < 0.05:
            continue
        w = Weights(chrf, ter, dr, g, cv, ds, gs, sem)
        acc = evaluate(docs, feats, w)
        scored.append((objective(acc), acc, w))
    best = max(s for s, _, _ in scored)
    _, acc, w = max((x for x in scored if x[0] >= best - NEAR_BEST), key=lambda x: (x[2].chrf, x[0]))
    return w, acc


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help="write the fitted weights to auditor/data/ranking.json")
    ap.add_argument("--features", default=None,
                    help="JSON file caching the audits' features: read if it exists, else written (refit without re-auditing)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    all_docs = load_docs()
    splits = {f"{t}-{s}": [d for d in all_docs if d.testset == t and d.split == s] for t, s in SPLITS}
    shipped = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    fitted: dict[str, Weights] = {}
    report: dict[str, dict] = {}
    cached: dict = {}
    if args.features and Path(args.features).is_file():
        cached = json.loads(Path(args.features).read_text(encoding="utf-8"))
    for mode, basis in BASIS.items():
        if mode in cached:
            feats = {k: {n: (Features(**f) if f else None) for n, f in v.items()} for k, v in cached[mode].items()}
        else:
            feats = {d.key: features(d, mode) for docs in splits.values() for d in docs}
            cached[mode] = {k: {n: (asdict(f) if f else None) for n, f in v.items()} for k, v in feats.items()}
        start = Weights(**shipped[basis])
        w, acc = fit(splits["newstest2021-fit"], feats)
        kept = objective(acc) - objective(evaluate(splits["newstest2021-fit"], feats, start)) <= KEEP_MARGIN
        fitted[basis] = start if kept else w
        print(f"\n[{mode}] fitted on newstest2021-fit: {asdict(w)}"
              + (f"\n  within {KEEP_MARGIN} of the shipped weights on the fit split: shipped kept" if kept else ""))
        print(f"  {'split':<20} {'shipped sys/doc':>16} {'fitted sys/doc':>16} {'chrF-ref sys/doc':>17} {'chrF-cons doc':>14}")
        for label, docs in splits.items():
            before = evaluate(docs, feats, start)
            after = evaluate(docs, feats, w)
            peer_ref = accuracy(docs, {d.key: chrf_ref_doc(d) for d in docs})
            peer_cons = accuracy(docs, {d.key: chrf_cons_doc(d) for d in docs})
            print(f"  {label:<20} {before[0]:>7.3f}/{before[1]:.3f} {after[0]:>8.3f}/{after[1]:.3f} "
                  f"{peer_ref[0]:>8.3f}/{peer_ref[1]:.3f} {peer_cons[0]:>7.3f}/{peer_cons[1]:.3f}")
            report.setdefault(basis, {})[label] = {"shipped": before, "fitted": after}
    if args.features:
        Path(args.features).write_text(json.dumps(cached, sort_keys=True) + "\n", encoding="utf-8")
    if args.write:
        out = dict(shipped)
        for basis, w in fitted.items():
            out[basis] = {k: round(v, 4) for k, v in asdict(w).items()}
        WEIGHTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {WEIGHTS.relative_to(ROOT)}")
    print(f"\nelapsed {time.perf_counter() - t0:.1f} s (peer system figures here use mean doc chrF; bench_mqm.py prints corpus chrF)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
