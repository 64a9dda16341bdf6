"""Build the committed MQM dev subset (``bench/data/mqm/``) from local clones of two public repositories.

    python bench/mqm/build.py --mqm-repo DIR --wmt21-repo DIR [--out bench/data/mqm]

``--mqm-repo`` is google/wmt-mqm-human-evaluation, ``--wmt21-repo`` is wmt-conference/wmt21-news-systems;
each may be a checkout or a git directory without a work tree (files are then read with ``git show``).
Nothing is downloaded. The output is one JSON record per document in ``mqm.jsonl`` (see
``bench/mqm/load.py`` for the fields) and ``SOURCES.json`` (commits, counts, checks); the README next to
them explains provenance and the split. The same inputs give the same bytes.

Why the documents are what they are: the newstest2021 zh-en XML (the only file with document ids) and
the full MQM tsv are not in the local mirror, so a newstest2021 "document" is a maximal run of
consecutive MQM-rated segment ids (Google rated whole documents, so a run is one document or a few
adjacent ones). TED talks come with their talk id in the MQM tsv, and every segment of a talk is rated.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

MQM_2021 = "newstest2021/zhen/mqm_newstest2021_zhen.avg_seg_scores.tsv"
MQM_TED = "ted/zhen/mqm_ted_zhen.tsv"
MQM_TED_AVG = "ted/zhen/mqm_ted_zhen.avg_seg_scores.tsv"
W21_TXT = "txt/{kind}/newstest2021.zh-en.{name}"          # news only: line k = MQM seg_id k+1
W21_TS = "txt-ts/{kind}/newstest2021.zh-en.{name}"        # news + test suites (TED) interleaved
SYSTEM_FILE = "hyp.{system}.en"
SOURCE_FILE = "src.zh"
REF_FILE = "ref.A.en"

#: The references: MQM names -> role. ``ref-B`` (2021) has no text in the WMT21 repository; TED's
#: ``refB`` has, but only the one reference the bench uses is kept (see the README).
REFERENCE_2021 = "ref-A"
REFERENCE_TED = "ref"          # as named in the TED tsv; "ref-A" in the TED avg-score file
HUMAN = {"ref-A", "ref-B", "ref", "refB"}

_MARK = re.compile(r"</?v>")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class BuildError(Exception):
    """A source file is missing or does not line up; the message names it."""


class Repo:
    """Read files from a checkout, or from a git directory via ``git show HEAD:path``."""

    def __init__(self, path: str) -> None:
        self.path = Path(path)
        if not self.path.exists():
            raise BuildError(f"{path}: no such directory")

    def read(self, rel: str) -> str:
        file = self.path / rel
        if file.is_file():
            return file.read_text(encoding="utf-8")
        try:
            out = subprocess.run(
                ["git", "-C", str(self.path), "show", f"HEAD:{rel}"], capture_output=True, check=True
            ).stdout
        except subprocess.CalledProcessError as exc:
            raise BuildError(f"{self.path}:{rel}: cannot read ({exc.stderr.decode(errors='replace').strip()})") from exc
        return out.decode("utf-8")

    def files(self, folder: str) -> list[str]:
        if (self.path / folder).is_dir():
            return sorted(f"{folder}/{p.name}" for p in (self.path / folder).iterdir() if p.is_file())
        out = subprocess.run(
            ["git", "-C", str(self.path), "ls-tree", "--name-only", "HEAD", f"{folder}/"],
            capture_output=True, check=True, text=True,
        ).stdout
        return sorted(out.split())

    def commit(self) -> str:
        try:
            return subprocess.run(
                ["git", "-C", str(self.path), "rev-parse", "HEAD"], capture_output=True, check=True, text=True
            ).stdout.strip()
        except (subprocess.CalledProcessError, FileNotFoundError):
            return "unknown"


def clean(text: str) -> str:
    """One segment as the auditor will see it: NFC, no control characters, no outer whitespace."""
    return unicodedata.normalize("NFC", _CONTROLS.sub(" ", text)).strip()


def lines(text: str) -> list[str]:
    """Lines of a WMT plain-text file (one segment a line; the final newline ends the last one)."""
    out = text.split("\n")
    if out and out[-1] == "":
        out.pop()
    return out


def read_avg_scores(text: str) -> dict[str, dict[int, float | None]]:
    """system -> seg_id -> MQM average (``None`` when not rated). The files mix tabs and spaces."""
    scores: dict[str, dict[int, float | None]] = defaultdict(dict)
    for k, line in enumerate(text.splitlines()):
        if k == 0 or not line.strip():
            continue
        system, score, seg = line.split()
        scores[system][int(seg)] = None if score == "None" else float(score)
    return scores


def split_marked(target: str) -> tuple[str, tuple[int, int] | None]:
    """The clean target segment and the char span of its ``<v>..</v>`` mark (None if unmarked)."""
    start = target.find("<v>")
    end = target.find("</v>")
    if start < 0 or end < start:
        return clean(_MARK.sub("", target)), None
    before, inside, after = target[:start], target[start + 3 : end], _MARK.sub("", target[end + 4 :])
    before = _MARK.sub("", before)

    def norm(x: str) -> str:
        return unicodedata.normalize("NFC", _CONTROLS.sub(" ", x))

    full = norm(before + inside + after)
    text = full.strip()
    lead = len(full) - len(full.lstrip())
    s = max(0, len(norm(before)) - lead)
    e = min(len(text), s + len(norm(inside)))
    if text[s:e].strip() != norm(inside).strip():
        raise BuildError(f"span {inside!r} does not land in {text!r}")
    return text, (s, e)


# --------------------------------------------------------------------------- newstest2021


def build_newstest2021(mqm: Repo, w21: Repo, checks: dict) -> list[dict]:
    scores = read_avg_scores(mqm.read(MQM_2021))
    source = [clean(s) for s in lines(w21.read(W21_TXT.format(kind="sources", name=SOURCE_FILE)))]
    reference = [clean(s) for s in lines(w21.read(W21_TXT.format(kind="references", name=REF_FILE)))]
    n = len(source)
    available = {}
    for rel in w21.files("txt/system-outputs"):
        m = re.fullmatch(r"txt/system-outputs/newstest2021\.zh-en\.hyp\.(.+)\.en", rel)
        if m:
            available[m.group(1)] = rel
    outputs: dict[str, list[str]] = {}
    skipped = []
    for system in sorted(scores):
        if system in HUMAN:
            continue
        if system not in available:
            skipped.append(system)
            continue
        outputs[system] = [clean(s) for s in lines(w21.read(available[system]))]
    for name, segs in [("source", source), ("reference", reference), *outputs.items()]:
        if len(segs) != n:
            raise BuildError(f"{name}: {len(segs)} segments, the source has {n}")
    for system, per_seg in scores.items():
        if max(per_seg) != n or len(per_seg) != n:
            raise BuildError(f"{MQM_2021}: {system} has seg ids up to {max(per_seg)}, the test set has {n}")
    rated = sorted({seg for s in outputs for seg, v in scores[s].items() if v is not None})
    runs: list[list[int]] = []
    for seg in rated:
        if runs and seg == runs[-1][-1] + 1:
            runs[-1].append(seg)
        else:
            runs.append([seg])
    records = []
    for k, run in enumerate(runs):  # runs are in seg-id order == sorted doc ids; alternate fit/test
        doc_id = f"nt21-zhen-{run[0]:04d}-{run[-1]:04d}"
        records.append({
            "testset": "newstest2021",
            "split": "fit" if k % 2 == 0 else "test",
            "doc_id": doc_id,
            "seg_ids": run,
            "source": [source[i - 1] for i in run],
            "reference": [reference[i - 1] for i in run],
            "reference_system": REFERENCE_2021,
            "reference_mqm": [scores[REFERENCE_2021][i] for i in run],
            "systems": [
                {
                    "name": system,
                    "segments": [outputs[system][i - 1] for i in run],
                    "mqm": [scores[system][i] for i in run],
                    "spans": None,
                }
                for system in sorted(outputs)
            ],
        })
    checks["newstest2021"] = {
        "segments_in_testset": n,
        "rated_segments": len(rated),
        "documents": len(records),
        "systems_kept": sorted(outputs),
        "systems_skipped_no_output": skipped,
        "humans_skipped": sorted(s for s in scores if s in HUMAN and s != REFERENCE_2021),
        "segment_counts_equal": True,
    }
    return records


# --------------------------------------------------------------------------- TED


def _ted_offsets(rows: list[dict], ts_source: list[str]) -> dict[str, int]:
    """Per talk, the line offset of its TED seg ids in the txt-ts files (the test suites are
    interleaved with the news there): the offset most of the talk's sources agree on."""
    def key(s: str) -> str:
        return re.sub(r"\s+", "", s)

    where = defaultdict(list)
    for i, s in enumerate(ts_source):
        where[key(s)].append(i)
    votes: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    seen = set()
    for r in rows:
        if (r["doc"], r["seg_id"]) in seen:
            continue
        seen.add((r["doc"], r["seg_id"]))
        for i in where.get(key(r["source"]), []):
            votes[r["doc"]][i - int(r["seg_id"])] += 1
    return {talk: max(v.items(), key=lambda kv: (kv[1], -kv[0]))[0] for talk, v in votes.items()}


