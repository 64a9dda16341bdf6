"""Romanisations of Cyrillic names: "Sergei" and "Sergey", "Yuliya" and "Iuliia" are one Russian
name written under two standards, not a misspelling.

English-language copies of one story romanise a Russian or Ukrainian name as their house style or
source has it (wire services differ on й, е, ю, я and the endings -ий/-ый), so the name rules must
not report such pairs as drift, while a changed sound ("Larin" / "Rarin") stays a finding. Which
spellings are standard comes from the romanisation schemas of ``iuliia`` (BGN/PCGN, ICAO passports,
GOST, Wikipedia, Library of Congress, Moscow metro, ... — a maintained set of 20 standards), read
here as a table: each Cyrillic letter (or ending) and the Latin strings the schemas write for it.
Only schemas writing plain ASCII letters are used (English news never writes ž or ĭ), with the soft
and hard signs' marks dropped as news copy drops them. Two Latin spellings are variants when one
Cyrillic spelling yields both under that table (one letter may take another schema's rendering,
as house styles mix them).
"""

from __future__ import annotations

import functools
import json
from importlib import resources

from auditor.text.fold import strip_accents

#: schemas whose Latin output is plain ASCII letters (marks for ь/ъ and separators aside) and that
#: news copy follows; left out: the scholarly and ISO systems with diacritics, GOST systems writing
#: х as "x" or й as "jj", the French-language passport table, the Uzbek schema and Telegram's
#: informal one (ц as "c", х as "h")
SCHEMAS = (
    "ala_lc_alt", "bgn_pcgn", "bgn_pcgn_alt", "bs_2979_alt", "gost_52290", "gost_52535", "icao_doc_9303",
    "mosmetro", "mvd_310", "mvd_782", "wikipedia", "yandex_maps", "yandex_money",
)
#: marks the schemas write for the soft and hard signs or as separators; news copy leaves them out
_MARKS = str.maketrans("", "", "’”ʹʺ·'\"")
_VOWELS = frozenset("аеёиоуыэюя")
#: й follows a vowel in Russian words ("Сергей", "Андрей"); elsewhere its i/y would let any i/y
#: swap pass for a romanisation ("Smith" / "Smyth")
_SHORT_I = "й"
#: names this short are compared as they are: "Li" / "Ly" is no Russian name written two ways
MIN_LETTERS = 4
#: English-language news conventions beside the standards: кс written "x" in names ("Alexei",
#: "Maxim" for Алексей, Максим), as AP and Reuters copy does, and ье written "ie" ("Vasiliev",
#: "Grigoriev" for Васильев, Григорьев, beside BGN/PCGN's "Vasilyev")
NEWS_CONVENTIONS = {"кс": frozenset({"x", "ks"}), "ье": frozenset({"ie", "ye", "e"})}
#: ... and at a word's end: -ия written "ia" (Чувашия "Chuvashia", Якутия "Yakutia", as English
#: writes "Russia"), and the English forms of the given names ending -др, -тр ("Alexander",
#: "Peter" for Александр, Пётр, beside "Aleksandr", "Pyotr")
NEWS_ENDINGS = {"ия": frozenset({"ia", "iya", "iia"}), "др": frozenset({"dr", "der"}),
                "тр": frozenset({"tr", "ter"})}


def _latin(value: str) -> str | None:
    latin = value.translate(_MARKS).lower()
    return latin if latin.isascii() and (latin.isalpha() or latin == "") else None


@functools.cache
def renderings() -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """(Cyrillic letter -> Latin strings, word ending -> Latin strings) over the schemas: every
    ASCII rendering any of them writes. A vowel's rendering in context counts too ("ye" for е
    after a vowel); consonants keep their plain renderings only (a context rule such as "тц" ->
    "ts" + "s" is not a rendering of ц on its own)."""
    letters: dict[str, set[str]] = {}
    endings: dict[str, set[str]] = {}
    root = resources.files("iuliia").joinpath("schemas")
    for name in SCHEMAS:
        schema = json.loads(root.joinpath(f"{name}.json").read_text(encoding="utf-8"))
        for cyr, lat in schema["mapping"].items():
            if (latin := _latin(lat)) is not None:
                letters.setdefault(cyr, set()).add(latin)
        for table, at in (("prev_mapping", -1), ("next_mapping", 0)):
            for pair, lat in (schema.get(table) or {}).items():
                if pair[at] in _VOWELS and (latin := _latin(lat)) is not None:
                    letters.setdefault(pair[at], set()).add(latin)
        for ending, lat in (schema.get("ending_mapping") or {}).items():
            if (latin := _latin(lat)) is not None:
                endings.setdefault(ending, set()).add(latin)
    for cyr, lats in NEWS_CONVENTIONS.items():
        letters.setdefault(cyr, set()).update(lats)
    return ({k: frozenset(v) for k, v in letters.items()}, {k: frozenset(v) for k, v in endings.items()})


@functools.lru_cache(maxsize=65536)
def romanisation_variants(a: str, b: str) -> bool:
    """Are two Latin spellings of a name the same Cyrillic spelling romanised by two standards?

    A walk over both words at once: from positions (i, j) a Cyrillic letter moves to
    (i + len(x), j + len(y)) when it is written x in ``a`` and y in ``b`` (й only after a vowel; an
    ending only at both words' ends); the words are variants when both ends are reached together.
    Case and accents are folded; equal words are not variants (they are one spelling)."""
    fa, fb = strip_accents(a).casefold(), strip_accents(b).casefold()
    if fa == fb or min(len(fa), len(fb)) < MIN_LETTERS:
        return False
    if not (fa.isascii() and fb.isascii() and fa.isalpha() and fb.isalpha()):
        return False
    letters, endings = renderings()
    seen = {(0, 0, False)}
    stack = [(0, 0, False)]
    while stack:
        i, j, after_vowel = stack.pop()
        if i == len(fa) and j == len(fb):
            return True
        for cyr, lats in letters.items():
            if cyr == _SHORT_I and not after_vowel:
                continue
            for x in lats:
                if not fa.startswith(x, i):
                    continue
                for y in lats:
                    if not (x or y) or not fb.startswith(y, j):
                        continue
                    state = (i + len(x), j + len(y), cyr in _VOWELS)
                    if state not in seen:
                        seen.add(state)
                        stack.append(state)
        for lats in _ending_forms().values():
            if fa[i:] in lats and fb[j:] in lats:
                return True
    return False


@functools.cache
def _ending_forms() -> dict[str, frozenset[str]]:
    """Each ending ("ий", "ый") written as an ending or letter by letter: "Navalnyy" / "Navalny";
    with the news conventions' endings (``NEWS_ENDINGS``)."""
    letters, endings = renderings()
    out = {}
    for ending, lats in endings.items():
        first, second = ending[0], ending[1]
        spelled = {x + y for x in letters.get(first, ()) for y in letters.get(second, ())}
        out[ending] = frozenset(lats | spelled)
    for ending, lats in NEWS_ENDINGS.items():
        out[ending] = out.get(ending, frozenset()) | lats
    return out
