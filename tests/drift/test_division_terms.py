"""A region's type written as the local term or as its English rendering is one name: "Rostov Oblast"
/ "Rostov Region", "Altai Krai" / "Altai Territory". Sentences are WMT21's two professional English
translations (references A and B) of one Russian news article each (``bench/data/faithful``): both
are right, so an editor must see nothing here, while another region under the same type is still a
swap."""

from __future__ import annotations

import pytest

from auditor.drift.entities import _entity_equivalent
from tests.drift.drift_helpers import audit_extracted

PAIRS = [
    # aif.321268
    ("The father of a newborn, who was abducted from a maternity hospital in Salsk in the Rostov Region, "
     "disclosed details of the incident.",
     "The father of a newborn abducted from a maternity clinic in Salsk, Rostov Oblast, shared the details "
     "of what happened."),
    # rg.ru.74095
    ("You can drive along this road from the capital of the Altai Territory to the Kulunda checkpoint.",
     "By this road it is possible to travel from the capital of Altai Krai to the Kulunda border crossing point."),
    # rt-russian.73306
    ("Two warehouses earlier caught on fire at a mineral water plant in the Stavropol Territory, with the "
     "fire covering nearly 3 thousand sq. meters.",
     "Earlier, two warehouses caught fire at a mineral water factory in Stavropol Krai, the fire took place "
     "over an area of almost 3000 sq. meters."),
    # gazeta.ru.151340
    ("A woman in the Belgorod Region admitted to killing her own husband, who she threw into a waste pit "
     "and poured with concrete.",
     "A woman in Belgorod Oblast confessed to murdering her own husband, who she threw into a pit with "
     "related items and filled in with concrete."),
]


@pytest.mark.parametrize(("a", "b"), PAIRS, ids=["oblast", "krai", "krai-territory", "region-oblast"])
def test_the_local_term_and_its_rendering_are_no_drift(a: str, b: str) -> None:
    # before: '"Region" is replaced by a different name or term "Oblast"', critical (E005)
    for ref, var in ((a, b), (b, a)):
        findings = audit_extracted([ref], [var], reference="a")
        terms = [f.message for f in findings if f.code.startswith(("E", "N", "O"))
                 and any(w in f.message for w in ("Oblast", "Krai", "Region", "Territory"))]
        assert not terms, terms


@pytest.mark.parametrize(("a", "b"), [
    ("Rostov Oblast", "Rostov Region"),
    ("Altai Krai", "Altai Territory"),
    ("Yamalo-Nenets Autonomous Okrug", "Yamalo-Nenets Autonomous District"),
])
def test_names_with_either_form_are_equivalent(a: str, b: str) -> None:
    assert _entity_equivalent(a, b) and _entity_equivalent(b, a)


@pytest.mark.parametrize(("a", "b"), [
    ("Rostov Oblast", "Belgorod Region"),  # another region of the same type
    ("Altai Krai", "Altai Republic"),  # another kind of region of one name: a different federal subject
])
def test_another_region_is_still_another_name(a: str, b: str) -> None:
    assert not _entity_equivalent(a, b)


def test_a_swapped_region_is_still_reported() -> None:
    a, b = PAIRS[0]
    swapped = b.replace("Rostov Oblast", "Belgorod Oblast")
    findings = audit_extracted([a], [swapped], reference="a")
    assert any("Belgorod" in f.message for f in findings), [f.message for f in findings]


SYUNIK_A = ("On July 25 at 1:23 a.m., the National Crisis Management Center received an alert that an accident "
            "had occurred in Kapan (Syunik region) on Gortsaranain street.")
SYUNIK_B = ("On July 25 at 01:23, the National Crisis Management Center was alerted that a collision had "
            "occurred in Kapan (Syunik Province) on Gortsaranian Street.")


def test_a_division_named_with_its_type_in_lower_case_is_not_missing() -> None:
    # armenpress-ru.8501: before, 'Place "Syunik Province" is missing from A' (O001) once "Syunik
    # Province" was read as a place
    third = SYUNIK_B.replace("01:23", "1:23")
    findings = audit_extracted([SYUNIK_B], [SYUNIK_A], [third])
    assert not [f.message for f in findings if f.code == "O001"], [f.message for f in findings]


def test_a_division_left_out_is_still_missing() -> None:
    gone = SYUNIK_A.replace("Kapan (Syunik region)", "the town")
    findings = audit_extracted([SYUNIK_B], [gone], [SYUNIK_B.replace("01:23", "1:23")])
    assert any(f.code == "O001" and "Syunik" in f.message for f in findings), [f.message for f in findings]
