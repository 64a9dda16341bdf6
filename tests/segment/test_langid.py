"""Language identification: short sentences in en/zh/es, the Han-without-kana rule, no-signal input."""

from __future__ import annotations

import pytest

from auditor.segment.langid import UNDETERMINED, detect_language, guess_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Shanghai has unveiled an ambitious subsidy programme.", "en"),
        ("Pan noted that operating costs are high.", "en"),
        ("El gobierno de Shanghái lanzó un programa de subvenciones.", "es"),
        ("China apuesta por ciudades que compiten entre sí.", "es"),
        ("上海宣布了1.39亿美元的AI补贴计划。", "zh"),
        ("日本語のテキストです。", "ja"),
        ("Le gouvernement a annoncé un nouveau plan pour l'industrie.", "fr"),
    ],
)
def test_short_sentences(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_han_with_latin_acronyms_and_no_kana_is_chinese() -> None:
    # fastText alone calls this Japanese; there is no kana in it.
    assert guess_language("AI News 07月29日 18:38").lang == "zh"


def test_newlines_do_not_break_detection() -> None:
    assert detect_language("The city opened\na new tram line\non Thursday.") == "en"


@pytest.mark.parametrize("text", ["", "  ", "12:30", "—", "in"])
def test_no_signal_is_undetermined(text: str) -> None:
    assert detect_language(text) == UNDETERMINED
