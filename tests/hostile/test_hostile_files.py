"""The hostile inputs and faults of issue 12, generated in tmp_path; each test fails on the old
behaviour named in its docstring."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from auditor.ingest.sources import read_paths
from tests._logs import logged_lines

from ._common import STORY, assert_clean, run, write_story

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture()
def warnings():
    with logged_lines() as lines:
        yield lines


# --------------------------------------------------------------------------- 1. output targets


def test_output_to_a_fifo_is_refused_before_any_work(tmp_path, monkeypatch):
    """Old: the report's temporary file was renamed over the FIFO (as over /dev/full), exit 0."""
    import auditor.stream

    story = write_story(tmp_path / "story")
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)

    def no_work(*args, **kwargs):
        raise AssertionError("the audit ran before the output target was checked")

    monkeypatch.setattr(auditor.stream, "run_audit_stream", no_work)
    result = run("audit", "--model", "lexical", story, "-o", fifo)
    assert_clean(result)
    assert result.exit_code == 2
    assert f"auditor: error: {fifo}: cannot write: a FIFO, not a regular file" in result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="creating a device node needs root")
def test_device_node_output_keeps_the_device(tmp_path):
    """The issue's case: as root, ``-o /dev/full`` replaced the device node with a regular file, exit 0.
    Here a private copy of /dev/full (char 1,7) in tmp_path stands in for it."""
    device = tmp_path / "full"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    story = tmp_path / "a.txt"
    story.write_text(" ".join(STORY), encoding="utf-8")
    result = run("segments", story, "-o", device)
    assert_clean(result)
    assert result.exit_code == 2
    assert f"auditor: error: {device}: cannot write: a device, not a regular file" in result.stderr
    assert stat.S_ISCHR(device.lstat().st_mode)


def test_devices_and_folders_are_not_output_targets(tmp_path):
    from auditor.errors import InputError
    from auditor.fileio import NotRegularFileError, resolve_output, write_output

    with pytest.raises(NotRegularFileError, match="a device"):
        resolve_output("/dev/null")  # checked only: a write here must never be attempted
    (tmp_path / "dir").mkdir()
    with pytest.raises(InputError, match="a folder, not a regular file"):
        write_output(tmp_path / "dir", "x")
    assert (tmp_path / "dir").is_dir()


def test_symlinked_output_is_written_through(tmp_path):
    """Old: the link was replaced by a regular file and its target kept the stale report."""
    story = write_story(tmp_path / "story")
    real = tmp_path / "reports" / "2026-12-04.json"
    real.parent.mkdir()
    real.write_text("stale", encoding="utf-8")
    link = tmp_path / "latest.json"
    link.symlink_to(real)
    result = run("audit", "--model", "lexical", story, "-o", link)
    assert_clean(result)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text(encoding="utf-8"))["documents"]
    assert sorted(p.name for p in real.parent.iterdir()) == ["2026-12-04.json"]  # no *.tmp


