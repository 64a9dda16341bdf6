"""Story clustering: which documents are versions of one story, which are related coverage, which are
unrelated.

Why three signals:

* **Shingle MinHash** (datasketch ``MinHashLSH``) finds verbatim and lightly edited copies cheaply and
  at any scale, but sees nothing in common between a text and its translation.
* **Embedding centroids** (mean of the document's content-sentence vectors) bring translations and
  rewrites together — a multilingual encoder maps "市政府批准…" and "The city approved…" close — but
  cannot tell "the same article" from "another article on the same event": both score high.
* **Ordered alignment coverage**: two versions of one article share many of their sentences *in the
  same order*, while two articles on the same event share a topic, not a sentence sequence. We take
  mutual-best sentence matches and keep the longest chain that is increasing in both documents.
* **Lead similarity** (the opening sentences): a write-through retains its lead and drops later facts,
  an AI-style rewrite rewords every sentence but still opens on the same news; a different article
  on the same event opens differently.
* **Shared facts**: named entities and numbers (``auditor.extract``) survive translation and
  rewording; containment in the smaller set, so a version with a subset of the facts still scores.

No single signal decides "same story": a rewrite has low coverage, a write-through low whole-text
similarity, a translation no shingles. The decision is a logistic score over all five
(``VERSION_WEIGHTS``), fitted on one half of a benchmark of real translations and write-throughs
(``bench/bench_grouping.py --fit``) and reported on the other half.

Streaming: documents are added one at a time; each is compared only with the candidates its LSH
buckets return (shingle MinHash buckets and random-hyperplane buckets over centroids), never with an
all-pairs matrix. Candidates are ranked by the cheap signals (sketch cosine + MinHash Jaccard
estimate) and only the strongest ``MAX_CONFIRMED`` get the full comparison, so work per document is
bounded even where the encoder finds every article alike. Each document is encoded once; state kept
per document is a signature, a 256-d centroid sketch, its first sentence vectors as float16 (LRU
budget), its compressed text, a union-find entry and its few strongest links, so memory grows with
the number of documents, not with the number of pairs. Folders an editor
audits by hand are small; below ``EXACT_SCAN_LIMIT`` documents the centroid candidates come from an
exact scan (one matrix-vector product per new document) so no related article is lost to hashing.
"""

from __future__ import annotations

import zlib
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import regex
from datasketch import MinHash, MinHashLSH

from auditor.lis import lis_length
from auditor.model import Document
from auditor.text import CJK

Relation = str  # "version" | "related" | "unrelated"


class Encoder(Protocol):
    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


# --- parameters (each with the reason it has this value) -------------------------------------------

