"""Build the committed MQM dev subset (``bench/data/mqm/``) from local clones of two public repositories.

    python bench/mqm/build.py --mqm-repo DIR --wmt21-repo DIR [--pair zhen|ende] [--out bench/data/mqm]

``--mqm-repo`` is google/wmt-mqm-human-evaluation, ``--wmt21-repo`` is wmt-conference/wmt21-news-systems;
each may be a checkout or a git directory without a work tree (files are then read with ``git show``).
Nothing is downloaded. The output is one JSON record per document in ``mqm.jsonl`` (see
``bench/mqm/load.py`` for the fields) and ``SOURCES.json`` (commits, counts, checks); the README next to
them explains provenance and the split. The same inputs give the same bytes. ``--pair ende`` builds the
English→German counterpart (``mqm_ende.jsonl``, ``SOURCES_ende.json``) the same way.

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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

@dataclass(frozen=True)
class Pair:
    """One language pair: where its files are and how its systems are named."""

    mqm: str                     # the MQM repository's folder name, "zhen"
    wmt: str                     # the WMT21 file infix, "zh-en"
    src: str                     # source language code (file suffix)
    tgt: str                     # target language code (file suffix)
    jsonl: str                   # output file names
    sources_json: str
    #: MQM system name -> WMT21 output file name, where they differ. Every entry is checked on the TED
    #: segments: the MQM tsv's targets must agree with the named output, and with no other output better.
    name_map: Mapping[str, str] = field(default_factory=dict)
    #: also record, per system, how well the TED tsv's targets match every WMT21 output (added with
    #: en-de; off for zh-en so that its SOURCES.json stays byte-identical)
    record_matching: bool = False

    @property
    def mqm_2021(self) -> str:
        return f"newstest2021/{self.mqm}/mqm_newstest2021_{self.mqm}.avg_seg_scores.tsv"

    @property
    def mqm_ted(self) -> str:
        return f"ted/{self.mqm}/mqm_ted_{self.mqm}.tsv"

    @property
    def mqm_ted_avg(self) -> str:
        return f"ted/{self.mqm}/mqm_ted_{self.mqm}.avg_seg_scores.tsv"

    def w21(self, folder: str, kind: str, name: str) -> str:
        """``txt`` (news only: line k = MQM seg_id k+1) or ``txt-ts`` (news + test suites interleaved)."""
        return f"{folder}/{kind}/newstest2021.{self.wmt}.{name}"

    @property
    def source_file(self) -> str:
        return f"src.{self.src}"

    @property
    def ref_file(self) -> str:
        return f"ref.A.{self.tgt}"

    def output_name(self, rel: str, folder: str) -> str | None:
        """The system name of a WMT21 output file (None: not an output of this pair)."""
        m = re.fullmatch(rf"{folder}/system-outputs/newstest2021\.{re.escape(self.wmt)}\.hyp\.(.+)\.{self.tgt}", rel)
        return m.group(1) if m else None


PAIRS = {
    "zhen": Pair("zhen", "zh-en", "zh", "en", "mqm.jsonl", "SOURCES.json"),
    # the MQM files call NVIDIA's submission "Nemo", WMT21 "NVIDIA-NeMo"
    "ende": Pair("ende", "en-de", "en", "de", "mqm_ende.jsonl", "SOURCES_ende.json",
                 name_map={"Nemo": "NVIDIA-NeMo"}, record_matching=True),
}

#: The references: MQM names -> role. ``ref-B`` (2021) has no text in the WMT21 repository; TED's
#: ``refB`` and newstest2021 en-de's ``ref-C``/``ref-D`` have, but only the one reference the bench
#: uses is kept (see the README).
REFERENCE_2021 = "ref-A"
REFERENCE_TED = "ref"          # as named in the TED tsv; "ref-A" in the TED avg-score file
HUMAN = {"ref-A", "ref-B", "ref-C", "ref-D", "ref", "refB"}

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


def build_newstest2021(mqm: Repo, w21: Repo, checks: dict, pair: Pair = PAIRS["zhen"]) -> list[dict]:
    scores = read_avg_scores(mqm.read(pair.mqm_2021))
    source = [clean(s) for s in lines(w21.read(pair.w21("txt", "sources", pair.source_file)))]
    reference = [clean(s) for s in lines(w21.read(pair.w21("txt", "references", pair.ref_file)))]
    n = len(source)
    available = {}
    for rel in w21.files("txt/system-outputs"):
        name = pair.output_name(rel, "txt")
        if name is not None:
            available[name] = rel
    outputs: dict[str, list[str]] = {}
    skipped = []
    for system in sorted(scores):
        if system in HUMAN:
            continue
        wmt_name = pair.name_map.get(system, system)
        if wmt_name not in available:
            skipped.append(system)
            continue
        outputs[system] = [clean(s) for s in lines(w21.read(available[wmt_name]))]
    for name, segs in [("source", source), ("reference", reference), *outputs.items()]:
        if len(segs) != n:
            raise BuildError(f"{name}: {len(segs)} segments, the source has {n}")
    for system, per_seg in scores.items():
        if max(per_seg) != n or len(per_seg) != n:
            raise BuildError(f"{pair.mqm_2021}: {system} has seg ids up to {max(per_seg)}, the test set has {n}")
    rated = sorted({seg for s in outputs for seg, v in scores[s].items() if v is not None})
    runs: list[list[int]] = []
    for seg in rated:
        if runs and seg == runs[-1][-1] + 1:
            runs[-1].append(seg)
        else:
            runs.append([seg])
    records = []
    for k, run in enumerate(runs):  # runs are in seg-id order == sorted doc ids; alternate fit/test
        doc_id = f"nt21-{pair.mqm}-{run[0]:04d}-{run[-1]:04d}"
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


def build_ted(mqm: Repo, w21: Repo, checks: dict, pair: Pair = PAIRS["zhen"]) -> list[dict]:
    rows = list(csv.DictReader(io.StringIO(mqm.read(pair.mqm_ted)), delimiter="\t", quoting=csv.QUOTE_NONE))
    avg = read_avg_scores(mqm.read(pair.mqm_ted_avg))
    avg[REFERENCE_TED] = avg.pop("ref-A")
    ts_source = lines(w21.read(pair.w21("txt-ts", "sources", pair.source_file)))
    ts_out = {REFERENCE_TED: lines(w21.read(pair.w21("txt-ts", "references", pair.ref_file)))}
    names = {}
    for rel in w21.files("txt-ts/system-outputs"):
        name = pair.output_name(rel, "txt-ts")
        if name is not None:
            names[name] = rel
    in_tsv = sorted({r["system"] for r in rows})
    kept = [s for s in in_tsv if pair.name_map.get(s, s) in names]
    skipped = [s for s in in_tsv if pair.name_map.get(s, s) not in names and s not in HUMAN]
    for s in kept:
        ts_out[s] = lines(w21.read(names[pair.name_map.get(s, s)]))
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
            raise BuildError(f"{pair.mqm_ted}: {system} seg {seg} has two different targets")
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
            raise BuildError(f"{pair.mqm_ted}: {talk} has gaps in its segment ids")
        systems = []
        for system in kept:
            if any((system, s) not in texts for s in segs):
                raise BuildError(f"{pair.mqm_ted}: {system} lacks segments of {talk}")
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
    if pair.name_map or pair.record_matching:  # a name map is only trusted as far as the text bears it out
        matching = _output_matching(rows, offsets, names, w21, pair)
        for mqm_name, wmt_name in pair.name_map.items():
            best = matching[mqm_name]["best_wmt21_output"]
            if best != wmt_name or matching[mqm_name]["equal"] < 0.9 * matching[mqm_name]["of"]:
                raise BuildError(f"{pair.mqm_ted}: name map {mqm_name} -> {wmt_name} not borne out by the text "
                                 f"(best match {best}, {matching[mqm_name]['equal']}/{matching[mqm_name]['of']})")
        if pair.record_matching:
            checks["name_map"] = dict(sorted(pair.name_map.items()))
            checks["ted_tsv_targets_vs_every_wmt21_output"] = matching
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


def _output_matching(rows: list[dict], offsets: dict[str, int], names: dict[str, str], w21: Repo,
                     pair: Pair) -> dict[str, dict]:
    """Per system of the TED tsv: on how many of its segments the clean target equals (up to curly
    quotes) each WMT21 txt-ts output, and which output matches best. This is what verifies the
    name map, and that the skipped anonymous systems are none of the outputs."""
    targets: dict[str, dict[tuple[str, int], str]] = defaultdict(dict)
    for r in rows:
        targets[r["system"]].setdefault((r["doc"], int(r["seg_id"])), split_marked(r["target"])[0].translate(_QUOTES))
    outputs = {n: lines(w21.read(rel)) for n, rel in sorted(names.items())}
    for rel in w21.files("txt-ts/references"):  # every human reference too: "ref" is ref.A, not C or D
        m = re.fullmatch(rf"txt-ts/references/newstest2021\.{re.escape(pair.wmt)}\.(ref\.\w+)\.{pair.tgt}", rel)
        if m:
            outputs[m.group(1)] = lines(w21.read(rel))
    out = {}
    for system in sorted(targets):
        counts = {
            n: sum(1 for (doc, seg), t in targets[system].items() if clean(o[seg + offsets[doc]]).translate(_QUOTES) == t)
            for n, o in outputs.items()
        }
        best = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        runner_up = max((kv for kv in counts.items() if kv[0] != best[0]), key=lambda kv: (kv[1], kv[0]))
        out[system] = {"of": len(targets[system]), "best_wmt21_output": best[0], "equal": best[1],
                       "next_best_wmt21_output": runner_up[0], "next_equal": runner_up[1]}
    return out


def _span_key(s: dict) -> tuple:
    return (s["start"] is None, s["start"] or 0, s["end"] or 0, s["category"], s["severity"], s["rater"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mqm-repo", required=True, help="google/wmt-mqm-human-evaluation (checkout or git dir)")
    ap.add_argument("--wmt21-repo", required=True, help="wmt-conference/wmt21-news-systems (checkout or git dir)")
    ap.add_argument("--pair", choices=sorted(PAIRS), default="zhen", help="language pair (default zhen)")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "data" / "mqm"))
    args = ap.parse_args(argv)
    pair = PAIRS[args.pair]
    try:
        mqm, w21 = Repo(args.mqm_repo), Repo(args.wmt21_repo)
        checks: dict = {}
        records = build_newstest2021(mqm, w21, checks, pair) + build_ted(mqm, w21, checks, pair)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    body = "".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in records)
    _write(out / pair.jsonl, body)
    sources = {
        "google/wmt-mqm-human-evaluation": {
            "commit": mqm.commit(), "files": [pair.mqm_2021, pair.mqm_ted, pair.mqm_ted_avg], "license": "Apache-2.0",
        },
        "wmt-conference/wmt21-news-systems": {
            "commit": w21.commit(),
            "files": [pair.w21(folder, kind, name) for folder in ("txt", "txt-ts") for kind, name in (
                ("sources", pair.source_file), ("references", pair.ref_file),
                ("system-outputs", f"hyp.<system>.{pair.tgt}"))],
            "license": "none stated in the repository (WMT shared-task data, distributed for research use)",
        },
        "checks": checks,
    }
    _write(out / pair.sources_json, json.dumps(sources, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    print(f"wrote {len(records)} documents to {out / pair.jsonl} ({len(body.encode()) / 1e6:.2f} MB)")
    print(json.dumps(checks, indent=1))
    return 0


def _write(path: Path, text: str) -> None:
    """Atomic write (a temporary file in the same folder, then rename)."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


if __name__ == "__main__":
    sys.exit(main())
