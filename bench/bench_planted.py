"""Name and number drift planted into real machine translations: is it found among the other outputs?

The MQM dev data (``bench/data/mqm``) holds eight real MT outputs of every newstest2021 zh-en
segment. A name or number most of them render the same way is taken from one output and altered
the way translation drift alters it: a sound-alike shift of one letter group ("Zhang" → "Zang",
"Lin" → "Ling"), a typo (a letter dropped), another real name from a different document, or one
digit changed. The eight outputs of the surrounding segments are then audited as one cluster (no
reference: the minority reading is the deviation), and with the human reference as ``--reference``
where the reference has the same token. A plant is found when a finding names the altered output
with evidence on the altered token (a span at most ``MAX_CONTEXT`` characters longer than it).

Why this, next to ``bench_mqm``'s human error spans: the background is real (eight systems that
disagree in wording, names rendered in several ways, real sentence splits), the errors are the
kind the raters mark Major on names, and there are hundreds of them, where TED has 36. It is a
planted test, so it measures recall only; precision on real errors stays with ``bench_mqm``.
TED is not used (held out). Peers in the same run: the minority-token baseline (a name-like token
or number fewer than half of the other outputs have) and, with the reference, a token the
reference lacks.

Usage: python bench/bench_planted.py [--per-kind 40] [--seed 7] [--show]
"""

from __future__ import annotations

import argparse
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

from bench.bench_mqm import DATA, _document, _encoder  # noqa: E402
from bench.mqm.load import Doc, load_docs  # noqa: E402
from bench.mqm.metrics import minority_tokens, overlaps  # noqa: E402

KINDS = ("sound-alike", "typo", "other name", "number")
#: segments of context on each side of the planted one
WINDOW = 2
#: characters of evidence beyond the altered token that still point at it (a name with its title)
MAX_CONTEXT = 40
#: one letter group for another, as romanisation and transliteration drift does it
SOUND_ALIKE = (("zh", "z"), ("ng", "n"), ("sh", "s"), ("ch", "c"), ("l", "r"), ("r", "l"), ("x", "s"),
               ("q", "ch"), ("b", "p"), ("d", "t"), ("g", "k"), ("n", "ng"), ("ei", "ai"), ("ao", "ou"))
_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]{3,}\b")
_NUMBER = re.compile(r"(?<![\w.,])\d[\d,.]*\d(?![\w])|(?<![\w.,])\d(?![\w.,])")


@dataclass(frozen=True)
class Plant:
    kind: str
    doc: Doc
    segment: int
    system: str
    start: int  # offsets of the original token in the system's segment
    end: int
    new: str


