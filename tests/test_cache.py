"""Embedding cache: identical vectors on a hit, isolation by model, concurrency, graceful failure."""

from __future__ import annotations

import multiprocessing as mp

import numpy as np

from auditor.backends import CachedEncoder
from auditor.cache import EmbeddingCache, cache_dir
from tests._logs import logged_lines


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
    with logged_lines() as warnings:
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
    with logged_lines() as warnings:
        enc = CachedEncoder(_Counting(), cache=EmbeddingCache(blocker / "e.sqlite3"))
        assert enc.encode(["a", "b"]).shape == (2, 8)
        assert enc.encode(["c"]).shape == (1, 8)
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


def _poison(path, model: str, scale: float = -1.0) -> int:
    """Rewrite every stored vector of ``model`` with one of the same size but other content."""
    import sqlite3

    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT key, vec FROM vectors WHERE model = ?", (model,)).fetchall()
    for key, blob in rows:
        vec = np.frombuffer(blob, dtype=np.float32)
        conn.execute("UPDATE vectors SET vec = ? WHERE model = ? AND key = ?",
                     ((vec[::-1] * scale).astype(np.float32).tobytes(), model, key))
    conn.commit()
    conn.close()
    return len(rows)


def test_poisoned_vectors_of_the_right_size_are_a_miss_and_get_replaced(tmp_path):
    path = tmp_path / "e.sqlite3"
    vec = np.random.default_rng(1).standard_normal(16).astype(np.float32)
    EmbeddingCache(path).put_many("m1", {"a sentence": vec})
    assert _poison(path, "m1") == 1
    with logged_lines() as lines:
        assert EmbeddingCache(path).get_many("m1", ["a sentence"]) == {}
    assert len(lines) == 1 and "failed the checksum" in lines[0]
    # the encoder re-encodes, overwrites the bad row, and the next run hits the good vector
    inner = _Counting()
    first = CachedEncoder(inner, cache=EmbeddingCache(path))
    first.encode(["a sentence"])
    assert inner.calls == ["a sentence"]
    again = _Counting()
    CachedEncoder(again, cache=EmbeddingCache(path)).encode(["a sentence"])
    assert again.calls == []


def test_rows_from_another_model_fingerprint_are_a_miss(tmp_path):
    import sqlite3

    path = tmp_path / "e.sqlite3"
    EmbeddingCache(path).put_many("m1", {"a": np.ones(4, dtype=np.float32)})
    conn = sqlite3.connect(path)
    conn.execute("UPDATE vectors SET fingerprint = ?", (b"\0" * 16,))
    conn.commit()
    conn.close()
    assert EmbeddingCache(path).get_many("m1", ["a"]) == {}


def test_poisoned_cache_does_not_silence_a_publishing_gate(tmp_path, monkeypatch):
    """The issue's case: right-size, wrong-content vectors made every version "unrelated" and
    --fail-on major exit 0. With checksums the audit is the same as with a clean cache."""
    from click.testing import CliRunner

    from auditor._cli import main
    from auditor.cache import _FILENAME

    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path / "cache"))
    story = "fixtures/china-ai-subsidies"
    runner = CliRunner()
    args = ["audit", "--model", "minilm", "--format", "json", "--fail-on", "major", story]
    clean = runner.invoke(main, args)
    assert clean.exit_code == 1, clean.stderr
    assert _poison(tmp_path / "cache" / _FILENAME, next(iter(_models(tmp_path / "cache" / _FILENAME))), 0.0) > 0
    poisoned = runner.invoke(main, args)
    assert poisoned.exit_code == 1, poisoned.stderr
    assert "failed the checksum" in poisoned.stderr
    import json

    assert json.loads(poisoned.stdout)["findings"] == json.loads(clean.stdout)["findings"]


def _models(path) -> set[str]:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return {m for (m,) in conn.execute("SELECT DISTINCT model FROM vectors")}
    finally:
        conn.close()


def test_in_run_memo_grows_within_its_budget_without_copying(tmp_path):
    """The memo reserves its whole budget on the first vectors (pages are only mapped as rows are
    written): growing by doubling copied every vector held, six times on the way to a folder's
    35,000 sentences. Answers stay those of the model."""
    inner = _Counting()
    enc = CachedEncoder(inner, cache=None)
    first = enc.encode(["a"])
    store = enc._store
    texts = [f"sentence {i}" for i in range(5000)]
    got = enc.encode(texts)
    assert enc._store is store  # no reallocation while within memo_max_bytes
    assert np.array_equal(got, inner.encode(texts)) and np.array_equal(enc.encode(["a"]), first)


def test_in_run_memo_starts_afresh_instead_of_outgrowing_its_budget():
    """Growing past the rows reserved for the budget copied the whole memo into an array twice its
    size: a transient of the full budget whenever one call crossed it. The memo starts afresh
    instead; answers stay the model's."""
    inner = _Counting()
    enc = CachedEncoder(inner, cache=None)
    enc.memo_max_bytes = 8 * 4 * 2000  # 2,000 8-dim vectors: more rows than the smallest store
    rows = set()
    for i in range(8):
        texts = [f"sentence {i}-{j}" for j in range(600)]
        assert np.array_equal(enc.encode(texts), inner.encode(texts))
        rows.add(len(enc._store))
    assert rows == {2001}


def test_a_new_cache_keeps_the_default_models_vectors_inline_and_an_old_file_keeps_working(tmp_path):
    """512 floats (2 KB) overflow a 4 KB page's share of a row, costing a second page read and
    doubling the file; a new cache's pages hold them whole. A cache made with 4 KB pages (by an
    earlier version) is read and written as before."""
    import sqlite3

    rng = np.random.default_rng(3)
    rows = {f"sentence {k}": rng.standard_normal(512).astype(np.float32) for k in range(400)}
    new = EmbeddingCache(tmp_path / "new.sqlite3")
    new.put_many("m", rows)
    new.close()
    with sqlite3.connect(tmp_path / "new.sqlite3") as conn:
        pages, size = conn.execute("PRAGMA page_count").fetchone()[0], conn.execute("PRAGMA page_size").fetchone()[0]
    data = sum(v.nbytes for v in rows.values())
    assert pages * size < 1.4 * data  # 4 KB pages: ~2x the data (every row's overflow page)

    old_path = tmp_path / "old.sqlite3"
    with sqlite3.connect(old_path) as conn:
        conn.execute("PRAGMA page_size=4096")
        conn.execute("CREATE TABLE t (x)")  # the file is made, its page size fixed
    old = EmbeddingCache(old_path)
    old.put_many("m", rows)
    got = old.get_many("m", list(rows))
    assert all(np.array_equal(got[t], v) for t, v in rows.items())
    with sqlite3.connect(old_path) as conn:
        assert conn.execute("PRAGMA page_size").fetchone()[0] == 4096