def build_ted(mqm: Repo, w21: Repo, checks: dict) -> list[dict]:
    rows = list(csv.DictReader(io.StringIO(mqm.read(MQM_TED)), delimiter="\t", quoting=csv.QUOTE_NONE))
    avg = read_avg_scores(mqm.read(MQM_TED_AVG))
    avg[REFERENCE_TED] = avg.pop("ref-A")
    ts_source = lines(w21.read(W21_TS.format(kind="sources", name=SOURCE_FILE)))
    ts_out = {REFERENCE_TED: lines(w21.read(W21_TS.format(kind="references", name=REF_FILE)))}
    names = {}
    for rel in w21.files("txt-ts/system-outputs"):
        m = re.fullmatch(r"txt-ts/system-outputs/newstest2021\.zh-en\.hyp\.(.+)\.en", rel)
        if m:
            names[m.group(1)] = rel
    in_tsv = sorted({r["system"] for r in rows})
    kept = [s for s in in_tsv if s in names]
    skipped = [s for s in in_tsv if s not in names and s not in HUMAN]
    for s in kept:
        ts_out[s] = lines(w21.read(names[s]))
    offsets = _ted_offsets(rows, ts_source)

    talks: dict[str, set[int]] = defaultdict(set)
    texts: dict[tuple[str, int], str] = {}
    sources: dict[int, str] = {}
    spans: dict[tuple[str, int], list[dict]] = defaultdict(list)
    agree = {"exact": 0, "quotes_only": 0, "differs": 0}
    differs = []
    for r in rows:
        system, seg = r["system"], int(r["seg_id"])
        if system not in ts_out:
            continue
        talks[r["doc"]].add(seg)
        sources.setdefault(seg, clean(r["source"]))
        text, span = split_marked(r["target"])
        if (system, seg) in texts and texts[(system, seg)] != text:
            raise BuildError(f"{MQM_TED}: {system} seg {seg} has two different targets")
        if (system, seg) not in texts:
            texts[(system, seg)] = text
            wmt = clean(ts_out[system][seg + offsets[r["doc"]]])
            if wmt == text:
                agree["exact"] += 1
            elif wmt.translate(_QUOTES) == text.translate(_QUOTES):
                agree["quotes_only"] += 1
            else:
                agree["differs"] += 1
                differs.append(f"{system}:{seg}")
        if r["category"] in ("No-error", "no-error"):
            continue
        spans[(system, seg)].append({
            "start": span[0] if span else None,
            "end": span[1] if span else None,
            "category": r["category"],
            "severity": r["severity"],
            "rater": r["rater"],
        })
    records = []
    for talk in sorted(talks, key=lambda t: min(talks[t])):
        segs = sorted(talks[talk])
        if segs != list(range(segs[0], segs[-1] + 1)):
            raise BuildError(f"{MQM_TED}: {talk} has gaps in its segment ids")
        systems = []
        for system in kept:
            if any((system, s) not in texts for s in segs):
                raise BuildError(f"{MQM_TED}: {system} lacks segments of {talk}")
            systems.append({
                "name": system,
                "segments": [texts[(system, s)] for s in segs],
                "mqm": [avg[system].get(s) for s in segs],
                "spans": [sorted(spans[(system, s)], key=_span_key) for s in segs],
            })
        records.append({
            "testset": "ted",
            "split": "heldout",
            "doc_id": talk,
            "seg_ids": segs,
            "source": [sources[s] for s in segs],
            "reference": [texts[(REFERENCE_TED, s)] for s in segs],
            "reference_system": REFERENCE_TED,
            "reference_mqm": [avg[REFERENCE_TED].get(s) for s in segs],
            "reference_spans": [sorted(spans[(REFERENCE_TED, s)], key=_span_key) for s in segs],
            "systems": systems,
        })
    checks["ted"] = {
        "talk_line_offsets_in_txt_ts": dict(sorted(offsets.items())),
        "documents": len(records),
        "segments": sum(len(r["seg_ids"]) for r in records),
        "systems_kept": kept,
        "systems_skipped_no_output": skipped,
        "humans_skipped": sorted(s for s in in_tsv if s in HUMAN and s != REFERENCE_TED),
        "targets_vs_wmt21_txt_ts": agree,
        "targets_differing_beyond_quotes": differs,
    }
    return records


