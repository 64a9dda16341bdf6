"""Name drift: is a person's name in one version the same name, a transliteration/phonetic shift, a
typo, or a different person — including a Chinese-script name against its romanisation.

The classification works on tokens (surname, given name), and inside a differing token on the
character edits that turn one spelling into the other:

* transliteration/phonetic: every edit is a known sound-alike substitution (l↔r, n↔ng, s↔sh,
  z↔zh, c↔ch, ph↔f, voicing b↔p d↔t g↔k v↔w, an added/dropped h or doubled letter), a dropped or
  added syllable, or the two tokens are the Wade-Giles and pinyin forms of the same syllables;
* spelling: a small edit (1 for short tokens, 2 for long) keeping the first letter — a typo;
* different: anything else (a substitution of another person).
"""

from __future__ import annotations

import difflib
import functools
import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz.distance import Levenshtein

from auditor.drift.text import fold, has_han, strip_accents
from auditor.rules import NAME_CROSS_SCRIPT, NAME_SPELLING, NAME_SUBSTITUTION, NAME_TRANSLITERATION, rule
from auditor.text import char_pinyin, han_name_parts, romanisation_variants, split_han_name

if TYPE_CHECKING:  # drift.slots imports this module: only the types here
    from auditor.drift.findings import Draft
    from auditor.drift.units import Corpus

SAME, TRANSLIT, SPELLING, DIFFERENT = "same", "transliteration", "spelling", "different"


@dataclass(frozen=True)
class NameRelation:
    kind: str  # same | transliteration | spelling | different
    detail: str = ""  # e.g. "l→r", "Wade-Giles↔pinyin", "dropped syllable"
    cross_script: bool = False
    short_form: bool = False  # one name is a part of the other ("Ruiz" vs "Ana Ruiz")

    @property
    def score(self) -> int:
        """Match strength used to pair names across versions (higher = more surely the same person)."""
        return {SAME: 3, TRANSLIT: 2, SPELLING: 1}.get(self.kind, 0)


_NAME_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def name_tokens(name: str) -> tuple[tuple[str, ...], bool]:
    """(raw lowercase tokens, was Chinese script). A Han name becomes pinyin (surname, given)."""
    name = name.strip()
    if has_han(name):
        # the romanisation extraction shows (auditor.text.romanise): one reading for both stages
        han = "".join(ch for ch in name if has_han(ch))
        if len(han) >= 2:
            return han_name_parts(han), True
        return (char_pinyin(han),), True
    raw = strip_accents(name).casefold().replace("’", "'")
    # a possessive is no part of the name: "Hezbollah's" is Hezbollah
    return tuple(t.removesuffix("'s") for m in _NAME_TOKEN.finditer(raw) if (t := m.group())), False


# ---------------------------------------------------------------- Wade-Giles -> pinyin candidates
_WG_WHOLE = {
    "szu": "si", "ssu": "si", "tzu": "zi", "tz'u": "ci", "erh": "er", "shih": "shi",
    "chih": "zhi", "ch'ih": "chi", "jih": "ri",
}
_WG_INITIALS = (  # longest first
    ("ch'", ("ch", "q")), ("ts'", ("c",)), ("tz'", ("c",)), ("ch", ("zh", "j")), ("hs", ("x",)),
    ("ts", ("z",)), ("tz", ("z",)), ("k'", ("k",)), ("p'", ("p",)), ("t'", ("t",)),
    ("sh", ("sh",)), ("k", ("g",)), ("p", ("b",)), ("t", ("d",)), ("j", ("r",)),
)
_WG_FINALS = (
    ("iung", "iong"), ("ung", "ong"), ("ieh", "ie"), ("ien", "ian"), ("ueh", "ue"), ("ih", "i"),
    ("uei", "ui"),
)


@functools.lru_cache(maxsize=8192)
def _wg_syllable(syl: str) -> frozenset[str]:
    """Pinyin readings of one Wade-Giles syllable (a set: ch/k/p/t initials are ambiguous in WG)."""
    if syl in _WG_WHOLE:
        return frozenset({_WG_WHOLE[syl]})
    initials: tuple[str, ...] = ("",)
    rest = syl
    for wg, py in _WG_INITIALS:
        if syl.startswith(wg):
            initials, rest = py, syl[len(wg):]
            break
    else:
        k = len(syl) - len(syl.lstrip("bcdfghjklmnpqrstvwxyz"))  # the leading consonants
        initials, rest = (syl[:k],), syl[k:]
    for wg, final in _WG_FINALS:
        if rest.endswith(wg):
            rest = rest[: -len(wg)] + final
            break
    out = set()
    for ini in initials:
        r = rest
        if ini in ("g", "k", "h") and r == "o":  # WG ko/k'o/ho = pinyin ge/ke/he
            r = "e"
        if r.startswith("yu") and ini == "":
            r = "you" if r == "yu" else r
        out.add((ini + r).replace("'", ""))
    return frozenset(out)


