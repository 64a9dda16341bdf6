"""Substitutions found without recognising the entity: a name, place, organisation or number swapped
for another in aligned sentences, whether or not any extractor or list knows either side.

Why a second route to names and numbers: the entity comparators only see what the extractor
recognised, so "Lyon" → "Lille" in a copy goes unreported when the gazetteer lacks one of the
two cities, and a machine translation that turns one surname into another is missed when neither
looks like a person to the extractor. Here every aligned unit is diffed word by word between
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
already report on the same span are dropped afterwards (``drop_covered``), so a swap is reported once.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from auditor.drift.findings import Draft, doc_list, evidence_for, q
from auditor.drift.text import fold, has_han, spelling_key, tokens, zipf
from auditor.drift.units import Corpus, Unit
from auditor.model import Document
from auditor.text import base_language

#: a sentence-initial capitalised word the story never capitalises mid-sentence is a name only when
#: rarer than this Zipf frequency ("Tarragona" 2.6, "Hefei" 2.0), not an ordinary word capitalised by
#: position ("Analysts" 3.8, "Officials" 4.7); frequent names are caught where they stand mid-sentence
INITIAL_NAME_ZIPF = 3.0
#: a capitalised word this frequent as a word is not read as a name anywhere ("I'm" 6.2, "You"
#: 7.0); country names stay below it ("China" 5.1, "American" 5.5 is the edge)
COMMON_CAPITALISED_ZIPF = 5.5
#: names this frequent as words on both sides of a swap are well known ("UK" and "British", "US"
#: and "American"): translators pick between them freely, so this route leaves them alone
WELL_KNOWN_ZIPF = 4.5
#: a replaced stretch longer than this (in words, either side) is rewording, not a swap of one
#: name or number for another: its capitalised words cannot be paired reliably
MAX_HUNK_WORDS = 6
#: a unit pair sharing fewer of its words than this is a rewrite of the passage, not a copy or a
#: translation of the same sentence: its capitalised words line up by accident ("Macron's pension
#: reform" against "EU rules"); copies share ~all words, translations of one source a fifth or more
MIN_SHARED_WORDS = 0.2
#: a sentence where at least this share of words is capitalised is a Title Case headline, where
#: capitals do not mark names; there only rare words count
TITLECASE_SHARE = 0.6

_POSSESSIVE = re.compile(r"['’]s$", re.I)
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th|º|ª|°)$", re.I)
#: derivational endings that turn a place name into its adjective or people ("China" → "Chinese",
#: "Italy" → "Italian", "Kenya" → "Kenyan", "Israel" → "Israeli", "Spain"/"Spanish" via the stem)
_DERIVED_ENDINGS = ("n", "an", "ian", "ean", "ese", "ish", "i", "ic", "ans", "ians", "eans", "ns", "s")
#: in a Title Case headline a capitalised word counts as a name only when rarer than this
TITLECASE_NAME_ZIPF = 2.5


@dataclass(frozen=True)
class _Tok:
    """A word of one version's unit text, with its document offsets and sentence."""

    text: str
    start: int
    end: int
    sentence: int
    kind: str  # "name" | "number" | ""


def _key(text: str) -> str:
    """Comparison key: case/accent folded, possessive and ordinal endings and acronym dots dropped
    ("Peru's" = "Peru", "U.S." = "US", "23rd" = "23"); of a hyphenated word with a capitalised
    head only the capitalised parts count ("Asia-focused" = "Asia-centric" = "Asia")."""
    text = _ORDINAL.sub("", _POSSESSIVE.sub("", text))
    parts = re.split(r"[-‐]", text)
    caps = [p for p in parts if p[:1].isupper()]
    if caps and len(caps) < len(parts):
        text = "-".join(caps)
    return fold(text.replace(".", ""))


def derived_form(a: str, b: str) -> bool:
    """Is one word the other's adjective or demonym ("China"/"Chinese", "Italy"/"Italian")?"""
    ka, kb = sorted((_key(a), _key(b)), key=len)
    for stem in {ka, ka[:-1] if ka[-1:] in "aeiouy" else ka}:
        if len(stem) >= 3 and kb.startswith(stem) and kb[len(stem):] in _DERIVED_ENDINGS:
            return True
    return False


