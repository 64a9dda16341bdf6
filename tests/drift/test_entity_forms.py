"""Another form of the same place or body is no drift: a place's adjective ("Belgium"/"Belgian"),
a body's name turned round ("Finance Department of Jiangxi Province" / "Jiangxi Provincial
Department of Finance"), a possessive or abbreviation dots. Sentences are a human reference and
machine translations of it from the WMT21 zh-en dev data (newstest2021, fit split); the
translations keep the body, so an editor must see nothing here, while another body under a
similar name ("Eurasian" / "Asia-Europe Economic Union") is still reported."""

from __future__ import annotations

import pytest

from auditor.drift.entities import _entity_equivalent, same_place
from tests.drift.drift_helpers import audit_extracted


@pytest.mark.parametrize(("a", "b"), [
    ("Belgium", "Belgian"),
    ("Laos Veterans Association", "Lao Veterans Association"),
    ("Finance Department of Jiangxi Province", "Jiangxi Provincial Department of Finance"),
    ("Hubei Provincial Film Bureau", "Film Bureau of Hubei Province"),
    ("U.S.-China Business Council", "US-China Business Council"),
    ("Inter Milan's", "Inter Milan"),
    ("Xinhua Net", "Xinhuanet"),
    ("Saint Petersburg", "St. Petersburg"),  # WMT21 ru-en references A / B
])
def test_forms_of_one_name_are_equivalent(a: str, b: str) -> None:
    assert _entity_equivalent(a, b) and _entity_equivalent(b, a)


@pytest.mark.parametrize(("a", "b"), [
    ("Eurasian Economic Union", "Europe Economic Union"),  # an irregular stem needs four letters in common
    ("Austria", "Australia"),
    ("Ministry of Commerce", "Ministry of Finance"),
    ("Atalanta", "Atlanta"),
    ("Paris", "Parish"),
    ("St. Paul", "St. Peter"),
])
def test_different_names_stay_apart(a: str, b: str) -> None:
    assert not _entity_equivalent(a, b) and not _entity_equivalent(b, a)


def _flagged(findings, word: str) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in findings if any(word in e.text for e in f.evidence)]


REF_BELGIUM = ["3-year-old Girl in Belgium Dead of COVID-19 Infection - Xinhuanet",
               "A 3-year-old girl died of a COVID-19 infection in Belgium, making her the youngest victim of "
               "COVID-19 infection in the country, Belgian health authorities said on the 24th."]
MT_BELGIAN = ["Belgian 3-year-old girl dies of COVID-19 infection-Xinhuanet",
              "The Belgian health department said on the 24th that a 3-year-old girl died of COVID-19 "
              "infection, which is the youngest person in the country to die of COVID-19."]


def test_a_country_named_by_its_adjective_is_no_place_drift() -> None:
    # before: "Place "Belgium" is spelled "Belgian" (spelling: typo-like)", critical, and once the
    # place rule let it be, the word diff paired the moved "Belgium" with "dies"
    f = audit_extracted(REF_BELGIUM, MT_BELGIAN, MT_BELGIAN, reference="a")
    assert not _flagged(f, "Belgian"), _flagged(f, "Belgian")


REF_JIANGXI = ["Chinanews.com, Nanchang, July 26 (Yuan Rujing) According to the Finance Department of Jiangxi "
               "Province, from the 26th, the province is allocating 280 million central and provincial emergency "
               "relief funds to support flood control and emergency rescue efforts."]
MT_JIANGXI = ["China News Service, Nanchang, July 26 (Yuan Rujing) Jiangxi Provincial Department of Finance "
              "reported on the 26th that the provincial finance urgently issued 280 million yuan of central and "
              "provincial disaster relief funds to provide financial guarantee for flood control and rescue work."]


def test_a_body_named_the_other_way_round_is_no_organisation_drift() -> None:
    f = audit_extracted(REF_JIANGXI, MT_JIANGXI, MT_JIANGXI, reference="a")
    assert not [x for x in f if x.code == "E002"], [(x.code, x.message) for x in f]


REF_EURASIAN = ["Once a free trade agreement is signed between Vietnam and the Eurasian Economic Union, which "
                "includes Russia, the Eurasian Economic Union will be able to enter the ASEAN market."]
MT_ASIA_EUROPE = ["The Asia-Europe Economic Union, including Russia, will be able to enter the ASEAN market after "
                  "signing a free trade agreement with Vietnam."]
MT_EURASIAN = ["The Eurasian Economic Union, including Russia, will be able to enter the ASEAN market after "
               "signing a free trade agreement with Vietnam."]


def test_another_body_under_a_similar_name_is_still_reported() -> None:
    f = audit_extracted(REF_EURASIAN, MT_ASIA_EUROPE, MT_EURASIAN, reference="a")
    wrong = [x for x in f if x.code in ("E002", "E005") and "b" in x.documents]
    assert wrong and "Eurasian" in wrong[0].message, [(x.code, x.message) for x in f]
    assert not [x for x in f if "c" in x.documents and x.code in ("E002", "E005")]


# WMT21 ru-en, document izvestiya.520940, references A and B
REF_USA = ["According to analysts, the GDP of the USA fell by 25% year-on-year in Q2 2020; this is the greatest "
           "drop in the country's history."]
REF_US = ["Analysts believe the US GDP will fall 25% in annual terms in the second quarter of 2020, which will be "
          "the biggest drop in the country's history."]


def test_a_place_named_another_way_the_gazetteer_knows_is_the_same_place() -> None:
    # before: "Place "USA" is replaced by "US"" (critical) here, and "missing" where the version's
    # sentence held it only as "US" in another mention
    f = audit_extracted(REF_USA, REF_USA, REF_US)
    assert not [x for x in f if x.code in ("E003", "O001") and "USA" in x.message], [(x.code, x.message) for x in f]
    f = audit_extracted(REF_USA, REF_USA, ["Analysts believe the GDP of Germany fell by 25% year-on-year in the "
                                           "second quarter of 2020, the biggest drop in the country's history."])
    assert [x for x in f if x.code == "E003" and "USA" in x.message and "Germany" in x.message]


@pytest.mark.parametrize(("a", "b", "same"), [
    ("USA", "United States", True), ("U.S", "America", True), ("Britain", "UK", True),
    ("Saint Petersburg", "St. Petersburg", True),
    # GeoNames lists other languages' spellings, accents folded: in English copy a misspelling
    ("Dzerzhinsk", "Dzerzinsk", False),
    ("Austria", "Australia", False),
])
def test_one_gazetteer_place_by_two_names(a: str, b: str, same: bool) -> None:
    assert same_place(a, b) is same
