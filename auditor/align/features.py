"""Anchor features that survive garbled translation: shared numbers and shared (fuzzy) names.

A round-trip machine translation rewrites almost every word ("reservoirs" -> "reservoria") but keeps
figures ("600 million", "2027") and mostly keeps proper nouns, sometimes misspelt ("Ana Ruiz" ->
"Ana Ruis"). Those tokens therefore tell the aligner which sentences correspond when embeddings
alone are ambiguous, e.g. between two sentences of a list that differ only in their amounts.

Each sentence becomes a set of feature ids; a merged bead uses the union of its sentences' sets.
Overlaps are computed with scipy sparse products, so even the exhaustive n x m baseline stays cheap.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

import numpy as np
import regex
from rapidfuzz import fuzz, process
from scipy import sparse

from auditor.text import CJK, CJK_PUNCT

_WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_DIGIT = re.compile(r"\d")
_THOUSANDS = re.compile(r"[.,](?=\d{3}(?:\D|$))")
_POSSESSIVE = re.compile(r"['’]s$")
#: CJK scripts have no letter case; blanking them leaves the Latin names embedded in CJK text
_CJK = regex.compile(f"[{CJK}{CJK_PUNCT}]+")
_OPENERS = "\"'“‘«¿¡([ "
#: names this similar (rapidfuzz ratio, 0-100) count as the same name: one substituted letter in a
#: five-letter name ("Varga"/"Varka") scores 80, while different names of that length score lower
_NAME_FUZZ = 80
#: fuzzy matching only for names this long: short tokens ("US"/"UK", "Bo"/"Bi") differ by design
_NAME_FUZZ_MIN_LEN = 4
#: a feature found in more than this share of a document's sentences (and in more than
#: _COMMON_MIN of them) says little about which sentence is which ("AI", "China", the city the
#: story is about); dropping it holds the sparse products small and the signal clean
_COMMON_SHARE = 0.05
_COMMON_MIN = 5


def _normal_number(raw: str) -> str:
    """'1,000' / '1.000' -> '1000' (thousands separators); '1.39' stays a decimal."""
    return _THOUSANDS.sub("", raw).replace(",", ".")


@functools.lru_cache(maxsize=1 << 16)
def sentence_features(text: str) -> frozenset[str]:
    """Numbers ("#139") and name-like tokens ("@helin") of one sentence.

    Name-like: starts upper-case but is not the sentence's first word (which is capitalised
    anyway), or has an upper-case letter after its first (acronyms, "DeepSeek", "H100").
    Memoised: in an N-way alignment the pivot's sentences are featured once, not N - 1 times.
    """
    feats = {"#" + _normal_number(m) for m in _NUMBER.findall(text)} if _DIGIT.search(text) else set()
    if not text.isascii():  # ASCII text has no CJK to blank
        text = _CJK.sub(" ", text)
    # Only the first word and tokens with a capital letter can yield a name. Whitespace-separated
    # chunks that are all lower case (str.islower, C speed) are dropped before the word regex
    # runs: word tokens never span whitespace, so the surviving chunks tokenise exactly as they
    # do in the full text, and the regex scans a fraction of it.
    first = _WORD.search(text)
    if first is None:
        return frozenset(feats)
    tok = first.group()
    low = tok.lower()
    if tok != low and len(tok) >= 2 and not tok[0].isdigit():
        lead = text[: first.start()].strip(_OPENERS) == ""
        if tok[1:] != low[1:] or not lead:  # a sentence-initial capital is grammar, not a name
            feats.add("@" + _POSSESSIVE.sub("", low))
    rest = " ".join(c for c in text[first.end() :].split() if not c.islower())
    for tok in _WORD.findall(rest):
        low = tok.lower()
        if tok == low or len(tok) < 2 or tok[0].isdigit():
            continue  # no capital letter at all, too short, or a number-led token ("910C")
        feats.add("@" + _POSSESSIVE.sub("", low))
    return frozenset(feats)


@dataclass
class FeatureMatrices:
    """Binary sentence x feature matrices for the two sides, plus per-feature idf weights."""

    a: sparse.csr_matrix
    b: sparse.csr_matrix
    weight: np.ndarray


def build_features(texts_a: Sequence[str], texts_b: Sequence[str]) -> FeatureMatrices:
    """Feature matrices with names in ``b`` fuzzily mapped onto names of ``a`` ("herin" -> "helin")."""
    fa = [sentence_features(t) for t in texts_a]
    fb: list[AbstractSet[str]] = [sentence_features(t) for t in texts_b]
    vocab_a = sorted({f for s in fa for f in s})
    names_a = [f for f in vocab_a if f.startswith("@") and len(f) - 1 >= _NAME_FUZZ_MIN_LEN]
    set_a = set(vocab_a)
    mapping: dict[str, str] = {}
    for f in sorted({f for s in fb for f in s}):
        if f in set_a or not f.startswith("@") or len(f) - 1 < _NAME_FUZZ_MIN_LEN or not names_a:
            continue
        hit = process.extractOne(f, names_a, scorer=fuzz.ratio, score_cutoff=_NAME_FUZZ)
        if hit is not None:
            mapping[f] = hit[0]
    fb = [{mapping.get(f, f) for f in s} for s in fb]

    df_a: dict[str, int] = {}
    df_b: dict[str, int] = {}
    for sets, df in ((fa, df_a), (fb, df_b)):
        for s in sets:
            for f in s:
                df[f] = df.get(f, 0) + 1
    lim_a = max(_COMMON_MIN, _COMMON_SHARE * len(fa))
    lim_b = max(_COMMON_MIN, _COMMON_SHARE * len(fb))
    # informative = not common on either side; features only one side has still count towards
    # that sentence's total, so a sentence whose names all differ looks mismatched, not featureless
    vocab = sorted(
        f for f in set(df_a) | set(df_b) if df_a.get(f, 0) <= lim_a and df_b.get(f, 0) <= lim_b
    )
    index = {f: k for k, f in enumerate(vocab)}
    total = len(fa) + len(fb)
    weight = np.array(
        [math.log((total + 1) / (df_a.get(f, 0) + df_b.get(f, 0))) for f in vocab], dtype=np.float64
    )

    def matrix(sets: Sequence[AbstractSet[str]]) -> sparse.csr_matrix:
        rows, cols = [], []
        for r, s in enumerate(sets):
            for f in s:
                k = index.get(f)
                if k is not None:
                    rows.append(r)
                    cols.append(k)
        data = np.ones(len(rows), dtype=np.float64)
        return sparse.csr_matrix((data, (rows, cols)), shape=(len(sets), len(vocab)))

    return FeatureMatrices(a=matrix(fa), b=matrix(fb), weight=weight)
