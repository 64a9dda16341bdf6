"""Cut documents into paragraphs and sentences that keep their exact place in ``Document.text``.

Paragraphs: every non-blank line is a paragraph, except that hard-wrapped prose (a line that runs on
into a lower-case continuation, or a block of uniformly wrapped lines) is joined back. News exports mix
blank-line and single-newline paragraphs, and headlines/subheads are lines without final punctuation,
so "one line, one paragraph" is what keeps a headline from swallowing the first sentence.

Sentences: our own rule splitter (see ``split_sentences``), kept after comparing it with sentencex and
pysbd (``bench/bench_ingest.py`` prints the comparison): on the golden tricky cases of the tests it gets
8/8, sentencex 7/8 and pysbd 5/8; on the fixture sentencex leaves whole bullet lists unsplit and cuts
template paths apart, and pysbd splits "Sr." in Spanish and separates a Chinese closing quote from its
sentence. The rules handle decimals (1.39), currency (US$139 million), abbreviations and initials,
quotes that end or span sentences, Chinese 。！？ followed by closing quotes, and bullets. Offsets are
computed, never searched for, so ``doc.text[s.start:s.end] == s.text`` always holds.

Language is identified per paragraph (documents mix languages: a Chinese summary above an English
body); paragraphs too short to tell inherit the document's dominant language.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from typing import Callable, Iterable, Sequence

from auditor.langid import MIN_CONFIDENCE, UNDETERMINED, guess_language
from auditor.model import Document, Paragraph, Sentence

# --------------------------------------------------------------------------- paragraphs

_TERMINAL_END = re.compile(r"[.!?。！？…:;：；।॥؟۔։።။\"'”’»」』)）]\s*$")
_WRAP_MAX = 100  # hard-wrapped text is wrapped at 60-80 columns; longer lines are real paragraphs
_WRAP_MIN_SHARE = 0.7  # wrapped lines are nearly as long as the wrap width (ragged right edge)


#: A lower-case word followed by more words: the rest of a sentence, not a file name or a tag.
_PROSE_CONTINUATION = re.compile(r"[^\W\d_A-Z][\w'’-]*[,;]?\s+\S")


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Stripped (start, end) spans of the non-blank lines of ``text[start:end]``."""
    spans = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        s, e = pos, line_end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        pos = line_end + 1
    return spans


def _is_wrapped_block(text: str, lines: Sequence[tuple[int, int]]) -> bool:
    if len(lines) < 3:
        return False
    lengths = [e - s for s, e in lines[:-1]]
    longest = max(lengths)
    return longest <= _WRAP_MAX and min(lengths) >= _WRAP_MIN_SHARE * longest and longest >= 40


# Bullet markers, including the emoji bullets of web summaries ("💡 ...") and Markdown heading and
# quote markers, are not part of a sentence.
_BULLET = re.compile(r"(#{1,6}|>|[•·▪◦‣●○■□–—\-*+]|\d{1,2}[.)]|[\U0001F300-\U0001FAFF\u2600-\u27BF]\ufe0f?)\s+")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, stripped of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    for block in re.finditer(r"(?:[^\n]|\n(?![ \t\u00a0\u3000]*\n))+", text):
        lines = _line_spans(text, block.start(), block.end())
        if not lines:
            continue
        wrapped = _is_wrapped_block(text, lines)
        cur_s, cur_e = lines[0]
        for s, e in lines[1:]:
            prev = text[cur_s:cur_e]
            nxt = text[s:e]
            # A line break inside a block joins lines only for run-on prose: the previous line has no
            # final punctuation and the next continues in lower case, or the block is hard-wrapped.
            continuation = (
                not _TERMINAL_END.search(prev)
                and not _BULLET.match(nxt)
                and not _BULLET.match(prev)
                and (wrapped or _PROSE_CONTINUATION.match(nxt) is not None)
            )
            if continuation:
                cur_e = e
            else:
                spans.append((cur_s, cur_e))
                cur_s, cur_e = s, e
        spans.append((cur_s, cur_e))
    return spans


# --------------------------------------------------------------------------- sentences

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


# --------------------------------------------------------------------------- documents


def _dominant_language(guesses: Iterable[tuple[str, float, int]]) -> str:
    weights: Counter[str] = Counter()
    for lang, score, size in guesses:
        if lang != UNDETERMINED and score >= MIN_CONFIDENCE:
            weights[lang] += size
    if not weights:
        return UNDETERMINED
    return sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


Splitter = Callable[[str, int, int], "list[tuple[int, int]]"]


def segment_document(doc: Document, *, splitter: Splitter | None = None) -> Document:
    """Paragraphs, sentences, languages and boilerplate flags for one document (pure).

    ``splitter(text, start, end)`` may replace the sentence rules (the benchmark swaps in sentencex).
    """
    from auditor.boilerplate import classify_paragraphs

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
    sentence_spans = [split(text, s, e) for s, e in spans]
    reasons = classify_paragraphs(doc, spans, sentence_spans, languages)
    paragraphs = []
    sentences = []
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


def segment_all(docs: Iterable[Document], *, splitter: Splitter | None = None) -> list[Document]:
    """Segment every document, then mark lines repeated across unrelated documents as boilerplate."""
    from auditor.boilerplate import mark_repeated_lines

    return mark_repeated_lines([segment_document(d, splitter=splitter) for d in docs])
