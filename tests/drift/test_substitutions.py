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
    ("The coach said Zhibin's team had trained hard.", "The coach said Zhi Bin team had trained hard."),
    ("Exports to the USA rose sharply last year, officials said.",
     "Exports to the United States rose sharply last year, officials said."),
    ("Tourists flock to St. Petersburg every summer, officials said.",
     "Tourists flock to Saint Petersburg every summer, officials said."),
    ("A girl died of the infection in Belgium, health officials said.",
     "A girl died of the infection, Belgian health officials said."),
])
def test_equivalent_forms_are_not_substitutions(a, b):
    assert _subst(_run(a, b, reference="a")) == []


@pytest.mark.parametrize("a,b", [
    # capitalised by the colon or the opening quote, as at a sentence start: ordinary words
    ("Flooding in the valley: Diocese volunteers help clear homes", "Flooding in the valley: Parish volunteers help clear homes"),
    ('The mayor wrote: "Harbour works resume on Monday."', 'The mayor wrote: "Dock works resume on Monday."'),
])
def test_a_word_capitalised_by_a_colon_or_a_quote_is_no_name(a, b):
    assert _subst(_run(a, b, reference="a")) == []


def test_a_rare_name_after_a_colon_is_still_a_name():
    f = _subst(_run("Weather service: Tarnowice braces for the storm", "Weather service: Velbrook braces for the storm",
                    reference="a"))
    assert [x.code for x in f] == ["E005"]


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
    ("Poland's", "Polish", True), ("Sweden", "Swedish", True), ("Norway", "Norwegian", True),
    ("Paris", "Parish", False), ("Spain", "Spanish", True), ("Lindau", "Lindane", False),
    ("Belgium", "Belgian", True), ("Belgian", "Belgium", True), ("Laos", "Lao", True),
    ("Finland", "Finnish", True), ("Ireland", "Irish", True), ("Scotland", "Scottish", True),
    ("Finland", "Fish", False),
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


def test_two_made_up_renderings_without_a_majority_are_both_unattested_not_a_misspelling():
    # three versions say "Hollan", two "Horran", three the ordinary word: neither made-up name is the
    # right reading, so no "Hollan is spelled Horran" finding; each is reported with every carrier
    texts = ["Scientists asked which stress raises cortisol, the main stress Hollan, the most.",
             "Scientists asked which stress raises cortisol, the main stress Horran, the most.",
             "Scientists asked which stress raises cortisol, the main stress hormone, the most.",
             "Scientists asked which stress raises cortisol, the main stress Hollan, the most.",
             "Scientists asked which stress raises cortisol, the main stress Horran, the most.",
             "Scientists asked which stress raises cortisol, the main stress hormone, the most.",
             "Scientists asked which stress raises cortisol, the main stress Hollan, the most.",
             "Scientists asked which stress raises cortisol, the main stress hormone, the most."]
    docs = [make_doc(chr(ord("a") + i), [t]) for i, t in enumerate(texts)]
    tab = table(docs[0], *(one_to_one(docs[0], d) for d in docs[1:]))  # a made-up name in the pivot
    found = compare(docs, tab, {})
    assert not [f for f in found if f.code in {"N001", "N002"}]
    # no finding presents a made-up name as the right reading, and every carrier is flagged
    named = [f for f in found if f.code in {"E005", "E006"}]
    assert all(f.evidence[0].text not in {"Hollan", "Horran"} for f in named)
    flagged = {e.document for f in named for e in f.evidence if e.document in f.documents}
    assert flagged == {"a", "b", "d", "e", "g"}


def test_a_spelled_out_acronym_and_a_lower_case_word_are_not_unattested_names():
    texts = ["The photos were taken through a UV filter on a long exposure.",
             "The photos were taken through an ultraviolet filter on a long exposure.",
             "These photos were shot with an ultraviolet filter on a long exposure.",
             "The photos were taken through an ultraviolet filter during a long exposure.",
             "Photos were taken through an ultraviolet filter on a long exposure.",
             "The group at the National Aeronautics and Space Administration ran it."]
    assert _unattested(texts[:5]) == []
    # the spelled-out agency is neither unattested nor a substitution for the acronym
    spelled = ["The group at NASA ran the simulation last year.", "The group at NASA ran the simulation last year.",
               "The group at the National Aeronautics and Space Administration ran the simulation last year.",
               "The group at NASA ran the simulation last year.", "A group at NASA ran the simulation last year."]
    assert _run(*spelled) == []
    # a version writing the word in lower case carries the word, not the made-up name
    shapes = ["In the chart, the Blue Zelgrin marks each province of the country.",
              "In the chart, the blue zelgrin marks each province of the country.",
              "Every province is drawn as a blue square, and every state as a red dot.",
              "Provinces are shown with blue squares; states use red dots.",
              "Blue squares stand for the provinces, while red dots are the states.",
              "The provinces appear as blue squares and the states as red dots."]
    f = _unattested(shapes)
    assert [(e.document, e.text) for x in f for e in x.evidence if e.document in x.documents] == [("a", "Zelgrin")]


