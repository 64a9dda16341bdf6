"""Value objects of auditor/model.py that carry more than plain fields."""

from __future__ import annotations

import pytest

from auditor.extract import extract_sentence
from auditor.model import MentionAttrs, Sentence


def test_mention_attrs_come_typed_from_a_finders_dict():
    a = MentionAttrs.of({"noun": "company", "_range_word": "to", "assumed": True})
    assert a == MentionAttrs(noun="company", assumed=True)  # the private key stayed behind
    with pytest.raises(TypeError):
        MentionAttrs.of({"nuon": "company"})  # a misspelt attribute fails where it is written


def test_extracted_mentions_carry_typed_attrs():
    text = "“We will rebuild the bridge,” Ana Ruiz said, after 2,400 companies applied."
    by_kind = {m.kind: m for m in extract_sentence(Sentence("d", 0, 0, 0, len(text), text, "en"))}
    assert by_kind["quote"].attrs.speaker == "Ana Ruiz" and by_kind["quote"].attrs.short is False
    assert by_kind["quantity"].attrs.noun == "company"
