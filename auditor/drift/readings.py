"""When the two sides of a replaced span are one name: the word-level substitution rule reads a swap
only where the readings differ as names do, not where one version writes the same name another way
(its adjective, run together, abbreviated, by another of the place's names, or inside a longer form).
Kept apart from ``substitutions`` so each rule of "the same name" is stated once, with its example."""

from __future__ import annotations

import re
from collections.abc import Sequence

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


def held(t: Tok, kind: str, keys: set[str]) -> bool:
    """Does the other version's unit hold this word, or for a name its adjective or demonym
    ("Belgium" moved to the front as "Belgian ... girl")?"""
    return word_key(t.text) in keys or (kind == "name" and derived_among(t.text, keys))


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