def _wade_giles_equal(a: str, b: str) -> bool:
    """Are two raw tokens the Wade-Giles and pinyin spellings of the same syllables? The pinyin
    side must read as pinyin: "Koblet" / "Goblet" share WG's k → g and are no romanisation."""
    from auditor.extract.name_shapes import _pinyin_split

    for wg, py in ((a, b), (b, a)):
        sylls = [s for s in wg.split("-") if s]
        if len(sylls) < 1 or len(sylls) > 4:
            continue
        target = fold(py)
        if not _pinyin_split(target, 4):
            continue
        for combo in itertools.product(*(_wg_syllable(s) for s in sylls)):
            if "".join(combo) == target:
                return True
    return False


# ------------------------------------------------------------------------- character-edit analysis
_VOWELS = set("aeiouy")
#: consonant substitutions that transliteration and MT round trips produce (sound-alikes, not typos)
_SOUND_ALIKES = {
    frozenset(p) for p in (("l", "r"), ("b", "p"), ("d", "t"), ("g", "k"), ("v", "w"), ("f", "ph"),
                           ("c", "k"), ("q", "k"), ("x", "sh"), ("j", "zh"), ("q", "ch"), ("ks", "x"))
}
#: an inserted/dropped letter after a given letter that does not change the sound class:
#: n↔ng (Mandarin nasal finals), s/z/c↔sh/zh/ch (flat vs retroflex), a silent h, a doubled letter
_SOUND_INSERTS = {("n", "g"), ("s", "h"), ("z", "h"), ("c", "h"), ("g", "h"), ("k", "h"), ("t", "h")}


#: a token at least this long can take a vowel more or less within one name's shift
_LONG_TOKEN = 6


def _edit_labels(a: str, b: str) -> list[tuple[str, str]] | None:
    """Classify each character edit from ``a`` to ``b`` as ('phonetic'|'syllable'|'vowel', label).

    None when an edit is none of those (then the tokens differ by a plain typo or are different).
    """
    labels: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        x, y = a[i1:i2], b[j1:j2]
        prev = a[i1 - 1] if i1 > 0 else ""
        if tag == "replace":
            if frozenset((x, y)) in _SOUND_ALIKES or (
                # a sound-alike with a silent h on one side: Korean "Lee" ↔ "Rhee", "Pak" ↔ "Phak"
                x.rstrip("h") != x or y.rstrip("h") != y) and frozenset((x.rstrip("h") or x, y.rstrip("h") or y)) in _SOUND_ALIKES:
                labels.append(("phonetic", f"{x}→{y}"))
            elif set(x) <= _VOWELS and set(y) <= _VOWELS:
                labels.append(("vowel", f"{x}→{y}"))
            else:
                return None
            continue
        chunk = x or y  # delete or insert
        if len(chunk) == 1 and ((prev, chunk) in _SOUND_INSERTS or chunk == prev or chunk == "h"):
            labels.append(("phonetic", f"{prev}→{prev}{chunk}" if y else f"{prev}{chunk}→{prev}"))
        elif len(chunk) >= 2 and set(chunk) & _VOWELS:
            labels.append(("syllable", "added syllable" if y else "dropped syllable"))
        elif len(chunk) == 1 and chunk in _VOWELS and max(len(a), len(b)) >= _LONG_TOKEN:
            # a vowel added or dropped in a long name: part of a shift only beside a sound-alike
            # edit ("Aleksandr" / "Alexander"); alone it is a typo. In a short token it changes the
            # syllable: "Lin" / "Liang" are two surnames
            labels.append(("vowel", f"+{chunk}" if y else f"-{chunk}"))
        else:
            return None
    return labels


#: a dropped/added syllable is a transliteration shift only while most of the token survives;
#: "Qingyuan" -> "Qingyu" (75 %) is a clipped romanisation, "Keqiang" -> "Qiang" is another name
_SYLLABLE_KEEP = 0.75


