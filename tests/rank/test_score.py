"""Faithfulness scoring on synthetic clusters: findings, omissions and wording cost points in
proportion to their number and severity; a reference changes the basis."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.align.rows import build_rows, consensus_rows
from auditor.model import Alignment, AlignmentTable, Evidence, Finding, Link
from auditor.rank.score import attribute, score_cluster
from auditor.rank.surface import sacrebleu_signature
from tests._docs import make_doc
from tests._stories import ORIGINAL, SPANISH


def _table(pivot, others, dropped=None):
    """1-1 alignment of every sentence, except pivot sentences in ``dropped[doc]`` (1-0)."""
    dropped = dropped or {}
    aligns = []
    for doc in others:
        links, j = [], 0
        for i in range(len(pivot.sentences)):
            if i in dropped.get(doc.id, ()):
                links.append(Link((i,), (), 0.0, "1-0"))
            else:
                links.append(Link((i,), (j,), 0.9, "1-1"))
                j += 1
        aligns.append(Alignment(pivot.id, doc.id, tuple(links)))
    return AlignmentTable(pivot.id, tuple(aligns))


def _finding(fid, code, severity, deviating, majority_doc="a", sentence=0):
    ev = [Evidence(majority_doc, sentence, 0, 4, "good")] + [Evidence(d, sentence, 0, 3, "bad") for d in deviating]
    return Finding(fid, code, "k", severity, "m", tuple(deviating), tuple(ev))


def _cluster():
    a = make_doc("a", ORIGINAL)
    b = make_doc("b", ORIGINAL)
    c = make_doc("c", ORIGINAL)
    d = make_doc("d", [s for i, s in enumerate(ORIGINAL) if i not in (3, 5, 7)])
    return [a, b, c, d], _table(a, [b, c, d], {"d": (3, 5, 7)})


def test_ranking_follows_number_and_severity_of_errors():
    docs, table = _cluster()
    findings = [
        _finding("f1", "Q001", "critical", ["b"]),
        _finding("f2", "N001", "major", ["b"], sentence=2),
        _finding("f3", "N002", "minor", ["c"], sentence=4),
    ]
    s = score_cluster(docs, table, findings)
    assert s.ranked()[0] == "a"
    # b: a critical and a major error; c: one minor; d: omissions only
    assert s.scores["a"].faithfulness > s.scores["c"].faithfulness > s.scores["b"].faithfulness
    assert s.scores["a"].faithfulness > s.scores["d"].faithfulness
    assert s.scores["b"].breakdown["findings"] == {"critical": 1, "major": 1}
    assert s.scores["d"].breakdown["coverage"] == pytest.approx(7 / 10)
    assert "discrepancies" in s.scores["b"].breakdown["summary"]
    assert "consensus sentences" in s.scores["d"].breakdown["summary"]


def test_more_errors_cost_more_but_saturate():
    docs, table = _cluster()
    one = score_cluster(docs, table, [_finding("f1", "Q001", "critical", ["b"])]).scores["b"]
    three = score_cluster(docs, table, [_finding(f"f{i}", "Q001", "critical", ["b"], sentence=i) for i in range(3)]).scores["b"]
    many = score_cluster(docs, table, [_finding(f"f{i}", "Q001", "critical", ["b"], sentence=i) for i in range(10)]).scores["b"]
    assert one.faithfulness > three.faithfulness > many.faithfulness
    assert (one.faithfulness - three.faithfulness) > (three.faithfulness - many.faithfulness) / 3.5


def test_costs_add_up_to_the_score():
    docs, table = _cluster()
    s = score_cluster(docs, table, [_finding("f1", "G001", "major", ["c"]), _finding("f2", "E001", "major", ["c"], sentence=1)])
    for doc_score in s.scores.values():
        costs = doc_score.breakdown["costs"]
        assert doc_score.faithfulness == pytest.approx(1 - sum(costs.values()), abs=1e-3)
    assert s.scores["c"].breakdown["costs"]["garble"] > 0 and s.scores["c"].breakdown["codes"] == {"E001": 1, "G001": 1}


def test_reference_changes_the_basis():
    docs, table = _cluster()
    findings = [_finding("f1", "Q001", "critical", ["b"])]
    free = score_cluster(docs, table, findings)
    ref = score_cluster(docs, _table(docs[1], [docs[0], docs[2], docs[3]], {}), findings, reference="b")
    assert free.basis == "consensus" and ref.basis == "reference:b"
    # against the reference b, the documents that disagree with b are at fault
    assert ref.scores["b"].faithfulness == 1.0 and ref.scores["b"].rank == 1
    assert ref.blame["f1"] == ("a",)
    assert free.blame["f1"] == ("b",)
    assert ref.scores["a"].faithfulness < free.scores["a"].faithfulness
    assert ref.scores["a"].breakdown["basis"] == "reference"


def test_attribution_inverts_only_when_reference_deviates():
    f = _finding("f1", "N001", "major", ["b", "c"], majority_doc="a")
    assert attribute([f], ["a", "b", "c"]) == ({"f1": ("b", "c")}, frozenset())
    assert attribute([f], ["a", "b", "c"], reference="a") == ({"f1": ("b", "c")}, frozenset())
    assert attribute([f], ["a", "b", "c"], reference="b") == ({"f1": ("a",)}, frozenset({"f1"}))
    # garbled phrasing in the reference's own text is nobody else's fault
    g = _finding("g1", "G001", "major", ["b"], majority_doc="a")
    assert attribute([g], ["a", "b", "c"], reference="b") == ({}, frozenset())


def test_consensus_rows_need_a_majority():
    docs, table = _cluster()
    rows = build_rows(docs, table)
    # rows 3, 5, 7 are carried by a, b, c (3 of 4): still a majority
    assert consensus_rows(rows) == list(range(10))
    e = make_doc("e", ORIGINAL[:4])
    two = build_rows([docs[0], e], _table(docs[0], [e], {"e": tuple(range(4, 10))}))
    assert len(consensus_rows(two)) == 10  # with two versions every row counts


def test_surface_similarity_skipped_across_languages():
    a = make_doc("a", ORIGINAL)
    es = make_doc("es", SPANISH, "es")
    s = score_cluster([a, es], _table(a, [es]), [])
    assert s.scores["es"].breakdown["chrF"] is None and s.scores["es"].breakdown["costs"]["surface"] == 0
    assert s.surface == {}


def test_wording_changes_lower_surface_similarity():
    a = make_doc("a", ORIGINAL)
    same = make_doc("same", ORIGINAL)
    reworded = make_doc("reworded", [s.replace("the", "a").replace("will", "shall") for s in ORIGINAL])
    s = score_cluster([a, same, reworded], _table(a, [same, reworded]), [])
    assert s.scores["same"].breakdown["chrF"] > s.scores["reworded"].breakdown["chrF"]
    assert s.scores["same"].faithfulness > s.scores["reworded"].faithfulness


def test_signature_names_sacrebleu_metrics():
    sig = sacrebleu_signature()
    assert sig.startswith("chrF2|") and "TER|" in sig and "version:" in sig


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["b", "c", "d"]), st.sampled_from(["Q001", "N001", "G001", "O003", "O004"]),
                          st.sampled_from(["critical", "major", "minor", "info"])), max_size=25))
def test_scores_in_unit_interval_and_ranks_are_a_permutation(spec):
    docs, table = _cluster()
    findings = [_finding(f"f{i}", code, sev, [doc], sentence=i % 10) for i, (doc, code, sev) in enumerate(spec)]
    s = score_cluster(docs, table, findings)
    assert all(0.0 <= x.faithfulness <= 1.0 for x in s.scores.values())
    assert sorted(x.rank for x in s.scores.values()) == [1, 2, 3, 4]
    ordered = sorted(s.scores.values(), key=lambda x: x.rank)
    assert all(p.faithfulness >= q.faithfulness for p, q in zip(ordered, ordered[1:]))


def test_translation_is_charged_the_best_wording_cost_not_zero_and_not_more():
    a = make_doc("a", ORIGINAL)
    reworded = make_doc("reworded", [s.replace("the", "a").replace("will", "shall") for s in ORIGINAL])
    es = make_doc("es", SPANISH, "es")
    s = score_cluster([a, reworded, es], _table(a, [reworded, es]), [])
    english = [s.scores[d].breakdown["costs"]["surface"] for d in ("a", "reworded")]
    assert s.scores["es"].breakdown["costs"]["surface"] == pytest.approx(min(english))
    assert min(english) > 0 and "surface" in s.scores["es"].breakdown["imputed"]
    # equal scores: the story's own language (the majority) goes first
    assert s.scores["a"].faithfulness == s.scores["es"].faithfulness
    assert s.ranked()[:2] == ["a", "es"]


def test_pivot_wording_is_judged_by_its_closest_peer_not_everyone_elses_rewording():
    a = make_doc("a", ORIGINAL)
    copy = make_doc("copy", ORIGINAL)
    reworded = make_doc("reworded", [s.replace("the", "a").replace("will", "shall") for s in ORIGINAL])
    s = score_cluster([a, copy, reworded], _table(a, [copy, reworded]), [])
    assert s.scores["a"].breakdown["costs"]["surface"] == s.scores["copy"].breakdown["costs"]["surface"]
    assert s.scores["a"].faithfulness > s.scores["reworded"].faithfulness


def test_a_translation_never_outranks_the_best_version_in_the_story_language():
    a = make_doc("a", ORIGINAL)
    b = make_doc("b", ORIGINAL)
    es = make_doc("es", SPANISH, "es")
    # both English versions carry a wrong number; the translation, checked on fewer facts, has none
    wrong = Finding("f1", "Q001", "number", "critical", "Number differs", ("a", "b"),
                    (Evidence("a", 0, 0, 3, "x"), Evidence("b", 0, 0, 3, "y")))
    s = score_cluster([a, b, es], _table(a, [b, es]), [wrong])
    best_english = max(s.scores["a"].faithfulness, s.scores["b"].faithfulness)
    assert best_english < 1.0  # the wrong number cost the English versions something
    assert s.scores["es"].faithfulness == best_english
    assert "capped" in s.scores["es"].breakdown
    assert s.ranked() == ["a", "b", "es"]  # ties go to the story language


def test_a_translation_given_as_reference_is_not_capped():
    a = make_doc("a", ORIGINAL)
    es = make_doc("es", SPANISH, "es")
    b = make_doc("b", ORIGINAL)
    wrong = Finding("f1", "Q001", "number", "critical", "Number differs", ("a", "b"),
                    (Evidence("es", 0, 0, 3, "x"), Evidence("a", 0, 0, 3, "y")))
    s = score_cluster([a, b, es], _table(es, [a, b]), [wrong], reference="es")
    assert s.scores["es"].faithfulness == 1.0 and s.ranked()[0] == "es"
    assert "capped" not in s.scores["es"].breakdown


def test_shown_severity_of_a_recalibrated_rule_does_not_move_the_score():
    """Rules whose shown severity follows editorial harm (a misspelt name is critical) keep the weight
    the scores were tuned with, so the ranking does not shift with the wording of the report."""
    docs, table = _cluster()
    as_shown = score_cluster(docs, table, [_finding("f1", "N002", "critical", ["c"])]).scores["c"]
    as_tuned = score_cluster(docs, table, [_finding("f1", "N002", "minor", ["c"])]).scores["c"]
    assert as_shown.faithfulness == as_tuned.faithfulness
    assert as_shown.breakdown["findings"] == {"critical": 1}  # the breakdown counts what the report shows
    # a rule the harm policy did not touch is still weighed by its severity
    critical = score_cluster(docs, table, [_finding("f1", "Q001", "critical", ["c"])]).scores["c"]
    minor = score_cluster(docs, table, [_finding("f1", "Q001", "minor", ["c"])]).scores["c"]
    assert critical.faithfulness < minor.faithfulness


def test_chunked_corpus_score_equals_sacrebleus_own(monkeypatch):
    """Long documents are scored in chunks of segments (bounded memory); the figure must be exactly
    sacrebleu's own over the whole list, for chrF, TER and multi-reference chrF."""
    from sacrebleu.metrics import CHRF, TER

    from auditor.rank import surface as score

    hyps = [f"The council voted {i} times on the harbour plan, said officials." for i in range(11)]
    refs = [f"Officials said the council voted {i + i % 3} times on its harbour plan." for i in range(11)]
    other = [f"The harbour plan was voted on {i} times." for i in range(11)]
    monkeypatch.setattr(score, "_SCORE_CHUNK", 3)
    for metric, references in ((CHRF(), [refs]), (TER(asian_support=True), [refs]), (CHRF(), [refs, other])):
        whole = metric.corpus_score(hyps, references).score
        assert score.corpus_score(metric, hyps, references) == whole


