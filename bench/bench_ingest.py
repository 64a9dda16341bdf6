"""Ingest + segment throughput on a synthetic corpus built from the fixture, with the best alternative
sentence splitter (sentencex) measured in the same process as the peer figure.

    pip install -e '.[bench]'   # sentencex and pysbd, the peers
    python bench/bench_ingest.py [--docs 2000] [--repeats 3]

The corpus: each synthetic article takes 8-25 paragraphs drawn (seeded) from the five fixture articles,
with sentences shuffled inside paragraphs and every number replaced, so paragraph texts are mostly
unique (the language-id cache cannot make the run look faster than an archive would be). Files are
written to a temporary folder and read back through ``read_paths`` like a real run.

Also printed: how often each splitter agrees with the golden tricky sentences of tests/test_segment.py
and how many sentence boundaries sentencex and pysbd place differently from ours on the fixture.
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

from auditor.ingest import read_paths  # noqa: E402
from auditor.langid import guess_language  # noqa: E402
from auditor.segment import paragraph_spans, segment_all, split_sentences  # noqa: E402

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

    def split(text: str, start: int, end: int) -> list[tuple[int, int]]:
        lang = guess_language(text[start:end]).lang
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


def golden_agreement() -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from test_segment import GOLDEN  # type: ignore[import-not-found]

    import pysbd
    import sentencex

    langs = ["zh" if re.search(r"[\u4e00-\u9fff]", t) else ("es" if re.search(r"[ñ¿¡]", t) else "en") for t, _ in GOLDEN]
    splitters = {
        "ours": lambda t, lang: [t[s:e] for s, e in split_sentences(t)],
        "sentencex": lambda t, lang: [x.strip() for x in sentencex.segment(lang, t) if x.strip()],
        "pysbd": lambda t, lang: [x.strip() for x in pysbd.Segmenter(language=lang, clean=False).segment(t) if x.strip()],
    }
    for name, fn in splitters.items():
        ok = sum(fn(t, lang) == expected for (t, expected), lang in zip(GOLDEN, langs))
        print(f"  golden tricky cases right: {name:10s} {ok}/{len(GOLDEN)}")
    # boundary disagreement with ours on the fixture's paragraphs
    for name in ("sentencex", "pysbd"):
        differ = total = 0
        for path in sorted(FIXTURE.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            for s, e in paragraph_spans(text):
                lang = guess_language(text[s:e]).lang
                lang = lang if lang in ("en", "es", "zh") else "en"
                mine = {b for _, b in split_sentences(text, s, e)}
                if name == "sentencex":
                    theirs = {b for _, b in sentencex_split(text, s, e, lang)}
                else:
                    pieces = [x.strip() for x in pysbd.Segmenter(language=lang, clean=False).segment(text[s:e])]
                    theirs, pos = set(), s
                    for piece in filter(None, pieces):
                        found = text.find(piece, pos, e)
                        if found >= 0:
                            theirs.add(found + len(piece))
                            pos = found + len(piece)
                differ += len(mine ^ theirs)
                total += len(mine)
        print(f"  fixture boundaries placed differently from ours: {name:10s} {differ} (ours: {total})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
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
    golden_agreement()


if __name__ == "__main__":
    main()
