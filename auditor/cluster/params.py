"""Story-clustering parameters, each with the reason it has its value (one place to tune them)."""

from __future__ import annotations

from collections.abc import Mapping

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
#: demand (the encoder's in-run memo or the embedding cache answers), so memory stays bounded on any
#: corpus size. 64 MiB holds ~3,000 articles (~20 KiB each with their centroids): a folder of 2,000
#: evicts nothing; past that a candidate's vectors come back from the encoder's memo. At 256 MiB the
#: store was the largest thing still growing in a 16,000-article audit (peak 1,559 -> 1,337 MiB at
#: 64, 2% more CPU, the same report; bench_scale round 9).
SENTENCE_VECTOR_BUDGET = 64 * 2**20
#: texts per encoder call: bounds the unprojected vectors held at once (128 MB with the lexical model)
#: while a batch of ordinary articles is still one call
ENCODE_CHUNK = 4096
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


def related_cosine(encoder_name: str) -> float:
    """The centroid-similarity bar for "related" for this encoder (see ``RELATED_COSINE``)."""
    return RELATED_COSINE.get(encoder_name, DEFAULT_RELATED_COSINE)