def test_common_words_inside_an_official_name_are_not_a_free_choice():
    f = _subst(_run("The rules were announced by the Ministry of Commerce on Friday in a short statement.",
                    "The rules were announced by the Ministry of Trade on Friday in a short statement.",
                    reference="a"))
    assert [(x.code, x.evidence[-1].text) for x in f] == [("E005", "Trade")]
    # a leading modifier of the name remains a translator's choice, as does a well-known name alone
    assert _subst(_run("Figures from the UK Office for National Statistics were published on Friday.",
                       "Figures from the British Office for National Statistics were published on Friday.",
                       reference="a")) == []
    assert _subst(_run("Officials in the UK said on Friday that talks would resume.",
                       "Officials in Britain said on Friday that talks would resume.", reference="a")) == []


def test_a_version_is_listed_once_under_the_longest_unattested_name_it_carries():
    texts = ["In the first half of the year Bac Giang exported far more, officials said on Monday.",
             "Officials said on Monday that exports from Bac Giang rose sharply in the first half.",
             "Exports from the province rose sharply in the first half of the year, officials said.",
             "Officials said the province's exports rose sharply in the first six months.",
             "The province exported sharply more in the first half, according to officials.",
             "According to officials, first-half exports from the province rose sharply.",
             "Officials said exports from the province of Giang rose sharply in the first half."]
    shown = [(e.document, e.text) for f in _unattested(texts) for e in f.evidence if e.document in f.documents]
    assert sorted(shown) == [("a", "Bac Giang"), ("b", "Bac Giang"), ("g", "Giang")]


def test_with_a_reference_every_finding_names_the_versions_that_differ_from_it():
    """The extraction-based rules (name, title, number, quote slots) read N-way too: with a
    reference, its reading is right however many versions disagree, so a finding names the versions
    that differ from it and never the reference itself."""
    from auditor.extract import extract_document

    texts = ["Premier Li Qiang said 40 firms would get the subsidy, economist Pan Herin said.",
             "Prime Minister Li Qiang said 45 firms would get the subsidy, economist Pan Helin said.",
             "Prime Minister Li Qiang said 45 firms would get the subsidy, economist Pan Helin said."]
    docs = [make_doc(chr(ord("a") + i), [t]) for i, t in enumerate(texts)]
    tab = table(docs[0], *(one_to_one(docs[0], d) for d in docs[1:]))
    mentions = {d.id: extract_document(d) for d in docs}
    with_ref = [f for f in compare(docs, tab, mentions, reference="a") if f.kind != "omission"]
    assert {f.code for f in with_ref} >= {"N001", "E001", "Q001"}
    assert all(f.documents == ("b", "c") and f.evidence[0].document == "a" for f in with_ref)
    # without a reference the majority reading wins, as before
    free = [f for f in compare(docs, tab, mentions) if f.kind != "omission"]
    assert free and all(f.documents == ("a",) for f in free)


def test_a_compound_written_apart_does_not_unanchor_the_swap_beside_it():
    # "Chinese American" / "Chinese-American" is one difference of writing, not of words: the
    # swapped name next to it keeps its anchor ("a ... medical expert")
    f = _subst(_run("He Dayi, a Chinese American medical expert, spoke at the meeting.",
                    "He Brenvik, a Chinese-American medical expert, spoke at the meeting.", reference="a"))
    assert [e.text for x in f for e in x.evidence if e.document == "b"] == ["Brenvik"]


def test_an_unattested_name_is_not_hidden_by_another_fact_missing_from_its_sentence():
    from tests.drift.drift_helpers import audit_extracted

    majority = ["Officials of the Harbor Safety Board said on Monday that the old bridge in Harbin would be closed for repairs."]
    odd = ["The old bridge of Tarnowice is to be shut so that it can be repaired, it was announced on Monday."]
    f = audit_extracted(majority, majority, majority, majority, odd)
    assert any(x.code == "O001" and "e" in x.documents for x in f)  # the board is missing from e
    # the rare name in Harbin's place is reported on its own token (a swap or an unattested name)
    assert [x.code for x in f if "e" in x.documents and any(ev.text == "Tarnowice" for ev in x.evidence)] in (
        ["E005"], ["E006"])


