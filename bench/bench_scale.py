"""Growth curve of a two-version audit in the number of sentences: seconds and peak RSS per size.

A long article (wire-copy compilation, transcript) and an edited copy of it are generated on disk:
news-like sentences from a word-frequency list with names, amounts and years in them (so the aligner's
name/number features, extraction and the drift comparators all have work), and a second version with
known edits (splits, merges, drops, insertions, moves, light word noise; ``bench_align.edit``). Each
size is audited in a fresh process (``python -m auditor audit A B --format json``, so peak RSS is that
run's own), and the in-process stage timings are printed alongside.

Usage: python bench/bench_scale.py [--sizes 1000,5000,20000,100000] [--model lexical]
Targets (issue 14): 100,000 sentences in < 5 minutes and < 2 GB; time and memory linear in size.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def long_article(n: int, seed: int = 11) -> list[str]:
    """``n`` distinct news-like sentences: topic words, function words, recurring names, figures."""
    import wordfreq

    rng = random.Random(seed)
    words = wordfreq.top_n_list("en", 30000)
    function = words[:120]
    content = [w for w in words[600:30000] if w.isalpha() and len(w) > 3]
    syll = ["ka", "lo", "mer", "tan", "vi", "sho", "ren", "da", "mi", "gor", "bel", "xu", "an", "li", "par", "zhou"]
    people = ["".join(rng.choices(syll, k=2)).capitalize() + " " + "".join(rng.choices(syll, k=3)).capitalize()
              for _ in range(max(50, n // 20))]
    out = []
    for i in range(n):
        # a section of ~40 sentences shares a topic and its people, as a long report's chapter does
        sec = random.Random(seed * 1_000_003 + i // 40)
        vocab = sec.sample(content, 80)
        cast = sec.sample(people, 4)
        toks = []
        for _ in range(rng.randint(10, 22)):
            r = rng.random()
            toks.append(rng.choice(function) if r < 0.45 else rng.choice(vocab) if r < 0.88
                        else rng.choice(cast) if r < 0.95 else f"{rng.randint(2, 9000):,}" if r < 0.98
                        else f"{rng.randint(1, 900)} million yuan")
        s = " ".join(toks)
        out.append(s[0].upper() + s[1:] + ".")
    return out


def write_pair(n: int, folder: Path) -> tuple[Path, Path]:
    """The article and its edited copy as plain-text files, paragraphs of 1-6 sentences."""
    from bench_align import edit

    a = long_article(n)
    fillers = long_article(max(50, n // 50), seed=99)
    b, _ = edit(a, fillers)

    def text(sents: list[str], seed: int) -> str:
        rng = random.Random(seed)
        paras, i = [], 0
        while i < len(sents):
            k = rng.randint(1, 6)
            paras.append(" ".join(sents[i : i + k]))
            i += k
        return "\n\n".join(paras) + "\n"

    pa, pb = folder / f"long{n}-a.txt", folder / f"long{n}-b.txt"
    pa.write_text(text(a, 1), encoding="utf-8")
    pb.write_text(text(b, 2), encoding="utf-8")
    return pa, pb


def _child(model: str, pa: str, pb: str) -> None:
    """One audit in this process: stage seconds and peak RSS as one JSON line."""
    from auditor.backends import load_encoder
    from auditor.commands._options import load_documents
    from auditor.pipeline import run_audit
    from auditor.report import report_to_dict

    encoder = load_encoder(model)
    timings: dict[str, float] = {}
    start = time.perf_counter()
    t0 = time.perf_counter()
    docs = load_documents([pa, pb])
    timings["ingest+segment"] = time.perf_counter() - t0
    report = run_audit(docs, encoder, timings=timings)
    t0 = time.perf_counter()
    text = json.dumps(report_to_dict(report))
    timings["serialise"] = time.perf_counter() - t0
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mib": peak, "stages": timings,
                      "sentences": [len(d.sentences) for d in docs], "findings": len(report.findings),
                      "json_mib": len(text) / 2**20}))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,5000,20000,100000")
    ap.add_argument("--model", default="lexical", help="encoder (default lexical: no neural model)")
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds before a size is given up")
    ap.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(*args.child)
        return
    env = dict(os.environ, AUDITOR_CACHE_DIR=os.path.join(tempfile.gettempdir(), "auditor-bench-cache"))
    print(f"model {args.model}; one fresh process per size; peak = max RSS of that process")
    print(f"{'sentences':>10} {'seconds':>9} {'s/1k sent':>10} {'peak MiB':>9}  stages (s)")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(x) for x in args.sizes.split(",")):
            pa, pb = write_pair(n, Path(tmp))
            cmd = [sys.executable, __file__, "--child", args.model, str(pa), str(pb)]
            try:
                res = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, timeout=args.timeout)
            except subprocess.TimeoutExpired:
                print(f"{n:>10} {'> ' + str(int(args.timeout)):>9}  (timed out)")
                continue
            if res.returncode != 0:
                print(f"{n:>10} failed: {res.stderr.strip().splitlines()[-1:]}")
                continue
            r = json.loads(res.stdout.strip().splitlines()[-1])
            stages = " ".join(f"{k} {v:.1f}" for k, v in r["stages"].items())
            print(f"{n:>10} {r['seconds']:>9.1f} {r['seconds'] / n * 1000:>10.2f} {r['peak_mib']:>9.0f}  {stages}",
                  flush=True)


if __name__ == "__main__":
    main()
