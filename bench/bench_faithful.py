"""Two faithful versions of one story: what does the audit flag between them, and does it still see a
slip planted into one of them?

Data: ``bench/data/faithful/ruen.jsonl`` (``bench/build_faithful_data.py``): the 107 newstest2021
Russian→English documents (1,000 segments) that WMT21 had translated twice, by two professional
translators (references A and B) working from the same Russian article. The two tell the same facts
in different words and romanise Russian names under different standards ("Sergei" / "Sergey",
"Degtyarev" / "Degtyaryov"), as two honest wire copies of one story do. Nobody here wrote them.

1. **False alarms.** Each document's two translations are audited as one story (no reference, and
   with A as ``--reference``; and with the Russian original as a third version, counting the
   findings that name it). Every finding is a disagreement between two professionals' renderings:
   mostly wording the audit should not call a changed fact, sometimes a translator's slip
   ("Kalyazin" / "Kalyzazin"). Printed per 100 segments: critical and major findings, and findings
   of the name/entity/number kinds (what ``bench_mqm`` counts as detections). Peer in the same run: a
   name-like token or number of one translation's segment that the other's aligned segment lacks
   (``bench.mqm.metrics.name_number_tokens``), both ways.
2. **Recall.** A name or number both translations carry in a segment is altered in B the way drift
   alters it (``bench_planted``'s kinds: sound-alike, typo, another document's name, a digit), one
   plant per audit, and the pair is audited again with A as the reference. Found: a finding names B
   with evidence on the altered token (at most ``MAX_CONTEXT`` characters wider). Peer: the token
   diff above flags the altered token.

Usage: python bench/bench_faithful.py [--per-kind 30] [--seed 7] [--show]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_mqm import _document, _encoder, _starts, is_entity_kind  # noqa: E402
from bench.bench_planted import _NAME, _NUMBER, KINDS, MAX_CONTEXT, _alter, _common  # noqa: E402
from bench.mqm.metrics import _WORD, name_number_tokens, overlaps  # noqa: E402

DATA = ROOT / "bench" / "data" / "faithful" / "ruen.jsonl"


@dataclass(frozen=True)
class Pair:
    doc_id: str
    a: tuple[str, ...]
    b: tuple[str, ...]
    source: tuple[str, ...] = ()


def load(path: Path = DATA) -> list[Pair]:
    with path.open(encoding="utf-8") as fh:
        return [Pair(r["doc_id"], tuple(r["A"]), tuple(r["B"]), tuple(r["source"])) for r in map(json.loads, fh)]


def audit(a: Sequence[str], b: Sequence[str], reference: bool, source: Sequence[str] = ()):
    from auditor.pipeline import run_audit
    from auditor.segment.split import segment_all

    docs = [_document("A", list(a)), _document("B", list(b))]
    if source:
        docs.append(_document("source-ru", list(source)))
    return run_audit(segment_all(docs), _encoder(), reference="A" if reference else None)


def token_diff(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int, int, int]]:
    """The peer: (version, segment, start, end) of each name-like/number token of a segment that the
    other version's aligned segment does not hold as a word."""
    out = []
    for k, (x, y) in enumerate(zip(a, b)):
        for name, seg, other in (("A", x, y), ("B", y, x)):
            words = {m.group().rstrip(".'’-") for m in _WORD.finditer(other)}
            out.extend((name, k, s, e) for s, e, tok in name_number_tokens(seg) if tok not in words)
    return out


def false_alarms(pairs: Sequence[Pair], show: bool) -> None:
    segs = sum(len(p.a) for p in pairs)
    print(f"== false alarms between two professional translations: {len(pairs)} documents, {segs} segments")
    peer = sum(len(token_diff(p.a, p.b)) for p in pairs)
    modes = (("audit, no reference", False, False), ("audit, A as reference", True, False),
             ("source-ru added, its own", False, True))
    for label, reference, with_source in modes:
        sev: Counter[str] = Counter()
        codes: Counter[str] = Counter()
        facts = 0
        for p in pairs:
            report = audit(p.a, p.b, reference, p.source if with_source else ())
            for f in report.findings:
                if with_source and "source-ru" not in f.documents:
                    continue  # this line counts what the cross-language comparison adds
                sev[f.severity] += 1
                codes[f.code] += 1
                facts += is_entity_kind(f.kind)
                if show and f.severity in ("critical", "major"):
                    print(f"    {p.doc_id} {f.code} {f.severity} {f.message[:150]}")
        print(f"  {label:<24} critical {100 * sev['critical'] / segs:5.1f}  major {100 * sev['major'] / segs:5.1f}"
              f"  name/entity/number kinds {100 * facts / segs:5.1f}  per 100 segments"
              f"   (most: {', '.join(f'{c} {n}' for c, n in codes.most_common(5))})")
    print(f"  {'token-diff peer':<24} flags {100 * peer / segs:5.1f} per 100 segments")


