"""The one text layer every stage shares: script tests, folding, language codes, romanisation.

Why one package: extraction, alignment, drift and reporting must agree on what counts as Han
script, when two spellings are "the same word", which language a code names and how a Chinese name
reads in pinyin. Two private copies that disagree turn into false findings (a name romanised one way
by extraction and another by the drift comparator), so each of these lives here once.
"""

from __future__ import annotations

from auditor.text.cyrillic import romanisation_variants
from auditor.text.fold import fold, name_key, nfkc_casefold, strip_accents, width_fold
from auditor.text.lang import UNDETERMINED, base_language, same_language
from auditor.text.romanise import (
    ZH_COMPOUND_SURNAMES,
    ZH_SURNAMES,
    char_pinyin,
    han_name_parts,
    pinyin_syllables,
    romanise,
    split_han_name,
)
from auditor.text.script import (
    CJK,
    CJK_PUNCT,
    HAN,
    HANGUL,
    KANA,
    cjk_share,
    count_script,
    has_cjk,
    has_han,
    is_cjk,
    is_han,
)

__all__ = [
    "CJK", "CJK_PUNCT", "HAN", "HANGUL", "KANA", "UNDETERMINED", "ZH_COMPOUND_SURNAMES", "ZH_SURNAMES",
    "base_language", "char_pinyin", "cjk_share", "count_script", "fold", "han_name_parts", "has_cjk",
    "has_han", "is_cjk", "is_han", "name_key", "nfkc_casefold", "pinyin_syllables", "romanisation_variants",
    "romanise", "same_language",
    "split_han_name", "strip_accents", "width_fold",
]
