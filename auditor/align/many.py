"""N-document alignment: every version aligned to one pivot, and the rows of the combined table.

The pivot is the ``reference`` document when given, else the version most similar to all others
(the one the others were most likely derived from, or at least the one sharing most content), so
every other version is compared with the fullest text. Aligning each version to the pivot costs
N - 1 pair alignments instead of N^2 / 2, and gives every finding a common point of reference.

The pivot matters beyond alignment: where versions split evenly on a reading (always, with two
versions), the drift stage and the scoring presume the pivot's reading is the right one. Centrality
cannot tell a source from its close copy (both share nearly everything, so their totals differ by
noise) and with two documents it is symmetric, so a near-tie is settled by *copying defects*
(``source_evidence``): copying adds defects and practically never removes them, so of two versions
of one text the one with clearly fewer is the likelier source:

1. garble — non-words no other version uses, and acronyms glued to a function word: what machine
   translation and broken extraction leave behind; an original is written and edited in its
   language and has (almost) none;
2. translation markers (``auditor.text.markers.text_markers``: long-scale numbers, decimal commas, a space
   before a compound's hyphen) — the text was rendered from another language, so it is not the
   source of versions written in this one;
3. only then more content (words within one language, see ``_fullness``): the fuller text is more
   likely the source than a trim or a tightened rewrite, but length alone misleads (MT splits
   sentences, syndication appends promo paragraphs), so it comes last.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from auditor.align.pair import align_pair
from auditor.errors import InputError, UsageError
from auditor.lexicon import TOKEN_RE, fold, is_nonword
from auditor.model import AlignmentTable, Document
from auditor.text import base_language

if TYPE_CHECKING:  # the backends load torch lazily; alignment only needs the interface
    from auditor.backends import Encoder


def document_similarity(docs: Sequence[Document], encoder: Encoder) -> np.ndarray:
    """Symmetric N x N similarity: mean over both directions of "share of x's sentences found in y"
    (each sentence's best cosine in the other document, averaged). 1.0 on the diagonal."""
    texts = [[s.text for s in d.content_sentences] for d in docs]
    flat = [t for ts in texts for t in ts]
    vecs = encoder.encode(flat) if flat else np.zeros((0, 1), dtype=np.float32)
    parts, start = [], 0
    for ts in texts:
        parts.append(vecs[start : start + len(ts)])
        start += len(ts)
    n = len(docs)
    cover = np.eye(n)
    for x in range(n):
        for y in range(n):
            if x != y and len(parts[x]) and len(parts[y]):
                cover[x, y] = float((parts[x] @ parts[y].T).max(axis=1).mean())
    return (cover + cover.T) / 2.0


#: near-tie in centrality, per peer: an original and its close copy (or MT) share nearly all content, so
#: their summed similarity to the others differs by well under one cosine point per peer (0.003
#: over two peers for a garbled round-trip copy and its source); below this the totals are noise and
#: copying defects decide (see the module docstring)
CENTRALITY_TIE = 0.02
#: a version is "clearly more garbled" than another when the other is free of garble and it is not
#: (a garbled copy of an edited original typically adds only one or two non-words; the rest of its
#: damage is real words in the wrong place, which only an alignment shows), or when both have some
#: and it has at least this many more AND this many more per content sentence — the thresholds of
#: the ``garbled`` label (``auditor.rank.labels``): one odd word more can be a rare term, and a long
#: article with two odd words more is not garbled
MIN_GARBLE_MARGIN = 2
MIN_GARBLE_DENSITY = 1 / 25
#: the translation-marker tier needs one side free of them and the other with at least one: the
#: markers are specific (an English original practically never writes "1,000 million"), but a
#: version with them against one with as many proves nothing
MIN_MARKER_MARGIN = 1

_GLUE_MARKERS = frozenset({"glued-token"})


@dataclass(frozen=True)
class SourceEvidence:
    """Copying defects of one version, compared with the others (see the module docstring)."""

    garble: int       # distinct non-words no other version uses, plus acronym-glued tokens
    markers: int      # translation markers in its text (long-scale numbers, decimal commas, ...)
    content: int      # content sentences

    @property
    def garble_rate(self) -> float:
        return self.garble / max(self.content, 1)


def _vocabulary(doc: Document) -> set[str]:
    return {fold(m.group()) for s in doc.content_sentences for m in TOKEN_RE.finditer(s.text)}


def source_evidence(docs: Sequence[Document]) -> dict[str, SourceEvidence]:
    """``SourceEvidence`` for every document. A non-word another version also uses is not counted: it
    is the source's own spelling or a rare term both carry, not something this copy introduced."""
    from auditor.text.markers import text_markers

    vocab = {d.id: _vocabulary(d) for d in docs}
    out: dict[str, SourceEvidence] = {}
    # a document repeats its words: each (word, language) is looked up once
    known: dict[tuple[str, str], bool] = {}
    for d in docs:
        others = set().union(*(v for k, v in vocab.items() if k != d.id)) if len(docs) > 1 else set()
        nonwords = set()
        for s in d.content_sentences:
            lang = base_language(s.language)
            for m in TOKEN_RE.finditer(s.text):
                key = (m.group(), lang)
                odd = known.get(key)
                if odd is None:
                    odd = known[key] = is_nonword(m.group(), lang)
                if odd and fold(m.group()) not in others:
                    nonwords.add(fold(m.group()))
        markers = text_markers(d)
        glued = sum(n for k, n in markers.items() if k in _GLUE_MARKERS)
        out[d.id] = SourceEvidence(
            garble=len(nonwords) + glued,
            markers=sum(n for k, n in markers.items() if k not in _GLUE_MARKERS),
            content=len(d.content_sentences),
        )
    return out


def likelier_source(x: SourceEvidence, y: SourceEvidence) -> bool:
    """Do the copying defects clearly say ``x`` rather than ``y`` is the source? Garble first, then
    translation markers (see the module docstring); False when neither clearly differs."""
    if x.garble != y.garble:
        clean, dirty = (x, y) if x.garble < y.garble else (y, x)
        if clean.garble == 0 or (dirty.garble - clean.garble >= MIN_GARBLE_MARGIN
                                 and dirty.garble_rate - clean.garble_rate >= MIN_GARBLE_DENSITY):
            return clean is x
    if min(x.markers, y.markers) == 0 and abs(y.markers - x.markers) >= MIN_MARKER_MARGIN:
        return y.markers > x.markers
    return False


def _settle(candidates: Sequence[Document], docs: Sequence[Document]) -> Document:
    """The first candidate unless another one is clearly the likelier source (copying defects)."""
    if len(candidates) == 1:
        return candidates[0]
    evidence = source_evidence(docs)
    best = candidates[0]
    for c in candidates[1:]:
        if likelier_source(evidence[c.id], evidence[best.id]):
            best = c
    return best


def _fullness(doc: Document, docs: Sequence[Document]) -> tuple[int, ...]:
    """Sort key, fuller first. In one language, words measure content: splitting or merging
    sentences (MT splits long ones, rewrites merge them) changes the sentence count, not the content,
    and a rewrite tightens wording. Across languages word counts are not comparable (a Chinese
    "word" here is a run of characters), so sentences count first there."""
    words = sum(len(TOKEN_RE.findall(s.text)) for s in doc.content_sentences)
    sentences = len(doc.content_sentences)
    if len({base_language(d.language) for d in docs}) == 1:
        return (-words, -sentences)
    return (-sentences, -words)


def pick_pivot(docs: Sequence[Document], encoder: Encoder, reference: str | None = None) -> Document:
    """The ``reference`` document (by id, or by path), else the likeliest source (module docstring).

    With two documents centrality is symmetric: copying defects decide, then more content, then the
    earlier document. With more, the most central one, unless a near-tie (``CENTRALITY_TIE``) is
    settled by copying defects. Deterministic for a given input order.
    """
    if not docs:
        raise InputError(None, "no documents to align")
    if reference is not None:
        for d in docs:
            if d.id == reference:
                return d
        for d in docs:
            if d.path == reference or d.path.endswith("/" + reference):
                return d
        known = ", ".join(d.id for d in docs)
        raise UsageError(None, f"no document {reference!r} among the inputs ({known})", option="reference")
    if len(docs) == 1:
        return docs[0]
    if len(docs) == 2:
        # the similarity is symmetric: fuller text first, then copying defects may overrule it
        ordered = sorted(docs, key=lambda d: _fullness(d, docs) + (docs.index(d),))
        return _settle(ordered, docs)
    sim = document_similarity(docs, encoder)
    totals = sim.sum(axis=1) - 1.0
    best = int(np.argmax(totals))
    margin = CENTRALITY_TIE * (len(docs) - 1)
    near = [i for i in sorted(range(len(docs)), key=lambda i: (-totals[i], i))
            if totals[best] - totals[i] <= margin]
    return _settle([docs[i] for i in near], docs)


def align_many(docs: Sequence[Document], encoder: Encoder, reference: str | None = None,
               **options: Any) -> AlignmentTable:
    """Align every document to the pivot (see module docstring); alignments follow input order."""
    pivot = pick_pivot(docs, encoder, reference)
    alignments = tuple(align_pair(pivot, d, encoder, **options) for d in docs if d.id != pivot.id)
    return AlignmentTable(pivot=pivot.id, alignments=alignments)
