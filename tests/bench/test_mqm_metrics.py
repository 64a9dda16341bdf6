"""The MQM bench's metric code on tiny hand-made inputs (answers worked out by hand in the comments)."""

from __future__ import annotations

import pytest

from bench.mqm.metrics import (
    Spot,
    detection_scores,
    has_name_or_number,
    mean_rated,
    minority_tokens,
    name_number_tokens,
    overlaps,
    pairwise_agreement,
    pooled_accuracy,
)


def test_mean_rated_skips_unrated() -> None:
    assert mean_rated([-5.0, None, -1.0]) == -3.0
    assert mean_rated([None, None]) is None


def test_pairwise_agreement_skips_human_ties_and_penalises_metric_ties() -> None:
    # MQM (higher is better): A -1 > B -3 = C -3 > D -10. Pairs: AB AC AD BC(tie, skipped) BD CD -> 5 counted.
    human = {"A": -1.0, "B": -3.0, "C": -3.0, "D": -10.0}
    # metric: A 0.9, B 0.5, C 0.95, D 0.5
    # AB: A>B human, 0.9>0.5 agree; AC: A>C human, 0.9<0.95 disagree; AD: agree;
    # BD: B>D human, 0.5 == 0.5 metric tie -> disagree; CD: agree. -> 3 of 5
    metric = {"A": 0.9, "B": 0.5, "C": 0.95, "D": 0.5}
    assert pairwise_agreement(human, metric) == (3, 5)


def test_pairwise_agreement_none_ranks_last_and_unrated_is_left_out() -> None:
    human = {"A": -1.0, "B": -2.0, "C": None}
    # C is unrated: only AB counts; A unscored by the metric ranks below B -> disagree
    assert pairwise_agreement(human, {"A": None, "B": 0.1, "C": 1.0}) == (0, 1)
    assert pairwise_agreement(human, {"A": 0.2, "B": None, "C": 1.0}) == (1, 1)


def test_pooled_accuracy_sums_pairs_over_documents() -> None:
    # doc 1: 3 of 4, doc 2: 0 of 2 -> 3/6, not the mean of 0.75 and 0
    assert pooled_accuracy([(3, 4), (0, 2)]) == 0.5
    assert pooled_accuracy([(0, 0)]) is None


def test_overlaps_half_open() -> None:
    assert overlaps((0, 5), (4, 9))
    assert not overlaps((0, 5), (5, 9))
    assert overlaps((3, 4), (0, 10))


def test_name_number_tokens() -> None:
    seg = "The mayor of Nantes said I saw 3 fires and two trucks."
    toks = [t for _, _, t in name_number_tokens(seg)]
    # "The" opens the segment and is a very common word; "I" is the pronoun
    assert toks == ["Nantes", "3", "two"]
    # a rare capitalised word opening the segment is still a name
    assert [t for _, _, t in name_number_tokens("Einstein was right.")] == ["Einstein"]
    s = seg.index("Nantes")
    assert has_name_or_number(seg, s, s + 6)
    assert not has_name_or_number(seg, seg.index("mayor"), seg.index("mayor") + 5)


def test_detection_scores_by_hand() -> None:
    u1, u2 = ("d", "S", 0), ("d", "S", 1)
    positives = [Spot(u1, 0, 5), Spot(u1, 10, 15), Spot(u2, 0, 4)]
    human = positives + [Spot(u2, 20, 30)]  # one more (non-positive) error on u2
    flagged = [
        Spot(u1, 3, 8),    # hits positive u1 0-5
        Spot(u2, 25, 26),  # on the other human error: not a detection, but not a false alarm
        Spot(u2, 5, 9),    # touches nothing (u2 0-4 ends before 5)
        Spot(u1, 10, 12),  # hits u1 10-15
    ]
    d = detection_scores(positives, flagged, human)
    assert (d.found, d.positives) == (2, 3)
    assert d.recall == pytest.approx(2 / 3)
    assert (d.flagged_on_errors, d.flagged) == (3, 4)
    assert d.precision == 0.75


def test_detection_scores_ignore_other_units() -> None:
    d = detection_scores([Spot("a", 0, 5)], [Spot("b", 0, 5)], [Spot("a", 0, 5)])
    assert d.recall == 0.0 and d.precision == 0.0


def test_minority_tokens_flags_what_fewer_than_half_of_the_others_have() -> None:
    segs = {
        "A": "Mayor Lin said 5 people left.",
        "B": "Mayor Lin said 5 people left.",
        "C": "Mayor Ling said 5 people left.",
        "D": "Mayor Lin said 6 people left.",
    }
    flags = {k: [t for _, _, t in v] for k, v in minority_tokens(segs).items()}
    # "Mayor" is the segment opener, common enough? no: zipf("mayor") < 5.5, so it is a token, and all have it
    assert flags["A"] == [] and flags["B"] == []
    assert flags["C"] == ["Ling"]   # 0 of 3 others have "Ling"
    assert flags["D"] == ["6"]      # 0 of 3 others have "6"
    # exactly half of the others is not fewer than half: not flagged
    two = minority_tokens({"A": "Lin left.", "B": "Lin left.", "C": "Ling left."})
    assert [t for _, _, t in two["A"]] == []  # 1 of 2 others has "Lin"


def test_german_name_number_tokens_need_the_source_or_an_unknown_word() -> None:
    # German capitalises every noun: "Künstler", "Verbindung" are no names; "NASA Goddard" is carried
    # over from the English source, "Kuckuckspint" is a coined word neither list knows
    assert name_number_tokens("Als Künstler ist mir die Verbindung sehr wichtig.", "de",
                              "As an artist, connection is very important to me.") == []
    seg = "Diese Simulation stammt von einer Gruppe bei NASA Goddard, hier ist Kuckuckspint, zweihundert Mal."
    src = "This simulation is due to a relativity group at NASA Goddard, here's cuckoo-pint, 200 times."
    assert [t for _, _, t in name_number_tokens(seg, "de", src)] == ["NASA", "Goddard", "Kuckuckspint", "zweihundert"]
