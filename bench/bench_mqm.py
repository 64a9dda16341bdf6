"""Dev benchmark on real, human-rated MT: Google's MQM ratings of WMT21 zh-en (news and TED talks),
and with ``--pair ende`` of WMT21 en-de (German targets).

Data: ``bench/data/mqm/mqm.jsonl`` (``mqm_ende.jsonl`` for en-de; committed, built by
``bench/mqm/build.py``; provenance in its README). Splits: newstest2021 ``fit`` and ``test`` (alternate documents), TED ``heldout``.

For each split it prints:

* **ranking** — pairwise accuracy against MQM at system level (system score = mean MQM of its rated
  segments in the split; the audit's system score = its documents' faithfulness weighted by their
  length in segments, as corpus chrF weighs them — the unweighted mean is printed beside it) and document level (pairs of systems within each document, pooled). Human references
  are never in the ranked set. The audit runs in three modes, each document audited on its own with
  the real pipeline (``auditor.pipeline.run_audit``, default encoder):

  - ``ref``  the human reference added as a version and named ``--reference``;
  - ``free`` the MT outputs only (N-way, no reference);
  - ``src``  the source (Chinese; English for en-de) added and named ``--reference``.

  Peers in the same run: ``chrF-ref`` (sacrebleu chrF to the reference: sentence chrF of the
  concatenated document, corpus chrF over the split's segments at system level) and
  ``chrF-cons`` (chrF of each output against the other systems' outputs as multiple references).

* **name/entity/number detection** (TED: the only split with error spans) — positives are the human
  ``Accuracy/Mistranslation`` spans (and, on a second line, any ``Accuracy/*``) that overlap a
  name-like or number token (``bench.mqm.metrics.name_number_tokens``). An audit finding of a
  name/entity/number kind detects a positive when its evidence span on the flagged version overlaps
  it. Precision: share of those findings' spans overlapping *any* human error span of the segment.
  Peer: ``minority-token`` (capitalised token or number that fewer than half of the other MT
  outputs' same segment contain).

Usage: python bench/bench_mqm.py [--pair zhen|ende] [--limit-docs N] [--testset newstest2021|ted] [--json OUT]

The first full run (auditor as of commit e040db3, 467 s on 2 shared cores) is kept in
``bench/mqm/figures_auditor_e040db3.json`` for comparison.

``score_versions(doc, mode)`` and ``findings_for(doc, mode)`` are the hooks a recalibrated scorer
plugs into (audit reports are cached in memory per document and mode).
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.mqm.load import DATA, DATA_ENDE, Doc, load_docs  # noqa: E402
from bench.mqm.metrics import (  # noqa: E402
    Spot,
    detection_scores,
    has_name_or_number,
    mean_rated,
    minority_tokens,
    on_name_or_number,
    pairwise_agreement,
    pooled_accuracy,
)

MODES = ("ref", "free", "src")
SOURCE_ID = "source-zh"
#: per language pair: the data file, the id the source version gets in ``src`` mode, and the
#: targets' language, which decides what a name-like token is (``metrics.name_number_tokens``)
PAIRS = {"zhen": (DATA, "source-zh", "en"), "ende": (DATA_ENDE, "source-en", "de")}
TARGET_LANG = "en"
#: finding kinds that speak about names, entities, numbers and substitutions (rules.py kinds; any
#: future kind mentioning substitution counts too)
ENTITY_KINDS = frozenset({"name", "title", "organisation", "place", "product", "number", "money", "date",
                          "entity", "quantity", "substitution"})
SPLITS = (("newstest2021", "fit"), ("newstest2021", "test"), ("ted", "heldout"))


def is_entity_kind(kind: str) -> bool:
    return kind in ENTITY_KINDS or "substitut" in kind


# --------------------------------------------------------------------------- running the audit


@dataclass(frozen=True)
class FoundSpan:
    """One finding's evidence on one flagged MT version, mapped to a segment."""

    system: str
    segment: int
    start: int
    end: int
    code: str
    kind: str
    severity: str


@dataclass(frozen=True)
class Audit:
    faithfulness: Mapping[str, float | None]
    findings: tuple[FoundSpan, ...]
    seconds: float
    #: each system's score breakdown (chrF, TER, coverage, finding points): what bench/fit_ranking.py fits on
    breakdown: Mapping[str, Mapping] = field(default_factory=dict)


_ENCODER = None
_CACHE: dict[tuple[str, str], Audit] = {}


def _encoder():
    global _ENCODER
    if _ENCODER is None:
        from auditor.backends import load_encoder

        _ENCODER = load_encoder()
    return _ENCODER


