"""Builders for drift tests: small hand-made documents, alignments and mentions.

Mentions are built by hand here (what the extractor would produce) so the drift rules are tested
on their own; the fixture-level test runs the real extractor.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auditor.model import Alignment, AlignmentTable, Document, Link, Mention, MentionAttrs, Paragraph, Sentence

try:  # the extractor's Quantity once it exists; a stand-in with the same fields otherwise
    from auditor.extract.quantities import Quantity
except ImportError:  # pragma: no cover
    @dataclass(frozen=True)
    class Quantity:  # type: ignore[no-redef]
        amount: float
        unit: str | None = None
        qualifier: str | None = None
        range_to: float | None = None


def make_doc(doc_id: str, sentences: list[str], lang: str = "en", boilerplate: tuple[int, ...] = (),
             langs: dict[int, str] | None = None) -> Document:
    """One sentence per paragraph, paragraphs separated by a blank line."""
    text = ""
    sents, paras = [], []
    for i, s in enumerate(sentences):
        if text:
            text += "\n\n"
        start = len(text)
        text += s
        lg = (langs or {}).get(i, lang)
        bp = i in boilerplate
        paras.append(Paragraph(i, start, len(text), lg, bp))
        sents.append(Sentence(doc_id, i, i, start, len(text), s, lg, bp, "test" if bp else None))
    return Document(doc_id, f"{doc_id}.txt", text, lang, (lang,), {}, tuple(paras), tuple(sents))


def one_to_one(a: Document, b: Document, pairs: list[tuple[int, int]] | None = None,
               omitted: tuple[int, ...] = (), added: tuple[int, ...] = ()) -> Alignment:
    """Alignment of b against pivot a: given 1-1 pairs (default: i<->i), plus 1-0 and 0-1 links."""
    if pairs is None:
        n = min(len(a.sentences), len(b.sentences))
        pairs = [(i, i) for i in range(n) if i not in omitted and i not in added]
    links = [Link((i,), (j,), 0.9, "1-1") for i, j in pairs]
    links += [Link((i,), (), 0.0, "1-0") for i in omitted]
    links += [Link((), (j,), 0.0, "0-1") for j in added]
    return Alignment(a.id, b.id, tuple(links))


def table(pivot: Document, *alignments: Alignment) -> AlignmentTable:
    return AlignmentTable(pivot.id, tuple(alignments))


class Mentions:
    """Collects mentions: ``add(doc, sentence, surface, kind, value, **attrs)`` finds the surface's
    offsets in the sentence (``nth`` for a repeated surface)."""

    def __init__(self) -> None:
        self.by_doc: dict[str, list[Mention]] = {}

    def add(self, doc: Document, sentence: int, surface: str, kind: str, value: Any = None,
            nth: int = 0, **attrs: Any) -> Mention:
        s = doc.sentences[sentence]
        pos = -1
        for _ in range(nth + 1):
            pos = s.text.index(surface, pos + 1)
        m = Mention(kind, surface, doc.id, sentence, s.start + pos, s.start + pos + len(surface),
                    value if value is not None else surface.casefold(), MentionAttrs(**attrs))
        self.by_doc.setdefault(doc.id, []).append(m)
        return m

    def person(self, doc, sentence, name, **kw):
        return self.add(doc, sentence, name, "person", **kw)

    def qty(self, doc, sentence, surface, amount, unit=None, qualifier=None, range_to=None, nth=0):
        return self.add(doc, sentence, surface, "quantity", Quantity(amount, unit, qualifier, range_to), nth=nth)

    def date(self, doc, sentence, surface, iso):
        return self.add(doc, sentence, surface, "date", iso)

    def quote(self, doc, sentence, words, speaker=None):
        attrs = {"speaker": speaker} if speaker else {}
        return self.add(doc, sentence, words, "quote", words.casefold(), **attrs)


def codes(findings) -> list[str]:
    return [f.code for f in findings]


def by_code(findings, code: str):
    return [f for f in findings if f.code == code]


def audit_extracted(*versions: list[str], lang: str = "en", reference: str | None = None) -> list:
    """Drift findings of one-sentence-per-paragraph versions aligned 1-1 with the first, with the
    extractor's own mentions (the path an audit takes, no mentions typed in by hand)."""
    from auditor.drift import compare
    from auditor.extract import extract_document

    docs = [make_doc(chr(ord("a") + i), sents, lang) for i, sents in enumerate(versions)]
    mentions = {d.id: list(extract_document(d)) for d in docs}
    pivot = docs[0]
    return compare(docs, table(pivot, *(one_to_one(pivot, d) for d in docs[1:])), mentions, reference=reference)
