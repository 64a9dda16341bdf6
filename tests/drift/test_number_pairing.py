"""Numbers and dates lined up across versions with the extractor's own mentions: a changed value
must surface as a mismatch on the version that changed it, whatever else the sentence states.

Each case is a shape measured missing on real machine translations (``bench/bench_planted.py``):
the same count followed by another noun, a fact stated twice in two forms, a loose share pairing
outvoting an exact one, a dateline next to a year, a change smaller than a tenth of a percent."""

from __future__ import annotations

import pytest

from auditor.extract import extract_document
from tests.drift.drift_helpers import audit_extracted, codes, make_doc

_audit = audit_extracted


def _on(findings, doc: str, text: str):
    return [f for f in findings if doc in f.documents and any(e.document == doc and text in e.text for e in f.evidence)]


@pytest.mark.parametrize(("majority", "changed", "new"), [
    # the same count, another noun: kept apart, the change was reported as a minor omission
    ("The ministry reported 74 new infections on Monday, 5 of them imported.",
     "The ministry reported 71 new cases of infection on Monday, 5 of them imported.", "71"),
    # a change below a tenth of a percent is still a change
    ("The province has retired 12,518 fishing boats so far this year.",
     "The province has retired 12,515 fishing boats so far this year.", "12,515"),
    # a dateline next to a year: "2020" paired with "June 14" hid the changed day
    ("Beijing, June 14 (Reporter Li Wen) Officials said the 2020 plan would be kept.",
     "Beijing, June 17 (Reporter Li Wen) Officials said the 2020 plan would be kept.", "June 17"),
    # the same day stated twice ("June 14", "the 14th"): the changed one must not be stranded
    ("Nanning, June 14 (Li Wen) The finance bureau said on the 14th that funds were released.",
     "Nanning, June 18 (Li Wen) The finance bureau said on the 14th that funds were released.", "June 18"),
    # an exact pair is not outvoted by two loose ones (each percentage a share of the same total)
    ("Of 3,200 matches the club won 1,604 of them, a winning rate of 50.1%.",
     "Of 3,200 matches the club won 1,604 of them, a winning rate of 50.4%.", "50.4%"),
])
def test_a_changed_value_is_a_mismatch_on_the_version_that_changed_it(majority, changed, new) -> None:
    f = _audit([majority], [majority], [changed], [majority])
    hits = _on(f, "c", new)
    assert hits and hits[0].code in {"Q001", "Q004"} and hits[0].severity == "critical", \
        [(x.code, x.message) for x in f]
    assert "O002" not in codes(_on(f, "c", new))


def test_a_number_written_in_digits_states_the_date() -> None:
    f = _audit(["El tribunal notificó la sentencia el 23 de julio."],
               ["El tribunal notificó la sentencia el 23/07."], lang="es")
    assert any(m.kind == "date" for m in extract_document(make_doc("x", ["Se notificó el 23 de julio."], "es")))
    assert [x.message for x in f if x.code == "O002"] == []
