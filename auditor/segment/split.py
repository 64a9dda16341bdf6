"""Cut documents into paragraphs and sentences that keep their exact place in ``Document.text``.

Paragraphs: every non-blank line is a paragraph, except that hard-wrapped prose (a line that runs on
into a lower-case continuation, or a block of uniformly wrapped lines) is joined back. News exports mix
blank-line and single-newline paragraphs, and headlines/subheads are lines without final punctuation,
so "one line, one paragraph" is what keeps a headline from swallowing the first sentence.

Sentences: pySBD (the Python port of pragmatic_segmenter's rules) for every language it has rules for,
its English rules for other Latin-script text and its Chinese rules for other CJK text, with our own
layer over it for what it lacks (``_adjust_cuts``): a closing quote glued to 。！？ stays with its
sentence, no cut inside a short quotation or a book title 《…》, after a name title ("Sr.", "Dra."),
after a list marker alone ("• 9.", "a.") or a clock time with its preposition ("At 5 a.m."), inside a
URL, or at a wrapped line break. Offsets are mapped from pySBD's output by
counting non-space characters, never searched for, so ``doc.text[s.start:s.end] == s.text`` always
holds. ``bench/bench_ingest.py`` compares
this with pySBD alone, sentencex and our previous rule splitter on the public golden cases of
tests/data/segmentation/ (pySBD's golden rules in en/es/zh, pragmatic_segmenter's ja): ours 92/94,
pySBD 91/94, sentencex 82/94, the previous splitter 60/94. The price is speed: pySBD splits ~2k
sentences/s where the previous rules did ~37k, so paragraphs with no end mark before their last
character (headlines, one-sentence paragraphs) skip it, so do English paragraphs none of its special
rules can touch (``plain_english_cuts``), and its English abbreviation pass skips the abbreviations a
paragraph never puts a period after (``pysbd_cuts._speed_up_english_abbreviations``): the same cuts, ~4x faster on
long English text (``bench/bench_ingest.py --check`` compares both ways).

Language is identified per paragraph (documents mix languages: a Chinese summary above an English
body); paragraphs too short to tell inherit the document's dominant language.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace

from auditor.gcpolicy import collecting_less
from auditor.model import Document, Paragraph, Sentence
from auditor.segment.langid import MIN_CONFIDENCE, guess_language
from auditor.segment.paragraphs import _BULLET, paragraph_spans
from auditor.segment.pysbd_cuts import CJK_CHAR, MAY_CUT, plain_cuts, plain_english_cuts, pysbd_cuts, rules_language
from auditor.text import UNDETERMINED

# --------------------------------------------------------------------------- sentences

_CLOSERS = "\"'”’»」』》〉）)]›】"
#: A cut right after one of these marks may be followed by closing quotes that belong to the sentence.
_ENDS = ".!?…。！？；؟।॥۔։።။"

#: A quotation closing within this many characters is kept whole, so a quote that spans sentences
#: stays one unit with its attribution (quote checks compare whole quotations); longer quotations are
#: paragraphs of their own and are split like any text. Book-title marks 《》〈〉 never hold a boundary.
QUOTE_SPAN_MAX = 400

_QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "«": "»", '"': '"', "《": "》", "〈": "〉"}
_QUOTE_OPENERS = re.compile("[" + re.escape("".join(_QUOTE_PAIRS)) + "]")


def _quote_regions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open, close) indexes of quotations and titles in the paragraph that close within ``QUOTE_SPAN_MAX``."""
    regions: list[tuple[int, int]] = []
    pos = start
    while True:
        m = _QUOTE_OPENERS.search(text, pos, end)
        if m is None:
            return regions
        i = m.start()
        j = text.find(_QUOTE_PAIRS[text[i]], i + 1, min(end, i + 1 + QUOTE_SPAN_MAX))
        if j >= 0:
            regions.append((i, j))
            pos = j + 1
        else:
            pos = i + 1


#: Titles that stand before a name, never at a sentence end. pySBD knows them for English but its
#: Spanish rules cut "El Sr. | García", "La Dra. | Pérez", "El Ing. | Soto", and other languages'
#: rules know none of the English ones ("Mr. | Smith" inside a Spanish paragraph).
_NAME_TITLES = frozenset(
    "mr mrs ms messrs dr dra prof sr sra srta sres lic ing gral arq excmo mme mlle capt cmdr gen gov "
    "sen rep rev sgt lt col maj adm".split()
)
_TITLE_BEFORE = re.compile(r"(?<![\w.])([^\W\d_]+)\.\s*$")