def _common(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en") >= 4.0


def _consensus(doc: Doc, k: int, pattern: re.Pattern[str]) -> dict[str, list[tuple[str, int, int]]]:
    """Tokens of segment ``k`` at least five of the eight outputs carry: token -> (system, start, end)."""
    seen: dict[str, list[tuple[str, int, int]]] = {}
    for s in doc.systems:
        for m in pattern.finditer(s.segments[k]):
            if pattern is _NAME and _common(m.group()):
                continue
            seen.setdefault(m.group(), []).append((s.name, m.start(), m.end()))
    return {t: v for t, v in seen.items() if len({x[0] for x in v}) >= 5}


def _alter(kind: str, token: str, rng: random.Random, other_names: Sequence[str]) -> str | None:
    if kind == "sound-alike":
        low = token.lower()
        for a, b in rng.sample(SOUND_ALIKE, len(SOUND_ALIKE)):
            hits = [m.start() for m in re.finditer(a, low)]
            if hits:
                i = rng.choice(hits)
                new = low[:i] + b + low[i + len(a):]
                return new[0].upper() + new[1:] if new else None
        return None
    if kind == "typo":
        i = rng.randrange(1, len(token) - 1)
        return token[:i] + token[i + 1:]
    if kind == "other name":
        pool = [n for n in other_names if n != token]
        return rng.choice(pool) if pool else None
    digits = [i for i, c in enumerate(token) if c.isdigit()]
    i = digits[-1] if len(digits) == 1 else rng.choice(digits[1:])
    return token[:i] + str((int(token[i]) + 3) % 10) + token[i + 1:]


def plants(docs: Sequence[Doc], per_kind: int, seed: int) -> list[Plant]:
    rng = random.Random(seed)
    names_by_doc = {d.key: sorted({t for k in range(len(d.seg_ids)) for t in _consensus(d, k, _NAME)}) for d in docs}
    out: list[Plant] = []
    for kind in KINDS:
        pattern = _NUMBER if kind == "number" else _NAME
        cands = [(d, k, tok, where) for d in docs for k in range(len(d.seg_ids))
                 for tok, where in sorted(_consensus(d, k, pattern).items())]
        rng.shuffle(cands)
        n = 0
        for d, k, tok, where in cands:
            if n == per_kind:
                break
            others = [x for key, ns in names_by_doc.items() if key != d.key for x in ns]
            new = _alter(kind, tok, rng, others)
            if not new or new == tok or any(new in s.segments[k] for s in d.systems):
                continue
            system, start, end = rng.choice(sorted(where))
            out.append(Plant(kind, d, k, system, start, end, new))
            n += 1
    return out


def _window(p: Plant) -> tuple[int, int]:
    return max(0, p.segment - WINDOW), min(len(p.doc.seg_ids), p.segment + WINDOW + 1)


def _found(p: Plant, with_reference: bool) -> tuple[bool, str]:
    """(found, the rule code that found it) for one plant audited in its window."""
    from auditor.pipeline import run_audit
    from auditor.segment.split import segment_all

    lo, hi = _window(p)
    versions, planted_at = [], 0
    for s in p.doc.systems:
        segs = list(s.segments[lo:hi])
        if s.name == p.system:
            seg = segs[p.segment - lo]
            segs[p.segment - lo] = seg[:p.start] + p.new + seg[p.end:]
            planted_at = sum(len(x) + 2 for x in segs[:p.segment - lo]) + p.start
        versions.append(_document(s.name, segs))
    reference = None
    if with_reference:
        reference = p.doc.reference.name
        versions.append(_document(reference, p.doc.reference.segments[lo:hi]))
    report = run_audit(segment_all(versions), _encoder(), reference=reference)
    span = (planted_at, planted_at + len(p.new))
    for f in report.findings:
        # the evidence must point at the token: a whole sentence ("a name is missing from this
        # sentence") overlaps every plant in it and says nothing about where the drift is
        if p.system in f.documents and any(e.document == p.system and overlaps((e.start, e.end), span)
                                           and e.end - e.start <= len(p.new) + MAX_CONTEXT
                                           for e in f.evidence):
            return True, f.code
    return False, ""


def _peer(p: Plant, with_reference: bool) -> bool:
    seg = p.doc.system(p.system).segments[p.segment]
    planted = seg[:p.start] + p.new + seg[p.end:]
    span = (p.start, p.start + len(p.new))
    if with_reference:
        ref_words = set(re.findall(r"[\w.,'’-]+", p.doc.reference.segments[p.segment]))
        return p.new not in ref_words
    segments = {s.name: s.segments[p.segment] for s in p.doc.systems} | {p.system: planted}
    return any(overlaps((s, e), span) for s, e, _ in minority_tokens(segments)[p.system])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-kind", type=int, default=40, help="plants of each kind")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--show", action="store_true", help="print every plant the audit missed")
    ap.add_argument("--kinds", default=",".join(KINDS), help="kinds to run, comma-separated")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    docs = [d for d in load_docs(DATA) if d.testset == "newstest2021"]  # TED stays held out
    todo = plants(docs, args.per_kind, args.seed)
    print(f"{len(todo)} plants in {len(docs)} newstest2021 documents (8 real MT outputs each; seed {args.seed})")
    print(f"  {'kind':<12} {'mode':<10} {'n':>4} {'audit':>7} {'peer':>7}   rules that found them")
    for kind in args.kinds.split(","):
        for mode in ("no ref", "reference"):
            with_ref = mode == "reference"
            rows = [p for p in todo if p.kind == kind]
            if with_ref:  # the reference must carry the original token for it to be the right side
                rows = [p for p in rows if p.doc.system(p.system).segments[p.segment][p.start:p.end]
                        in p.doc.reference.segments[p.segment]]
            if not rows:
                continue
            results = [_found(p, with_ref) for p in rows]
            for p, (ok, _code) in zip(rows, results):
                if not ok and args.show:
                    seg = p.doc.system(p.system).segments[p.segment]
                    print(f"    missed [{mode}] {p.doc.key} {p.segment} {p.system}: {seg[p.start:p.end]!r} -> {p.new!r}"
                          f" | {seg[max(0, p.start - 70):p.end + 50]!r}")
            peer = sum(_peer(p, with_ref) for p in rows)
            codes = Counter(c for ok, c in results if ok)
            print(f"  {kind:<12} {mode:<10} {len(rows):>4} {sum(ok for ok, _ in results) / len(rows):>7.3f} "
                  f"{peer / len(rows):>7.3f}   {dict(sorted(codes.items()))}")
    print(f"elapsed {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
