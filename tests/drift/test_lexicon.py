"""The cached known-word lexicon answers exactly as wordfreq's ``zipf_frequency(word, lang) > 0``."""

from __future__ import annotations

import pytest
from wordfreq import top_n_list, zipf_frequency

from auditor.drift.text import in_wordlist, known_anywhere
from auditor.lexicon import _SIBLINGS, spelling_variants


@pytest.fixture(autouse=True)
def _cache(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))


@pytest.mark.parametrize("lang", _SIBLINGS)
def test_lexicon_matches_wordfreq(lang):
    common = top_n_list(lang, 300000)
    # frequent words, rare words from the tail, and strings wordfreq tokenises specially
    words = common[:200] + common[-200:] + [
        "megaloquy", "scmpthe", "wandavice", "u.s.", "it's", "l'homme", "co-op", "1.39", "abc123", "", "  ",
        "don't", "Straße", "niño", "ÉTÉ", "xqzv",
    ]
    for w in words:
        assert in_wordlist(w, lang) == (zipf_frequency(w, lang) > 0), (w, lang)


def test_known_anywhere_uses_sibling_languages():
    assert known_anywhere("informatisation")  # French, not English
    assert not known_anywhere("megaloquy")


@pytest.mark.parametrize(("uk", "us"), [("Mould", "Mold"), ("grey", "gray"), ("tyres", "tires"), ("analyse", "analyze"),
                                         ("kilogrammes", "kilograms")])
def test_more_uk_us_spellings_are_one_word(uk: str, us: str) -> None:
    assert spelling_variants(uk, us)


def test_a_uk_spelling_in_a_name_is_no_misspelling() -> None:
    # WMT21 zh-en outputs: "Jiaxing Red Boat Mould" against "... Mold" was called a misspelt name
    from auditor.drift import compare
    from tests.drift.drift_helpers import make_doc, one_to_one, table

    texts = ["Jiaxing Red Boat Mould and the Shaoshan Bronze Statue were shown.",
             "Jiaxing Red Boat Mold and the Shaoshan Bronze Statue were shown.",
             "Jiaxing Red Boat Mold and the Shaoshan Bronze Statue were shown."]
    docs = [make_doc(chr(ord("a") + i), [t]) for i, t in enumerate(texts)]
    findings = compare(docs, table(docs[0], *(one_to_one(docs[0], d) for d in docs[1:])), {})
    assert [f.code for f in findings if f.code.startswith("N")] == []


def test_nonword_answers_are_remembered():
    """The pivot choice and the garble checks ask about every word of every version: a word asked
    again is answered from memory, with the same answer."""
    from auditor.lexicon import is_nonword

    is_nonword.cache_clear()
    assert is_nonword("wandavice", "en") and not is_nonword("harbour", "en")
    assert is_nonword("wandavice", "en") and not is_nonword("harbour", "en")
    assert is_nonword.cache_info().hits == 2


@pytest.mark.parametrize("word", ["Eis", "Licht", "Künstlerin", "Als", "Eisbergen", "Orchidee", "Süßwasser"])
def test_a_german_noun_is_no_name(word: str) -> None:
    # German capitalises every noun: the capital of "Eis" (ice) says nothing, its frequency in German
    # against English does; the same word in an English text keeps the English reading
    from auditor.lexicon import ordinary_noun

    assert ordinary_noun(word, "de")
    assert not ordinary_noun(word, "en")


@pytest.mark.parametrize("word", ["Berlin", "Merkel", "Hubble", "Goddard", "NASA", "Ylang", "Kekertsuatsiak"])
def test_names_shared_with_english_stay_names_in_german(word: str) -> None:
    from auditor.lexicon import ordinary_noun

    assert not ordinary_noun(word, "de")
