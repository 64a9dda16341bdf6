"""Story clustering: which documents are versions of one story, which are related coverage, which are
unrelated.

Why three signals:

* **Shingle MinHash** (datasketch's MinHash and LSH bands, ``auditor.cluster.bands``) finds verbatim and
  lightly edited copies cheaply and at any scale, but sees nothing in common between a text and its
  translation.
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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from auditor.backends import Encoder
from auditor.blas import single_thread_blas
from auditor.cluster.lsh import CentroidIndex, ShingleIndex, shingle_signature
from auditor.cluster.params import (
    EXACT_SCAN_LIMIT,
    LINKS_KEPT,
    MAX_CANDIDATES,
    MAX_CONFIRMED,
    RELATED_JACCARD,
    VERBATIM_JACCARD,
    related_cosine,
)
from auditor.cluster.signals import (
    content_texts,
    fact_keys,
    fact_overlap,
    ordered_coverage,
    pack_facts,
    version_score,
)
from auditor.cluster.unionfind import UnionFind
from auditor.cluster.vectors import VectorStore
from auditor.model import Document

Relation = str  # "version" | "related" | "unrelated"


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


@dataclass(frozen=True)
class PreparedDocument:
    """What clustering reads of a document: its content texts, fact keys and MinHash hash values.
    Computing these is most of clustering's per-document work and needs nothing of the other
    documents, so it can run anywhere (``auditor.workers``); the comparisons that follow cannot."""

    id: str
    texts: list[str]
    facts: frozenset[str]
    signature: np.ndarray


def prepare(doc: Document) -> PreparedDocument:
    """The document as clustering reads it (extraction of its facts is remembered for the audit)."""
    texts = content_texts(doc)
    if not texts:
        return PreparedDocument(doc.id, [], frozenset(), np.zeros(0, np.uint64))
    return PreparedDocument(doc.id, texts, fact_keys(doc), shingle_signature(texts))


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
        self._shingles = ShingleIndex()
        self._centroids = CentroidIndex(exact_scan_limit, self.related_cos)
        self._store = VectorStore(encoder)
        self._uf: UnionFind[str] = UnionFind()
        self._links: dict[str, list[PairScore]] = {}
        self._empty: set[str] = set()
        self._facts: dict[str, np.ndarray] = {}

    # -- public API

    def add_many(self, docs: Sequence[Document], *, batch: int = 64) -> None:
        """Add documents, encoding them in batches (one encoder call per batch is much faster)."""
        self.add_prepared([prepare(d) for d in docs], batch=batch)

    def add_prepared(self, docs: Sequence[PreparedDocument], *, batch: int = 64) -> None:
        """``add_many`` for documents already read for clustering (``prepare``, e.g. by worker processes)."""
        for start in range(0, len(docs), batch):
            chunk = docs[start : start + batch]
            flat = [t for d in chunk for t in d.texts]
            # one projection for the whole batch: a per-document product re-reads the whole
            # projection matrix (16 MB for the lexical model) for a handful of rows each time
            vecs = self._store.encode_projected(flat)
            pos = 0
            # each document's products are small (its centroid against the sketches held, its
            # sentences against a candidate's): on BLAS's threads they waited on thread hand-off
            with single_thread_blas():
                for doc in chunk:
                    self._add(doc, vecs[pos : pos + len(doc.texts)])  # the store copies what it keeps
                    pos += len(doc.texts)

    def add(self, doc: Document) -> None:
        self.add_many([doc])

    def _add(self, doc: PreparedDocument, vectors: np.ndarray) -> None:
        doc_id, texts = doc.id, doc.texts
        if doc_id in self._uf:
            raise ValueError(f"duplicate document id {doc_id!r}")
        self._uf.add(doc_id)
        if not texts:
            self._empty.add(doc_id)
            return
        self._store.keep_texts(doc_id, texts)
        self._facts[doc_id] = pack_facts(doc.facts)
        _, centroid, _ = self._store.remember(doc_id, vectors)
        sketch = self._centroids.sketch(centroid)
        sig = doc.signature
        keys = self._centroids.plane_keys(sketch)

        jaccard = self._shingles.query(sig)
        shingle_hits = sorted(jaccard, key=lambda o: (-jaccard[o], o))[:MAX_CANDIDATES]
        candidates = set(shingle_hits)
        candidates.update(self._centroids.candidates(sketch, keys))
        if len(candidates) > MAX_CONFIRMED:
            # rank by the cheap signals; only the strongest get the full comparison
            order = sorted(candidates)
            cos = self._centroids.cosines(order, sketch)
            cheap = {o: float(c) + jaccard.get(o, 0.0) for o, c in zip(order, cos)}
            candidates = set(sorted(order, key=lambda o: (-cheap[o], o))[:MAX_CONFIRMED])
        mine = self._store.get(doc_id)  # upcast once, not once per candidate
        for other in sorted(candidates):
            self._record(self._compare(doc_id, other, sig, mine))

        self._shingles.insert(doc_id, sig)
        self._centroids.insert(doc_id, sketch, keys)

    def _compare(
        self, doc_id: str, other: str, sig: np.ndarray, mine: tuple[np.ndarray, np.ndarray, np.ndarray],
    ) -> PairScore:
        jac = self._shingles.jaccard(sig, other)
        va, ca, la = mine
        vb, cb, lb = self._store.get(other)
        cos = float(ca @ cb)
        cov = ordered_coverage(va, vb)
        lead = float(la @ lb)
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
        groups = self._uf.groups()
        multi = sorted((tuple(sorted(g)) for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g[0]))
        cluster_of: dict[str, int | None] = {d: None for d in self._uf}
        for k, members in enumerate(multi):
            for d in members:
                cluster_of[d] = k
        relation: dict[str, Relation] = {}
        related_to: dict[str, int | None] = {}
        reasons: dict[str, str] = {}
        best_of: dict[str, PairScore] = {}
        for d in sorted(self._uf):
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
