"""German versions: every noun is capitalised, so a capital is no evidence of a name.

Sentences are WMT21 systems' German translations of one TED talk (bench/data/mqm/mqm_ende.jsonl,
talk.3), each version as the system wrote it; the swap is planted into a real sentence."""

from __future__ import annotations

from tests.drift.drift_helpers import audit_extracted

#: three systems' renderings of two segments (Facebook-AI, HuaweiTSC, Online-W)
FB = ["Als Künstler ist mir die Verbindung sehr wichtig.",
      "Ein Teil des Eises in den Eisbergen, die ich fotografiere, ist sehr jung – einige tausend Jahre alt.",
      "Vor fast zehn Jahren war ich zum ersten Mal in der Antarktis und habe dort meine ersten Eisberge gesehen."]
HU = ["Als Künstler ist mir die Verbindung sehr wichtig.",
      "Ein Teil des Eises in den Eisbergen, die ich fotografiere, ist sehr jung - ein paar tausend Jahre alt.",
      "Ich war vor fast 10 Jahren zum ersten Mal in der Antarktis, wo ich meine ersten Eisberge sah."]
OW = ["Als Künstlerin ist mir die Verbindung sehr wichtig.",
      "Einiges von dem Eis in den Eisbergen, die ich fotografiere, ist sehr jung - ein paar tausend Jahre alt.",
      "Vor fast 10 Jahren war ich zum ersten Mal in der Antarktis, wo ich meine ersten Eisberge gesehen habe."]


def _name_findings(*versions: list[str]) -> list:
    return [f for f in audit_extracted(*versions, lang="de") if f.code[0] in "ENQ"]


def test_nouns_worded_differently_are_no_name_drift() -> None:
    # before: "Als Künstlerin" was a person missing from two versions and "Eis" / "Eises" a
    # critical "replaced by a different name"
    assert _name_findings(FB, HU, OW) == []


def test_a_place_swapped_in_a_german_sentence_is_still_caught() -> None:
    swapped = [*OW[:2], OW[2].replace("Antarktis", "Grönland")]
    found = _name_findings(FB, HU, swapped)
    assert found, "a swapped place must be reported"
    assert all(f.severity == "critical" for f in found)
    assert any("Grönland" in f.message and "Antarktis" in f.message for f in found)