def _salience(word: str, initial: bool, titlecase: bool, lang: str, names: frozenset[str]) -> str:
    if any(c.isdigit() for c in word):
        return "number"
    if not word[:1].isupper() or has_han(word):
        return ""
    if len(word) >= 2 and word.replace(".", "").isupper():
        return "name"  # acronym: NATO, U.S., BYD
    plain = word.casefold().replace("’", "'")
    if word == "I" or zipf(plain, lang) >= COMMON_CAPITALISED_ZIPF or (
            "'" in plain and not _POSSESSIVE.search(word) and zipf(plain.split("'")[0], lang) >= COMMON_CAPITALISED_ZIPF):
        return ""  # "I'm", "We've", "You" after a semicolon: capitalised, yet ordinary words
    if initial or titlecase:
        # capitalised by position: a name when the story capitalises it mid-sentence elsewhere
        # or when it is too rare to be an ordinary word ("Analysts" 3.8 is not, "Hefei" 2.0 is)
        if _key(word) not in names and zipf(fold(_POSSESSIVE.sub("", word)), lang) >= INITIAL_NAME_ZIPF:
            return ""
    return "name" if len(word) > 1 else ""


def story_names(doc: Document) -> frozenset[str]:
    """Keys of words a document capitalises mid-sentence (outside Title Case lines): its names."""
    out: set[str] = set()
    for s in doc.sentences:
        toks = tokens(s.text)
        caps = sum(1 for t in toks if t.text[:1].isupper())
        if s.boilerplate or (len(toks) >= 4 and caps / len(toks) >= TITLECASE_SHARE):
            continue
        out.update(_key(t.text) for t in toks[1:]
                   if t.text[:1].isupper() and zipf(_key(t.text), doc.language or "en") < FUNCTION_ZIPF)
    return frozenset(out)


def unit_tokens(corpus: Corpus, unit: Unit, doc: str, lang: str, names: frozenset[str] = frozenset()) -> list[_Tok]:
    """The words of ``doc``'s sentences in ``unit``, each marked name-like, number or neither."""
    out: list[_Tok] = []
    for s in corpus.unit_sentences(unit, doc):
        if s.boilerplate:
            continue
        toks = tokens(s.text)
        caps = sum(1 for t in toks if t.text[:1].isupper())
        titlecase = len(toks) >= 4 and caps / len(toks) >= TITLECASE_SHARE
        for i, t in enumerate(toks):
            for text, start in _parts(t.text, t.start):
                out.append(_Tok(text, s.start + start, s.start + start + len(text), s.index,
                                _salience(text, i == 0 and start == t.start, titlecase, lang, names)))
    return out


def _parts(word: str, start: int) -> list[tuple[str, int]]:
    """A hyphenated word joining a number and a word ("hole-30", "8-foot") is read as its parts,
    so the number is compared as a number; other words stay whole ("start-up", "Jean-Luc")."""
    if "-" not in word or not any(c.isdigit() for c in word):
        return [(word, start)]
    out, pos = [], start
    for part in word.split("-"):
        if part:
            out.append((part, pos))
        pos += len(part) + 1
    return out


@dataclass(frozen=True)
class _Candidate:
    """One replaced span: ``ref`` words in the version diffed from, ``var`` words in the other, and
    the keys that say which versions carry which reading."""

    ref: tuple[_Tok, ...]
    var: tuple[_Tok, ...]
    kind: str  # "name" | "number"
    ref_key: tuple[str, ...]
    var_key: tuple[str, ...]


#: a name replaced by ordinary words is read only in hunks this short (see ``candidates``)
ONE_SIDED_WORDS = 3
#: a word at least this frequent (wordfreq Zipf) is a function word ("the" 7.7, "of" 7.4, "its"
#: 6.3), not the content word a name was replaced by ("moth" 3.4, "image" 5.0)
FUNCTION_ZIPF = 6.0


