"""Embedding cache: identical vectors on a hit, isolation by model, concurrency, graceful failure."""

from __future__ import annotations

import multiprocessing as mp

import numpy as np

from auditor.backends import CachedEncoder
from auditor.cache import EmbeddingCache, cache_dir
from auditor.errors import set_warning_sink


class _Counting:
    """A deterministic fake encoder that records what it was asked to encode."""

    name = "fake"
    cache_id = "fake/1"
    dim = 8

    def __init__(self):
        self.calls: list[str] = []

    def encode(self, texts):
        self.calls.extend(texts)
        rng = [np.random.default_rng(abs(hash(t)) % 2**32).standard_normal(self.dim) for t in texts]
        v = np.array(rng, dtype=np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_cache_dir_honours_env(monkeypatch, tmp_path):
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "c"))
    assert cache_dir() == tmp_path / "c"


def test_roundtrip_is_bit_identical_and_keyed_by_model(tmp_path):
    cache = EmbeddingCache(tmp_path / "e.sqlite3")
    vec = np.random.default_rng(0).standard_normal(512).astype(np.float32)
    cache.put_many("m1", {"a sentence": vec})
    got = cache.get_many("m1", ["a sentence", "another"])
    assert list(got) == ["a sentence"] and np.array_equal(got["a sentence"], vec)
    assert cache.get_many("m2", ["a sentence"]) == {}
    assert cache.get_many("m1", ["a sentence."]) == {}  # edited text is a new key


def test_cached_encoder_hit_gives_identical_vectors_without_encoding(tmp_path):
    texts = ["one", "two", "one", "three"]
    first_inner = _Counting()
    first = CachedEncoder(first_inner, cache=EmbeddingCache(tmp_path / "e.sqlite3"))
    v1 = first.encode(texts)
    assert first_inner.calls == ["one", "two", "three"]  # duplicates encoded once
    second_inner = _Counting()
    second = CachedEncoder(second_inner, cache=EmbeddingCache(tmp_path / "e.sqlite3"))
    v2 = second.encode(texts)
    assert second_inner.calls == [] and second.stats["disk"] == 3
    assert np.array_equal(v1, v2)


def test_real_encoder_cache_hit_is_identical(use_encoder, tmp_path):
    from auditor.backends import load_encoder

    texts = ["Bernstein analysts forecast 55% of the market by 2027.", "上海推出1.39亿美元AI补贴计划。"]
    cold = load_encoder("use-m")
    v1 = cold.encode(texts)
    warm = load_encoder("use-m")  # fresh in-memory memo: must come from disk
    v2 = warm.encode(texts)
    assert warm.stats["disk"] == 2 and warm.stats["encoded"] == 0
    assert np.array_equal(v1, v2)


def _writer(path: str, worker: int, out) -> None:
    cache = EmbeddingCache(path)
    warnings: list[str] = []
    set_warning_sink(warnings.append)
    for round_ in range(20):
        items = {f"text {k}": np.full(16, k, np.float32) for k in range(round_ * 5, round_ * 5 + 40)}
        cache.put_many("m", items)
        got = cache.get_many("m", list(items))
        assert all(np.array_equal(got[t], v) for t, v in items.items())
    out.put((worker, warnings))


def test_concurrent_writers_share_one_cache(tmp_path):
    path = str(tmp_path / "shared.sqlite3")
    ctx = mp.get_context("fork")
    out = ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(path, w, out)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    results = [out.get(timeout=5) for _ in procs]
    assert all(p.exitcode == 0 for p in procs)
    assert all(w == [] for _, w in results)  # nobody had to give up on the cache
    got = EmbeddingCache(path).get_many("m", [f"text {k}" for k in range(135)])
    assert len(got) == 135 and all(np.array_equal(v, np.full(16, int(t.split()[1]), np.float32)) for t, v in got.items())


def test_unusable_cache_warns_once_and_encoding_goes_on(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    warnings: list[str] = []
    set_warning_sink(warnings.append)
    try:
        enc = CachedEncoder(_Counting(), cache=EmbeddingCache(blocker / "e.sqlite3"))
        assert enc.encode(["a", "b"]).shape == (2, 8)
        assert enc.encode(["c"]).shape == (1, 8)
    finally:
        set_warning_sink(None)
    assert len(warnings) == 1 and "embedding cache disabled" in warnings[0]


def test_in_run_memo_is_bounded_and_refills_identically_from_the_cache(tmp_path):
    inner = _Counting()
    enc = CachedEncoder(inner, cache=EmbeddingCache(tmp_path / "e.sqlite3"))
    enc.memo_max_bytes = 8 * 4 * 10  # room for ten 8-dim vectors
    batches = [[f"sentence {i}-{j}" for j in range(6)] for i in range(20)]
    first = [enc.encode(b) for b in batches]
    assert enc._size * 8 * 4 <= enc.memo_max_bytes + 6 * 8 * 4  # never more than the cap plus one batch
    again = [enc.encode(b) for b in batches]
    assert all(np.array_equal(a, b) for a, b in zip(first, again))
    assert len(inner.calls) == 120  # dropped vectors came back from the persistent cache, not the model
    assert enc.stats["disk"] > 0
