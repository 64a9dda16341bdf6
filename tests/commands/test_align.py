"""``auditor align`` through click's CliRunner: formats, markers, and errors with exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor._cli import main

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "china-ai-subsidies"
ORIGINAL = FIXTURE / "004_9c0a797d7a6c616f.txt"
GARBLED = FIXTURE / "002_caa97b2c5e3fe59c.txt"
REWRITE = FIXTURE / "003_96dadea669c51af7.txt"


@pytest.fixture(scope="module")
def runner():
    return CliRunner()


@pytest.fixture(scope="module")
def json_out(runner, use_encoder):  # use_encoder: the model is loaded once per session
    result = runner.invoke(main, ["align", str(GARBLED), str(ORIGINAL), str(REWRITE), "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_shape_and_pivot(json_out):
    assert json_out["schema"] == "auditor.alignment/1"
    assert json_out["pivot"] == ORIGINAL.stem  # the original, although it was given second
    ids = [d["id"] for d in json_out["documents"]]
    assert ids == [ORIGINAL.stem, GARBLED.stem, REWRITE.stem]
    assert [a["documents"] for a in json_out["alignments"]] == [
        [ORIGINAL.stem, GARBLED.stem],
        [ORIGINAL.stem, REWRITE.stem],
    ]
    kinds = {"1-1", "1-2", "2-1", "2-2", "1-0", "0-1", "moved"}
    for al in json_out["alignments"]:
        for link in al["links"]:
            assert set(link) == {"a", "b", "score", "kind"} and link["kind"] in kinds


def test_json_links_name_only_content_sentences_each_once(json_out):
    docs = {d["id"]: d for d in json_out["documents"]}
    for al in json_out["alignments"]:
        for side, doc_id in zip(("a", "b"), al["documents"]):
            content = [s["index"] for s in docs[doc_id]["sentences"] if not s["boilerplate"]]
            named = sorted(i for link in al["links"] for i in link[side])
            assert named == content


def test_garbled_body_sentences_sit_opposite_their_source(json_out):
    docs = {d["id"]: {s["index"]: s["text"] for s in d["sentences"]} for d in json_out["documents"]}
    links = json_out["alignments"][0]["links"]
    pairs = {(docs[ORIGINAL.stem][l["a"][0]][:25], docs[GARBLED.stem][l["b"][0]][:25]) for l in links if l["kind"] == "1-1"}
    assert ("Donald Trump described th", "Donald Trump described th") in pairs
    assert ("However, Pan noted that S", "However, Pan pointed out ") in pairs


def test_tsv_has_one_line_per_link(runner, json_out):
    result = runner.invoke(main, ["align", str(ORIGINAL), str(GARBLED), str(REWRITE), "--format", "tsv"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split("\t")[:4] == ["pivot", "document", "kind", "score"]
    assert len(lines) - 1 == sum(len(a["links"]) for a in json_out["alignments"])
    assert all(len(line.split("\t")) == 8 for line in lines)


def test_rich_view_marks_omissions_and_merges(runner, tmp_path):
    out = tmp_path / "view.txt"
    result = runner.invoke(main, ["align", str(ORIGINAL), str(REWRITE), "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    text = out.read_text()
    assert "— omitted —" in text
    assert "[merged 2-1]" in text and "[split 1-2]" in text
    assert ORIGINAL.stem in text and REWRITE.stem in text


def test_missing_model_folder_is_one_line_exit_2(runner, tmp_path):
    result = runner.invoke(main, ["align", str(ORIGINAL), str(GARBLED), "--model", str(tmp_path / "nope")])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("auditor: error: ") and "model folder not found" in lines[0]


def test_single_document_and_unknown_reference_are_errors(runner):
    one = runner.invoke(main, ["align", str(ORIGINAL)])
    assert one.exit_code == 2 and "at least two documents" in one.stderr
    bad = runner.invoke(main, ["align", str(ORIGINAL), str(GARBLED), "--reference", "nope", "--model", "lexical"])
    assert bad.exit_code == 2 and "no document 'nope'" in bad.stderr


def test_lexical_model_and_reference(runner):
    result = runner.invoke(
        main, ["align", str(ORIGINAL), str(GARBLED), "--model", "lexical", "--reference", GARBLED.stem,
               "--format", "json", "--no-cache", "-q"],
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["pivot"] == GARBLED.stem and data["model"] == "lexical"


def test_piped_view_keeps_change_markers_without_colour(runner, monkeypatch):
    """A pipe (CliRunner's stdout is not a terminal) or NO_COLOR: changed words are marked in text."""
    monkeypatch.setenv("NO_COLOR", "1")
    result = runner.invoke(main, ["align", str(ORIGINAL), str(GARBLED), "--model", "lexical", "-q"])
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.stdout
    assert "Pan He[-l-]in" in result.stdout and "Pan He{+r+}in" in result.stdout
