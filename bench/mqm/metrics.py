"""Metric code of the MQM dev benchmark: pairwise ranking accuracy and error-span matching.

Kept apart from the bench script so it can be unit-tested on hand-made inputs and reused by whoever
recalibrates the scorer. MQM scores here are Google's averages: 0 is a perfect segment, each Major
error costs 5 and each Minor 1, so *higher is better*, like every metric score compared with them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache


def mean_rated(scores: Iterable[float | None]) -> float | None:
    """Mean of the rated (non-None) scores; None when nothing is rated."""
    rated = [s for s in scores if s is not None]
    return sum(rated) / len(rated) if rated else None


def pairwise_agreement(human: Mapping[str, float | None], metric: Mapping[str, float | None]) -> tuple[int, int]:
    """(agreeing, counted) system pairs. A pair counts when both systems have a human and a metric
    score and the human scores differ (MQM ties are skipped); it agrees when the metric orders it the
    same way. A metric tie on a pair humans separate does not agree (the metric failed to decide).
    A metric score of None (e.g. a version the audit set aside) ranks below every number."""
    names = sorted(n for n in human if human[n] is not None and n in metric)
    agree = counted = 0
    for a, b in itertools.combinations(names, 2):
        ha, hb = human[a], human[b]
        if ha == hb:
            continue
        ma, mb = _key(metric[a]), _key(metric[b])
        counted += 1
        if ma != mb and (ha > hb) == (ma > mb):
            agree += 1
    return agree, counted


def _key(x: float | None) -> float:
    return float("-inf") if x is None else x


def pooled_accuracy(parts: Iterable[tuple[int, int]]) -> float | None:
    """Pairwise accuracy pooled over groups (documents): total agreeing pairs / total counted pairs."""
    agree = counted = 0
    for a, c in parts:
        agree += a
        counted += c
    return agree / counted if counted else None


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Half-open char spans share at least one character (touching ends do not overlap)."""
    return a[0] < b[1] and b[0] < a[1]


# --------------------------------------------------------------------------- names and numbers

NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds "
    "thousand thousands million millions billion billions trillion trillions dozen dozens half "
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth twentieth hundredth "
    "thousandth millionth billionth".split()
)
_WORD = re.compile(r"[^\W_][\w'’.\-]*")
_PRONOUN_I = re.compile(r"I(?:['’](?:m|ve|d|ll))?$")
#: A capitalised segment-initial word at least this frequent in English (wordfreq Zipf scale: 5 is
#: once per 100k words) is an ordinary word capitalised by position ("The", "But", "Today"), not a
#: name; rarer ones ("Einstein", "Nantes") still count.
COMMON_ZIPF = 5.5