def test_memo_chrf_scores_as_sacrebleu_chrf():
    """The scoring's chrF reuses each text's n-grams within a cluster: the figures must be exactly
    sacrebleu's CHRF, pairwise and multi-reference, also when a text is already memoised (scored
    again, or as hypothesis after being a reference)."""
    from sacrebleu.metrics import CHRF

    from auditor.rank import surface as score

    # (the last sentences are shorter than chrF's 6-grams on one side, read first as references: a pair read the other way
    # round is then counted again, not derived from the first reading)
    a = ["Officials approved the harbour plan on Monday.", "The vote was 7 to 2.", "Work starts in May.", "No."]
    b = ["The harbour plan was approved on Monday by officials.", "The vote was 7-2.", "Work begins in June.",
         "No, not at all."]
    c = ["Officials backed the plan.", "It passed 7 to 2.", "Work starts in May.", "Not."]
    memo = score._memo_chrf()
    try:
        for hyps, refs in ((b, [a]), (a, [b]), (a, [b, c]), (c, [a, b]), (a, [b])):
            assert memo.corpus_score(hyps, refs).score == CHRF().corpus_score(hyps, refs).score
        assert score._NGRAMS and score._PAIR_STATS  # n-grams and pair counts were kept for reuse
    finally:
        score._NGRAMS.clear()
        score._PAIR_STATS.clear()


