"""Garbled or machine-translated phrasing: non-words, glued tokens, literal mistranslations.

Signals, all general (no word lists from any story):

* **non-word (G001)**: a lowercase word that no shipped frequency list knows — not in the sentence's
  language (wordfreq), not after US/UK spelling or inflection is undone, not as a hyphenated
  compound of known parts, not in a sibling European lexicon — and that no other version uses.
  Reported with the real words it replaced when the sentence aligns ("reservoirs" → "reservoria").
  Capitalised words, acronyms and tokens with digits are names, codes or models, never non-words.
* **glued tokens (G002)**: a non-word that splits into two known pieces — an acronym run into a
  function word ("XYZthe"), two common words run together ("intelligencetwo"), or two capitalised
  words run together inside a run of capitalised words where a space was lost. CamelCase brands
  recur across versions and stand outside name runs, which is how they are told apart.
* **literal mistranslation (G003)**, inside an aligned same-language pair whose other words match:
  (a) a term the reference uses repeatedly, and that this version renders verbatim elsewhere, is
  rendered differently here (MT broke a compound term into literal parts, or scrambled it);
  (b) a real word replaced by a coined hyphen compound no lexicon knows as one word.

Cross-lingual pairs never reach word-level garble checks: only same-language versions are diffed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

from auditor.drift.findings import Draft, evidence_for, q
from auditor.drift.text import (
    WORD_LANGUAGES,
    Hunk,
    Token,
    fold,
    known_anywhere,
    known_word,
    spelling_key,
    spelling_variants,
    tokens,
    word_diff,
    zipf,
)
from auditor.drift.units import Corpus, Unit
from auditor.lexicon import is_nonword
from auditor.model import Sentence
from auditor.rules import GLUED_TOKENS, LITERAL_MISTRANSLATION, NON_WORD
from auditor.text import base_language

#: an aligned pair is "otherwise matching" when at least this share of its words are the same; below
#: it the versions are paraphrases of each other and any phrase may legitimately differ
MIN_PAIR_MATCH = 0.4
#: a glued tail after an acronym must be a very frequent word (Zipf >= 5: the, of, and, in...):
#: that is what a lost space leaves behind, while plural/suffix tails ("GPUs") are one letter
GLUE_TAIL_ZIPF = 5.0
#: both halves of a lowercase glued token must be common words (Zipf >= 3), otherwise any long
#: rare word could be "split" into two rare fragments
GLUE_PART_ZIPF = 3.0
#: a non-word "replaces a real word" when the other side of its diff hunk is this short; a longer
#: hunk is a reworded clause and the non-word is judged without a counterpart
MAX_COUNTERPART = 4
#: words this frequent (Zipf >= 6.1: articles, prepositions, auxiliaries, possessives — "its" is
#: 6.14 while content words like "power" 5.5 and "year" 6.0 stay below) are never part of a "term"
FUNCTION_ZIPF = 6.1


def _lang(s: Sentence) -> str:
    return base_language(s.language)


def _mention_spans(corpus: Corpus, doc: str) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in corpus.mentions.get(doc, ())]


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


_Glued = tuple[Sentence, Token, tuple[str, str]]


def _vocab(corpus: Corpus) -> tuple[dict[str, Counter[str]], dict[str, list[_Glued]]]:
    """Folded word -> count, per version (content only), and each version's glued tokens (see
    ``_glued_in``) with their sentences: one pass over the sentences, so a long document is
    tokenised once here (its sentences no longer all fit in the token memo for a second pass)."""
    out: dict[str, Counter[str]] = {}
    glued: dict[str, list[_Glued]] = {}
    for d, doc in corpus.docs.items():
        c: Counter[str] = Counter()
        found: list[_Glued] = []
        for s in doc.content_sentences:
            c.update(fold(t.text) for t in tokens(s.text))
            lang = _lang(s)
            if lang in WORD_LANGUAGES:
                found.extend((s, t, split) for t, split in _glued_in(s.text, lang))
        out[d] = c
        glued[d] = found
    return out, glued


def _glue_split(tok: Token, lang: str, prev: Token | None, nxt: Token | None, sent: str) -> tuple[str, str] | None:
    """(left, right) when ``tok`` looks like two tokens glued together, else None."""
    w = tok.text
    if len(w) < 5 or not w.isalpha() or known_word(w, lang) or known_anywhere(w):
        return None
    # acronym + frequent lowercase word: "XYZthe"
    i = 0
    while i < len(w) and w[i].isupper():
        i += 1
    if 2 <= i < len(w) - 1:
        left, right = w[: i], w[i:]
        if right.islower() and len(right) >= 2 and zipf(right, lang) >= GLUE_TAIL_ZIPF:
            return left, right
    # CamelCase inside a capitalised run: "Firstname" + "Title" where a space was lost
    for k in range(2, len(w) - 2):
        if w[k - 1].islower() and w[k].isupper():
            left, right = w[:k], w[k:]
            # inside a run of plain Title-case words ("Ana RuizVice Mayor"), with only a space
            # on either side: a lost space in a name-and-title sequence. A brand stands next to
            # ordinary words, hyphenated modifiers or punctuation ("Lyon-based Ubisoft,")
            in_name_run = prev is not None and nxt is not None and _title_word(prev) and _title_word(nxt) \
                and sent[prev.end:tok.start] == " " and sent[tok.end:nxt.start] == " "
            if in_name_run and right[1:].islower() and len(right) >= 3 and \
                    known_word(left, lang) and known_word(right, lang):
                return left, right
            break
    # two common words run together: "intelligencetwo". A capitalised token is a name-like word,
    # and brand names are often two words ("Deep"+"seek"); there only a very frequent tail (a lost
    # space before "the", "two", "and"...) counts as glue
    lw = w.lower()
    if w[1:].islower():
        tail_min = GLUE_TAIL_ZIPF if w[:1].isupper() else GLUE_PART_ZIPF
        for k in range(3, len(lw) - 1):
            a, b = lw[:k], lw[k:]
            if a in _WORD_PREFIXES:
                continue  # "subgobernadora", "antidumping": a prefixed word, not two words
            # a two-letter tail ("dayof") is glue only when it is a very frequent function word
            need = tail_min if len(b) > 2 else GLUE_TAIL_ZIPF
            if zipf(a, lang) >= GLUE_PART_ZIPF and zipf(b, lang) >= need:
                return w[:k], w[k:]
    return None


#: productive word-forming prefixes (English/Romance): a prefix written solid with a word makes a
#: new word that the frequency lists may lack ("subgobernadora"), not a lost space
_WORD_PREFIXES = frozenset(
    "sub vice anti pre pro post non semi super inter intra multi micro macro mini auto co ex re "
    "over under out counter extra ultra neo pseudo trans".split()
)


def _title_word(tok: Token | None) -> bool:
    return tok is not None and tok.text.isalpha() and tok.text[:1].isupper() and tok.text[1:].islower()


def _hunk_span(s: Sentence, toks: tuple[Token, ...]) -> tuple[int, int, str]:
    a, b = toks[0].start, toks[-1].end
    return s.start + a, s.start + b, s.text[a:b]


def _reference(corpus: Corpus, unit: Unit) -> str:
    return corpus.pivot if corpus.pivot in unit.sentences else unit.docs[0]


def _joined(corpus: Corpus, unit: Unit, doc: str) -> Sentence | None:
    """The unit's sentences of one version as one pseudo-sentence (offsets stay document offsets
    because merged sentences are contiguous slices of the document in the common case)."""
    ss = corpus.unit_sentences(unit, doc)
    if not ss:
        return None
    if len(ss) == 1:
        return ss[0]
    text = corpus.docs[doc].text[ss[0].start:ss[-1].end]
    return Sentence(doc, ss[0].index, ss[0].paragraph, ss[0].start, ss[-1].end, text, ss[0].language)


def _sentence_at(corpus: Corpus, doc: str, offset: int) -> int:
    for s in corpus.docs[doc].sentences:
        if s.start <= offset < s.end:
            return s.index
    return -1


@lru_cache(maxsize=16384)
def _glued_in(text: str, lang: str) -> tuple[tuple[Token, tuple[str, str]], ...]:
    """The glued tokens of a sentence with their split, remembered: ``_glue_split`` reads only the
    sentence, its language and the word lists, and the versions of a story repeat most sentences."""
    toks = tokens(text)
    out = []
    for i, t in enumerate(toks):
        split = _glue_split(t, lang, toks[i - 1] if i else None, toks[i + 1] if i + 1 < len(toks) else None, text)
        if split is not None:
            out.append((t, split))
    return tuple(out)


def compare_garble(corpus: Corpus) -> list[Draft]:
    drafts: list[Draft] = []
    vocab, glued = _vocab(corpus)
    in_units: dict[str, set[int]] = defaultdict(set)
    for u in corpus.units:
        for d, idxs in u.sentences.items():
            in_units[d].update(idxs)

    def used_elsewhere(word: str, doc: str) -> bool:
        k = fold(word)
        return any(vocab[d][k] for d in vocab if d != doc)

    # ---------------------------------------------------------------- glued tokens (every sentence)
    for d in corpus.order:
        for s, t, split in glued[d]:
            if not t.text[:2].isupper() and used_elsewhere(t.text, d):
                continue  # a form other versions also use is a brand or the source's spelling
            drafts.append(Draft(
                GLUED_TOKENS.code, f"Glued tokens {q(t.text)} in {d} (reads as {q(split[0] + ' ' + split[1])})",
                (d,), [evidence_for(d, s.index, s.start + t.start, s.start + t.end, t.text)],
                key=("glued", d, fold(t.text)),
            ))

    glued_keys = {(dr.documents[0], dr.key[2]) for dr in drafts}

    # ---------------------------------------------------------------- aligned pairs
    term_counts: PhraseCounts = {}
    mention_spans = {d: _mention_spans(corpus, d) for d in corpus.docs}  # once per version, not per unit
    for unit in corpus.units:
        ref = _reference(corpus, unit)
        rs = _joined(corpus, unit, ref)
        if rs is None or _lang(rs) not in WORD_LANGUAGES:
            continue
        lang = _lang(rs)
        rtoks = tokens(rs.text)
        for d in unit.docs:
            if d == ref:
                continue
            xs = _joined(corpus, unit, d)
            if xs is None or _lang(xs) != lang:
                continue
            ratio, hunks = word_diff(rtoks, tokens(xs.text))
            x_spans, r_spans = mention_spans[d], mention_spans[ref]
            for h in hunks:
                # non-words on either side, with the other side's real words as the counterpart
                for side_doc, side_s, mine, theirs, other_doc, other_s in (
                        (d, xs, h.b, h.a, ref, rs), (ref, rs, h.a, h.b, d, xs)):
                    for t in mine:
                        if not is_nonword(t.text, lang) or used_elsewhere(t.text, side_doc):
                            continue
                        if (side_doc, fold(t.text)) in glued_keys:
                            continue
                        real = [o for o in theirs if known_word(o.text, lang)]
                        if not real or len(theirs) > MAX_COUNTERPART or ratio < MIN_PAIR_MATCH:
                            continue  # not a word replaced inside an otherwise matching sentence
                        ostart, oend, otext = _hunk_span(other_s, theirs)
                        drafts.append(Draft(
                            NON_WORD.code,
                            f"Non-word {q(t.text)} in {side_doc} where {other_doc} has {q(otext)}",
                            (side_doc,),
                            [evidence_for(other_doc, _sentence_at(corpus, other_doc, ostart), ostart, oend, otext),
                             evidence_for(side_doc, _sentence_at(corpus, side_doc, side_s.start + t.start),
                                          side_s.start + t.start, side_s.start + t.end, t.text)],
                            key=("nonword", side_doc, side_s.start + t.start),
                        ))
                if ratio < MIN_PAIR_MATCH or h.tag != "replace":
                    continue
                rstart, rend, rtext = _hunk_span(rs, h.a)
                xstart, xend, xtext = _hunk_span(xs, h.b)
                if _overlaps(r_spans, rstart, rend) or _overlaps(x_spans, xstart, xend):
                    continue  # names, numbers, quotes and entities have their own rules
                reason = _literal(corpus, ref, d, h, lang, term_counts)
                if reason.startswith("coined") and any(used_elsewhere(t.text, d) for t in h.b if "-" in t.text):
                    reason = ""  # a compound another version also uses is a real word, not a coinage
                if reason:
                    drafts.append(Draft(
                        LITERAL_MISTRANSLATION.code,
                        f"{q(rtext)} became {q(xtext)} in {d} ({reason})",
                        (d,),
                        [evidence_for(ref, _sentence_at(corpus, ref, rstart), rstart, rend, rtext),
                         evidence_for(d, _sentence_at(corpus, d, xstart), xstart, xend, xtext)],
                        key=("literal", d, xstart),
                    ))

    # ---------------------------------------------------------------- non-words with no counterpart
    for d in corpus.order:
        for s in corpus.docs[d].content_sentences:
            lang = _lang(s)
            if s.index in in_units[d] or lang not in WORD_LANGUAGES:
                continue
            for t in tokens(s.text):
                if is_nonword(t.text, lang) and not used_elsewhere(t.text, d) \
                        and (d, fold(t.text)) not in glued_keys:
                    drafts.append(Draft(
                        NON_WORD.code, f"Non-word {q(t.text)} in {d}", (d,),
                        [evidence_for(d, s.index, s.start + t.start, s.start + t.end, t.text)],
                        key=("nonword", d, s.start + t.start),
                        severity="minor",  # no other version to show the word it replaced
                    ))
    return drafts


def _phrase(toks: tuple[Token, ...]) -> tuple[str, ...]:
    return tuple(spelling_key(t.text) for t in toks)


#: per version and n-gram length: each word n-gram (spelling keys) of its content, counted
PhraseCounts = dict[str, Counter[tuple[str, ...]]]


def _count_phrase(corpus: Corpus, doc: str, phrase: tuple[str, ...], cache: PhraseCounts) -> int:
    """Occurrences of a word n-gram (spelling keys) in a version's content."""
    n = len(phrase)
    key = f"{doc}\x1f{n}"
    if key not in cache:
        c: Counter[tuple[str, ...]] = Counter()
        for s in corpus.docs[doc].content_sentences:
            ks = [spelling_key(t.text) for t in tokens(s.text)]
            c.update(tuple(ks[i:i + n]) for i in range(len(ks) - n + 1))
        cache[key] = c
    return cache[key][phrase]


