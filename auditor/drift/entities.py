"""Title/role, organisation, place and product drift.

Organisations, places and products are matched across versions by word overlap of their names
(spelling-variant aware) or acronym ↔ expansion, so "Lima Regional Office of Water and
Sanitation" pairs with "Lima Regional Water and Sanitation Office" and
the difference is reported once as organisation drift. Titles are compared per holder: the same
person called "Premier" in one version and "Prime Minister" in another is title drift.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from auditor.drift.consensus import group_readings
from auditor.drift.findings import Draft, doc_list, q
from auditor.drift.names import DIFFERENT, SPELLING, TRANSLIT, name_relation
from auditor.drift.slots import EntitySpec, Item, build_slots, compare_entities, item_from
from auditor.drift.text import fold, spelling_key, tokens, zipf
from auditor.drift.units import Corpus
from auditor.drift.words import RARE_NAME_ZIPF, abbreviated_word, derived_form, word_key
from auditor.rules import ORGANISATION_DRIFT, PLACE_DRIFT, PRODUCT_DRIFT, TITLE_DRIFT

#: function words ignored when comparing entity names: "the Office of Water" and
#: "Economy Commission" differ only in these
_STOP = frozenset(
    "the of and for on in at to a an de del la el los las y para en le les des du et".split()
)

#: two entity names pair (same slot) when at least this share of the shorter name's content words
#: (compared on 5-letter stems, so "Sanitation"/"Sanitary" and "Regional"/"Regions" agree)
#: occur in the other: "Lima Regional Office of Water and Sanitation" vs "Lima
#: Regional Water and Sanitary Office" shares 4 of 5. Word overlap, never
#: character similarity: "Malaga" and "Managua" look alike letter by letter and share no word.
PAIR_OVERLAP = 0.5


def content_words(text: str) -> list[str]:
    """The words that name the entity, as spelling keys without possessive endings or abbreviation
    dots ("Inter Milan's" = "Inter Milan", "U.S." = "US")."""
    return [spelling_key(word_key(t.text)) for t in tokens(text) if fold(t.text) not in _STOP]


#: a noun and its adjective in a body's or place's name ("Province"/"Provincial",
#: "Region"/"Regional", "Municipal"/"Municipality"): the longer word is the shorter one (its final
#: "e" dropped) plus one of these endings, the shorter one at least ``_MIN_STEM`` letters
_NOUN_ADJECTIVE_ENDINGS = ("al", "ial", "ity")
_MIN_STEM = 5


def _same_word(x: str, y: str) -> bool:
    """Do two content words of entity names name the same thing: equal, an abbreviation of the
    other ("St" / "Saint"), or one the other's adjective or demonym ("Belgium"/"Belgian",
    "Laos"/"Lao", "Province"/"Provincial")?"""
    if x == y or abbreviated_word(x, y):
        return True
    if derived_form(x, y):
        # an irregular stem must share four letters ("Sweden"/"Swedish"), or "Europe" would be
        # "Eurasian"; a short name derives regularly ("Laos"/"Lao", "Cuba"/"Cuban")
        return min(len(x), len(y)) <= 4 or len(os.path.commonprefix([x, y])) >= 4
    short, long_ = sorted((x, y), key=len)
    stem = short[:-1] if short.endswith("e") else short
    return len(stem) >= _MIN_STEM and long_.startswith(stem) and long_[len(stem):] in _NOUN_ADJECTIVE_ENDINGS


def _same_words(a: str, b: str) -> bool:
    """The same content words in any order, each up to :func:`_same_word`, or the same letters
    spaced differently: "Finance Department of Jiangxi Province" = "Jiangxi Provincial Department
    of Finance"."""
    wa, wb = content_words(a), content_words(b)
    if wa and "".join(wa) == "".join(wb):
        return True  # spaced or run together: "Xinhua Net" = "Xinhuanet", "U.S.-China" = "US-China"
    if not wa or len(wa) != len(wb):
        return False
    left = list(wb)
    for x in wa:
        j = next((i for i, y in enumerate(left) if _same_word(x, y)), None)
        if j is None:
            return False
        del left[j]
    return True


def _acronym_of(short: str, long_: str) -> bool:
    """"WHO" is the acronym of "World Health Organization"."""
    s = short.replace(".", "").strip()
    if not (2 <= len(s) <= 8 and s.isupper() and s.isalpha()):
        return False
    words = [t.text for t in tokens(long_) if fold(t.text) not in _STOP]
    initials = "".join(w[0] for w in words).upper()
    return initials == s.upper()


