"""Quotation extraction: marks, nesting, partial quotes, speakers in en/es/zh."""

from __future__ import annotations

import pytest

from auditor.extract import extract_sentence
from auditor.extract.quotes import find_quotes, quote_key
from auditor.model import Sentence


def one(text: str, lang: str = "en"):
    found = [q for q in find_quotes(text, lang) if not q.attrs.nested]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("He said “we will win” today.", "we will win"),
        ('He said "we will win" today.', "we will win"),
        ("Dijo «vamos a ganar» hoy.", "vamos a ganar"),
        ("他说「我们会赢」。", "我们会赢"),
        ("Er sagte „wir werden gewinnen“ heute.", "wir werden gewinnen"),
        ("He said ”we will win” today.", "we will win"),  # MT output opening with ”
    ],
)
def test_marks(text: str, inner: str) -> None:
    q = one(text)
    assert q.text == inner
    assert text[q.start:q.end] == inner


def test_apostrophes_are_not_quotes() -> None:
    assert find_quotes("Shanghai’s costs and the students’ union don’t matter.", "en") == []
    assert find_quotes("It's the '90s again.", "en") == []


def test_nested_single_quotes() -> None:
    text = "“So far, the ‘yard’ hasn’t gotten any smaller,” Bo noted."
    qs = find_quotes(text, "en")
    outer = [q for q in qs if not q.attrs.nested]
    inner = [q for q in qs if q.attrs.nested]
    assert [q.text for q in outer] == ["So far, the ‘yard’ hasn’t gotten any smaller,"]
    assert [q.text for q in inner] == ["yard"]
    assert inner[0].attrs.short is True


def test_partial_quotes_are_clipped_and_flagged() -> None:
    opened = one("Guo said: ”China needs a set of nerve centers to overcome rivals.")
    assert opened.attrs.partial is True
    assert opened.text == "China needs a set of nerve centers to overcome rivals."
    closed = one("It is now more head-to-head than containment.”")
    assert closed.attrs.partial is True
    assert closed.start == 0


def test_scare_quotes_are_short() -> None:
    assert one("the “six little dragons” of Hangzhou").attrs.short is True
    assert one("“Export controls have created a unique opportunity,” the note said.").attrs.short is False
    assert one("美国“AI行动计划”旨在维持技术领先地位。", "zh").attrs.short is True


def test_value_ignores_quote_style_and_edge_punctuation() -> None:
    a = one("“Export controls have created a unique opportunity,” the note said.")
    b = one('"Export controls have created a unique opportunity", the note said.')
    assert a.value == b.value == "export controls have created a unique opportunity"
    assert quote_key("The ‘yard’ is small.") == quote_key("the 'yard' is small")


@pytest.mark.parametrize(
    ("text", "lang", "speaker"),
    [
        ("“Shanghai has strong funding,” said Pan Helin, a member of an expert committee.", "en", "Pan Helin"),
        ("“There won’t be a clear winner,” Bo concluded.", "en", "Bo"),
        ("“So far so good,” Bo noted, according to a newspaper article.", "en", "Bo"),
        ("“Export controls help vendors,” the Bernstein research note said.", "en", "Bernstein research note"),
        ("Pan Helin, who serves on an expert committee, mentioned that “funding is abundant,” though costs are high.", "en", "Pan Helin"),
        ("Donald Trump described the plan as “a policy to lead the world,” emphasising exports.", "en", "Donald Trump"),
        ("According to Guo Wanda: “China needs nerve centres.”", "en", "Guo Wanda"),
        ("«Necesitamos más inversión», dijo el ministro Carlos Pérez.", "es", "Carlos Pérez"),
        ("«Necesitamos más inversión», afirmó Ana López.", "es", "Ana López"),
        ("Según Guo Wanda, «China necesita centros».", "es", "Guo Wanda"),
        ("潘和林表示：“上海的主要优势之一是资金雄厚。”", "zh", "潘和林"),
        ("经济学家潘和林说：“上海的优势是资金。”", "zh", "潘和林"),
        ("“上海的优势是资金，”潘和林称。", "zh", "潘和林"),
    ],
)
def test_speaker_attribution(text: str, lang: str, speaker: str) -> None:
    assert one(text, lang).attrs.speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        "“We will win,” he said.",                              # pronoun
        "The plan aims to make America an “AI export powerhouse” soon.",  # scare quote, no verb
        "«Vamos a ganar», dijo él.",
    ],
)
def test_no_speaker(text: str) -> None:
    assert one(text).attrs.speaker is None


def test_quote_mentions_use_document_offsets() -> None:
    text = "“Funding is strong,” said Pan Helin."
    sent = Sentence(doc_id="d", index=2, paragraph=0, start=50, end=50 + len(text), text=text, language="en")
    (m,) = [m for m in extract_sentence(sent) if m.kind == "quote"]
    assert (m.start, m.end) == (51, 51 + len("Funding is strong,"))
    assert m.value == "funding is strong"
    assert m.attrs.speaker == "Pan Helin"


def test_quote_marks_spaced_off_their_words_still_quote() -> None:
    # WMT21 zh-en MT output (Borderline) spaces its straight quotes: every quote was read as dropped
    text = 'Lian Xinming said: " In the early stage of migration, antelopes face a higher risk. "'
    found = find_quotes(text, "en")
    assert [q.text for q in found] == ["In the early stage of migration, antelopes face a higher risk."]
    assert find_quotes('The 5" screen and the 7" one.', "en") == []
