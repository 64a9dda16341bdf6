"""pySBD underneath the sentence splitter: which of its rule sets a paragraph gets, where it cuts
(offsets mapped back by counting non-space characters, long paragraphs in windows), and the two speed
paths that give the very same cuts without running it (``MAY_CUT``, ``plain_english_cuts``).

Why apart from ``split``: ``split`` decides what a sentence is for a newsroom (quotes, titles, list
markers, links); this module only asks pySBD, as fast as its output allows.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import Any

import regex

from auditor.text import CJK_PUNCT, HAN, KANA, base_language

#: Languages pySBD has rules for; other languages use its English rules (Latin punctuation) and
#: paragraphs mostly in CJK script use its Chinese rules.
_PYSBD_FALLBACK = "en"

CJK_CHAR = regex.compile(f"[{HAN}{KANA}{CJK_PUNCT}]")
_CJK_SHARE = 0.3


@cache
def segmenter(language: str) -> Any:
    """One pySBD segmenter per language: building one compiles its rule set, ~ms each time."""
    import pysbd
    from pysbd.utils import TextSpan

    _speed_up_english_abbreviations()
    seg = pysbd.Segmenter(language=language, clean=False, char_span=False)

    def sentences_with_char_spans(sentences: list[str]) -> list[Any]:
        r"""pySBD 0.3's sentence-finding loop (which runs even without ``char_span``) with each
        ``re.finditer(re.escape(sent) + "\s*")`` done by ``str.find``: a regex compiled per
        sentence was a third of segmenting time. Same matches: the leftmost occurrence, then the
        next from its end (non-overlapping, as finditer goes), with the whitespace after it
        (``str.isspace`` is the ``\s`` of a str pattern)."""
        text = seg.original_text
        spans = []
        prior_end = 0
        for sent in sentences:
            if not sent:  # an empty pattern matches everywhere: pySBD's own search
                for m in re.finditer(r"\s*", text):
                    if m.end() > prior_end:
                        spans.append(TextSpan(m.group(), m.start(), m.end()))
                        prior_end = m.end()
                        break
                continue
            at = text.find(sent)
            while at >= 0:
                end = at + len(sent)
                while end < len(text) and text[end].isspace():
                    end += 1
                if end > prior_end:
                    spans.append(TextSpan(text[at:end], at, end))
                    prior_end = end
                    break
                at = text.find(sent, end)
        return spans

    seg.sentences_with_char_spans = sentences_with_char_spans
    return seg


@cache
def _speed_up_english_abbreviations() -> None:
    """Skip the English abbreviations a text cannot hold, with pySBD's output unchanged.

    pySBD's abbreviation pass tries each of its ~190 English abbreviations on every paragraph: one
    that occurs as a substring (short ones, "al", "co", "no", "is", always do) costs a regex search,
    plus one whole-text substitution per occurrence ("also", "almost", ... each count) -- most of
    its time, and quadratic in the paragraph. Every substitution it can make replaces the period
    right after the abbreviation, so an abbreviation of letters that never stands before a period
    changes nothing: those are skipped by one substring test, the others take pySBD's own path.
    """
    from pysbd.lang.english import English

    def search(self: Any, text: str) -> str:
        # pySBD 0.3's loop, plus the one ``continue`` marked below
        lowered = text.lower()
        for abbr in self.lang.Abbreviation.ABBREVIATIONS:
            stripped = abbr.strip()
            if stripped not in lowered:
                continue
            if stripped.isalpha() and stripped + "." not in lowered:
                continue  # added: no period after it, nothing to replace
            abbrev_match = re.findall(rf"(?:^|\s|\r|\n){stripped}", text, flags=re.IGNORECASE)
            if not abbrev_match:
                continue
            next_word_start = r"(?<={" + str(re.escape(stripped)) + "} ).{1}"
            char_array = re.findall(next_word_start, text)
            for ind, match in enumerate(abbrev_match):
                text = self.scan_for_replacements(text, match, ind, char_array)
        return text

    global PYSBD_SEARCH
    PYSBD_SEARCH = English.AbbreviationReplacer.search_for_abbreviations_in_string
    English.AbbreviationReplacer.search_for_abbreviations_in_string = search


#: pySBD's own abbreviation search, kept for the test that compares it with ours
PYSBD_SEARCH: Any = None


@lru_cache(maxsize=1)
def _pysbd_languages() -> frozenset[str]:
    from pysbd.languages import LANGUAGE_CODES

    return frozenset(LANGUAGE_CODES)


def rules_language(text: str, language: str) -> str:
    lang = base_language(language)
    if lang in _pysbd_languages():
        return lang
    letters = [c for c in text if c.isalpha()]
    if letters and sum(1 for c in letters if CJK_CHAR.match(c)) / len(letters) >= _CJK_SHARE:
        return "zh"
    return _PYSBD_FALLBACK


#: pySBD's time grows with the square of the text (it rewrites the whole text for each abbreviation
#: it meets): 10k characters take 0.2 s, 160k characters 40 s. Longer paragraphs (an article stored as
#: one line) go through it in windows of this many characters, restarting at the last cut found well
#: inside the window (``_WINDOW_MARGIN`` from its end, where pySBD saw enough of what follows).
_WINDOW = 2000
_WINDOW_MARGIN = 400


def pysbd_cuts(text: str, start: int, end: int, language: str) -> list[int] | None:
    """Sentence ends pySBD finds in ``text[start:end]`` (in windows if long), as offsets into ``text``."""
    cuts: list[int] = []
    pos = start
    while end - pos > _WINDOW:
        window = _pysbd_window_cuts(text, pos, pos + _WINDOW, language)
        if window is None:
            return None
        inside = [c for c in window if c < pos + _WINDOW - _WINDOW_MARGIN]
        if inside:
            cuts += inside
            pos = inside[-1]
        else:  # one sentence longer than the window: look further on, without a cut
            pos += _WINDOW - _WINDOW_MARGIN
    rest = _pysbd_window_cuts(text, pos, end, language)
    return None if rest is None else cuts + rest


def _pysbd_window_cuts(text: str, start: int, end: int, language: str) -> list[int] | None:
    """Sentence ends pySBD finds in ``text[start:end]``, as offsets into ``text``.

    pySBD's own ``char_span`` finds each sentence by a regex search from the start of the text
    (quadratic on long paragraphs; a sentence it cannot find, as after the whitespace changes of pySBD
    issue #83, is silently left out, and older versions gave repeats the first one's offsets, #49).
    Here offsets are mapped instead: pySBD keeps every non-space character in order, so the k-th
    non-space character of its output is the k-th of the paragraph. ``None`` if the output does not
    line up (then the caller falls back to the plain marks)."""
    try:
        pieces = segmenter(language).segment(text[start:end])
    except (IndexError, ValueError, re.error):
        return None  # pySBD has crashed on odd input before (its issues #27, #31, #87)
    cuts: list[int] = []
    pos = start
    for piece in pieces:
        last = -1
        for ch in piece:
            if ch.isspace():
                continue
            while pos < end and text[pos].isspace():
                pos += 1
            if pos >= end or text[pos] != ch:
                return None
            last = pos
            pos += 1
        if last >= 0:
            cuts.append(last + 1)
    while pos < end and text[pos].isspace():
        pos += 1
    return cuts if pos >= end else None


_PLAIN_END = re.compile(r"[。！？!?]+|[.…]+(?=\s)")


def plain_cuts(text: str, start: int, end: int) -> list[int]:
    """Cuts after unambiguous marks only: the fallback when pySBD's output cannot be mapped back."""
    return [m.end() for m in _PLAIN_END.finditer(text, start, end)]


#: What pySBD can cut after or before: end marks of any script, and list markers ("1)", "•", "⁃").
#: A paragraph with none of these before its last character is one sentence (about half of news
#: paragraphs: headlines, subheads, one-sentence paragraphs), and pySBD is ~30x slower than a search.
MAY_CUT = re.compile(r"[.!?。！？…؟।॥۔։።။)）•⁃\n]")


#: A paragraph pySBD's English rules can only cut at its plain end marks: no character any of its
#: other rules reads (brackets, "--" dashes, ellipses, bullets, line breaks, lone apostrophes, other
#: scripts' end marks; parentheses and double quotes only as ``_PLAIN_GROUP`` allows), and every
#: [.!?] ends a word of two or more ASCII letters that is no abbreviation, roman numeral or
#: exclamation word of pySBD's lists, and stands at the paragraph's end or before one space and a
#: capital. Such paragraphs (about one in six of those pySBD would read in the check corpus below)
#: skip pySBD, ~30x slower than this test, with the very cuts it makes: ``bench/bench_ingest.py
#: --check`` segments the fixture, the WMT/MQM and grouping texts, pySBD's golden cases and a
#: scale-bench article with and without both speed paths (2,134 texts, 21,394 sentences: identical).
_NOT_PLAIN = re.compile(
    r"[\n\r()\[\]{}\"“”«»‘…•⁃<>/@#*~|\\。！？؟।॥۔։።။）\x00]|\.\.|--|[.!?][.!?,;:]|(?<!\w)['’]|['’](?!\w)"
)
_PLAIN_GROUP = re.compile(r"\([^()\[\]\"“”\n]{2,}\)|\"[^\"()\n]+\"|“[^“”()\n]+”")
#: what pySBD's list rules take for an item marker: a letter or roman numeral before ")", or a number
_LIST_PAREN = re.compile(r"(?:^|[\s(])(?:[a-z]|[ivxlcdm]+)\)|\d\)", re.I)
_CAPITAL_NEXT = re.compile(r"\s[A-Z]")
_PLAIN_MARK = re.compile(r"(?<![^\s])([A-Za-z]{2,})([.!?])")
_ANY_MARK = re.compile(r"[.!?]")


@cache
def _pysbd_word_lists() -> tuple[frozenset[str], frozenset[str]]:
    """pySBD's English abbreviations and roman numerals (lower case), and its exclamation words."""
    from pysbd.exclamation_words import ExclamationWords
    from pysbd.lang.english import English
    from pysbd.lists_item_replacer import ListItemReplacer

    abbr = English.Abbreviation
    words = {w.strip().lower() for w in (*abbr.ABBREVIATIONS, *abbr.PREPOSITIVE_ABBREVIATIONS,
                                         *abbr.NUMBER_ABBREVIATIONS, *ListItemReplacer.ROMAN_NUMERALS)}
    return frozenset(words), frozenset(ExclamationWords.EXCLAMATION_WORDS)


def plain_english_cuts(text: str, start: int, end: int) -> list[int] | None:
    """The cuts pySBD's English rules make in a plain paragraph (``_NOT_PLAIN``), or None when the
    paragraph is not plain and pySBD must read it."""
    if _NOT_PLAIN.search(text, start, end):
        # parentheses and double quotes are plain too when pySBD's rules for them cannot fire: no end
        # mark inside (its between-punctuation rule), no list marker ("a)", "2)"), and no capital
        # right after the group (its boundary pattern takes such a group as a sentence of its own)
        groups = list(_PLAIN_GROUP.finditer(text, start, end))
        if not groups or any(_ANY_MARK.search(g.group()) or _LIST_PAREN.search(g.group()) or
                             _CAPITAL_NEXT.match(text, g.end(), end) for g in groups):
            return None
        bare = _PLAIN_GROUP.sub(lambda g: "\x00" * len(g.group()), text[start:end])
        if _NOT_PLAIN.search(bare.replace("\x00", "x")):
            return None
    skip, exclaim = _pysbd_word_lists()
    cuts: list[int] = []
    marks = 0
    for m in _PLAIN_MARK.finditer(text, start, end):
        word, mark = m.group(1), m.group(2)
        if word.lower() in skip or word + mark in exclaim:
            return None
        after = m.end()
        if after < end and not (text[after] == " " and after + 1 < end and "A" <= text[after + 1] <= "Z"):
            return None
        cuts.append(after)
        marks += 1
    if len(_ANY_MARK.findall(text, start, end)) != marks:
        return None  # a mark after a digit, a symbol or a one-letter word: pySBD's number and list rules
    if not cuts or cuts[-1] < end:
        cuts.append(end)
    return cuts
