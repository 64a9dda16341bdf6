"""Terminal report through rich's recording console at 80 and 160 columns, with and without colour."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from auditor.commands._report import emit_report
from auditor.report.highlight import Segment
from auditor.report.rich_format import RichFormat
from auditor.report.rich_parts import bar, segments_text

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _record(report, width, color, **view):
    console = Console(record=True, width=width, file=io.StringIO(), force_terminal=color,
                      color_system="truecolor" if color else None, no_color=not color)
    RichFormat(**view).print_to(console, report)
    return console


@pytest.mark.parametrize("width", [80, 160])
@pytest.mark.parametrize("color", [False, True])
def test_layout_fits_width_and_keeps_order(sample_report, width, color):
    text = _record(sample_report, width, color).export_text()
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= width
    # ranking rows in rank order, each with its score
    ranked = [next(i for i, line in enumerate(lines) if doc in line and score in line)
              for doc, score in (("wire-original", "0.94"), ("daily-rewrite", "0.74"), ("mirror-mt", "0.51"))]
    assert ranked == sorted(ranked)
    # verdict, scorecard, then findings grouped by version, most harmful version first
    heads = [text.index(h) for h in ("Verdict", "Scorecard", "Findings on mirror-mt · ", "Findings on daily-rewrite · ",
                                     "Set aside (not compared)", "Ranking")]
    assert heads == sorted(heads)
    for f in sample_report.findings:
        assert f.code in text


def test_findings_on_one_sentence_pair_are_shown_once_with_all_codes(sample_report):
    text = _record(sample_report, 160, False).export_text()
    mirror = text[text.index("mirror-mt · "):text.index("daily-rewrite · ")]
    # N002 and Q002 sit on the same sentence: both codes, one copy of the evidence with both changes
    assert mirror.index("N002") < mirror.index("Q002") < mirror.index("€[-48-] million")
    assert mirror.count("European Commission to build") == 2  # the original's side and the copy's, once each
    flat = " ".join(mirror.split())
    assert "Ana Kowalcz[-y-]k" in flat and "€{+84+} million" in flat


def test_first_screen_at_80_columns_names_the_version_to_use_and_first_critical_finding():
    """The fixture's saved report (kept current by test_examples) at 80 columns: the first 40 lines hold
    the verdict, the scorecard and the first critical finding."""
    from pathlib import Path

    from auditor.report.serialize import load_report

    report = load_report(Path(__file__).resolve().parents[2] / "reports" / "china-ai-subsidies.json")
    lines = _record(report, 80, False).export_text().splitlines()[:40]
    screen = "\n".join(lines)
    assert "Use 004 (the original, most faithful" in screen
    assert "002 is not publishable (a garbled machine translation)" in screen
    assert "near-duplicate" not in screen
    assert "Scorecard" in screen and "002_caa97b2c5e3fe59c.txt" in screen
    first = next(line for line in lines if line.lstrip().startswith(("C0", "N0", "E0", "Q0")))
    assert first.lstrip()[:4] in {"C001", "N001", "E001"}  # a critical rule comes first
    flat = " ".join(screen.split())
    assert "Pan He[-l-]in" in flat and "Pan He{+r+}in" in flat


def test_plain_text_marks_changed_letters_on_both_sides(sample_report):
    text = RichFormat().render(sample_report, width=160, color=False)
    assert not ANSI.search(text)
    recorded = _record(sample_report, 160, False).export_text()
    assert text == "\n".join(line.rstrip() for line in recorded.split("\n"))
    assert not any(line.endswith(" ") for line in text.splitlines())  # no padding in a pipe or file
    flat = " ".join(text.split())
    assert "Ana Kowalcz[-y-]k" in flat and "Ana Kowalcz{+i+}k" in flat
    assert "€[-48-] million" in flat and "€{+84+} million" in flat  # "€" is a token of its own
    assert "{+Prime+} Minister of Infrastructure" in flat


def test_colour_highlights_instead_of_marks(sample_report):
    console = _record(sample_report, 160, True)
    styled = console.export_text(styles=True)
    assert ANSI.search(styled)
    assert "[-y-]" not in styled and "{+i+}" not in styled
    # the changed letter carries a style of its own between the unchanged parts of the name
    assert re.search(r"Kowalcz\x1b\[[0-9;]*m+i\x1b\[0m(\x1b\[[0-9;]*m)*k", styled)


def test_changed_only_elides_context(sample_report):
    full = _record(sample_report, 160, False).export_text()
    short = _record(sample_report, 160, False, changed_only=True).export_text()
    assert "from the European Commission to build" in full
    n002 = short[short.index("N002"):short.index("Q005")]
    assert "Ana Kowalcz[-y-]k" in n002 and "European Commission" not in n002


def test_show_alignment_puts_versions_side_by_side(sample_report):
    plain = _record(sample_report, 160, False, show_alignment=True).export_text()
    assert "wire-original  ⟷  mirror-mt" in plain and "wire-original  ⟷  daily-rewrite" in plain
    # the aligned pair of the qualifier change sits on one line: pivot left, version right
    aligned = plain[plain.index("⟷"):].splitlines()
    row = next(line for line in aligned if "The terminal will handle [-up to-]" in line)
    assert "The terminal will handle 300,000" in row
    # rows of content only one side has are marked with their kind
    assert any(line.lstrip().startswith("0-1") for line in aligned)
    without = _record(sample_report, 160, False).export_text()
    assert "⟷" not in without


def test_changed_only_alignment_hides_identical_rows(sample_report):
    full = _record(sample_report, 160, False, show_alignment=True).export_text()
    short = _record(sample_report, 160, False, show_alignment=True, changed_only=True).export_text()
    same = "Construction is due to start in the autumn."
    assert full.count(same) > short.count(same)


def test_bar_scales_with_score():
    assert bar(1.0) == "█" * 10
    assert bar(0.0) == " " * 10
    assert bar(0.55).startswith("█████▌")
    assert bar(None) == ""


def test_segments_text_styles_by_side():
    segs = [Segment("Pan He", False), Segment("l", True), Segment("in", False)]
    assert segments_text(segs, 0, color=False).plain == "Pan He[-l-]in"
    assert segments_text(segs, 1, color=False).plain == "Pan He{+l+}in"
    coloured = segments_text(segs, 1, color=True)
    assert coloured.plain == "Pan Helin" and [s.style for s in coloured.spans] == ["bold green underline"]


class _FakeTTY(io.StringIO):
    def isatty(self):
        return True


def test_no_color_env_and_non_tty_give_plain_text(sample_report, monkeypatch):
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    tty = _FakeTTY()
    emit_report(sample_report, stdout=tty)
    assert ANSI.search(tty.getvalue())
    monkeypatch.setenv("NO_COLOR", "1")
    tty = _FakeTTY()
    emit_report(sample_report, stdout=tty)
    assert not ANSI.search(tty.getvalue()) and "€[-48-]" in tty.getvalue()
    monkeypatch.delenv("NO_COLOR")
    pipe = io.StringIO()
    emit_report(sample_report, stdout=pipe)
    assert not ANSI.search(pipe.getvalue()) and "Kowalcz[-y-]k" in pipe.getvalue()


def _ranking_report(ids):
    """Three documents with ids as given: an original, a garbled copy derived from it, a related one."""
    from auditor.model import DocumentResult, Provenance, Report, ToolInfo

    docs = (
        DocumentResult(ids[0], "a.txt", "en", 0, "original", ("original",), 0.92, 1, None),
        DocumentResult(ids[1], "b.txt", "en", 0, "near-duplicate", ("garbled", "machine-translated"), 0.5, 2,
                       Provenance(ids[0], 0.39, ())),
        DocumentResult(ids[2], "c.txt", "en", None, "related", ("machine-translated", "translation"),
                       None, None, None),
    )
    return Report(ToolInfo("auditor", "0", "lexical"), docs, ())


def _ranking_lines(report, width):
    text = _record(report, width, False).export_text()
    lines = text[text.index("Ranking"):].splitlines()
    assert max(len(line) for line in lines) <= width
    return lines


def _whole(token, lines):
    return any(re.search(rf"(?<!\S){re.escape(token)}(?![^\s,])", line) for line in lines)


@pytest.mark.parametrize("width", [80, 160])
def test_ranking_never_cuts_hash_ids_or_labels(width):
    ids = ["004_5be1c0f39d02a7e4", "002_e07d9a14c3b86f25", "000_91f4ad2e6b7c0835"]  # sha-like, 20 chars
    lines = _ranking_lines(_ranking_report(ids), width)
    for token in ids + ["garbled", "machine", "translation"]:
        assert _whole(token, lines), token
    # a garbled copy is called that, not a near-duplicate, whatever its sentence structure
    assert not _whole("near-duplicate", lines)
    assert not any("…" in line for line in lines)  # 20-character ids fit whole at 80 columns
    derived = next(line for line in lines if line.lstrip().startswith("2 "))
    assert ids[0] in derived
    if width == 160:  # room enough: the confidence stays next to the id, labels on one line
        assert f"{ids[0]} (0.39)" in derived and "garbled machine translation" in "\n".join(lines)


def test_ranking_shortens_long_ids_consistently_with_a_legend():
    ids = [f"newsroom-archive/2024/{name}-5be1c0f39d02a7e4" for name in ("wire", "mirror", "feature")]
    lines = _ranking_lines(_ranking_report(ids), 80)
    legend = lines[next(i for i, line in enumerate(lines) if "ids shortened" in line) + 1:]
    pairs = dict(line.split() for line in legend if line.strip())
    assert sorted(pairs.values()) == sorted(ids)  # every shortened id named in full, none twice
    table = lines[:len(lines) - len(legend)]
    for short in pairs:
        assert "…" in short and _whole(short, table)
    # the derived-from column uses the same short form as the document column
    wire = next(s for s, full in pairs.items() if full == ids[0])
    assert sum(_whole(wire, [line]) for line in table) == 2


def test_short_ids_drop_shared_affixes_and_stay_unique():
    from auditor.report.rich_parts import short_ids

    ids = [f"desk/2024/report-{i}-final-version" for i in range(12)]
    out = short_ids(ids, 10)
    assert len(set(out.values())) == 12 and all(len(v) <= 10 for v in out.values())
    assert out[ids[3]] == "…3…" and out[ids[11]] == "…11…"
    assert short_ids(["a", "bb"], 10) == {"a": "a", "bb": "bb"}  # nothing to shorten