def _token_relation(a: str, b: str) -> tuple[str, str]:
    """Relation of two differing raw name tokens."""
    fa, fb = fold(a), fold(b)
    if fa == fb or romanisation_variants(fa, fb):
        return SAME, ""  # one spelling, or one Cyrillic spelling under two standards ("Sergei"/"Sergey")
    if _wade_giles_equal(a, b):
        return TRANSLIT, "Wade-Giles↔pinyin"
    labels = _edit_labels(fa, fb)
    if labels:
        kinds = {k for k, _ in labels}
        if "syllable" in kinds:
            kept = sum(b.size for b in difflib.SequenceMatcher(a=fa, b=fb, autojunk=False).get_matching_blocks())
            if kept / max(len(fa), len(fb)) >= _SYLLABLE_KEEP and kinds <= {"syllable", "phonetic"} \
                    and sum(1 for k, _ in labels if k == "syllable") == 1:
                return TRANSLIT, next(lbl for k, lbl in labels if k == "syllable")
        elif "phonetic" in kinds:
            # sound-alike consonant edits; a vowel change alongside them is part of the same shift
            return TRANSLIT, ", ".join(lbl for k, lbl in labels if k == "phonetic")
    # Typo-like: one edit for short tokens, two for long ones, first letter kept (typos rarely hit
    # the initial, while a different name usually differs there).
    limit = 1 if max(len(fa), len(fb)) <= 5 else 2
    if fa[:1] == fb[:1] and Levenshtein.distance(fa, fb) <= limit:
        return SPELLING, "typo-like"
    return DIFFERENT, ""


def _han_relation(a: str, b: str) -> NameRelation | None:
    """Two Chinese-script names of the same length that differ in some characters.

    Pinyin alone would call 王建国 and 汪建国 the same name (both "Wang Jianguo"), yet a reader
    sees another character: the drift a round trip through romanisation produces. So, character by
    character: every differing character reads the same (toneless pinyin) or a sound-alike (chen ↔
    cheng) -> transliteration-like; one differing character of a two-character given name with
    another sound -> a typo-like slip; anything else (the surname, or a whole one-character given
    name, with another sound) -> a different person. None when the lengths differ (the pinyin
    token comparison then decides)."""
    ha = "".join(ch for ch in a if has_han(ch))
    hb = "".join(ch for ch in b if has_han(ch))
    if len(ha) != len(hb) or len(ha) < 2 or ha == hb:
        return None
    cut = len(split_han_name(ha)[0])
    diffs = [i for i, (x, y) in enumerate(zip(ha, hb)) if x != y]
    labels: list[str] = []
    for i in diffs:
        pa, pb = char_pinyin(ha[i], surname=i < cut), char_pinyin(hb[i], surname=i < cut)
        if fold(pa) == fold(pb):
            labels.append(f"same-sound character {ha[i]}→{hb[i]} ({pa})")
            continue
        rel, detail = _token_relation(pa, pb)
        if rel == TRANSLIT:
            labels.append(f"sound-alike character {ha[i]}→{hb[i]} ({pa}→{pb})")
            continue
        if len(diffs) == 1 and i >= cut and len(ha) - cut >= 2:
            return NameRelation(SPELLING, f"one character {ha[i]}→{hb[i]}")
        return NameRelation(DIFFERENT)
    return NameRelation(TRANSLIT, "; ".join(labels))


@functools.lru_cache(maxsize=65536)
def name_relation(a: str, b: str) -> NameRelation:
    """How name ``b`` relates to name ``a`` (symmetric up to the direction of the detail label)."""
    if has_han(a) and has_han(b):
        rel = _han_relation(a, b)
        if rel is not None:
            return rel
    ta, han_a = name_tokens(a)
    tb, han_b = name_tokens(b)
    cross = han_a != han_b
    if not ta or not tb:
        return NameRelation(DIFFERENT, cross_script=cross)
    fa, fb = [fold(t) for t in ta], [fold(t) for t in tb]
    if fa == fb or fa == fb[::-1] or "".join(fa) == "".join(fb):
        return NameRelation(SAME, cross_script=cross)
    if set(fa) < set(fb) or set(fb) < set(fa):
        return NameRelation(SAME, cross_script=cross, short_form=True)
    # pair tokens: same count -> in order (or reversed: Chinese vs Western order); otherwise the
    # shorter name against its best window of the longer one
    short, long_, swapped = (ta, tb, False) if len(ta) <= len(tb) else (tb, ta, True)
    candidates = [long_[i:i + len(short)] for i in range(len(long_) - len(short) + 1)]
    if len(ta) == len(tb):
        candidates.append(long_[::-1])
    best: NameRelation | None = None
    for window in candidates:
        pairs = list(zip(short, window)) if not swapped else list(zip(window, short))
        rels = [_token_relation(x, y) for x, y in pairs]
        if any(r == DIFFERENT for r, _ in rels):
            continue
        diffs = [(r, d) for r, d in rels if r != SAME]
        if not diffs:
            rel = NameRelation(SAME, cross_script=cross, short_form=len(ta) != len(tb))
        elif any(r == SPELLING for r, _ in diffs):
            rel = NameRelation(SPELLING, "; ".join(dict.fromkeys(d for _, d in diffs if d)), cross)
        else:
            rel = NameRelation(TRANSLIT, "; ".join(dict.fromkeys(d for _, d in diffs)), cross)
        if best is None or rel.score > best.score:
            best = rel
    return best or NameRelation(DIFFERENT, cross_script=cross)