#: MinHash permutations: 64 gives a Jaccard estimate within ~±0.06, plenty for *candidate* generation
#: (the decision itself rests on embeddings and coverage), at half the hashing work of 128.
NUM_PERM = 64
#: word 3-shingles: long enough that two unrelated news texts rarely share one, short enough that a
#: lightly edited copy still shares many (5-shingles lose round-trip MT copies entirely).
SHINGLE_SIZE = 3
#: LSH Jaccard threshold for candidates. Low on purpose: a syndicated copy with a new headline and
#: trimmed ending has Jaccard ~0.3–0.5; false candidates only cost one confirmation each.
LSH_THRESHOLD = 0.2
#: a Jaccard this high means a near-verbatim copy: a version whatever the embeddings say.
VERBATIM_JACCARD = 0.6
#: a Jaccard this high means shared phrasing (quotes, wire paragraphs): at least related.
RELATED_JACCARD = 0.1
#: the same-story decision: a pair is a version when ``VERSION_BIAS + sum(w * feature)`` > 0 (a
#: logistic model over ``FEATURE_NAMES``). Fitted with ``python bench/bench_grouping.py --fit`` (L2-
#: regularised logistic regression) on the candidate pairs of the "fit" half of the WMT21 grouping
#: benchmark (bench/data/grouping); the bench's default run reports the held-out half.
FEATURE_NAMES: tuple[str, ...] = ("jaccard", "cosine", "lead", "coverage", "facts")
VERSION_WEIGHTS: Mapping[str, float] = {"jaccard": 3.86, "cosine": 1.43, "lead": 8.61, "coverage": 13.38, "facts": 5.12}
VERSION_BIAS = -20.01
#: opening sentences compared for the lead signal: a headline and the first one or two paragraphs
LEAD_SENTENCES = 3
#: facts (entity names, numbers, dates) kept per document for the shared-facts signal
MAX_FACTS = 256
#: added to the smaller fact set's size in the containment ratio, so two documents that share their
#: only one or two facts do not score like two that share twenty
FACT_PRIOR = 2
#: centroid cosine for "related" (same subject/event), per encoder family because similarity scales
#: differ. Measured on the fixture, two unrelated news texts (a flood, a football transfer) and the
#: synthetic test story: use-m: same-event 0.74–0.81, versions >= 0.92, unrelated news 0.02–0.15 but
#: up to 0.53 for two local-news pieces sharing vocabulary (shops, traffic, town) -> 0.6 between;
#: minilm: same-event 0.84–0.88, unrelated 0.04–0.16 -> 0.6; lexical (character n-grams share a
#: "news English" baseline): same-event 0.88–0.92, unrelated 0.59–0.73 -> 0.8.
RELATED_COSINE: Mapping[str, float] = {"use-m": 0.6, "minilm": 0.6, "lexical": 0.8}
DEFAULT_RELATED_COSINE = 0.6
#: up to this many documents, centroid candidates come from an exact scan (a 2,000 x 512 product per
#: new document is well under a millisecond); beyond it, from random-hyperplane LSH buckets.
EXACT_SCAN_LIMIT = 2000
#: random-hyperplane LSH: 20 bands of 12 bits. A pair at cosine 0.9 (angle 26°) agrees on one bit with
#: p=0.86, on a whole band with 0.16, so it shares at least one of 20 bands with p≈0.97; a pair at
#: cosine 0.3 shares a band with p≈0.04, which keeps buckets small on 10^5+ same-domain articles.
HYPERPLANE_BANDS = 20
HYPERPLANE_BITS = 12
#: bytes of sentence vectors kept for coverage checks (LRU, float16); older ones are re-encoded on
#: demand (the backend's embedding cache makes that a lookup), so memory stays bounded on any corpus
#: size. 256 MiB holds ~25,000 documents of 20 sentences at 512-d: versions of a story are published
#: close together, so in a news stream the candidates that need their vectors are nearly always held.
SENTENCE_VECTOR_BUDGET = 256 * 2**20
#: sentences kept per document for coverage (its first ones): news is written lede-first, so versions
#: agree most on the opening; 96 sentences is ~2,500 words, longer than nearly every news article,
#: and it bounds the per-document memory and the work of one coverage check whatever the input.
MAX_KEPT_SENTENCES = 96
#: per-document centroids are kept as 256-d random projections ("sketches"): cosine is preserved to
#: about ±0.06 (Johnson–Lindenstrauss, 1/sqrt(256)), enough to pick candidates, at 1 KiB a document
#: whatever the encoder's dimension (the lexical model has 8,192). Decisions use exact centroids.
SKETCH_DIM = 256
#: sentence vectors wider than this are stored as random projections to this width (the lexical
#: model's 8,192 hashed n-gram buckets): cosines move by about ±0.04, mutual best matches hardly at
#: all, and 16x more documents fit the budget above. use-m (512) and MiniLM (384) stay exact.
STORED_DIM = 512
#: candidates are taken this far below the related bar, to absorb the sketch's error
SKETCH_SLACK = 0.1
#: at most this many candidates per new document from each source (the most similar ones): versions
#: of one story rarely number more, and it keeps confirmation work per document constant even in a
#: corpus where every article looks alike to the encoder
MAX_CANDIDATES = 16
#: of those, only this many (ranked by the cheap signals: sketch cosine and MinHash Jaccard estimate)
#: get the full comparison (exact centroid and ordered coverage). Eight covers a story with many
#: versions plus its closest related coverage; the union-find makes a version reachable through any
#: other version, so a story with more versions than this still ends up in one cluster.
MAX_CONFIRMED = 8
#: hyperplane buckets keep only their most recent entries: in a corpus where the encoder sees every
#: article as alike (the lexical model's "news English" baseline) a bucket would otherwise grow with
#: the corpus and every new document would scan an O(n) pool. Versions of a story are published
#: close together, so the newest entries are the ones that matter; shingle-LSH hits are not capped.
BUCKET_KEEP = 256
#: strongest links kept per document (bounded: memory stays O(documents)); a few, so a related article
#: whose single strongest link is another set-aside article can still be tied to the story cluster.
LINKS_KEPT = 3
#: fixed seed: same input, same clustering.
SEED = 20240729