#: A list item's marker alone ("• 9.", "a.", "1.)", "iv."): pySBD cuts after it when the item is a
#: line of its own, as every item is here (paragraphs are split first).
_LIST_MARKER = re.compile(
    r"\s*(?:[•·▪◦‣●○■□–—\-*+⁃]\s*)?(?:\d{1,3}|[A-Za-z]|[ivxlcdmIVXLCDM]{1,6})[.)]{1,2}\s*$"
)


_LINK = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)\S+|[\w.+-]+@[\w-]+\.\S+|[\w.~-]*/[\w.~-]", re.I)


def _inside_link(text: str, start: int, cut: int, end: int) -> bool:
    """The cut splits a URL, e-mail address or path ("...tram?|utm_source=...", "../|../"): not a
    boundary. (Chinese needs no space after 。, so only tokens with a link shape count.)"""
    if cut >= end or text[cut].isspace() or text[cut - 1].isspace() or CJK_CHAR.match(text[cut - 1]):
        return False
    s = cut
    while s > start and not text[s - 1].isspace():
        s -= 1
    e = cut
    while e < end and not text[e].isspace():
        e += 1
    return _LINK.search(text, s, e) is not None


def _wrapped_line_break(text: str, start: int, cut: int, end: int) -> bool:
    """pySBD cuts at every line break; inside a paragraph a line break without an end mark before
    it is hard-wrapped prose that ``paragraph_spans`` joined on purpose."""
    nxt = cut
    while nxt < end and text[nxt].isspace() and text[nxt] != "\n":
        nxt += 1
    if nxt >= end or text[nxt] != "\n":
        return False
    prev = cut
    while prev > start and text[prev - 1].isspace():
        prev -= 1
    return prev > start and text[prev - 1] not in _ENDS + _CLOSERS


#: A clock time with its preposition alone ("At 5 a.m.") opens a sentence and cannot be one: pySBD
#: cuts "At 5 a.m. | Mr. Smith went to the bank." because a name follows the abbreviation.
_TIME_ADVERBIAL = re.compile(
    r"\s*(?:at|by|from|until|till|before|after|around|about|since|a las|a la|hasta las|desde las)\s+"
    r"\d{1,2}(?:[:.]\d{2})?\s*[ap]\.\s?m\.\s*$",
    re.I,
)


def _after_title(text: str, start: int, cut: int, end: int) -> bool:
    """The cut follows a name title ("Sr.") and a capitalised word follows: not a boundary."""
    m = _TITLE_BEFORE.search(text, max(start, cut - 12), cut)
    if m is None or m.group(1).lower() not in _NAME_TITLES:
        return False
    nxt = cut
    while nxt < end and text[nxt].isspace():
        nxt += 1
    return nxt < end and text[nxt].isupper()


def _adjust_cuts(text: str, start: int, end: int, cuts: list[int]) -> list[int]:
    """Our layer over pySBD: a closing quote or bracket glued to a sentence end stays with that
    sentence (pySBD's Chinese rules cut “这很好！|”然后), no cut falls inside a short quotation or a
    book title (《摔跤吧！爸爸》), and none after a name title, a lone list marker, a clock time with
    its preposition, inside a link, or at a wrapped line break (each rule's reason is by its helper)."""
    regions = _quote_regions(text, start, end)  # ordered and disjoint
    opens = [o for o, _ in regions]
    out: list[int] = []
    for cut in cuts:
        previous = out[-1] if out else start
        if _after_title(text, start, cut, end) or _LIST_MARKER.match(text, previous, cut):
            continue
        if _TIME_ADVERBIAL.match(text, previous, cut):
            continue
        if _inside_link(text, start, cut, end) or _wrapped_line_break(text, start, cut, end):
            continue
        if _glued_ellipsis(text, cut, end):
            continue
        if cut - start > 0 and text[cut - 1] in _ENDS:
            while cut < end and text[cut] in _CLOSERS:
                cut += 1
        inside = bisect_left(opens, cut) - 1  # the last quotation opened before the cut
        if cut >= end or (inside >= 0 and cut <= regions[inside][1]):
            continue
        if not out or cut > out[-1]:
            out.append(cut)
    return out


