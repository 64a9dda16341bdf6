"""The hand-written rule splitter that auditor used before pySBD (auditor/segment.py at commit e040db3),
kept here only as the "previous" peer of bench/bench_ingest.py. Not used by the package.

``split_sentences(text, start, end)`` returns stripped (start, end) spans within one paragraph.
"""

from __future__ import annotations

import re

_BULLET = re.compile(r"(#{1,6}|>|[•·▪◦‣●○■□–—\-*+]|\d{1,2}[.)]|[\U0001F300-\U0001FAFF\u2600-\u27BF]\ufe0f?)\s+")


# Titles and prefixes: always followed by a name, so never a sentence end (en/es/fr/de).
_TITLE_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "sra", "srta", "dra", "mt", "ft", "gen", "gov", "sen",
    "rep", "col", "lt", "sgt", "capt", "cmdr", "adm", "rev", "hon", "pres", "e.g", "i.e", "cf", "vs",
    "approx", "ud", "uds", "pág", "núm", "av", "avda", "mme", "mlle", "hr", "fig", "vol", "pp", "nr",
    "z.b", "d.h", "u.a", "bzw", "usw", "ca", "nº",
}
# Abbreviations that often end a sentence too ("... Apple Inc. The ..."): a boundary only when the
# next word is a typical sentence opener, as for dotted acronyms.
_SOFT_ABBREVIATIONS = {
    "inc", "ltd", "co", "corp", "bros", "jr", "etc", "al", "no", "nos", "est", "dept", "univ", "assn",
    "ave", "blvd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}
# Words that start a new sentence even after a dotted acronym such as "U.S." ("... in the U.S. The
# next ..."); after an acronym, anything else is read as the acronym's noun phrase continuing.
_SENTENCE_STARTERS = {
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i",
    "you", "but", "and", "or", "so", "yet", "however", "in", "on", "at", "for", "as", "if", "when",
    "while", "after", "before", "there", "here", "his", "her", "their", "our", "my", "el", "la", "los",
    "las", "un", "una", "pero", "en", "le", "les", "der", "die", "das", "ein", "eine",
}

_CLOSERS = "\"'”’»」』）)]›"
_OPENERS = "\"'“‘«「『（(¿¡[‹"
_LATIN_END = ".!?…"
_CJK_END = "。！？!?…；"
#: Full stops and question marks of other scripts (Devanagari danda and double danda, Arabic question
#: mark, Urdu full stop, Armenian, Ethiopic, Myanmar): unambiguous sentence ends with no abbreviation or
#: decimal use, so they split like Chinese marks and a text in those languages is not one long sentence.
_OTHER_END = "।॥؟۔։።။"
_CJK_CHAR = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")

# A terminal mark, then any closing quotes/brackets, then whitespace (Latin) or directly CJK text.
_BOUNDARY = re.compile(
    r"(?P<mark>[.!?…]+|[。！？；]+|[!?]+|[।॥؟۔։።။]+)(?P<close>[\"'”’»」』）)\]›]*)(?P<space>\s*)"
)
_WORD_BEFORE = re.compile(r"([\w.\-'’]+)$")
_DOTTED_ACRONYM = re.compile(r"^(?:[A-Za-z]\.){2,}$|^(?:[A-Z]\.)+[A-Z]$")


def _is_cjk(ch: str) -> bool:
    return bool(_CJK_CHAR.match(ch))


#: A quotation closing within this many characters is kept whole, so a quote that spans sentences
#: stays one unit with its attribution (quote checks compare whole quotations); longer quotations are
#: paragraphs of their own and are split like any text.
QUOTE_SPAN_MAX = 400


_QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "«": "»", '"': '"'}


_QUOTE_OPENERS = re.compile("[" + re.escape("".join(_QUOTE_PAIRS)) + "]")


def _quote_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open, close) indexes of quotations in the paragraph that close within ``QUOTE_SPAN_MAX``."""
    regions = []
    pos = start
    while True:
        m = _QUOTE_OPENERS.search(text, pos, end)
        if m is None:
            return regions
        i = m.start()
        closer = _QUOTE_PAIRS[text[i]]
        j = text.find(closer, i + 1, min(end, i + 1 + QUOTE_SPAN_MAX))
        if j >= 0:
            regions.append((i, j))
            pos = j + 1
        else:
            pos = i + 1


def _boundary_ok(text: str, start: int, m: re.Match[str], end: int) -> bool:
    """Decide whether the terminal mark in ``m`` ends a sentence."""
    mark = m.group("mark")
    after = m.end()
    nxt = text[after] if after < end else ""
    if after >= end:
        return False  # end of paragraph: the caller closes the last sentence anyway
    if any(ch in "。！？；" or ch in _OTHER_END for ch in mark):
        return True  # Chinese (and danda, Arabic ?...) marks end sentences with no space needed
    if not m.group("space"):
        # No space after a Latin mark: decimals (1.39), URLs, "U.S.-China", glued text.
        # Exception: a CJK character directly after "!"/"?" in Chinese text.
        return mark[-1] in "!?" and _is_cjk(nxt)
    if nxt.islower() or nxt in ",;:":
        return False  # "e.g. something", "“Why?” he asked": a lower-case continuation
    if mark.endswith(".") and not m.group("close"):
        word = _WORD_BEFORE.search(text, start, m.start() + 1)
        token = word.group(1) if word else ""
        bare = token.rstrip(".").lower()
        if len(bare) == 1 and token[:1].isupper() and not nxt.isdigit():
            return False  # an initial: "J. K. Rowling", "Donald J. Trump"
        if bare in _TITLE_ABBREVIATIONS:
            return False
        if _DOTTED_ACRONYM.match(token) or bare in _SOFT_ABBREVIATIONS:
            following = re.match(r"[\w’']+", text[after:end])
            return bool(following and following.group(0).lower() in _SENTENCE_STARTERS)
    return True


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans within ``text[start:end]`` (one paragraph), stripped of whitespace and bullets."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    sent_start = start
    regions = _quote_regions(text, start, end)
    for m in _BOUNDARY.finditer(text, start, end):
        mark_end = m.end() - len(m.group("space"))
        # Inside a short quotation whose closing mark is not part of this match: not a boundary.
        if any(o < m.start() and c >= mark_end for o, c in regions):
            continue
        if _boundary_ok(text, sent_start, m, end):
            cut = m.end() - len(m.group("space"))
            spans.append((sent_start, cut))
            sent_start = m.end()
    spans.append((sent_start, end))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        bullet = _BULLET.match(text, s, e)
        if bullet:
            s = bullet.end()
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return _merge_lead_ins(text, out)


def _merge_lead_ins(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Glue a one-word lead-in label ("Shanghai. It is ...") to the sentence it introduces.

    Bold lead-ins and bullet labels end with a period but say nothing alone; as separate units they
    align with anything. One word is the limit: "Una frase." or "He left." are real statements.
    """
    if len(spans) < 2:
        return spans
    s, e = spans[0]
    first = text[s:e]
    words = first.split()
    if len(words) == 1 and first.endswith(".") and not _CJK_CHAR.search(first) and first[:1].isupper():
        return [(s, spans[1][1])] + spans[2:]
    return spans


