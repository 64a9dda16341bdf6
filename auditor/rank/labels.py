"""Roles and labels: what each document is (original, near-duplicate, rewrite, translation, related,
unrelated) and what is wrong with it (machine-translated, garbled, translation, reference).

Machine translation leaves several *kinds* of traces at once — non-words and glued tokens, literal
renderings of titles and official bodies, names re-transliterated with shifted sounds, numbers in the
source language's scale ("1,000 million" for "mil millones") — while a human copy editor's slip is
usually one isolated thing. So a label needs several signals of at least two kinds, never one.
Signals come from the drift findings attributed to the document (cluster members) and from markers
read off the text itself (every document, including those set aside, which have no findings).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from auditor.model import Document, Finding
from auditor.rules import RULES_BY_CODE
from auditor.text import base_language
from auditor.text.markers import text_markers

# --- thresholds (each with its reason) -----------------------------------------------------------

# MT signal kinds are the rules' ``mt_signal``: garbled tokens, literal renderings of phrases, titles and
# official names ("Premier" -> "Prime Minister" is what a dictionary gives, not a reporter), and names
# re-transliterated (MT romanises a name back from its characters, shifting sounds).
#: machine-translated: at least three signals of at least two kinds (see the module docstring).
MT_MIN_SIGNALS = 3
MT_MIN_KINDS = 2
#: garbled: at least two garble findings (one odd word can be a typo or a rare term) and at least
#: one per 25 content sentences, so a long article with two odd words is not called garbled.
GARBLED_MIN_FINDINGS = 2
GARBLED_MIN_DENSITY = 1 / 25
#: near-duplicate vs rewrite: a near-duplicate holds on to the original's sentence structure (at least 80%
#: of its aligned content in 1-1 matches; rewrites merge and split sentences) and much of its
#: wording (chrF >= 50; on news text, independent rewrites of one story score 30-45 and copies with
#: edits or mechanical rewording 50+).
NEAR_DUP_ONE_TO_ONE = 0.8
NEAR_DUP_CHRF = 50.0

#: markers that say "translated from another language" (not just "badly produced")
_TRANSLATION_MARKERS = frozenset({"long-scale-number", "decimal-comma"})


# --- verdicts ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    role: str
    labels: tuple[str, ...]
    signals: Mapping[str, int]  # MT signal kind -> count, for the breakdown


def _is_garble(code: str) -> bool:
    known = RULES_BY_CODE.get(code)
    return known is not None and known.kind == "garble"


def mt_signals(doc: Document, findings: Iterable[Finding], blamed: Mapping[str, Sequence[str]]) -> Counter[str]:
    """Counts of MT signals per kind: findings attributed to ``doc`` plus its text markers."""
    signals: Counter[str] = Counter()
    for f in findings:
        known = RULES_BY_CODE.get(f.code)
        kind = known.mt_signal if known is not None else None
        if kind and doc.id in blamed.get(f.id, ()):
            signals[kind] += 1
    for marker, n in text_markers(doc).items():
        signals[f"marker:{marker}"] += n
    return signals


def _flags(doc: Document, signals: Counter[str], garble_findings: int, content_sentences: int) -> list[str]:
    labels: list[str] = []
    kinds = set(signals)  # each finding kind and each text marker is its own kind of trace
    if sum(signals.values()) >= MT_MIN_SIGNALS and len(kinds) >= MT_MIN_KINDS:
        labels.append("machine-translated")
    intrinsic_garble = signals.get("marker:glued-token", 0)
    garble_total = garble_findings + intrinsic_garble
    if garble_total >= GARBLED_MIN_FINDINGS and garble_total / max(content_sentences, 1) >= GARBLED_MIN_DENSITY:
        labels.append("garbled")
    if any(k.removeprefix("marker:") in _TRANSLATION_MARKERS for k in signals):
        labels.append("translation")
    return labels


def choose_original(docs: Sequence[Document], ranked: Sequence[str], reference: str | None = None) -> str:
    """The cluster's original: the ``--reference`` when given, else the most faithful version *in the
    story's language* (the one most versions are in). A translation can score as high as the source
    it was made from, but it is the translation, and the versions in the majority language are not."""
    by_id = {d.id: d for d in docs}
    if reference is not None and reference in by_id:
        return reference  # the editor named the basis: it is the original of this audit
    langs = Counter(base_language(d.language) for d in docs)
    first_rank: dict[str, int] = {}
    for i, r in enumerate(ranked):
        first_rank.setdefault(base_language(by_id[r].language), i)
    # a tie between languages goes to the one whose best version ranks higher
    story_lang = min(langs, key=lambda lang: (-langs[lang], first_rank.get(lang, len(ranked))))
    return next((r for r in ranked if base_language(by_id[r].language) == story_lang), ranked[0])


def label_cluster(
    docs: Sequence[Document],
    ranked: Sequence[str],
    findings: Sequence[Finding],
    blamed: Mapping[str, Sequence[str]],
    *,
    one_to_one: Mapping[str, float],
    chrf_to_original: Mapping[str, float | None],
    reference: str | None = None,
    original: str | None = None,
) -> dict[str, Verdict]:
    """Role and labels for every member of one cluster.

    ``ranked`` is the cluster's ranking (first = most faithful: the original); ``one_to_one`` is
    each document's share of aligned content in 1-1 links; ``chrf_to_original`` its chrF against
    the original (None across languages). ``original`` is the :func:`choose_original` result when
    the caller already has it (the pipeline needs it before labelling, for chrF and lineage);
    left out, it is chosen here from ``ranked`` and ``reference``.
    """
    by_id = {d.id: d for d in docs}
    if original is None:
        original = choose_original(docs, ranked, reference)
    orig_lang = base_language(by_id[original].language)
    out: dict[str, Verdict] = {}
    for d in docs:
        signals = mt_signals(d, findings, blamed)
        garble = sum(1 for f in findings if _is_garble(f.code) and d.id in blamed.get(f.id, ()))
        labels = _flags(d, signals, garble, len(d.content_sentences))
        other_language = base_language(d.language) != orig_lang
        if d.id == original:
            role = "original"
        elif other_language:
            role = "translation"
        elif one_to_one.get(d.id, 0.0) >= NEAR_DUP_ONE_TO_ONE and (chrf_to_original.get(d.id) or 0.0) >= NEAR_DUP_CHRF:
            role = "near-duplicate"
        else:
            role = "rewrite"
        if other_language and "translation" not in labels:
            labels.append("translation")
        if d.id == reference:
            labels.append("reference")
        out[d.id] = Verdict(role, tuple(sorted(set(labels))), dict(sorted(signals.items())))
    return out


def label_set_aside(doc: Document, relation: str) -> Verdict:
    """A document outside every cluster: its relation gives the role; labels from its text alone."""
    signals = mt_signals(doc, (), {})
    labels = _flags(doc, signals, 0, len(doc.content_sentences))
    return Verdict(relation, tuple(sorted(set(labels))), dict(sorted(signals.items())))
