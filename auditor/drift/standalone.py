"""Garble a document shows on its own, for documents that have no version to be compared with.

A document set aside as ``related`` (same event, different article) is often itself a machine
translation: glued tokens ("Reutersthe") and non-words need no counterpart to be seen, so they are worth
reporting even though nothing else about the document is compared. Only the single-document checks of
``garble`` run here (G002 glued tokens, G001 non-words without a counterpart): with no alignment there
are no aligned units, so no name, number, quote, omission or literal-mistranslation comparison can
fire. Noise control is garble's own (capitalised words, acronyms and tokens with digits are never
non-words), plus the vocabulary of ``context`` documents: a word the related story's versions also
use is a brand or a real term, not garble.
"""

from __future__ import annotations

from collections.abc import Sequence

from auditor.drift.findings import finalise
from auditor.drift.garble import compare_garble
from auditor.drift.units import build_corpus
from auditor.model import AlignmentTable, Document, Finding
from auditor.rules import NON_WORD, RULES

#: the single-document rules (the registry's ``standalone``); anything else would need a counterpart
STANDALONE_CODES = frozenset(r.code for r in RULES if r.standalone)


def standalone_garble(doc: Document, context: Sequence[Document] = (), *, nonwords: bool = True) -> list[Finding]:
    """G001/G002 findings in ``doc`` alone (evidence: the token span in ``doc``), sorted like ``compare``.

    ``nonwords=False`` keeps only glued tokens. Without a counterpart a non-word is weak evidence: in a
    human-written article an unknown lowercase word is far more often a technical term no frequency
    list carries ("exaflops") than garble, so callers report non-words only for documents that show
    machine-translation traces of their own; a glued token is a lost space whoever wrote the text.
    """
    others = [d for d in context if d.id != doc.id]
    # an empty alignment table: no units, so garble runs only its every-sentence scans
    corpus = build_corpus([doc, *others], AlignmentTable(pivot=doc.id, alignments=()), {})
    drafts = [
        d for d in compare_garble(corpus)
        if d.code in STANDALONE_CODES and (nonwords or d.code != NON_WORD.code) and tuple(d.documents) == (doc.id,)
        and all(e.document == doc.id for e in d.evidence)
    ]
    return finalise(drafts, {doc.id: 0})
