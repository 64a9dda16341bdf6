"""Benchmark of the streaming audit on an archive-sized folder, against the in-memory audit (peer).

Generates N synthetic news articles on disk (default 20,000; ``bench_audit._synthetic_corpus``:
stories of 1-5 versions, related coverage, unrelated one-offs, in publication order), then audits the
folder with ``--model lexical`` twice, each in a fresh process so peak RSS is its own:

* stream: ``run_audit_stream`` (what ``auditor audit`` runs): spool + bounded passes, one cluster's
  documents in memory at a time;
* in-memory (peer): ``load_documents`` + ``run_audit``, every segmented Document held at once.

Prints wall time, docs/s and peak RSS (and the RSS after imports, before reading anything) per path,
median over ``--runs``, and whether both produced the same report.

Usage: python bench/bench_archive.py [--docs 20000] [--runs 1]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def _child(mode: str, folder: str) -> None:
    """One audit in this process; prints a JSON line with the measurements."""
    from auditor.backends import load_encoder
    from auditor.commands._options import load_documents
    from auditor.pipeline import run_audit
    from auditor.report import report_to_dict
    from auditor.stream import run_audit_stream

    encoder = load_encoder("lexical", cache=False)
    base = _peak_rss_mib()
    start = time.perf_counter()
    if mode == "stream":
        report = run_audit_stream([folder], encoder)
    else:
        report = run_audit(load_documents([folder]), encoder)
    seconds = time.perf_counter() - start
    peak = _peak_rss_mib()
    digest = hashlib.sha256(json.dumps(report_to_dict(report), sort_keys=True).encode()).hexdigest()
    clusters = len({d.cluster for d in report.documents if d.cluster is not None})
    print(json.dumps({"seconds": seconds, "peak": peak, "base": base, "docs": len(report.documents),
                      "clusters": clusters, "digest": digest}))


def _write_corpus(folder: Path, n: int) -> None:
    from bench_audit import _synthetic_corpus

    docs, _ = _synthetic_corpus(n)
    for k, doc in enumerate(docs):
        (folder / f"{k:07d}_{doc.id}.txt").write_text(doc.text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--child", nargs=2, metavar=("MODE", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "archive"
        folder.mkdir()
        t0 = time.perf_counter()
        _write_corpus(folder, args.docs)
        print(f"generated {args.docs} articles in {time.perf_counter() - t0:.1f} s ({folder})")
        env = dict(os.environ, AUDITOR_CACHE_DIR=str(Path(tmp) / "cache"))
        digests = {}
        for mode in ("stream", "in-memory"):
            rows = []
            for _ in range(args.runs):
                out = subprocess.run([sys.executable, __file__, "--child", mode, str(folder)], check=True,
                                     env=env, capture_output=True, text=True).stdout
                rows.append(json.loads(out.strip().splitlines()[-1]))
            secs = statistics.median(r["seconds"] for r in rows)
            peak = statistics.median(r["peak"] for r in rows)
            base = statistics.median(r["base"] for r in rows)
            digests[mode] = rows[0]["digest"]
            print(f"{mode:>9}: {secs:7.1f} s  {rows[0]['docs'] / secs:7.0f} docs/s  peak RSS {peak:7.0f} MiB "
                  f"(after imports {base:.0f} MiB; audit adds {peak - base:.0f} MiB)  "
                  f"{rows[0]['clusters']} stories, median of {args.runs}")
        print("same report:", digests["stream"] == digests["in-memory"])


if __name__ == "__main__":
    main()
