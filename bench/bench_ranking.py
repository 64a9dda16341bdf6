"""Benchmark of the faithfulness ranking and the MT labels against a known error load.

From several source texts (the fixture original 004 and the hand-written stories in
``tests/data/stories/*/original.txt``) it generates graded versions with a seeded RNG. Each version
gets a *profile* (a clean paraphrase, a careless human copy, a trim, a good or a bad machine
translation, a round-trip garble) and each edit adds a known severity weight to its error load,
MQM-style (major accuracy errors 5, minor 1, fluency/spacing less, meaning-preserving paraphrase
0.1). True quality = -load.

Clusters of five versions are audited by the real pipeline (``auditor.pipeline.run_audit``, default
encoder, warm cache) in five settings:

* ``orig+free``   the clean original and four degraded versions, no reference;
* ``noorig+free`` five degraded versions (one may be a clean paraphrase), no reference;
* ``orig+ref``    as ``orig+free`` with ``--reference`` the original (it is left out of the metrics);
* ``xling+free``  a human translation (Chinese/Spanish) of the story plus four degraded English
                  versions and no clean English (the WMT situation: one source, several MT outputs);
* ``xling+ref``   the same with the translation as ``--reference``.

Per cluster: Kendall tau-b and Spearman rho between faithfulness and true quality, pairwise ranking
accuracy (pairs of different load; a tie in the prediction counts half), and whether the cleanest
version is ranked first. Medians (and means) over clusters. The peer, in the same run, is MBR-style
chrF consensus: each version's mean document chrF to the other same-language versions (with an
English reference: chrF to the reference). Versions the pipeline sets aside get the worst score.
Labels: how often ``machine-translated`` lands on MT-profile versions (recall) and on the others
(false-positive rate), and whether the translation is labelled ``translation``.

Usage: python bench/bench_ranking.py [--clusters 12] [--seed 7] [--encoder NAME]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FIXTURE_ORIGINAL = ROOT / "fixtures" / "china-ai-subsidies" / "004_9c0a797d7a6c616f.txt"
STORIES = ROOT / "tests" / "data" / "stories"

# --- error weights (MQM-like: major accuracy error 5, minor 1, spacing/fluency below) -----------------

WEIGHTS = {
    "number": 5.0,      # a changed number, amount or percentage: a major accuracy error
    "date": 5.0,        # a changed month or day: major
    "name": 3.0,        # a re-transliterated name: the person is hard to find again; between minor and major
    "quote": 3.0,       # one word changed inside a quotation: words put in someone's mouth
    "drop_sentence": 3.0,  # an omitted sentence: a reader loses a claim, but trims are normal newsroom practice
    "drop_entity": 2.0,    # one item of a list dropped
    "nonword": 1.0,     # a garbled non-word: minor fluency (spelling)
    "glue": 0.5,        # two words glued together: spacing
    "scramble": 1.0,    # two adjacent words swapped: minor grammar
    "literal": 1.5,     # a content word replaced by a wrong dictionary sense: minor mistranslation
    "synonym": 0.1,     # meaning-preserving synonym swap: (nearly) free
    "reorder": 0.1,     # a clause moved to the front: free
}

#: profiles: (name, {edit: (min, max) count}, is machine translation)
PROFILES = {
    "paraphrase": ({"synonym": (3, 8), "reorder": (1, 3)}, False),
    "careless": ({"number": (1, 2), "name": (0, 1), "quote": (0, 1), "synonym": (0, 3)}, False),
    "trim": ({"drop_sentence": (2, 4), "drop_entity": (0, 2), "synonym": (0, 2)}, False),
    "mt-good": ({"scramble": (1, 3), "literal": (1, 3), "synonym": (2, 6), "name": (0, 1)}, True),
    "mt-bad": ({"scramble": (3, 7), "literal": (3, 6), "nonword": (1, 3), "glue": (0, 2), "name": (1, 3),
                "number": (0, 1), "quote": (0, 2), "drop_sentence": (0, 1)}, True),
    "roundtrip": ({"scramble": (2, 5), "literal": (2, 5), "nonword": (2, 4), "glue": (1, 2), "name": (2, 4),
                   "date": (0, 1), "number": (1, 2), "drop_entity": (0, 2), "quote": (1, 2)}, True),
}

SYNONYMS = {
    "said": "stated", "says": "states", "rose": "increased", "about": "around", "expects": "anticipates",
    "plans": "intends", "big": "large", "start": "begin", "begin": "start", "told": "informed",
    "reported": "announced", "cut": "lowered", "grew": "expanded", "fell": "dropped", "help": "assist",
    "however": "nevertheless", "also": "additionally", "major": "leading", "show": "indicate",
    "strong": "robust", "buy": "purchase", "fast": "quickly", "enough": "sufficient", "rise": "increase",
    "biggest": "largest", "remained": "stayed", "new": "fresh",
}
#: wrong dictionary senses, as literal MT gives them (meaning shifts, the sentence stays readable)
LITERAL = {
    "board": "plank", "core": "nuclear", "foundry": "casting", "niche": "corner", "target": "blank",
    "head": "skull", "race": "breed", "power": "potency", "plan": "map", "key": "wrench", "bank": "shore",
    "rate": "tariff", "market": "fair", "shares": "portions", "chip": "splinter", "sector": "area",
    "firms": "signatures", "capacity": "ability", "tools": "utensils", "stake": "pole", "program": "syllabus",
    "programme": "syllabus", "balance": "scale", "cities": "towns", "growth": "cultivation", "cost": "expense",
    "demand": "claim", "output": "exit", "orders": "commands", "risk": "hazard", "policy": "politics",
    "servers": "waiters", "loss": "perdition", "fierce": "ferocious", "strategy": "stratagem",
}
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
CLAUSE_LEAD = re.compile(r"^(?P<main>[^,]{15,}), (?P<sub>(?:as|while|after|with|although|because|citing|saying|before) [^,]{8,})\.$")
SENT_SPLIT = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")
CAP_WORD = re.compile(r"(?<=[a-z,] )([A-Z][a-z]{3,})\b")
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
LIST3 = re.compile(r"\b([A-Z][\w-]+), ([A-Z][\w-]+),? and ([A-Z][\w-]+)")


# --- sources -----------------------------------------------------------------------------------------


def _english_paragraphs(text: str) -> list[str]:
    """Body paragraphs: mostly Latin letters and at least eight words (drops cruft, headings, the
    Chinese summary)."""
    out = []
    for para in re.split(r"\n\s*\n", text):
        para = " ".join(para.split())
        letters = [c for c in para if c.isalpha()]
        if len(para.split()) >= 8 and letters and sum(c.isascii() for c in letters) / len(letters) > 0.95:
            out.append(para)
    return out


@dataclass
class Source:
    name: str
    title: str
    paragraphs: list[list[str]]  # paragraph -> sentences
    translation: tuple[str, str] | None = None  # (language, text)


def load_sources() -> list[Source]:
    sources = []
    fixture = _english_paragraphs(FIXTURE_ORIGINAL.read_text(encoding="utf-8"))
    sources.append(Source("fixture-004", "China doubles down on AI self-reliance",
                          [SENT_SPLIT.split(p) for p in fixture]))
    for story in sorted(STORIES.iterdir()):
        text = (story / "original.txt").read_text(encoding="utf-8")
        title, _, body = text.partition("\n")
        paras = _english_paragraphs(body)
        translation = None
        for lang, fname in (("zh", "chinese.txt"), ("es", "spanish.txt")):
            if (story / fname).exists():
                translation = (lang, (story / fname).read_text(encoding="utf-8"))
        sources.append(Source(story.name, title.strip(), [SENT_SPLIT.split(p) for p in paras], translation))
    return sources


# --- degradation ---------------------------------------------------------------------------------------


@dataclass
class Version:
    id: str
    profile: str
    mt: bool
    text: str
    load: float
    edits: dict = field(default_factory=dict)


def _shift_name(word: str, rng: random.Random) -> str:
    """A transliteration-like shift: l<->r, an aspirated or voiced variant, or a vowel change."""
    swaps = [("l", "r"), ("r", "l"), ("Zh", "J"), ("X", "Hs"), ("Ch", "Q"), ("W", "V"), ("ng", "n"), ("s", "z")]
    rng.shuffle(swaps)
    for a, b in swaps:
        if a in word[1:] or (a[0].isupper() and word.startswith(a)):
            i = word.find(a, 0 if a[0].isupper() else 1)
            return word[:i] + b + word[i + len(a):]
    vowels = [i for i, c in enumerate(word) if c in "aeiou" and i > 0]
    if vowels:
        i = rng.choice(vowels)
        return word[:i] + rng.choice([v for v in "aeiou" if v != word[i]]) + word[i + 1:]
    return word + "h"


def _change_number(num: str, rng: random.Random) -> str:
    digits = [i for i, c in enumerate(num) if c.isdigit()]
    i = rng.choice(digits)
    new = str((int(num[i]) + rng.randint(1, 8)) % 10)
    if i == 0 and new == "0" and len(digits) > 1:
        new = "9"
    return num[:i] + new + num[i + 1:]


def _nonword(word: str, rng: random.Random) -> str:
    """'announcement' -> 'announcation': a wrong suffix or two letters swapped."""
    if len(word) >= 7 and rng.random() < 0.5:
        return word[: len(word) - 3] + rng.choice(["ation", "ery", "ism", "ology", "ance"])
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2:]


def _apply(sentences: list[list[str]], edit: str, rng: random.Random) -> bool:
    """Apply one edit in place to a random suitable sentence; False when none is suitable."""
    flat = [(p, s) for p, para in enumerate(sentences) for s in range(len(para)) if para[s]]
    rng.shuffle(flat)
    for p, s in flat:
        text = sentences[p][s]
        new = _edit_sentence(text, edit, rng)
        if new is not None and new != text:
            sentences[p][s] = new
            return True
    return False


def _edit_sentence(text: str, edit: str, rng: random.Random) -> str | None:
    words = text.split(" ")
    if edit == "drop_sentence":
        return ""
    if edit == "name":
        caps = list(CAP_WORD.finditer(text))
        caps = [m for m in caps if m.group(1) not in MONTHS and m.group(1).lower() not in SYNONYMS]
        if not caps:
            return None
        m = rng.choice(caps)
        old = m.group(1)
        return re.sub(rf"\b{old}\b", _shift_name(old, rng), text)  # every mention in the sentence
    if edit == "number":
        nums = [m for m in NUMBER.finditer(text) if not (1900 <= int(re.sub(r"\D", "", m.group()) or 0) <= 2100)]
        if not nums:
            return None
        m = rng.choice(nums)
        return text[: m.start()] + _change_number(m.group(), rng) + text[m.end():]
    if edit == "date":
        months = [m for m in MONTHS if re.search(rf"\b{m}\b", text)]
        if not months:
            return None
        old = rng.choice(months)
        return re.sub(rf"\b{old}\b", rng.choice([m for m in MONTHS if m != old]), text, count=1)
    if edit == "quote":
        m = re.search(r"[“\"]([^”\"]{20,})[”\"]", text)
        if not m:
            return None
        inner = m.group(1).split(" ")
        cands = [i for i, w in enumerate(inner) if w.isalpha() and w.lower() in SYNONYMS | LITERAL and len(w) > 3]
        cands = cands or [i for i, w in enumerate(inner) if w.isalpha() and len(w) > 4]
        if not cands:
            return None
        i = rng.choice(cands)
        w = inner[i]
        inner[i] = LITERAL.get(w.lower()) or rng.choice(["small", "clear", "weak", "final", "early", "simple"])
        return text[: m.start(1)] + " ".join(inner) + text[m.end(1):]
    if edit == "drop_entity":
        m = LIST3.search(text)
        if m:
            return text[: m.start()] + f"{m.group(1)} and {m.group(3)}" + text[m.end():]
        m = re.search(r" \([^)]{3,}\)", text)
        return None if not m else text[: m.start()] + text[m.end():]
    if edit in ("synonym", "literal"):
        table = SYNONYMS if edit == "synonym" else LITERAL
        cands = [i for i, w in enumerate(words) if w.lower().strip(",.;:") in table]
        if not cands:
            return None
        i = rng.choice(cands)
        core = words[i].rstrip(",.;:")
        tail = words[i][len(core):]
        rep = table[core.lower()]
        words[i] = (rep.capitalize() if core[0].isupper() else rep) + tail
        return " ".join(words)
    if edit == "reorder":
        m = CLAUSE_LEAD.match(text)
        if not m:
            return None
        sub, main = m.group("sub"), m.group("main")
        if main.split(" ")[0] not in {"The", "A", "An", "It", "Its"}:
            main_out = main
        else:
            main_out = main[0].lower() + main[1:]
        return f"{sub[0].upper()}{sub[1:]}, {main_out}."
    if edit == "nonword":
        cands = [i for i, w in enumerate(words) if w.isalpha() and w.islower() and len(w) >= 6]
        if not cands:
            return None
        i = rng.choice(cands)
        words[i] = _nonword(words[i], rng)
        return " ".join(words)
    if edit == "glue":
        cands = [i for i in range(len(words) - 1) if words[i].isalpha() and words[i + 1].isalpha()]
        if not cands:
            return None
        i = rng.choice(cands)
        return " ".join(words[:i] + [words[i] + words[i + 1]] + words[i + 2:])
    if edit == "scramble":
        cands = [i for i in range(1, len(words) - 2) if words[i].isalpha() and words[i + 1].isalpha()
                 and words[i].islower() and words[i + 1].islower()]
        if not cands:
            return None
        i = rng.choice(cands)
        words[i], words[i + 1] = words[i + 1], words[i]
        return " ".join(words)
    raise ValueError(edit)


def degrade(src: Source, vid: str, profile: str, rng: random.Random) -> Version:
    spec, mt = PROFILES[profile]
    sentences = [list(p) for p in src.paragraphs]
    load = 0.0
    edits: dict[str, int] = {}
    plan = [e for e, (lo, hi) in spec.items() for _ in range(rng.randint(lo, hi))]
    rng.shuffle(plan)
    for edit in plan:
        if _apply(sentences, edit, rng):
            load += WEIGHTS[edit]
            edits[edit] = edits.get(edit, 0) + 1
    return Version(vid, profile, mt, render(src.title, sentences), round(load, 2), edits)


def render(title: str, sentences: list[list[str]]) -> str:
    paras = [" ".join(s for s in p if s) for p in sentences]
    return "\n\n".join([title] + [p for p in paras if p]) + "\n"


# --- evaluation ----------------------------------------------------------------------------------------


def pairwise_accuracy(pred: dict[str, float], true: dict[str, float]) -> float | None:
    ids = sorted(true)
    good = total = 0.0
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            if true[a] == true[b]:
                continue
            total += 1
            if pred[a] == pred[b]:
                good += 0.5
            elif (pred[a] > pred[b]) == (true[a] > true[b]):
                good += 1
    return good / total if total else None


def correlations(pred: dict[str, float], true: dict[str, float]) -> dict[str, float | None]:
    from scipy.stats import kendalltau, spearmanr

    ids = sorted(true)
    p = [pred[i] for i in ids]
    t = [true[i] for i in ids]
    if len(set(t)) < 2:
        return {"tau": None, "rho": None, "pair": None, "top1": None}
    tau = kendalltau(p, t).statistic if len(set(p)) > 1 else 0.0
    rho = spearmanr(p, t).statistic if len(set(p)) > 1 else 0.0
    best = max(t)
    top = max(p)
    winners = [i for i in ids if pred[i] == top]
    # top-1: the version ranked first is one of the cleanest (ties in the prediction split the credit)
    top1 = sum(1 for i in winners if true[i] == best) / len(winners)
    return {"tau": float(tau), "rho": float(rho), "pair": pairwise_accuracy(pred, true), "top1": top1}


def chrf_consensus(versions: list[Version], reference: Version | None) -> dict[str, float]:
    from sacrebleu.metrics import CHRF

    chrf = CHRF()
    out = {}
    for v in versions:
        if reference is not None:
            out[v.id] = chrf.sentence_score(v.text, [reference.text]).score
        else:
            others = [o for o in versions if o.id != v.id]
            out[v.id] = statistics.fmean(chrf.sentence_score(v.text, [o.text]).score for o in others)
    return out


def audit(versions: list[Version], extra: list[tuple[str, str, str]], encoder, reference: str | None):
    """Run the pipeline; returns faithfulness per id (set-aside -> -1) and labels per id."""
    from auditor.model import Document
    from auditor.pipeline import run_audit
    from auditor.segment.split import segment_all

    docs = [Document(id=v.id, path=f"{v.id}.txt", text=v.text) for v in versions]
    docs += [Document(id=i, path=f"{i}.txt", text=t) for i, _, t in extra]
    report = run_audit(segment_all(docs), encoder, reference=reference)
    faith = {r.id: (r.faithfulness if r.faithfulness is not None else -1.0) for r in report.documents}
    labels = {r.id: set(r.labels) for r in report.documents}
    roles = {r.id: r.role for r in report.documents}
    return faith, labels, roles


SETTINGS = ("orig+free", "noorig+free", "orig+ref", "xling+free", "xling+ref")
MIXES = [
    ["paraphrase", "careless", "trim", "mt-good", "mt-bad", "roundtrip"],
]


def make_cluster(src: Source, setting: str, rng: random.Random, k: int):
    profiles = list(PROFILES)
    versions: list[Version] = []
    extra: list[tuple[str, str, str]] = []
    reference = None
    n_degraded = 4 if setting != "noorig+free" else 5
    picks = rng.sample(profiles, n_degraded) if n_degraded <= len(profiles) else [rng.choice(profiles) for _ in range(n_degraded)]
    if setting.startswith("orig"):
        versions.append(Version(f"v{k}-orig", "original", False, render(src.title, src.paragraphs), 0.0))
        if setting == "orig+ref":
            reference = versions[0].id
    if setting.startswith("xling"):
        lang, text = src.translation
        extra.append((f"v{k}-{lang}", lang, text))
        if setting == "xling+ref":
            reference = extra[0][0]
    for j, prof in enumerate(picks):
        versions.append(degrade(src, f"v{k}-{j}-{prof}", prof, rng))
    # shuffle ids so that no ordering by id can help
    rng.shuffle(versions)
    return versions, extra, reference


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clusters", type=int, default=12, help="clusters per setting")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--encoder", default=None)
    ap.add_argument("--settings", default=",".join(SETTINGS))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    from auditor.backends import load_encoder

    encoder = load_encoder(args.encoder)
    sources = load_sources()
    xsources = [s for s in sources if s.translation]
    stats: dict[str, dict[str, dict[str, list]]] = {}
    mt_by_profile: dict[str, list[int]] = {}
    label_counts = {"mt_tp": 0, "mt_pos": 0, "mt_fp": 0, "mt_neg": 0, "trans_ok": 0, "trans_n": 0,
                    "set_aside": 0, "versions": 0, "orig_mt_fp": 0, "orig_n": 0}
    trans_rank: list[float] = []
    for setting in args.settings.split(","):
        rng = random.Random(f"{args.seed}-{setting}")
        per = stats.setdefault(setting, {"ours": {}, "chrF": {}})
        pool = xsources if setting.startswith("xling") else sources
        for k in range(args.clusters):
            src = pool[k % len(pool)]
            versions, extra, reference = make_cluster(src, setting, rng, k)
            faith, labels, roles = audit(versions, extra, encoder, reference)
            scored = [v for v in versions if v.id != reference]
            true = {v.id: -v.load for v in scored}
            ref_v = next((v for v in versions if v.id == reference), None)
            ours = {v.id: faith[v.id] for v in scored}
            peer = chrf_consensus(scored, ref_v)
            for name, pred in (("ours", ours), ("chrF", peer)):
                for key, val in correlations(pred, true).items():
                    if val is not None:
                        per[name].setdefault(key, []).append(val)
            for v in versions:
                label_counts["versions"] += 1
                label_counts["set_aside"] += faith[v.id] < 0
                mt = "machine-translated" in labels[v.id]
                mt_by_profile.setdefault(v.profile, []).append(mt)
                if v.mt:
                    label_counts["mt_pos"] += 1
                    label_counts["mt_tp"] += mt
                else:
                    label_counts["mt_neg"] += 1
                    label_counts["mt_fp"] += mt
                if v.profile in ("original", "paraphrase"):
                    label_counts["orig_n"] += 1
                    label_counts["orig_mt_fp"] += mt
            for tid, _, _ in extra:
                label_counts["trans_n"] += 1
                label_counts["trans_ok"] += "translation" in labels[tid] or roles[tid] == "translation"
                if tid != reference and faith.get(tid, -1) >= 0:
                    # share of the degraded English versions the (faithful) translation outranks
                    trans_rank.append(sum(faith[tid] >= faith[v.id] for v in versions) / len(versions))
            if args.verbose:
                print(f"{setting} {src.name}: " + ", ".join(
                    f"{v.profile}(load {v.load:g}) ours {faith[v.id]:.3f} chrF {peer.get(v.id, float('nan')):.1f}"
                    f"{' MT' if 'machine-translated' in labels[v.id] else ''}" for v in sorted(versions, key=lambda v: v.load)))

    print(f"faithfulness ranking vs. known error load, {args.clusters} clusters per setting (seed {args.seed}, "
          f"encoder {encoder.name})")
    print(f"{'setting':<12} {'method':<6} {'tau med':>8} {'tau mean':>9} {'rho med':>8} {'pair acc':>9} {'top-1':>6}")
    for setting, per in stats.items():
        for name in ("ours", "chrF"):
            s = per[name]
            if not s:
                continue
            print(f"{setting:<12} {name:<6} {statistics.median(s['tau']):>8.3f} {statistics.fmean(s['tau']):>9.3f} "
                  f"{statistics.median(s['rho']):>8.3f} {statistics.median(s['pair']):>9.3f} {statistics.fmean(s['top1']):>6.2f}")
    lc = label_counts
    print(f"labels: machine-translated recall {lc['mt_tp']}/{lc['mt_pos']}, false positives {lc['mt_fp']}/{lc['mt_neg']} "
          f"(on clean originals/paraphrases {lc['orig_mt_fp']}/{lc['orig_n']}); translation labelled "
          f"{lc['trans_ok']}/{lc['trans_n']}; set aside {lc['set_aside']}/{lc['versions']}")
    print("machine-translated label rate by profile: " + ", ".join(
        f"{p} {sum(x)}/{len(x)}" for p, x in sorted(mt_by_profile.items())))
    if trans_rank:
        print(f"translation (reference-free) outranks a median {statistics.median(trans_rank):.0%} of the English versions")


if __name__ == "__main__":
    main()
