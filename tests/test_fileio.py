"""Atomic writes leave either the old file or the whole new one, with ordinary permissions."""

import os
import stat

import pytest

from auditor.fileio import write_atomic


def test_write_replaces_whole_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out" / "report.json"
    write_atomic(target, "first")
    write_atomic(target, "second, longer")
    assert target.read_text() == "second, longer"
    assert sorted(p.name for p in target.parent.iterdir()) == ["report.json"]


def test_written_report_is_readable_by_others_per_umask(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "r.html", b"<html></html>")
    finally:
        os.umask(old)
    mode = stat.S_IMODE((tmp_path / "r.html").stat().st_mode)
    assert mode == 0o644


def test_failed_write_keeps_old_content(tmp_path, monkeypatch):
    target = tmp_path / "r.txt"
    write_atomic(target, "old")

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        write_atomic(target, "new")
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.txt"]


def test_pieces_are_written_in_order_and_a_failure_midway_keeps_old_content(tmp_path):
    target = tmp_path / "r.json"
    write_atomic(target, iter(["{", '"a": ', "1", "}\n"]))
    assert target.read_text() == '{"a": 1}\n'

    def pieces():
        yield '{"b": '
        raise RuntimeError("rendering failed")

    with pytest.raises(RuntimeError):
        write_atomic(target, pieces())
    assert target.read_text() == '{"a": 1}\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]
