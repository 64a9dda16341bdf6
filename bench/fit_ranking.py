"""Fit the faithfulness weights (auditor/data/ranking.json) on human MQM ratings.

The audit's score is 1 minus five capped costs: wording (chrF and TER against the reference, or
multi-reference chrF against the other versions), fact findings (drift points), garble points and
lost coverage (see auditor/score.py). Their raw inputs are in every report's breakdown, so the audit
runs once per document and mode (``bench/bench_mqm.py``'s ``audit``) and the weights are searched
offline: a seeded random search over the simplex of caps and a grid of saturation scales, keeping
the weights with the best mean of system-level and document-level pairwise accuracy against MQM on
the **fit** split (newstest2021, alternate documents). The test split and TED are held apart: they
are printed, never searched on.

Usage: python bench/fit_ranking.py [--trials N] [--write]   (``--write`` updates ranking.json)
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Mapping, Sequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

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


@dataclass(frozen=True)
class Candidate:
    chrf: float
    ter: float
    drift: float
    garble: float
    coverage: float
    drift_scale: float
    garble_scale: float


def features(doc: Doc, mode: str) -> dict[str, Features | None]:
    out: dict[str, Features | None] = {}
    for s in doc.systems:
        b = audit(doc, mode).breakdown.get(s.name)
        if not b or "points" not in b:
            out[s.name] = None
            continue
        rows = max(b["points"]["rows"], 1)
        out[s.name] = Features(b.get("chrF"), b.get("TER"), b["points"]["drift"] * 10.0 / rows,
                               b["points"]["garble"] * 10.0 / rows, b["coverage"])
    return out


def score(f: Features | None, w: Candidate) -> float:
    """The faithfulness auditor/score.py computes from these features (before the cross-language cap)."""
    if f is None:
        return 0.0
    cost = w.drift * (1 - math.exp(-f.drift / w.drift_scale)) + w.garble * (1 - math.exp(-f.garble / w.garble_scale))
    cost += w.coverage * (1 - f.coverage)
    if f.chrf is not None:
        cost += w.chrf * (1 - f.chrf / 100)
        cost += w.ter * (min(f.ter, 100.0) / 100 if f.ter is not None else 1 - f.chrf / 100)
    return 1.0 - cost


def accuracy(docs: Sequence[Doc], per_doc: Mapping[str, Mapping[str, float | None]]) -> tuple[float, float]:
    """(system-level, document-level) pairwise accuracy of per-document scores against MQM."""
    names = [s.name for s in docs[0].systems]
    human_sys = {n: mean_rated(m for d in docs for m in d.system(n).mqm) for n in names}
    metric_sys = {n: mean_rated((per_doc[d.key].get(n) or 0.0) for d in docs) for n in names}
    a, c = pairwise_agreement(human_sys, metric_sys)
    doc_acc = pooled_accuracy(
        pairwise_agreement({s.name: s.rated_mean() for s in d.systems}, per_doc[d.key]) for d in docs)
    return (a / c if c else 0.0), (doc_acc or 0.0)


def evaluate(docs: Sequence[Doc], feats: Mapping[str, Mapping[str, Features | None]], w: Candidate) -> tuple[float, float]:
    return accuracy(docs, {d.key: {n: score(f, w) for n, f in feats[d.key].items()} for d in docs})


def random_candidate(rng: random.Random, with_ter: bool) -> Candidate:
    raw = [rng.expovariate(1.0) for _ in range(5)]
    if not with_ter:
        raw[1] = 0.0
    total = sum(raw)
    c, t, d, g, v = (x / total for x in raw)
    return Candidate(c, t, d, g, v, rng.choice(SCALES), rng.choice(SCALES))


def fit(docs: Sequence[Doc], feats, trials: int, seed: int, with_ter: bool, start: Candidate) -> tuple[Candidate, tuple[float, float]]:
    rng = random.Random(seed)
    best, best_acc = start, evaluate(docs, feats, start)
    for _ in range(trials):
        w = random_candidate(rng, with_ter)
        acc = evaluate(docs, feats, w)
        # the mean of the two levels; ties keep the simpler (earlier) weights
        if sum(acc) > sum(best_acc) + 1e-9:
            best, best_acc = w, acc
    return best, best_acc


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=4000)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--write", action="store_true", help="write the fitted weights to auditor/data/ranking.json")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    all_docs = load_docs()
    splits = {f"{t}-{s}": [d for d in all_docs if d.testset == t and d.split == s] for t, s in SPLITS}
    shipped = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    fitted: dict[str, Candidate] = {}
    report: dict[str, dict] = {}
    for mode, basis in BASIS.items():
        feats = {d.key: features(d, mode) for docs in splits.values() for d in docs}
        start = Candidate(**shipped[basis])
        w, acc = fit(splits["newstest2021-fit"], feats, args.trials, args.seed, mode == "ref", start)
        fitted[basis] = w
        print(f"\n[{mode}] fitted on newstest2021-fit: {asdict(w)}")
        print(f"  {'split':<20} {'shipped sys/doc':>16} {'fitted sys/doc':>16} {'chrF-ref sys/doc':>17} {'chrF-cons doc':>14}")
        for label, docs in splits.items():
            before = evaluate(docs, feats, start)
            after = evaluate(docs, feats, w)
            peer_ref = accuracy(docs, {d.key: chrf_ref_doc(d) for d in docs})
            peer_cons = accuracy(docs, {d.key: chrf_cons_doc(d) for d in docs})
            print(f"  {label:<20} {before[0]:>7.3f}/{before[1]:.3f} {after[0]:>8.3f}/{after[1]:.3f} "
                  f"{peer_ref[0]:>8.3f}/{peer_ref[1]:.3f} {peer_cons[0]:>7.3f}/{peer_cons[1]:.3f}")
            report.setdefault(basis, {})[label] = {"shipped": before, "fitted": after}
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
