"""``auditor scan``: archive formats, story grouping, resumability, and a real Dask LocalCluster run
that must write the same bytes as the in-process run."""

from __future__ import annotations

import gzip
import io
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.scan import finished_stories, iter_raw, scan, story_id

ROOT = Path(__file__).resolve().parent.parent


def _article(seed: int, n: int = 9) -> list[str]:
    """News-like sentences of one story: its own vocabulary, names and figures."""
    import wordfreq

    rng = random.Random(seed)
    words = [w for w in wordfreq.top_n_list("en", 5000)[300:] if w.isalpha() and len(w) > 3]
    vocab = rng.sample(words, 60)
    names = [f"{rng.choice(['Lin', 'Park', 'Moreau', 'Okafor'])} {rng.choice(['Wei', 'Anna', 'Tomas', 'Ade'])}{seed}"
             for _ in range(2)]
    out = []
    for i in range(n):
        toks = [rng.choice(vocab) for _ in range(rng.randint(10, 16))]
        toks.insert(3, names[i % 2])
        toks.append(f"{rng.randint(2, 900)} million")
        s = " ".join(toks)
        out.append(s[0].upper() + s[1:] + ".")
    return out


def _warc(path: Path, pages: list[tuple[str, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for uri, text in pages:
            body = "<html><head><title>t</title></head><body><article>" + "".join(
                f"<p>{p}</p>" for p in text.split("\n\n")) + "</article></body></html>"
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body.encode()),
                                                          http_headers=headers))


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """Three stories spread over a folder, a JSONL.gz file and a WARC file, plus one lone article."""
    root = tmp_path_factory.mktemp("archive")
    (root / "folder").mkdir()
    stories = {k: _article(k) for k in (1, 2, 3)}
    lone = _article(9)
    text = lambda sents: "\n\n".join(sents)  # noqa: E731
    edited = lambda sents: [s.replace(" million", "0 million", 1) if i == 2 else s for i, s in enumerate(sents)]  # noqa: E731
    (root / "folder" / "s1-a.txt").write_text(text(stories[1]), encoding="utf-8")
    (root / "folder" / "s2-a.txt").write_text(text(stories[2]), encoding="utf-8")
    (root / "folder" / "lone.txt").write_text(text(lone), encoding="utf-8")
    with gzip.open(root / "feed.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "s1-b", "text": text(edited(stories[1]))}) + "\n")
        fh.write(json.dumps({"text": text(stories[3])}) + "\n")  # no id: "feed:2"
        fh.write("{broken json\n")
    _warc(root / "crawl.warc.gz", [("https://example.org/s2-copy", text(stories[2][:-1])),
                                  ("https://example.org/s3-copy", text(edited(stories[3])))])
    return root


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_reads_folders_jsonl_gz_and_warc_lazily(archive):
    recs = list(iter_raw([str(archive)]))
    assert [r.stem for r in recs] == [
        "https://example.org/s2-copy", "https://example.org/s3-copy",  # crawl.warc.gz
        "feed", "feed", "feed",  # feed.jsonl.gz, one record per line
        "lone", "s1-a", "s2-a",
    ]
    assert [r.line for r in recs if r.stem == "feed"] == [1, 2, 3]


def test_scan_groups_versions_into_stories_in_id_order(archive, tmp_path, lexical_encoder):
    out = tmp_path / "scan.jsonl"
    result = scan([str(archive)], out, model="lexical", no_cache=True)
    recs = _records(out)
    groups = sorted(r["documents"] for r in recs)
    assert groups == [
        ["feed:2", "https://example.org/s3-copy"],
        ["https://example.org/s2-copy", "s2-a"],
        ["s1-a", "s1-b"],
    ]
    assert [r["story"] for r in recs] == sorted(r["story"] for r in recs)
    assert all(r["story"] == story_id(r["documents"]) for r in recs)
    assert all(r["report"]["schema"] == "auditor.report/1" for r in recs)
    # the changed figure in s1-b is found by the ordinary audit
    s1 = next(r for r in recs if "s1-a" in r["documents"])
    assert any("0 million" in json.dumps(f) for f in s1["report"]["findings"])
    assert (result.documents, result.groups, result.singletons) == (7, 3, 1)


def test_scan_resumes_after_an_interruption(archive, tmp_path, lexical_encoder):
    full = tmp_path / "full.jsonl"
    scan([str(archive)], full, model="lexical", no_cache=True)
    lines = full.read_bytes().splitlines(keepends=True)
    cut = tmp_path / "cut.jsonl"
    cut.write_bytes(lines[0] + lines[1][:50])  # killed while writing the second record
    assert finished_stories(cut) == {json.loads(lines[0])["story"]}
    assert cut.read_bytes() == lines[0]  # the torn line is dropped
    result = scan([str(archive)], cut, model="lexical", no_cache=True)
    assert (result.resumed, result.audited) == (1, 2)
    assert cut.read_bytes() == full.read_bytes()


def test_local_dask_cluster_writes_the_same_bytes(archive, tmp_path, lexical_encoder):
    """A real LocalCluster, 2 workers; threads (processes=False) keep the test within seconds,
    while tasks and their arguments still go through the scheduler and its serialisation."""
    from dask.distributed import Client, LocalCluster

    local = tmp_path / "local.jsonl"
    scan([str(archive)], local, model="lexical", no_cache=True)
    dist = tmp_path / "dask.jsonl"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        scan([str(archive)], dist, model="lexical", no_cache=True, client=client)
        assert len(client.scheduler_info()["workers"]) == 2
    assert dist.read_bytes() == local.read_bytes()


def test_cli_scan_writes_records_and_summary(archive, tmp_path):
    out = tmp_path / "cli.jsonl"
    run = subprocess.run(
        [sys.executable, "-m", "auditor", "scan", str(archive), "-o", str(out), "--model", "lexical", "--no-cache"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "feed.jsonl.gz:3: invalid JSON" in run.stderr  # the broken line is named
    summary = json.loads((tmp_path / "cli.jsonl.summary.json").read_text(encoding="utf-8"))
    assert (summary["documents"], summary["groups"], summary["documents_alone"]) == (7, 3, 1)
    assert len(_records(out)) == 3


def test_cli_scan_rejects_workers_with_scheduler(archive, tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "auditor", "scan", str(archive), "-o", str(tmp_path / "x.jsonl"),
         "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0 and "--scheduler" in run.stderr
