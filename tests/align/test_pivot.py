"""Two-version (no-majority) audits: the alignment pivot — whose reading wins every tie — is the
likelier source by copying defects (garble, translation markers), not simply the longer text.

End-to-end cases pair an original with its garbled copy made LONGER (sentences split, a paragraph
appended, as MT and syndication do) and named so it sorts first: length and input order both point
at the copy, so only the defect evidence can get the direction right."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from auditor.align.many import SourceEvidence, likelier_source, pick_pivot, source_evidence
from auditor.commands._options import load_documents
from auditor.pipeline import run_audit
from tests._docs import make_doc
from tests._stories import ORIGINAL

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT.parent / "fixtures" / "china-ai-subsidies"
STORIES = ROOT / "data" / "stories"
#: same-language stories with a garbled copy (zh-flood has no lexicon signal: see the report)
GARBLED_STORIES = ["chip-earnings", "es-court-ruling", "rate-decision"]

PROMO = {
    "en": "Readers can send news tips to our desk at any time. Our editors choose the most important "
          "stories of the day for the morning newsletter. Follow our coverage for further updates.",
    "es": "Los lectores pueden enviar pistas a nuestra redacción en cualquier momento. Nuestros editores "
          "eligen las noticias más importantes del día para el boletín de la mañana.",
}


def _lengthen(text: str, lang: str) -> str:
    """Split sentences at commas before a word (capitalised, so the segmenter sees new sentences) and
    append a promo paragraph: the copy ends up with more content sentences than the original."""
    split = re.sub(r"(\w{4,}), (\w)", lambda m: m.group(1) + ". " + m.group(2).upper(), text)
    return split.rstrip() + "\n\n" + PROMO[lang] + "\n"


def _audit_pair(tmp_path, encoder, original: Path, copy_text: str, copy_name: str = "a_copy"):
    (tmp_path / "b_wire.txt").write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / f"{copy_name}.txt").write_text(copy_text, encoding="utf-8")
    docs = load_documents([str(tmp_path)])
    assert sorted(d.id for d in docs) == sorted([copy_name, "b_wire"])
    return docs, run_audit(docs, encoder)


def _assert_original_wins(docs, report, copy: str = "a_copy"):
    by_id = {d.id: d for d in docs}
    # the setup really points length and order at the copy
    assert len(by_id[copy].content_sentences) > len(by_id["b_wire"].content_sentences)
    assert report.alignments[0].pivot == "b_wire"
    res = {d.id: d for d in report.documents}
    assert res["b_wire"].rank == 1 and res[copy].rank == 2
    assert res["b_wire"].role == "original"
    assert res[copy].derived_from is not None and res[copy].derived_from.id == "b_wire"
    assert any(not f.code.startswith("G") for f in report.findings), "the pair differs in facts"
    # every discrepancy names the copy as deviating, never the original
    for f in report.findings:
        assert f.documents == (copy,), (f.code, f.message)


def test_fixture_garbled_copy_made_longer_does_not_displace_the_original(tmp_path, use_encoder):
    copy = _lengthen((FIXTURE / "002_caa97b2c5e3fe59c.txt").read_text(encoding="utf-8"), "en")
    docs, report = _audit_pair(tmp_path, use_encoder, FIXTURE / "004_9c0a797d7a6c616f.txt", copy)
    _assert_original_wins(docs, report)
    res = {d.id: d for d in report.documents}
    assert "garbled" in res["a_copy"].labels or "machine-translated" in res["a_copy"].labels


@pytest.mark.parametrize("story", GARBLED_STORIES)
def test_story_garbled_copy_made_longer_does_not_displace_the_original(story, tmp_path, use_encoder):
    lang = "es" if story.startswith("es-") else "en"
    copy = _lengthen((STORIES / story / "garbled.txt").read_text(encoding="utf-8"), lang)
    docs, report = _audit_pair(tmp_path, use_encoder, STORIES / story / "original.txt", copy)
    _assert_original_wins(docs, report)


@pytest.mark.parametrize("story", GARBLED_STORIES)
def test_faithful_rewrite_against_the_original_is_not_inverted(story, tmp_path, use_encoder):
    rewrite = (STORIES / story / "rewrite.txt").read_text(encoding="utf-8")
    docs, report = _audit_pair(tmp_path, use_encoder, STORIES / story / "original.txt", rewrite)
    ev = source_evidence(docs)
    # nothing marks either side as a defective copy, so no defect evidence overrules the default
    assert not likelier_source(ev["a_copy"], ev["b_wire"])
    res = {d.id: d for d in report.documents}
    assert res["b_wire"].rank == 1 and res["b_wire"].role == "original"
    assert not {"garbled", "machine-translated"} & set(res["a_copy"].labels)
    assert not {"garbled", "machine-translated"} & set(res["b_wire"].labels)


# --- the rule itself, on documents built here ---------------------------------------------------------

GARBLED = [
    ORIGINAL[0].replace("rebuild", "reconstructate"),
    ORIGINAL[1].replace("covered", "coverated"),
    *ORIGINAL[2:],
    "Harbourton will get its new terminal. The works were agreed by the council.",
    "Passengers will have a bigger hall.",
]


def test_two_documents_the_garbled_longer_one_is_not_the_pivot():
    a = make_doc("a", GARBLED)
    b = make_doc("b", ORIGINAL)
    assert len(a.content_sentences) > len(b.content_sentences)
    ev = source_evidence([a, b])
    assert ev["a"].garble == 2 and ev["b"].garble == 0
    assert pick_pivot([a, b], None).id == "b"
    assert pick_pivot([b, a], None).id == "b"


def test_two_clean_documents_fall_back_to_more_content():
    longer = make_doc("a", ORIGINAL + ["The council will publish the tender documents next month."])
    shorter = make_doc("b", ORIGINAL[:-1])
    assert pick_pivot([shorter, longer], None).id == "a"


def test_a_non_word_both_versions_share_is_not_a_defect():
    # the source's own rare spelling, carried over by the copy, says nothing about direction
    odd = [ORIGINAL[0].replace("rebuild", "reconstructate")] + ORIGINAL[1:]
    a = make_doc("a", odd + ["An extra closing line from the copy desk."])
    b = make_doc("b", odd)
    ev = source_evidence([a, b])
    assert ev["a"].garble == ev["b"].garble == 0
    assert pick_pivot([a, b], None).id == "a"  # more content decides


def test_translation_markers_decide_when_garble_does_not():
    translated = [s.replace("45 million euro", "45,000 thousand million euro") for s in ORIGINAL]
    translated[5] = "The regional transport agency will pay 1,000 million euros, and the city will cover the rest."
    a = make_doc("a", translated + ["The works were agreed by the council on Monday."])
    b = make_doc("b", ORIGINAL)
    ev = source_evidence([a, b])
    assert ev["a"].markers >= 1 and ev["b"].markers == 0
    assert pick_pivot([a, b], None).id == "b"


def test_one_odd_word_more_in_a_long_text_with_garble_on_both_sides_does_not_decide():
    # both sides have garble: one more non-word in 30 sentences is below the garbled-label thresholds
    x = SourceEvidence(garble=2, markers=0, content=30)
    y = SourceEvidence(garble=1, markers=0, content=30)
    assert not likelier_source(y, x) and not likelier_source(x, y)
    # clearly more (margin and density) decides
    z = SourceEvidence(garble=5, markers=0, content=30)
    assert likelier_source(y, z) and not likelier_source(z, y)


def test_near_tie_among_many_is_settled_by_defects(lexical_encoder):
    # the garbled copy carries everything the original has plus the trim's extra line, so it is at
    # least as central; the defects still put the original first
    original = make_doc("c", ORIGINAL)
    garbled = make_doc("a", GARBLED[:len(ORIGINAL)])
    trim = make_doc("b", ORIGINAL[:7])
    assert pick_pivot([garbled, trim, original], lexical_encoder).id == "c"