def test_sigterm_during_a_write_leaves_old_file_and_no_temporary(tmp_path):
    """Old: SIGTERM killed the process mid-write and left ``.report.json.*.tmp`` beside the target."""
    story = tmp_path / "a.txt"
    story.write_text(" ".join(STORY), encoding="utf-8")
    out = tmp_path / "out" / "report.json"
    out.parent.mkdir()
    out.write_text("old", encoding="utf-8")
    script = textwrap.dedent(f"""
        import os, signal, sys
        real_fsync = os.fsync
        def fsync_then_term(fd):
            os.kill(os.getpid(), signal.SIGTERM)
            real_fsync(fd)
        os.fsync = fsync_then_term
        from auditor._cli import main
        main(["segments", {str(story)!r}, "--format", "json", "-o", {str(out)!r}])
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 143, proc.stderr
    assert proc.stderr.strip() == "auditor: terminated"
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in out.parent.iterdir()) == ["report.json"]


# --------------------------------------------------------------------------- 2. decoding


def test_utf8_with_a_few_invalid_bytes_stays_utf8_and_is_reported(tmp_path, warnings):
    """Old: the whole file decoded as cp775 ("•" -> "ŌĆó"), no warning, false non-word findings."""
    text = " ".join(f"\u2022 Officials said \u201cthe dragons\u201d fly over Shanghai, sentence {i}." for i in range(20))
    data = text.encode("utf-8")
    bad = data[:400] + b"\x81\x82\x83\x84\x85\x86" + data[400:]
    path = tmp_path / "story.txt"
    path.write_bytes(bad)
    (doc,) = read_paths([str(path)])
    assert doc.metadata["encoding"] == "utf-8"
    assert "\u201cthe dragons\u201d" in doc.text and "\u2022" in doc.text and "\u0152" not in doc.text
    assert doc.text.count("\ufffd") == 6
    assert f"auditor: warning: {path}: 6 invalid UTF-8 bytes replaced with U+FFFD" in warnings
    assert "6 invalid UTF-8 bytes replaced with U+FFFD" in doc.warnings


def test_legacy_single_byte_text_is_still_not_forced_to_utf8(tmp_path):
    path = tmp_path / "es.txt"
    path.write_bytes("El alcalde dijo que el niño comió piñas en la ciudad de Córdoba.".encode("cp1252"))
    (doc,) = read_paths([str(path)])
    assert doc.metadata["encoding"] == "cp1252" and "niño" in doc.text


def test_a_stray_nul_byte_is_removed_not_the_whole_file_skipped(tmp_path, warnings):
    """Old: one NUL byte made the whole article "binary file, skipped"."""
    path = tmp_path / "nul.txt"
    path.write_bytes((" ".join(STORY[:2])).encode().replace(b"subsidies", b"subsi\x00dies"))
    (doc,) = read_paths([str(path)])
    assert "new subsidies for artificial intelligence" in doc.text
    assert f"auditor: warning: {path}: 1 NUL byte removed" in warnings


def test_binary_data_is_still_skipped(tmp_path, warnings):
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 8)
    assert read_paths([str(tmp_path)]) == []
    assert any("blob.txt: binary file, skipped" in w for w in warnings)


# --------------------------------------------------------------------------- 3. deep JSON


@pytest.mark.parametrize("name", ["deep.json", "deep.jsonl", "deep.txt"])
def test_json_nested_100000_deep_is_skipped_with_a_warning(tmp_path, name):
    """Old: ``internal error: RecursionError`` aborted the whole folder audit (exit 2)."""
    story = write_story(tmp_path / "story")
    depth = 100_000
    (story / name).write_text('{"a":' * depth + "1" + "}" * depth + "\n", encoding="utf-8")
    result = run("audit", "--model", "lexical", "--format", "json", story)
    assert_clean(result)
    assert result.exit_code == 0
    assert f"{story / name}" in result.stderr and "nested too deeply" in result.stderr
    assert sorted(d["id"] for d in json.loads(result.stdout)["documents"]) == ["a", "b"]


# --------------------------------------------------------------------------- 6. the rest


def test_fifo_as_input_is_refused_not_waited_on(tmp_path):
    """Old: reading the FIFO blocked forever (here: the 60 s timeout)."""
    write_story(tmp_path)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    proc = subprocess.run([sys.executable, "-m", "auditor", "segments", str(fifo)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"auditor: error: {fifo}: not a regular file (a FIFO); pass a file, a folder or - for stdin"


def test_a_folder_holding_a_fifo_skips_it(tmp_path):
    story = write_story(tmp_path / "story")
    os.mkfifo(story / "pipe.txt")
    result = run("segments", "--format", "json", story)
    assert_clean(result)
    assert [d["id"] for d in json.loads(result.stdout)["documents"]] == ["a", "b"]


def test_html_nested_deeper_than_lxml_keeps_its_words(tmp_path, warnings):
    """Old: past ~255 levels trafilatura found no text: "no article text found in HTML, skipped"."""
    depth = 400
    body = "".join(f"<p>{s}</p>" for s in STORY)
    page = "<html><head><title>t</title><script>var x = 1;</script></head><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>"
    path = tmp_path / "deep.html"
    path.write_text(page, encoding="utf-8")
    (doc,) = read_paths([str(path)])
    for sentence in STORY:
        assert sentence in doc.text
    assert "var x" not in doc.text
    assert any(f"{path}: HTML nested" in w and "read as plain text" in w for w in warnings)


@pytest.mark.parametrize(("option", "value", "reason"), [
    ("--format", "nope", "nope"),
    ("--severity", "G002=catastrophic", "catastrophic"),
    ("--select", "ZZZ", "ZZZ"),
])
def test_report_options_are_validated_before_any_work(tmp_path, monkeypatch, option, value, reason):
    """Old: --format/--severity were checked only after ingest, clustering and alignment (2.3 s)."""
    import auditor.backends
    import auditor.stream

    def no_work(*args, **kwargs):
        raise AssertionError("work started before the options were checked")

    monkeypatch.setattr(auditor.stream, "run_audit_stream", no_work)
    monkeypatch.setattr(auditor.backends, "load_encoder", no_work)
    result = run("audit", "--model", "lexical", write_story(tmp_path / "s"), option, value)
    assert_clean(result)
    assert result.exit_code == 2 and reason in result.stderr


def test_unknown_hub_model_id_fails_fast_with_one_line(tmp_path):
    """Old: 53 s of hub retries offline and ten lines of hub noise."""
    story = write_story(tmp_path / "s")
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "auditor", "audit", "--model", "no-such-org/no-such-model", str(story)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_"))})
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "auditor: error: no-such-org/no-such-model: not a local model folder, and not in the local "
        "Hugging Face cache (models are never downloaded at run time)"
    ]
    assert time.monotonic() - started < 45  # the old retries alone took 53 s


def test_numpy_floating_point_warnings_do_not_reach_stderr(tmp_path):
    """Old: numpy's "overflow encountered" RuntimeWarning lines leaked to the editor's terminal."""
    story = write_story(tmp_path / "s")
    script = textwrap.dedent(f"""
        import numpy as np
        import auditor.stream as stream
        real = stream.run_audit_stream
        def noisy(*args, **kwargs):
            np.array([3e38], dtype=np.float32) * np.float32(10)  # overflow -> RuntimeWarning
            return real(*args, **kwargs)
        stream.run_audit_stream = noisy
        from auditor._cli import main
        main(["audit", "--model", "lexical", "--format", "json", {str(story)!r}])
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "RuntimeWarning" not in proc.stderr and "overflow" not in proc.stderr
    assert json.loads(proc.stdout)["documents"]


@pytest.mark.parametrize("option", ["--config", "--names", "--baseline"])
def test_fifo_as_an_option_file_is_refused_not_waited_on(tmp_path, option):
    """Old: --config/--names/--baseline naming a FIFO blocked the run forever (here: the timeout)."""
    story = write_story(tmp_path / "s")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    proc = subprocess.run([sys.executable, "-m", "auditor", "audit", "--model", "lexical", str(story), option, str(fifo)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1] == f"auditor: error: {fifo}: cannot read: a FIFO, not a regular file"


def test_empty_reference_is_an_error_not_the_current_folder(tmp_path):
    """Old: ``--reference ''`` was the path "." and read the whole working folder as the reference."""
    result = run("audit", "--model", "lexical", write_story(tmp_path / "s"), "--reference", "")
    assert_clean(result)
    assert result.exit_code == 2
    assert result.stderr.strip() == "auditor: error: --reference: empty value; name a document id or a file"


def test_output_dir_that_is_a_fifo_is_refused_before_any_work(tmp_path, monkeypatch):
    """Old: the whole audit ran, then writing ``FIFO/s.html`` failed (click's own check only catches
    regular files)."""
    import auditor.stream

    def no_work(*args, **kwargs):
        raise AssertionError("work started before --output-dir was checked")

    monkeypatch.setattr(auditor.stream, "run_audit_stream", no_work)
    os.mkfifo(tmp_path / "taken")
    result = run("audit", "--model", "lexical", write_story(tmp_path / "s"), "--output-dir", tmp_path / "taken")
    assert_clean(result)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"auditor: error: {tmp_path / 'taken'}: cannot write: not a folder (--output-dir)"
