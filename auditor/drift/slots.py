"""Slots: the same fact (a name, a number, a quote) lined up across the versions of one unit.

Each comparator turns its mentions into ``Item``s, pairs items of different versions that say the
same thing or a variant of it (``relate`` gives a pairing score, None = not the same slot), and then
reads each slot with the consensus rule. Pairing is an optimal assignment on tiered scores
(``_assignment``), one item per version per slot, processing versions pivot-first so the slots are
the pivot's facts whenever the pivot has them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from auditor.drift.consensus import group_readings, majority_present
from auditor.drift.findings import Draft, doc_list, evidence_for, q
from auditor.drift.presence import (
    _in_document,
    _same_place_named,
    _spelled_out,
    _stated_verbatim,
    _words_present,
    find_phrase,
)
from auditor.drift.text import fold, tokens
from auditor.drift.units import Corpus, Unit
from auditor.model import Evidence, Mention
from auditor.rules import ENTITY_OMITTED


@dataclass
class Item:
    """One version's reading of a fact: surface text, comparable value and where it is."""

    doc: str
    text: str
    value: Any
    sentence: int
    start: int
    end: int
    mention: Mention | None = None  # None: found by searching the text, not by extraction
    #: a title's holder, by whom titles are paired (``drift.entities``)
    holder: str = ""
    #: a number's place among its unit's numbers, 0 to 1: the changed one pairs with its counterpart
    #: in reading order (``drift.numbers``)
    pos: float = 0.5
    #: (amount, unit) totals the version states, that a percentage may be a share of (``drift.numbers``)
    totals: Sequence[tuple[float, str | None]] = ()

    @property
    def evidence(self) -> Evidence:
        return evidence_for(self.doc, self.sentence, self.start, self.end, self.text)


def item_from(m: Mention, value: Any = None) -> Item:
    return Item(m.doc_id, m.text, m.value if value is None else value, m.sentence, m.start, m.end, m)


Slot = dict[str, Item]  # doc id -> Item


def build_slots(
    docs: Sequence[str],
    items: dict[str, list[Item]],
    relate: Callable[[Item, Item], float | None],
) -> list[Slot]:
    """Pair items across versions into slots (see module docstring)."""
    slots: list[Slot] = []
    for doc in docs:
        mine = items.get(doc, ())
        scores: dict[tuple[int, int], float] = {}
        for ii, item in enumerate(mine):
            for si, slot in enumerate(slots):
                # an item joins a slot only if it relates to every reading already there: pairing
                # through one loose member ("100 million" without a unit) would chain unrelated facts
                got = [s for other in slot.values() if (s := relate(other, item)) is not None]
                if got and len(got) == len(slot):
                    scores[ii, si] = min(got)
        used_items: set[int] = set()
        for ii, si in _assignment(scores, len(mine), len(slots)):
            used_items.add(ii)
            slots[si][doc] = mine[ii]
        for ii, item in enumerate(mine):
            if ii not in used_items:
                slots.append({doc: item})
    return slots


def _assignment(scores: dict[tuple[int, int], float], n_items: int, n_slots: int) -> list[tuple[int, int]]:
    """The (item, slot) pairs, each item and slot used once, that keep the best pairs and, among
    pairings that keep them, leave the fewest readings unpaired.

    Why not greedy: one version may state a fact twice in two forms ("July 26" and "the 26th") next
    to a changed one ("July 29"); taking the best single pair first puts "the 26th" in the "July 26"
    slot and leaves "July 29" with nothing it may join, so the change goes unreported. Why not the
    highest plain total either: two loose pairs (49.6% and 49.9% each a share of the same total as
    "1,489") would then outvote one exact pair. So each pair weighs ``_TIER`` to the power of its
    score: one pair outweighs up to ``_TIER - 1`` pairs a point weaker, and the assignment
    maximising the sum (scipy's Hungarian solver) is greedy where greed is right and not where it
    strands a reading. Among equal totals the pairing that keeps reading order wins."""
    if len({ii for ii, _ in scores}) == len({si for _, si in scores}) == len(scores):
        return list(scores)  # no item or slot wanted twice (the usual case): every pair stands
    from scipy.optimize import linear_sum_assignment

    weights = {k: _TIER ** sc for k, sc in scores.items()}
    top = max(weights.values())
    cost = [[0.0] * n_slots for _ in range(n_items)]  # unpaired: weight 0
    for (ii, si), w in weights.items():
        # reading order: early item with early slot, as a fraction far below any weight step
        cost[ii][si] = -(w / top) - _ORDER_BONUS * (n_items - ii) * (n_slots - si) / (n_items * n_slots)
    rows, cols = linear_sum_assignment(cost)
    return [(int(i), int(j)) for i, j in zip(rows, cols) if (int(i), int(j)) in scores]


