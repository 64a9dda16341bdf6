"""Hyphens typed as dashes: "Sweden-and", "equal-Japan", "knows-250000".

Machine translation and hurried copy often write a dash as a bare hyphen between two words. Read
as one token, "Sweden-and" is a place nobody else names and "equal-Japan" hides "Japan" from the
versions that spell the dash out, so every tokenizer that feeds names or numbers splits such a
token where the hyphen cannot be a compound's: next to a capitalised word or a number, the other
side is a function word, a plain lower-case word that is no combining prefix, or (for numbers) any
lower-case word; between two lower-case words, a function word that ends the token and is no
particle of a compound ("attribute-no damage"). Compounds stay whole: "Jean-Luc", "anti-American",
"Stratford-upon-Avon", "Covid-19", "follow-up".
"""

from __future__ import annotations

import functools

from auditor.text._data import load_words

_FUNCTION = load_words("closed_class_words.txt")
_PREFIXES = load_words("combining_prefixes.txt")
#: function words that end English compounds: adverb particles ("check-in", "follow-up", "stand-by",
#: "drive-through") and a few others ("well-being", "know-how", "would-be")
_PARTICLES = frozenset("up in on off out by to over down about away back through along around under after "
                       "being be been how all".split())


def _named(part: str) -> bool:
    return part[:1].isupper() or any(c.isdigit() for c in part)


def _lower_word(part: str) -> bool:
    return part.isalpha() and part.islower()


def _is_dash(left: str, right: str, first: bool, last: bool) -> bool:
    """Is the hyphen between ``left`` and ``right`` a dash? ``first``/``last``: ``left`` opens the
    token, ``right`` ends it (an inner function word, as in "Stratford-upon-Avon", is a compound's)."""
    if not left or not right:
        return False
    if _named(left) and last and right.lower() in _FUNCTION and _lower_word(right):
        return True  # "Sweden-and", "250000-and"
    if _lower_word(left) and any(c.isdigit() for c in right):
        return len(left) >= 3  # "knows-250000", "space-2.5" (not "x-2")
    if _lower_word(left) and right[:1].isupper() and not right.isupper():
        return first and len(left) >= 3 and left not in _PREFIXES  # "equal-Japan", not "anti-Japan"
    if (last and _lower_word(left) and _lower_word(right) and right in _FUNCTION and right not in _PARTICLES
            and left not in _FUNCTION):
        return True  # "attribute-no damage", "species-at least"; not "check-in", "one-to-one"
    return False


@functools.lru_cache(maxsize=65536)
def dash_pieces(word: str) -> tuple[tuple[int, int], ...]:
    """Offsets ``(start, end)`` within ``word`` of the pieces left once dash-hyphens are cut; one
    piece, the whole word, when it holds none."""
    if "-" not in word:
        return ((0, len(word)),)
    parts = word.split("-")
    pieces: list[tuple[int, int]] = []
    start = pos = 0
    for i in range(len(parts) - 1):
        pos += len(parts[i])
        if _is_dash(parts[i], parts[i + 1], first=i == 0, last=i + 1 == len(parts) - 1):
            pieces.append((start, pos))
            start = pos + 1
        pos += 1
    pieces.append((start, len(word)))
    return tuple(pieces)