_TOKEN = regex.compile(rf"[{CJK}]|\w+")


def related_cosine(encoder_name: str) -> float:
    """The centroid-similarity bar for "related" for this encoder (see ``RELATED_COSINE``)."""
    return RELATED_COSINE.get(encoder_name, DEFAULT_RELATED_COSINE)


# --- value objects ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PairScore:
    """How two documents compare: shingle Jaccard, centroid cosine, ordered alignment coverage, lead
    cosine, shared-fact containment, and the same-story score over them (> 0: a version)."""

    a: str
    b: str
    jaccard: float
    cosine: float
    coverage: float
    relation: Relation
    lead: float = 0.0
    facts: float = 0.0
    score: float = 0.0

    def other(self, doc_id: str) -> str:
        return self.b if doc_id == self.a else self.a

    @property
    def features(self) -> tuple[float, ...]:
        """The decision's inputs in ``FEATURE_NAMES`` order."""
        return (self.jaccard, self.cosine, self.lead, self.coverage, self.facts)


@dataclass(frozen=True)
class Clustering:
    """The clustering verdict.

    ``clusters`` holds the stories with two or more versions, largest first (ties by first id); a
    document's ``cluster_of`` is its index there, or None when it was set aside. ``relation`` says
    'version' (member of a cluster), 'related' (same subject as a cluster or document, different
    article) or 'unrelated'; ``related_to`` names the cluster a related document is closest to;
    ``reasons`` explains every set-aside document; ``best`` is each document's strongest link.
    """

    clusters: tuple[tuple[str, ...], ...]
    relation: Mapping[str, Relation]
    cluster_of: Mapping[str, int | None]
    related_to: Mapping[str, int | None] = field(default_factory=dict)
    reasons: Mapping[str, str] = field(default_factory=dict)
    best: Mapping[str, PairScore] = field(default_factory=dict)

    @property
    def set_aside(self) -> tuple[str, ...]:
        return tuple(sorted(d for d, c in self.cluster_of.items() if c is None))


# --- signals ----------------------------------------------------------------------------------------


def content_texts(doc: Document) -> list[str]:
    """The texts that take part in comparison: content sentences, or non-empty lines when the
    document was not segmented (so the function works on raw documents too)."""
    if doc.sentences:
        return [s.text for s in doc.content_sentences if s.text.strip()]
    return [line.strip() for line in doc.text.splitlines() if line.strip()]


def shingles(texts: Iterable[str], k: int = SHINGLE_SIZE) -> set[bytes]:
    """Casefolded word k-shingles; CJK characters count as words (Chinese has no spaces)."""
    tokens = _TOKEN.findall(" ".join(texts).casefold())
    if len(tokens) < k:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i : i + k]).encode() for i in range(len(tokens) - k + 1)}


def fact_keys(doc: Document) -> frozenset[str]:
    """The document's named entities, numbers and dates as language-neutral keys.

    Names are keyed by their sorted words ("Murakami Keiichi" = "Keiichi Murakami"), with the
    gazetteer id and the romanisation of Han names as extra keys so "上海"/"Shanghai" meet; numbers by
    value (4 significant digits), dates by their ISO value. Times and unresolved relative dates are
    left out: "10:00" says little about which story it is.
    """
    if not doc.sentences:
        return frozenset()
    from auditor.extract import extract_document

    keys: set[str] = set()
    for m in extract_document(doc):
        if m.kind == "quantity":
            amount = getattr(m.value, "amount", None)
            if isinstance(amount, (int, float)) and amount == amount:
                keys.add(f"n:{float(amount):.4g}")
        elif m.kind == "date":
            value = str(m.value)
            if value and not value.startswith(("T", "rel:")):
                keys.add(f"d:{value}")
        elif m.kind in ("person", "org", "place", "product", "misc"):
            words = str(m.value).split()
            if words:
                keys.add("e:" + " ".join(sorted(words)))
            if m.attrs.geonameid is not None:
                keys.add(f"g:{m.attrs.geonameid}")
            roman = m.attrs.romanised
            if roman:
                keys.add("e:" + " ".join(sorted(str(roman).casefold().split())))
    return frozenset(sorted(keys)[:MAX_FACTS])


