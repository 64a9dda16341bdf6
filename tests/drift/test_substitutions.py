"""Substitutions caught by the word diff, with no extracted mentions at all (the entity may be unknown
to every list): the route that does not depend on recognising the name."""

from __future__ import annotations

import pytest

from auditor.drift import compare
from auditor.drift.substitutions import derived_form
from tests.drift.drift_helpers import make_doc, one_to_one, table


def _run(*texts: str, reference: str | None = None, pivot: int = 0):
    docs = [make_doc(chr(ord("a") + i), [t]) for i, t in enumerate(texts)]
    piv = docs[pivot]
    tab = table(piv, *(one_to_one(piv, d) for d in docs if d is not piv))
    return compare(docs, tab, {}, reference=reference)


def _subst(findings):
    return [f for f in findings if f.code in {"E003", "E005", "N001", "N002", "N003", "Q001"}]


def test_unknown_place_swap_is_critical_with_the_reference_side_first():
    f = _subst(_run("The plant will be built near Tarnowice by the end of next year.",
                    "The plant will be built near Velbrook by the end of next year.", reference="a"))
    assert [x.code for x in f] == ["E005"]
    assert f[0].severity == "critical"
    assert f[0].documents == ("b",)
    assert [e.text for e in f[0].evidence] == ["Tarnowice", "Velbrook"]
    assert f[0].evidence[0].document == "a"


def test_minority_reading_is_the_deviation_even_in_the_pivot():
    f = _subst(_run("Talks were held in Quenbury on Monday, officials said.",
                    "Talks were held in Marlow Heath on Monday, officials said.",
                    "Talks were held in Marlow Heath on Monday, officials said."))
    assert len(f) == 1 and f[0].documents == ("a",)
    assert f[0].evidence[0].text == "Marlow Heath" and f[0].evidence[-1].text == "Quenbury"


def test_reference_wins_over_the_majority():
    f = _subst(_run("Talks were held in Quenbury on Monday, officials said.",
                    "Talks were held in Marlow Heath on Monday, officials said.",
                    "Talks were held in Marlow Heath on Monday, officials said.", reference="a"))
    assert len(f) == 1 and f[0].documents == ("b", "c")
    assert f[0].evidence[0].document == "a" and f[0].evidence[0].text == "Quenbury"


def test_number_swap_without_extraction():
    f = _subst(_run("The factory opened in 1987 with a small team.",
                    "The factory opened in 1978 with a small team.", reference="a"))
    assert [x.code for x in f] == ["Q001"] and "1978" in f[0].message


def test_person_spelling_shift_is_classified_by_the_name_finder():
    f = _subst(_run("The report was written by Ilona Varga and colleagues.",
                    "The report was written by Ilona Varka and colleagues.", reference="a"))
    assert [x.code for x in f] == ["N001"]


@pytest.mark.parametrize("a,b", [
    ("The U.S. delegation arrived on Tuesday.", "The US delegation arrived on Tuesday."),
    ("It cost 1,000 dollars in total.", "It cost 1000 dollars in total."),
    ("The vote on the 23rd was close.", "The vote on the 23 was close."),
    ("He praised China's approach to trade.", "He praised the Chinese approach to trade."),
    ("A China-focused fund was launched on Friday.", "A China-centric fund was launched on Friday."),
    ("Mao Tse-tung led the party for decades.", "Mao Zedong led the party for decades."),
])
def test_equivalent_forms_are_not_substitutions(a, b):
    assert _subst(_run(a, b, reference="a")) == []


def test_a_rewritten_passage_is_not_read_as_swaps():
    # the capitalised words only line up by accident: too few words are shared
    assert _subst(_run("Trump's AI strategy maintains pressure", "US Policy Keeps the Pressure On",
                       reference="a")) == []


def test_a_name_moved_within_the_sentence_is_not_a_swap():
    assert _subst(_run("Officials in Quenbury and Tarnowice agreed on the plan.",
                       "Officials in Tarnowice and Quenbury agreed on the plan.", reference="a")) == []


@pytest.mark.parametrize("a,b,expected", [
    ("China", "Chinese", True), ("Italy", "Italian", True), ("Kenya", "Kenyan", True),
    ("Israel", "Israeli", True), ("Austria", "Australia", False), ("Hangzhou", "Hefei", False),
])
def test_derived_form(a, b, expected):
    assert derived_form(a, b) is expected


def _unattested(texts, reference=None):
    return [f for f in _run(*texts, reference=reference) if f.code == "E006"]


def test_a_rare_name_few_versions_carry_is_unattested():
    # six renderings of one sentence; two machine translations turned "the moth" into a name
    texts = ["The plant gains, and the moth carries the pollen elsewhere.",
             "At dusk Zhoravik, which visits it, carries pollen from the plant to others elsewhere.",
             "The plant also gains, as the moth spreads its pollen elsewhere.",
             "Plants gain too, and the moth carries pollen elsewhere.",
             "Visiting at dusk, Zhoravik takes pollen from this plant to others elsewhere.",
             "The plant gains something, and the insect carries the pollen away."]
    f = _unattested(texts)
    assert len(f) == 1 and f[0].documents == ("b", "e") and f[0].severity == "major"
    assert [e.text for e in f[0].evidence if e.document in ("b", "e")] == ["Zhoravik", "Zhoravik"]


def test_a_name_the_reference_has_is_never_unattested():
    texts = ["The plant gains, and Zhoravik carries the pollen elsewhere.",
             "The plant gains, and the moth carries the pollen elsewhere.",
             "The plant also gains, as the moth spreads its pollen elsewhere.",
             "Plants gain too, and the moth carries pollen elsewhere.",
             "The plant gains, and Zhoravik spreads the pollen elsewhere.",
             "The plant gains something, and the insect carries the pollen away."]
    assert _unattested(texts, reference="a") == []
    # too few versions to call anything a minority
    assert _unattested(texts[1:4]) == []
