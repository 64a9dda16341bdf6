"""Fact extraction on real parallel text: do a Chinese source and its human English translation
yield the same numbers, dates and people?

Data: the MQM dev subset (``bench/data/mqm/mqm.jsonl``, WMT21 zh-en news and TED talks), whose
segments pair a Chinese source with a professional English reference. A faithful human translation
keeps every number, so per segment the amounts the auditor extracts from both sides (quantities and
money, as ``extract_document`` yields them for a one-sentence document) should be the same multiset.
Where they differ, one side's extractor missed or misread a number (or, rarely, the translator
rephrased it: "半年" as "six months", "第三届" as "3rd"), so the figures are a floor, but one measured
on text nobody here wrote, in the cross-language setting ``--reference SOURCE`` relies on.

Printed, for the auditor and for a peer (Arabic-digit runs on both sides, the obvious regex):

* segments whose two number multisets are identical;
* matched amounts, with precision (share of English amounts matched in the Chinese) and recall
  (share of Chinese amounts matched in the English).

Dates are matched by ``dates_compatible`` (a day without its month, "---25" from "25日", agrees with
"--07-25"; a time with the date it belongs to), relative dates left out; no peer there (dateparser's
``search_dates`` fills unsaid parts with today's date, so it cannot say what a text states).

People are matched by ``name_relation`` (the Chinese name's romanisation is the English one, "陈光明"
= "Chen Guangming"); a person either side finds and the other misses is unmatched, so these figures
measure both extractors at once (Chinese names have no capitals to find them by). Most English
people left unmatched are foreign names, whose Chinese transliteration ("杜特尔特" for Duterte) no
romanisation maps back: cross-script checks cannot hold those.

Usage: python bench/bench_parallel.py [--show N]   (``--show``: print N disagreeing segments)

Measured 2026-12-04 (1,179 segments; the peer counts years and dates too, which the auditor leaves
to its date extractor, so compare the identical-segment rate, not the counts):

                                   identical  precision  recall  matched
    auditor at the session start      0.895      0.901    0.713     301
    auditor now                       0.930      0.896    0.844     346
    peer: digit runs                  0.847      0.789    0.749     510

    dates (compatible pairs): session start P 0.741 R 0.894 (126 matched, all-compatible segments
    0.965); now P 0.943 R 0.915 (183 matched, 0.980): Chinese days without a month ("25日") and
    times ("下午5时", "19时54分") are read, English "on the 24th (that...)", "11 o'clock",
    "mid-August", a time joins the date after it ("5:00 p.m. on July 25th") and a colon may be
    spaced ("24: 00")

    people (same name): session start 22 matched, P 0.115 R 0.458 (48 Chinese, 191 English);
    now 84 matched, P 0.416 R 0.503 (167, 202): jieba's name tags for names with no title or
    reporting verb beside them, and "Chen Guangming" a person though "Guangming" is a place

    places (same gazetteer id): session start P 0.517 R 0.482 (197 pairs); now P 0.526 R 0.571
    (213): a country or US state opening a sentence is kept ("Poland will..."), and a Chinese place
    must sit on the segmenter's word edges ("海地" inside "沿海地区" is not Haiti)

    (numbers now: several number words read as one by text2num, units written against the digits,
    Chinese classifiers from a data list and tenths "四成" = 40%, spelled-out counts before a noun,
    "a billion" / "half a million", a range's scale not given to a larger start)
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from auditor.drift.names import SAME, name_relation  # noqa: E402
from auditor.extract import extract_document  # noqa: E402
from auditor.extract.dates import dates_compatible  # noqa: E402
from auditor.model import Document, Paragraph, Sentence  # noqa: E402
from bench.mqm.load import load_docs  # noqa: E402

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def _one_sentence(doc_id: str, text: str, lang: str) -> Document:
    para = Paragraph(0, 0, len(text), lang, False, None)
    sent = Sentence(doc_id, 0, 0, 0, len(text), text, lang, False, None)
    return Document(id=doc_id, path=f"{doc_id}.txt", text=text, language=lang, languages=(lang,),
                    paragraphs=(para,), sentences=(sent,))


def auditor_amounts(doc_id: str, text: str, lang: str) -> Counter[float]:
    mentions = extract_document(_one_sentence(doc_id, text, lang))
    return Counter(round(float(m.value.amount), 3) for m in mentions if m.kind in ("quantity", "money"))


def auditor_dates(doc_id: str, text: str, lang: str) -> list[str]:
    mentions = extract_document(_one_sentence(doc_id, text, lang))
    return [str(m.value) for m in mentions if m.kind == "date" and not str(m.value).startswith("rel:")]


def auditor_people(doc_id: str, text: str, lang: str) -> list[str]:
    return [m.text for m in extract_document(_one_sentence(doc_id, text, lang)) if m.kind == "person"]


def auditor_places(doc_id: str, text: str, lang: str) -> list[str]:
    """Places as their gazetteer ids ("波兰" and "Poland" are both 798544); unknown places as text."""
    return [str(m.attrs.geonameid or m.text) for m in extract_document(_one_sentence(doc_id, text, lang))
            if m.kind == "place"]


def _same_person(a: str, b: str) -> bool:
    return name_relation(a, b).kind == SAME


def matched_dates(a: list[str], b: list[str], same: Callable[[str, str], bool] = dates_compatible) -> int:
    """Greedy one-to-one pairs of values that ``same`` accepts (compatible dates, or one person)."""
    left, n = list(b), 0
    for x in a:
        for y in left:
            if same(x, y):
                left.remove(y)
                n += 1
                break
    return n


def digit_amounts(text: str) -> Counter[float]:
    """The peer: every run of Arabic digits, commas as thousands separators."""
    out: Counter[float] = Counter()
    for m in _DIGITS.finditer(text):
        try:
            out[round(float(m.group().replace(",", "")), 3)] += 1
        except ValueError:
            continue
    return out


def score(pairs: list[tuple[Counter[float], Counter[float]]]) -> dict[str, float]:
    zh = sum(sum(a.values()) for a, _ in pairs)
    en = sum(sum(b.values()) for _, b in pairs)
    both = sum(sum((a & b).values()) for a, b in pairs)
    same = sum(1 for a, b in pairs if a == b)
    return {"identical": same / len(pairs), "precision": both / max(en, 1), "recall": both / max(zh, 1),
            "matched": both, "zh": zh, "en": en}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=0, help="print this many segments where the auditor's sides disagree")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    ours: list[tuple[Counter[float], Counter[float]]] = []
    peer: list[tuple[Counter[float], Counter[float]]] = []
    shown = 0
    date_counts = [0, 0, 0, 0]  # zh, en, matched, segments where every date pairs
    people = [0, 0, 0, 0]
    places = [0, 0, 0, 0]
    for d in load_docs():
        for k, (src, ref) in enumerate(zip(d.source, d.reference.segments)):
            zd, ed = auditor_dates(f"{d.key}/{k}/zh", src, "zh"), auditor_dates(f"{d.key}/{k}/en", ref, "en")
            both = matched_dates(zd, ed)
            date_counts = [date_counts[0] + len(zd), date_counts[1] + len(ed), date_counts[2] + both,
                           date_counts[3] + (both == len(zd) == len(ed))]
            zp, ep = auditor_people(f"{d.key}/{k}/zh", src, "zh"), auditor_people(f"{d.key}/{k}/en", ref, "en")
            same = matched_dates(zp, ep, _same_person)
            people = [people[0] + len(zp), people[1] + len(ep), people[2] + same,
                      people[3] + (same == len(zp) == len(ep))]
            zl, el = auditor_places(f"{d.key}/{k}/zh", src, "zh"), auditor_places(f"{d.key}/{k}/en", ref, "en")
            same = matched_dates(zl, el, str.__eq__)
            places = [places[0] + len(zl), places[1] + len(el), places[2] + same,
                      places[3] + (same == len(zl) == len(el))]
            pair = (auditor_amounts(f"{d.key}/{k}/zh", src, "zh"), auditor_amounts(f"{d.key}/{k}/en", ref, "en"))
            ours.append(pair)
            peer.append((digit_amounts(src), digit_amounts(ref)))
            if shown < args.show and pair[0] != pair[1]:
                shown += 1
                print(f"{d.key} {k}\n  zh {src[:140]}\n  en {ref[:140]}\n  {dict(pair[0])} | {dict(pair[1])}")
    print(f"{len(ours)} segments (WMT21 zh-en news and TED: Chinese source vs human English reference)")
    print(f"  {'':<12} {'identical':>9} {'precision':>9} {'recall':>7} {'matched':>8} {'zh':>5} {'en':>5}")
    for name, pairs in (("auditor", ours), ("digit runs", peer)):
        s = score(pairs)
        print(f"  {name:<12} {s['identical']:>9.3f} {s['precision']:>9.3f} {s['recall']:>7.3f} "
              f"{s['matched']:>8.0f} {s['zh']:>5.0f} {s['en']:>5.0f}")
    zh, en, both, agree = date_counts
    print(f"  dates        {agree / len(ours):>9.3f} {both / max(en, 1):>9.3f} {both / max(zh, 1):>7.3f} "
          f"{both:>8} {zh:>5} {en:>5}   (identical = every date of the segment pairs)")
    zh, en, both, agree = people
    print(f"  people       {agree / len(ours):>9.3f} {both / max(en, 1):>9.3f} {both / max(zh, 1):>7.3f} "
          f"{both:>8} {zh:>5} {en:>5}   (same name by romanisation)")
    zh, en, both, agree = places
    print(f"  places       {agree / len(ours):>9.3f} {both / max(en, 1):>9.3f} {both / max(zh, 1):>7.3f} "
          f"{both:>8} {zh:>5} {en:>5}   (same gazetteer id)")
    print(f"elapsed {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
