"""Roles and labels: machine-translated needs several kinds of MT traces, garbled needs garble
density, translation follows language or translated-from markers; set-aside documents keep their
relation as role."""

from __future__ import annotations

from auditor.model import Evidence, Finding
from auditor.rank.labels import label_cluster, label_set_aside
from auditor.text.markers import text_markers
from tests._docs import make_doc
from tests._stories import ORIGINAL, SPANISH


def _f(fid, code, doc):
    return Finding(fid, code, "k", "major", "m", (doc,), (Evidence(doc, 0, 0, 1, "x"),))


def _label(docs, findings, **kw):
    blamed = {f.id: f.documents for f in findings}
    ranked = [d.id for d in docs]
    kw.setdefault("one_to_one", {d.id: 1.0 for d in docs})
    kw.setdefault("chrf_to_original", {d.id: 80.0 for d in docs})
    return label_cluster(docs, ranked, findings, blamed, **kw)


def test_several_kinds_of_mt_traces_make_machine_translated():
    docs = [make_doc("a", ORIGINAL), make_doc("b", ORIGINAL), make_doc("c", ORIGINAL)]
    findings = [_f("1", "G001", "b"), _f("2", "N001", "b"), _f("3", "E001", "b"), _f("4", "G003", "b")]
    v = _label(docs, findings)
    assert "machine-translated" in v["b"].labels
    assert v["b"].signals == {"garble": 1, "literal": 2, "transliteration": 1}
    assert v["a"].labels == () and v["c"].labels == ()


def test_one_kind_of_trace_is_not_enough():
    docs = [make_doc("a", ORIGINAL), make_doc("b", ORIGINAL)]
    # three transliteration slips but nothing else: could be a careless human copy
    findings = [_f(str(i), "N001", "b") for i in range(3)]
    assert "machine-translated" not in _label(docs, findings)["b"].labels
    # two kinds but only two signals: below the minimum
    assert "machine-translated" not in _label(docs, findings[:1] + [_f("9", "G001", "b")])["b"].labels


def test_garbled_needs_more_than_one_odd_word():
    docs = [make_doc("a", ORIGINAL), make_doc("b", ORIGINAL)]
    assert "garbled" not in _label(docs, [_f("1", "G001", "b")])["b"].labels
    assert "garbled" in _label(docs, [_f("1", "G001", "b"), _f("2", "G002", "b")])["b"].labels


def test_roles_original_near_duplicate_rewrite_translation():
    docs = [make_doc("a", ORIGINAL), make_doc("b", ORIGINAL), make_doc("c", ORIGINAL[:6]), make_doc("es", SPANISH, "es")]
    v = _label(docs, [], one_to_one={"a": 1.0, "b": 1.0, "c": 0.5, "es": 1.0},
               chrf_to_original={"a": None, "b": 90.0, "c": 40.0, "es": None})
    assert [v[d].role for d in ("a", "b", "c", "es")] == ["original", "near-duplicate", "rewrite", "translation"]
    assert "translation" in v["es"].labels


def test_reference_label():
    docs = [make_doc("a", ORIGINAL), make_doc("b", ORIGINAL)]
    assert "reference" in _label(docs, [], reference="a")["a"].labels


def test_text_markers_find_translation_traces_not_brand_names():
    mt = make_doc("mt", [
        "As reported in SCMPthe city launched a plan of 1,000 million yuan.",
        "Growth reached 3,5 percent while third -party models got discounts.",
    ])
    clean = make_doc("clean", [
        "DeepSeek and TechForge launched a 1 billion yuan plan, the SCMP reported.",
        "Growth reached 3.5 percent; third-party models got discounts.",
    ])
    assert text_markers(mt) == {"long-scale-number": 1, "decimal-comma": 1, "space-before-hyphen": 1, "glued-token": 1}
    assert text_markers(clean) == {}
    v = label_set_aside(mt, "related")
    assert v.role == "related" and {"machine-translated", "translation"} <= set(v.labels)
    assert label_set_aside(clean, "unrelated").labels == ()


def test_a_translation_ranked_first_is_still_the_translation_and_english_copies_are_not():
    docs = [make_doc("es", SPANISH, "es"), make_doc("a", ORIGINAL), make_doc("b", ORIGINAL), make_doc("c", ORIGINAL[:6])]
    blamed: dict = {}
    v = label_cluster(docs, ["es", "a", "b", "c"], [], blamed,
                      one_to_one={"es": 1.0, "a": 1.0, "b": 1.0, "c": 0.5},
                      chrf_to_original={"es": None, "a": None, "b": 90.0, "c": 40.0})
    assert v["es"].role == "translation" and "translation" in v["es"].labels
    assert v["a"].role == "original" and v["a"].labels == ()
    assert "translation" not in v["b"].labels and "translation" not in v["c"].labels
    # the editor's reference is the original of the audit, whatever its language
    r = label_cluster(docs, ["es", "a", "b", "c"], [], blamed, one_to_one={d.id: 1.0 for d in docs},
                      chrf_to_original={d.id: None for d in docs}, reference="es")
    assert r["es"].role == "original" and r["a"].role == "translation"
    # an original chosen by the caller is used as given, not chosen again
    g = label_cluster(docs, ["es", "a", "b", "c"], [], blamed, one_to_one={d.id: 1.0 for d in docs},
                      chrf_to_original={d.id: None for d in docs}, original="b")
    assert g["b"].role == "original" and g["a"].role != "original" and g["es"].role == "translation"
