"""Two-document alignment: encode, find anchors, banded DP, moved content -> ``Alignment``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, cast

import numpy as np

from auditor.align.anchors import BAND_MARGIN, band_from_anchors, find_anchors, full_band
from auditor.align.dp import Bead, band_dp
from auditor.align.moves import find_moves
from auditor.align.scoring import MATCH_THRESHOLD, PairScorer, pair_texts
from auditor.align.window_vectors import WindowVectors
from auditor.blas import single_thread_blas
from auditor.cached_encoder import encode_sparse
from auditor.model import Alignment, Document, Link, LinkKind, Sentence
from auditor.text import same_language

if TYPE_CHECKING:  # the backends load torch lazily; the aligner only needs the interface
    from auditor.backends import Encoder

Merged = Literal["concat", "sum"]
#: anchors needed before their median length ratio replaces the default of 1 (equal length units)
_MIN_ANCHORS_FOR_RATIO = 3
#: normalised similarity that suffices between sentences sandwiched by aligned neighbours: clearly
#: above the documents' background (0 on this scale) but well below MATCH_THRESHOLD, because the
#: neighbours already vouch for the correspondence
SLOT_THRESHOLD = 0.1
#: extra penalty for a merged bead spanning a paragraph break: rewrites do merge across paragraphs,
#: but a heading glued to the sentence after it must be clearly better than the heading alone
#: (in cross-lingual pairs the whole similarity scale is lower, so a small price decides it)
PARAGRAPH_MERGE_COST = 0.08
#: largest run (sentences per side) the slot pass re-aligns; beyond it position stops being evidence
_SLOT_MAX = 2


def _nonempty(vectors: tuple[Any, Any, Any, Any]) -> tuple[Any, Any, Any, Any]:
    """``encode_texts``' convention: a side with no rows is a (0, dim) float32 array."""
    dim = vectors[0].shape[1]
    return cast(tuple[Any, Any, Any, Any], tuple(
        x if x.shape[0] else np.zeros((0, dim), dtype=np.float32) for x in vectors))


def encode_texts(
    encoder: Encoder, texts_a: Sequence[str], texts_b: Sequence[str], merged: Merged = "concat",
) -> tuple[Any, Any, Any, Any]:
    """Single-sentence and adjacent-pair embeddings of both sides, in one encoder call: arrays, or
    scipy CSR matrices when the encoder has a sparse form.

    ``merged="concat"`` encodes the joined text of each adjacent pair (what a merge actually reads
    like); ``"sum"`` approximates it by the sum of the two sentence vectors, which costs nothing.
    """
    pa_txt = pair_texts(texts_a) if merged == "concat" else []
    pb_txt = pair_texts(texts_b) if merged == "concat" else []
    texts = [*texts_a, *texts_b, *pa_txt, *pb_txt]
    # the sparse form when the encoder has one (``PairScorer`` takes either): every product over
    # the band then costs a few percent of the dense one
    allv = encode_sparse(encoder, texts)
    if allv is None:
        allv = encoder.encode(texts)
    n, m = len(texts_a), len(texts_b)
    ea, eb = allv[:n], allv[n : n + m]
    if merged == "concat":
        pa = allv[n + m : n + m + len(pa_txt)]
        pb = allv[n + m + len(pa_txt) :]
    else:
        pa, pb = ea[:-1] + ea[1:], eb[:-1] + eb[1:]
    dim = allv.shape[1] if allv.ndim == 2 else 0

    def fix(x: Any) -> Any:
        return x if x.shape[0] else np.zeros((0, dim), dtype=np.float32)

    return fix(ea), fix(eb), fix(pa), fix(pb)


