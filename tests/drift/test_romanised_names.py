"""A Russian name romanised under two standards is one person; a slip in it is still drift. The
sentences are two professional translations of one Russian news sentence (WMT21 ru-en, document
kp.235560, references A and B)."""

from __future__ import annotations

from tests.drift.drift_helpers import audit_extracted

REF_A = ["Earlier KP.ru reported that Mikhail Degtyarev had spoken in favor of an open court for Sergey Furgal "
         "and said he considered it fair to conduct the hearing in Khabarovsk."]
REF_B = ["KP.ru earlier reported that Mikhail Degtyaryov argued for an open trial for Sergei Furgal and believes "
         "it would be fair to have it in Khabarovsk."]
SLIP = ["KP.ru earlier reported that Mikhail Degtyarev argued for an open trial for Sergei Furgol and believes "
        "it would be fair to have it in Khabarovsk."]


def _names(findings) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in findings if f.code.startswith("N") or f.code == "E005"]


def test_two_romanisations_of_one_name_are_no_name_drift() -> None:
    # before: "Sergey Furgal" spelled "Sergei Furgal" (typo-like) and Degtyarev / Degtyaryov, critical
    assert _names(audit_extracted(REF_A, REF_B)) == []
    assert _names(audit_extracted(REF_A, REF_B, reference="a")) == []


def test_a_slip_in_a_romanised_name_is_still_reported() -> None:
    f = audit_extracted(REF_A, REF_A, SLIP, reference="a")
    assert any("Furgol" in m for _, m in _names(f)), _names(f)
