"""Language codes: one normalisation (BCP 47 via ``langcodes``), so "zh_CN", "zh-Hans", "cmn" and
"chi" all name Chinese, and every stage that asks "same language?" gets the same answer."""

from __future__ import annotations

import functools

UNDETERMINED = "und"


@functools.lru_cache(maxsize=4096)
def base_language(code: str | None, unknown: str = UNDETERMINED) -> str:
    """The language subtag alone, lowercased and standardised ("zh-Hans" -> "zh", "iw" -> "he",
    "cmn" -> "zh"); ``unknown`` (default ``und``) when the code is empty, undetermined or not a
    language tag. The extractors pass ``unknown=""``: they read an empty code as "no language"."""
    if not code or not code.strip():
        return unknown
    tag = code.strip().replace("_", "-")
    try:
        import langcodes

        tag = langcodes.standardize_tag(tag, macro=True)
    except (ValueError, ImportError):
        pass
    base = tag.split("-")[0].lower()
    return base if base.isalpha() and 2 <= len(base) <= 3 and base != UNDETERMINED else unknown


def same_language(a: str | None, b: str | None) -> bool:
    """Do two codes name the same language? Undetermined matches anything (no evidence of a change)."""
    x, y = base_language(a), base_language(b)
    return UNDETERMINED in (x, y) or x == y