def align_texts(
    texts_a: Sequence[str],
    texts_b: Sequence[str],
    encoder: Encoder,
    *,
    merged: Merged = "concat",
    banded: bool = True,
    margin: int = BAND_MARGIN,
    moves: bool = True,
    merge_cost_a: Sequence[float] | None = None,
    merge_cost_b: Sequence[float] | None = None,
) -> list[Link]:
    """Align two sentence sequences; links use 0-based indexes into ``texts_a`` / ``texts_b``.

    ``banded=False`` runs the exhaustive DP over all n x m cells (the benchmark's baseline).
    ``merge_cost_*[i]`` (one value per adjacent pair) is an extra cost for merging sentences i and
    i+1 (``inf`` forbids it); ``align_pair`` derives it from languages and paragraphs.
    """
    n, m = len(texts_a), len(texts_b)
    if n == 0 or m == 0:
        return [Link(a=(i,), b=(), score=0.0, kind="1-0") for i in range(n)] + [
            Link(a=(), b=(j,), score=0.0, kind="0-1") for j in range(m)
        ]
    if banded and min(n, m) > LONG_SENTENCES:
        return _align_windows(texts_a, texts_b, encoder, merged, margin, moves, merge_cost_a, merge_cost_b)
    return _align_once(texts_a, texts_b, encoder, merged, banded, margin, moves, merge_cost_a, merge_cost_b)


def _align_once(
    texts_a: Sequence[str], texts_b: Sequence[str], encoder: Encoder, merged: Merged, banded: bool, margin: int,
    moves: bool, merge_cost_a: Sequence[float] | None, merge_cost_b: Sequence[float] | None,
    encoded: tuple[Any, Any, Any, Any] | None = None,
) -> list[Link]:
    """One banded alignment; ``encoded``: ``encode_texts``' four results when the caller has them."""
    ea, eb, pa, pb = encoded if encoded is not None else encode_texts(encoder, texts_a, texts_b, merged)
    with single_thread_blas():
        return _align_encoded(texts_a, texts_b, ea, eb, pa, pb, banded, margin, moves, merge_cost_a, merge_cost_b)


#: documents longer than this (sentences, both sides) are aligned window by window: their vectors
#: (every sentence and every adjacent pair: 4 x 8,192 floats a sentence with the lexical model) and
#: the scorer's padded copies would otherwise grow with the document -- 13 GB for a 100,000-sentence
#: pair. Shorter documents, nearly every news article, take the one-pass path unchanged.
LONG_SENTENCES = 3000
#: a-sentences per window; the b side gets this many plus ``_WINDOW_SLACK`` more, room for what one
#: version inserted. Each window is one ordinary alignment of ~2,500 x 3,700 sentences
_WINDOW = 2000
_WINDOW_SLACK = _WINDOW // 2
#: a window's links are kept up to its last aligned pair in the first three quarters of its a
#: sentences (and short of the b window's last quarter); the next window starts right after that
#: pair, so every cut sits on a confident match with context on both sides
_WINDOW_KEEP = 0.75