def _stem(w: str) -> str:
    """Crude stem so "Economy"/"Economic", "Information"/"Informatisation" count as shared roots
    for pairing only (never for deciding two names are equal)."""
    return w[:5]


_CONNECTORS = frozenset("of for de del para pour für".split())


def head_word(text: str) -> str | None:
    """The head of a multi-word organisation name: the word before "of/de" ("Office of
    Water"), else the last word ("... Sanitation Office"). Two bodies with different heads
    (an Academy vs a Conference) are different organisations however many words they share."""
    toks = [t.text for t in tokens(text)]
    if len(toks) < 2:
        return None
    for i, t in enumerate(toks):
        if fold(t) in _CONNECTORS and i > 0:
            return _stem(spelling_key(toks[i - 1]))
    return _stem(spelling_key(toks[-1]))


def _org_relate(a: str, b: str) -> float | None:
    score = _entity_relate(a, b)
    if score is None or score >= 95.0:
        return score
    ha, hb = head_word(a), head_word(b)
    if ha and hb and ha != hb:
        return None
    return score


def _entity_relate(a: str, b: str) -> float | None:
    if fold(a) == fold(b) or same_place(a, b):
        return 100.0
    if _acronym_of(a, b) or _acronym_of(b, a):
        return 95.0
    sa, sb = {_stem(w) for w in content_words(a)}, {_stem(w) for w in content_words(b)}
    if not sa or not sb:
        return None
    overlap = len(sa & sb) / min(len(sa), len(sb))
    return 100.0 * overlap if overlap >= PAIR_OVERLAP else None


def _entity_short_form(a: str, b: str) -> bool:
    """"the Commission" / "Fitch" are shortened mentions of a longer name containing them."""
    wa, wb = set(content_words(a)), set(content_words(b))
    return (bool(wa) and wa < wb) or _acronym_of(a, b)


def _entity_equivalent(a: str, b: str) -> bool:
    if _same_words(a, b) or same_place(a, b):
        return True  # one name in other words, or two names of one gazetteer place ("USA" / "US")
    return _acronym_of(a, b) or _acronym_of(b, a) or _entity_short_form(a, b) or _entity_short_form(b, a)


def _sound_alike(a: str, b: str) -> float | None:
    """Another spelling of the same one-word-for-one-word name: a transliteration shift or a typo
    (``name_relation``: "Urumqi" / "Ulumqi", "Qinghai" / "Qnghai"). Only for the fuzzy search in a
    version that lacks the place altogether, where nothing else may stand in its stead."""
    ta, tb = tokens(a), tokens(b)
    if len(ta) != len(tb) or fold(a) == fold(b) or same_place(a, b):
        return None
    if any(x.text.isupper() or y.text.isupper() or derived_form(x.text, y.text) for x, y in zip(ta, tb)):
        return None  # "USA" / "US" abbreviate one name; "Canada" / "Canadian", "Greenland" / "Greenlandic"
    return 1.0 if name_relation(a, b).kind in (TRANSLIT, SPELLING) else None


def _place_ids(a: str, b: str) -> tuple[int | None, int | None]:
    """The gazetteer ids of two place names (None: not in the gazetteer)."""
    from auditor.extract.gazetteer import place_id

    return place_id(a), place_id(b)


def same_place(a: str, b: str) -> bool:
    """Two names of one gazetteer place ("USA" / "United States", "Kiev" / "Kyiv"). Not when they
    are a sound-alike or a typo apart: GeoNames also lists other languages' spellings with their
    accents folded ("Dzerzinsk" for Dzerzhinsk), which in English copy is a misspelling."""
    ga, gb = _place_ids(a, b)
    if ga is None or ga != gb:
        return False
    if a.replace(".", "").isupper() or b.replace(".", "").isupper():
        return True  # an abbreviation: "USA" / "US" / "United States"
    return name_relation(a, b).kind not in (TRANSLIT, SPELLING)


def _known_apart(a: str, b: str) -> bool:
    """Both are gazetteer places, and different ones ("Austria" / "Australia")."""
    ga, gb = _place_ids(a, b)
    return ga is not None and gb is not None and ga != gb


def _own_names_differ(a: str, b: str, stems_a: set[str], stems_b: set[str]) -> bool:
    """Does each name hold a rare word of its own (its stem not among the other's content-word
    stems), a name in its own right, that no such word of the other spells differently? "Tianshan
    District Federation of Trade Unions" and "Chongqing District Federation of Trade Unions" are
    the unions of two places, not two wordings of one."""
    rare_a, rare_b = _rare_own_words(a, stems_b), _rare_own_words(b, stems_a)
    return bool(rare_a and rare_b) and all(name_relation(x, y).kind == DIFFERENT for x in rare_a for y in rare_b)