def test_memo_chrf_of_identical_sentences_is_sacrebleus_count():
    """A sentence identical to its reference is answered without counting its n-grams: the
    statistics (and so the score) must be those sacrebleu counts, also for sentences shorter than
    chrF's 6-grams, empty ones and ones whose spaces differ from the reference's."""
    from sacrebleu.metrics import CHRF

    from auditor.rank import surface as score

    hyps = ["The vote was 7 to 2.", "No.", "", "港口计划 周一获批。", "Work  starts in May.", "a b"]
    refs = ["The vote was 7 to 2.", "No.", "", "港口计划 周一获批。", "Work starts in May.", "ab"]
    memo = score._memo_chrf()
    try:
        plain = CHRF()
        for h, r in zip(hyps, refs):
            assert memo._extract_corpus_statistics([h], [[r]]) == plain._extract_corpus_statistics([h], [[r]])
        assert memo.corpus_score(hyps, [refs]).score == plain.corpus_score(hyps, [refs]).score
        assert score._identical_stats("ab c", 3, False) == [3, 3, 3, 2, 2, 2, 1, 1, 1]
    finally:
        score._NGRAMS.clear()
        score._PAIR_STATS.clear()


def test_surface_ter_scores_as_sacrebleu_ter():
    """The scoring's TER answers a sentence identical to its reference without sacrebleu's shift
    search: the figures must be sacrebleu's TER, with identical, edited and empty sentences."""
    from sacrebleu.metrics import TER

    from auditor.rank import surface

    hyps = ["The vote was 7 to 2 .", "Work starts in May.", "", "港口计划周一获批。", "Officials approved it"]
    refs = ["The vote was 7 to 2 .", "Work begins in June.", "", "港口计划周一获批。", "it Officials approved"]
    ter, plain = surface._metrics()[1], TER(asian_support=True)
    assert ter.corpus_score(hyps, [refs]).score == plain.corpus_score(hyps, [refs]).score
    assert ter.corpus_score(hyps[:1], [refs[:1]]).score == 0.0
    assert surface.sacrebleu_signature().split(" TER|")[1] == plain.get_signature().format()