def _align_windows(
    texts_a: Sequence[str], texts_b: Sequence[str], encoder: Encoder, merged: Merged, margin: int, moves: bool,
    merge_cost_a: Sequence[float] | None, merge_cost_b: Sequence[float] | None,
) -> list[Link]:
    """``align_texts`` of two long documents as a chain of overlapping windows (``LONG_SENTENCES``).

    Memory follows the window, time the document length. What the one-pass alignment would find and
    this does not: a move (``moved`` link) between windows, i.e. over more than ~1,500 sentences,
    and the background similarity and name weights are each window's own rather than the documents'.
    """
    n, m = len(texts_a), len(texts_b)
    cost_a = list(merge_cost_a) if merge_cost_a is not None else [0.0] * max(n - 1, 0)
    cost_b = list(merge_cost_b) if merge_cost_b is not None else [0.0] * max(m - 1, 0)
    out: list[Link] = []
    a0 = b0 = 0
    vectors = WindowVectors(encoder, texts_a, texts_b) if merged == "concat" else None

    def shifted(link: Link) -> Link:
        return Link(a=tuple(i + a0 for i in link.a), b=tuple(j + b0 for j in link.b), score=link.score,
                    kind=link.kind)

    while a0 < n or b0 < m:
        last = n - a0 <= _WINDOW + _WINDOW // 2 or m - b0 <= _WINDOW + _WINDOW_SLACK
        a1, b1 = (n, m) if last else (a0 + _WINDOW, b0 + _WINDOW + _WINDOW_SLACK)
        wa, wb = texts_a[a0:a1], texts_b[b0:b1]
        if not wa or not wb:  # one side is used up: the rest of the other is unaligned
            sub = align_texts(wa, wb, encoder)
        else:
            encoded = vectors.encode(a0, a1, b0, b1) if vectors is not None else None
            sub = _align_once(wa, wb, encoder, merged, True, margin, moves,
                              cost_a[a0 : max(a0, a1 - 1)], cost_b[b0 : max(b0, b1 - 1)],
                              encoded if encoded is None else _nonempty(encoded))
        if last:
            out.extend(shifted(link) for link in sub)
            break
        keep_a, keep_b = int((a1 - a0) * _WINDOW_KEEP), (b1 - b0) - _WINDOW_SLACK // 2
        cut = -1
        for k, link in enumerate(sub):
            if link.a and link.b and link.kind != "moved" and link.a[-1] < keep_a and link.b[-1] < keep_b:
                cut = k
        if cut < 0:  # nothing aligned in the window: report its first part unaligned and go on
            out.extend(Link(a=(a0 + i,), b=(), score=0.0, kind="1-0") for i in range(keep_a))
            out.extend(Link(a=(), b=(b0 + j,), score=0.0, kind="0-1") for j in range(keep_b))
            a0, b0 = a0 + keep_a, b0 + keep_b
            continue
        end_a, end_b = sub[cut].a[-1], sub[cut].b[-1]
        # a move inside the kept part whose other end lies past the cut is left to the next window:
        # its a-sentence is unaligned here, and a b-sentence moved to a dropped a-sentence returns
        kept = [link if link.kind != "moved" or link.b[0] <= end_b else Link(a=link.a, b=(), score=0.0, kind="1-0")
                for link in sub[:cut]]
        orphans = sorted(j for link in sub[cut + 1 :] if link.kind == "moved" for j in link.b if j <= end_b)
        kept += [Link(a=(), b=(j,), score=0.0, kind="0-1") for j in orphans]
        kept.append(sub[cut])
        out.extend(shifted(link) for link in kept)
        a0, b0 = a0 + end_a + 1, b0 + end_b + 1
    return out


def _align_encoded(
    texts_a: Sequence[str], texts_b: Sequence[str], ea: np.ndarray, eb: np.ndarray, pa: np.ndarray, pb: np.ndarray,
    banded: bool, margin: int, moves: bool, merge_cost_a: Sequence[float] | None, merge_cost_b: Sequence[float] | None,
) -> list[Link]:
    n, m = len(texts_a), len(texts_b)
    scorer = PairScorer(texts_a, texts_b, ea, eb, pa, pb, merge_cost_a=merge_cost_a, merge_cost_b=merge_cost_b)
    anchors = find_anchors(scorer)
    if len(anchors) >= _MIN_ANCHORS_FOR_RATIO:
        ia, ib = np.array([(i, j) for i, j, _ in anchors]).T
        ratios = scorer.b.length[ib] / scorer.a.length[ia]
        # clipped: even a very terse rewrite does not make every sentence 3x shorter
        scorer.length_ratio = float(np.clip(np.median(ratios), 1 / 3, 3))
    lo, hi = band_from_anchors(n, m, anchors, margin) if banded else full_band(n, m)
    beads = band_dp(n, m, lo, hi, scorer.band_gain)
    beads = _fill_slots(scorer, beads)

    links: list[Link] = []
    for (ia, ib), cos in zip(beads, scorer.pair_cosines(beads)):
        if ia and ib:
            links.append(Link(a=ia, b=ib, score=_round(cos), kind=cast(LinkKind, f"{len(ia)}-{len(ib)}")))
        else:
            links.append(Link(a=ia, b=ib, score=0.0, kind="1-0" if ia else "0-1"))
    if moves:
        links = _apply_moves(scorer, links)
    return links


def _round(cos: float) -> float:
    """Link scores are cosines rounded for stable, diff-friendly output."""
    return round(min(1.0, max(-1.0, cos)), 4)


