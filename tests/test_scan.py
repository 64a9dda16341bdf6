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

from auditor.ingest.archive import iter_raw
from auditor.scan import finished_stories, scan, story_id
from tests._logs import logged_lines

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


def test_a_failing_story_is_isolated_and_retried_on_rerun(archive, tmp_path, lexical_encoder, monkeypatch):
    import auditor.scan as scan_module
    from auditor.scan import summarise

    real = scan_module.audit_group

    def flaky(sid, docs, model, no_cache):
        if any(d.id == "s1-a" for d in docs):
            raise ValueError("planted failure\nsecond line")
        return real(sid, docs, model, no_cache)

    monkeypatch.setattr(scan_module, "audit_group", flaky)
    with logged_lines() as warnings:
        out = tmp_path / "scan.jsonl"
        events: list[tuple[str, int, int | None]] = []
        result = scan([str(archive)], out, model="lexical", no_cache=True,
                      progress=lambda *e: events.append(e))
    failed_story = story_id(["s1-a", "s1-b"])
    assert result.failures == [{"story": failed_story, "documents": ["s1-a", "s1-b"],
                                "error": "ValueError: planted failure"}]
    assert sorted(r["documents"] for r in _records(out)) == [  # the other two stories went on
        ["feed:2", "https://example.org/s3-copy"], ["https://example.org/s2-copy", "s2-a"]]
    failed = [w for w in warnings if failed_story in w]
    assert len(failed) == 1 and "s1-a, s1-b" in failed[0] and "\n" not in failed[0]
    assert summarise(out, result)["failures"] == result.failures
    assert [e for e in events if e[0] == "audit"][-1] == ("audit", 3, 3)  # counted, failure included
    monkeypatch.setattr(scan_module, "audit_group", real)
    rerun = scan([str(archive)], out, model="lexical", no_cache=True)
    assert (rerun.resumed, rerun.audited, rerun.failures) == (2, 1, [])
    assert len(_records(out)) == 3


def test_scan_progress_counts_documents_groups_and_stories(archive, tmp_path, lexical_encoder):
    events: list[tuple[str, int, int | None]] = []
    scan([str(archive)], tmp_path / "p.jsonl", model="lexical", no_cache=True, progress=lambda *e: events.append(e))
    reads = [done for stage, done, _ in events if stage == "read"]
    assert reads == sorted(reads) and reads[-1] == 7
    assert ("group", 3, 3) in events
    audits = [done for stage, done, _ in events if stage == "audit"]
    assert audits == [0, 1, 2, 3]


def test_cli_scan_html_dir_writes_story_pages_and_index(archive, tmp_path):
    import html

    from click.testing import CliRunner

    from auditor._cli import main
    from auditor.commands._report import prepare
    from auditor.report.editorial import verdict
    from auditor.report.serialize import report_from_dict

    out, pages = tmp_path / "cli.jsonl", tmp_path / "pages"
    result = CliRunner().invoke(main, ["scan", str(archive), "-o", str(out), "--model", "lexical", "--no-cache",
                                       "--html-dir", str(pages)])
    assert result.exit_code == 0, result.output
    assert "documents read" not in result.stderr + result.stdout  # no progress display without a terminal
    recs = _records(out)
    assert sorted(p.name for p in pages.iterdir()) == sorted([f"{r['story']}.html" for r in recs] + ["index.html"])
    index = (pages / "index.html").read_text(encoding="utf-8")
    for rec in recs:
        page = (pages / f"{rec['story']}.html").read_text(encoding="utf-8")
        said = " ".join(verdict(prepare(report_from_dict(rec["report"]))))
        assert page.startswith("<!DOCTYPE html>") and rec["documents"][0] in page
        assert f'href="{rec["story"]}.html"' in index
        assert said.startswith("Use ") and html.escape(said) in index  # each story's verdict line
    # stories listed in story-id order, the order of the JSON Lines file
    positions = [index.index(f"{r['story']}.html") for r in recs]
    assert positions == sorted(positions)
    # rerun (every story resumed): the pages are rewritten identically
    before = {p.name: p.read_bytes() for p in pages.iterdir()}
    again = CliRunner().invoke(main, ["scan", str(archive), "-o", str(out), "--model", "lexical", "--no-cache",
                                      "--html-dir", str(pages)])
    assert again.exit_code == 0, again.output
    assert {p.name: p.read_bytes() for p in pages.iterdir()} == before
    # a record this version cannot read costs its own page only, with a warning naming it
    from auditor.report.story_pages import write_story_pages

    broken = [dict(rec) for rec in recs]
    del broken[1]["report"]["documents"]
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("".join(json.dumps(r) + "\n" for r in broken), encoding="utf-8")
    with logged_lines() as warnings:
        assert write_story_pages(mixed, tmp_path / "mixed") == 2
    assert len(warnings) == 1 and f"{mixed}:2" in warnings[0] and recs[1]["story"] in warnings[0]
    assert not (tmp_path / "mixed" / f"{recs[1]['story']}.html").exists()


def test_cli_scan_html_dir_that_is_a_file_is_one_line_error(archive, tmp_path):
    from click.testing import CliRunner

    from auditor._cli import main

    blocker = tmp_path / "taken"
    blocker.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["scan", str(archive), "-o", str(tmp_path / "x.jsonl"), "--html-dir", str(blocker)])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and "--html-dir" in result.stderr
    assert not (tmp_path / "x.jsonl").exists()  # refused before any work


def test_a_failing_story_on_dask_is_isolated_like_in_process(archive, tmp_path, lexical_encoder, monkeypatch):
    """The failure is caught inside the task, so the worker returns the error text and the scan on a
    LocalCluster writes the same records and failures as in-process."""
    from dask.distributed import Client, LocalCluster

    import auditor.scan as scan_module

    real = scan_module.audit_group

    def flaky(sid, docs, model, no_cache):
        if any(d.id == "s2-a" for d in docs):
            raise RuntimeError("planted")
        return real(sid, docs, model, no_cache)

    monkeypatch.setattr(scan_module, "audit_group", flaky)
    local = scan([str(archive)], tmp_path / "local.jsonl", model="lexical", no_cache=True)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        dist = scan([str(archive)], tmp_path / "dask.jsonl", model="lexical", no_cache=True, client=client)
    assert [f["documents"] for f in dist.failures] == [["https://example.org/s2-copy", "s2-a"]]
    assert dist.failures == local.failures and dist.audited == local.audited == 2
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
