"""Build segmented Documents directly from sentences, so tests of later stages do not depend on the
segmenter's choices (those have their own tests)."""

from __future__ import annotations

from collections.abc import Sequence

from auditor.model import Document, Paragraph, Sentence


def make_doc(doc_id: str, sentences: Sequence[str], language: str = "en", *, boilerplate: Sequence[str] = ()) -> Document:
    """One paragraph per sentence; ``boilerplate`` lines are appended flagged as such."""
    parts: list[tuple[str, bool]] = [(s, False) for s in sentences] + [(s, True) for s in boilerplate]
    text = ""
    paras: list[Paragraph] = []
    sents: list[Sentence] = []
    for i, (s, bp) in enumerate(parts):
        if text:
            text += "\n\n"
        start = len(text)
        text += s
        paras.append(Paragraph(i, start, len(text), language, bp, "test" if bp else None))
        sents.append(Sentence(doc_id, i, i, start, len(text), s, language, bp, "test" if bp else None))
    return Document(
        id=doc_id, path=f"{doc_id}.txt", text=text, language=language, languages=(language,),
        paragraphs=tuple(paras), sentences=tuple(sents),
    )
