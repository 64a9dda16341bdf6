"""Drift benchmark: precision/recall per drift kind and throughput on a synthetic corpus with
drifts injected at known places.

Each synthetic story is a pivot article built from sentence templates filled with generated
people (pinyin and Western names), organisations, amounts, percentages, dates and quotes, plus two
versions of it. Every version gets fact-preserving noise that must NOT be flagged (number
reformatting "1 billion" <-> "1,000 million", "July 23" <-> "July 23rd", US/UK spelling, quote
marks, contractions) and some versions get drifts injected at known sentences:

* name   - a transliteration/phonetic swap of one person's name (l<->r, n<->ng, s<->sh, z<->zh)
* number - a changed amount or percentage
* quote  - a word inside a quotation replaced
* omission - a named analyst dropped from a sentence

Mentions come from the real extractor; the alignment is the known sentence correspondence (this
measures the drift stage, not the aligner). The peer, run in the same process on the same corpus,
is a naive word diff that flags every differing capitalised word as a name drift, every differing
number as a number drift, and every differing word inside quotes as a quote drift.

Run:  python bench/bench_drift.py [--stories 60] [--repeat 5] [--seed 7]
"""

from __future__ import annotations

import argparse
import difflib
import random
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from auditor.drift import compare  # noqa: E402
from auditor.extract import extract_document  # noqa: E402
from auditor.model import Alignment, AlignmentTable, Document, Link, Paragraph, Sentence  # noqa: E402

SURNAMES = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Zhou", "Lin", "Pan", "Luo",
            "Sun", "Hu", "Zheng", "Shen", "Lu", "Ren"]
SYLLABLES = ["lin", "hong", "wei", "ming", "jun", "li", "rong", "sheng", "zhen", "lan", "ran", "qing",
             "yuan", "hai", "long", "run", "shan", "zhi", "lei", "ning"]
WESTERN = ["Laura Miller", "Robert Lane", "Clara Rossi", "Daniel Lorenz", "Maria Larsen", "Peter Brandt"]
ORGS = ["Ministry of Industry and Information Technology", "National Development and Reform Commission",
        "Bernstein", "Morgan Stanley", "Shanghai Academy of Social Sciences", "World Bank"]
CITIES = ["Shanghai", "Hangzhou", "Shenzhen", "Chengdu", "Beijing", "Wuhan", "Guangzhou"]
QUOTES = [
    "The city has strong funding but high costs push start-ups elsewhere",
    "Export controls have created a unique opportunity for local chip makers",
    "This is a long game shaped by engineering talent and infrastructure",
    "There will not be a clear winner in the next decade",
    "Competition between cities is healthy for the whole industry",
]
QUOTE_SWAPS = {"strong": "weak", "unique": "rare", "long": "short", "clear": "single", "healthy": "harmful",
               "high": "low", "local": "foreign", "whole": "entire"}
MONTHS = ["January", "March", "May", "July", "September", "November"]

TEMPLATES = [
    "{city} has unveiled a subsidy programme worth {money} for its artificial intelligence industry.",
    "The package sets aside {money2} for computing power and {money3} for training data.",
    "“{quote},” said {person}, a member of the {org} expert committee.",
    "Analysts at {org2} led by {analyst} forecast that local chips will capture {pct} of the market by {year}.",
    "The plan was announced on {date} and will run for three to five years.",
    "{person2} of {org2} argued that the approach marks a shift toward more direct competition.",
]

# fact-preserving rewrites applied to versions (must never be flagged)
NOISE = [
    (re.compile(r"\bprogramme\b"), "program"),
    (re.compile(r"\b(\d+) billion yuan\b"), lambda m: f"{int(m.group(1)) * 1000:,} million yuan"),
    (re.compile(r"\b(January|March|May|July|September|November) (\d+)\b"), r"\1 \2th"),
    (re.compile(r"“([^”]*)”"), r'"\1"'),
    (re.compile(r"\bwill not\b"), "won't"),
]

SOUND_SWAPS = [("l", "r"), ("r", "l"), ("n", "ng"), ("zh", "z"), ("sh", "s")]


def pinyin_name(rng: random.Random) -> str:
    given = rng.choice(SYLLABLES) + rng.choice(SYLLABLES)
    return f"{rng.choice(SURNAMES)} {given.capitalize()}"


