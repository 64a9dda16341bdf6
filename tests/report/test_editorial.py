"""The editor's view shared by rich, Markdown and HTML: names, standing, status, verdict, grouping."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from auditor.model import DocumentResult, Evidence, Finding, Report, ToolInfo
from auditor.report.editorial import (
    cards,
    counts_line,
    display_names,
    standing,
    status_of,
    verdict,
)
from auditor.report.grouping import version_groups


def _doc(i, rank, role="rewrite", labels=(), path=None):
    return DocumentResult(i, path or f"in/{i}.txt", "en", 0, role, labels, 1.0 - 0.1 * rank, rank, None)


def _finding(fid, code, severity, docs, sentence=0):
    ev = (Evidence("004_9c0a797d7a6c616f", sentence, 0, 4, "Pan Helin"),) + tuple(
        Evidence(d, sentence, 0, 4, "Pan Herin") for d in docs)
    return Finding(fid, code, "name", severity, "m", tuple(docs), ev)


def test_names_drop_a_trailing_hash_only_when_they_stay_unique():
    docs = (_doc("004_9c0a797d7a6c616f", 1, "original"), _doc("002_caa97b2c5e3fe59c", 2))
    report = Report(ToolInfo("a", "0", "m"), docs, ())
    assert display_names(report) == {"004_9c0a797d7a6c616f": "004", "002_caa97b2c5e3fe59c": "002"}
    clash = Report(ToolInfo("a", "0", "m"), (_doc("x_9c0a797d7a6c616f", 1), _doc("x_caa97b2c5e3fe59c", 2)), ())
    assert display_names(clash) == {"x_9c0a797d7a6c616f": "x_9c0a797d7a6c616f", "x_caa97b2c5e3fe59c": "x_caa97b2c5e3fe59c"}


def test_standing_follows_labels_before_role():
    assert standing(_doc("a", 2, "near-duplicate", ("garbled", "machine-translated"))) == "a garbled machine translation"
    assert standing(_doc("a", 2, "near-duplicate")) == "a close copy"
    assert standing(_doc("a", 1, "original")) == "the original"


def test_status_is_the_worst_finding():
    assert status_of([]) == "pass"
    assert status_of([_finding("f1", "O002", "minor", ["b"])]) == "pass"
    assert status_of([_finding("f1", "O001", "major", ["b"]), _finding("f2", "O002", "minor", ["b"])]) == "review"
    assert status_of([_finding("f1", "N001", "critical", ["b"])]) == "fail"


def test_verdict_when_even_the_best_version_fails_and_grouping_under_each_version():
    docs = (_doc("004_9c0a797d7a6c616f", 1, "original"), _doc("002_caa97b2c5e3fe59c", 2), _doc("003_96dadea669c51af7", 3))
    findings = (
        _finding("N001-aaaaaaaa", "N001", "critical", ["004_9c0a797d7a6c616f"], sentence=1),
        _finding("O001-bbbbbbbb", "O001", "major", ["002_caa97b2c5e3fe59c", "003_96dadea669c51af7"], sentence=2),
        _finding("C001-cccccccc", "C001", "critical", ["003_96dadea669c51af7"], sentence=2),
    )
    report = Report(ToolInfo("a", "0", "m"), docs, findings)
    lines = verdict(report)
    assert lines[0].startswith("No version is publishable as it is; 004 (the original, most faithful: 0.90) still has 1 name")
    assert lines[1] == "002 needs review (a rewrite): 1 omitted entity."
    assert lines[2] == "003 is not publishable (a rewrite): 1 altered quote; also 1 omitted entity."
    groups = version_groups(report, context=False)
    # the finding naming two versions is listed under each; 003's two findings share a sentence pair
    assert [g.card.name for g in groups] == ["004", "003", "002"]  # one critical each: rank decides
    assert [p.codes for p in groups[1].pairs] == [["C001", "O001"]]
    assert [p.codes for p in groups[2].pairs] == [["O001"]]
    assert [c.status for c in cards(report)] == ["fail", "review", "fail"]


def test_counts_line_names_every_filter():
    report = Report(ToolInfo("a", "0", "m"), (), (_finding("f1", "N001", "critical", ["b"]),))
    assert counts_line(report) == "1 finding: 1 critical"
    hidden = (_finding("f2", "O003", "minor", ["b"]),) * 2
    filtered = dataclasses.replace(report, filtered={"min_severity": 2, "min_severity_level": "critical",
                                                     "hidden": hidden, "baseline": 12, "waived": 1})
    assert counts_line(filtered) == ("3 findings, 2 hidden by --min-severity critical (shown: 1 critical); "
                                     "12 suppressed by baseline; 1 waived")


def test_source_metadata_names_the_version_and_survives_json():
    """Headline, outlet, byline and date from an HTML page's markup reach the scorecard, also after a
    round trip through the saved JSON (an additive, optional "meta" object)."""
    import json

    from auditor.model import Document
    from auditor.pipeline import source_meta
    from auditor.report.serialize import dumps, report_from_dict, validate_report_dict

    doc = Document("story", "in/story.html", "text", metadata={
        "format": "html", "title": "Port wins grant", "sitename": "Daily Planet", "author": "Jane Roe",
        "date": "2025-03-12", "links": ((0, 1, "https://x"),), "empty": ""})
    meta = source_meta(doc)
    assert meta == {"title": "Port wins grant", "sitename": "Daily Planet", "author": "Jane Roe", "date": "2025-03-12"}
    result = dataclasses.replace(_doc("story", 1, "original", path="in/story.html"), meta=meta)
    report = Report(ToolInfo("a", "0", "m"), (result,), ())
    data = json.loads(dumps(report))
    validate_report_dict(data)
    card = cards(report_from_dict(data))[0]
    assert (card.headline, card.source, card.file) == ("Port wins grant", "Daily Planet · Jane Roe · 2025-03-12", "story.html")


def test_with_names_rewrites_lists_of_versions_and_nothing_else():
    from auditor.report.editorial import with_names

    names = {"a": "a.txt", "b": "b.txt", "ref": "ref.txt"}
    msg = 'Place "Fahrenheit" is replaced by a different name or term "Celsius" in a, b'
    assert with_names(msg, names) == 'Place "Fahrenheit" is replaced by a different name or term "Celsius" in a.txt, b.txt'
    assert with_names('Number "18 a day" is missing from ref', names) == 'Number "18 a day" is missing from ref.txt'
    assert (with_names('Sentence carried by a, ref is omitted in b: "a b"', names)
            == 'Sentence carried by a.txt, ref.txt is omitted in b.txt: "a b"')
    assert with_names('Only b carries: "in a"', names) == 'Only b.txt carries: "in a"'
    assert with_names('Non-word "x" in a where b has "y"', names) == 'Non-word "x" in a.txt where b.txt has "y"'


def test_each_card_holds_its_versions_findings_in_report_order_and_a_new_report_gets_its_own():
    """Cards are remembered for the report last asked about (a format asks several times); another
    report, even one made from it, is never served them."""
    docs = (_doc("a", 1), _doc("b", 2), _doc("c", 3))
    f1, f2 = _finding("f1", "N001", "critical", ["b", "c"]), _finding("f2", "O002", "minor", ["c", "c"])
    report = Report(ToolInfo("auditor", "0", "m"), docs, (f1, f2))
    assert {c.doc.id: [f.id for f in c.findings] for c in cards(report)} == {"a": [], "b": ["f1"], "c": ["f1", "f2"]}
    assert cards(report) == cards(report)
    calmer = dataclasses.replace(report, findings=(f2,))
    assert {c.doc.id: c.status for c in cards(calmer)} == {"a": "pass", "b": "pass", "c": "pass"}
    assert {c.doc.id: c.status for c in cards(report)} == {"a": "pass", "b": "fail", "c": "fail"}


def _with_names_by_scan(text, names):
    """The rewrite as first written: every id tested against the message (the oracle below)."""
    import re

    from auditor.report.editorial import _LIST_AFTER, _LIST_BEFORE, _QUOTED

    present = [d for d in names if d in text]
    if all(names[d] == d for d in present):
        return text
    one = "|".join(re.escape(d) for d in sorted(present, key=len, reverse=True))
    runs = re.compile(f"{_LIST_BEFORE}((?:{one})(?:, (?:{one}))*){_LIST_AFTER}")
    parts = _QUOTED.split(text)
    return "".join(part if k % 2 else runs.sub(lambda m: m.group(1) + ", ".join(names.get(d, d) for d in m.group(2).split(", ")), part)
                   for k, part in enumerate(parts))


_ID = st.text(alphabet="ab .-_\"", min_size=1, max_size=4).filter(lambda s: s.strip() == s)
_WORD = st.sampled_from(["in", "from", "by", "of", "to", "where", "Only", "is", "has", "carries", ",", ":", ".",
                         "(", ")", '"', "x", "ab", "Number"])


@given(ids=st.lists(_ID, min_size=1, max_size=6, unique=True), renamed=st.lists(st.booleans(), min_size=6, max_size=6),
       data=st.data())
@settings(max_examples=400, deadline=None)
def test_with_names_finds_the_ids_a_scan_of_every_id_finds(ids, renamed, data):
    """Ids are looked up where a list can put one instead of every id tested against every message
    (documents x findings in a folder); the rewrite is the scan's, ids that are prefixes of others,
    hold spaces or quotes included."""
    from auditor.report.editorial import with_names

    names = {d: (f"<{d}>" if r else d) for d, r in zip(ids, renamed)}
    pieces = data.draw(st.lists(st.one_of(_WORD, st.sampled_from(ids)), max_size=14))
    seps = data.draw(st.lists(st.sampled_from([" ", ", ", ""]), min_size=len(pieces), max_size=len(pieces)))
    text = "".join(p + s for p, s in zip(pieces, seps))
    assert with_names(text, names) == _with_names_by_scan(text, names)


def test_an_id_right_after_a_quote_begins_the_part_the_rewrite_reads():
    from auditor.report.editorial import with_names

    assert with_names('Number "x"a is omitted', {"a": "A"}) == _with_names_by_scan('Number "x"a is omitted', {"a": "A"})
    assert with_names('Number "x"a is omitted', {"a": "A"}) == 'Number "x"A is omitted'


def test_version_groups_show_each_finding_once_under_every_version_it_names():
    from auditor.report.editorial import findings_by_document

    docs = (_doc("a", 1), _doc("b", 2), _doc("c", 3))
    f1, f2 = _finding("f1", "N001", "critical", ["b", "c"]), _finding("f2", "O002", "minor", ["c", "c"])
    report = Report(ToolInfo("auditor", "0", "m"), docs, (f1, f2))
    by_doc = findings_by_document([f1, f2])
    assert {d: [f.id for f in fs] for d, fs in by_doc.items()} == {"b": ["f1"], "c": ["f1", "f2"]}
    grouped = {g.card.doc.id: sorted(f.id for p in g.pairs for f in p.findings) for g in version_groups(report)}
    assert grouped == {"b": ["f1"], "c": ["f1", "f2"]}