def romanised(name: str) -> str:
    """Display form of a name's romanisation (pinyin when written in Chinese)."""
    toks, han = name_tokens(name)
    return " ".join(t.capitalize() for t in toks) if han else name


# ------------------------------------------------------------------------------------- comparator
def _relate(a: str, b: str) -> float | None:
    rel = name_relation(a, b)
    if rel.kind == DIFFERENT:
        return None
    # a short form ("Pan") pairs with its full name, but a full-name match is preferred
    return rel.score - (0.5 if rel.short_form else 0.0)


def _short_form(a: str, b: str) -> bool:
    rel = name_relation(a, b)
    return rel.kind == SAME and rel.short_form and len(name_tokens(a)[0]) < len(name_tokens(b)[0])


def _equivalent(a: str, b: str) -> bool:
    return name_relation(a, b).kind == SAME


def _place_adjective(a: str, b: str) -> bool:
    """One reading is a gazetteer place and the other its adjective, the words before the last one
    the same ("South Africa" / "South African insects" read as a name): no spelling slip. Only for
    places: between two people's names "Maria" / "Marian" is a change."""
    from auditor.drift.words import derived_form
    from auditor.extract.gazetteer import place_id

    ta, tb = fold(a).split(), fold(b).split()
    if len(ta) != len(tb) or ta[:-1] != tb[:-1] or ta[-1] == tb[-1] or not derived_form(ta[-1], tb[-1]):
        return False
    return place_id(a) is not None or place_id(b) is not None


def _classify(ref: str, var: str) -> tuple[str, str]:
    rel = name_relation(ref, var)
    if rel.kind == SAME or _place_adjective(ref, var):
        return "", ""
    if rel.cross_script:
        return NAME_CROSS_SCRIPT.code, rel.detail or rel.kind
    by_kind = {TRANSLIT: NAME_TRANSLITERATION, SPELLING: NAME_SPELLING}
    return by_kind.get(rel.kind, NAME_SUBSTITUTION).code, rel.detail


def _message(code: str, ref: str, var: str, detail: str, docs: tuple[str, ...]) -> str:
    where = ", ".join(docs)
    if code == NAME_TRANSLITERATION.code:
        return f'Name "{ref}" is spelled "{var}" in {where} (transliteration drift: {detail})'
    if code == NAME_SPELLING.code:
        return f'Name "{ref}" is spelled "{var}" in {where} (spelling: {detail})'
    if code == NAME_CROSS_SCRIPT.code:
        shown = f'"{ref}" ({romanised(ref)})' if has_han(ref) else f'"{ref}"'
        other = f'"{var}" ({romanised(var)})' if has_han(var) else f'"{var}"'
        return f"Name {shown} appears as {other} in {where} (cross-script mismatch: {detail})"
    return f'Name "{ref}" is replaced by a different name "{var}" in {where}'


def compare_names(corpus: Corpus) -> list[Draft]:
    """Name drift findings (N001-N004) and omitted people (O001) for every aligned unit."""
    from auditor.drift.slots import EntitySpec, compare_entities

    spec = EntitySpec(
        kinds=("person",), label="Name", relate=_relate, short_form=_short_form,
        equivalent=_equivalent, classify=_classify, message=_message, substitution_code=NAME_SUBSTITUTION.code,
        fuzzy_search=True, token_presence=True,
    )
    return _merge_short_variants(compare_entities(corpus, spec, cross_script=True))


def _merge_short_variants(drafts: list[Draft]) -> list[Draft]:
    """One misspelling, one finding: "Villalobos"→"Villarobos" (a surname-only mention) is the same
    drift as "Rodrigo Villalobos"→"Rodrigo Villarobos" in the same versions, so its evidence joins
    the full-name finding instead of standing as a second finding."""
    variants = [d for d in drafts if rule(d.code).kind == "name" and d.key and d.key[0] == "variant"]
    out = []
    for d in drafts:
        if d in variants:
            ref, var = str(d.key[2]), str(d.key[3])
            rt, vt = set(name_tokens(ref)[0]), set(name_tokens(var)[0])
            host = next((h for h in variants if h is not d and h.code == d.code
                         and set(h.documents) >= set(d.documents)
                         and rt < set(name_tokens(str(h.key[2]))[0]) and vt < set(name_tokens(str(h.key[3]))[0])),
                        None)
            if host is not None:
                host.evidence.extend(e for e in d.evidence if e not in host.evidence)
                continue
        out.append(d)
    return out
