"""Translation and machine-translation markers read off a document's text (long-scale numbers, decimal
commas, detokenisation spaces, glued tokens): alignment weighs them when choosing the pivot, labels
when calling a version machine-translated."""

from __future__ import annotations

import re
from functools import lru_cache

from auditor.model import Document
from auditor.text.lang import base_language

#: "4,000 million" / "thousand million": English says "4 billion"; the long-scale form is the literal
#: rendering of Spanish/French/Italian/Portuguese "mil millones"/"mille millions" — a translation marker.
_LONG_SCALE = re.compile(r"\b\d{1,3}(?:,\d{3})+\s+million\b|\bthousand\s+millions?\b", re.IGNORECASE)
#: "1,5 billion" / "3,2%": a decimal comma inside English text comes from a continental source.
_DECIMAL_COMMA = re.compile(r"\b\d+,\d{1,2}\s*(?:%|percent\b|per cent\b|million\b|billion\b|euros?\b|dollars?\b|yuan\b)")  # noqa: E501
#: "low -cost", "city 's", "do n't": a space before a hyphen or an English clitic inside a word is
#: the detokenisation artifact of MT pipelines, which split words at such marks and rejoin them
#: imperfectly (a typed dash has spaces on both sides or none; nobody types "city 's").
_SPACE_HYPHEN = re.compile(r"\w \-(?=[^\W\d_]{2,})|\w (?:['’](?:s|re|ve|ll|d|m)|n['’]t)\b")
#: "NATOthe": an acronym glued to one of the language's most common words — broken extraction or MT
#: spacing. (Camel-case such as "PayPal" is left alone: brand names look exactly like that.)
_ACRONYM_GLUE = re.compile(r"\b([A-Z]{2,})([a-z]{2,})\b")
#: languages whose text the markers above are meant for (they are English-surface patterns)
_MARKER_LANGS = ("en",)


@lru_cache(maxsize=8)
def _top_words(lang: str) -> frozenset[str]:
    try:
        import wordfreq

        # the 50 most frequent words: function words a glued token can end in ("the", "and", "of")
        return frozenset(wordfreq.top_n_list(lang, 50))
    except Exception:  # unknown language: no glue check
        return frozenset()


def text_markers(doc: Document) -> dict[str, int]:
    """Translation/MT markers found in the document's content text, counted per marker kind."""
    lang = base_language(doc.language)
    if lang not in _MARKER_LANGS:
        return {}
    text = "\n".join(s.text for s in doc.content_sentences) if doc.sentences else doc.text
    top = _top_words(lang)
    found = {
        "long-scale-number": len(_LONG_SCALE.findall(text)),
        "decimal-comma": len(_DECIMAL_COMMA.findall(text)),
        "space-before-hyphen": len(_SPACE_HYPHEN.findall(text)),
        "glued-token": sum(1 for _, tail in _ACRONYM_GLUE.findall(text) if tail in top),
    }
    return {k: v for k, v in found.items() if v}