def _literal(corpus: Corpus, ref: str, doc: str, h: Hunk, lang: str, cache: PhraseCounts) -> str:
    """Why this replace hunk is a literal mistranslation, or "" when it is ordinary paraphrase."""
    old, new = h.a, h.b
    if len(old) > 3 or len(new) > 3:
        return ""  # long hunks are rewording of a clause, not a mistranslated term
    if any(not t.text.isalpha() and "-" not in t.text for t in old + new):
        return ""
    if any(t.text[:1].isupper() for t in old + new):
        return ""  # capitalised words are names/titles: the entity rules judge them
    if len(old) == len(new) and all(spelling_variants(a.text, b.text) for a, b in zip(old, new)):
        return ""
    content = [t for t in old if zipf(t.text, lang) < FUNCTION_ZIPF]
    if not content:
        return ""
    # (a) a multi-word term the reference repeats, and this version renders verbatim elsewhere, is
    # rendered differently here. Single words are left out on purpose: translators and editors
    # alternate synonyms for single words; a fixed multi-word term broken up is the MT failure.
    keys = _phrase(old)
    new_keys = " ".join(_phrase(new))
    for n in range(len(old), 1, -1):
        for i in range(len(old) - n + 1):
            sub = old[i:i + n]
            if any(zipf(t.text, lang) >= FUNCTION_ZIPF for t in sub):
                continue
            phrase = keys[i:i + n]
            if " ".join(phrase) in new_keys:
                continue
            if _count_phrase(corpus, ref, phrase, cache) >= 2 and _count_phrase(corpus, doc, phrase, cache) >= 1:
                return f"inconsistent rendering of the term {q(' '.join(t.text for t in sub))}"
    # (b) a real single word replaced by a coined hyphen compound that is not a word as a whole
    if len(old) == 1 and "-" not in old[0].text and known_word(old[0].text, lang):
        for t in new:
            if "-" in t.text and zipf(t.text.replace("-", ""), lang) == 0 and \
                    not known_anywhere(t.text.replace("-", "")) and \
                    not spelling_variants(t.text, old[0].text):
                return "coined compound for a real word"
    return ""
