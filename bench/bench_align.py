"""Alignment benchmark: banded vs exhaustive DP on ~2,000-sentence documents, encoder throughput,
peak memory, and the encoder comparison behind the default (``auditor.backends.DEFAULT_ENCODER``).

The documents are built from real English prose -- the docstrings of the Python standard library,
which ship with every Python -- and the second one gets known edits (sentence splits, merges,
drops, insertions, moves and light word-level noise), so the true alignment is known and F1 can
be measured. Run:  python bench/bench_align.py [--sentences 2000] [--repeat 3]

Prints medians; the exhaustive DP runs in the same process on the same embeddings as the peer.
"""

from __future__ import annotations

import argparse
import importlib
import inspect
import json
import os
import random
import re
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import tempfile  # noqa: E402

# a cache of its own, so re-runs measure alignment on warm embeddings without touching the user's
os.environ.setdefault("AUDITOR_CACHE_DIR", os.path.join(tempfile.gettempdir(), "auditor-bench-cache"))

from auditor.align import align_pair, align_texts  # noqa: E402
from auditor.backends import load_encoder  # noqa: E402

_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_SKIP_MODULES = {"antigravity", "this", "idlelib", "tkinter", "turtledemo", "lib2to3", "ensurepip", "test"}


def stdlib_sentences(limit: int) -> list[str]:
    """Distinct prose sentences from stdlib docstrings, in a fixed order."""
    seen: set[str] = set()
    out: list[str] = []
    for name in sorted(sys.stdlib_module_names):
        if name.startswith("_") or name in _SKIP_MODULES:
            continue
        try:
            mod = importlib.import_module(name)
        except Exception:  # noqa: BLE001 - optional/platform modules
            continue
        objs = [mod] + [getattr(mod, a) for a in sorted(dir(mod)) if not a.startswith("_")]
        for obj in objs:
            doc = inspect.getdoc(obj) if (inspect.ismodule(obj) or inspect.isclass(obj) or inspect.isfunction(obj)) else None
            if not doc:
                continue
            for para in doc.split("\n\n"):
                para = " ".join(para.split())
                if not para or para.startswith((">>>", "..", "-", "*", "|")):
                    continue
                for sent in _SPLIT.split(para):
                    if 60 <= len(sent) <= 260 and sent.endswith(".") and sent not in seen and "  " not in sent:
                        seen.add(sent)
                        out.append(sent)
                        if len(out) >= limit:
                            return out
    return out


def _noise(text: str, rng: random.Random) -> str:
    """Light garbling: drop one word or swap two neighbours (what MT round trips do to a sentence)."""
    words = text.split()
    if len(words) < 6:
        return text
    k = rng.randrange(1, len(words) - 2)
    if rng.random() < 0.5:
        del words[k]
    else:
        words[k], words[k + 1] = words[k + 1], words[k]
    return " ".join(words)


def edit(a: list[str], fillers: list[str], seed: int = 7):
    """Edited copy of ``a`` and the gold (a index, b index) pairs."""
    rng = random.Random(seed)
    b: list[str] = []
    owner: list[list[int]] = []  # for each b sentence, the a sentences it carries
    moving: list[tuple[int, int]] = []  # (a index, insert when reaching this a index)
    i = 0
    while i < len(a):
        for src, at in [m for m in moving if m[1] == i]:
            b.append(a[src])
            owner.append([src])
            moving.remove((src, at))
        r = rng.random()
        text = _noise(a[i], rng) if rng.random() < 0.15 else a[i]
        if r < 0.03:  # dropped
            pass
        elif r < 0.06 and ", " in text[20:-20]:  # split at a comma
            cut = text.index(", ", 20)
            b += [text[:cut] + ".", text[cut + 2 :]]
            owner += [[i], [i]]
        elif r < 0.09 and i + 1 < len(a):  # merged with the next sentence
            b.append(text + " " + a[i + 1])
            owner.append([i, i + 1])
            i += 1
        elif r < 0.10 and i + 60 < len(a):  # moved 20-300 sentences further on
            moving.append((i, min(len(a) - 1, i + rng.randint(20, 300))))
        else:
            b.append(text)
            owner.append([i])
        if rng.random() < 0.02:  # unrelated sentence inserted
            b.append(fillers[rng.randrange(len(fillers))])
            owner.append([])
        i += 1
    for src, _ in moving:
        b.append(a[src])
        owner.append([src])
    gold = {(i, j) for j, srcs in enumerate(owner) for i in srcs}
    return b, gold