def _rare_own_words(name: str, other_stems: set[str]) -> list[str]:
    words = [fold(t.text) for t in tokens(name)]
    return [w for w in words if w not in _STOP and w.isalpha() and _stem(spelling_key(w)) not in other_stems
            and zipf(w, "en") < RARE_NAME_ZIPF]


def _make_spec(kind: str, label: str, code: str,
               relate: Callable[[str, str], float | None] = _entity_relate, fuzzy: bool = False) -> EntitySpec:
    def classify(ref: str, var: str) -> tuple[str, str]:
        if _entity_equivalent(ref, var):
            return "", ""
        if fuzzy and not _known_apart(ref, var):
            rel = name_relation(ref, var)
            if rel.kind in (TRANSLIT, SPELLING):
                return code, f"{rel.kind}: {rel.detail}" if rel.detail else rel.kind
        # the words that tell this one from others of its sort ("Commerce" of "Ministry of
        # Commerce") have nothing in common: another body or place, not another name for it
        sa, sb = {_stem(w) for w in content_words(ref)}, {_stem(w) for w in content_words(var)}
        own_a, own_b = sa - sb, sb - sa
        if own_a and own_b and not (sa & sb) - {head_word(ref), head_word(var)} and len(sa & sb) <= 1:
            return code, "different entity"
        if own_a and own_b and _own_names_differ(ref, var, sa, sb):
            return code, "different entity"
        return code, ""

    def message(c: str, ref: str, var: str, detail: str, docs: tuple[str, ...]) -> str:
        if detail == "different entity":
            return f"{label} {q(ref)} is replaced by {q(var)} in {doc_list(docs)}"
        if detail:
            return f"{label} {q(ref)} is spelled {q(var)} in {doc_list(docs)} ({detail})"
        return f"{label} {q(ref)} is named {q(var)} in {doc_list(docs)}"

    return EntitySpec(
        kinds=(kind,), label=label, relate=relate, short_form=_entity_short_form,
        equivalent=_entity_equivalent, classify=classify, message=message, substitution_code=code,
        fuzzy_search=fuzzy, sound_alike=_sound_alike if fuzzy else None,
    )


ORG_SPEC = _make_spec("org", "Organisation", ORGANISATION_DRIFT.code, _org_relate)
PLACE_SPEC = _make_spec("place", "Place", PLACE_DRIFT.code, fuzzy=True)
PRODUCT_SPEC = _make_spec("product", "Product", PRODUCT_DRIFT.code)


def _title_key(text: str) -> list[str]:
    return sorted(content_words(text))


def compare_titles(corpus: Corpus) -> list[Draft]:
    """E001: the same holder carries a different title in another version of the sentence."""
    drafts: list[Draft] = []
    for unit in corpus.units:
        items: dict[str, list[Item]] = {}
        for d in unit.docs:
            its = []
            for m in corpus.unit_mentions(unit, d, ("title",)):
                holder = m.attrs.holder
                if holder:
                    it = item_from(m)
                    it.holder = holder
                    its.append(it)
            items[d] = its

        def relate(a: Item, b: Item) -> float | None:
            if corpus.unit_language(unit, a.doc) != corpus.unit_language(unit, b.doc):
                return None  # titles are words; across languages they never read the same
            rel = name_relation(a.holder, b.holder)
            return None if rel.kind == DIFFERENT else float(rel.score)

        for slot in build_slots(unit.docs, items, relate):
            if len(slot) < 2:
                continue
            ref, devs = group_readings(
                slot, lambda a, b: _title_key(a.text) == _title_key(b.text), corpus.rank, corpus.pivot,
                reference=corpus.reference,
            )
            if ref is None:
                continue
            for g in devs:
                holder = ref.rep.holder
                drafts.append(Draft(
                    code=TITLE_DRIFT.code,
                    message=f"Title of {holder} is {q(ref.rep.text)} but {q(g.rep.text)} in {doc_list(g.docs)}",
                    documents=tuple(g.docs),
                    evidence=[ref.rep.evidence] + [it.evidence for it in g.items],
                    key=("title", fold(holder), tuple(_title_key(ref.rep.text)), tuple(_title_key(g.rep.text))),
                ))
    return drafts


def compare_other_entities(corpus: Corpus) -> list[Draft]:
    """E002-E004 and O001 for organisations, places and products."""
    out: list[Draft] = []
    for spec in (ORG_SPEC, PLACE_SPEC, PRODUCT_SPEC):
        out.extend(compare_entities(corpus, spec))
    return out