def test_a_swap_the_references_own_wording_hides_is_found_against_a_stand_in():
    from tests.drift.drift_helpers import audit_extracted

    # the reference (a) is worded its own way: diffed against it, no swap lines up. With
    # --reference the reference is the alignment pivot (as here), so the versions are diffed
    # against the one most like the others, and the reference still decides which side is right
    reference = ["Come May, Harbin is to be home to a plant of this new kind, officials have told us."]
    like = ["Officials said the new plant in Harbin would open in May, according to the statement."]
    swapped = ["Officials said the new plant in Tarnowice would open in May, according to the statement."]
    f = audit_extracted(reference, like, like, swapped, like, reference="a")
    hits = [x for x in f if "d" in x.documents and any(e.document == "d" and e.text == "Tarnowice" for e in x.evidence)]
    assert hits and hits[0].severity == "critical", [(x.code, x.message) for x in f]
    assert hits[0].evidence[0].document == "a" and hits[0].evidence[0].text == "Harbin"
    # a swap the reference does not back (it names neither city) is not reported against it
    vague = ["Come May, the city is to be home to a plant of this new kind, officials have told us."]
    assert not [x for x in audit_extracted(vague, like, like, swapped, like, reference="a")
                if x.code == "E005" and "d" in x.documents]


def test_an_acronym_inside_a_longer_hunk_is_no_substitution():
    import re

    from auditor.drift.words import Tok, acronym_pair

    def marked_words(text: str, lang: str) -> list[Tok]:
        return [Tok(m.group(), m.start(), m.end(), 0, "name" if m.group().isupper() else "")
                for m in re.finditer(r"\w+", text)]

    spelled = marked_words("Look at this under ultraviolet light.", "en")
    short = marked_words("Look at this in UV light.", "en")
    hunk_a = [t for t in spelled if t.text in ("under", "ultraviolet")]
    hunk_b = [t for t in short if t.text in ("in", "UV")]
    assert acronym_pair(spelled, hunk_a, short, hunk_b)
    assert acronym_pair(short, hunk_b, spelled, hunk_a)
    other = marked_words("Look at this in IR light.", "en")
    assert not acronym_pair(spelled, hunk_a, other, [t for t in other if t.text in ("in", "IR")])


def test_a_name_swapped_inside_a_long_altered_quote_is_reported_on_its_own():
    from tests.drift.drift_helpers import audit_extracted

    said = ['Dr Ames said: "In the early stage of the migration, Harbin herders face a higher risk, so they move in large groups."']
    # four other changes come first: the altered-quote message shows three and "(+n more)"
    reworded = ['Dr Ames said: "At the beginning of this migration, Tarnowice herders are facing a greater risk, so they travel in big groups."']
    f = audit_extracted(said, said, said, reworded, said)
    assert any(x.code == "C001" and "(+" in x.message for x in f)
    swaps = [x for x in f if x.code == "E005" and x.documents == ("d",)]
    assert [e.text for x in swaps for e in x.evidence] == ["Harbin", "Tarnowice"], [(x.code, x.message) for x in f]
    # a swap the quote's message already shows is not reported twice
    short = ['Dr Ames said: "In the early stage of the migration, Tarnowice herders face a higher risk, so they move in large groups."']
    f = audit_extracted(said, said, said, short, said)
    assert any(x.code == "C001" and "Tarnowice" in x.message for x in f)
    assert not [x for x in f if x.code == "E005"]


def test_every_version_stands_in_for_a_loose_reference():
    from tests.drift.drift_helpers import audit_extracted

    # the version most like the others words the city its own way ("Harbin's first team"), so a
    # swap lines up only against the version that words it as the swapped one does
    reference = ["By May, officials told us, a plant of this new kind is to open, with a team that came first from Harbin."]
    possessive = ["Officials said the new plant would open in May with Harbin's first team of engineers on site, according to the statement."]
    plain = ["Officials said the new plant would open in May with the first team from Harbin on site, according to the statement."]
    swapped = ["Officials said the new plant would open in May with the first team from Tarnowice on site, according to the statement."]
    f = audit_extracted(reference, possessive, possessive, plain, swapped, reference="a")
    hits = [x for x in f if x.documents == ("e",) and any(e.text == "Tarnowice" for e in x.evidence)]
    assert hits and hits[0].evidence[0].document == "a" and hits[0].evidence[0].text == "Harbin", \
        [(x.code, x.message) for x in f]


def test_a_name_given_as_ordinary_words_blurs_a_fact_and_a_made_up_name_states_one():
    from tests.drift.drift_helpers import audit_extracted

    # real MT against its reference: "eclipse the Milky Way" / "swallowing the galaxy"
    named = ["Officials said the plant in Brenvik would open in May, according to the statement."]
    blurred = ["Officials said the plant in the region would open in May, according to the statement."]
    f = [x for x in audit_extracted(named, named, named, blurred, reference="a") if x.code == "E005"]
    assert [(x.documents, x.severity) for x in f] == [(("d",), "major")], [(x.message, x.severity) for x in f]
    # the other way round a name is stated that the reference never gave: a false fact
    f = [x for x in audit_extracted(blurred, blurred, blurred, named, reference="a") if x.code == "E005"]
    assert [(x.documents, x.severity) for x in f] == [(("d",), "critical")], [(x.message, x.severity) for x in f]


