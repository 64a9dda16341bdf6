"""Extraction: the fact-bearing items of each sentence, as :class:`~auditor.model.Mention` objects.

Entry points::

    extract_sentence(sentence, *, doc_date=None, known_caps=frozenset()) -> list[Mention]
    extract_document(doc) -> tuple[Mention, ...]      # skips boilerplate sentences

Conventions (the drift stage codes against these):

* Offsets: ``Mention.start``/``end`` are offsets into the DOCUMENT text (``sentence.start`` + the
  offset inside the sentence), so ``doc.text[m.start:m.end] == m.text``. ``doc_id`` and
  ``sentence`` (the sentence index) say where it is. Mentions come out in text order.
* kind "quantity": ``value`` is :class:`~auditor.extract.quantities.Quantity` (``amount`` fully
  scaled, ``unit`` ISO currency / "%" / "pp" / "x" / canonical measurement unit, ``qualifier``
  "about"/"up to"/"more than"/"less than"/"at least", ``range_to``; compare with
  ``Quantity.equals`` / ``Quantity.rounds_to``). ``attrs`` (a :class:`~auditor.model.MentionAttrs`,
  as for every kind): ``scale`` (multiplier as written), ``scale_text``, ``currency_text``,
  ``assumed`` (bare "$"), ``noun`` (counted noun that is not a unit).
  Years are NOT quantities.
* kind "date": ``value`` is ISO-like: "2025-07-23", "--07-23" (no year), "2025-07", "--07",
  "2027" (bare year), with "Thh:mm" appended for a time. Relative expressions have
  ``attrs.relative`` and ``attrs.expr`` ("wd-1:thu", "D-1", "Y-1"...); their value is
  resolved when ``doc.metadata["date"]`` is known, else "rel:<expr>". Compare with
  :func:`auditor.extract.dates.dates_compatible`.
* kind "quote": ``text`` and offsets are the words INSIDE the marks; ``value`` is
  :func:`auditor.extract.quotes.quote_key` of them; ``attrs``: ``speaker`` (surface name or None),
  ``short`` (1-3 words: scare quotes), ``nested`` (inside another quote), ``partial`` (the other mark
  is in a neighbouring sentence; the quote is clipped to this sentence).
* kinds "person", "org", "place", "product", "title", "misc": ``text`` surface, ``value``
  :func:`auditor.text.name_key` (casefolded, punctuation/possessive stripped, spaces
  collapsed). ``attrs``: titles carry ``role`` (canonical English role, e.g. "premier",
  "prime minister") and ``holder``/``org`` when found; places from the gazetteer carry ``geonameid``;
  acronyms carry ``expansion``, expansions carry ``acronym``; Han person names carry ``romanised``.
  "misc" is a capitalised span the rules could not classify (kept: a glued or garbled name is
  still evidence).

Helpers re-exported for the drift stage: :func:`romanise`, :func:`acronym_matches`,
:func:`dates_compatible`, :class:`Quantity`.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable
from dataclasses import replace
from typing import Any, cast

from auditor.extract.dates import dates_compatible, find_dates, parse_doc_date
from auditor.extract.entities import find_entities, romanise
from auditor.extract.latin import _is_titlecase_line, _tokens
from auditor.extract.memo import SentenceMemo
from auditor.extract.name_shapes import acronym_matches
from auditor.extract.quantities import Quantity, find_quantities
from auditor.extract.quotes import find_quotes
from auditor.model import Document, Mention, MentionAttrs, MentionKind, Sentence
from auditor.text import base_language, is_han

__all__ = [
    "extract_sentence", "extract_document", "romanise", "acronym_matches", "dates_compatible",
    "Quantity", "known_capitalised",
]


def extract_sentence(
    sentence: Sentence,
    *,
    doc_date: Any = None,
    known_caps: frozenset[str] = frozenset(),
) -> list[Mention]:
    """All mentions in one sentence (offsets into the document text).

    ``doc_date`` (a date or ISO string) resolves "last Thursday"; ``known_caps`` (see
    :func:`known_capitalised`) lets a sentence-initial "China" count as a name.
    """
    text = sentence.text
    lang = base_language(sentence.language, unknown="")
    ref = parse_doc_date(doc_date) if doc_date is not None else None
    # the rules read ``known_caps`` only as "is this token of the sentence in it": the tokens that
    # are, with the text, language and date, are everything a sentence's facts follow from
    known = known_caps.intersection(_sentence_words(text)[1].split("\n")) if known_caps else frozenset()
    base = sentence.start
    return [Mention(kind=kind, text=text[s:e], doc_id=sentence.doc_id, sentence=sentence.index,
                    start=base + s, end=base + e, value=value, attrs=attrs)
            for kind, s, e, value, attrs in _FACTS((text, lang, ref, known), lambda: _sentence_facts(text, lang, ref, known))]


_Fact = tuple[MentionKind, int, int, Any, MentionAttrs]

#: sentences whose facts are remembered: versions of a story repeat most of their sentences, and a
#: sentence's facts (offsets inside it, immutable values) are the same wherever it stands. At least
#: this many; ``_extract_document`` grows it to hold a longer document whole (``memo``)
SENTENCE_MEMO_SIZE = 32768
_FACTS: SentenceMemo[tuple[_Fact, ...]] = SentenceMemo(SENTENCE_MEMO_SIZE)


def _sentence_facts(text: str, lang: str, ref: Any, known_caps: frozenset[str]) -> tuple[_Fact, ...]:
    out: list[_Fact] = []
    claimed: list[tuple[int, int]] = []
    for d in find_dates(text, lang, doc_date=ref):
        out.append(("date", d.start, d.end, d.value, d.attrs))
        claimed.append((d.start, d.end))
    for q in find_quantities(text, lang):
        if _overlaps(q.start, q.end, claimed):
            continue
        out.append(("quantity", q.start, q.end, q.value, q.attrs))
        claimed.append((q.start, q.end))
    for qu in find_quotes(text, lang):
        out.append(("quote", qu.start, qu.end, qu.value, qu.attrs))
    for en in find_entities(text, lang, known_caps=known_caps):
        if en.kind != "title" and _overlaps(en.start, en.end, claimed):
            continue  # "July" of a date, "US$" of an amount
        out.append((cast(MentionKind, en.kind), en.start, en.end, en.value, en.attrs))
    out.sort(key=lambda m: (m[1], m[2], m[0]))
    return tuple(out)


def _overlaps(s: int, e: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < oe and os_ < e for os_, oe in spans)


_CAP_TOKEN_RE = re.compile(r"(?<=[\w,;:)”’\"] )([A-ZÀ-ÖØ-Þ][\w’'.&-]*[\w])")


def known_capitalised(sentences: Iterable[Sentence]) -> frozenset[str]:
    """Tokens a document capitalises somewhere other than at a sentence start (possessive stripped).

    A word capitalised mid-sentence is a name in this document, so the same word opening another
    sentence is kept as a name too.
    """
    out: set[str] = set()
    for s in sentences:
        out.update(_sentence_words(s.text)[0])
    return frozenset(out)


_WORDS: SentenceMemo[tuple[tuple[str, ...], str]] = SentenceMemo(SENTENCE_MEMO_SIZE)


def _sentence_words(text: str) -> tuple[tuple[str, ...], str]:
    return _WORDS(text, lambda: _words_of(text))


def _words_of(text: str) -> tuple[tuple[str, ...], str]:
    """A sentence's words capitalised other than at its start (``known_capitalised``) and its
    token texts, one a line (what a document's ``known_caps`` is asked about; one string is a
    fifth of a set's memory), remembered: versions of a story repeat sentences, and a token pass
    costs more than the lookups."""
    toks = _tokens(text)
    texts = "\n".join(dict.fromkeys(t.text for t in toks))
    if _is_titlecase_line(toks):
        return (), texts  # a headline capitalises every word: no evidence about names
    return tuple(re.sub(r"['’]s$", "", m.group(1)) for m in _CAP_TOKEN_RE.finditer(text)), texts


#: documents whose mentions are remembered (least recently used dropped first): clustering reads
#: every document's facts before the audit extracts them again, and a folder's stories are audited
#: after its batch is clustered; a few thousand documents' mentions are tens of MB
MEMO_SIZE = 4096
_MEMO: OrderedDict[bytes, tuple[Mention, ...]] = OrderedDict()
_MEMO_LOCK = threading.Lock()


def memo_key(doc: Document) -> bytes:
    """A digest of everything extraction reads (text, sentence bounds, boilerplate and language
    marks, the document date): a document re-segmented or re-marked is extracted afresh."""
    marks = tuple((s.start, s.end, s.boilerplate, s.language) for s in doc.sentences)
    h = hashlib.blake2b(digest_size=16)
    for part in (doc.id, str((doc.metadata or {}).get("date")), repr(marks), doc.text):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.digest()


def remember(key: bytes, mentions: tuple[Mention, ...]) -> None:
    """Keep mentions extracted elsewhere (a worker process) under their ``memo_key``."""
    with _MEMO_LOCK:
        _MEMO[key] = mentions
        _MEMO.move_to_end(key)
        while len(_MEMO) > MEMO_SIZE:
            _MEMO.popitem(last=False)


def extract_document(doc: Document) -> tuple[Mention, ...]:
    """Mentions of ``doc`` (see ``_extract_document``), remembered for the run by ``memo_key``."""
    key = memo_key(doc)
    with _MEMO_LOCK:
        hit = _MEMO.get(key)
        if hit is not None:
            _MEMO.move_to_end(key)
            return hit
    found = _extract_document(doc)
    remember(key, found)
    return found


def _extract_document(doc: Document) -> tuple[Mention, ...]:
    """Mentions of every non-boilerplate sentence, with document-level consistency passes:

    * any key classified as a person/org/place/product somewhere is given that kind where the
      sentence-level rules left it "misc";
    * a single token that is a token of a person's name in this document ("Ruiz" after "Ana Ruiz")
      is that person, and a longer name ending in a surname read as a person is a person;
    * acronyms are linked to expansions anywhere in the document whose initials spell them.
    """
    sents = [s for s in doc.sentences if not s.boilerplate]
    # the next version of this document asks for most of its sentences again: keep them all
    _FACTS.fit(2 * len(sents))
    _WORDS.fit(2 * len(sents))
    known = known_capitalised(sents)
    # parsed once here, not per sentence: non-ISO metadata goes through dateparser, which is slow
    doc_date = parse_doc_date((doc.metadata or {}).get("date"))
    mentions: list[Mention] = []
    for s in sents:
        mentions.extend(extract_sentence(s, doc_date=doc_date, known_caps=known))
    mentions.extend(_han_names_elsewhere(sents, mentions))
    mentions.sort(key=lambda m: (m.start, m.end, m.kind))
    return tuple(_consolidate(mentions))


def _han_names_elsewhere(sents: list[Sentence], mentions: list[Mention]) -> list[Mention]:
    """A Chinese name found once next to a title or a reporting verb ("省长王建国", "刘芳说") is a
    name wherever else the document writes it ("王建国当晚主持会议"), where no such cue sits
    beside it: Chinese has no capitals to mark names, so the document's own cues are reused."""
    names = {m.text for m in mentions if m.kind == "person" and len(m.text) >= 2
             and is_han(m.text)}
    out: list[Mention] = []
    if not names:
        return out
    ordered = sorted(names, key=lambda n: (-len(n), n))  # longest first; ties by text, not by hash order
    # spans per sentence, gathered once: a scan of every mention per sentence made long documents
    # quadratic
    spans: dict[int, list[tuple[int, int]]] = {}
    for m in mentions:
        if m.kind != "title":
            spans.setdefault(m.sentence, []).append((m.start, m.end))
    for s in sents:
        taken = list(spans.get(s.index, ()))
        for name in ordered:
            if name not in s.text:
                continue
            for hit in re.finditer(re.escape(name), s.text):
                a, b = s.start + hit.start(), s.start + hit.end()
                if _overlaps(a, b, taken):
                    continue
                taken.append((a, b))
                out.append(Mention(kind="person", text=name, doc_id=s.doc_id, sentence=s.index, start=a,
                                   end=b, value=name, attrs=MentionAttrs(romanised=romanise(name))))
    return out


_ENTITY_KINDS = ("person", "org", "place", "product")


def _consolidate(mentions: list[Mention]) -> list[Mention]:
    votes: dict[str, Counter[MentionKind]] = {}
    for m in mentions:
        if m.kind in _ENTITY_KINDS:
            votes.setdefault(m.value, Counter())[m.kind] += 1
    person_tokens: dict[str, str] = {}
    for m in mentions:
        if m.kind == "person" and " " in m.value:
            for tok in m.value.split():
                person_tokens.setdefault(tok, m.text)
    expansions = [m for m in mentions if m.kind in ("org", "misc", "product") and " " in m.text]
    # a surname the rules read as a person where a cue stood beside it ("Lopez said"): a longer name
    # ending in it is that person ("Maria Lopez", left "misc" because a town is called Lopez)
    surnames = {m.value for m in mentions if m.kind == "person" and " " not in m.value}
    out: list[Mention] = []
    for m in mentions:
        if m.kind == "misc":
            kinds = votes.get(m.value)
            if kinds:
                m = replace(m, kind=kinds.most_common(1)[0][0])
            elif m.value in person_tokens:
                m = replace(m, kind="person", attrs=replace(m.attrs, full_name=person_tokens[m.value]))
            elif " " in m.value and m.value.split()[-1] in surnames:
                m = replace(m, kind="person")
        if m.kind in ("org", "misc") and m.text.isupper() and 2 <= len(m.text) <= 8 and m.attrs.expansion is None:
            exp = next((x for x in expansions if acronym_matches(m.text, x.text)), None)
            if exp is not None:
                m = replace(m, kind=exp.kind if exp.kind != "misc" else "org",
                            attrs=replace(m.attrs, expansion=exp.text))
        out.append(m)
    acr_of = {m.attrs.expansion: m.text for m in out if m.attrs.expansion is not None}
    return [replace(m, attrs=replace(m.attrs, acronym=acr_of[m.text]))
            if m.text in acr_of and m.attrs.acronym is None and m.kind != "title" else m for m in out]