@dataclass(frozen=True)
class Plant:
    kind: str
    pair: Pair
    segment: int
    start: int
    end: int
    new: str


def plants(pairs: Sequence[Pair], per_kind: int, seed: int) -> list[Plant]:
    """Tokens both translations carry in a segment (a rare capitalised name not opening the
    sentence, or a number), altered in B."""
    rng = random.Random(seed)
    names = {p.doc_id: sorted({m.group() for s in p.b for m in _NAME.finditer(s) if not _common(m.group())})
             for p in pairs}
    out: list[Plant] = []
    for kind in KINDS:
        pattern = _NUMBER if kind == "number" else _NAME
        cands = [(p, k, m) for p in pairs for k, seg in enumerate(p.b) for m in pattern.finditer(seg)
                 if m.group() in p.a[k] and not (pattern is _NAME and _common(m.group()))]
        rng.shuffle(cands)
        n = 0
        for p, k, m in cands:
            if n == per_kind:
                break
            others = [x for doc, ns in names.items() if doc != p.doc_id for x in ns]
            new = _alter(kind, m.group(), rng, others)
            if not new or new == m.group() or re.search(rf"\b{re.escape(new)}\b", p.a[k] + " " + p.b[k]):
                continue
            out.append(Plant(kind, p, k, m.start(), m.end(), new))
            n += 1
    return out


def _planted(pl: Plant) -> tuple[tuple[str, ...], int, int]:
    b = list(pl.pair.b)
    seg = b[pl.segment]
    b[pl.segment] = seg[:pl.start] + pl.new + seg[pl.end:]
    at = _starts(b)[pl.segment] + pl.start
    return tuple(b), at, at + len(pl.new)


def recall(pairs: Sequence[Pair], per_kind: int, seed: int, show: bool) -> None:
    chosen = plants(pairs, per_kind, seed)
    print(f"== recall of slips planted into translation B ({len(chosen)} plants, seed {seed}; A is the reference)")
    found: Counter[str] = Counter()
    peer: Counter[str] = Counter()
    total: Counter[str] = Counter()
    rules: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
    for pl in chosen:
        b, s0, s1 = _planted(pl)
        total[pl.kind] += 1
        report = audit(pl.pair.a, b, True)
        hits = [f for f in report.findings if "B" in f.documents and any(
            e.document == "B" and overlaps((e.start, e.end), (s0, s1)) and (e.end - e.start) <= (s1 - s0) + MAX_CONTEXT
            for e in f.evidence)]
        if hits:
            found[pl.kind] += 1
            rules[pl.kind][hits[0].code] += 1
        elif show:
            print(f"    MISS {pl.kind} {pl.pair.doc_id} {pl.pair.b[pl.segment][pl.start:pl.end]!r} -> {pl.new!r}")
        seg_start = _starts(b)[pl.segment]
        if any(v == "B" and k == pl.segment and overlaps((seg_start + s, seg_start + e), (s0, s1))
               for v, k, s, e in token_diff(pl.pair.a, b)):
            peer[pl.kind] += 1
    print(f"  {'kind':<12} {'n':>4} {'audit':>7} {'peer':>7}   rules that found them")
    for kind in KINDS:
        n = total[kind] or 1
        print(f"  {kind:<12} {total[kind]:>4} {found[kind] / n:7.3f} {peer[kind] / n:7.3f}   {dict(rules[kind])}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-kind", type=int, default=30)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show", action="store_true", help="print the critical/major findings and the missed plants")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    pairs = load()
    false_alarms(pairs, args.show)
    recall(pairs, args.per_kind, args.seed, args.show)
    print(f"elapsed {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
