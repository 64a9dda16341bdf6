"""Editor wording shared by rich, Markdown and HTML: rule codes named, score summaries, set-aside
reasons said once, run time only when the report carries it, long terminal evidence cut."""

from __future__ import annotations

import dataclasses
import io
import json

import lxml.html

from auditor.commands._report import emit_report
from auditor.model import Evidence, Finding, SetAside
from auditor.report import get_format
from auditor.report.serialize import dumps, report_from_dict
from auditor.report.wording import (
    breakdown_details,
    readable_codes,
    readable_message,
    rule_phrase,
    run_time,
    set_aside_reason,
)

SUMMARY = "-0.24 drift (2×C001, 1×O001); -0.11 wording (chrF 46, TER 91)"
BREAKDOWN = {
    "basis": "consensus",
    "costs": {"drift": 0.236, "garble": 0.0, "coverage": 0.04, "surface": 0.11},
    "findings": {"major": 3},
    "codes": {"C001": 2, "O001": 1},
    "coverage": 0.84,
    "chrF": 45.88,
    "TER": 90.52,
    "novelty": 0.5,
    "summary": SUMMARY,
}


def _with_summary(report):
    """The sample report with the rewrite's breakdown in the scorer's current shape."""
    docs = tuple(dataclasses.replace(d, breakdown=BREAKDOWN) if d.id == "daily-rewrite" else d
                 for d in report.documents)
    return dataclasses.replace(report, documents=docs)


def test_rule_codes_become_counted_names():
    assert rule_phrase("C001", 1) == "1 altered quote"
    assert rule_phrase("O001", 5) == "5 omitted entities"
    assert rule_phrase("Z999", 2) == "2 × Z999"  # a code nobody named yet still reads, never fails
    assert readable_codes(SUMMARY) == ("-0.24 drift (2 altered quotes, 1 omitted entity); "
                                       "-0.11 wording (chrF 46, TER 91)")


def test_empty_side_of_a_quote_edit_is_put_in_words():
    message = 'Quote is altered in b: "∅" → "US"; "of the United States" → "∅"; "in" → "of"'
    assert readable_message(message) == \
        'Quote is altered in b: added "US"; dropped "of the United States"; "in" → "of"'
    assert readable_message('Name "Pan Helin" is spelled "Pan Herin"') == 'Name "Pan Helin" is spelled "Pan Herin"'


def test_breakdown_details_are_labelled_and_hide_nothing_but_the_summary():
    details = dict(breakdown_details(BREAKDOWN))
    assert details["points lost"] == "discrepancies −0.236, missing content −0.040, wording −0.110"
    assert details["by rule"] == "2 altered quotes (C001), 1 omitted entity (O001)"
    assert details["content kept"] == "84% of the consensus sentences"
    assert details["novelty"] == "0.5"  # an unknown key is listed as it is
    assert dict(breakdown_details({"meaning": 0.8267, "costs": {"semantic": 0.05}})) == {
        "meaning kept (sentence similarity)": "0.83", "points lost": "meaning −0.050"}
    assert not any(SUMMARY in v for v in details.values())  # the summary is shown above, not twice


def test_set_aside_reason_names_the_relation_once():
    assert set_aside_reason(SetAside("x", relation="related", reason="related: same event, other article")) == \
        ("related", "same event, other article")
    assert set_aside_reason(SetAside("x", reason="no text")) == ("set aside", "no text")
    assert set_aside_reason(SetAside("x", reason="no text"), "unrelated") == ("unrelated", "no text")


def test_run_time_wording():
    assert run_time({}) == ""
    assert run_time({"total": 12.345}) == "ran in 12.3 s"
    assert run_time({"total": 125.2}) == "ran in 2 min 05 s"


def test_html_ranking_shows_the_summary_with_details_collapsed(sample_report):
    page = get_format("html")().render(_with_summary(sample_report))
    doc = lxml.html.fromstring(page)
    row = doc.xpath("//tr[@data-document='daily-rewrite']")[0]
    cell = row.xpath("./td[@class='score']")[0]
    assert [li.text_content() for li in cell.xpath("./ul[@class='cost']/li")] == [
        "-0.24 drift (2 altered quotes, 1 omitted entity)", "-0.11 wording (chrF 46, TER 91)"]
    details = cell.xpath("./details")[0]
    assert details.get("open") is None and "points lost" in details.text_content()
    assert "2×C001" not in page
    # the set-aside reason is said once, in its own section, not again in the ranking
    reason = "same event, different article"
    assert page.count(reason) == 1
    assert doc.xpath("//tr[@data-document='trade-weekly']//span[@class='unscored']")[0].text_content() == "set aside"