def _document(doc_id: str, segments: Sequence[str]):
    """A version as the CLI would read it from a text file holding one segment per paragraph."""
    from auditor.ingest.decode import normalise_text
    from auditor.model import Document

    text = "\n\n".join(segments)
    norm, notes = normalise_text(text, f"{doc_id}.txt")
    if norm != text:  # the data is stored clean (build.py), so offsets map back one to one
        raise ValueError(f"{doc_id}: text changes under ingest normalisation; rebuild the data")
    return Document(id=doc_id, path=f"{doc_id}.txt", text=text,
                    metadata={"encoding": "utf-8", "format": "text"}, warnings=notes)


def _starts(segments: Sequence[str]) -> list[int]:
    out, pos = [], 0
    for s in segments:
        out.append(pos)
        pos += len(s) + 2
    return out


def audit(doc: Doc, mode: str) -> Audit:
    """The real pipeline on one document's versions (cached per document and mode; ``SOURCE_ID``
    names the source version, set per language pair by ``main``)."""
    key = (doc.key, mode)
    if key in _CACHE:
        return _CACHE[key]
    from auditor.errors import AuditorError
    from auditor.pipeline import run_audit
    from auditor.segment.split import segment_all

    versions = [_document(s.name, s.segments) for s in doc.systems]
    reference = None
    if mode == "ref":
        reference = doc.reference.name
        versions.append(_document(reference, doc.reference.segments))
    elif mode == "src":
        reference = SOURCE_ID
        versions.append(_document(SOURCE_ID, doc.source))
    elif mode != "free":
        raise ValueError(mode)
    t0 = time.perf_counter()
    try:
        report = run_audit(segment_all(versions), _encoder(), reference=reference)
    except AuditorError as exc:  # e.g. the source does not cluster with the outputs: every version unscored
        print(f"  {doc.key} [{mode}]: audit refused ({exc})", file=sys.stderr)
        result = Audit({s.name: None for s in doc.systems}, (), time.perf_counter() - t0)
        _CACHE[key] = result
        return result
    seconds = time.perf_counter() - t0
    faith = {r.id: r.faithfulness for r in report.documents if r.id in {s.name for s in doc.systems}}
    breakdown = {r.id: dict(r.breakdown) for r in report.documents if r.id in faith}
    starts = {s.name: _starts(s.segments) for s in doc.systems}
    lengths = {s.name: [len(x) for x in s.segments] for s in doc.systems}
    found = []
    for f in report.findings:
        # the flagged side: the versions the finding names (under --reference every rule names the
        # versions that differ from the reference, never the reference itself)
        for e in f.evidence:
            if e.document not in starts or e.document not in f.documents:
                continue
            st = starts[e.document]
            k = bisect.bisect_right(st, e.start) - 1
            s0 = max(0, e.start - st[k])
            s1 = min(lengths[e.document][k], e.end - st[k])
            found.append(FoundSpan(e.document, k, s0, max(s1, s0), f.code, f.kind, f.severity))
    result = Audit(faith, tuple(sorted(set(found), key=lambda x: (x.system, x.segment, x.start, x.end, x.code))),
                   seconds, breakdown)
    _CACHE[key] = result
    return result


def score_versions(doc: Doc, mode: str) -> dict[str, float | None]:
    """Faithfulness of each MT system of ``doc`` under ``mode`` (None: the audit set it aside)."""
    return dict(audit(doc, mode).faithfulness)


def findings_for(doc: Doc, mode: str) -> tuple[FoundSpan, ...]:
    """The audit's findings on ``doc``'s MT systems, mapped to segment char spans."""
    return audit(doc, mode).findings


# --------------------------------------------------------------------------- peers


def _chrf():
    from sacrebleu.metrics import CHRF

    return CHRF()


def chrf_ref_doc(doc: Doc) -> dict[str, float]:
    chrf = _chrf()
    ref = " ".join(doc.reference.segments)
    return {s.name: chrf.sentence_score(" ".join(s.segments), [ref]).score for s in doc.systems}


def chrf_cons_doc(doc: Doc) -> dict[str, float]:
    chrf = _chrf()
    texts = {s.name: " ".join(s.segments) for s in doc.systems}
    return {n: chrf.sentence_score(t, [o for m, o in texts.items() if m != n]).score for n, t in texts.items()}


def chrf_ref_system(docs: Sequence[Doc]) -> dict[str, float]:
    chrf = _chrf()
    refs = [seg for d in docs for seg in d.reference.segments]
    names = [s.name for s in docs[0].systems]
    return {n: chrf.corpus_score([seg for d in docs for seg in d.system(n).segments], [refs]).score for n in names}


def chrf_cons_system(docs: Sequence[Doc]) -> dict[str, float]:
    chrf = _chrf()
    names = [s.name for s in docs[0].systems]
    streams = {n: [seg for d in docs for seg in d.system(n).segments] for n in names}
    return {n: chrf.corpus_score(streams[n], [streams[m] for m in names if m != n]).score for n in names}


