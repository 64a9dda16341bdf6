"""The linear-cost paths (blocked feature products, mention index, link index) give exactly what the
whole-matrix / full-scan computations gave: speed must not change a single result."""

from __future__ import annotations

import random

import numpy as np
import pytest

from auditor.align.scoring import MATCH_BEADS, PairScorer
from auditor.drift.units import Corpus, Unit
from auditor.model import Mention


def _scorer(n: int = 300, m: int = 280, seed: int = 3) -> PairScorer:
    rng = random.Random(seed)
    # figures and names each in a few percent of sentences: many pairs share one, none is dropped as common
    names = [f"Name{chr(65 + i % 26)}{chr(97 + i // 26)}" for i in range(60)]

    def sent() -> str:
        return (f"The fund of {rng.choice(names)} spent {rng.randint(10, 70)} million, said "
                f"{rng.choice(names)} on Monday.")
    ta = [sent() for _ in range(n)]
    tb = [sent() for _ in range(m)]
    ea = np.random.default_rng(1).standard_normal((n, 16)).astype(np.float32)
    eb = np.random.default_rng(2).standard_normal((m, 16)).astype(np.float32)
    ea /= np.linalg.norm(ea, axis=1, keepdims=True)
    eb /= np.linalg.norm(eb, axis=1, keepdims=True)
    pa, pb = ea[:-1] + ea[1:], eb[:-1] + eb[1:]
    return PairScorer(ta, tb, ea, eb, pa, pb)


def test_feature_blocks_equal_the_whole_product():
    s = _scorer()
    assert s.weight.size > 0
    for k, l in MATCH_BEADS:
        shared = (s.a.feat[k].multiply(s.weight) @ s.b.feat[l].T).toarray()
        tot = s.a.feat_total[k][:, None] + s.b.feat_total[l][None, :]
        with np.errstate(invalid="ignore", divide="ignore"):
            want = np.where(tot > 0, 2.0 * shared / tot, 0.0)
        assert (shared > 0).mean() > 0.02  # dense enough that a wrong block cut would show
        got = s.features(k, l, slice(40, 170), slice(25, 260))
        assert np.array_equal(got, want[40:170, 25:260])
        rows, cols = np.array([3, 50, 51, 200]), np.array([7, 8, 100])
        assert np.array_equal(s.features(k, l, rows, cols), want[rows][:, cols])


@pytest.mark.parametrize("width", [12, 40])
def test_band_gain_equals_gain_cut_out_of_full_blocks(width):
    s = _scorer()
    n, m = s.n, s.m
    rng = np.random.default_rng(width)
    lo = np.minimum(np.sort(rng.integers(0, m, n + 1)), m)
    lo[0] = 0
    for k, l in MATCH_BEADS:
        full = s.gain(k, l, slice(0, n + 1), slice(0, m + 1))
        band = s.band_gain(k, l, 0, n + 1, lo, width)
        cols = lo[:, None] + np.arange(width)
        inside = cols <= m  # cells past the last column are clipped; the DP never reads them
        want = np.take_along_axis(full, np.minimum(cols, m), axis=1)
        assert inside.sum() > 0.9 * inside.size
        assert np.array_equal(band[inside], want[inside])


def test_unit_mentions_equal_a_scan_of_every_mention():
    rng = random.Random(5)
    mentions = []
    for _ in range(400):
        sent = rng.randrange(60)
        start = sent * 100 + rng.randrange(90)
        mentions.append(Mention(kind=rng.choice(["person", "quantity", "date"]), text="x", doc_id="d",
                                sentence=sent, start=start, end=start + 3, value="x"))
    mentions.sort(key=lambda m: (m.start, m.end))
    corpus = Corpus(docs={}, order=["d"], pivot="d", sentences={}, mentions={"d": mentions})
    for idx in [(), (4,), (3, 9, 10, 41), tuple(range(0, 60, 7))]:
        unit = Unit(index=0, sentences={"d": idx})
        for kinds in (None, ("quantity",), ("person", "date")):
            want = [m for m in mentions if m.sentence in set(idx) and (kinds is None or m.kind in kinds)]
            assert corpus.unit_mentions(unit, "d", kinds) == want


def test_phrase_index_finds_every_sentence_find_phrase_finds():
    from auditor.drift.presence import PhraseIndex, find_phrase
    from tests._docs import make_doc

    sents = ["The start-ups of Zhang Wei raised 3 billion yuan.", "Startups in Shenzhen grew.",
             "Café owners met Zhang.", "Nothing here.", "Wei Zhang spoke about start ups on Monday."]
    doc = make_doc("d", sents)
    idx = PhraseIndex(doc.content_sentences)
    for phrase in ["start-ups", "startups", "start ups", "Zhang Wei", "zhang", "cafe", "3 billion yuan",
                   "Monday", "absent words", "Wei"]:
        want = [k for k, s in enumerate(idx.sentences) if find_phrase(s.text, phrase)]
        got = [k for k in idx.candidates(phrase) if find_phrase(idx.sentences[k].text, phrase)]
        assert got == want, phrase
    assert [k for k in idx.candidates("startups")] == [0, 1, 4]  # joined-token matches found too
