"""Unattested names (E006): a rare name that fewer than half of five or more versions of one sentence
carry, whatever the rest of the sentence does.

Why apart from the word diff: machine translation rebuilds a sentence around a made-up name
("the hawk-moth" rendered as a transliterated "name"), so no replaced span pairs it with the words
the other versions use; with enough versions, few carriers are the signal on their own.
"""

from __future__ import annotations

from collections.abc import Iterable

from auditor.drift.findings import Draft, doc_list, evidence_for, q
from auditor.drift.text import zipf
from auditor.drift.units import Corpus
from auditor.drift.words import (
    WELL_KNOWN_ZIPF,
    Tok,
    WordUnit,
    abbreviated_elsewhere,
    locate,
    part_keys,
    span_text,
    spelled_out,
    word_key,
    word_units,
)
from auditor.rules import UNATTESTED_NAME

#: an unattested name needs this many same-language versions to tell a minority from a variant
UNATTESTED_MIN_VERSIONS = 5
#: ... and is carried by fewer than half of them (3 of 8: MT systems sharing one engine's guess)
UNATTESTED_MAX_SHARE = 0.5
#: ... and is not a well-known word (Zipf below this): "Tian'e", "Holmon", "Tian", not "Milky" or
#: "Avenue"; the same line below which two names are not a free choice between known forms
UNATTESTED_ZIPF = WELL_KNOWN_ZIPF


def compare_unattested(corpus: Corpus, units: Iterable[WordUnit] | None = None) -> list[Draft]:
    """Names most versions of a unit do not have anywhere in it (E006).

    The word diff misses a made-up name when the sentence around it is rebuilt; with five or more
    versions of one sentence, a rare capitalised word that few of them carry is itself the signal
    (machine translation turns a transliterated common noun into a name: "the hawk-moth" →
    "Tian'e"). With ``--reference``, a name the reference has is never unattested."""
    drafts: list[Draft] = []
    for wu in word_units(corpus) if units is None else units:
        drafts.extend(unit_drafts(corpus, wu))
    return drafts


def _runs(corpus: Corpus, wu: WordUnit, ref: str | None) -> dict[tuple[str, ...], dict[str, tuple[Tok, ...]]]:
    """Each version's runs of unattested name words, by their keys."""
    docs, words, lang = wu.docs, wu.words, wu.lang
    firsts = {(t.sentence, t.start) for d in docs for t in words[d][:1]}
    held = {d: part_keys(words[d]) for d in docs}
    runs: dict[tuple[str, ...], dict[str, tuple[Tok, ...]]] = {}
    for d in docs:
        if d == ref:
            continue
        flagged: list[list[Tok]] = []
        last = -2  # index of the last flagged word
        for i, t in enumerate(words[d]):
            k = word_key(t.text)
            if t.kind != "name" or (t.sentence, t.start) in firsts or zipf(k, lang) >= UNATTESTED_ZIPF:
                continue
            holders = [x for x in docs if k in held[x]]
            if (ref is not None and ref in holders) or len(holders) >= UNATTESTED_MAX_SHARE * len(docs):
                continue
            rest = [words[x] for x in docs if x not in holders]
            if spelled_out(t.text, rest) or abbreviated_elsewhere(words[d], i, rest):
                continue  # "UV" / "ultraviolet", "NASA" / "National Aeronautics ..."
            if last == i - 1 and flagged[-1][-1].sentence == t.sentence:
                flagged[-1].append(t)  # one span for a run of such words: "Alocasia Variegata"
            else:
                flagged.append([t])
            last = i
        for run in flagged:
            runs.setdefault(tuple(word_key(t.text) for t in run), {}).setdefault(d, tuple(run))
    return runs


def unit_drafts(corpus: Corpus, wu: WordUnit) -> list[Draft]:
    """One finding per unattested name of the unit, longest names first: a version whose "Giang"
    is already shown inside its "Bac Giang" is not listed again under "Giang". Units with fewer than
    ``UNATTESTED_MIN_VERSIONS`` versions have none."""
    if len(wu.docs) < UNATTESTED_MIN_VERSIONS:
        return []
    from auditor.drift.slots import sentence_evidence

    docs, words = wu.docs, wu.words
    ref = corpus.reference if corpus.reference in docs else None
    anchor = ref or (corpus.pivot if corpus.pivot in docs else docs[0])
    shown: dict[str, list[tuple[int, int]]] = {}
    out: list[Draft] = []
    runs = _runs(corpus, wu, ref)
    for run_keys in sorted(runs, key=lambda k: (-len(k), k)):
        found = runs[run_keys]
        # every version carrying the name shows where: one finding per name and sentence; a version
        # writing the same word in lower case ("blue triangle" where one has "Blue Triangle")
        # carries the word, not the name, and is not flagged with them
        spans = {x: found.get(x) or locate(words[x], run_keys) for x in docs if x != ref}
        carriers = [x for x in docs if spans.get(x) and all(t.kind == "name" for t in spans[x])]
        others = [x for x in docs if x not in carriers]
        holders = [x for x in carriers if not any(
            s <= spans[x][0].start and spans[x][-1].end <= e for s, e in shown.get(x, ()))]
        if not holders:
            continue
        for x in holders:
            shown.setdefault(x, []).append((spans[x][0].start, spans[x][-1].end))
        anchor_doc = anchor if anchor not in carriers else others[0]
        text = span_text(corpus, holders[0], spans[holders[0]])
        msg = (f"Name {q(text)} in {doc_list(holders)} is not in {len(others)} of the "
               f"{len(docs)} versions of this sentence (a mistranslated word taken for a name?)")
        ev = sentence_evidence(corpus, wu.unit, anchor_doc) + [
            evidence_for(x, spans[x][0].sentence, spans[x][0].start, spans[x][-1].end,
                         span_text(corpus, x, spans[x])) for x in holders]
        out.append(Draft(UNATTESTED_NAME.code, msg, tuple(holders), ev, ("unattested", wu.unit.index, run_keys)))
    return out