# --------------------------------------------------------------------------- figures


def ranking(docs: Sequence[Doc], modes: Sequence[str] = MODES,
            scorer: Callable[[Doc, str], Mapping[str, float | None]] = score_versions) -> dict[str, dict]:
    """Pairwise accuracy (system level, document level) of each audit mode and of the peers."""
    names = [s.name for s in docs[0].systems]
    human_sys = {n: mean_rated(m for d in docs for m in d.system(n).mqm) for n in names}
    human_doc = {d.key: {s.name: s.rated_mean() for s in d.systems} for d in docs}
    doc_scores: dict[str, dict[str, Mapping[str, float | None]]] = {}
    for mode in modes:
        doc_scores[f"audit-{mode}"] = {d.key: scorer(d, mode) for d in docs}
    doc_scores["chrF-ref"] = {d.key: chrf_ref_doc(d) for d in docs}
    doc_scores["chrF-cons"] = {d.key: chrf_cons_doc(d) for d in docs}
    system_level: dict[str, Mapping[str, float | None]] = {}
    system_mean: dict[str, Mapping[str, float | None]] = {}
    for metric, per_doc in doc_scores.items():
        if metric.startswith("audit-"):
            # a system's score is its documents' scores weighted by their length in segments, as a
            # corpus-level metric (the chrF peers' system figures) weighs them; the plain mean over
            # documents is kept beside it
            segments = sum(len(d.seg_ids) for d in docs)
            system_level[metric] = {
                n: sum(_unset(per_doc[d.key].get(n)) * len(d.seg_ids) for d in docs) / segments for n in names
            }
            system_mean[metric] = {
                n: mean_rated(_unset(per_doc[d.key].get(n)) for d in docs) for n in names
            }
    system_level["chrF-ref"] = chrf_ref_system(docs)
    system_level["chrF-cons"] = chrf_cons_system(docs)
    out = {}
    for metric in doc_scores:
        a, c = pairwise_agreement(human_sys, system_level[metric])
        doc_acc = pooled_accuracy(pairwise_agreement(human_doc[d.key], doc_scores[metric][d.key]) for d in docs)
        unscored = sum(1 for d in docs for v in doc_scores[metric][d.key].values() if v is None)
        am, cm = pairwise_agreement(human_sys, system_mean.get(metric, system_level[metric]))
        out[metric] = {"system": a / c if c else None, "system_pairs": c, "document": doc_acc,
                       "system_unweighted": am / cm if cm else None,
                       "unscored_versions": unscored}
    return out


def _unset(x: float | None) -> float:
    """A version the audit set aside scores 0 in the system mean (it is counted, not skipped)."""
    return 0.0 if x is None else x


def detection(docs: Sequence[Doc], modes: Sequence[str] = MODES) -> dict[str, dict]:
    """Name/entity/number error recall and precision against the human spans (docs with spans)."""
    lang = TARGET_LANG
    docs = [d for d in docs if all(s.spans is not None for s in d.systems)]
    if not docs:
        return {}
    human, mistr, accuracy, mistr_major, names, names_major = [], [], [], [], [], []
    for d in docs:
        for s in d.systems:
            for k, (seg, spans) in enumerate(zip(s.segments, s.spans)):
                unit = (d.key, s.name, k)
                for sp in spans:
                    if sp.start is None or sp.end is None or sp.end <= sp.start:
                        continue
                    spot = Spot(unit, sp.start, sp.end)
                    human.append(spot)
                    if not sp.category.startswith("Accuracy/") or not has_name_or_number(
                            seg, sp.start, sp.end, lang, d.source[k]):
                        continue
                    accuracy.append(spot)
                    if sp.category.startswith("Accuracy/Mistranslation"):
                        mistr.append(spot)
                        if sp.severity == "Major":
                            mistr_major.append(spot)
                        if on_name_or_number(seg, sp.start, sp.end, lang, d.source[k]):
                            names.append(spot)
                            if sp.severity == "Major":
                                names_major.append(spot)
    positives = {"name-spans": sorted(set(names), key=_spot_key),
                 "name-spans-major": sorted(set(names_major), key=_spot_key),
                 "mistranslation": sorted(set(mistr), key=_spot_key),
                 "mistranslation-major": sorted(set(mistr_major), key=_spot_key),
                 "accuracy-any": sorted(set(accuracy), key=_spot_key)}
    flagged: dict[str, list[Spot]] = {}
    for mode in modes:
        flagged[f"audit-{mode}"] = [
            Spot((d.key, f.system, f.segment), f.start, f.end)
            for d in docs for f in findings_for(d, mode) if is_entity_kind(f.kind)
        ]
    base = []
    for d in docs:
        for k in range(len(d.seg_ids)):
            for name, toks in minority_tokens({s.name: s.segments[k] for s in d.systems}, lang, d.source[k]).items():
                base.extend(Spot((d.key, name, k), s0, s1) for s0, s1, _ in toks)
    flagged["minority-token"] = base
    out = {}
    for metric, spots in flagged.items():
        out[metric] = {label: vars(detection_scores(pos, spots, human)) for label, pos in positives.items()}
    return out