def _content(t: _Tok, lang: str) -> bool:
    word = t.text.replace("-", "").replace("'", "").replace("’", "")
    return not t.kind and len(word) >= 3 and word.isalpha() and zipf(fold(word), lang) < FUNCTION_ZIPF


def _span_text(corpus: Corpus, doc: str, toks: Sequence[_Tok]) -> str:
    return corpus.docs[doc].text[toks[0].start:toks[-1].end]


def _anchor(words: Sequence[_Tok], lang: str) -> str:
    """What an unchanged stretch next to a hunk anchors it with: "content" (a content word),
    "function" (only function words) or "" (nothing: the hunk touches the start or end)."""
    if not words:
        return ""
    return "content" if any(_content(t, lang) or t.kind for t in words) else "function"


def candidates(a: Sequence[_Tok], b: Sequence[_Tok], lang: str = "en") -> list[_Candidate]:
    """Replaced spans between two versions' unit words where a side holds a name or a number that
    the other version does not have anywhere in the unit (a name moved within the sentence is not
    a swap), and the other side holds a name/number of its own or, for names, content words ("the
    hawk-moth" rendered as a made-up name "Tian'e").

    A swap sits in a parallel context: the unchanged words around the hunk must anchor it, with a
    content word on at least one side ("and [the hawk-moth | Tian'e] spreads"); a name replaced by
    ordinary words needs anchors on both sides and a short hunk, since in a rewrite names and words
    trade places all the time."""
    keys_a = {_key(t.text) for t in a}
    keys_b = {_key(t.text) for t in b}
    ka = [spelling_key(t.text) for t in a]
    kb = [spelling_key(t.text) for t in b]
    ops = difflib.SequenceMatcher(a=ka, b=kb, autojunk=False).get_opcodes()
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
        for kind in ("name", "number"):
            ra = [t for t in ha if t.kind == kind and _key(t.text) not in keys_b]
            rb = [t for t in hb if t.kind == kind and _key(t.text) not in keys_a]
            if not ra and not rb:
                continue
            if kind == "name" and max(len(ha), len(hb)) <= ONE_SIDED_WORDS:
                ra = ra or [t for t in ha if _content(t, lang) and _key(t.text) not in keys_b]
                rb = rb or [t for t in hb if _content(t, lang) and _key(t.text) not in keys_a]
            if ra and rb:
                out.append(_Candidate(tuple(ra), tuple(rb), kind,
                                      tuple(_key(t.text) for t in ra), tuple(_key(t.text) for t in rb)))
                break  # one reading per hunk: its names, else its numbers
    return out


def _classify(ref_text: str, var_text: str, kind: str, lang: str) -> tuple[str, str] | None:
    """(rule code, detail) of a swap, or None when the two readings are equivalent."""
    if kind == "number":
        from auditor.extract.quantities import Quantity, is_rounding, parse_number, parse_quantity

        qa = parse_quantity(_ORDINAL.sub("", ref_text), lang)
        qb = parse_quantity(_ORDINAL.sub("", var_text), lang)
        if qa is None or qb is None:
            va, vb = parse_number(_key(ref_text), lang), parse_number(_key(var_text), lang)
            qa = None if va is None else Quantity(va)
            qb = None if vb is None else Quantity(vb)
        if qa is not None and qb is not None and (
                qa.equals(qb, strict_unit=False) or is_rounding(qa, qb)):
            return None  # the same value in another form or rounded: "1,000" = "1000", 1.39 ≈ 1.4
        return "Q001", ""
    from auditor.drift.names import DIFFERENT, SAME, SPELLING, TRANSLIT, name_relation

    ka, kb = _key(ref_text), _key(var_text)
    if ka == kb or derived_form(ref_text, var_text):
        return None
    pa = {_key(p) for p in re.split(r"[\s‐-]+", ref_text) if p}
    pb = {_key(p) for p in re.split(r"[\s‐-]+", var_text) if p}
    if pa <= pb or pb <= pa:
        return None  # one reading holds the other: "China" / "US-China", "Hubble" / "Hubble Space"
    if ref_text.replace(".", "").isupper() and var_text.replace(".", "").isupper() and (
            ka.startswith(kb) or kb.startswith(ka)):
        return None  # an acronym and its longer form: "US" / "USA", "UN" / "UNSC"
    if _abbreviates(ref_text, var_text) or _abbreviates(var_text, ref_text):
        return None  # "UV" / "ultraviolet", "WHO" / "World Health Organization"
    rel = name_relation(ref_text, var_text)
    if rel.kind == SAME or rel.detail == "Wade-Giles↔pinyin":
        return None  # one name in two romanisations
    if rel.kind == TRANSLIT:
        return "N001", rel.detail
    if rel.kind == SPELLING:
        return "N002", rel.detail
    assert rel.kind == DIFFERENT
    if min(zipf(_key(ref_text), lang), zipf(_key(var_text), lang)) >= WELL_KNOWN_ZIPF:
        return None  # two well-known names ("UK" / "British"): a wording choice; extracted places and
        # organisations among them are compared by their own rules
    from auditor.extract.entities import _gazetteer

    places = _gazetteer()
    if ref_text in places and var_text in places and places[ref_text] != places[var_text]:
        return "E003", ""
    return "E005", ""