def f1(links, gold) -> float:
    pred = {(i, j) for link in links for i in link.a for j in link.b}
    tp = len(pred & gold)
    if not tp:
        return 0.0
    p, r = tp / len(pred), tp / len(gold)
    return 2 * p * r / (p + r)


def timed(fn, repeat: int):
    """Median wall time of ``fn`` and the DP stage inside it, plus the median CPU time of the
    process (alignment runs single-threaded, so on an idle machine the two agree; on a shared one
    CPU time is the steadier figure). Memoised sentence features are dropped before each run so
    every run pays for them, as a single ``auditor align`` does."""
    import auditor.align.pair as pair_mod
    from auditor.align.features import sentence_features

    times, cpu_times, dp_times, out = [], [], [], None
    real_dp = pair_mod.band_dp
    spent = []

    def dp(*args, **kwargs):
        t = time.perf_counter()
        try:
            return real_dp(*args, **kwargs)
        finally:
            spent.append(time.perf_counter() - t)

    pair_mod.band_dp = dp
    try:
        for _ in range(repeat):
            sentence_features.cache_clear()
            spent.clear()
            t0, c0 = time.perf_counter(), time.process_time()
            out = fn()
            times.append(time.perf_counter() - t0)
            cpu_times.append(time.process_time() - c0)
            dp_times.append(spent[0])  # the main DP (later calls are the tiny slot re-alignments)
    finally:
        pair_mod.band_dp = real_dp
    return statistics.median(times), statistics.median(dp_times), out, statistics.median(cpu_times)