def transliterate(name: str, rng: random.Random) -> str | None:
    """A sound-alike respelling of the given name (the second token)."""
    sur, given = name.split(" ", 1)
    options = []
    for a, b in SOUND_SWAPS:
        for m in re.finditer(a, given.lower()):
            if a == "n" and given.lower()[m.end():m.end() + 1] == "g":
                continue
            options.append((m.start(), m.end(), b))
    if not options:
        return None
    s, e, b = rng.choice(options)
    low = given.lower()
    new = (low[:s] + b + low[e:]).capitalize()
    return f"{sur} {new}"


def make_doc(doc_id: str, sentences: list[str]) -> Document:
    text, sents, paras = "", [], []
    for i, s in enumerate(sentences):
        if text:
            text += "\n\n"
        start = len(text)
        text += s
        paras.append(Paragraph(i, start, len(text), "en"))
        sents.append(Sentence(doc_id, i, i, start, len(text), s, "en"))
    return Document(doc_id, f"{doc_id}.txt", text, "en", ("en",), {}, tuple(paras), tuple(sents))


def build_story(k: int, rng: random.Random):
    """(docs, table, truth) for one story: truth = {(kind, doc id, sentence index)}."""
    slots = {
        "city": rng.choice(CITIES),
        "money": f"{rng.randint(1, 9)} billion yuan",
        "money2": f"{rng.randint(2, 9) * 100} million yuan",
        "money3": f"{rng.randint(1, 9) * 10} million yuan",
        "quote": rng.choice(QUOTES),
        "person": pinyin_name(rng),
        "person2": rng.choice([pinyin_name(rng), rng.choice(WESTERN)]),
        "analyst": pinyin_name(rng),
        "org": rng.choice(ORGS),
        "org2": rng.choice(ORGS[2:]),
        "pct": f"{rng.randint(11, 89)}%",
        "year": str(rng.randint(2026, 2030)),
        "date": f"{rng.choice(MONTHS)} {rng.randint(2, 27)}",
    }
    base = [t.format(**slots) for t in TEMPLATES]
    pivot = make_doc(f"s{k:03d}-0", base)
    docs, truth, aligns = [pivot], set(), []
    for v in (1, 2):
        # a drift injected in one version is not repeated identically in the other: two versions
        # sharing the same error outvote the pivot (the consensus rule) and the truth would flip
        taken = {(kind, i) for kind, _, i in truth}
        sents = list(base)
        for pattern, repl in NOISE:
            if rng.random() < 0.6:
                sents = [pattern.sub(repl, s) for s in sents]
        did = f"s{k:03d}-{v}"
        # at most one drift per sentence, each kind with probability 0.5 per version
        if rng.random() < 0.5:
            who = rng.choice(["person", "analyst", "person2"])
            new = transliterate(slots[who], rng) if " " in slots[who] and slots[who] not in WESTERN else None
            i = {"person": 2, "analyst": 3, "person2": 5}[who]
            if new and ("name", i) not in taken:
                sents[i] = sents[i].replace(slots[who], new)
                truth.add(("name", did, i))
        if rng.random() < 0.5:
            i = rng.choice([0, 1, 3])
            if i == 3:
                old = slots["pct"]
                new = f"{int(old[:-1]) + rng.choice([-10, -5, 5, 10])}%"
            else:
                m = re.search(r"(\d+)(,\d{3})? (billion|million) yuan", sents[i])
                old, n = m.group(0), int(m.group(1).replace(",", "") + (m.group(2) or "").replace(",", ""))
                new = old.replace(m.group(1) + (m.group(2) or ""), f"{n + rng.choice([1, 2, 3]):,}" if n < 10 else f"{n * 2:,}", 1)
            if old in sents[i] and ("number", i) not in taken:
                sents[i] = sents[i].replace(old, new, 1)
                truth.add(("number", did, i))
        if rng.random() < 0.5:
            words = [w for w in QUOTE_SWAPS if re.search(rf"\b{w}\b", sents[2])]
            if words and ("quote", 2) not in taken:
                w = rng.choice(words)
                sents[2] = re.sub(rf"\b{w}\b", QUOTE_SWAPS[w], sents[2], count=1)
                truth.add(("quote", did, 2))
        if rng.random() < 0.5 and ("name", did, 3) not in truth and ("omission", 3) not in taken:
            sents[3] = sents[3].replace(f" led by {slots['analyst']}", "")
            truth.add(("omission", did, 3))
        doc = make_doc(did, sents)
        docs.append(doc)
        aligns.append(Alignment(pivot.id, did, tuple(Link((i,), (i,), 1.0, "1-1") for i in range(len(sents)))))
    return docs, AlignmentTable(pivot.id, tuple(aligns)), truth


KIND_OF_CODE = {"N": "name", "Q": "number", "C": "quote", "O": "omission"}


