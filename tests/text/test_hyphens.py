"""Hyphens typed as dashes are cut before names and numbers are read; compounds stay whole."""

from __future__ import annotations

import pytest

from auditor.drift import compare
from auditor.drift.text import token_texts, tokens
from auditor.extract import extract_document
from auditor.text.hyphens import dash_pieces
from tests.drift.drift_helpers import make_doc, one_to_one, table


def _pieces(word: str) -> list[str]:
    return [word[s:e] for s, e in dash_pieces(word)]


@pytest.mark.parametrize(("word", "pieces"), [
    ("Norway-and", ["Norway", "and"]),
    ("equal-Peru", ["equal", "Peru"]),
    ("counts-4000", ["counts", "4000"]),
    ("orbit-3.5", ["orbit", "3.5"]),
])
def test_a_dash_typed_as_a_hyphen_is_cut(word: str, pieces: list[str]) -> None:
    assert _pieces(word) == pieces


@pytest.mark.parametrize("word", [
    "Jean-Luc", "anti-Western", "pro-Moscow", "al-Assad", "Stratford-upon-Avon", "Covid-19", "F-35",
    "follow-up", "state-of-the-art", "Socio-Economic", "8-foot", "x-2",
])
def test_compounds_stay_whole(word: str) -> None:
    assert _pieces(word) == [word]


def test_word_tokens_keep_document_offsets_across_the_cut() -> None:
    text = "rich states-Norway, Chile-and others"
    toks = tokens(text)
    assert [t.text for t in toks] == ["rich", "states", "Norway", "Chile", "and", "others"]
    assert all(text[t.start:t.end] == t.text for t in toks)


def test_extraction_reads_the_place_before_a_dash_hyphen() -> None:
    doc = make_doc("a", ["Prices rose in Norway-and the trend spread."])
    places = {m.text for m in extract_document(doc) if m.kind == "place"}
    assert "Norway" in places and not any("-" in p for p in places)


def test_dash_hyphens_raise_no_place_finding_against_spelled_out_dashes() -> None:
    docs = [make_doc("a", ["The countries on the left are all equal-Japan, Finland, Norway, Sweden-and their top 20% gained."]),
            make_doc("b", ["The countries on the left are all equal - Japan, Finland, Norway, Sweden - and their top 20% gained."])]
    tab = table(docs[0], one_to_one(docs[0], docs[1]))
    findings = compare(docs, tab, {d.id: extract_document(d) for d in docs}, reference="b")
    assert [f.code for f in findings if f.code[0] in "EO"] == []


@pytest.mark.parametrize(("word", "pieces"), [
    ("attribute-no", ["attribute", "no"]),  # WMT21 TED MT output: "this attribute-no damage to the flower"
    ("species-at", ["species", "at"]),
    ("check-in", ["check-in"]),
    ("one-to-one", ["one-to-one"]),
    ("well-being", ["well-being"]),
])
def test_between_lower_case_words_only_a_stray_function_word_cuts(word: str, pieces: list[str]) -> None:
    assert _pieces(word) == pieces


@pytest.mark.parametrize("text", [
    "Officials in Norway-and Peru met on the follow-up, state-of-the-art plans (F-35s; x-2).",
    "He said: 'it's equal-Japan' -- counts-4000, orbit-3.5 and Jean-Luc’s U.S. visit.",
    "", "--- ... !!",
])
def test_token_texts_are_the_tokens_words(text: str) -> None:
    # the whole-document passes read words through token_texts, the unit rules through tokens:
    # both must cut the same words, dash-hyphens included
    assert token_texts(text) == [t.text for t in tokens(text)]
    assert [(t.start, t.end) for t in tokens(text)] == [
        (t.start, t.start + len(t.text)) for t in tokens(text)]
    assert all(text[t.start:t.end] == t.text for t in tokens(text))