def _span_key(s: dict) -> tuple:
    return (s["start"] is None, s["start"] or 0, s["end"] or 0, s["category"], s["severity"], s["rater"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mqm-repo", required=True, help="google/wmt-mqm-human-evaluation (checkout or git dir)")
    ap.add_argument("--wmt21-repo", required=True, help="wmt-conference/wmt21-news-systems (checkout or git dir)")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "data" / "mqm"))
    args = ap.parse_args(argv)
    try:
        mqm, w21 = Repo(args.mqm_repo), Repo(args.wmt21_repo)
        checks: dict = {}
        records = build_newstest2021(mqm, w21, checks) + build_ted(mqm, w21, checks)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    body = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    _write(out / "mqm.jsonl", body)
    sources = {
        "google/wmt-mqm-human-evaluation": {
            "commit": mqm.commit(), "files": [MQM_2021, MQM_TED, MQM_TED_AVG], "license": "Apache-2.0",
        },
        "wmt-conference/wmt21-news-systems": {
            "commit": w21.commit(),
            "files": ["txt/sources/newstest2021.zh-en.src.zh", "txt/references/newstest2021.zh-en.ref.A.en",
                      "txt/system-outputs/newstest2021.zh-en.hyp.<system>.en",
                      "txt-ts/sources/newstest2021.zh-en.src.zh", "txt-ts/references/newstest2021.zh-en.ref.A.en",
                      "txt-ts/system-outputs/newstest2021.zh-en.hyp.<system>.en"],
            "license": "none stated in the repository (WMT shared-task data, distributed for research use)",
        },
        "checks": checks,
    }
    _write(out / "SOURCES.json", json.dumps(sources, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} documents to {out / 'mqm.jsonl'} ({len(body.encode()) / 1e6:.2f} MB)")
    print(json.dumps(checks, indent=1))
    return 0


def _write(path: Path, text: str) -> None:
    """Atomic write (a temporary file in the same folder, then rename)."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


if __name__ == "__main__":
    sys.exit(main())
