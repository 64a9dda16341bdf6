"""``auditor segments`` through click's CliRunner: formats, the JSON schema shape, and every bad
input with its exit code and one-line message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor._cli import main

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "china-ai-subsidies"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str, input: str | bytes | None = None):
    return runner.invoke(main, ["segments", *args], input=input, catch_exceptions=False)


def test_json_on_fixture_has_schema_shape_and_languages(runner: CliRunner) -> None:
    result = run(runner, str(FIXTURE), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["schema"] == "auditor.segments/1"
    assert [d["id"][:3] for d in data["documents"]] == ["000", "001", "002", "003", "004"]
    for doc in data["documents"]:
        assert set(doc) >= {"id", "path", "language", "sentences"}
        text = Path(doc["path"]).read_text(encoding="utf-8")
        for s in doc["sentences"]:
            assert set(s) >= {"index", "paragraph", "start", "end", "text", "language", "boilerplate"}
            assert text[s["start"] : s["end"]] == s["text"]
    original = data["documents"][4]
    assert original["language"] == "en"
    langs = {s["language"] for s in original["sentences"] if not s["boilerplate"]}
    assert langs == {"zh", "en"}
    assert any(s["boilerplate"] and "@" in s["text"] for s in original["sentences"])


def test_tsv_has_header_and_one_row_per_sentence(runner: CliRunner) -> None:
    path = FIXTURE / "003_96dadea669c51af7.txt"
    json_out = json.loads(run(runner, str(path), "--format", "json").stdout)
    result = run(runner, str(path), "--format", "tsv")
    rows = result.stdout.rstrip("\n").split("\n")
    assert rows[0].split("\t")[:3] == ["document", "index", "paragraph"]
    assert len(rows) - 1 == len(json_out["documents"][0]["sentences"])
    assert all(len(r.split("\t")) == 9 for r in rows)


def test_rich_output_to_file_is_written(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "seg.txt"
    result = run(runner, str(FIXTURE / "002_caa97b2c5e3fe59c.txt"), "-o", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert "Pan Herin" in text and "boilerplate" in text


def test_stdin_dash(runner: CliRunner) -> None:
    result = run(runner, "-", "--format", "json", input="Una frase. Otra frase más larga aquí.".encode())
    doc = json.loads(result.stdout)["documents"][0]
    assert doc["id"] == "stdin" and [s["text"] for s in doc["sentences"]] == ["Una frase.", "Otra frase más larga aquí."]


def test_missing_path_is_error_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = runner.invoke(main, ["segments", str(missing)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"auditor: error: {missing}: no such file or directory"
    assert "Traceback" not in result.output


def test_bad_files_warn_and_skip_without_changing_exit_code(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.dat").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "feed.jsonl").write_text('{"id": "x", "text": "Good line."}\n{broken\n', encoding="utf-8")
    (tmp_path / "good.txt").write_text("A readable article.", encoding="utf-8")
    result = runner.invoke(main, ["segments", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0
    ids = [d["id"] for d in json.loads(result.stdout)["documents"]]
    assert ids == ["x", "good"]
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 3 and all(line.startswith("auditor: warning: ") for line in lines)
    assert any("empty.txt: empty file" in line for line in lines)
    assert any("blob.dat: binary file" in line for line in lines)
    assert any("feed.jsonl:2: bad JSON line" in line for line in lines)


def test_zero_readable_documents_is_error_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"   \n")
    result = runner.invoke(main, ["segments", str(empty)])
    assert result.exit_code == 2
    assert result.stderr.strip().split("\n")[-1] == f"auditor: error: {empty}: no readable documents"


def test_undecodable_file_warns(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Fine text here.", encoding="utf-8")
    # invalid after a UTF-8 byte-order mark: the BOM promises UTF-8 and the bytes break it
    (tmp_path / "bad.txt").write_bytes(b"\xef\xbb\xbfabc \xff\xfe\xfa def")
    result = runner.invoke(main, ["segments", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0
    assert "bad.txt: invalid utf-8 after byte-order mark" in result.stderr


def test_help(runner: CliRunner) -> None:
    result = runner.invoke(main, ["segments", "--help"])
    assert result.exit_code == 0
    for option in ("--format", "--glob", "--text-field", "--id-field"):
        assert option in result.stdout


def test_no_path_is_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(main, ["segments"])
    assert result.exit_code == 2 and "PATH" in result.stderr
