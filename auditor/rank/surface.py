"""Surface similarity of aligned versions: sacrebleu chrF and TER (signature recorded in the report)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from auditor.align.rows import Rows, own_rows, pair_texts
from auditor.model import Document
from auditor.text import base_language

#: sacrebleu metrics used for surface similarity; asian_support tokenises CJK so TER is meaningful
#: on Chinese and Japanese versions too.

if TYPE_CHECKING:  # sacrebleu loads on first use
    from sacrebleu.metrics.base import Metric
    from sacrebleu.metrics.chrf import CHRF
    from sacrebleu.metrics.ter import TER


#: texts whose character n-grams a chrF metric keeps while one cluster is scored (~60 KB each, so
#: ~120 MB at most): a news story's versions fit many times over; a book-length pair stops adding
#: and counts the rest
_NGRAM_MEMO_TEXTS = 2048
#: text -> its character n-gram Counters, shared by both chrF metrics, emptied after each cluster
#: (each value follows from its text alone, so a lost entry only costs a recount)
_NGRAMS: dict[str, list[Counter[str]]] = {}
#: (hypothesis, reference) -> chrF statistics of the pair: the consensus chrF of a version compares
#: the same sentence pairs as the pairwise one, and its multi-reference loop reads them from here
_PAIR_STATS: dict[tuple[str, str], list[int]] = {}
#: pairs kept (18 counts and the two texts, ~400 bytes a pair, so ~40 MB at most): enough for a
#: 100,000-sentence pair, whose consensus chrF then costs no second pass over its n-grams
_PAIR_STATS_MAX = 100_000


def _memo_chrf() -> CHRF:
    """sacrebleu's chrF, counting each text's character n-grams once per cluster.

    ``score_cluster`` measures every ordered pair of versions and each version against all the
    others, so each sentence was counted 3 (N - 1) times, half of the scoring time; and the consensus
    chrF compares the very sentence pairs the pairwise one did. Only where the n-grams and a pair's
    counts come from changes: the statistics, and so every score, are sacrebleu's.
    """
    from sacrebleu.metrics.chrf import CHRF
    from sacrebleu.metrics.helpers import extract_all_char_ngrams

    class MemoCHRF(CHRF):
        def _char_ngrams(self, text: str) -> list[Counter[str]]:
            got = _NGRAMS.get(text)
            if got is None:
                got = extract_all_char_ngrams(text, self.char_order, self.whitespace)
                if len(_NGRAMS) < _NGRAM_MEMO_TEXTS:
                    _NGRAMS[text] = got
            return list(got)  # a new list (the Counters are only read)

        def _extract_reference_info(self, refs: Sequence[str]) -> dict[str, Any]:
            if self.word_order:  # chrF++ word n-grams: not used here, sacrebleu's own path
                return super()._extract_reference_info(refs)
            return {"ref_texts": list(refs)}  # n-grams counted when a pair is not memoised

        def _compute_segment_statistics(self, hypothesis: str, ref_kwargs: dict[str, Any]) -> list[int]:
            if self.word_order:
                return list(super()._compute_segment_statistics(hypothesis, ref_kwargs))
            # sacrebleu 2.x's loop: the best-F reference's [hyp, ref, match] counts per order
            best_stats: list[int] = []
            best_f_score = -1.0
            all_hyp_ngrams: list[Counter[str]] | None = None
            for ref in ref_kwargs["ref_texts"]:
                stats = _PAIR_STATS.get((hypothesis, ref)) or _swapped(_PAIR_STATS.get((ref, hypothesis)))
                if stats is None and ref == hypothesis:
                    stats = _identical_stats(hypothesis, self.char_order, self.whitespace)
                if stats is None:
                    if all_hyp_ngrams is None:
                        all_hyp_ngrams = self._char_ngrams(hypothesis)
                    stats = []
                    for h, r in zip(all_hyp_ngrams, self._char_ngrams(ref)):
                        stats.extend(self._get_match_statistics(h, r))
                    if len(_PAIR_STATS) < _PAIR_STATS_MAX:
                        _PAIR_STATS[(hypothesis, ref)] = stats
                f_score = self._compute_f_score(stats)
                if f_score > best_f_score:
                    best_f_score = f_score
                    best_stats = stats
            return best_stats

    return MemoCHRF()


def _identical_stats(text: str, order: int, whitespace: bool) -> list[int]:
    """chrF statistics of a sentence against itself without counting its n-grams: per order n, a
    text of L characters (spaces dropped unless kept) has max(0, L - n + 1) n-grams, and every one
    matches ([hyp, ref, match] all that number, as sacrebleu's count gives)."""
    length = len(text if whitespace else "".join(text.split()))
    out: list[int] = []
    for n in range(1, order + 1):
        out += [max(0, length - n + 1)] * 3
    return out


def _swapped(stats: list[int] | None) -> list[int] | None:
    """chrF statistics of (reference, hypothesis) from those of (hypothesis, reference): per order
    sacrebleu counts [hyp n-grams (0 when the reference has none), ref n-grams, matches], and
    matches are symmetric, so the pair read the other way round (pairwise chrF measures both
    directions) needs no second count. None when an order's reference count is 0: that order's
    hypothesis count was not kept."""
    if stats is None:
        return None
    out: list[int] = []
    for k in range(0, len(stats), 3):
        hyp, ref, match = stats[k : k + 3]
        if ref == 0:
            return None
        out += [ref if hyp > 0 else 0, hyp, match]
    return out


def forget_cluster() -> None:
    """Empty the per-cluster chrF memos (``score_cluster`` calls this when a cluster is scored)."""
    _NGRAMS.clear()
    _PAIR_STATS.clear()


@lru_cache(maxsize=1)
def _metrics() -> tuple[CHRF, TER]:
    from sacrebleu.metrics.ter import TER

    class SameFirstTER(TER):
        def _compute_segment_statistics(self, hypothesis: str, ref_kwargs: dict[str, Any]) -> list[float]:
            """sacrebleu's statistics; a hypothesis word for word its one reference is answered
            without the shift search (~0.6 ms a sentence): no edits, as the search finds."""
            words = ref_kwargs["ref_words"]
            if len(words) == 1 and words[0] and hypothesis.split() == words[0]:
                return [0, len(words[0]) / 1]
            return list(super()._compute_segment_statistics(hypothesis, ref_kwargs))

    chrf, ter = _memo_chrf(), SameFirstTER(asian_support=True)
    # sacrebleu fills the reference count into the signature on the first evaluation
    chrf.corpus_score(["a"], [["a"]])
    ter.corpus_score(["a"], [["a"]])
    return chrf, ter


#: aligned segments per sacrebleu statistics pass: its reference cache (every character n-gram of
#: every reference segment, as Counters) is held for one pass at a time, not for a whole book
_SCORE_CHUNK = 2000


def corpus_score(metric: Metric, hyps: Sequence[str], refs: Sequence[Sequence[str]]) -> float:
    """``metric.corpus_score(hyps, refs).score`` with the per-segment statistics extracted
    ``_SCORE_CHUNK`` segments at a time and summed once, in order, as sacrebleu sums them: the same
    figure, with memory bounded by the chunk rather than the document."""
    if len(hyps) <= _SCORE_CHUNK:
        return float(metric.corpus_score(hyps, refs).score)
    stats: list[Any] = []
    for i in range(0, len(hyps), _SCORE_CHUNK):
        chunk_h, chunk_r = hyps[i : i + _SCORE_CHUNK], [r[i : i + _SCORE_CHUNK] for r in refs]
        metric._check_corpus_score_args(chunk_h, chunk_r)
        stats.extend(metric._extract_corpus_statistics(chunk_h, chunk_r))
    return float(metric._aggregate_and_compute(stats).score)


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
    return corpus_score(chrf, hyp, [ref]), corpus_score(ter, hyp, [ref]) if with_ter else None


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
    return corpus_score(_consensus_metric(), hyps, refs)


@lru_cache(maxsize=1)
def _consensus_metric() -> CHRF:
    """A chrF of its own: sacrebleu records the reference count in the metric's signature, and the
    signature of the pairwise metric (``sacrebleu_signature``) must not vary with this use."""
    return _memo_chrf()


def _pivot_ter(surface: Mapping[tuple[str, str], tuple[float, float | None]], rows: Rows, d: str) -> float | None:
    """TER against the pivot (TER's shift search costs ~20x chrF, so only that pair is measured);
    the pivot itself takes its closest peer's figure."""
    if d != rows.pivot:
        return surface.get((d, rows.pivot), (None, None))[1]
    peers = sorted((surface[(o, d)] for o in rows.docs if (o, d) in surface), key=lambda p: -p[0])
    return peers[0][1] if peers else None