def _fill_slots(scorer: PairScorer, beads: list[Bead]) -> list[Bead]:
    """Re-align small runs of omitted+added sentences that sit between two aligned beads.

    When the sentences before and after are aligned, an omitted a-sentence facing an added
    b-sentence in the same gap is most likely a loose paraphrase of it (a rewrite's "The mayor
    hands the bureau..." vs "The mayor asks the bureau to..."), so the run is aligned
    again with the lower ``SLOT_THRESHOLD``. Only small runs qualify: in a long run position no
    longer says which sentence corresponds to which.
    """
    out: list[Bead] = []
    k = 0
    while k < len(beads):
        if beads[k][0] and beads[k][1]:
            out.append(beads[k])
            k += 1
            continue
        end = k
        while end < len(beads) and not (beads[end][0] and beads[end][1]):
            end += 1
        run = beads[k:end]
        ga = sorted(i for ia, _ in run for i in ia)
        gb = sorted(j for _, jb in run for j in jb)
        sandwiched = k > 0 and end < len(beads)  # aligned beads on both sides, not a document edge
        if sandwiched and 0 < len(ga) <= _SLOT_MAX and 0 < len(gb) <= _SLOT_MAX:
            a0, b0 = ga[0], gb[0]
            na, nb = len(ga), len(gb)

            def gain(kk: int, ll: int, r0: int, r1: int, lo: np.ndarray, width: int, a0: int = a0,
                     b0: int = b0) -> np.ndarray:
                g = scorer.band_gain(kk, ll, r0 + a0, r1 + a0, lo + b0, width)
                g += MATCH_THRESHOLD - SLOT_THRESHOLD
                g[: max(0, kk - r0), :] = -np.inf  # groups reaching before the slot
                g[lo[:, None] + np.arange(width) < ll] = -np.inf
                return g

            lo, hi = full_band(na, nb)
            for ia, ib in band_dp(na, nb, lo, hi, gain):
                out.append((tuple(i + a0 for i in ia), tuple(j + b0 for j in ib)))
        else:
            out.extend(run)
        k = end
    return out


def _apply_moves(scorer: PairScorer, links: list[Link]) -> list[Link]:
    left_a = [l.a[0] for l in links if l.kind == "1-0"]
    left_b = [l.b[0] for l in links if l.kind == "0-1"]
    found = find_moves(scorer, left_a, left_b)
    if not found:
        return links
    cosines = scorer.pair_cosines([((i,), (j,)) for i, j, _ in found])
    by_a = {i: (j, cos) for (i, j, _), cos in zip(found, cosines)}
    moved_b = {j for _, j, _ in found}
    out = []
    for link in links:
        if link.kind == "1-0" and link.a[0] in by_a:
            j, cos = by_a[link.a[0]]
            out.append(Link(a=link.a, b=(j,), score=_round(cos), kind="moved"))
        elif link.kind == "0-1" and link.b[0] in moved_b:
            continue
        else:
            out.append(link)
    return out


def _same_language(x: str, y: str) -> bool:
    """Languages agree, or one of them is unknown (short lines often are)."""
    return same_language(x, y)


def merge_costs(sentences: Sequence[Sentence]) -> list[float]:
    """Extra penalty for merging each adjacent pair: never across a language change (a translation
    merges sentences of one text, not a Chinese summary line with the English lead after it), and
    ``PARAGRAPH_MERGE_COST`` across a paragraph break (headings and paragraph ends rarely merge)."""
    costs = []
    for s, t in zip(sentences, sentences[1:]):
        if not _same_language(s.language, t.language):
            costs.append(float("inf"))
        elif s.paragraph != t.paragraph:
            costs.append(PARAGRAPH_MERGE_COST)
        else:
            costs.append(0.0)
    return costs


def align_pair(a: Document, b: Document, encoder: Encoder, **options: Any) -> Alignment:
    """Sentence alignment of ``b`` against ``a``; boilerplate sentences never take part.

    Link indexes are ``Sentence.index`` values of each document. Options as in ``align_texts``.
    """
    sa, sb = a.content_sentences, b.content_sentences
    options.setdefault("merge_cost_a", merge_costs(sa))
    options.setdefault("merge_cost_b", merge_costs(sb))
    links = align_texts([s.text for s in sa], [s.text for s in sb], encoder, **options)
    mapped = tuple(
        Link(
            a=tuple(sa[i].index for i in link.a),
            b=tuple(sb[j].index for j in link.b),
            score=link.score,
            kind=link.kind,
        )
        for link in links
    )
    return Alignment(a=a.id, b=b.id, links=mapped)