#: weight base of a pairing score (see ``_assignment``)
_TIER = 10.0
#: the reading-order tie-break, below the smallest weight difference that matters
_ORDER_BONUS = 1e-12


def sentence_evidence(corpus: Corpus, unit: Unit, doc: str) -> list[Evidence]:
    """Whole aligned sentences of one version, the evidence for "absent from this version"."""
    return [evidence_for(doc, s.index, s.start, s.end, s.text) for s in corpus.unit_sentences(unit, doc)]


# ------------------------------------------------------------------ generic entity slot comparison


@dataclass
class EntitySpec:
    """What differs between entity kinds; the slot logic around it is shared."""

    kinds: tuple[str, ...]
    label: str  # "Name", "Organisation"... used in messages
    relate: Callable[[str, str], float | None]  # pairing score of two surface forms, None = unrelated
    short_form: Callable[[str, str], bool]  # is the first a shortened mention of the second?
    equivalent: Callable[[str, str], bool]  # same reading (no finding)
    classify: Callable[[str, str], tuple[str, str]]  # (rule code, detail) for reference -> variant
    message: Callable[[str, str, str, str, tuple[str, ...]], str]  # (code, ref, var, detail, docs)
    substitution_code: str
    fuzzy_search: bool = False  # look for sound-alike spellings in the text when extraction missed
    #: what the fuzzy search pairs a capitalised stretch of text by (default ``relate``): places pair
    #: by shared words, yet a misspelt one ("Ulumqi" for "Urumqi") shares none
    sound_alike: Callable[[str, str], float | None] | None = None
    #: a single token of the name still names the entity ("Ruiz" for "Ana Ruiz"), so a version
    #: using only the surname has not dropped the person
    token_presence: bool = False


def _fold_tokens(text: str) -> list[str]:
    return [fold(t.text) for t in tokens(text)]


def _search(corpus: Corpus, unit: Unit, doc: str, slot: Slot, spec: EntitySpec) -> Item | None:
    """An item for ``doc`` found in its aligned text when the extractor missed it."""
    texts = sorted({it.text for it in slot.values()}, key=len, reverse=True)
    sents = corpus.unit_sentences(unit, doc)
    for t in texts:
        for s in sents:
            span = find_phrase(s.text, t)
            if span:
                return Item(doc, s.text[span[0]:span[1]], None, s.index, s.start + span[0], s.start + span[1])
    if not spec.fuzzy_search:
        return None
    best: tuple[float, Item] | None = None
    for t in texts:
        n = len(tokens(t))
        for s in sents:
            toks = tokens(s.text)
            for i in range(len(toks) - n + 1):
                window = toks[i:i + n]
                if not all(w.text[:1].isupper() for w in window):
                    continue  # names are capitalised; lowercase words are never a name variant
                surface = s.text[window[0].start:window[-1].end]
                score = (spec.sound_alike or spec.relate)(t, surface)
                if score is not None and (best is None or score > best[0]):
                    best = (score, Item(doc, surface, None, s.index, s.start + window[0].start,
                                        s.start + window[-1].end))
    return best[1] if best else None


def _comparable(corpus: Corpus, unit: Unit, a: str, b: str) -> bool:
    """Surface forms are only compared between versions written in the same language in this unit."""
    return corpus.unit_language(unit, a) == corpus.unit_language(unit, b)