def finding_kind(code: str) -> str | None:
    if code in ("O003", "O004", "O005"):
        return None  # sentence-level; nothing of that sort is injected
    return KIND_OF_CODE.get(code[0])


def score(predicted: list[tuple[str, str, int]], truth: set[tuple[str, str, int]]):
    """Per kind: (true positives, predicted, truth) with a finding matching a truth on kind, doc
    and sentence."""
    out = {}
    for kind in ("name", "number", "quote", "omission"):
        pred = [p for p in predicted if p[0] == kind]
        tru = {t for t in truth if t[0] == kind}
        tp_pred = sum(1 for p in pred if p in tru)
        tp_truth = sum(1 for t in tru if t in set(pred))
        out[kind] = (tp_pred, len(pred), tp_truth, len(tru))
    return out


def auditor_predictions(stories, mentions):
    preds, n_findings = [], 0
    for (docs, table, _), ms in zip(stories, mentions):
        findings = compare(docs, table, ms)
        n_findings += len(findings)
        for f in findings:
            kind = finding_kind(f.code)
            if kind is None:
                continue
            hits = {(kind, e.document, e.sentence) for e in f.evidence if e.document in f.documents}
            preds.extend(sorted(hits))
    return preds, n_findings


_NUM = re.compile(r"\d")


def naive_predictions(stories):
    """Peer: word diff of each version against the pivot, sentence by sentence."""
    preds = []
    for docs, _, _ in stories:
        pivot = docs[0]
        for d in docs[1:]:
            for sa, sb in zip(pivot.sentences, d.sentences):
                wa, wb = sa.text.split(), sb.text.split()
                quoted_b = set(re.findall(r"[“\"]([^”\"]*)[”\"]", sb.text))
                for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=wa, b=wb).get_opcodes():
                    if tag == "equal":
                        continue
                    chunk = wa[i1:i2] + wb[j1:j2]
                    if any(_NUM.search(w) for w in chunk):
                        preds.append(("number", d.id, sb.index))
                    elif any(w[:1].isupper() for w in chunk):
                        preds.append(("name", d.id, sb.index))
                    if tag == "delete" and any(w[:1].isupper() for w in wa[i1:i2]):
                        preds.append(("omission", d.id, sb.index))
                    if any(w in q for q in quoted_b for w in wb[j1:j2]):
                        preds.append(("quote", d.id, sb.index))
    return sorted(set(preds))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--stories", type=int, default=60)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    stories = [build_story(k, rng) for k in range(args.stories)]
    truth = set().union(*(t for _, _, t in stories))
    t0 = time.perf_counter()
    mentions = [{d.id: extract_document(d) for d in docs} for docs, _, _ in stories]
    t_extract = time.perf_counter() - t0
    pairs = sum(len(l.a) and 1 for _, table, _ in stories for al in table.alignments for l in al.links)

    times, peer_times = [], []
    preds, n_findings = [], 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        preds, n_findings = auditor_predictions(stories, mentions)
        times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        peer = naive_predictions(stories)
        peer_times.append(time.perf_counter() - t0)
    med, peer_med = statistics.median(times), statistics.median(peer_times)

    print(f"corpus: {args.stories} stories x 3 versions, {pairs} aligned sentence pairs, "
          f"{len(truth)} injected drifts; extraction {t_extract:.2f}s (not in the figures below)")
    print(f"auditor.drift: median {med * 1000:.0f} ms/run over {args.repeat} runs  "
          f"{n_findings / med:,.0f} findings/s  {pairs / med:,.0f} aligned pairs/s")
    print(f"naive word diff (peer): median {peer_med * 1000:.0f} ms/run  {pairs / peer_med:,.0f} aligned pairs/s")
    print(f"{'kind':<10}{'precision':>10}{'recall':>8}{'  peer P':>9}{'peer R':>8}   (truth)")
    ours, theirs = score(preds, truth), score(peer, truth)
    for kind in ("name", "number", "quote", "omission"):
        tp_p, n_p, tp_t, n_t = ours[kind]
        ptp_p, pn_p, ptp_t, _ = theirs[kind]
        p = tp_p / n_p if n_p else float("nan")
        r = tp_t / n_t if n_t else float("nan")
        pp = ptp_p / pn_p if pn_p else float("nan")
        pr = ptp_t / n_t if n_t else float("nan")
        print(f"{kind:<10}{p:>10.2f}{r:>8.2f}{pp:>9.2f}{pr:>8.2f}   ({n_t})")


if __name__ == "__main__":
    main()
