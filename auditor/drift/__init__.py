"""Drift detection: every difference between aligned versions of a story, as editor-ready Findings.

``compare(docs, table, mentions)`` lines the versions up in aligned units (``units``), compares the
facts inside each unit — names (``names``), titles/organisations/places/products (``entities``),
numbers, money and dates (``numbers``), quotes (``quotes``) — reports sentences omitted, added or
moved (``omissions``) and garbled machine-translated phrasing (``garble``), then merges drafts that
describe the same underlying difference and orders them (``findings``).

The comparison is reference-free: in each slot the reading most versions share is the reference
(ties to the pivot), so it works with a ``--reference`` pivot and without one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from auditor.drift import substitutions
from auditor.drift import unattested as unattested_names
from auditor.drift.entities import compare_other_entities, compare_titles
from auditor.drift.findings import Draft, finalise
from auditor.drift.garble import compare_garble
from auditor.drift.names import compare_names
from auditor.drift.numbers import compare_numbers
from auditor.drift.omissions import compare_sentences
from auditor.drift.quotes import compare_quotes
from auditor.drift.units import Corpus, build_corpus
from auditor.drift.words import WELL_KNOWN_ZIPF, word_units
from auditor.model import AlignmentTable, Document, Finding, Mention
from auditor.rules import (
    ENTITY_OMITTED,
    GLUED_TOKENS,
    NUMBER_OMITTED,
    QUOTE_ALTERED,
    QUOTE_DROPPED,
    QUOTE_SPEAKER,
    UNATTESTED_NAME,
)

__all__ = ["compare"]

_OMISSIONS = frozenset({ENTITY_OMITTED.code, NUMBER_OMITTED.code})
#: findings whose spans do not cover a word-level swap (see ``compare``, ``drop_covered``): an
#: omission's or a dropped quote's evidence on the version without it is its whole sentence
_TOLD = _OMISSIONS | {QUOTE_ALTERED.code, QUOTE_DROPPED.code}

_COMPARATORS = (
    compare_names,
    compare_titles,
    compare_other_entities,
    compare_numbers,
    compare_quotes,
    compare_sentences,
    compare_garble,
)


def compare(
    docs: Sequence[Document],
    table: AlignmentTable,
    mentions: Mapping[str, Sequence[Mention]],
    reference: str | None = None,
) -> list[Finding]:
    """All drift findings of an aligned cluster, sorted by severity then document and position.
    With ``reference``, word-level substitutions are read against it rather than the majority."""
    corpus = build_corpus(docs, table, mentions, reference)
    drafts: list[Draft] = []
    for comparator in _COMPARATORS:
        drafts.extend(comparator(corpus))
    # both word-level rules read each unit's marked words, one unit at a time
    swaps: list[Draft] = []
    unattested: list[Draft] = []
    for wu in word_units(corpus):
        swaps.extend(substitutions.unit_drafts(corpus, wu))
        unattested.extend(unattested_names.unit_drafts(corpus, wu))
    # an omission's evidence is the whole sentence of the version without the fact: a number
    # omission covers no swap, and a changed number found in that sentence explains the omission
    # (``_drop_explained_omissions``). A name omission covers a word-level swap unless the version's
    # reading is no well-known word, a name in its own right ("Xiangtan" where the others say "Chongqing");
    # two common forms of one name the word diff cannot equate ("USA" / "United States") stay one
    # minor finding.
    kept_swaps = drop_covered(substitutions.merged(swaps), [d for d in drafts if d.code not in _TOLD],
                              [d for d in drafts if d.code == QUOTE_ALTERED.code])
    name_omissions = [d for d in drafts if d.code == ENTITY_OMITTED.code]
    uncovered = drop_covered(kept_swaps, name_omissions)
    kept_swaps = [s for s in kept_swaps if s in uncovered or _rare_reading(corpus, s)]
    drafts.extend(kept_swaps)
    drafts.extend(drop_covered(unattested, drafts))
    drafts = _drop_boilerplate(corpus, drafts)
    drafts = _drop_explained_omissions(drafts, kept_swaps)
    rank = {d: i for i, d in enumerate(corpus.order)}
    return finalise(drafts, rank)


def drop_covered(drafts: Sequence[Draft], others: Sequence[Draft], told: Sequence[Draft] = ()) -> list[Draft]:
    """Substitution drafts with a span another comparator already reports (on either side) are dropped:
    one swap, one finding (the extraction-based one carries the richer message). ``told`` drafts
    cover a swap only by naming it in their message: an altered quote's evidence is the whole
    quote, and its message shows three changes, so a name swapped inside a long quote would vanish
    among "(+5 more)"."""
    spans: dict[str, list[tuple[int, int]]] = {}
    wrong: dict[str, list[tuple[int, int]]] = {}
    said: dict[tuple[str, int], list[str]] = {}
    for d in told:
        for e in d.evidence:
            said.setdefault((e.document, e.sentence), []).append(d.message)
    for d in others:
        for e in d.evidence:
            spans.setdefault(e.document, []).append((e.start, e.end))
            if e.document in d.documents:
                wrong.setdefault(e.document, []).append((e.start, e.end))
            said.setdefault((e.document, e.sentence), []).append(d.message)
    out = []
    for d in drafts:
        # an unattested name's first evidence is a whole sentence of another version: only its own
        # span counts (any finding in that sentence would otherwise cover it), and only where another
        # finding says that version deviates: a name another rule reads as the right side (the
        # plurality of eight made-up renderings) is still unattested
        own = [e for e in d.evidence if e.document in d.documents] if d.code == UNATTESTED_NAME.code else d.evidence
        covering = wrong if d.code == UNATTESTED_NAME.code else spans
        hit = [any(s < w.end and w.start < e for s, e in covering.get(w.document, ())) for w in own]
        if hit and (all(hit) if d.code == UNATTESTED_NAME.code else any(hit)):
            continue
        # the swap is already named by a finding on the same sentence ("quote attributed to X")
        if any(w.text in m for w in d.evidence[1:] for m in said.get((w.document, w.sentence), ())):
            continue
        out.append(d)
    return out


def _drop_boilerplate(corpus: Corpus, drafts: list[Draft]) -> list[Draft]:
    """Boilerplate never produces findings: drop any draft whose evidence touches a boilerplate
    sentence (a safety net; units and scans already skip boilerplate)."""
    out = []
    for d in drafts:
        if any((s := corpus.sentence(e.document, e.sentence)) is not None and s.boilerplate for e in d.evidence):
            continue
        out.append(d)
    return out


def _rare_reading(corpus: Corpus, swap: Draft) -> bool:
    """Is every word of the deviating versions' reading less common than a well-known word (below
    ``WELL_KNOWN_ZIPF`` in the version's language)? "Fabian" or "Exxon" for "Khabarovsk" is another
    name, reported as the swap it is; "United States" for "USA" is not."""
    from auditor.drift.text import tokens, zipf

    words = [(t.text, corpus.docs[e.document].language or "en")
             for e in swap.evidence if e.document in swap.documents for t in tokens(e.text)]
    return bool(words) and all(zipf(w.casefold(), lang) < WELL_KNOWN_ZIPF for w, lang in words)


def _swapped(omission: Draft, swaps: Sequence[Draft]) -> bool:
    """Is every version an omission names one where a swap replaced the missing reading inside the
    sentence the omission shows ("68" missing because it reads "61" there)?"""
    from auditor.drift.text import fold

    missing = fold(omission.evidence[0].text)
    if not missing:
        return False

    def explains(swap: Draft, doc: str) -> bool:
        right = [fold(e.text) for e in swap.evidence if e.document not in swap.documents]
        where = [e for e in omission.evidence[1:] if e.document == doc]
        return (doc in swap.documents and any(missing in r or r in missing for r in right)
                and any(e.document == doc and any(w.start <= e.start and e.end <= w.end for w in where)
                        for e in swap.evidence))

    return all(any(explains(s, doc) for s in swaps) for doc in omission.documents)


def _drop_explained_omissions(drafts: list[Draft], swaps: Sequence[Draft] = ()) -> list[Draft]:
    """One underlying difference, one finding: a name "missing" because its quote was re-attributed
    (the C002 finding on the same reference sentence names both speakers) or because it was glued
    to the next word (the G002 finding shows "Reutershad"), and a name or number "missing" because
    another stands in its place (the swap says which) are not reported again as omissions."""
    from auditor.drift.text import fold

    reattributed = [d for d in drafts if d.code == QUOTE_SPEAKER.code and d.evidence]
    glued = [(doc, fold(d.evidence[0].text)) for d in drafts if d.code == GLUED_TOKENS.code and d.evidence
             for doc in d.documents]
    out = []
    for d in drafts:
        if d.code in _OMISSIONS and d.evidence and _swapped(d, swaps):
            continue
        if d.code == ENTITY_OMITTED.code and d.evidence:
            ref = d.evidence[0]
            name = fold(ref.text)
            by_quote = any((c.evidence[0].document, c.evidence[0].sentence) == (ref.document, ref.sentence)
                           and set(d.documents) <= set(c.documents) and ref.text in c.message
                           for c in reattributed)
            by_glue = bool(name) and all(any(g_doc == doc and g != name and (g.startswith(name) or g.endswith(name))
                                             for g_doc, g in glued) for doc in d.documents)
            if by_quote or by_glue:
                continue
        out.append(d)
    return out
