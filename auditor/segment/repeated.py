"""Boilerplate across documents: lines several unrelated documents repeat (site chrome the phrase lists
do not know), found with a bounded window of recent lines and marked, never deleted."""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace

from auditor.model import Document, Sentence
from auditor.segment.boilerplate import _CJK, _norm, _word_count

_WORD = re.compile(r"\w+")


def _shingles(text: str) -> set[tuple[str, str]]:
    words = [w.casefold() for w in _WORD.findall(text)]
    # CJK text has no spaces: fall back to character bigrams so Chinese pages compare too.
    if len(words) < 20 and _CJK.search(text):
        chars = [c for c in text if not c.isspace()]
        return set(zip(chars, chars[1:]))
    return set(zip(words, words[1:]))


#: Word-bigram Jaccard below this: the documents tell different stories (versions of one story,
#: even garbled machine translations, share far more bigrams than this through names and numbers).
UNRELATED_JACCARD = 0.05


#: documents a line seen only once is remembered for, in streaming use (``RepeatedLines(window=...)``):
#: a site's footer recurs on many of its pages, so it is seen again well within 20,000 articles, while
#: a memory of every line of a million-article archive would grow without bound (~30 lines a document).
#: Below this many documents the result is exactly that of an unbounded memory.
REPEAT_WINDOW = 20_000
#: holders examined per repeated line: a site footer repeated across thousands of pages is already
#: exposed by one unrelated pair among the first 16, and this holds the check linear in archive size.
MAX_HOLDERS = 16
#: documents whose shingles are cached while checking lines (bounded: the check re-reads the rest)
_SHINGLE_CACHE = 4096


def content_lines(doc: Document) -> list[tuple[bytes, str]]:
    """(digest, normalised text) of each content line of ``doc`` that could be site chrome."""
    out = []
    for p in doc.paragraphs:
        if p.boilerplate:
            continue
        line = doc.text[p.start : p.end]
        # Two words: single-word subheads ("Beijing") legitimately recur across stories.
        if _word_count(line) < 2:
            continue
        key = _norm(line)
        if key:
            out.append((hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), key))
    return out


class RepeatedLines:
    """Collects content lines across documents fed one at a time, then tells which recur verbatim in
    otherwise unrelated documents (``mark_repeated_lines`` is this over a list). State is one 8-byte
    digest per line seen once (within ``window`` documents) and the text plus first ``MAX_HOLDERS``
    holder indexes of each line seen twice, so an archive can stream through it."""

    def __init__(self, window: int | None = REPEAT_WINDOW) -> None:
        self.window = window
        self._once: OrderedDict[bytes, int] = OrderedDict()
        self._holders: dict[bytes, list[int]] = {}
        self._lines: dict[bytes, str] = {}

    def add(self, index: int, doc: Document) -> None:
        """Record the content lines of document number ``index`` (indexes must increase)."""
        self.add_lines(index, content_lines(doc))

    def add_lines(self, index: int, lines: Sequence[tuple[bytes, str]]) -> None:
        """``add`` for lines already keyed (``content_lines``, e.g. by a worker process)."""
        for digest, key in lines:
            holders = self._holders.get(digest)
            if holders is not None:
                if holders[-1] != index and len(holders) < MAX_HOLDERS:
                    holders.append(index)
                continue
            first = self._once.get(digest)
            if first is None:
                self._once[digest] = index
            elif first != index:
                del self._once[digest]
                self._holders[digest] = [first, index]
                self._lines[digest] = key
        if self.window is not None:
            while self._once and next(iter(self._once.values())) < index - self.window:
                self._once.popitem(last=False)

    def repeated(self, text_of: Callable[[int], str]) -> set[str]:
        """Normalised lines shared by two documents that are unrelated apart from it;
        ``text_of(index)`` gives a holder's text (re-read on demand)."""
        cache: OrderedDict[int, set[tuple[str, str]]] = OrderedDict()
        pair_sizes: dict[tuple[int, int], tuple[int, int]] = {}

        def shingles_of(k: int) -> set[tuple[str, str]]:
            if k in cache:
                cache.move_to_end(k)
                return cache[k]
            sh = cache[k] = _shingles(text_of(k))
            if len(cache) > _SHINGLE_CACHE:
                cache.popitem(last=False)
            return sh

        def unrelated(a: int, b: int, line: set[tuple[str, str]]) -> bool:
            """Jaccard of the two documents *without the shared line itself* (which would otherwise make
            two short unrelated pages look alike) is below the threshold. Intersection and union are
            computed once per pair; only the line's few shingles are subtracted per line."""
            sa, sb = shingles_of(a), shingles_of(b)
            if (a, b) not in pair_sizes:
                pair_sizes[(a, b)] = (len(sa & sb), len(sa | sb))
            inter, union = pair_sizes[(a, b)]
            in_a, in_b = line & sa, line & sb
            inter -= len(in_a & in_b)
            union -= len(in_a | in_b)
            if inter < 0 or union <= 0 or len(sa) == len(in_a) or len(sb) == len(in_b):
                return False  # nothing but the shared line: no evidence either way
            return inter / union < UNRELATED_JACCARD

        out: set[str] = set()
        for digest, holders in self._holders.items():
            key = self._lines[digest]
            line = _shingles(key)
            if any(unrelated(a, b, line) for i, a in enumerate(holders) for b in holders[i + 1 :]):
                out.add(key)
        return out


def flag_repeated(doc: Document, repeated: set[str]) -> Document:
    """``doc`` with its content lines that are in ``repeated`` flagged as boilerplate."""
    if not repeated:
        return doc
    flagged = {
        p.index
        for p in doc.paragraphs
        if not p.boilerplate and _norm(doc.text[p.start : p.end]) in repeated
    }
    if not flagged:
        return doc
    reason = "repeated-across-documents"
    paragraphs = tuple(
        replace(p, boilerplate=True, boilerplate_reason=reason) if p.index in flagged else p
        for p in doc.paragraphs
    )
    sentences: tuple[Sentence, ...] = tuple(
        replace(s, boilerplate=True, boilerplate_reason=reason) if s.paragraph in flagged else s
        for s in doc.sentences
    )
    return replace(doc, paragraphs=paragraphs, sentences=sentences)


def mark_repeated_lines(docs: Sequence[Document]) -> list[Document]:
    """Flag content lines that recur verbatim in documents that are otherwise unrelated (a site's
    footer or promo shared by its different stories). Lines shared by versions of one story are
    content and stay. (All documents are in memory here, so nothing is forgotten: no window.)"""
    if len(docs) < 2:
        return list(docs)
    collector = RepeatedLines(window=None)
    for index, doc in enumerate(docs):
        collector.add(index, doc)
    repeated = collector.repeated(lambda k: docs[k].text)
    return [flag_repeated(doc, repeated) for doc in docs]