def peak_mib(fn) -> float:
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def fixture_f1(encoder) -> dict[str, float]:
    """Pair F1 against the hand-written gold alignments of the fixture (tests/data/gold_align_*)."""
    from auditor.commands._options import load_documents

    docs = {d.id: d for d in load_documents([str(ROOT / "fixtures" / "china-ai-subsidies")])}
    out = {}
    for name in ("gold_align_004_002.json", "gold_align_004_003.json"):
        gold = json.loads((ROOT / "tests" / "data" / name).read_text(encoding="utf-8"))
        a, b = docs[gold["a"]], docs[gold["b"]]

        def find(doc, snip):
            at = doc.text.find(snip)
            return next(s.index for s in doc.sentences if s.start <= at < s.end)

        ca = {s.index for s in a.content_sentences}
        cb = {s.index for s in b.content_sentences}
        pairs, sa, sb = set(), set(), set()
        for link in gold["links"]:
            ia = {find(a, x) for x in link["a"]} & ca
            ib = {find(b, x) for x in link["b"]} & cb
            sa |= ia
            sb |= ib
            pairs |= {(i, j) for i in ia for j in ib}
        sa |= {find(a, x) for x in gold["omitted"]} & ca
        pred = {(i, j) for link in align_pair(a, b, encoder).links for i in link.a for j in link.b}
        judged = {(i, j) for i, j in pred if i in sa or j in sb}
        tp = len(judged & pairs)
        p, r = tp / max(len(judged), 1), tp / len(pairs)
        out[name[11:18]] = 2 * p * r / (p + r) if tp else 0.0
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sentences", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--compare-sentences", type=int, default=300, help="size of the per-encoder comparison")
    ap.add_argument("--no-cache", action="store_true", help="encode from scratch (cold throughput)")
    args = ap.parse_args()

    pool = stdlib_sentences(args.sentences + 200)
    a, fillers = pool[: args.sentences], pool[args.sentences :]
    b, gold = edit(a, fillers)
    print(f"documents: a={len(a)} b={len(b)} sentences (stdlib docstrings; splits, merges, drops, inserts, moves, noise)")

    # -- encoder throughput ------------------------------------------------------------------------
    enc = load_encoder("use-m", cache=not args.no_cache)
    t0 = time.perf_counter()
    enc.encode(a + b)
    t_single = time.perf_counter() - t0
    src = "from disk cache" if enc.stats["disk"] and not enc.stats["encoded"] else "encoded"
    print(f"use-m: {len(a) + len(b)} sentences in {t_single:.1f}s ({src}): {(len(a) + len(b)) / t_single:.0f} sentences/s")
    from auditor.align.pair import encode_texts

    t0 = time.perf_counter()
    encode_texts(enc, a, b)  # the adjacent-pair concatenations that merged beads are scored with
    print(f"use-m: merged-pair texts encoded in {time.perf_counter() - t0:.1f}s")

    # -- banded vs exhaustive on the same embeddings -----------------------------------------------
    align_texts(a, b, enc)  # warm-up (imports, first allocations)
    t_band, dp_band, links_band, cpu_band = timed(lambda: align_texts(a, b, enc), args.repeat)
    t_full, dp_full, links_full, cpu_full = timed(lambda: align_texts(a, b, enc, banded=False), args.repeat)
    n = len(a) + len(b)
    f_band, f_full = f1(links_band, gold), f1(links_full, gold)
    print("alignment on cached embeddings (features, anchors, DP, moves; encoding excluded):")
    print(f"  banded aligner:     median {t_band:.3f}s  {n / t_band:,.0f} sentences/s  F1 {f_band:.4f}  (DP stage {dp_band:.3f}s)")
    print(f"  exhaustive full DP: median {t_full:.3f}s  {n / t_full:,.0f} sentences/s  F1 {f_full:.4f}  (DP stage {dp_full:.3f}s)")
    print(
        f"  speed-up banded/full: {t_full / t_band:.1f}x end to end, {dp_full / dp_band:.1f}x on the DP stage"
        f"  (F1 difference {f_band - f_full:+.4f})"
    )
    print(
        f"  CPU time (median): banded {cpu_band:.3f}s, full {cpu_full:.3f}s: {cpu_full / cpu_band:.1f}x"
    )
    print(
        f"  peak traced memory: banded {peak_mib(lambda: align_texts(a, b, enc)):.0f} MiB, "
        f"full {peak_mib(lambda: align_texts(a, b, enc, banded=False)):.0f} MiB"
    )
    approx = align_texts(a, b, enc, merged="sum")
    print(f"  banded, merged beads from summed vectors instead of encoded concatenations: F1 {f1(approx, gold):.4f}")

    # -- encoder comparison (default choice) -----------------------------------------------------
    k = args.compare_sentences
    sa = a[:k]
    sb, gold_k = edit(sa, fillers, seed=11)
    print(f"\nencoder comparison: synthetic {len(sa)}+{len(sb)} sentences, and the fixture gold (004 vs 002 garbled / 003 rewrite)")
    print(f"{'encoder':10} {'sent/s':>8} {'F1 synth':>9} {'F1 002':>7} {'F1 003':>7}")
    for name in ("use-m", "minilm", "lexical"):
        e = load_encoder(name, cache=False)
        e.encode(["warm up the model"])
        texts = [f"{t} ({name} throughput)" for t in sa]  # unseen texts: nothing memoised
        t0 = time.perf_counter()
        e.encode(texts)
        rate = len(texts) / (time.perf_counter() - t0)
        fx = fixture_f1(e)
        print(f"{name:10} {rate:8.0f} {f1(align_texts(sa, sb, e), gold_k):9.4f} {fx['004_002']:7.4f} {fx['004_003']:7.4f}")
    import resource

    print(f"\nprocess max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
