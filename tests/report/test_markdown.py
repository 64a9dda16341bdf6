"""Markdown: verdict, scorecard and ranking as GFM tables with consistent columns, findings by version
and sentence pair, changed words marked."""

from __future__ import annotations

import dataclasses
import re

from auditor.report import get_format
from auditor.report.markdown import escape

_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def _tables(text):
    """Each GFM table as a list of rows (cells split on unescaped pipes)."""
    tables, current = [], []
    for line in text.splitlines() + [""]:
        if line.startswith("|"):
            current.append([c.strip() for c in _CELL_SPLIT.split(line)[1:-1]])
        elif current:
            tables.append(current)
            current = []
    return tables


def test_ranking_table(sample_report):
    text = get_format("markdown")().render(sample_report)
    ranking = _tables(text)[1]  # after the scorecard
    assert ranking[0] == ["Rank", "Document", "Faithfulness", "Role", "Labels", "Derived from"]
    assert all(re.fullmatch(r":?-{3,}:?", c) for c in ranking[1])
    body = ranking[2:]
    assert [row[1].strip("*") for row in body] == [d.id for d in sample_report.documents]
    assert body[2] == ["3", "mirror-mt", "0.51", "garbled machine translation", "machine-translated, garbled",
                       "wire-original (0.91)"]
    assert all(len(row) == 6 for row in ranking)


def test_findings_grouped_with_marked_differences(sample_report):
    text = get_format("markdown")().render(sample_report)
    heads = [text.index(h) for h in ("**Verdict.** Use wire-original", "## Scorecard", "## Findings by version",
                                     "### mirror-mt — a garbled machine translation — not publishable",
                                     "### daily-rewrite — a rewrite", "## Ranking")]
    assert heads == sorted(heads)
    # N002 and Q002 on one sentence pair: one item with both codes, the evidence once
    assert "- **N002**, **Q002** (critical)\n  - N002 name-spelling: Name spelled differently" in text
    assert text.count("from the European Commission to build") == 2
    assert "Ana Kowalcz~~y~~k" in text and "Ana Kowalcz**i**k" in text
    assert "€~~48~~ million" in text and "€**84** million" in text


def test_markup_in_text_is_escaped(sample_report):
    f = dataclasses.replace(sample_report.findings[0], message="a | b *c* [d](e) <script>")
    card = [t for t in _tables(get_format("markdown")().render(sample_report)) if t[0][0] == "#"][0]
    assert all(len(row) == 8 for row in card)
    text = get_format("markdown")().render(dataclasses.replace(sample_report, findings=(f,)))
    assert r"a \| b \*c\* \[d\](e) \<script>" in text
    assert escape("doc_id _em_ `code`") == r"doc_id \_em\_ \`code\`"  # "_" inside a word stays literal


def test_alignment_tables_and_changed_only(sample_report):
    full = get_format("markdown")(show_alignment=True).render(sample_report)
    tables = _tables(full)
    assert len(tables) == 4  # scorecard, ranking + one per aligned version
    pair = tables[2]
    assert pair[0] == ["", "wire-original", "mirror-mt"]
    assert all(len(row) == 3 for row in pair)
    assert any(row[0] == "1-0" and row[2] == "" for row in pair)
    short = get_format("markdown")(show_alignment=True, changed_only=True).render(sample_report)
    same = "Construction is due to start in the autumn."
    assert same in full and same not in short
    assert "## Alignment" not in get_format("markdown")().render(sample_report)