# newstest2021 (WMT21 zh-en, MQM "no error" segments): the reference and three real MT outputs
_LUKAKU_REF = "Romelu Lukaku scored twice and Alexis Sanchez as a sub also contributed a goal."
_LUKAKU_MT = ["Lukaku scored twice in this game, and Sanchez, who came out as a substitute, also contributed a goal.",
              "Lukaku scored twice in this game, and Sanchez, who appeared as a substitute, also contributed a goal.",
              "In this campaign, Lukaku scored twice and Sanchez, who came off the bench, also contributed a goal."]


def test_a_name_written_without_its_given_name_is_no_swap_but_another_name_is() -> None:
    from tests.drift.drift_helpers import audit_extracted

    assert audit_extracted([_LUKAKU_REF], *[[v] for v in _LUKAKU_MT], reference="a") == []  # "Romelu" / "campaign" was E005
    swapped = audit_extracted([_LUKAKU_REF], *[[v.replace("Sanchez", "Vidal")] for v in _LUKAKU_MT], reference="a")
    assert any(f.severity == "critical" and "Vidal" in f.message for f in swapped)
    # TED (WMT21 MQM, a Major mistranslation): a word of the version in the place of the reference's
    # own word beside a shared name is still read, shortened names or not
    found = audit_extracted(["In this Hubble image, we see two galaxies."],
                            ["In the images returned from the Hubble Telescope, we see these two galaxies."], reference="a")
    assert any(f.code == "E005" and '"Telescope"' in f.message for f in found)


def test_a_name_run_together_is_one_name() -> None:
    from auditor.drift.readings import run_together
    from tests.drift.drift_helpers import audit_extracted

    assert run_together("xinhuanet", {"xinhua", "net", "the"}, set())
    assert run_together("xinhua", {"xinhuanet"}, {"xinhua", "net"})
    assert not run_together("xinhua", {"xinhuanet"}, {"xinhua"})  # the rest must be there
    assert not run_together("niger", {"nigeria"}, {"niger", "a"})  # no piece shorter than three letters
    found = audit_extracted(["Art Exhibition Moves into a Mall for the Public - Xinhua Net"],
                            ["Art Exhibition Moves into Mall for Public Interest Exhibition - Xinhuanet"], reference="a")
    assert not any(f.code == "E005" for f in found)


@pytest.mark.parametrize("named", ["the Federation", "the Union"])
def test_a_well_known_name_for_ordinary_words_is_rewording_a_rare_one_is_a_swap(named: str) -> None:
    """Two translators' wordings of one passage trade ordinary words for well-known names (WMT21
    ru-en, both references: "in the year" / "in the Federation"); a term rendered as a made-up name
    ("the missile" / "the Zirkon") is a swap."""
    ordinary = "Officials said the rules in the year would be stricter than before."
    assert _subst(_run(ordinary, f"Officials said the rules in {named} would be stricter than before.",
                       reference="a")) == []
    f = _subst(_run(ordinary, "Officials said the rules in the Velbrook would be stricter than before.",
                    reference="a"))
    assert [x.code for x in f] == ["E005"]


def test_one_amount_written_two_ways_is_no_number_swap() -> None:
    """WMT21 ru-en, the two references: "1000 ... over 2 1/2 million" against "1,000 ... over 2.5
    million": the word diff cuts "1,000" and "2 1/2" apart, extraction reads the same amounts."""
    from tests.drift.drift_helpers import audit_extracted

    a = ["Under the law, the blogger faces a fine of up to 1000 units, which is over 2 1/2 million tenge."]
    b = ["Under this article, the blogger could face a fine of up to 1,000 units, equaling over 2.5 million tenge."]
    assert [x.code for x in audit_extracted(a, b, reference="a") if x.code.startswith("Q")] == []
    c = ["Under this article, the blogger could face a fine of up to 1,000 units, equaling over 3.5 million tenge."]
    assert "Q001" in [x.code for x in audit_extracted(a, c, reference="a")]


def test_a_year_written_short_is_the_same_year() -> None:
    """WMT21 ru-en, both references: "in 2021-2022" / "in 2021–22"; "2021–23" is another range."""
    from tests.drift.drift_helpers import audit_extracted

    a = ["The system will enter service in 2021-2022, the minister said."]
    assert audit_extracted(a, ["The system will enter service in 2021–22, the minister said."], reference="a") == []
    f = audit_extracted(a, ["The system will enter service in 2021–23, the minister said."], reference="a")
    assert [x.code for x in f] == ["Q001"]