def test_meaning_part_charges_the_version_whose_sentences_mean_something_else(monkeypatch):
    """Same words everywhere (chrF cannot tell them apart); the sentence vectors of ``c`` point
    elsewhere, so with a meaning weight it loses exactly that part, and the measured agreement is
    the mean cosine to the other versions' row sentences."""
    import numpy as np

    import auditor.rank.score as score

    docs, table = _cluster()
    n = len(docs[0].sentences)
    same = np.tile(np.array([1.0, 0.0], dtype=np.float32), (n, 1))
    other = np.tile(np.array([0.6, 0.8], dtype=np.float32), (n, 1))
    vectors = {"a": same, "b": same, "c": other, "d": same[: len(docs[3].sentences)]}
    w = score.weights()["consensus"]
    monkeypatch.setattr(score, "weights", lambda: {"consensus": score.Weights(**{**vars(w), "semantic": 0.2}),
                                                   "reference": w})
    s = score_cluster(docs, table, [], vectors=vectors).scores
    assert s["c"].breakdown["meaning"] == pytest.approx(0.6)
    # a's rows: (1 + 1 + 0.6) / 3 with d present, (1 + 0.6) / 2 in the three rows d dropped
    rows = n - 3
    assert s["a"].breakdown["meaning"] == pytest.approx((rows * 2.6 / 3 + 3 * 0.8) / n, abs=1e-3)
    assert s["c"].breakdown["costs"]["semantic"] == pytest.approx(0.2 * 0.4, abs=1e-3)
    assert s["c"].faithfulness < s["b"].faithfulness
    assert "meaning (sentence similarity 0.60)" in s["c"].breakdown["summary"]
    # without vectors the part is not measured and costs nothing
    plain = score_cluster(docs, table, []).scores
    assert plain["c"].breakdown["meaning"] is None and plain["c"].breakdown["costs"]["semantic"] == 0.0