def _abbreviates(acronym: str, text: str) -> bool:
    """Is ``acronym`` (all capitals) an abbreviation of ``text``: its words' initials, or for one
    word its first letter and then its other letters in order ("UV" in "ultraviolet")?"""
    from auditor.extract.entities import acronym_matches

    letters = acronym.replace(".", "")
    if len(letters) < 2 or not letters.isupper() or text.replace(".", "").isupper():
        return False
    if acronym_matches(letters, text):
        return True
    word = fold(text)
    if " " in text.strip() or not word.startswith(letters[0].lower()):
        return False
    rest = iter(word[1:])
    return all(ch in rest for ch in letters[1:].lower())


def _message(code: str, ref: str, var: str, detail: str, docs: Sequence[str]) -> str:
    where = doc_list(docs)
    if code == "Q001":
        return f"Number {q(ref)} is {q(var)} in {where}"
    if code == "N001":
        return f"Name {q(ref)} is spelled {q(var)} in {where} (transliteration drift: {detail})"
    if code == "N002":
        return f"Name {q(ref)} is spelled {q(var)} in {where} (spelling: {detail})"
    if code == "E003":
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


def _extracted(corpus: Corpus, doc: str, toks: Sequence[_Tok]) -> set[str]:
    """The kinds of the extracted mentions that cover these words."""
    start, end = toks[0].start, toks[-1].end
    return {m.kind for m in corpus.mentions.get(doc, ()) if m.start <= start and end <= m.end}


def _locate(words: Sequence[_Tok], reading: tuple[str, ...]) -> tuple[_Tok, ...]:
    """The words of a version that carry ``reading`` (its keys in order, within one sentence)."""
    keys = [_key(t.text) for t in words]
    for i, k in enumerate(keys):
        if k != reading[0]:
            continue
        j, found = i, [words[i]]
        for want in reading[1:]:
            j = next((x for x in range(j + 1, len(keys)) if keys[x] == want
                      and words[x].sentence == words[i].sentence), -1)
            if j < 0:
                break
            found.append(words[j])
        else:
            return tuple(found)
    return ()


def _holds(keys: set[str], reading: tuple[str, ...]) -> bool:
    return bool(reading) and all(k in keys for k in reading)


@dataclass(frozen=True)
class WordUnit:
    """One aligned unit's same-language versions, read as words once for both word-level rules."""

    unit: Unit
    lang: str
    docs: tuple[str, ...]
    words: Mapping[str, list[_Tok]]
    keys: Mapping[str, frozenset[str]]


