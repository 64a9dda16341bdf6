"""Quote integrity: altered words inside quotation marks, paraphrase presented as a direct quote,
a quote given to a different speaker, a quote that is no longer quoted.

Quotes are compared on word keys (case, punctuation, quote marks, US/UK spelling ignored), so a
version that only restyles “curly” into "straight" quotes or "realise" into "realize" is identical.
Quotes are only compared between versions in the same language: a translated quote has other words
by necessity.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from auditor.drift.consensus import group_readings, majority_present
from auditor.drift.findings import Draft, doc_list, q
from auditor.drift.names import DIFFERENT, name_relation
from auditor.drift.slots import Item, build_slots, item_from, sentence_evidence
from auditor.drift.text import expand_contractions, fold, spelling_key, tokens, word_diff
from auditor.drift.units import Corpus
from auditor.rules import QUOTE_ALTERED, QUOTE_DROPPED, QUOTE_SPEAKER

#: two quotes are candidates for the same slot when this share of words matches (or, the character
#: ratio scaled the same way): below it, two quotes in one sentence group are different statements
PAIR_SIMILARITY = 0.3
#: at or above this share of matching words the quote is the same statement with some words
#: altered; below it the version puts its own paraphrase inside quotation marks
ALTERED_SIMILARITY = 0.5


def _words(text: str) -> list[str]:
    return [spelling_key(t.text) for t in tokens(expand_contractions(text))]


def quote_similarity(a: str, b: str) -> float:
    ratio, _ = word_diff(tokens(expand_contractions(a)), tokens(expand_contractions(b)))
    return ratio


def _same_words(a: str, b: str) -> bool:
    """The same words, or the same letters spaced or hyphenated otherwise ("Zhongfu" / "Zhong Fu",
    "three volts" / "three-volts"): a quote is only altered when its words are."""
    wa, wb = _words(a), _words(b)
    return wa == wb or "".join(wa) == "".join(wb)


def _contained(a: str, b: str) -> bool:
    """Is one quote a contiguous part of the other (a shorter excerpt of the same words)?"""
    wa, wb = " ".join(_words(a)), " ".join(_words(b))
    return bool(wa) and bool(wb) and (f" {wa} " in f" {wb} " or f" {wb} " in f" {wa} ")


def _speaker(it: Item) -> str:
    m = it.mention
    return (m.attrs.speaker or "") if m is not None else ""


def _speakers_differ(a: Item, b: Item) -> bool:
    """Both attributions known and naming someone else. Attributions sharing a capitalised word
    are the same source ("the Acme annual report" / "Acme's yearly reports")."""
    sa, sb = _speaker(a), _speaker(b)
    if not (sa and sb):
        return False
    def caps(s: str) -> set[str]:
        return {fold(t.text).removesuffix("s") for t in tokens(s) if t.text[:1].isupper()}

    if caps(sa) & caps(sb):
        return False
    return name_relation(sa, sb).kind == DIFFERENT


def _short(it: Item) -> bool:
    """A scare quote or quoted term (1-3 words) rather than a quoted statement."""
    m = it.mention
    if m is not None and m.attrs.short is not None:
        return m.attrs.short
    return len(tokens(it.text)) <= 3


def _changed_words(a: str, b: str) -> str:
    """The first few changed word groups: '"a fair deal" → "an honest agreement"'."""
    ta, tb = tokens(a), tokens(b)
    _, hunks = word_diff(ta, tb)
    parts = []
    for h in hunks[:3]:
        old = a[h.a[0].start:h.a[-1].end] if h.a else "∅"
        new = b[h.b[0].start:h.b[-1].end] if h.b else "∅"
        parts.append(f"{q(old, 40)} → {q(new, 40)}")
    more = f" (+{len(hunks) - 3} more)" if len(hunks) > 3 else ""
    return "; ".join(parts) + more


def compare_quotes(corpus: Corpus) -> list[Draft]:
    drafts: list[Draft] = []
    for unit in corpus.units:
        # nested quotes (a quoted word inside a quote) are judged as part of the outer quote
        items = {d: [item_from(m) for m in corpus.unit_mentions(unit, d, ("quote",))
                     if m.text.strip() and not m.attrs.nested]
                 for d in unit.docs}

        def relate(a: Item, b: Item) -> float | None:
            if corpus.unit_language(unit, a.doc) != corpus.unit_language(unit, b.doc):
                return None
            sim = max(quote_similarity(a.text, b.text), 0.9 * fuzz.ratio(" ".join(_words(a.text)),
                                                                          " ".join(_words(b.text))) / 100)
            if _contained(a.text, b.text):
                sim = max(sim, 0.95)
            same_speaker = bool(_speaker(a) and _speaker(b)) and not _speakers_differ(a, b)
            if sim < PAIR_SIMILARITY and not same_speaker:
                return None
            return sim + (0.3 if same_speaker else 0.0)

        slots = build_slots(unit.docs, items, relate)
        for slot in slots:
            ref, devs = group_readings(
                slot, lambda a, b: _same_words(a.text, b.text) or _contained(a.text, b.text),
                corpus.rank, corpus.pivot, reference=corpus.reference,
            )
            if ref is None:
                continue
            r = ref.rep
            who = f" by {_speaker(r)}" if _speaker(r) else ""
            for g in devs:
                v = g.rep
                sim = quote_similarity(r.text, v.text)
                if sim >= ALTERED_SIMILARITY or _short(r) or _short(v):
                    msg = f"Quote{who} is altered in {doc_list(g.docs)}: {_changed_words(r.text, v.text)}"
                    sub = "altered"
                else:
                    msg = (f"Quote{who} in {doc_list(g.docs)} is a paraphrase presented as a direct quote: "
                           f"{q(r.text, 60)} vs {q(v.text, 60)}")
                    sub = "paraphrase"
                drafts.append(Draft(QUOTE_ALTERED.code, msg, tuple(g.docs),
                                    [r.evidence] + [it.evidence for it in g.items], key=("quote", sub, " ".join(_words(r.text)), " ".join(_words(v.text)))))
            # speaker: grouped separately, a quote can keep its words and change its speaker
            with_speaker = {d: it for d, it in slot.items() if _speaker(it)}
            sref, sdevs = group_readings(with_speaker, lambda a, b: not _speakers_differ(a, b),
                                         corpus.rank, corpus.pivot, reference=corpus.reference)
            for g in sdevs:
                assert sref is not None  # deviating groups come with a reference group
                drafts.append(Draft(
                    QUOTE_SPEAKER.code,
                    f"Quote {q(sref.rep.text, 50)} is attributed to {_speaker(g.rep)} in {doc_list(g.docs)}"
                    f" but to {_speaker(sref.rep)} elsewhere",
                    tuple(g.docs), [sref.rep.evidence] + [it.evidence for it in g.items],
                    key=("speaker", " ".join(_words(sref.rep.text)), _speaker(g.rep).casefold()),
                ))
            absent = [d for d in unit.docs if d not in slot and corpus.is_version(d)
                      and corpus.unit_language(unit, d) == corpus.unit_language(unit, r.doc)]
            # a scare quote that loses its quotation marks has dropped no statement
            if absent and not _short(r) and majority_present(list(slot), absent, corpus.pivot):
                gone = tuple(d for d in absent if not _quoted_elsewhere(corpus, d, r))
                if gone:
                    ev = [r.evidence]
                    for d in gone:
                        ev.extend(sentence_evidence(corpus, unit, d))
                    drafts.append(Draft(QUOTE_DROPPED.code,
                                        f"Quote{who} {q(r.text, 60)} is not quoted in {doc_list(gone)}", gone, ev, key=("quote-dropped", " ".join(_words(r.text)))))
    return drafts


def _quoted_elsewhere(corpus: Corpus, doc: str, ref: Item) -> bool:
    """The version quotes the same words somewhere else (the quote moved sentence)."""
    for m in corpus.mentions.get(doc, ()):
        if m.kind == "quote" and corpus.is_content(doc, m.sentence):
            if quote_similarity(ref.text, m.text) >= ALTERED_SIMILARITY or _contained(ref.text, m.text):
                return True
    return False
