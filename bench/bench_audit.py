"""Benchmark of ``auditor audit``: whole-fixture wall time and clustering throughput.

1. The fixture audit as an editor runs it (a fresh ``python -m auditor audit`` process: interpreter,
   model load, everything), median of N runs with a warm embedding cache and with a cold (empty) one;
   peers in the same run: the bare CLI start-up (``python -c 'import auditor._cli'``) and the same
   warm audit with ``--model lexical`` (no neural model); then, in-process, the median time per
   stage and the share spent inside the encoder, and what the process spends outside the audit.
2. Story clustering on >= 10,000 synthetic news-like articles (stories of 1-5 versions: copy,
   edited copy, trimmed copy, rewrite; related coverage of the same topics; unrelated one-offs; see
   ``_synthetic_corpus``), docs/s and peak traced memory, against datasketch's MinHashLSH alone on
   the same data in the same run (the peer), with pairwise precision/recall of both.

Usage: python bench/bench_audit.py [--runs 5] [--docs 10000] [--encoder lexical]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "china-ai-subsidies"
sys.path.insert(0, str(ROOT))


# --- 1. the fixture audit ------------------------------------------------------------------------


def _cli_run(cache_dir: str, *extra: str) -> float:
    return _timed_process(
        [sys.executable, "-m", "auditor", "audit", str(FIXTURE), "--format", "json", "-o", os.devnull, "-q", *extra],
        cache_dir,
    )


def _timed_process(argv: list[str], cache_dir: str) -> float:
    env = dict(os.environ, AUDITOR_CACHE_DIR=cache_dir)
    start = time.perf_counter()
    subprocess.run(argv, check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _spread(xs: list[float]) -> str:
    return f"median {statistics.median(xs):.2f} s  (min {min(xs):.2f}, max {max(xs):.2f})"


class _TimedEncoder:
    """Wraps an encoder and adds up the seconds spent in ``encode``."""

    def __init__(self, inner):
        self.inner = inner
        self.name = inner.name
        self.seconds = 0.0

    def encode(self, texts):
        start = time.perf_counter()
        try:
            return self.inner.encode(texts)
        finally:
            self.seconds += time.perf_counter() - start


def bench_fixture(runs: int) -> None:
    from auditor.backends import load_encoder
    from auditor.commands._options import load_documents
    from auditor.pipeline import run_audit

    with tempfile.TemporaryDirectory() as warm_dir:
        _cli_run(warm_dir)  # fill the embedding cache and the derived-data cache (gazetteer...)
        _cli_run(warm_dir, "--model", "lexical")
        warm, lexical, bare = [], [], []
        for _ in range(runs):  # interleaved, so load from other processes hits all three alike
            warm.append(_cli_run(warm_dir))
            lexical.append(_cli_run(warm_dir, "--model", "lexical"))
            bare.append(_timed_process([sys.executable, "-c", "import auditor._cli"], warm_dir))
    cold = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as cold_dir:
            cold.append(_cli_run(cold_dir))
    print(f"fixture audit, whole CLI process (python -m auditor audit ... --format json), {runs} runs")
    print(f"  warm cache: {_spread(warm)}")
    print(f"  cold cache: {_spread(cold)}")
    print(f"  peer, same warm audit with --model lexical: {_spread(lexical)}")
    print(f"  peer, bare start-up (python -c 'import auditor._cli'): {_spread(bare)}")

    with tempfile.TemporaryDirectory() as cache_dir:
        os.environ["AUDITOR_CACHE_DIR"] = cache_dir
        start = time.perf_counter()
        docs = load_documents([str(FIXTURE)])
        ingest = time.perf_counter() - start
        start = time.perf_counter()
        load_encoder()  # the model itself (memoised per process after this)
        model_load = time.perf_counter() - start
        for label, cache in (("cold", False), ("warm", True)):
            per_stage: dict[str, list[float]] = {}
            enc_share: list[float] = []
            totals: list[float] = []
            for i in range(runs + 1):
                # cold: a fresh encoder without the disk cache (every sentence encoded);
                # warm: disk cache filled by the first run, which is not counted
                encoder = _TimedEncoder(load_encoder(cache=cache))
                timings: dict[str, float] = {}
                start = time.perf_counter()
                run_audit(docs, encoder, timings=timings)
                total = time.perf_counter() - start
                if cache and i == 0:
                    continue
                totals.append(total)
                enc_share.append(encoder.seconds / total)
                for k, v in timings.items():
                    per_stage.setdefault(k, []).append(v)
            stages = "  ".join(f"{k} {statistics.median(v):.3f}" for k, v in per_stage.items())
            print(f"  in-process {label}: audit median {statistics.median(totals):.3f} s; per stage (s): {stages}")
            print(f"    encoder share {statistics.median(enc_share):.0%} of the audit"
                  f" (+ ingest/segment {ingest:.3f} s, model load {model_load:.3f} s once per process)")
            if cache:
                # imports, interpreter start, first-use loads (lexicons, gazetteer), report writing
                outside = statistics.median(warm) - statistics.median(totals) - ingest
                print(f"    whole warm process minus in-process audit and ingest: {outside:.2f} s"
                      " (start-up, imports, first-use data loads, report)")


# --- 2. clustering throughput ----------------------------------------------------------------------


def _synthetic_corpus(n_docs: int, seed: int = 7):
    """A news-like stream: stories with a few versions each, related coverage, unrelated articles.

    Why not random words: to any encoder, texts drawn from one flat vocabulary all look alike (and
    share no topic), so buckets degenerate and the benchmark measures a corpus no newsroom has. Here
    each article belongs to a *topic* (its own content words and named people/places, mixed with
    ordinary function words as in real prose); a topic carries several distinct stories; a story is
    published in 1-5 versions (verbatim copy, edited copy with a misspelt name and changed words,
    trimmed copy, rewrite with merged/reordered/paraphrased sentences); ~15% of articles are related
    coverage (same topic and names, different sentences) and ~15% unrelated one-offs. Articles arrive
    in publication order: versions of a story within a short window, as on a wire feed.
    Returns (documents, truth) where truth maps each id to its story (related/unrelated articles are
    stories of one).
    """
    import wordfreq

    from tests._docs import make_doc

    rng = np.random.default_rng(seed)
    words = wordfreq.top_n_list("en", 40000)
    function = np.array(words[:120])
    content_pool = np.array([w for w in words[800:40000] if w.isalpha() and len(w) > 3])
    syllables = ["ka", "lo", "mer", "tan", "vi", "sho", "ren", "da", "mi", "gor", "bel", "xu", "an", "li", "par"]

    def name() -> str:
        return "".join(rng.choice(syllables, int(rng.integers(2, 4)))).capitalize()

    n_topics = max(1, n_docs // 25)
    topics = [(rng.choice(content_pool, 150, replace=False), [f"{name()} {name()}" for _ in range(6)])
              for _ in range(n_topics)]

    def sentence(topic) -> str:
        vocab, names = topic
        out = []
        for _ in range(int(rng.integers(12, 24))):
            r = rng.random()
            out.append(rng.choice(function) if r < 0.45 else rng.choice(vocab) if r < 0.9
                       else names[int(rng.integers(len(names)))] if r < 0.96 else str(int(rng.integers(2, 5000))))
        text = " ".join(out)
        return text[0].upper() + text[1:] + "."

    def article(topic) -> list[str]:
        return [sentence(topic) for _ in range(int(rng.integers(10, 25)))]

    def edited(base, topic):
        vocab, names = topic
        out = []
        for s in base:
            if rng.random() < 0.3:
                w = s.split()
                w[int(rng.integers(len(w)))] = str(rng.choice(vocab))
                s = " ".join(w)
            out.append(s.replace(names[0], names[0][:-2] + "r" + names[0][-1]))
        return out

    def rewrite(base, topic):
        vocab, _ = topic
        out: list[str] = []
        i = 0
        while i < len(base):
            w = [str(rng.choice(vocab)) if t.islower() and rng.random() < 0.25 else t for t in base[i].split()]
            if i + 1 < len(base) and rng.random() < 0.2:  # merge two sentences
                w += ["and"] + base[i + 1].split()
                i += 1
            out.append(" ".join(w))
            i += 1
        j = int(rng.integers(1, len(out) - 1))
        out[j], out[j + 1] = out[j + 1], out[j]  # one local reordering
        return out

    stream = []  # (time, id, sentences, truth)
    story = 0
    produced = 0
    while produced < n_docs:
        t = float(story)
        topic = topics[int(rng.integers(n_topics))]
        base = article(topic)
        kind = rng.random()
        if kind < 0.15:  # related coverage: same topic and names, a different article
            versions = [base]
        elif kind < 0.3:  # unrelated one-off
            topic = (rng.choice(content_pool, 150, replace=False), [f"{name()} {name()}" for _ in range(6)])
            versions = [article(topic)]
        else:
            versions = [base]
            makers = [lambda: list(base), lambda: edited(base, topic), lambda: base[: max(5, int(len(base) * 0.7))],
                      lambda: rewrite(base, topic)]
            for k in rng.choice(len(makers), int(rng.integers(1, 5)), replace=False):
                versions.append(makers[int(k)]())
        for v, sents in enumerate(versions):
            stream.append((t + float(rng.random()) * 3.0, f"a{story:06d}-{v}", sents, story))
        story += 1
        produced += len(versions)
    stream.sort(key=lambda x: (x[0], x[1]))
    docs = [make_doc(doc_id, sents) for _, doc_id, sents, _ in stream[:n_docs]]
    truth = {doc_id: st for _, doc_id, _, st in stream[:n_docs]}
    return docs, truth


def _pair_scores(clusters, truth) -> tuple[float, float]:
    predicted = {(a, b) for c in clusters for i, a in enumerate(c) for b in c[i + 1 :]}
    by_story: dict[int, list[str]] = {}
    for d, s in truth.items():
        by_story.setdefault(s, []).append(d)
    actual = {(a, b) for m in by_story.values() for i, a in enumerate(sorted(m)) for b in sorted(m)[i + 1 :]}
    tp = len(predicted & actual)
    return (tp / len(predicted) if predicted else 0.0), (tp / len(actual) if actual else 0.0)


def _ours(docs, encoder):
    from auditor.cluster.stories import StoryClusterer

    clusterer = StoryClusterer(encoder)
    clusterer.add_many(docs)
    return [list(c) for c in clusterer.result().clusters]


def _peer(docs):
    """datasketch alone: same shingles and MinHash, MinHashLSH query-then-insert, union of candidates."""
    from datasketch import MinHash, MinHashLSH

    from auditor.cluster.params import LSH_THRESHOLD, NUM_PERM, SEED

    from auditor.cluster.signals import content_texts, shingles

    template = MinHash(num_perm=NUM_PERM, seed=SEED)
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    parent: dict[str, str] = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for doc in docs:
        m = MinHash(num_perm=NUM_PERM, permutations=template.permutations, scheme=template.scheme)
        m.update_batch(sorted(shingles(content_texts(doc))))
        parent[doc.id] = doc.id
        for other in lsh.query(m):
            ra, rb = find(doc.id), find(other)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
        lsh.insert(doc.id, m)
    groups: dict[str, list[str]] = {}
    for d in parent:
        groups.setdefault(find(d), []).append(d)
    return [sorted(g) for g in groups.values() if len(g) > 1]


def _measure(fn, *args):
    start = time.perf_counter()
    result = fn(*args)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    fn(*args)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return result, seconds, peak


def bench_clustering(n_docs: int, encoder_name: str) -> None:
    from auditor.backends import load_encoder

    docs, truth = _synthetic_corpus(n_docs)
    encoder = load_encoder(encoder_name, cache=False)
    encoder.encode([s.text for d in docs[:50] for s in d.sentences])  # warm up the model
    stories = len(set(truth.values()))
    print(f"\nclustering {len(docs)} synthetic articles ({stories} stories of 1-5 versions incl. related and "
          f"unrelated one-offs), encoder {encoder_name}")
    for name, fn, args in (("auditor StoryClusterer", _ours, (docs, encoder)), ("datasketch MinHashLSH alone", _peer, (docs,))):
        if fn is _ours:
            # the raw model, without the backend's in-run memo (which keeps every vector it has seen
            # and would be counted as the clusterer's memory); every sentence is encoded
            args = (docs, load_encoder(encoder_name, cache=False).inner)
        clusters, seconds, peak = _measure(fn, *args)
        precision, recall = _pair_scores(clusters, truth)
        print(f"  {name:28s} {len(docs) / seconds:8.0f} docs/s  ({seconds:.2f} s)  peak traced memory "
              f"{peak / 2**20:6.1f} MiB  pair precision {precision:.3f} recall {recall:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--encoder", default="lexical", help="encoder for the clustering benchmark")
    parser.add_argument("--skip-fixture", action="store_true")
    args = parser.parse_args()
    if not args.skip_fixture:
        bench_fixture(args.runs)
    bench_clustering(args.docs, args.encoder)


if __name__ == "__main__":
    main()