def _glued_ellipsis(text: str, cut: int, end: int) -> bool:
    """An ellipsis with no space after it joins what follows: pySBD cuts a range written with one
    ("+13...+15 degrees", as Russian copy writes it) between its dots."""
    if cut >= end or text[cut].isspace() or text[cut - 1] not in ".…":
        return False
    return text[cut] in ".…" or text[cut - 1] == "…" or text[cut - 2:cut] == ".."


def split_sentences(
    text: str, start: int = 0, end: int | None = None, language: str = UNDETERMINED
) -> list[tuple[int, int]]:
    """Sentence spans within ``text[start:end]`` (one paragraph in ``language``), stripped of
    whitespace and leading bullet markers. Boundaries are pySBD's, adjusted by ``_adjust_cuts``;
    offsets are computed, never searched for, so ``text[s:e]`` is always the sentence."""
    end = len(text) if end is None else end
    if start >= end or text[start:end].isspace():
        return []
    if MAY_CUT.search(text, start, end - 1) is None:
        cuts: list[int] | None = []  # no mark before the last character: one sentence, pySBD not needed
    else:
        rules = rules_language(text[start:end], language)
        cuts = plain_english_cuts(text, start, end) if rules == "en" else None
        if cuts is None:
            cuts = pysbd_cuts(text, start, end, rules)
    if cuts is None:
        cuts = plain_cuts(text, start, end)
    bounds = [start] + _adjust_cuts(text, start, end, cuts) + [end]
    out = []
    for s, e in zip(bounds, bounds[1:]):
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
    if len(words) == 1 and first.endswith(".") and not CJK_CHAR.search(first) and first[:1].isupper():
        return [(s, spans[1][1])] + spans[2:]
    return spans


# --------------------------------------------------------------------------- documents


def _dominant_language(guesses: Iterable[tuple[str, float, int]]) -> str:
    weights: Counter[str] = Counter()
    for lang, score, size in guesses:
        if lang != UNDETERMINED and score >= MIN_CONFIDENCE:
            weights[lang] += size
    if not weights:
        return UNDETERMINED
    return sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


#: ``splitter(text, start, end, language)``: sentence spans of one paragraph.
Splitter = Callable[[str, int, int, str], "list[tuple[int, int]]"]


def segment_document(doc: Document, *, splitter: Splitter | None = None) -> Document:
    """Paragraphs, sentences, languages and boilerplate flags for one document (pure).

    ``splitter(text, start, end, language)`` may replace ``split_sentences`` (the benchmark swaps in
    its peers).
    """
    from auditor.segment.boilerplate import classify_paragraphs

    text = doc.text
    spans = paragraph_spans(text)
    guesses = [guess_language(text[s:e]) for s, e in spans]
    dominant = _dominant_language((g.lang, g.score, e - s) for g, (s, e) in zip(guesses, spans))
    languages = []
    for g in guesses:
        if g.lang != UNDETERMINED and g.score >= MIN_CONFIDENCE:
            languages.append(g.lang)
        else:
            languages.append(dominant if dominant != UNDETERMINED else g.lang)
    split = splitter or split_sentences
    sentence_spans = [split(text, s, e, lang) for (s, e), lang in zip(spans, languages)]
    reasons = classify_paragraphs(doc, spans, sentence_spans, languages)
    paragraphs: list[Paragraph] = []
    sentences: list[Sentence] = []
    for p_index, ((s, e), lang, reason, sents) in enumerate(zip(spans, languages, reasons, sentence_spans)):
        paragraphs.append(Paragraph(p_index, s, e, lang, reason is not None, reason))
        for ss, se in sents:
            sentences.append(
                Sentence(doc.id, len(sentences), p_index, ss, se, text[ss:se], lang, reason is not None, reason)
            )
    content = [(p.language, 1.0, p.end - p.start) for p in paragraphs if not p.boilerplate]
    language = _dominant_language(content) if content else dominant
    seen: dict[str, int] = {}
    for p in paragraphs:
        if not p.boilerplate and p.language != UNDETERMINED:
            seen[p.language] = seen.get(p.language, 0) + (p.end - p.start)
    langs = tuple(sorted(seen, key=lambda k: (-seen[k], k)))
    return replace(
        doc,
        language=language,
        languages=langs,
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
    )


@collecting_less  # a long document's sentences are millions of objects: see gcpolicy
def segment_all(docs: Iterable[Document], *, splitter: Splitter | None = None) -> list[Document]:
    """Segment every document, then mark lines repeated across unrelated documents as boilerplate."""
    from auditor.segment.repeated import mark_repeated_lines

    return mark_repeated_lines([segment_document(d, splitter=splitter) for d in docs])