def word_units(corpus: Corpus) -> list[WordUnit]:
    """Every unit's versions grouped by language (two or more per group), as marked words: what
    ``compare_substitutions`` and ``compare_unattested`` both read."""
    known = frozenset().union(*(story_names(doc) for doc in corpus.docs.values()))
    out: list[WordUnit] = []
    for unit in corpus.units:
        by_lang: dict[str, list[str]] = {}
        for d in unit.docs:
            if not corpus.is_version(d):
                continue
            lang = base_language(corpus.unit_language(unit, d))
            if lang in ("zh", "ja", "ko", "und"):
                continue  # word diffs need space-separated words; Han names are the name rules' job
            by_lang.setdefault(lang, []).append(d)
        for lang, docs in by_lang.items():
            if len(docs) >= 2:
                words = {d: unit_tokens(corpus, unit, d, lang, known) for d in docs}
                keys = {d: frozenset(_key(t.text) for t in words[d]) for d in docs}
                out.append(WordUnit(unit, lang, tuple(docs), words, keys))
    return out


def compare_substitutions(corpus: Corpus, units: Sequence[WordUnit] | None = None) -> list[Draft]:
    """Substitution drafts for every unit (see the module docstring)."""
    drafts: list[Draft] = []
    for wu in word_units(corpus) if units is None else units:
        drafts.extend(_unit_drafts(corpus, wu))
    return _merged(drafts)


def _merged(drafts: list[Draft]) -> list[Draft]:
    """One draft per swap, its evidence ordered reference side first, then the deviating versions
    (the order every finding keeps; a plain union would interleave the sides)."""
    from auditor.drift.findings import merge

    out = []
    seen: set[tuple] = set()
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


def _unit_drafts(corpus: Corpus, wu: WordUnit) -> Iterable[Draft]:
    docs, words, keys, lang = wu.docs, wu.words, wu.keys, wu.lang
    ref = corpus.reference if corpus.reference in docs else (corpus.pivot if corpus.pivot in docs else docs[0])
    for other in docs:
        if other == ref:
            continue
        for c in candidates(words[ref], words[other], lang):
            has_ref = [d for d in docs if _holds(keys[d], c.ref_key) and not _holds(keys[d], c.var_key)]
            has_var = [d for d in docs if _holds(keys[d], c.var_key) and not _holds(keys[d], c.ref_key)]
            side = _side(corpus, ref, c, len(docs), len(has_ref), len(has_var))
            if side is None:
                continue
            ref_wins = side == "ref"
            if ref_wins:
                right, right_toks, wrong, wrong_toks, deviating = ref, c.ref, other, c.var, has_var
            else:
                right, right_toks, wrong, wrong_toks, deviating = other, c.var, ref, c.ref, has_ref
            if not deviating:
                continue
            if corpus.reference != ref and not any(t.kind for t in (c.var if ref_wins else c.ref)):
                continue  # ordinary words where others have a name: a finding only against a reference
            kinds = _extracted(corpus, right, right_toks) & _extracted(corpus, wrong, wrong_toks)
            if kinds & {"quantity", "date"}:
                # both readings are extracted quantities or dates: the number rules paired them and
                # judged equivalence with context this route lacks (a share of a stated total, a
                # rounding); different names are never paired by the name rules, so those stay here
                continue
            right_text = _span_text(corpus, right, right_toks)
            wrong_text = _span_text(corpus, wrong, wrong_toks)
            verdict = _classify(right_text, wrong_text, c.kind, lang)
            if verdict is None:
                continue
            code, detail = verdict
            wrong_key = c.var_key if ref_wins else c.ref_key
            ev = [evidence_for(right, right_toks[0].sentence, right_toks[0].start, right_toks[-1].end, right_text)]
            for d in deviating:  # every deviating version shows where it has the reading
                toks = wrong_toks if d == wrong else _locate(words[d], wrong_key)
                if toks:
                    ev.append(evidence_for(d, toks[0].sentence, toks[0].start, toks[-1].end,
                                           _span_text(corpus, d, toks)))
            key = ("substitution", fold(right_text), fold(wrong_text))
            yield Draft(code, _message(code, right_text, wrong_text, detail, deviating), tuple(deviating), ev, key)