def fact_overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Shared facts over the smaller set (plus ``FACT_PRIOR``): a write-through that carries a subset
    of the full story's facts scores as high as a full copy."""
    if not a or not b:
        return 0.0
    return len(a & b) / (min(len(a), len(b)) + FACT_PRIOR)


def version_score(features: Sequence[float]) -> float:
    """The same-story score (logit) of a pair's features, in ``FEATURE_NAMES`` order."""
    return VERSION_BIAS + sum(VERSION_WEIGHTS[n] * float(f) for n, f in zip(FEATURE_NAMES, features))


def ordered_coverage(va: np.ndarray, vb: np.ndarray) -> float:
    """Share of the shorter document's sentences in the longest in-order chain of mutual best matches.

    Mutual best matches are the pairs each side prefers over every alternative, so the measure needs
    no absolute similarity threshold (encoders disagree on scale); a match must also clearly exceed
    the pair's own background so that chance matches between unrelated texts do not count.
    """
    if len(va) == 0 or len(vb) == 0:
        return 0.0
    sim = va @ vb.T
    # a real match stands out from the pair's background: two standard deviations above its mean or
    # three robust deviations (MAD) above its median, whichever bar is lower, with the background
    # taken WITHOUT the mutual best matches themselves. Both choices come from translations, whose
    # matches are weaker than a copy's: in a 6-sentence Japanese source against its English reference
    # (true matches 0.68-0.72, background 0.24) the matches filled a sixth of the matrix and lifted
    # its mean+2sd to 0.73, and demanding both bars (MAD bar 0.83) rejected every match: coverage 0.
    # Chance chains get longer under the lower bar, but stay apart from versions: on the candidate
    # pairs of the grouping benchmark (use-m) versions score 0.64 at the 1st percentile (median 1.0),
    # different stories 0.19 at the median and 0.57 at the 99th, and coverage is one of five signals
    # of the same-story score. Tiny matrices have no background to speak of.
    best_b = sim.argmax(axis=1)
    best_a = sim.argmax(axis=0)
    mutual = [(i, int(j)) for i, j in enumerate(best_b) if best_a[j] == i]
    background = sim
    if mutual:
        keep = np.ones(sim.shape, dtype=bool)
        keep[tuple(np.array(mutual).T)] = False
        background = sim[keep]
    if background.size >= 10:
        median = _median(background)
        mad = 1.4826 * _median(np.abs(background - median))
        floor = min(float(background.mean() + 2.0 * background.std()), median + 3.0 * mad)
    else:
        floor = -1.0
    chain = [j for i, j in mutual if sim[i, j] >= floor]
    return lis_length(chain) / min(len(va), len(vb))


def _median(x: np.ndarray) -> float:
    """``float(np.median(x))`` (same partition, same mean of the middle pair, so the same value)
    without its generic-axis machinery, which costs more than the median itself on the small
    matrices of one coverage check."""
    flat = x.ravel()
    k = flat.size // 2
    if flat.size % 2:
        return float(np.partition(flat, k)[k])
    part = np.partition(flat, (k - 1, k))
    return float(np.mean(part[k - 1 : k + 1]))


def _unit(v: np.ndarray) -> np.ndarray:
    n = float(np.linalg.norm(v))
    return v / n if n > 0 else v


# --- the streaming clusterer ------------------------------------------------------------------------


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def add(self, x: str) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller id becomes the root: the result never varies with arrival order
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


