"""The per-sentence memo grows to the run's longest document, so the next version of a long document
reuses its sentences instead of finding them evicted; it stays a bounded LRU otherwise."""

from __future__ import annotations

import auditor.extract as extract
from auditor.extract.memo import SentenceMemo
from tests._docs import make_doc


def _counting(memo: SentenceMemo[int], keys: list[int], calls: list[int]) -> None:
    for k in keys:
        assert memo(k, lambda k=k: calls.append(k) or k * 10) == k * 10


def test_bounded_lru_evicts_the_least_recently_used():
    memo: SentenceMemo[int] = SentenceMemo(3)
    calls: list[int] = []
    _counting(memo, [1, 2, 3, 1, 4], calls)  # 1 was used again: 2 is the one evicted
    _counting(memo, [1, 3, 4, 2], calls)
    assert calls == [1, 2, 3, 4, 2]


def test_a_longer_document_fits_once_the_memo_is_fitted_to_it():
    small: SentenceMemo[int] = SentenceMemo(4)
    calls: list[int] = []
    _counting(small, list(range(10)), calls)
    _counting(small, list(range(10)), calls)  # a second version of a 10-sentence document: all evicted
    assert len(calls) == 20
    fitted: SentenceMemo[int] = SentenceMemo(4)
    fitted.fit(20)
    calls.clear()
    _counting(fitted, list(range(10)), calls)
    _counting(fitted, list(range(10)), calls)
    assert calls == list(range(10))
    fitted.fit(5)  # never shrinks
    assert fitted.size == 20


def test_extraction_fits_the_memo_to_the_document(monkeypatch):
    monkeypatch.setattr(extract, "_FACTS", SentenceMemo(2))
    sentences = [f"Officials in Quenbury said {i} firms applied on Monday." for i in range(6)]
    extract.extract_document(make_doc("long-a", sentences))
    calls = []
    real = extract._sentence_facts
    monkeypatch.setattr(extract, "_sentence_facts", lambda *a: calls.append(a[0]) or real(*a))
    copy = extract.extract_document(make_doc("long-b", sentences + ["A new closing sentence was added."]))
    assert calls == ["A new closing sentence was added."]  # the six shared sentences were remembered
    assert {m.text for m in copy} >= {"Quenbury", "Monday"}
