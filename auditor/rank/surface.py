"""Surface similarity of aligned versions: sacrebleu chrF and TER (signature recorded in the report)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

from auditor.align.rows import Rows, own_rows, pair_texts
from auditor.model import Document
from auditor.text import base_language

#: sacrebleu metrics used for surface similarity; asian_support tokenises CJK so TER is meaningful
#: on Chinese and Japanese versions too.

if TYPE_CHECKING:  # sacrebleu loads on first use
    from sacrebleu.metrics.chrf import CHRF
    from sacrebleu.metrics.ter import TER


@lru_cache(maxsize=1)
def _metrics() -> tuple[CHRF, TER]:
    from sacrebleu.metrics.chrf import CHRF
    from sacrebleu.metrics.ter import TER

    chrf, ter = CHRF(), TER(asian_support=True)
    # sacrebleu fills the reference count into the signature on the first evaluation
    chrf.corpus_score(["a"], [["a"]])
    ter.corpus_score(["a"], [["a"]])
    return chrf, ter


def sacrebleu_signature() -> str:
    """The sacrebleu signatures of the surface metrics, for ``ToolInfo.sacrebleu_signature``."""
    chrf, ter = _metrics()
    return f"chrF2|{chrf.get_signature().format()} TER|{ter.get_signature().format()}"


def surface_similarity(
    rows: Rows, docs: Mapping[str, Document], a: str, b: str, *, with_ter: bool = True
) -> tuple[float, float | None] | None:
    """(chrF, TER) of ``a``'s aligned sentences against ``b``'s, or None across languages (surface
    overlap between a text and its translation says nothing about faithfulness) or with nothing
    aligned. TER (with its shift search) costs ~20x chrF, so callers ask for it only against the pivot."""
    if base_language(docs[a].language) != base_language(docs[b].language):
        return None
    hyp, ref = pair_texts(rows, docs, a, b)
    if not hyp:
        return None
    chrf, ter = _metrics()
    return (
        float(chrf.corpus_score(hyp, [ref]).score),
        float(ter.corpus_score(hyp, [ref]).score) if with_ter else None,
    )


def consensus_chrf(rows: Rows, docs: Mapping[str, Document], d: str) -> float | None:
    """chrF of ``d``'s aligned sentences against every other same-language version at once
    (sacrebleu multi-reference: each sentence counts against its closest counterpart), or None
    when no other version shares its language."""
    lang = base_language(docs[d].language)
    others = [o for o in rows.docs if o != d and base_language(docs[o].language) == lang]
    if not others:
        return None
    texts = {o: {s.index: s.text for s in docs[o].sentences} for o in [d, *others]}
    hyps: list[str] = []
    refs: list[list[str]] = [[] for _ in others]
    for mine, row in own_rows(rows, d):
        hyps.append(" ".join(texts[d][i] for i in mine if i in texts[d]))
        for k, o in enumerate(others):
            refs[k].append(" ".join(texts[o][i] for i in row.get(o, ()) if i in texts[o]))
    if not hyps:
        return None
    return float(_consensus_metric().corpus_score(hyps, refs).score)


@lru_cache(maxsize=1)
def _consensus_metric() -> CHRF:
    """A chrF of its own: sacrebleu records the reference count in the metric's signature, and the
    signature of the pairwise metric (``sacrebleu_signature``) must not vary with this use."""
    from sacrebleu.metrics.chrf import CHRF

    return CHRF()


def _pivot_ter(surface: Mapping[tuple[str, str], tuple[float, float | None]], rows: Rows, d: str) -> float | None:
    """TER against the pivot (TER's shift search costs ~20x chrF, so only that pair is measured);
    the pivot itself takes its closest peer's figure."""
    if d != rows.pivot:
        return surface.get((d, rows.pivot), (None, None))[1]
    peers = sorted((surface[(o, d)] for o in rows.docs if (o, d) in surface), key=lambda p: -p[0])
    return peers[0][1] if peers else None
