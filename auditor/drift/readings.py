"""When the two sides of a replaced span are one name: the word-level substitution rule reads a swap
only where the readings differ as names do, not where one version writes the same name another way
(its adjective, run together, abbreviated, by another of the place's names, or inside a longer form).
Kept apart from ``substitutions`` so each rule of "the same name" is stated once, with its example."""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from auditor.drift.words import Tok, abbreviated_word, abbreviates, derived_among, derived_form, word_key

#: what separates the words of a name: spaces and hyphens ("Colonel-General", "U.S.-China")
SPACING = re.compile(r"[\s‐-]+")


def one_place(ha: Sequence[Tok], hb: Sequence[Tok]) -> bool:
    """Do the capitalised words of both sides of a hunk name one gazetteer place ("the [USA]" / "the
    [United States]"), not merely two spellings the gazetteer lists (``entities.same_place``)?"""
    from auditor.drift.entities import same_place

    na = " ".join(t.text for t in ha if t.text[:1].isupper())
    nb = " ".join(t.text for t in hb if t.text[:1].isupper())
    return bool(na and nb) and same_place(na, nb)


def held(t: Tok, kind: str, keys: set[str], own: AbstractSet[str] = frozenset()) -> bool:
    """Does the other version's unit hold this word, or for a name its adjective or demonym
    ("Belgium" moved to the front as "Belgian ... girl"), or the name run together or written apart
    (``own``: this version's keys)?"""
    key = word_key(t.text)
    return key in keys or (kind == "name" and (derived_among(t.text, keys) or run_together(key, keys, own)))


#: pieces of a name written as one word or two are at least this long ("Xinhua" + "net")
_PIECE = 3


def run_together(key: str, keys: AbstractSet[str], own: AbstractSet[str]) -> bool:
    """Is ``key`` one name the other version writes as two words, or a piece of a name it writes as
    one ("Xinhuanet" / "Xinhua Net")? ``own``: the keys of ``key``'s own version, which must hold the
    rest of the other's one-word form."""
    if any(key[:i] in keys and key[i:] in keys for i in range(_PIECE, len(key) - _PIECE + 1)):
        return True
    if len(key) < _PIECE:
        return False
    return any(len(k) - len(key) >= _PIECE and ((k.startswith(key) and k[len(key):] in own)
                                                 or (k.endswith(key) and k[:-len(key)] in own)) for k in keys)


def one_name(ref_text: str, var_text: str) -> bool:
    """Are two readings one name written two ways?"""
    from auditor.drift.entities import same_place

    ka, kb = word_key(ref_text), word_key(var_text)
    if ka == kb or derived_form(ref_text, var_text) or SPACING.sub("", ka) == SPACING.sub("", kb):
        return True  # its adjective, or written apart: "Belgium" / "Belgian", "Zhibin's" / "Zhi Bin"
    if abbreviated_word(ref_text, var_text) or same_place(ref_text, var_text):
        return True  # "St." / "Saint"; one place by two of its names: "USA" / "United States"
    pa = {word_key(p) for p in SPACING.split(ref_text) if p}
    pb = {word_key(p) for p in SPACING.split(var_text) if p}
    if pa <= pb or pb <= pa:
        return True  # one reading holds the other: "China" / "US-China", "Hubble" / "Hubble Space"
    if ref_text.replace(".", "").isupper() and var_text.replace(".", "").isupper() and (
            ka.startswith(kb) or kb.startswith(ka)):
        return True  # an acronym and its longer form: "US" / "USA", "UN" / "UNSC"
    return abbreviates(ref_text, var_text) or abbreviates(var_text, ref_text)  # "UV" / "ultraviolet"


def shortened(words: Sequence[Tok], t: Tok, other: Sequence[Tok], other_hunk: Sequence[Tok]) -> bool:
    """Is the name word ``t`` part of a name the other version writes shorter: next to a name word
    the other has as a name, where the other has nothing of its hunk ("Alexis Sanchez" / "and
    Sanchez", "Romelu Lukaku" / "this campaign, Lukaku": the dropped given name is no swap with
    whatever words the diff paired it with)? Not when the other puts its own word in that place, in
    the same phrase ("Hubble Telescope" / "Hubble image"), nor when it writes the neighbour as an
    ordinary word ("Dead Horse Alocasia" / "dead horse arum")."""
    k = next(i for i, w in enumerate(words) if w is t)
    in_hunk = {id(w) for w in other_hunk}
    for step in (-1, 1):
        j = k - step  # the neighbour on the far side of t from the place t fills
        if not (0 <= j < len(words)) or words[j].kind != "name":
            continue
        key = word_key(words[j].text)
        for m, w in enumerate(other):
            if w.kind == "name" and word_key(w.text) == key:
                slot = m + step  # what the other version has where t would be, in the same phrase
                if not (0 <= slot < len(other)) or id(other[slot]) not in in_hunk or not joined(w, other[slot]):
                    return True
    return False


def joined(x: Tok, y: Tok) -> bool:
    """Are two words of one sentence next to each other with one space or hyphen between (one
    phrase: "Hubble image"), not a comma ("this campaign, Lukaku")?"""
    first, second = (x, y) if x.start < y.start else (y, x)
    return x.sentence == y.sentence and second.start - first.end <= 1
