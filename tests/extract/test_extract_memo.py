"""extract_document remembers a document's mentions for the run (clustering and the audit both ask),
and extracts afresh whenever anything it reads has changed."""

from __future__ import annotations

from dataclasses import replace

import auditor.extract as extract
from auditor.extract import extract_document
from tests._docs import make_doc


def test_the_same_document_is_extracted_once(monkeypatch):
    calls = []
    real = extract._extract_document
    monkeypatch.setattr(extract, "_extract_document", lambda d: calls.append(d.id) or real(d))
    doc = make_doc("memo-a", ["Ana Ruiz met officials in Quenbury on Monday.", "Ruiz said 40 firms applied."])
    first = extract_document(doc)
    assert extract_document(doc) is first and calls == ["memo-a"]
    # a sentence re-marked as boilerplate changes what is extracted: not served from the memo
    marked = replace(doc, sentences=(replace(doc.sentences[0], boilerplate=True), *doc.sentences[1:]))
    again = extract_document(marked)
    assert calls == ["memo-a", "memo-a"]
    assert {m.text for m in again} < {m.text for m in first}


def test_the_memo_is_bounded(monkeypatch):
    monkeypatch.setattr(extract, "MEMO_SIZE", 3)
    for i in range(6):
        extract_document(make_doc(f"bounded-{i}", [f"Officials in Quenbury said {i} firms applied."]))
    assert len(extract._MEMO) <= 3
