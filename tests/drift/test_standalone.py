"""Garble a set-aside document shows on its own: glued tokens and non-words, with no counterpart."""

from __future__ import annotations

from auditor.drift.standalone import standalone_garble
from tests.drift.drift_helpers import make_doc

RELATED = make_doc("related", [
    "Officials told the NATOthe summit would move to the autumn.",
    "The ministry said the plan was drafted by the zorblication office last year.",
    "Director Kwame Osei-Brandt of the OECD spoke to the WXYZ newsroom about 17bn in grants.",
    "Analysts at Fintrexo said the quarzified timetable was unrealistic.",
])


def test_glued_tokens_and_non_words_are_found_in_one_document():
    findings = standalone_garble(RELATED)
    by_text = {f.evidence[0].text: f for f in findings}
    assert set(by_text) == {"NATOthe", "zorblication", "quarzified"}
    assert by_text["NATOthe"].code == "G002" and by_text["zorblication"].code == "G001"
    for f in findings:
        # the finding is about this document alone, with the token span as evidence
        assert f.documents == ("related",) and len(f.evidence) == 1
        e = f.evidence[0]
        assert RELATED.text[e.start:e.end] == e.text
        assert RELATED.sentences[e.sentence].start <= e.start < e.end <= RELATED.sentences[e.sentence].end


def test_names_acronyms_and_numbers_are_never_non_words():
    flagged = {f.evidence[0].text for f in standalone_garble(RELATED)}
    assert not flagged & {"Kwame", "Osei-Brandt", "OECD", "WXYZ", "17bn", "Fintrexo"}


def test_words_the_story_versions_use_are_not_garble():
    story = make_doc("version", ["The zorblication office drafted the plan."])
    flagged = {f.evidence[0].text for f in standalone_garble(RELATED, [story])}
    assert "zorblication" not in flagged and "quarzified" in flagged


def test_non_words_can_be_left_out_for_human_written_documents():
    findings = standalone_garble(RELATED, nonwords=False)
    assert [(f.code, f.evidence[0].text) for f in findings] == [("G002", "NATOthe")]


def test_no_cross_version_comparison_runs():
    # the story's version differs in a name, a number and a phrase: none of that is reported
    story = make_doc("version", [
        "Officials told the summit would move to the spring.",
        "Director Kwame Osei-Brant of the OECD spoke about 71bn in grants.",
    ])
    findings = standalone_garble(RELATED, [story])
    assert {f.code for f in findings} <= {"G001", "G002"}
    assert all(e.document == "related" for f in findings for e in f.evidence)
