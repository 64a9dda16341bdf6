"""Build the faithful-versions benchmark's data: two professional translations of the same news.

    python bench/build_faithful_data.py [--repo /work/.mirror/wmt-conference+wmt21-news-systems/repo]

Reads the git directory of github.com/wmt-conference/wmt21-news-systems (``git show``, no work tree)
and writes ``bench/data/faithful/ruen.jsonl``: one record per newstest2021 Russian→English document
that has both human references (translators A and B) — the Russian source segments and the two English
translations, aligned by segment. Both translations were made by professionals from the same source,
independently, so they tell the same facts in different words and, where the source is Russian, with
names romanised under different standards ("Sergei" / "Sergey"): a faithful pair, what two honest
wire copies of one story look like. Empty segments are kept as empty strings (alignment by index);
documents with an empty reference segment are skipped. Deterministic: documents in file order.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "data" / "faithful" / "ruen.jsonl"
DEFAULT_REPO = "/work/.mirror/wmt-conference+wmt21-news-systems/repo"
XML = "xml/newstest2021.ru-en.all.xml"


def _git(repo: str, *args: str) -> str:
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True).stdout.decode("utf-8")


def _segments(node: ET.Element) -> list[str]:
    return [" ".join((s.text or "").split()) for s in node.iter("seg")]


def build(repo: str) -> list[dict]:
    root = ET.fromstring(_git(repo, "show", f"HEAD:{XML}"))
    out = []
    for doc in root.iter("doc"):
        refs = {r.get("translator"): _segments(r) for r in doc.iter("ref")}
        src_node = doc.find("src")
        if src_node is None or "A" not in refs or "B" not in refs:
            continue
        source = _segments(src_node)
        if not (len(source) == len(refs["A"]) == len(refs["B"])) or not all(refs["A"]) or not all(refs["B"]):
            continue
        out.append({"doc_id": doc.get("id"), "source": source, "A": refs["A"], "B": refs["B"]})
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", default=DEFAULT_REPO)
    args = ap.parse_args()
    docs = build(args.repo)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    commit = _git(args.repo, "rev-parse", "HEAD").strip()
    (OUT.parent / "SOURCES.json").write_text(json.dumps({
        "repository": "https://github.com/wmt-conference/wmt21-news-systems", "commit": commit, "file": XML,
        "documents": len(docs), "segments": sum(len(d["A"]) for d in docs),
    }, indent=2) + "\n", encoding="utf-8")
    print(f"{len(docs)} documents, {sum(len(d['A']) for d in docs)} segments -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