@lru_cache(maxsize=65536)
def _common(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en") >= COMMON_ZIPF


#: German number words (WMT21 en-de targets): the units, tens and scales a number is built from
#: ("fünfundzwanzig", "zweihundert", "Millionen" match by their parts)
GERMAN_NUMBER_RE = re.compile(
    r"(?:ein|eins|eine|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|vierzig|"
    r"fünfzig|sechzig|siebzig|achtzig|neunzig|hundert|tausend|und|zehn)+e?|(?:million|milliarde|billion)(?:en)?|"
    r"dutzend|halb|hälfte|null|(?:erst|zweit|dritt|viert|fünft|sechst|siebt|acht|neunt|zehnt)(?:e|er|en|es)",
    re.IGNORECASE)


@lru_cache(maxsize=65536)
def _unknown(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "de") == 0 and zipf_frequency(word.lower(), "en") == 0


def name_number_tokens(segment: str, lang: str = "en", source: str | None = None) -> list[tuple[int, int, str]]:
    """Name-like and number tokens of a segment: (start, end, token).

    English: a token counts when it holds a digit, is a number word, or starts with a capital letter,
    except the pronoun "I" and a very common word capitalised only because it opens the segment.
    German capitalises every noun, so there a capitalised token counts only when the English
    ``source`` segment holds it too (names are carried over: "Hubble", "NASA", "Biased Chains") or
    neither language's word list knows it (a made-up or garbled name); number words are German's."""
    out = []
    first = True
    source_words = {m.group().rstrip(".'’-") for m in _WORD.finditer(source or "")}
    for m in _WORD.finditer(segment):
        tok = m.group().rstrip(".'’-")
        if not tok:
            continue
        is_first, first = first, False
        if lang == "de":
            number = any(ch.isdigit() for ch in tok) or GERMAN_NUMBER_RE.fullmatch(tok) is not None
            name = tok[0].isupper() and (tok in source_words or _unknown(tok))
        else:
            number = any(ch.isdigit() for ch in tok) or tok.lower() in NUMBER_WORDS
            name = tok[0].isupper() and not _PRONOUN_I.match(tok) and not (is_first and _common(tok))
        if number or name:
            out.append((m.start(), m.start() + len(tok), tok))
    return out


def has_name_or_number(segment: str, start: int, end: int, lang: str = "en", source: str | None = None) -> bool:
    """Whether the span ``segment[start:end]`` overlaps a name-like or number token of the segment."""
    return any(overlaps((s, e), (start, end)) for s, e, _ in name_number_tokens(segment, lang, source))


#: a span is *on* names/numbers (not merely touching one) when it is this short and at least half
#: its words are name-like or number tokens: "Tian'e", "White Star Alocasia", "minus 120", as
#: opposed to a mistranslated clause that happens to contain a capitalised word
NAME_SPAN_MAX_WORDS = 6


def on_name_or_number(segment: str, start: int, end: int, lang: str = "en", source: str | None = None) -> bool:
    """Whether the span ``segment[start:end]`` is itself a name or number (see NAME_SPAN_MAX_WORDS)."""
    words = [m for m in _WORD.finditer(segment[start:end]) if m.group().rstrip(".'’-")]
    if not words or len(words) > NAME_SPAN_MAX_WORDS:
        return False
    hits = sum(1 for s, e, _ in name_number_tokens(segment, lang, source) if overlaps((s, e), (start, end)))
    return 2 * hits >= len(words)


# --------------------------------------------------------------------------- detection scores

Unit = Hashable  # identifies one segment of one version, e.g. (doc key, system, segment index)


@dataclass(frozen=True)
class Spot:
    """A char span on one segment of one version."""

    unit: Unit
    start: int
    end: int


@dataclass(frozen=True)
class Detection:
    recall: float | None
    precision: float | None
    positives: int
    found: int
    flagged: int
    flagged_on_errors: int


def detection_scores(positives: Sequence[Spot], flagged: Sequence[Spot], human: Sequence[Spot]) -> Detection:
    """Recall: share of ``positives`` overlapped by at least one flagged span of the same unit.
    Precision: share of ``flagged`` spans overlapping any ``human`` error span of their unit (every
    category counts: a flag on a real error of another kind is not a false alarm)."""
    by_unit: dict[Unit, list[tuple[int, int]]] = {}
    for f in flagged:
        by_unit.setdefault(f.unit, []).append((f.start, f.end))
    human_by_unit: dict[Unit, list[tuple[int, int]]] = {}
    for h in human:
        human_by_unit.setdefault(h.unit, []).append((h.start, h.end))
    found = sum(1 for p in positives if any(overlaps((p.start, p.end), f) for f in by_unit.get(p.unit, ())))
    good = sum(1 for f in flagged if any(overlaps((f.start, f.end), h) for h in human_by_unit.get(f.unit, ())))
    return Detection(
        recall=found / len(positives) if positives else None,
        precision=good / len(flagged) if flagged else None,
        positives=len(positives), found=found, flagged=len(flagged), flagged_on_errors=good,
    )


def minority_tokens(segments: Mapping[str, str], lang: str = "en",
                    source: str | None = None) -> dict[str, list[tuple[int, int, str]]]:
    """The baseline peer: per version, the name-like/number tokens of its segment that fewer than half
    of the other versions' segments (same position) contain as a token (case-sensitive)."""
    tokens = {name: name_number_tokens(text, lang, source) for name, text in segments.items()}
    words = {name: {m.group().rstrip(".'’-") for m in _WORD.finditer(text)} for name, text in segments.items()}
    out: dict[str, list[tuple[int, int, str]]] = {}
    for name, toks in tokens.items():
        others = [n for n in segments if n != name]
        flagged = []
        for s, e, tok in toks:
            have = sum(1 for n in others if tok in words[n])
            if others and have < len(others) / 2:
                flagged.append((s, e, tok))
        out[name] = flagged
    return out
