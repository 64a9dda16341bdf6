"""A place misspelt in one version, with a long rewording around it (as machine translations
differ), so the word diff cannot line the two spellings up: the place rule must still say the
place is spelled differently there, not that it went missing."""

from __future__ import annotations

import pytest

from tests.drift.drift_helpers import audit_extracted


def _texts(place: str) -> list[str]:
    return [f"Starting next week, every shop in {place} will open later and close earlier than before, officials said."]


MAJORITY = _texts("Urumqi")
REWORDED = ["From next week on, the shops of Ulumqi are all to open later and to shut earlier, according to officials."]


def test_a_misspelt_place_is_a_spelling_finding_on_its_token() -> None:
    f = audit_extracted(MAJORITY, MAJORITY, REWORDED, MAJORITY)
    places = [x for x in f if x.code == "E003" and "c" in x.documents]
    assert places, [(x.code, x.message) for x in f]
    assert "spelled" in places[0].message and "r→l" in places[0].message
    assert [e.text for e in places[0].evidence if e.document == "c"] == ["Ulumqi"]
    assert not [x for x in f if x.code == "O001" and "c" in x.documents]


def test_two_different_known_places_are_not_a_spelling_variant() -> None:
    f = audit_extracted(_texts("Austria"), _texts("Austria"), ["From next week on, the shops of Australia are all to open "
                                                               "later and to shut earlier, according to officials."])
    assert not [x for x in f if "spelled" in x.message], [(x.code, x.message) for x in f]


@pytest.mark.parametrize(("place", "other"), [
    ("Canada", "Canadian"),      # the adjective of the place
    ("Greenland", "Greenlandic"),
    ("USA", "US"),               # two abbreviations of one name
])
def test_another_form_of_the_same_place_is_no_spelling_drift(place: str, other: str) -> None:
    reworded = [f"From next week on, the {other} shops are all to open later and to shut earlier, according to officials."]
    f = audit_extracted(_texts(place), _texts(place), reworded)
    assert not [x for x in f if "spelled" in x.message], [(x.code, x.message) for x in f]


def test_a_rare_name_in_place_of_a_known_one_is_a_swap_not_an_omission() -> None:
    majority = ["Officials in Harbin said the bridge would reopen on Friday, according to a statement."]
    swapped = ["Officials in Tarnowice said that the bridge will reopen on Friday, a statement said."]
    f = audit_extracted(majority, majority, swapped, majority)
    swaps = [x for x in f if "c" in x.documents and any(e.document == "c" and e.text == "Tarnowice" for e in x.evidence)]
    assert swaps and swaps[0].severity == "critical", [(x.code, x.message) for x in f]
    assert not [x for x in f if x.code == "O001" and "c" in x.documents]


def test_two_versions_each_adding_a_place_of_their_own_swapped_nothing() -> None:
    plain = ["The trade fair opened on Monday with more exhibitors than last year."]
    f = audit_extracted(plain, ["The trade fair opened in Harbin on Monday with more exhibitors than last year."],
                        ["The trade fair opened on Monday in Dalian with more exhibitors than last year."], plain)
    assert not [x for x in f if "replaced" in x.message], [(x.code, x.message) for x in f]