def compare_entities(corpus: Corpus, spec: EntitySpec, cross_script: bool = False) -> list[Draft]:
    """Slot every unit's entities of ``spec.kinds`` and report variants, substitutions, omissions."""
    drafts: list[Draft] = []
    rank = corpus.rank
    for unit in corpus.units:
        docs = unit.docs
        items: dict[str, list[Item]] = {}
        for d in docs:
            its = [item_from(m) for m in corpus.unit_mentions(unit, d, spec.kinds)]
            # one item per entity per version: repeats and shortened forms of a fuller mention in
            # the same version are the same entity
            kept: list[Item] = []
            for it in sorted(its, key=lambda x: -len(x.text)):
                if any(fold(it.text) == fold(k.text) or spec.short_form(it.text, k.text) for k in kept):
                    continue
                kept.append(it)
            items[d] = sorted(kept, key=lambda x: x.start)

        def relate(a: Item, b: Item) -> float | None:
            if not cross_script and not _comparable(corpus, unit, a.doc, b.doc):
                return None
            return spec.relate(a.text, b.text)

        slots = build_slots(docs, items, relate)
        for slot in slots:
            for d in docs:
                if d in slot:
                    continue
                anchor = next(iter(slot.values()))
                if _comparable(corpus, unit, anchor.doc, d):
                    found = _search(corpus, unit, d, slot, spec)
                    if found is not None:
                        slot[d] = found
        absent_of = {
            id(slot): [d for d in docs if d not in slot
                       and all(_comparable(corpus, unit, it.doc, d) for it in slot.values())]
            for slot in slots
        }
        handled: set[int] = set()
        # substitution: one orphan on each side in the same unit, neither found anywhere else
        orphans = [s for s in slots if absent_of[id(s)]]

        def partners_of(s1: Slot) -> list[Slot]:
            return [s2 for s2 in orphans
                    if s2 is not s1 and id(s2) not in handled
                    and set(s2) <= set(absent_of[id(s1)]) and set(s1) <= set(absent_of[id(s2)])]

        for s1 in orphans:
            if id(s1) in handled:
                continue
            partners = partners_of(s1)
            if len(partners) != 1 or len(partners_of(partners[0])) != 1:
                continue  # one orphan on each side: with two on one ("Russia", "Kronstadt") neither is the swap's
            if len(s1) == len(partners[0]) == 1 and len(docs) >= 3:
                continue  # two versions, each with an extra entity of its own: no version swapped one for the other
            if not all(corpus.is_version(d) for d in list(s1) + list(partners[0])):
                continue  # a related article's sentence names other entities by nature
            s2 = partners[0]
            t1 = [it.text for it in s1.values()]
            t2 = [it.text for it in s2.values()]
            if any(_in_document(corpus, d, t1) for d in s2) or any(_in_document(corpus, d, t2) for d in s1):
                continue
            readings = {d: (1, it) for d, it in s1.items()} | {d: (2, it) for d, it in s2.items()}
            sides, other_sides = group_readings(readings, lambda a, b: a[0] == b[0], rank, corpus.pivot,
                                                reference=corpus.reference)
            if sides is None or not other_sides:
                continue
            r_item, v_items = sides.rep[1], [x[1] for x in other_sides[0].items]
            dev_docs = tuple(other_sides[0].docs)
            code = spec.substitution_code
            drafts.append(Draft(
                code=code,
                message=spec.message(code, r_item.text, v_items[0].text, "different entity", dev_docs),
                documents=dev_docs,
                evidence=[r_item.evidence] + [v.evidence for v in v_items],
                key=("subst", fold(r_item.text), fold(v_items[0].text)),
            ))
            handled.update({id(s1), id(s2)})
        for slot in slots:
            if id(slot) in handled:
                continue
            full_len = max(len(_fold_tokens(it.text)) for it in slot.values())
            full = {d: it for d, it in slot.items() if len(_fold_tokens(it.text)) == full_len
                    or not any(spec.short_form(it.text, o.text) for o in slot.values() if o is not it)}
            ref, devs = group_readings(full, lambda a, b: spec.equivalent(a.text, b.text), rank, corpus.pivot,
                                       reference=corpus.reference,
                                       backers={d: it for d, it in slot.items() if d not in full},
                                       backs=lambda s, f: spec.short_form(s.text, f.text))
            if ref is None:
                continue
            r_item = ref.rep
            for g in devs:
                code, detail = spec.classify(r_item.text, g.rep.text)
                if not code:
                    continue
                keep = [i for i, d in enumerate(g.docs) if not _stated_verbatim(corpus, unit, d, r_item.text)]
                if not keep:
                    continue
                g = type(g)([g.docs[i] for i in keep], [g.items[i] for i in keep])
                dev_docs = tuple(g.docs)
                drafts.append(Draft(
                    code=code,
                    message=spec.message(code, r_item.text, g.rep.text, detail, dev_docs),
                    documents=dev_docs,
                    evidence=[r_item.evidence] + [it.evidence for it in g.items],
                    key=("variant", spec.label, fold(r_item.text), fold(g.rep.text)),
                    # another organisation or place altogether is a wrong fact, not a naming variant
                    severity="critical" if detail == "different entity" else None,
                ))
            absent = [d for d in absent_of[id(slot)] if corpus.is_version(d)]
            if absent and majority_present(list(slot), absent, corpus.pivot):
                texts = [it.text for it in slot.values()]
                gone = tuple(d for d in absent if not _in_document(corpus, d, texts, spec.token_presence)
                             and not (not spec.token_presence and _words_present(corpus, unit, d, r_item.text))
                             and not _spelled_out(corpus, unit, d, texts)
                             and not _same_place_named(corpus, unit, d, texts))
                if gone:
                    # what is missing is shown as the pivot (the likeliest original) words it, not as
                    # the longest variant some other version has ("Falcon X2Pro" from a garbled copy)
                    o_item = slot.get(corpus.pivot) or r_item
                    ev = [o_item.evidence]
                    for d in gone:
                        ev.extend(sentence_evidence(corpus, unit, d))
                    drafts.append(Draft(
                        code=ENTITY_OMITTED.code,
                        message=f"{spec.label} {q(o_item.text)} is missing from {doc_list(gone)}",
                        documents=gone,
                        evidence=ev,
                        key=("omitted", spec.label, fold(o_item.text)),
                    ))
    return drafts
