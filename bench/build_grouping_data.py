"""Build the story-grouping benchmark's machine-translation data from WMT21 system outputs.

    python bench/build_grouping_data.py [--repo /work/.mirror/wmt-conference+wmt21-news-systems/repo]

Reads the git directory of github.com/wmt-conference/wmt21-news-systems (read with ``git show``, no
work tree needed) and writes ``bench/data/grouping/mt.jsonl``: one record per document version, gold
story = the WMT document id. Two sets, so that both directions of translation are measured:

* ``ja-en``: newstest2021 Japanese→English (``xml/newstest2021.ja-en.all.xml``, which carries doc ids):
  per document, ten systems' English outputs, the human reference, the Japanese source (a
  cross-language member) and an early write-through derived from the reference (its first segments
  only: the same lead, fewer facts).
* ``en-zh``: newstest2021 English→Chinese. Its XML is not in the mirror (a Git LFS-sized file), so the
  document boundaries come from the English sources of ``en-ja``/``en-is`` XML, which are the same
  English articles: a document is kept only when all its source segments occur as one contiguous block
  of ``txt/sources/newstest2021.en-zh.src.en`` (the line-aligned outputs then give its Chinese
  versions). Per document: ten systems' Chinese outputs, reference A and the English source.

(The zh-en XML named in the brief is absent from the mirror for the same reason, and its txt files
carry no document ids, so Chinese→English grouping is measured through en-zh instead.)

WMT21 documents hold one ``<p>`` each; their segments are the lines of the original article (headline,
paragraphs), so each segment becomes a blank-line-separated paragraph. Deterministic: systems are
taken in name order.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "data" / "grouping" / "mt.jsonl"
DEFAULT_REPO = "/work/.mirror/wmt-conference+wmt21-news-systems/repo"
SYSTEMS_PER_DOC = 10
#: documents shorter than this many segments are skipped: a 2-line item (a headline and a caption)
#: is not an article an editor would group
MIN_SEGMENTS = 5
#: the write-through keeps this share of the reference's segments (at least WT_MIN of them)
WT_SHARE = 0.4
WT_MIN = 3


def _git(repo: str, path: str) -> str:
    return subprocess.run(["git", "-C", repo, "show", f"HEAD:{path}"], check=True, capture_output=True).stdout.decode("utf-8")


def _paragraphs(node: ET.Element) -> list[list[str]]:
    """The segments of a <src>/<ref>/<hyp> element, grouped by <p>."""
    return [[(s.text or "").strip() for s in p.iter("seg")] for p in node.iter("p")]


def _text(paras: list[list[str]], lang: str) -> str:
    return "\n\n".join(s for p in paras for s in p if s) + "\n"


def _first_segments(paras: list[list[str]], k: int) -> list[list[str]]:
    out: list[list[str]] = []
    for p in paras:
        if k <= 0:
            break
        out.append(p[:k])
        k -= len(p)
    return out


def _safe(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", s)


def build_ja_en(repo: str) -> list[dict]:
    root = ET.fromstring(_git(repo, "xml/newstest2021.ja-en.all.xml"))
    records: list[dict] = []
    for doc in root.iter("doc"):
        story = f"ja-en:{doc.get('id')}"
        src = _paragraphs(doc.find("src"))
        n = sum(len(p) for p in src)
        if n < MIN_SEGMENTS:
            continue
        base = f"jaen-{_safe(doc.get('id'))}"
        ref = _paragraphs(doc.find("ref"))
        hyps = sorted(doc.findall("hyp"), key=lambda h: h.get("system"))[:SYSTEMS_PER_DOC]
        records.append({"id": f"{base}-src", "set": "ja-en", "story": story, "kind": "source", "lang": "ja", "text": _text(src, "ja")})
        records.append({"id": f"{base}-ref", "set": "ja-en", "story": story, "kind": "reference", "lang": "en", "text": _text(ref, "en")})
        for h in hyps:
            records.append({"id": f"{base}-{_safe(h.get('system'))}", "set": "ja-en", "story": story, "kind": "system",
                            "lang": "en", "text": _text(_paragraphs(h), "en")})
        k = max(WT_MIN, round(WT_SHARE * n))
        if k < n:
            records.append({"id": f"{base}-writethrough", "set": "ja-en", "story": story, "kind": "write-through",
                            "lang": "en", "text": _text(_first_segments(ref, k), "en")})
    return records


def build_en_zh(repo: str) -> list[dict]:
    docs: dict[str, list[list[str]]] = {}
    for pair in ("en-ja", "en-is"):
        root = ET.fromstring(_git(repo, f"xml/newstest2021.{pair}.all.xml"))
        for doc in root.iter("doc"):
            docs.setdefault(doc.get("id"), _paragraphs(doc.find("src")))
    lines = _git(repo, "txt/sources/newstest2021.en-zh.src.en").split("\n")
    listing = subprocess.run(["git", "-C", repo, "ls-tree", "--name-only", "HEAD", "txt/system-outputs/"],
                             check=True, capture_output=True, text=True).stdout.split()
    systems = sorted(p.rsplit(".", 2)[-2] for p in listing if ".en-zh.hyp." in p)[:SYSTEMS_PER_DOC]
    outputs = {s: _git(repo, f"txt/system-outputs/newstest2021.en-zh.hyp.{s}.zh").split("\n") for s in systems}
    ref = _git(repo, "txt/references/newstest2021.en-zh.ref.A.zh").split("\n")
    records: list[dict] = []
    for doc_id in sorted(docs):
        paras = docs[doc_id]
        segs = [s for p in paras for s in p]
        if len(segs) < MIN_SEGMENTS:
            continue
        start = next((i for i in range(len(lines) - len(segs) + 1)
                      if [x.strip() for x in lines[i : i + len(segs)]] == segs), None)
        if start is None:
            continue
        story = f"en-zh:{doc_id}"
        base = f"enzh-{_safe(doc_id)}"

        def regroup(out_lines: list[str]) -> list[list[str]]:
            it = iter(x.strip() for x in out_lines[start : start + len(segs)])
            return [[next(it) for _ in p] for p in paras]

        records.append({"id": f"{base}-src", "set": "en-zh", "story": story, "kind": "source", "lang": "en", "text": _text(paras, "en")})
        records.append({"id": f"{base}-ref", "set": "en-zh", "story": story, "kind": "reference", "lang": "zh", "text": _text(regroup(ref), "zh")})
        for s in systems:
            records.append({"id": f"{base}-{_safe(s)}", "set": "en-zh", "story": story, "kind": "system", "lang": "zh",
                            "text": _text(regroup(outputs[s]), "zh")})
    return records


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", default=DEFAULT_REPO, help="git dir of wmt-conference/wmt21-news-systems")
    args = ap.parse_args()
    records = build_ja_en(args.repo) + build_en_zh(args.repo)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    tmp = OUT.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")
    tmp.replace(OUT)
    stories = {r["story"] for r in records}
    print(f"wrote {OUT.relative_to(ROOT)}: {len(records)} documents, {len(stories)} stories, {OUT.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
