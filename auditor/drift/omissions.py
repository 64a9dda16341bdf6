"""Sentence-level omissions, additions and moves, read from the alignment's 1-0, 0-1 and moved links.

Entity- and number-level omissions live with their comparators (names, entities, numbers); this
module reports whole sentences. Consecutive sentences omitted from the same versions are one finding
(a dropped paragraph is one editorial decision, not five). Consensus decides direction: pivot
content that most versions lack is the pivot's addition, not everybody else's omission.
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz

from auditor.drift.consensus import majority_present
from auditor.drift.findings import Draft, doc_list, evidence_for, q
from auditor.drift.text import tokens
from auditor.drift.units import Corpus
from auditor.rules import CONTENT_ADDED, CONTENT_MOVED, SENTENCE_OMITTED

#: sentences shorter than this many words without a digit are headings, datelines or kickers;
#: they carry no claim, and rewrites re-title sections freely
MIN_CLAIM_WORDS = 5
#: two added sentences in different versions are the same addition at this token-set similarity
#: (0-100): high, because a false merge would hide one version's addition
SAME_ADDITION = 80.0


def _claim(text: str) -> bool:
    return len(tokens(text)) >= MIN_CLAIM_WORDS or any(ch.isdigit() for ch in text)


def _main_language(corpus: Corpus, doc: str) -> str:
    weight: dict[str, int] = defaultdict(int)
    for s in corpus.docs[doc].content_sentences:
        weight[s.language] += len(s.text)
    return max(sorted(weight), key=lambda k: weight[k]) if weight else corpus.docs[doc].language


def _languages(corpus: Corpus, doc: str) -> set[str]:
    return {s.language for s in corpus.docs[doc].content_sentences}


def _runs(indexes: list[int], content: list[int]) -> list[list[int]]:
    """Split sorted sentence indexes into runs that are consecutive among content sentences."""
    pos = {i: k for k, i in enumerate(content)}
    runs: list[list[int]] = []
    for i in indexes:
        if runs and pos.get(i, -9) == pos.get(runs[-1][-1], -9) + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def compare_sentences(corpus: Corpus) -> list[Draft]:
    drafts: list[Draft] = []
    pivot = corpus.pivot
    if pivot not in corpus.docs:
        return drafts
    piv_lang = _main_language(corpus, pivot)
    others = [d for d in corpus.order if d != pivot and corpus.is_version(d)]
    lacking: dict[int, set[str]] = defaultdict(set)
    for doc, idxs in corpus.omitted:
        if doc not in others:
            continue
        for i in idxs:
            lacking[i].add(doc)
    in_unit: dict[int, set[str]] = defaultdict(set)
    for u in corpus.units:
        for i in u.sentences.get(pivot, ()):
            in_unit[i] |= {d for d in u.docs if d in others}

    # --- pivot sentences some versions lack
    by_docs: dict[tuple[str, ...], list[int]] = defaultdict(list)
    pivot_added: list[int] = []
    for i in sorted(lacking):
        s = corpus.sentence(pivot, i)
        if s is None or s.boilerplate or not _claim(s.text):
            continue
        lack = {d for d in lacking[i] if d not in in_unit[i]}
        if s.language != piv_lang:
            # a summary in another language: only versions that have that language can lack it
            lack = {d for d in lack if s.language in _languages(corpus, d)}
        if not lack:
            continue
        have = [pivot] + sorted(in_unit[i])
        if majority_present(have, sorted(lack), pivot):
            by_docs[tuple(d for d in others if d in lack)].append(i)
        elif len(others) >= 2:
            pivot_added.append(i)
    content = [s.index for s in corpus.docs[pivot].content_sentences]
    for docs, lines in by_docs.items():
        for run in _runs(sorted(lines), content):
            ss = [corpus.sentence_at(pivot, i) for i in run]
            ev = [evidence_for(pivot, s.index, s.start, s.end, s.text) for s in ss]
            n = f"{len(run)} sentences" if len(run) > 1 else "Sentence"
            drafts.append(Draft(SENTENCE_OMITTED.code,
                                f"{n} of {pivot} omitted in {doc_list(docs)}: {q(ss[0].text, 70)}", docs, ev, key=("sent-omitted", tuple(run))))
    for run in _runs(pivot_added, content):
        ss = [corpus.sentence_at(pivot, i) for i in run]
        drafts.append(Draft(CONTENT_ADDED.code, f"Only {pivot} (of most versions) carries: {q(ss[0].text, 70)}",
                            (pivot,), [evidence_for(pivot, s.index, s.start, s.end, s.text) for s in ss],
                            key=("added", pivot, tuple(run))))

    # --- content only some non-pivot versions carry
    pivot_langs = _languages(corpus, pivot)
    # each version's main language once, not once per added sentence (a pass over the version)
    main = {doc: _main_language(corpus, doc) for doc in others}
    added = [(doc, i) for doc, idxs in corpus.added if doc in others for i in idxs
             if (s := corpus.sentence(doc, i)) is not None and not s.boilerplate and _claim(s.text)
             # a summary in a language the pivot does not have is not added content (see above)
             and (s.language == main[doc] or s.language in pivot_langs)]
    groups: list[list[tuple[str, int]]] = []
    for doc, i in added:
        text = corpus.sentence_at(doc, i).text
        for g in groups:
            gd, gi = g[0]
            if gd != doc and all(d != doc for d, _ in g) and \
                    fuzz.token_set_ratio(text, corpus.sentence_at(gd, gi).text) >= SAME_ADDITION:
                g.append((doc, i))
                break
        else:
            groups.append([(doc, i)])
    for g in groups:
        docs = tuple(d for d in corpus.order if any(d == x for x, _ in g))
        ss = [corpus.sentence_at(d, i) for d, i in g]
        ev = [evidence_for(s.doc_id, s.index, s.start, s.end, s.text) for s in ss]
        if len(others) >= 2 and majority_present(list(docs), [pivot] + [d for d in others if d not in docs], pivot):
            drafts.append(Draft(SENTENCE_OMITTED.code,
                                f"Sentence carried by {doc_list(docs)} is omitted in {pivot}: {q(ss[0].text, 70)}",
                                (pivot,), ev, key=("sent-omitted-pivot", docs, g[0][1])))
        else:
            drafts.append(Draft(CONTENT_ADDED.code, f"Only {doc_list(docs)} carries: {q(ss[0].text, 70)}", docs, ev,
                                key=("added", docs, g[0][1])))

    # --- moved
    for doc, pidx, bidx in corpus.moved:
        if doc not in others:
            continue
        ps = [corpus.sentence_at(pivot, i) for i in pidx]
        bs = [corpus.sentence_at(doc, j) for j in bidx]
        ev = [evidence_for(s.doc_id, s.index, s.start, s.end, s.text) for s in ps + bs]
        drafts.append(Draft(CONTENT_MOVED.code, f"Sentence {q(ps[0].text, 60)} is moved in {doc} "
                                    f"(sentence {bidx[0]} vs {pidx[0]} in {pivot})",
                            (doc,), ev, key=("moved", pidx, bidx, doc)))
    return drafts