def _spot_key(s: Spot) -> tuple:
    return (str(s.unit), s.start, s.end)


# --------------------------------------------------------------------------- main


def _fmt(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="MQM dev benchmark (WMT21 zh-en news + TED, Google MQM)")
    ap.add_argument("--limit-docs", type=int, default=None, help="first N documents of each split (smoke runs)")
    ap.add_argument("--testset", choices=("newstest2021", "ted"), default=None)
    ap.add_argument("--modes", default=",".join(MODES), help="audit modes, comma-separated (ref,free,src)")
    ap.add_argument("--pair", choices=tuple(PAIRS), default="zhen",
                    help="language pair: zhen (WMT21 zh-en) or ende (WMT21 en-de); chooses the data file")
    ap.add_argument("--data", default=None, help="data file (default: the pair's committed file)")
    ap.add_argument("--json", dest="json_out", default=None, help="write every figure as JSON here")
    args = ap.parse_args(argv)
    global SOURCE_ID, TARGET_LANG
    default_data, SOURCE_ID, TARGET_LANG = PAIRS[args.pair]
    if args.data is None:
        args.data = str(default_data)
    modes = [m for m in args.modes.split(",") if m]
    if any(m not in MODES for m in modes):
        print(f"error: --modes: unknown mode in {args.modes!r} (choose from {', '.join(MODES)})", file=sys.stderr)
        return 2
    try:
        all_docs = load_docs(args.data)
    except (OSError, ValueError, KeyError) as exc:
        print(f"error: {args.data}: cannot read the benchmark data ({exc})", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    results: dict[str, dict] = {}
    for testset, split in SPLITS:
        if args.testset and testset != args.testset:
            continue
        docs = [d for d in all_docs if d.testset == testset and d.split == split]
        if args.limit_docs is not None:
            docs = docs[: args.limit_docs]
        if not docs:
            continue
        label = f"{testset}-{split}"
        print(f"\n== {label}: {len(docs)} documents, {sum(len(d.seg_ids) for d in docs)} segments, "
              f"{len(docs[0].systems)} systems")
        rank = ranking(docs, modes)
        print(f"  {'ranking (pairwise acc.)':<24} {'system':>7} {'document':>9}  unscored  system (unweighted mean of documents)")
        for metric, r in rank.items():
            print(f"  {metric:<24} {_fmt(r['system']):>7} {_fmt(r['document']):>9}  {r['unscored_versions']:>8}  "
                  f"{_fmt(r['system_unweighted'])}")
        det = detection(docs, modes)
        if det:
            print(f"  {'name/number errors':<24} {'recall':>7} {'precision':>9}  found/positives flagged "
                  "(spans ON names/numbers | Major ones | Mistranslation spans touching one | any Accuracy/*)")
            for metric, r in det.items():
                n, nm, m, a = r["name-spans"], r["name-spans-major"], r["mistranslation"], r["accuracy-any"]
                print(f"  {metric:<24} {_fmt(n['recall']):>7} {_fmt(n['precision']):>9}  "
                      f"{n['found']}/{n['positives']} flagged {n['flagged']} | major {_fmt(nm['recall'])} "
                      f"{nm['found']}/{nm['positives']} | touching {_fmt(m['recall'])} {m['found']}/{m['positives']}"
                      f" | accuracy {_fmt(a['recall'])} {a['found']}/{a['positives']}")
        audit_seconds = sum(a.seconds for (k, _), a in _CACHE.items() if k.startswith(testset + "/") and
                            any(k == d.key for d in docs))
        results[label] = {"documents": len(docs), "segments": sum(len(d.seg_ids) for d in docs),
                          "systems": [s.name for s in docs[0].systems], "ranking": rank, "detection": det,
                          "audit_seconds": round(audit_seconds, 1)}
    elapsed = time.perf_counter() - t0
    print(f"\nelapsed {elapsed:.1f} s")
    if args.json_out:
        payload = {"data": os.path.relpath(args.data, ROOT), "modes": modes, "limit_docs": args.limit_docs,
                   "results": results, "elapsed_seconds": round(elapsed, 1)}
        tmp = Path(args.json_out).with_suffix(".tmp")
        tmp.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        tmp.replace(args.json_out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