class StoryClusterer:
    """Adds documents one by one and keeps O(documents) state; ``result()`` gives the Clustering."""

    def __init__(
        self, encoder: Encoder, *, exact_scan_limit: int = EXACT_SCAN_LIMIT, record_pairs: bool = False
    ) -> None:
        self.encoder = encoder
        #: every compared pair, in comparison order, when ``record_pairs`` (the bench fits on them)
        self.compared: list[PairScore] | None = [] if record_pairs else None
        self.related_cos = related_cosine(getattr(encoder, "name", ""))
        self.exact_scan_limit = exact_scan_limit
        self._template = MinHash(num_perm=NUM_PERM, seed=SEED)
        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self._minhash: dict[str, MinHash] = {}
        self._ids: list[str] = []
        self._index: dict[str, int] = {}
        self._sketches = np.zeros((1024, SKETCH_DIM), dtype=np.float32)
        self._projection: np.ndarray | None = None
        self._wide_projection: np.ndarray | None = None
        self._planes: np.ndarray | None = None
        self._plane_buckets: list[dict[bytes, list[int]]] = [{} for _ in range(HYPERPLANE_BANDS)]
        # content texts, zlib-compressed (~3x smaller): only read to re-encode an evicted document
        self._texts: dict[str, bytes] = {}
        self._vectors: OrderedDict[str, tuple[np.ndarray, np.ndarray]] = OrderedDict()
        self._vector_bytes = 0
        self._uf = _UnionFind()
        self._links: dict[str, list[PairScore]] = {}
        self._empty: set[str] = set()
        self._facts: dict[str, frozenset[str]] = {}

    # -- per-document state

    def _signature(self, texts: list[str]) -> MinHash:
        m = MinHash(num_perm=NUM_PERM, permutations=self._template.permutations, scheme=self._template.scheme)
        sh = shingles(texts)
        if sh:
            m.update_batch(sorted(sh))
        return m

    def _sentence_vectors(self, doc_id: str) -> tuple[np.ndarray, np.ndarray]:
        """(kept sentence vectors as float32, exact unit centroid) of a document, re-encoded if evicted."""
        entry = self._vectors.get(doc_id)
        if entry is None:
            texts = zlib.decompress(self._texts[doc_id]).decode("utf-8").split("\0")
            vec = np.asarray(self.encoder.encode(texts), dtype=np.float32)
            entry = self._remember(doc_id, self._store(vec))
        else:
            self._vectors.move_to_end(doc_id)
        return entry[0].astype(np.float32), entry[1]

    def _store(self, vec: np.ndarray) -> np.ndarray:
        """Sentence vectors as kept: projected to ``STORED_DIM`` when wider, re-normalised."""
        if vec.ndim != 2 or vec.shape[1] <= STORED_DIM:
            return vec
        if self._wide_projection is None or self._wide_projection.shape[0] != vec.shape[1]:
            rng = np.random.default_rng(SEED + 2)
            self._wide_projection = rng.standard_normal((vec.shape[1], STORED_DIM)).astype(np.float32)
        out = vec @ self._wide_projection
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)

    def _remember(self, doc_id: str, vec: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Keep a document's (already ``_store``-d) vectors: the first ``MAX_KEPT_SENTENCES`` as
        float16 (half the memory; cosines move by ~1e-3, far below any bar here) and the float32
        centroid of all of them."""
        centroid = _unit(np.asarray(vec, dtype=np.float32).mean(axis=0))
        kept = np.ascontiguousarray(vec[:MAX_KEPT_SENTENCES], dtype=np.float16)
        entry = (kept, centroid)
        self._vectors[doc_id] = entry
        self._vector_bytes += kept.nbytes + centroid.nbytes
        while self._vector_bytes > SENTENCE_VECTOR_BUDGET and len(self._vectors) > 1:
            _, (old, old_centroid) = self._vectors.popitem(last=False)
            self._vector_bytes -= old.nbytes + old_centroid.nbytes
        return entry

    def _sketch(self, centroid: np.ndarray) -> np.ndarray:
        dim = centroid.shape[0]
        if self._projection is None:
            rng = np.random.default_rng(SEED)
            self._projection = (
                rng.standard_normal((dim, SKETCH_DIM)).astype(np.float32)
                if dim > SKETCH_DIM
                else np.eye(dim, SKETCH_DIM, dtype=np.float32)
            )
        return _unit(centroid @ self._projection).astype(np.float32)

    def _plane_keys(self, sketch: np.ndarray) -> list[bytes]:
        if self._planes is None:
            rng = np.random.default_rng(SEED + 1)
            self._planes = rng.standard_normal((HYPERPLANE_BANDS * HYPERPLANE_BITS, SKETCH_DIM)).astype(np.float32)
        bits = (self._planes @ sketch) > 0
        return [
            np.packbits(bits[b * HYPERPLANE_BITS : (b + 1) * HYPERPLANE_BITS]).tobytes()
            for b in range(HYPERPLANE_BANDS)
        ]

    def _centroid_candidates(self, sketch: np.ndarray, keys: list[bytes]) -> list[int]:
        n = len(self._ids)
        if n == 0:
            return []
        if n <= self.exact_scan_limit:
            pool = np.arange(n)
        else:
            found: set[int] = set()
            for band, key in zip(self._plane_buckets, keys):
                found.update(band.get(key, ()))
            pool = np.fromiter(sorted(found), dtype=np.intp, count=len(found))
        if len(pool) == 0:
            return []
        sims = self._sketches[pool] @ sketch
        # "related" is the weakest relation we report: anything clearly below it cannot matter
        keep = np.nonzero(sims >= self.related_cos - SKETCH_SLACK)[0]
        if len(keep) > MAX_CANDIDATES:
            keep = keep[np.argsort(-sims[keep], kind="stable")[:MAX_CANDIDATES]]
        return [int(pool[i]) for i in keep]

    # -- public API

    def add_many(self, docs: Sequence[Document], *, batch: int = 64) -> None:
        """Add documents, encoding them in batches (one encoder call per batch is much faster)."""
        for start in range(0, len(docs), batch):
            chunk = docs[start : start + batch]
            texts = [content_texts(d) for d in chunk]
            flat = [t for ts in texts for t in ts]
            vecs = np.asarray(self.encoder.encode(flat), dtype=np.float32) if flat else np.zeros((0, 1), np.float32)
            # one projection for the whole batch: a per-document product re-reads the whole
            # projection matrix (16 MB for the lexical model) for a handful of rows each time
            vecs = self._store(vecs)
            pos = 0
            for doc, ts in zip(chunk, texts):
                self._add(doc, ts, vecs[pos : pos + len(ts)])  # _remember copies what it keeps
                pos += len(ts)

    def add(self, doc: Document) -> None:
        self.add_many([doc])

    def _add(self, doc: Document, texts: list[str], vectors: np.ndarray) -> None:
        doc_id = doc.id
        if doc_id in self._uf.parent:
            raise ValueError(f"duplicate document id {doc_id!r}")
        self._uf.add(doc_id)
        if not texts:
            self._empty.add(doc_id)
            return
        self._texts[doc_id] = zlib.compress("\0".join(texts).encode("utf-8"))
        self._facts[doc_id] = fact_keys(doc)
        _, centroid = self._remember(doc_id, vectors)
        sketch = self._sketch(centroid)
        sig = self._signature(texts)
        keys = self._plane_keys(sketch)

        jaccard: dict[str, float] = {o: float(sig.jaccard(self._minhash[o])) for o in self._lsh.query(sig)}
        shingle_hits = sorted(jaccard, key=lambda o: (-jaccard[o], o))[:MAX_CANDIDATES]
        candidates = set(shingle_hits)
        candidates.update(self._ids[i] for i in self._centroid_candidates(sketch, keys))
        if len(candidates) > MAX_CONFIRMED:
            # rank by the cheap signals; only the strongest get the full comparison
            order = sorted(candidates)
            cos = self._sketches[[self._index[o] for o in order]] @ sketch
            cheap = {o: float(c) + jaccard.get(o, 0.0) for o, c in zip(order, cos)}
            candidates = set(sorted(order, key=lambda o: (-cheap[o], o))[:MAX_CONFIRMED])
        mine = self._sentence_vectors(doc_id)  # upcast once, not once per candidate
        for other in sorted(candidates):
            self._record(self._compare(doc_id, other, sig, mine))

        self._lsh.insert(doc_id, sig)
        self._minhash[doc_id] = sig
        index = len(self._ids)
        self._index[doc_id] = index
        self._ids.append(doc_id)
        if index >= len(self._sketches):  # amortised doubling: no per-document copy of the matrix
            self._sketches = np.concatenate([self._sketches, np.zeros_like(self._sketches)])
        self._sketches[index] = sketch
        for band, key in zip(self._plane_buckets, keys):
            bucket = band.setdefault(key, [])
            bucket.append(index)
            if len(bucket) >= 2 * BUCKET_KEEP:  # trimmed in bulk: amortised O(1) per insert
                del bucket[:-BUCKET_KEEP]

    def _compare(self, doc_id: str, other: str, sig: MinHash, mine: tuple[np.ndarray, np.ndarray]) -> PairScore:
        jac = float(sig.jaccard(self._minhash[other]))
        va, ca = mine
        vb, cb = self._sentence_vectors(other)
        cos = float(ca @ cb)
        cov = ordered_coverage(va, vb)
        lead = float(_unit(va[:LEAD_SENTENCES].mean(axis=0)) @ _unit(vb[:LEAD_SENTENCES].mean(axis=0)))
        facts = fact_overlap(self._facts[doc_id], self._facts[other])
        jac, cos, cov, lead, facts = (round(x, 4) for x in (jac, cos, cov, lead, facts))
        score = version_score((jac, cos, lead, cov, facts))
        related = cos >= self.related_cos or jac >= RELATED_JACCARD
        if jac >= VERBATIM_JACCARD or (related and score > 0):
            relation = "version"
        elif related:
            relation = "related"
        else:
            relation = "unrelated"
        a, b = sorted((doc_id, other))
        pair = PairScore(a, b, jac, cos, cov, relation, lead, facts, round(score, 4))
        if self.compared is not None:
            self.compared.append(pair)
        return pair

    def _record(self, pair: PairScore) -> None:
        if pair.relation == "version":
            self._uf.union(pair.a, pair.b)
        for d in (pair.a, pair.b):
            links = self._links.setdefault(d, [])
            links.append(pair)
            links.sort(key=_strength, reverse=True)
            del links[LINKS_KEPT:]

    def result(self) -> Clustering:
        groups: dict[str, list[str]] = {}
        for d in self._uf.parent:
            groups.setdefault(self._uf.find(d), []).append(d)
        multi = sorted((tuple(sorted(g)) for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g[0]))
        cluster_of: dict[str, int | None] = {d: None for d in self._uf.parent}
        for k, members in enumerate(multi):
            for d in members:
                cluster_of[d] = k
        relation: dict[str, Relation] = {}
        related_to: dict[str, int | None] = {}
        reasons: dict[str, str] = {}
        best_of: dict[str, PairScore] = {}
        for d in sorted(self._uf.parent):
            links = self._links.get(d, [])
            # a set-aside document is described against a story cluster when it relates to one
            in_cluster = [p for p in links if p.relation != "unrelated" and cluster_of.get(p.other(d)) is not None]
            best = in_cluster[0] if in_cluster else (links[0] if links else None)
            if best is not None:
                best_of[d] = best
            if cluster_of[d] is not None:
                relation[d] = "version"
                continue
            if d in self._empty:
                relation[d] = "unrelated"
                reasons[d] = "no content sentences to compare (empty or all boilerplate)"
                continue
            if best is None or best.relation == "unrelated":
                relation[d] = "unrelated"
                reasons[d] = (
                    "unrelated: no other document is close in content"
                    if best is None
                    else f"unrelated: closest document {best.other(d)} is only {best.cosine:.2f} similar "
                    f"(related needs {self.related_cos:.2f})"
                )
                continue
            relation[d] = "related"
            other = best.other(d)
            related_to[d] = cluster_of.get(other)
            reasons[d] = (
                f"related: a different article on the same subject as {other} (similarity "
                f"{best.cosine:.2f}, lead {best.lead:.2f}, {best.coverage:.0%} of sentences in order, "
                f"{best.facts:.0%} of facts shared): too little in common for a version of one story"
            )
        return Clustering(
            clusters=tuple(multi),
            relation=relation,
            cluster_of=cluster_of,
            related_to=related_to,
            reasons=reasons,
            best=best_of,
        )


def _strength(pair: PairScore) -> tuple[int, float, float, str, str]:
    """Order links: a stronger relation first, then the same-story score, then similarity; ids break ties."""
    rank = {"version": 2, "related": 1, "unrelated": 0}[pair.relation]
    return (rank, pair.score, pair.cosine, pair.a, pair.b)


def cluster_documents(docs: Sequence[Document], encoder: Encoder) -> Clustering:
    """Cluster documents into stories (see the module docstring). Order of ``docs`` does not matter."""
    clusterer = StoryClusterer(encoder)
    clusterer.add_many(sorted(docs, key=lambda d: d.id))
    return clusterer.result()
