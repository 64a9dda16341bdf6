"""Held-out-style drift test on synthetic story clusters written for this purpose (not the fixture):
``tests/data/stories/<story>/`` holds an original, versions with injected drifts (garbled round trip,
faithful rewrite, rewrite that merges sentences and drops list members, translations) and an
``expected.toml`` listing the drifts that must be found and the readings that must not be flagged.

Each version is audited against the original through the real stages (segment -> align_many ->
extract -> compare). Recall: every expected drift (except ones marked ``known_gap``) is found with
its rule code and both sides' text in the evidence. Precision: nothing listed as must-not-flag
appears, and at most ``[versions]`` findings per version fall outside the expected list.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

STORIES = Path(__file__).resolve().parents[1] / "data" / "stories"
CLUSTERS = sorted(p.name for p in STORIES.iterdir() if (p / "expected.toml").is_file())


def _expected(story: str) -> dict:
    return tomllib.loads((STORIES / story / "expected.toml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def audits(use_encoder):
    """story -> version -> findings of that version audited against the original."""
    from auditor.align import align_many
    from auditor.drift import compare
    from auditor.extract import extract_document
    from auditor.ingest.sources import read_paths
    from auditor.segment.split import segment_all

    out: dict[str, dict[str, list]] = {}
    for story in CLUSTERS:
        docs = {d.id: d for d in segment_all(read_paths([str(STORIES / story)]))}
        out[story] = {}
        for version in _expected(story)["versions"]:
            chosen = [docs["original"], docs[version]]
            table = align_many(chosen, use_encoder, reference="original")
            mentions = {d.id: extract_document(d) for d in chosen}
            out[story][version] = compare(chosen, table, mentions)
    return out


def _matches(finding, want: dict) -> bool:
    if finding.code != want["code"]:
        return False
    var = [e.text for e in finding.evidence if e.document != "original"]
    # a glued token has no counterpart on the original's side: its evidence is the token itself
    ref = [e.text for e in finding.evidence if e.document == "original"] or var
    return any(want["ref"] in t for t in ref) and any(want["var"] in t for t in var)


def _cases(kind: str):
    """One case per listed item; a ``known_gap`` drift is a strict xfail, so finding it fails the run
    until the gap is taken off the list."""
    return [pytest.param(story, i, id=f"{story}-{i}", marks=_gap_marks(want)) for story in CLUSTERS
            for i, want in enumerate(_expected(story).get(kind, []))]


def _gap_marks(want: dict) -> list:
    if not want.get("known_gap"):
        return []
    reason = f"known gap: {want['code']} {want['ref']!r} -> {want['var']!r}"
    return [pytest.mark.xfail(reason=reason, strict=True, raises=AssertionError)]


@pytest.mark.parametrize("story,i", _cases("drift"))
def test_expected_drift_is_found_once(audits, story, i):
    want = _expected(story)["drift"][i]
    found = [f for f in audits[story][want["version"]] if _matches(f, want)]
    assert len(found) == 1, [f.message for f in audits[story][want["version"]]]


@pytest.mark.parametrize("story,i", _cases("must_not"))
def test_must_not_flag(audits, story, i):
    bad = _expected(story)["must_not"][i]
    # an omission's version-side evidence is the whole aligned sentence, which may contain the text
    # as context; without a code, only evidence that points at a differing reading counts
    hits = [f for f in audits[story][bad["version"]]
            if ("code" in bad and f.code == bad["code"] and any(bad["text"] in e.text for e in f.evidence))
            or ("code" not in bad and not f.code.startswith("O")
                and any(bad["text"] in e.text for e in f.evidence))]
    assert hits == []


@pytest.mark.parametrize("story", CLUSTERS)
def test_precision_floor(audits, story):
    exp = _expected(story)
    for version, allowed in exp["versions"].items():
        wanted = [w for w in exp.get("drift", []) if w["version"] == version]
        extra = [f.message for f in audits[story][version] if not any(_matches(f, w) for w in wanted)]
        assert len(extra) <= allowed, (version, extra)


def test_faithful_rewrites_are_nearly_silent(audits):
    """A rewrite that paraphrases and merges sentences but keeps every fact: no major finding."""
    for story in CLUSTERS:
        if "rewrite" in audits[story]:
            assert [f.message for f in audits[story]["rewrite"] if f.severity in ("critical", "major")] == []


def test_capitalised_common_word_is_never_a_name_variant():
    """Regression: a rewrite opening a sentence with "Policy" where the original names "Trump" was
    reported as N001 'Trump' spelled 'Policy'. A capitalised common word is not a spelling of a name."""
    from auditor.drift import compare
    from tests.drift.drift_helpers import Mentions, make_doc, one_to_one, table

    a = make_doc("a", ["Trump said it is a policy of the United States to lead in AI.",
                       "The White House confirmed the plan on Monday."])
    b = make_doc("b", ["Policy of the United States is to lead in AI, the president said.",
                       "Trump and the White House confirmed the plan on Monday."])
    m = Mentions()
    m.person(a, 0, "Trump")
    m.person(b, 1, "Trump")
    findings = compare([a, b], table(a, one_to_one(a, b)), m.by_doc)
    assert [f.message for f in findings if f.code.startswith("N")] == []
    # and when the name is gone from the whole version, it is an omission, not a misspelling
    c = make_doc("c", ["Policy of the United States is to lead in AI, the president said.",
                       "The White House confirmed the plan on Monday."])
    findings = compare([a, c], table(a, one_to_one(a, c)), m.by_doc)
    assert [f.code for f in findings if "Trump" in f.message] == ["O001"]


def test_monolingual_chinese_and_spanish_clusters_are_discovered():
    """Generality guard: the discovery runs clusters whose versions are ALL Chinese or ALL Spanish,
    not only English ones with a translation beside them."""
    from auditor.ingest.sources import read_paths
    from auditor.segment.split import segment_all

    langs = set()
    for story in CLUSTERS:
        docs = segment_all(read_paths([str(STORIES / story)], glob="*.txt"))
        found = {(d.language or "").split("-")[0] for d in docs}
        if len(found) == 1:
            langs |= found
    assert {"zh", "es"} <= langs
