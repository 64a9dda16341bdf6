"""Sentence splitting on public golden cases, splitter speed, and ingest + segment throughput.

    pip install -e '.[bench]'   # sentencex, the peer splitter (pySBD is a runtime dependency)
    python bench/bench_ingest.py [--docs 500] [--repeats 3]
    python bench/bench_ingest.py --check   # the segmenter's speed paths change no sentence

1. Public cases (tests/data/segmentation/: pySBD's golden rules in en/es/zh, pragmatic_segmenter's
   Japanese spec; scoring in tests/_segmentation_suite.py): cases right per language for ours (the
   whole segmenter: paragraphs, language id, pySBD plus our layer), the previous hand-written splitter
   (bench/_previous_splitter.py, kept here only), pySBD alone (``char_span=True``, the suite's
   language) and sentencex; and how many cases each returns with exact offsets.
2. Splitter speed: sentences/s of each splitter over the paragraphs of a synthetic corpus (language
   guessed beforehand, not timed).
3. Pipeline throughput: ingest + segment + boilerplate, ours against the same pipeline with sentencex.

The corpus: each synthetic article takes 8-25 paragraphs drawn (seeded) from the five fixture articles,
with sentences shuffled inside paragraphs and every number replaced, so paragraph texts are mostly
unique (the language-id cache cannot make the run look faster than an archive would be). Files are
written to a temporary folder and read back through ``read_paths`` like a real run.

``--check`` segments 2,134 texts (fixture, WMT/MQM references, sources and MT outputs, the grouping
set, pySBD's golden cases, a scale-bench article) with and without the two speed paths of
auditor/segment/split.py: 21,394 sentences, none different. Measured (2-core machine shared with
other jobs, 500 articles): ingest + segment 89 docs/s before the speed paths, 150 docs/s with them;
a 5,000-sentence article 3.7 s -> 1.0 s.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import _previous_splitter as previous  # noqa: E402
from auditor.ingest.sources import read_paths  # noqa: E402
from auditor.segment.langid import guess_language  # noqa: E402
from auditor.model import Document  # noqa: E402
from auditor.segment.paragraphs import paragraph_spans  # noqa: E402
from auditor.segment.split import segment_all, segment_document, split_sentences  # noqa: E402
from tests._segmentation_suite import is_right, load_cases, strings_to_spans  # noqa: E402

FIXTURE = ROOT / "fixtures" / "china-ai-subsidies"


def build_corpus(folder: Path, n_docs: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    paragraphs: list[str] = []
    for path in sorted(FIXTURE.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paragraphs += [text[s:e] for s, e in paragraph_spans(text)]
    total_bytes = 0
    for i in range(n_docs):
        chosen = rng.sample(paragraphs, k=rng.randint(8, min(25, len(paragraphs))))
        out = []
        for para in chosen:
            parts = re.split(r"(?<=[.!?。])\s*", para)
            rng.shuffle(parts)
            para = " ".join(p for p in parts if p)
            out.append(re.sub(r"\d+", lambda m: str(rng.randint(1, 9999)), para))
        data = "\n\n".join(out) + "\n"
        (folder / f"{i:05d}.txt").write_text(data, encoding="utf-8")
        total_bytes += len(data.encode("utf-8"))
    return total_bytes


def ours(folder: Path) -> tuple[int, int]:
    docs = segment_all(read_paths([str(folder)]))
    return len(docs), sum(len(d.sentences) for d in docs)


def sentencex_split(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    """sentencex returns strings; map them back to offsets by a forward search (never fails on
    sentencex output because it only drops whitespace)."""
    import sentencex

    spans = []
    pos = start
    for piece in sentencex.segment(lang if lang not in ("und",) else "en", text[start:end]):
        piece = piece.strip()
        if not piece:
            continue
        found = text.find(piece, pos, end)
        if found < 0:
            continue
        spans.append((found, found + len(piece)))
        pos = found + len(piece)
    return spans


def peer(folder: Path) -> tuple[int, int]:
    """The same pipeline (ingest, paragraphs, language id, boilerplate) with sentencex as splitter."""

    def split(text: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
        return sentencex_split(text, start, end, lang if lang in SENTENCEX_LANGS else "en")

    docs = segment_all(read_paths([str(folder)]), splitter=split)
    return len(docs), sum(len(d.sentences) for d in docs)


SENTENCEX_LANGS = {"en", "es", "zh", "fr", "de", "ja", "it", "pt", "ru"}


def timed(fn, folder: Path, repeats: int) -> tuple[float, float, int, int]:
    rates_d, rates_s = [], []
    n_docs = n_sent = 0
    for _ in range(repeats):
        guess_language.cache_clear()
        t0 = time.perf_counter()
        n_docs, n_sent = fn(folder)
        dt = time.perf_counter() - t0
        rates_d.append(n_docs / dt)
        rates_s.append(n_sent / dt)
    return statistics.median(rates_d), statistics.median(rates_s), n_docs, n_sent


# ------------------------------------------------------------------ public golden cases


def _ours_case(text: str, lang: str) -> tuple[list[tuple[int, int]], bool]:
    doc = segment_document(Document(id="case", path="case", text=text))
    spans = [(s.start, s.end) for s in doc.sentences]
    return spans, all(text[s.start : s.end] == s.text for s in doc.sentences)


def _previous_case(text: str, lang: str) -> tuple[list[tuple[int, int]], bool]:
    spans = [sp for s, e in paragraph_spans(text) for sp in previous.split_sentences(text, s, e)]
    return spans, True  # computed offsets: exact by construction


def _pysbd_case(text: str, lang: str) -> tuple[list[tuple[int, int]], bool]:
    import pysbd

    out = pysbd.Segmenter(language=lang, clean=False, char_span=True).segment(text)
    spans = [(t.start, t.end) for t in out]
    exact = all(text[t.start : t.end] == t.sent for t in out) and all(
        a[1] <= b[0] for a, b in zip(spans, spans[1:])
    )
    return spans, exact


def _sentencex_case(text: str, lang: str) -> tuple[list[tuple[int, int]], bool]:
    import sentencex

    spans = strings_to_spans(text, list(sentencex.segment(lang, text)))
    return (spans or []), spans is not None  # offsets by forward search: found or not


CASE_SPLITTERS = {"ours": _ours_case, "previous": _previous_case, "pysbd": _pysbd_case, "sentencex": _sentencex_case}


def golden_cases() -> None:
    cases = load_cases()
    langs = sorted({c.lang for c in cases})
    print(f"public golden cases (tests/data/segmentation/), cases right per language:")
    print("  " + f"{'splitter':10s}" + "".join(f"{lang:>8s}" for lang in langs) + f"{'all':>9s}{'offsets exact':>15s}")
    for name, fn in CASE_SPLITTERS.items():
        right = {lang: 0 for lang in langs}
        exact = 0
        for case in cases:
            spans, ok_offsets = fn(case.text, case.lang)
            right[case.lang] += is_right(case, spans)
            exact += ok_offsets
        cells = "".join(f"{right[lang]:>4d}/{sum(c.lang == lang for c in cases):<3d}" for lang in langs)
        print(f"  {name:10s}{cells}{sum(right.values()):>5d}/{len(cases):<3d}{exact:>11d}/{len(cases)}")


# ------------------------------------------------------------------ splitter speed


def splitter_speed(folder: Path, repeats: int) -> None:
    """Sentences/s of each splitter alone over the corpus paragraphs (language guessed beforehand)."""
    import pysbd

    paragraphs = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for s, e in paragraph_spans(text):
            paragraphs.append((text, s, e, guess_language(text[s:e]).lang))
    segmenters: dict[str, object] = {}

    def pysbd_alone(text: str, s: int, e: int, lang: str) -> int:
        lang = lang if lang in ("en", "es", "zh", "fr", "de", "ja", "it", "ru") else "en"
        seg = segmenters.setdefault(lang, pysbd.Segmenter(language=lang, clean=False, char_span=True))
        return len(seg.segment(text[s:e]))  # type: ignore[attr-defined]

    splitters = {
        "ours": lambda text, s, e, lang: len(split_sentences(text, s, e, lang)),
        "previous": lambda text, s, e, lang: len(previous.split_sentences(text, s, e)),
        "pysbd": pysbd_alone,
        "sentencex": lambda text, s, e, lang: len(
            sentencex_split(text, s, e, lang if lang in SENTENCEX_LANGS else "en")
        ),
    }
    print(f"splitter alone over {len(paragraphs)} corpus paragraphs, median of {repeats} runs:")
    for name, fn in splitters.items():
        rates = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            n = sum(fn(*p) for p in paragraphs)
            rates.append(n / (time.perf_counter() - t0))
        print(f"  {name:10s} {statistics.median(rates):9.0f} sentences/s  ({n} sentences)")


# ------------------------------------------------------------------ speed paths change no cut


def _check_texts() -> list[str]:
    """Real and benchmark texts for ``--check``: the fixture, the WMT/MQM references, sources and MT
    outputs (joined 4-5 segments a paragraph), the grouping set, pySBD's golden cases, a scale-bench
    article."""
    import json

    from bench_scale import long_article

    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures").rglob("*.txt"))]
    with open(ROOT / "bench/data/grouping/mt.jsonl", encoding="utf-8") as fh:
        texts += [json.loads(line)["text"] for line in fh]
    with open(ROOT / "bench/data/mqm/mqm.jsonl", encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            for key in ("reference", "source"):
                sents = [x for x in r[key] if isinstance(x, str)]
                texts += [" ".join(sents[i : i + 4]) for i in range(0, len(sents), 4)]
            for sents in r["systems"].values() if isinstance(r["systems"], dict) else []:
                sents = [x for x in sents if isinstance(x, str)]
                texts += [" ".join(sents[i : i + 5]) for i in range(0, len(sents), 5)]
    with open(ROOT / "tests/data/segmentation/pysbd_golden.jsonl", encoding="utf-8") as fh:
        texts += [json.loads(line).get("text", "") for line in fh]
    sents = long_article(1000)
    texts.append("\n\n".join(" ".join(sents[i : i + 4]) for i in range(0, len(sents), 4)))
    return texts


def _segment_spans(texts: list[str]) -> list[list[tuple[int, int, str]]]:
    return [[(s.start, s.end, s.language) for s in segment_document(Document(id=f"t{i}", path="t", text=t)).sentences]
            for i, t in enumerate(texts)]


def check_speed_paths() -> bool:
    """Segment the check texts with and without the speed paths of auditor/segment/split.py (plain English
    paragraphs cut without pySBD, absent abbreviations skipped): every sentence must be the same."""
    import pysbd.lang.english as english

    import auditor.segment.pysbd_cuts as sbd
    import auditor.segment.split as seg

    texts = _check_texts()
    t0 = time.perf_counter()
    fast = _segment_spans(texts)
    t_fast = time.perf_counter() - t0
    plain, search = seg.plain_english_cuts, english.English.AbbreviationReplacer.search_for_abbreviations_in_string
    try:
        seg.plain_english_cuts = lambda *a: None  # type: ignore[assignment]
        english.English.AbbreviationReplacer.search_for_abbreviations_in_string = sbd.PYSBD_SEARCH
        t0 = time.perf_counter()
        slow = _segment_spans(texts)
        t_slow = time.perf_counter() - t0
    finally:
        seg.plain_english_cuts = plain  # type: ignore[assignment]
        english.English.AbbreviationReplacer.search_for_abbreviations_in_string = search
    differ = sum(a != b for a, b in zip(fast, slow))
    print(f"speed paths: {len(texts)} texts, {sum(map(len, slow))} sentences, {differ} texts segmented "
          f"differently; {t_slow:.1f} s without, {t_fast:.1f} s with")
    return differ == 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="only check that the speed paths change no cut")
    args = parser.parse_args()
    if args.check:
        sys.exit(0 if check_speed_paths() else 1)
    golden_cases()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        size = build_corpus(folder, args.docs)
        print(f"corpus: {args.docs} synthetic articles, {size / 1e6:.1f} MB, median of {args.repeats} runs")
        ours(folder)  # warm-up: imports, language model load
        d, s, nd, ns = timed(ours, folder, args.repeats)
        print(f"  ours      (ingest+segment+boilerplate): {d:8.0f} docs/s {s:9.0f} sentences/s  ({nd} docs, {ns} sentences)")
        d2, s2, nd2, ns2 = timed(peer, folder, args.repeats)
        print(f"  sentencex (same pipeline, its splitter): {d2:8.0f} docs/s {s2:9.0f} sentences/s  ({nd2} docs, {ns2} sentences)")
        print(f"  ratio ours/sentencex docs/s: {d / d2:.2f}")
        splitter_speed(folder, args.repeats)


if __name__ == "__main__":
    main()