def test_rich_and_markdown_show_the_summary_line(sample_report):
    report = _with_summary(sample_report)
    plain = get_format("rich")().render(report, width=160)
    section = plain[plain.index("What cost each version its points"):]
    assert "daily-rewrite" in section and "2 altered quotes, 1 omitted entity" in section
    aside = plain[plain.index("Set aside (not compared)"):plain.index("Ranking")]
    assert "trade-weekly  related: same event, different article" in aside  # relation said once
    assert plain.count("same event, different article") == 1
    md = get_format("markdown")().render(report)
    assert "- `daily-rewrite`: -0.24 drift (2 altered quotes, 1 omitted entity)" in md
    assert "| *set aside* |" in md


def _long_finding(report):
    """A finding whose evidence sits in a sentence far longer than LONG_EVIDENCE_WORDS."""
    words = [f"w{i}" for i in range(60)]
    a = " ".join(words[:30] + ["Helin"] + words[30:])
    b = " ".join(words[:30] + ["Herin"] + words[30:])
    f = Finding("f-long", "N001", "name", "major", "Name changed",
                ("x", "y"), (Evidence("x", 0, 0, len(a), a), Evidence("y", 0, 0, len(b), b)))
    return dataclasses.replace(report, findings=(f,), sentences={}), words


def test_terminal_cuts_very_long_evidence_but_html_keeps_it(sample_report):
    report, words = _long_finding(sample_report)
    plain = get_format("rich")().render(report, width=200)
    assert "He[-l-]in" in plain and "He{+r+}in" in plain
    assert "w29" in plain and "w0 " not in plain and "w59" not in plain and "…" in plain
    page = get_format("html")().render(report)
    assert "w0 " in page and "w59" in page


def test_several_omitted_sentences_of_one_version_are_all_marked_and_named_once(sample_report):
    o003 = next(f for f in sample_report.findings if f.code == "O003")
    s5, s6 = (next(s for s in sample_report.sentences["wire-original"] if s.index == i) for i in (5, 6))
    two = dataclasses.replace(o003, evidence=(
        Evidence("wire-original", 5, s5.start, s5.end, s5.text),
        Evidence("wire-original", 6, s6.start, s6.end, s6.text)))
    report = dataclasses.replace(sample_report, findings=(two,))
    plain = get_format("rich")().render(report, width=300)
    rows = [line for line in plain.splitlines()
            if line.startswith("  ") and "O003" not in line and (s5.text[:20] in line or s6.text[:20] in line)]
    assert len(rows) == 2 and all("[-" in line for line in rows)
    assert sum("wire-original" in line for line in rows) == 1


def test_run_time_in_the_terminal_only_unless_asked(sample_report, tmp_path):
    timed = dataclasses.replace(sample_report, timings={"total": 3.21})
    terminal = io.StringIO()
    emit_report(timed, stdout=terminal)
    header = terminal.getvalue()[:terminal.getvalue().index("Ranking")]
    assert "ran in 3.2 s" in " ".join(header.split())
    # JSON, HTML and Markdown files stay byte-identical across runs without --timings
    emit_report(timed, output_dir=str(tmp_path / "plain"))
    emit_report(sample_report, output_dir=str(tmp_path / "none"))
    for name in ("report.json", "report.html", "report.md"):
        assert (tmp_path / "plain" / name).read_bytes() == (tmp_path / "none" / name).read_bytes()
    # with --timings the JSON carries them, and a re-render of it shows the time again
    out = io.StringIO()
    emit_report(timed, format="json", timings=True, stdout=out)
    data = json.loads(out.getvalue())
    assert data["timings"] == {"total": 3.21}
    again = report_from_dict(data)
    assert again.timings == {"total": 3.21} and "ran in 3.2 s" in get_format("markdown")().render(again)
    # a report saved without timings renders without a run time
    assert "ran in" not in get_format("rich")().render(report_from_dict(json.loads(dumps(sample_report))))
