"""Benchmark of ``auditor scan``: docs/s and peak memory, in-process and on a 2-worker Dask LocalCluster,
with datasketch's MinHashLSH alone (sign + bucket, no audit) as the grouping peer, in the same run.

The archive is N synthetic-but-varied news articles (``bench_audit._synthetic_corpus``: topics with their
own words and names, stories of 1-5 versions -- copy, edited copy, trimmed copy, rewrite -- related
coverage and unrelated one-offs) written as one JSONL.gz file. Each measurement runs in a fresh process:

* in-process: ``auditor.scan.scan`` (read, sign, group, audit every group of >= 2 documents);
* LocalCluster: the same with ``--workers 2`` (2 worker processes, 1 thread each); peak memory is
  the driver's and the largest worker's;
* peer: the same documents read and parsed, MinHash-signed and put into a datasketch MinHashLSH
  (threshold and permutations as ours), connected groups counted -- the grouping alone.

It checks that the in-process and cluster outputs are byte-identical and prints pairwise
precision/recall of the groups against the generator's stories.

Usage: python bench/bench_scan.py [--docs 10000[,50000]] [--model lexical]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _rss_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: KiB


def write_archive(n: int, folder: Path) -> tuple[Path, dict[str, int]]:
    from bench_audit import _synthetic_corpus

    docs, truth = _synthetic_corpus(n)
    path = folder / f"archive{n}.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps({"id": d.id, "text": d.text}, ensure_ascii=False) + "\n")
    return path, truth


def _child(mode: str, archive: str, out: str, model: str) -> None:
    """One measurement in this process; prints a JSON line."""
    start = time.perf_counter()
    if mode == "peer":
        from datasketch import MinHash, MinHashLSH

        from auditor.cluster.params import LSH_THRESHOLD, NUM_PERM, SEED

        from auditor.cluster.signals import content_texts, shingles
        from auditor.ingest.archive import iter_raw, parse_record

        lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        n = 0
        for rec in iter_raw([archive]):
            for d in parse_record(rec):
                m = MinHash(num_perm=NUM_PERM, seed=SEED)
                m.update_batch(sorted(shingles(content_texts(d))))
                parent[d.id] = d.id
                for other in lsh.query(m):
                    a, b = find(d.id), find(other)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
                lsh.insert(d.id, m)
                n += 1
        groups: dict[str, list[str]] = {}
        for x in parent:
            groups.setdefault(find(x), []).append(x)
        Path(out).write_text(json.dumps(sorted(sorted(g) for g in groups.values() if len(g) > 1)))
        docs = n
    else:
        from auditor.scan import scan

        client = cluster = None
        if mode == "dask":
            from dask.distributed import Client, LocalCluster

            cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
            start = time.perf_counter()  # cluster start-up is not scan work
        result = scan([archive], out, model=model, client=client)
        docs = result.documents
        if client is not None:
            workers = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
            worker_peak = max(workers.values())
            client.close()
            cluster.close()
        else:
            worker_peak = 0.0
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "docs": docs, "peak": _rss_mib(resource.RUSAGE_SELF),
                      "worker_peak": worker_peak if mode == "dask" else 0.0}))


def _groups_of(mode: str, out: Path) -> list[list[str]]:
    if mode == "peer":
        return json.loads(out.read_text())
    return [json.loads(line)["documents"] for line in out.read_text(encoding="utf-8").splitlines()]


def _pairs(groups: list[list[str]]) -> set[tuple[str, str]]:
    return {(a, b) for g in groups for i, a in enumerate(sorted(g)) for b in sorted(g)[i + 1 :]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", default="10000")
    ap.add_argument("--model", default="lexical")
    ap.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(*args.child)
        return
    env = dict(os.environ, AUDITOR_CACHE_DIR=os.path.join(tempfile.gettempdir(), "auditor-bench-cache"))
    print(f"model {args.model}; one fresh process per measurement; peak = max RSS")
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(x) for x in args.docs.split(",")):
            archive, truth = write_archive(n, Path(tmp))
            stories: dict[int, list[str]] = {}
            for doc_id, st in truth.items():
                stories.setdefault(st, []).append(doc_id)
            gold = _pairs([g for g in stories.values() if len(g) > 1])
            digests = {}
            for mode in ("peer", "inproc", "dask"):
                out = Path(tmp) / f"{mode}{n}.out"
                cmd = [sys.executable, __file__, "--child", mode, str(archive), str(out), args.model]
                res = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
                if res.returncode != 0:
                    print(f"{n:>7} {mode}: failed: {res.stderr.strip().splitlines()[-3:]}")
                    continue
                r = json.loads(res.stdout.strip().splitlines()[-1])
                pred = _pairs(_groups_of(mode, out))
                tp = len(pred & gold)
                p = tp / len(pred) if pred else 0.0
                rc = tp / len(gold) if gold else 0.0
                if mode != "peer":
                    digests[mode] = hashlib.sha256(out.read_bytes()).hexdigest()
                label = {"peer": "MinHashLSH alone (group only)", "inproc": "scan in-process",
                         "dask": "scan LocalCluster 2 workers"}[mode]
                mem = f"{r['peak']:.0f} MiB" + (f" (largest worker {r['worker_peak']:.0f} MiB)" if mode == "dask" else "")
                print(f"{n:>7} {label:<32} {r['seconds']:8.1f} s {r['docs'] / r['seconds']:8.1f} docs/s  "
                      f"peak {mem}  group pairs P {p:.3f} R {rc:.3f}", flush=True)
            if len(digests) == 2:
                print(f"{n:>7} in-process and LocalCluster outputs identical: {digests['inproc'] == digests['dask']}")


if __name__ == "__main__":
    main()
