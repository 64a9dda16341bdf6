"""Story clustering: versions (copies, rewrites, translations) cluster; same-event articles are set
aside as related; other stories as unrelated; memory/state does not depend on pair counts."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.cluster.params import LINKS_KEPT, related_cosine
from auditor.cluster.signals import ordered_coverage, shingles
from auditor.cluster.stories import StoryClusterer, cluster_documents
from tests._docs import make_doc
from tests._stories import COPY, ORIGINAL, RELATED, REWRITE, SPANISH, UNRELATED


def _story_docs():
    copy = list(COPY)
    copy[2] = copy[2].replace("Helena Marsh", "Helena Mash")
    return [
        make_doc("a-original", ORIGINAL),
        make_doc("b-copy", copy),
        make_doc("c-rewrite", REWRITE),
        make_doc("d-spanish", SPANISH, "es"),
        make_doc("e-related", RELATED),
        make_doc("f-unrelated", UNRELATED),
    ]


@pytest.fixture(scope="module")
def story_clustering(use_encoder):
    return cluster_documents(_story_docs(), use_encoder)


def test_versions_cluster_together_including_translation(story_clustering):
    c = story_clustering
    assert c.clusters == (("a-original", "b-copy", "c-rewrite", "d-spanish"),)
    assert all(c.relation[d] == "version" for d in c.clusters[0])
    assert all(c.cluster_of[d] == 0 for d in c.clusters[0])


def test_translation_clusters_through_embeddings_not_shingles(story_clustering):
    # the Spanish version shares no English word 3-shingle with the original...
    assert not shingles(SPANISH) & shingles(ORIGINAL)
    # ...so it can only be a version because centroid similarity and ordered coverage say so
    best = story_clustering.best["d-spanish"]
    assert best.relation == "version" and best.jaccard < 0.1 and best.coverage >= 0.8


def test_same_event_article_is_related_not_version(story_clustering):
    c = story_clustering
    assert c.relation["e-related"] == "related"
    assert c.cluster_of["e-related"] is None
    assert c.related_to["e-related"] == 0
    assert "related" in c.reasons["e-related"] and "different article" in c.reasons["e-related"]


def test_other_story_is_unrelated(story_clustering):
    c = story_clustering
    assert c.relation["f-unrelated"] == "unrelated"
    assert c.cluster_of["f-unrelated"] is None
    assert c.reasons["f-unrelated"].startswith("unrelated")
    assert c.set_aside == ("e-related", "f-unrelated")


def test_input_order_does_not_change_the_result(use_encoder, story_clustering):
    docs = _story_docs()
    again = cluster_documents(list(reversed(docs)), use_encoder)
    assert again == story_clustering


def test_document_without_content_is_set_aside_with_reason(use_encoder):
    docs = [make_doc("x", ORIGINAL), make_doc("y", COPY), make_doc("z", [], boilerplate=["Share this article"])]
    c = cluster_documents(docs, use_encoder)
    assert c.clusters == (("x", "y"),)
    assert c.relation["z"] == "unrelated" and "no content" in c.reasons["z"]


def test_two_separate_stories_form_two_clusters(lexical_encoder):
    flood_copy = [s.replace("four metres", "five metres") for s in UNRELATED]
    docs = [
        make_doc("s1", ORIGINAL), make_doc("s2", COPY),
        make_doc("t1", UNRELATED), make_doc("t2", flood_copy),
    ]
    c = cluster_documents(docs, lexical_encoder)
    assert set(c.clusters) == {("s1", "s2"), ("t1", "t2")}


def test_ordered_coverage_rewards_order_not_topic():
    rng = np.random.default_rng(0)
    base = rng.standard_normal((12, 64)).astype(np.float32)
    base /= np.linalg.norm(base, axis=1, keepdims=True)
    noisy = base + 0.05 * rng.standard_normal(base.shape).astype(np.float32)
    noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
    assert ordered_coverage(base, noisy) == pytest.approx(1.0)
    # the same sentences in a scrambled order: only the longest in-order chain counts
    perm = np.array([5, 11, 0, 7, 2, 9, 4, 1, 10, 3, 8, 6])
    scrambled = ordered_coverage(base, noisy[perm])
    assert scrambled < 0.5
    # only half the sentences kept (in order): the shorter side is fully covered
    assert ordered_coverage(base, noisy[::2]) == pytest.approx(1.0)


def test_streaming_state_grows_with_documents_not_pairs(lexical_encoder):
    """Near-duplicate groups of 3 among 300 documents: the clusterer holds one signature, centroid
    and best link per document, and the LSH path (exact scan disabled) still finds every group."""
    rng = np.random.default_rng(1)
    vocab = [f"w{i}" for i in range(3000)]
    docs = []
    for g in range(100):
        sents = [" ".join(rng.choice(vocab, 12)) + "." for _ in range(8)]
        for k in range(3):
            edited = list(sents)
            edited[k] = edited[k].replace(edited[k].split()[0], "changed", 1)
            docs.append(make_doc(f"g{g:03d}-{k}", edited))
    clusterer = StoryClusterer(lexical_encoder, exact_scan_limit=0)
    clusterer.add_many(docs)
    result = clusterer.result()
    assert len(result.clusters) == 100
    assert all(len(c) == 3 and len({d.split("-")[0] for d in c}) == 1 for c in result.clusters)
    assert len(clusterer._links) == len(docs) and len(clusterer._centroids.ids) == len(docs)
    assert max(len(v) for v in clusterer._links.values()) <= LINKS_KEPT


def test_related_threshold_depends_on_encoder_scale():
    # the lexical model's character n-grams make any two news texts look alike, so its bar is higher
    assert related_cosine("lexical") > related_cosine("use-m")
    assert related_cosine("some/custom-model") == related_cosine("use-m")


def _news_stream():
    """Three stories of three versions (copy, edited copy, trimmed copy) plus two one-offs."""
    rng = np.random.default_rng(5)
    docs = []
    for story in range(3):
        vocab = [f"s{story}w{i}" for i in range(400)]
        base = [" ".join(rng.choice(vocab, 14)) + "." for _ in range(9)]
        edited = [s.replace(s.split()[2], "altered", 1) if i % 2 else s for i, s in enumerate(base)]
        for k, sents in enumerate((base, edited, base[:6])):
            docs.append(make_doc(f"st{story}-{k}", sents))
    docs.append(make_doc("lone-a", ORIGINAL))
    docs.append(make_doc("lone-b", UNRELATED))
    return docs


def test_shuffled_input_gives_identical_clusters_and_numbering(lexical_encoder):
    docs = _news_stream()
    first = cluster_documents(docs, lexical_encoder)
    assert first.clusters == (("st0-0", "st0-1", "st0-2"), ("st1-0", "st1-1", "st1-2"), ("st2-0", "st2-1", "st2-2"))
    for seed in (1, 2):
        order = np.random.default_rng(seed).permutation(len(docs))
        again = cluster_documents([docs[i] for i in order], lexical_encoder)
        assert again == first  # same clusters, same numbering, same reasons and links


def test_many_versions_of_one_story_form_one_cluster_despite_the_confirmation_cap(lexical_encoder):
    """More versions than MAX_CONFIRMED: each document is fully compared with only the strongest
    candidates, and the union-find still joins all of them."""
    from auditor.cluster.params import MAX_CONFIRMED

    n = MAX_CONFIRMED * 2 + 3
    docs = [make_doc(f"v{i:02d}", [s.replace("the", f"the{i}", 1) for s in ORIGINAL]) for i in range(n)]
    c = cluster_documents(docs, lexical_encoder)
    assert c.clusters == (tuple(f"v{i:02d}" for i in range(n)),)


def test_stored_sentence_vectors_are_compact_and_bounded(lexical_encoder):
    """Kept vectors are float16, at most MAX_KEPT_SENTENCES per document, whatever its length."""
    from auditor.cluster.params import MAX_KEPT_SENTENCES, STORED_DIM

    long_doc = make_doc("long", [f"Sentence number {i} about topic {i % 7} here." for i in range(MAX_KEPT_SENTENCES + 20)])
    clusterer = StoryClusterer(lexical_encoder)
    clusterer.add_many([long_doc, make_doc("short", ORIGINAL)])
    kept, centroid, lead = clusterer._store.vectors["long"]
    assert kept.dtype == np.float16 and kept.shape == (MAX_KEPT_SENTENCES, STORED_DIM)
    assert centroid.dtype == np.float32 and lead.shape == centroid.shape


def test_exact_centroid_scan_reads_the_sketches_in_place():
    """Below the exact-scan limit every indexed sketch is scored, through a view of the matrix: a
    copy of all of them per new document made clustering a folder quadratic in its size. The
    candidates are those an explicit scan of every sketch finds."""
    import tracemalloc

    from auditor.cluster.lsh import CentroidIndex
    from auditor.cluster.params import SKETCH_DIM

    rng = np.random.default_rng(5)
    index = CentroidIndex(exact_scan_limit=5000, related_cos=0.5)
    sketches = rng.standard_normal((4000, SKETCH_DIM)).astype(np.float32)
    sketches /= np.linalg.norm(sketches, axis=1, keepdims=True)
    for i, s in enumerate(sketches):
        index.insert(f"d{i:04d}", s, [])
    probe = sketches[123] + 0.05 * sketches[2345]
    probe = (probe / np.linalg.norm(probe)).astype(np.float32)
    tracemalloc.start()
    got = index.candidates(probe, [])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < sketches.nbytes / 20  # 4 MB of sketches: only the scores are allocated
    from auditor.cluster.params import MAX_CANDIDATES, SKETCH_SLACK

    sims = sketches @ probe
    keep = np.nonzero(sims >= 0.5 - SKETCH_SLACK)[0]
    keep = keep[np.argsort(-sims[keep], kind="stable")[:MAX_CANDIDATES]]
    assert got == [f"d{i:04d}" for i in keep] and got[0] == "d0123"


def test_clustering_scores_candidates_on_one_blas_thread(lexical_encoder, monkeypatch):
    """Each document's products are small: BLAS runs them on one thread (thread hand-off cost more
    than the products on a busy machine), and the caller's thread limit is put back afterwards."""
    from threadpoolctl import threadpool_info, threadpool_limits

    from auditor.cluster import lsh

    def blas_threads() -> int:
        return max(i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas")

    seen: list[int] = []
    real = lsh.CentroidIndex.candidates
    monkeypatch.setattr(lsh.CentroidIndex, "candidates", lambda self, *a: seen.append(blas_threads()) or real(self, *a))
    with threadpool_limits(limits=2, user_api="blas"):
        cluster_documents(_story_docs(), lexical_encoder)
        assert blas_threads() == 2
    assert seen and set(seen) == {1}


@given(st.sets(st.text(min_size=1, max_size=12), max_size=40), st.sets(st.text(min_size=1, max_size=12), max_size=40))
@settings(max_examples=200, deadline=None)
def test_packed_facts_overlap_as_the_key_sets_do(a: set[str], b: set[str]) -> None:
    """The clusterer keeps each document's facts packed (64-bit hashes, ~8 bytes a fact); the same-story
    feature must read them exactly as it reads the key strings."""
    from auditor.cluster.signals import fact_overlap, pack_facts

    fa, fb = frozenset(a), frozenset(b)
    assert fact_overlap(pack_facts(fa), pack_facts(fb)) == fact_overlap(fa, fb)
    assert len(pack_facts(fa)) == len(fa)