#: an unattested name needs this many same-language versions to tell a minority from a variant
UNATTESTED_MIN_VERSIONS = 5
#: ... and is carried by at most this share of them (3 of 8: MT systems sharing one engine's guess)
UNATTESTED_MAX_SHARE = 0.4
#: ... and is rare as a word (below this Zipf frequency): "Tian'e", "Holmon", not "Milky"
UNATTESTED_ZIPF = 3.0


def compare_unattested(corpus: Corpus, units: Sequence[WordUnit] | None = None) -> list[Draft]:
    """Names most versions of a unit do not have anywhere in it (E006).

    The word diff misses a made-up name when the sentence around it is rebuilt; with five or more
    versions of one sentence, a rare capitalised word that few of them carry is itself the signal
    (machine translation turns a transliterated common noun into a name: "the hawk-moth" →
    "Tian'e"). With ``--reference``, a name the reference has is never unattested."""
    from auditor.drift.slots import sentence_evidence

    drafts: list[Draft] = []
    for wu in word_units(corpus) if units is None else units:
        unit, lang, docs, words, keys = wu.unit, wu.lang, wu.docs, wu.words, wu.keys
        if len(docs) >= UNATTESTED_MIN_VERSIONS:
            ref = corpus.reference if corpus.reference in docs else None
            anchor = ref or (corpus.pivot if corpus.pivot in docs else docs[0])
            firsts = {(t.sentence, t.start) for d in docs for t in words[d][:1]}
            for d in docs:
                if d == ref:
                    continue
                flagged: list[list[_Tok]] = []
                last = -2  # index of the last flagged word
                for i, t in enumerate(words[d]):
                    k = _key(t.text)
                    if t.kind != "name" or (t.sentence, t.start) in firsts or zipf(k, lang) >= UNATTESTED_ZIPF:
                        continue
                    holders = [x for x in docs if k in keys[x]]
                    if (ref is not None and ref in holders) or len(holders) > UNATTESTED_MAX_SHARE * len(docs):
                        continue
                    if last == i - 1 and flagged[-1][-1].sentence == t.sentence:
                        flagged[-1].append(t)  # one span for a run of such words: "Alocasia Variegata"
                    else:
                        flagged.append([t])
                    last = i
                for run in flagged:
                    run_keys = [_key(t.text) for t in run]
                    holders = [x for x in docs if all(k in keys[x] for k in run_keys)] or [d]
                    others = [x for x in docs if x not in holders]
                    anchor_doc = anchor if anchor not in holders else others[0]
                    text = _span_text(corpus, d, run)
                    msg = (f"Name {q(text)} in {doc_list(holders)} is not in {len(others)} of the "
                           f"{len(docs)} versions of this sentence (a mistranslated word taken for a name?)")
                    ev = sentence_evidence(corpus, unit, anchor_doc) + [
                        evidence_for(d, run[0].sentence, run[0].start, run[-1].end, text)]
                    drafts.append(Draft("E006", msg, tuple(holders), ev, ("unattested", unit.index, tuple(run_keys))))
    return drafts


def drop_covered(drafts: Sequence[Draft], others: Sequence[Draft]) -> list[Draft]:
    """Substitution drafts with a span another comparator already reports (on either side) are dropped:
    one swap, one finding (the extraction-based one carries the richer message)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    said: dict[tuple[str, int], list[str]] = {}
    for d in others:
        for e in d.evidence:
            spans.setdefault(e.document, []).append((e.start, e.end))
            said.setdefault((e.document, e.sentence), []).append(d.message)
    out = []
    for d in drafts:
        # an unattested name's first evidence is a whole sentence of another version: only its own
        # span counts (any finding in that sentence would otherwise cover it)
        own = [e for e in d.evidence if e.document in d.documents] if d.code == "E006" else d.evidence
        if any(s < w.end and w.start < e for w in own for s, e in spans.get(w.document, ())):
            continue
        # the swap is already named by a finding on the same sentence ("quote attributed to X")
        if any(w.text in m for w in d.evidence[1:] for m in said.get((w.document, w.sentence), ())):
            continue
        out.append(d)
    return out
