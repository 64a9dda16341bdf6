"""The candidate index alone: ``auditor.cluster.bands.BandIndex`` against datasketch's ``MinHashLSH``
(its peer and model: same bands, same candidates) on the same signatures, in the same process.

Signatures are MinHash values of the project's width (``NUM_PERM``) drawn at random, a third of them
near-copies of an earlier one (a random share of rows kept), so buckets hold from one document to
many, as an archive's do. Each document is queried, then inserted (what clustering and ``auditor
scan`` do). Printed per size: memory held by the index per document (tracemalloc, after the inserts)
and the median over five repeats of microseconds per query + insert; every query's candidate set is
checked to be the same as the peer's.

Usage: python bench/bench_bands.py [--sizes 10000,100000] [--repeats 5]

Measured 2026-12-05 (``--repeats 3``, idle 2-core machine):

     documents        index  bytes/doc  us/doc (median)
        10,000   datasketch      7,476             83.9
        10,000      auditor        718             80.8
                      ratio      10.4x            1.04x   (peer / auditor; candidates identical)
       100,000   datasketch      7,404            105.4
       100,000      auditor        393            122.3
                      ratio      18.8x            0.86x   (peer / auditor; candidates identical)

A million-article archive's index: ~0.4 GB where MinHashLSH's dict storage would hold ~7.4 GB.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def signatures(n: int, perms: int, seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    out = rng.integers(0, 2**32, (n, perms), dtype=np.uint64)
    for k in range(2, n, 3):
        base = out[int(rng.integers(0, k))]
        keep = rng.random(perms) < rng.uniform(0.3, 1.0)
        out[k, keep] = base[keep]
    return out


def run(kind: str, sigs: np.ndarray, *, collect: bool = False,
        trace: bool = False) -> tuple[float, float, list[set[int]]]:
    """(bytes the index holds per document when ``trace``d, seconds, candidate sets when ``collect``ed)
    of one pass over ``sigs``. Timed passes neither trace nor collect."""
    from datasketch import MinHash, MinHashLSH

    from auditor.cluster.bands import BandIndex
    from auditor.cluster.params import LSH_THRESHOLD, NUM_PERM

    template = MinHash(num_perm=NUM_PERM)
    found: list[set[int]] = []
    if trace:
        tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    start = time.perf_counter()
    if kind == "auditor":
        index = BandIndex(LSH_THRESHOLD, NUM_PERM)
        for k, sig in enumerate(sigs):
            hits = index.query(sig)
            if collect:
                found.append(hits)
            index.insert(k, sig)
    else:
        lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        for k, sig in enumerate(sigs):
            m = MinHash(num_perm=NUM_PERM, hashvalues=sig, permutations=template.permutations, scheme=template.scheme)
            hits = set(lsh.query(m))
            if collect:
                found.append(hits)
            lsh.insert(k, m)  # the MinHash objects stay with the index: the peer keeps no other copy
    seconds = time.perf_counter() - start
    held = (tracemalloc.get_traced_memory()[0] - base) / len(sigs)
    if trace:
        tracemalloc.stop()
    return held, seconds, found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    from auditor.cluster.params import NUM_PERM

    print(f"{'documents':>10} {'index':>12} {'bytes/doc':>10} {'us/doc (median)':>16}")
    for n in (int(x) for x in args.sizes.split(",") if x):
        sigs = signatures(n, NUM_PERM)
        if run("datasketch", sigs, collect=True)[2] != run("auditor", sigs, collect=True)[2]:
            raise SystemExit(f"{n} documents: the candidates differ from the peer's")
        held = {kind: run(kind, sigs, trace=True)[0] for kind in ("datasketch", "auditor")}
        times: dict[str, list[float]] = {"datasketch": [], "auditor": []}
        for _ in range(args.repeats):
            for kind in times:  # alternating, so load on the machine hits both alike
                times[kind].append(run(kind, sigs)[1] / n * 1e6)
        for kind in ("datasketch", "auditor"):
            print(f"{n:>10,} {kind:>12} {held[kind]:>10,.0f} {statistics.median(times[kind]):>16.1f}")
        ratio = held["datasketch"] / held["auditor"]
        speed = statistics.median(times["datasketch"]) / statistics.median(times["auditor"])
        print(f"{'':>10} {'ratio':>12} {ratio:>9.1f}x {speed:>15.2f}x   (peer / auditor; candidates identical)")


if __name__ == "__main__":
    main()