def test_meaning_part_holds_one_rows_sentence_sums_not_the_clusters():
    """Every version's meaning is read in one pass over the rows: the row sums (a vector each, 32 KB
    at the lexical model's 8,192 buckets) of one row are held at a time, not those of the whole
    cluster, which for a 20,000-sentence pair was 1.2 GB. Same agreement as summing per version."""
    import tracemalloc

    import numpy as np

    sentences = [f"Sentence number {k} of a long report says something." for k in range(600)]
    a, b = make_doc("a", sentences), make_doc("b", sentences)
    table = _table(a, [b])
    rng = np.random.default_rng(5)
    va = rng.standard_normal((600, 8192)).astype(np.float32)
    vb = (va + 0.5 * rng.standard_normal((600, 8192))).astype(np.float32)
    tracemalloc.start()
    try:
        s = score_cluster([a, b], table, [], vectors={"a": va, "b": vb}).scores
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 12 * 2**20  # the whole cluster's sums: 600 x 2 x 32 KB = 39 MB
    unit = lambda v: v / np.linalg.norm(v, axis=1, keepdims=True)  # noqa: E731
    expected = float(np.mean(np.sum(unit(va) * unit(vb), axis=1)))
    assert s["a"].breakdown["meaning"] == pytest.approx(expected, abs=1e-3)
    assert s["b"].breakdown["meaning"] == pytest.approx(expected, abs=1e-3)
