"""A name swapped in a sentence that a translator also reordered: the swapped names fall in an
insertion and a deletion of the word diff, not in one replaced stretch. Sentences are WMT21's two
professional English translations (references A and B) of one Russian news article each
(``bench/data/faithful``); the swaps are planted into B except where noted."""

from __future__ import annotations

import pytest

from tests.drift.drift_helpers import audit_extracted

KRONSTADT_A = ("The Main Navy Parade in honor of Russia's Navy Day celebrations were concluded in the waters "
               "surrounding Kronstadt.")
KRONSTADT_B = ("In the Kronstadt water zone, the Main Naval Parade, dedicated to the celebration of Russian "
               "Navy Day, has ended.")
PROSA_A = ('Personally, I think I still need to put on quite a bit more," Albert Prosa said in his Sunday '
           'interview with ERR.')
PROSA_B = ('I myself think that I still have a lot to make up," ERR reported Albert Prosa as saying in an '
           'interview on Sunday.')


def _swaps(findings: list, wrong: str) -> list:
    return [f for f in findings if f.code in ("E003", "E005", "N001", "N002", "N003")
            and "b" in f.documents and wrong in f.message]


@pytest.mark.parametrize(("a", "b", "old", "new"), [
    (KRONSTADT_A, KRONSTADT_B, "Kronstadt", "Baltiysk"),  # aif.321259
    # rus.err.ee.56472: a person's name the extractor reads in both ("Albert Prosa" / "Albert Tammeka")
    # is the entity rule's; it must stay one critical finding with the word diff beside it
    (PROSA_A, PROSA_B, "Prosa", "Tammeka"),
], ids=["place", "person"])
def test_a_name_swapped_in_a_reordered_sentence_is_reported_against_the_reference(
        a: str, b: str, old: str, new: str) -> None:
    assert not _swaps(audit_extracted([a], [b], reference="a"), old)  # as translated: both right
    found = _swaps(audit_extracted([a], [b.replace(old, new)], reference="a"), new)
    assert found, "the swap went unreported"
    assert all(f.severity == "critical" for f in found)
    assert old in found[0].message and found[0].documents == ("b",)


def test_a_real_slip_between_two_professional_translations_is_reported() -> None:
    # pnp.ru.112053, not planted: translation B named Latvia's parliament in a story about Lithuania
    a = ('The Lithuanian Farmers and "Greens" Union, which heads the ruling Seimas coalition, topped the '
         'party ratings.')
    b = ("The Lithuanian Farmers and Greens Union, which heads the ruling coalition of the Saeima, topped "
         "the party ratings.")
    found = _swaps(audit_extracted([a], [b], reference="a"), "Saeima")
    assert found and "Seimas" in found[0].message


@pytest.mark.parametrize(("a", "b"), [
    # izvestiya.520925: a body named two ways, every word of it common
    ('In particular, they say the secretary of state covers up the "Trump blackmail of Ukraine" and is '
     "willing to throw State Department officials under a bus for their cooperation with Congress in the matter.",
     "According to them, the Secretary of State, in particular, covers up “Trump’s blackmail of Ukraine” and "
     "is ready to expose employees of the American Foreign Ministry for their cooperation with Congress on "
     "this matter."),
    # pnp.ru.112053: British and American spelling of one party
    ("Fourth is the Labor Party, led by Russian-born businessman Viktor Uspasskikh (6.2 percent).",
     "Fourth is the Labour Party, headed by Viktor Uspasskikh, a businessman of Russian heritage."),
], ids=["common-words", "uk-us-spelling"])
def test_common_capitalised_words_told_two_ways_are_no_swap(a: str, b: str) -> None:
    findings = audit_extracted([a], [b], reference="a")
    assert not [f for f in findings if f.code in ("E005", "N002", "N001")], [f.message for f in findings]


def test_a_quote_the_reference_does_not_mark_does_not_hide_a_swap_beside_it() -> None:
    # WMT21 zh-en (bench/data/mqm, nt21-zhen-0514-0555, segment 34): the reference names the works
    # without quotation marks, so "quote not quoted in the reference" has the reference's whole
    # sentence as evidence; it hid the planted "Li Yunxiao" -> "Li Zhejiang" (only "Li Yunxiao is
    # missing" was left)
    from bench.mqm.load import load_docs

    doc = next(d for d in load_docs() if d.key == "newstest2021/nt21-zhen-0514-0555")
    ref, outputs = doc.reference.segments[34], [s.segments[34] for s in doc.systems[:3]]
    assert "Li Yunxiao" in ref and all("Li Yunxiao" in o for o in outputs)
    planted = outputs[:2] + [outputs[2].replace("Yunxiao", "Zhejiang")]
    findings = audit_extracted([ref], *([o] for o in planted), reference="a")
    assert any(f.code == "C003" and "a" in f.documents for f in findings)
    swaps = [f for f in findings if "Zhejiang" in f.message and f.documents == ("d",)]
    assert swaps and swaps[0].severity == "critical" and "Yunxiao" in swaps[0].message


@pytest.mark.parametrize(("a", "b", "old", "new"), [
    # dp.ru.34785 and lgng.99326: the swapped-in name is rarer than a well-known word but not rare
    # enough to pass for a made-up one ("Fabian", "Exxon"); "missing" was all an editor was told
    ("Two consecutive protests took place in Khabarovsk on July 25.",
     "On July 25 in Khabarovsk two protests were held one after the other.", "Khabarovsk", "Fabian"),
    ("The Guardian reports this with reference to the results of a survey conducted by the company Opinium.",
     "This is reported by the Guardian, referring to the results of a survey conducted by Opinium.",
     "Opinium", "Exxon"),
], ids=["place", "organisation"])
def test_a_real_name_swapped_in_is_a_swap_not_an_omission(a: str, b: str, old: str, new: str) -> None:
    findings = audit_extracted([a], [b.replace(old, new)], reference="a")
    assert [(f.code, f.severity) for f in findings] == [("E005", "critical")], [f.message for f in findings]
    assert old in findings[0].message and new in findings[0].message
