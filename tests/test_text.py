"""The shared text layer: one script test, one folding, one language normalisation and one
romanisation, so extraction and drift cannot disagree about the same name."""

from __future__ import annotations

import pytest

from auditor.drift.names import SAME, TRANSLIT, name_relation, name_tokens
from auditor.extract.entities import romanise as extract_romanise
from auditor.text import (
    base_language,
    cjk_share,
    fold,
    has_han,
    is_han,
    name_key,
    romanise,
    same_language,
    strip_accents,
    width_fold,
)


@pytest.mark.parametrize("han", ["曾国藩", "单田芳", "欧阳娜娜", "吕布", "李强", "司马光"])
def test_extraction_and_drift_read_a_han_name_alike(han: str) -> None:
    """What extraction shows as the romanisation, drift must call the same name."""
    latin = romanise(han)
    assert extract_romanise(han) == latin
    assert name_relation(han, latin).kind == SAME, (han, latin)


def test_surname_reading_is_used_by_both_stages() -> None:
    # pypinyin reads 曾 as "ceng" in ordinary words; as a surname it is "Zeng"
    assert romanise("曾国藩") == "Zeng Guofan"
    assert name_tokens("曾国藩")[0] == ("zeng", "guofan")
    assert name_relation("曾国藩", "Zeng Guofan").kind == SAME


@pytest.mark.parametrize("variant", ["Zeng Guo-fan", "Zēng Guófān", "Zeng Guo Fan", "ZENG Guofan"])
def test_romanisation_variants_are_the_same_name(variant: str) -> None:
    assert name_relation("曾国藩", variant).kind == SAME


def test_wade_giles_is_a_transliteration_not_another_person() -> None:
    assert name_relation("曾国藩", "Tseng Kuo-fan").kind == TRANSLIT


def test_another_surname_is_still_a_different_person() -> None:
    assert name_relation("曾国藩", "Wang Guofan").kind == "different"


def test_han_detection_covers_extension_blocks() -> None:
    assert has_han("据说𠀋")  # U+2000B, CJK extension B: outside the old BMP ranges
    assert is_han("𠀋") and not is_han("a") and not is_han("")
    assert not has_han("Shanghai ひらがな 한국")
    assert cjk_share("ひらがな abc") == pytest.approx(4 / 7)


@pytest.mark.parametrize(
    ("code", "base"),
    [("zh-Hans", "zh"), ("zh_CN", "zh"), ("cmn", "zh"), ("iw", "he"), ("EN-us", "en"), ("es-419", "es"),
     (None, "und"), ("", "und"), ("und", "und"), ("unknown", "und")],
)
def test_base_language(code: str | None, base: str) -> None:
    assert base_language(code) == base


def test_base_language_unknown_marker_and_same_language() -> None:
    assert base_language(None, unknown="") == ""
    assert same_language("zh-Hant", "cmn") and same_language("und", "es") and not same_language("en", "es")


def test_folding() -> None:
    assert strip_accents("José Núñez") == "Jose Nunez"
    assert fold("Start-Ups") == fold("startups")
    assert name_key("José’s ") == "josé"  # accents kept in name keys: drift decides on them
    text = "１２３，4５"
    assert len(width_fold(text)) == len(text) and width_fold(text) == "123，45"


@pytest.mark.parametrize(
    ("lang", "value"), [("es", 1500.0), ("de", 1500.0), ("fr", 1500.0), ("pl", 1500.0), ("en", 1.5), ("zh", 1.5), ("", 1.5)]
)
def test_dot_between_digit_groups_reads_by_the_language_decimal_mark(lang: str, value: float) -> None:
    """CLDR (babel) says which languages write decimals with a comma; there "1.500" is thousands."""
    from auditor.extract.quantities import parse_number

    assert parse_number("1.500", lang) == value
