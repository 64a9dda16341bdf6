"""Regular-expression pieces built from word lists."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """``a|b|c`` of the escaped words, longest first so "mil millones" wins over "mil" (a regex
    alternation takes the first alternative that fits); ties in a fixed order, so the pattern is
    the same on every run."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
