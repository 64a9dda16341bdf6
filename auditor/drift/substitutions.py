"""Substitutions found without recognising the entity: a name, place, organisation or number swapped
for another in aligned sentences, whether or not any extractor or list knows either side.

Why a second route: the entity comparators only see what the extractor recognised ("Lyon" →
"Lille" with one city unknown to the gazetteer; a surname turned into another that neither looks
like a person). Here every aligned unit is diffed word by word between
versions in the same language; a *replaced* span whose both sides carry a proper-noun-like token
(capitalised mid-sentence, an acronym, a rare capitalised word at the start) or a number is a
candidate, and the candidate is then classified by the finder it matches:

* name relation (``auditor.drift.names.name_relation``): transliteration shift → N001, typo-like
  spelling → N002, the same name (romanisation variants, short forms) → no finding;
* both sides places in the gazetteer → E003; numbers with different values → Q001 (same value in
  another form, "1,000" = "1000" = "one thousand", → no finding);
* anything else → E005 (a different name or term in the same place).

Reading N-way: the reading more versions of the unit carry is the reference; ties go to the pivot,
and with ``--reference`` the reference always wins. Findings the extraction-based comparators
already report on the same span are dropped (``auditor.drift.drop_covered``): a swap is reported once.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from auditor.drift.findings import Draft, doc_list, evidence_for, q
from auditor.drift.number_pairs import numbers_rule_pairs, same_amounts
from auditor.drift.readings import SPACING, held, one_name, one_place, shortened
from auditor.drift.text import fold, spelling_key, zipf
from auditor.drift.unattested import UNATTESTED_MIN_VERSIONS, UNATTESTED_ZIPF
from auditor.drift.units import Corpus
from auditor.drift.words import (
    ORDINAL,
    WELL_KNOWN_ZIPF,
    Tok,
    WordUnit,
    acronym_pair,
    content_word,
    derived_form,
    holds,
    inside_name,
    locate,
    span_text,
    word_key,
    word_units,
)
from auditor.rules import (
    NAME_OR_TERM_SUBSTITUTED,
    NAME_SPELLING,
    NAME_TRANSLITERATION,
    NUMBER_MISMATCH,
    PLACE_DRIFT,
)

__all__ = ["candidates", "compare_substitutions", "derived_form", "merged", "unit_drafts", "word_units"]

#: a replaced stretch longer than this (in words, either side) is rewording, not a swap of one
#: name or number for another: its capitalised words cannot be paired reliably
MAX_HUNK_WORDS = 6
#: a unit pair sharing fewer of its words than this is a rewrite of the passage, not a copy or a
#: translation of the same sentence: its capitalised words line up by accident ("Macron's pension
#: reform" against "EU rules"); copies share ~all words, translations of one source a fifth or more
MIN_SHARED_WORDS = 0.2


@dataclass(frozen=True)
class _Candidate:
    """One replaced span: ``ref`` words in the version diffed from, ``var`` words in the other, and
    the keys that say which versions carry which reading."""

    ref: tuple[Tok, ...]
    var: tuple[Tok, ...]
    kind: str  # "name" | "number"
    ref_key: tuple[str, ...]
    var_key: tuple[str, ...]


#: a name replaced by ordinary words is read only in hunks this short (see ``candidates``)
ONE_SIDED_WORDS = 3


def _rare_name(names: Sequence[Tok], lang: str) -> bool:
    """Does a name standing where the other version has ordinary words hold a word rarer than
    ``MOVED_RARE_ZIPF``? A term rendered as a made-up name is ("the hawk-moth" / "Tian'e", "the
    missile" / "Zirkon"); two translators' wordings of one passage use well-known ones ("the year" /
    "the Federation", "those" / "Russians", "the waters" / "the River"), which is no swap."""
    return any(zipf(word_key(t.text), lang) < MOVED_RARE_ZIPF for t in names)


def _anchor(words: Sequence[Tok], lang: str) -> str:
    """What an unchanged stretch next to a hunk anchors it with: "content" (a content word),
    "function" (only function words) or "" (nothing: the hunk touches the start or end)."""
    if not words:
        return ""
    return "content" if any(content_word(t, lang) or t.kind for t in words) else "function"


def candidates(a: Sequence[Tok], b: Sequence[Tok], lang: str = "en") -> list[_Candidate]:
    """Replaced spans between two versions' unit words where a side holds a name or a number that
    the other version does not have anywhere in the unit (a name moved within the sentence is not
    a swap), and the other side holds a name/number of its own or, for names, content words ("the
    hawk-moth" rendered as a made-up name "Tian'e").

    A swap sits in a parallel context: the unchanged words around the hunk must anchor it, with a
    content word on at least one side ("and [the hawk-moth | Tian'e] spreads"); a name replaced by
    ordinary words needs anchors on both sides and a short hunk, since in a rewrite names and words
    trade places all the time."""
    keys_a = {word_key(t.text) for t in a}
    keys_b = {word_key(t.text) for t in b}
    ka = [spelling_key(t.text) for t in a]
    kb = [spelling_key(t.text) for t in b]
    ops = _joined_compounds(difflib.SequenceMatcher(a=ka, b=kb, autojunk=False).get_opcodes(), ka, kb)
    same = sum(i2 - i1 for tag, i1, i2, _, _ in ops if tag == "equal")
    out: list[_Candidate] = []
    if same / (max(len(a), len(b)) or 1) < MIN_SHARED_WORDS:
        return out
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag != "replace" or i2 - i1 > MAX_HUNK_WORDS or j2 - j1 > MAX_HUNK_WORDS:
            continue
        before = _anchor(a[ops[n - 1][1]:ops[n - 1][2]], lang) if n > 0 else ""
        after = _anchor(a[ops[n + 1][1]:ops[n + 1][2]], lang) if n + 1 < len(ops) else ""
        if "content" not in (before, after):
            continue
        ha, hb = a[i1:i2], b[j1:j2]
        if one_place(ha, hb):
            continue  # "the [USA]" / "the [United States]": one place by two of its names
        for kind in ("name", "number"):
            ra = [t for t in ha if t.kind == kind and not held(t, kind, keys_b, keys_a)]
            rb = [t for t in hb if t.kind == kind and not held(t, kind, keys_a, keys_b)]
            if kind == "name" and not (ra and rb):
                # a name the other side carries in part is shortened, not swapped: "Alexis Sanchez" /
                # "Sanchez", the dropped "Alexis" paired with whatever words the diff put beside it
                ra = [t for t in ra if not shortened(a, t, b, hb)]
                rb = [t for t in rb if not shortened(b, t, a, ha)]
            if not ra and not rb:
                continue
            if kind == "name" and max(len(ha), len(hb)) <= ONE_SIDED_WORDS and _rare_name(ra or rb, lang):
                ra = ra or [t for t in ha if content_word(t, lang) and word_key(t.text) not in keys_b]
                rb = rb or [t for t in hb if content_word(t, lang) and word_key(t.text) not in keys_a]
            if ra and rb:
                out.append(_Candidate(tuple(ra), tuple(rb), kind,
                                      tuple(word_key(t.text) for t in ra), tuple(word_key(t.text) for t in rb)))
                break  # one reading per hunk: its names, else its numbers
    moved = _moved_swap(a, b, (keys_a, set(ka)), (keys_b, set(kb)), out, lang)
    if moved is not None:
        out.append(moved)
    return out


#: a name moved within the sentence and swapped is read only for runs this short, holding a word
#: rarer than this (Zipf): with no parallel context around them, runs of common capitalised words
#: ("Department" / "Foreign Ministry", "Defence" / "Defense", "Navy" / "Naval") are rewording, not
#: a swap, and are left out of the count
MOVED_RUN_WORDS = 3
MOVED_RARE_ZIPF = 4.0


def _moved_swap(a: Sequence[Tok], b: Sequence[Tok], keys_a: tuple[set[str], set[str]],
                keys_b: tuple[set[str], set[str]], found: Sequence[_Candidate], lang: str) -> _Candidate | None:
    """A name swapped in a sentence that was also reordered: "in the waters around [Kronstadt]" /
    "In the [Bruyne] water zone" leave no replaced hunk, the two names fall in an insertion and a
    deletion. When each side holds exactly one run of rare names the other lacks anywhere in the
    unit, and no hunk already paired names there, the two runs are one fact told two ways."""
    used = {(t.start, t.end) for c in found for t in (*c.ref, *c.var)}
    ra, rb = _lone_run(a, keys_b, used, lang), _lone_run(b, keys_a, used, lang)
    if ra is None or rb is None:
        return None
    return _Candidate(ra, rb, "name", tuple(word_key(t.text) for t in ra), tuple(word_key(t.text) for t in rb))


def _lone_run(words: Sequence[Tok], other: tuple[set[str], set[str]], used: set[tuple[int, int]],
              lang: str) -> tuple[Tok, ...] | None:
    """The one run of rare names the other version (its word keys, its spelling keys) lacks, or None."""
    runs: list[list[Tok]] = []
    last = -2
    for i, t in enumerate(words):
        if t.kind != "name" or held(t, "name", other[0]) or spelling_key(t.text) in other[1]:
            continue
        if (t.start, t.end) in used:
            return None  # a hunk paired names of this unit already: what is left is its context
        if i == last + 1 and runs and runs[-1][-1].sentence == t.sentence:
            runs[-1].append(t)
        else:
            runs.append([t])
        last = i
    rare = [r for r in runs if any(zipf(word_key(t.text), lang) < MOVED_RARE_ZIPF for t in r)]
    if len(rare) != 1 or len(rare[0]) > MOVED_RUN_WORDS:
        return None
    return tuple(rare[0])


def _joined_compounds(ops: Sequence[tuple[str, int, int, int, int]], ka: Sequence[str],
                      kb: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """The diff with a compound written apart in one version and joined in the other ("Chinese
    American" / "Chinese-American") read as equal, and equal runs merged: such a split alone must
    not leave a swapped name next to it without the words that anchor it."""
    out: list[tuple[str, int, int, int, int]] = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "replace" and "".join(ka[i1:i2]) == "".join(kb[j1:j2]):
            tag = "equal"
        if tag == "equal" and out and out[-1][0] == "equal":
            _, p1, _, q1, _ = out.pop()
            i1, j1 = p1, q1
        out.append((tag, i1, i2, j1, j2))
    return out


def _classify(ref_text: str, var_text: str, kind: str, lang: str, in_name: bool = False) -> tuple[str, str] | None:
    """(rule code, detail) of a swap, or None when the two readings are equivalent. ``in_name``:
    both readings sit inside a longer proper name ("Ministry of [Commerce | Trade]"), which has one
    right form even when its words are common."""
    if kind == "number":
        from auditor.extract.quantities import Quantity, is_rounding, parse_number, parse_quantity

        if _year_written_short(ref_text.strip(), var_text.strip()):
            return None  # "2021-2022" / "2021–22": the year's last two digits
        qa = parse_quantity(ORDINAL.sub("", ref_text), lang)
        qb = parse_quantity(ORDINAL.sub("", var_text), lang)
        if qa is None or qb is None:
            va, vb = parse_number(word_key(ref_text), lang), parse_number(word_key(var_text), lang)
            qa = None if va is None else Quantity(va)
            qb = None if vb is None else Quantity(vb)
        if qa is not None and qb is not None and (
                qa.equals(qb, strict_unit=False) or is_rounding(qa, qb)):
            return None  # the same value in another form or rounded: "1,000" = "1000", 1.39 ≈ 1.4
        return NUMBER_MISMATCH.code, ""
    from auditor.drift.names import DIFFERENT, SAME, SPELLING, TRANSLIT, name_relation

    if one_name(ref_text, var_text):
        return None
    from auditor.extract.gazetteer import _gazetteer

    places = _gazetteer()
    rel = name_relation(*_differing_words(ref_text, var_text))
    if rel.kind == SAME or rel.detail == "Wade-Giles↔pinyin":
        return None  # one name in two romanisations
    if rel.kind == TRANSLIT:
        return NAME_TRANSLITERATION.code, rel.detail
    if rel.kind == SPELLING:
        return NAME_SPELLING.code, rel.detail
    assert rel.kind == DIFFERENT
    if not in_name and min(zipf(word_key(ref_text), lang), zipf(word_key(var_text), lang)) >= WELL_KNOWN_ZIPF:
        return None  # two well-known names ("UK" / "British"): a wording choice; extracted places and
        # organisations among them are compared by their own rules
    if ref_text in places and var_text in places and places[ref_text] != places[var_text]:
        return PLACE_DRIFT.code, ""
    return NAME_OR_TERM_SUBSTITUTED.code, ""


def _year_written_short(a: str, b: str) -> bool:
    """Is one reading a year and the other its last two digits ("2022" / "22", "'22")?"""
    long, short = (a, b) if len(a) >= len(b) else (b, a)
    short = short.lstrip("'’")
    return len(long) == 4 and len(short) == 2 and long.isdigit() and short.isdigit() \
        and long[:2] in ("19", "20") and long.endswith(short)


def _differing_words(a: str, b: str) -> tuple[str, str]:
    """Two readings of as many words without the words they share or only inflect ("Golden [Goblet]
    Awards" / "Golden [Koblet] Award"): a plural is no misspelling of the name around it."""
    wa, wb = SPACING.split(a.strip()), SPACING.split(b.strip())
    if len(wa) != len(wb) or len(wa) < 2:
        return a, b
    keep = [(x, y) for x, y in zip(wa, wb) if word_key(x) != word_key(y) and not derived_form(x, y)]
    return (" ".join(x for x, _ in keep), " ".join(y for _, y in keep)) if keep else (a, a)


def _message(code: str, ref: str, var: str, detail: str, docs: Sequence[str]) -> str:
    where = doc_list(docs)
    if code == NUMBER_MISMATCH.code:
        return f"Number {q(ref)} is {q(var)} in {where}"
    if code == NAME_TRANSLITERATION.code:
        return f"Name {q(ref)} is spelled {q(var)} in {where} (transliteration drift: {detail})"
    if code == NAME_SPELLING.code:
        return f"Name {q(ref)} is spelled {q(var)} in {where} (spelling: {detail})"
    if code == PLACE_DRIFT.code:
        return f"Place {q(ref)} is replaced by {q(var)} in {where}"
    return f"{q(ref)} is replaced by a different name or term {q(var)} in {where}"


def _side(corpus: Corpus, ref: str, c: _Candidate, n: int, held_ref: int, held_var: int) -> str | None:
    """Which reading is right ("ref" or "var"), or None when nothing tells.

    The reference always; else a reading a strict majority of the versions carry against one that
    only a minority does. With no majority (eight MT outputs render one name four ways), a name
    most versions lack is the deviation when the other side is ordinary words: machine translation
    invents names from transliterated words ("the hawk-moth" → "Tian'e"), and agreeing on one is
    no evidence it is right. Then the reading more versions carry, and last the pivot's."""
    if corpus.reference == ref:
        return "ref"
    ref_major, var_major = 2 * held_ref > n, 2 * held_var > n
    if ref_major != var_major:
        return "ref" if ref_major else "var"
    ref_name = any(t.kind for t in c.ref)
    var_name = any(t.kind for t in c.var)
    if n >= 3 and ref_name != var_name:
        return "ref" if var_name else "var"
    if held_ref != held_var:
        return "ref" if held_ref > held_var else "var"
    return "ref" if ref == corpus.pivot else None


def _no_support(corpus: Corpus, c: _Candidate, n: int, held_ref: int, held_var: int, lang: str) -> bool:
    """Two rare names, neither carried by a majority of five or more versions ("Holmon" in three,
    "Hormon" in two, "hormone" in the rest): calling one the other's misspelling would present a
    made-up plurality as the right reading. Both are left to the unattested-name rule (E006)."""
    if corpus.reference is not None or n < UNATTESTED_MIN_VERSIONS or 2 * max(held_ref, held_var) > n:
        return False
    if c.kind != "name" or not all(t.kind == "name" for t in (*c.ref, *c.var)):
        return False
    return all(zipf(word_key(t.text), lang) < UNATTESTED_ZIPF for t in (*c.ref, *c.var))


def compare_substitutions(corpus: Corpus, units: Iterable[WordUnit] | None = None) -> list[Draft]:
    """Substitution drafts for every unit (see the module docstring)."""
    drafts: list[Draft] = []
    for wu in word_units(corpus) if units is None else units:
        drafts.extend(unit_drafts(corpus, wu))
    return merged(drafts)


def merged(drafts: list[Draft]) -> list[Draft]:
    """One draft per swap, its evidence ordered reference side first, then the deviating versions
    (the order every finding keeps; a plain union would interleave the sides)."""
    from auditor.drift.findings import merge

    out = []
    seen: set[tuple[tuple[str, int, int], ...]] = set()
    for d in merge(drafts):
        right = [e for e in d.evidence if e.document not in d.documents]
        wrong = [e for e in d.evidence if e.document in d.documents]
        d.evidence = right + wrong
        spans = tuple(sorted((e.document, e.start, e.end) for e in wrong))
        if spans in seen:
            continue  # the same deviating words against another version's wording: one finding
        seen.add(spans)
        out.append(d)
    return out


def unit_drafts(corpus: Corpus, wu: WordUnit) -> Iterable[Draft]:
    ref = corpus.reference if corpus.reference in wu.docs else (corpus.pivot if corpus.pivot in wu.docs else wu.docs[0])
    yield from _drafts_against(corpus, wu, ref)
    # a reference worded its own way lines up with few versions word for word: they are also
    # diffed against a stand-in, the version most like the others, and a swap is kept only where
    # the reference carries the stand-in's reading and not the other (the reference still decides)
    if ref == corpus.reference:
        for stand_in in _stand_ins(wu, ref):
            yield from _drafts_against(corpus, wu, stand_in, via_stand_in=True)


#: versions diffed as stand-ins for a reference worded its own way: one version's wording may
#: itself stray around the swap ("Guangzhou's first aid" against "the first person in X to help"),
#: and the version most like the others may be the one that swapped
STAND_INS = 8


def _stand_ins(wu: WordUnit, reference: str) -> list[str]:
    """The versions sharing the most words with the unit's other versions (input order on a tie):
    with ``--reference`` the pivot is the reference, so the versions' own common wording needs
    representatives of its own. None with fewer than two versions besides the reference."""
    others = [d for d in wu.docs if d != reference]
    if len(others) < 2:
        return []
    shared = {d: sum(len(wu.keys[d] & wu.keys[o]) for o in others if o != d) for d in others}
    return sorted(others, key=lambda d: -shared[d])[:STAND_INS]


def _drafts_against(corpus: Corpus, wu: WordUnit, ref: str, via_stand_in: bool = False) -> Iterable[Draft]:
    docs, words, keys, lang = wu.docs, wu.words, wu.keys, wu.lang
    reference = corpus.reference
    for other in docs:
        if other == ref or (via_stand_in and other == reference):
            continue
        for c in candidates(words[ref], words[other], lang):
            has_ref = [d for d in docs if holds(keys[d], c.ref_key) and not holds(keys[d], c.var_key)]
            has_var = [d for d in docs if holds(keys[d], c.var_key) and not holds(keys[d], c.ref_key)]
            side: str | None
            if via_stand_in:
                if reference is None or reference not in has_ref:
                    continue
                ref_toks = locate(words[reference], c.ref_key)
                if not ref_toks:
                    continue
                side, base, base_toks = "ref", reference, ref_toks
            else:
                side = _side(corpus, ref, c, len(docs), len(has_ref), len(has_var))
                base, base_toks = ref, c.ref
            if side is None or _no_support(corpus, c, len(docs), len(has_ref), len(has_var), lang):
                continue
            ref_wins = side == "ref"
            if ref_wins:
                right, right_toks, wrong, wrong_toks, deviating = base, base_toks, other, c.var, has_var
            else:
                right, right_toks, wrong, wrong_toks, deviating = other, c.var, ref, c.ref, has_ref
            if not deviating:
                continue
            if reference != right and not any(t.kind for t in (c.var if ref_wins else c.ref)):
                continue  # ordinary words where others have a name: a finding only against a reference
            if numbers_rule_pairs(corpus, right, right_toks, wrong, wrong_toks):
                continue  # the number rules' to judge (different names are never paired: they stay)
            if c.kind == "number" and same_amounts(corpus.sentence_mentions(right, right_toks[0].sentence),
                                                    corpus.sentence_mentions(wrong, wrong_toks[0].sentence)):
                continue
            if acronym_pair(words[right], right_toks, words[wrong], wrong_toks):
                continue  # "NASA" / "National Aeronautics and Space Administration"
            right_text = span_text(corpus, right, right_toks)
            wrong_text = span_text(corpus, wrong, wrong_toks)
            in_name = c.kind == "name" and inside_name(words[right], right_toks, corpus.docs[right].text) and \
                inside_name(words[wrong], wrong_toks, corpus.docs[wrong].text)
            verdict = _classify(right_text, wrong_text, c.kind, lang, in_name)
            if verdict is None:
                continue
            code, detail = verdict
            wrong_key = c.var_key if ref_wins else c.ref_key
            ev = [evidence_for(right, right_toks[0].sentence, right_toks[0].start, right_toks[-1].end, right_text)]
            for d in deviating:  # every deviating version shows where it has the reading
                toks = wrong_toks if d == wrong else locate(words[d], wrong_key)
                if toks:
                    ev.append(evidence_for(d, toks[0].sentence, toks[0].start, toks[-1].end,
                                           span_text(corpus, d, toks)))
            key = ("substitution", fold(right_text), fold(wrong_text))
            # a name given as ordinary words ("Milky Way" / "galaxy") blurs a fact; a made-up name states one
            blurred = code == NAME_OR_TERM_SUBSTITUTED.code and not any(t.kind for t in wrong_toks)
            yield Draft(code, _message(code, right_text, wrong_text, detail, deviating), tuple(deviating), ev, key,
                        severity="major" if blurred else None)
