"""CSV: one finding per row, fixed columns, locations as line:column of the evidence."""

from __future__ import annotations

import csv
import io

from auditor.report import get_format
from auditor.report.csv_format import COLUMNS


def _rows(report):
    return list(csv.DictReader(io.StringIO(get_format("csv")().render(report))))


def test_one_row_per_finding_with_fixed_columns(sample_report):
    text = get_format("csv")().render(sample_report)
    assert text.splitlines()[0].split(",") == list(COLUMNS)
    rows = _rows(sample_report)
    assert [r["id"] for r in rows] == [f.id for f in sample_report.findings]
    assert [r["severity"] for r in rows] == [f.severity for f in sample_report.findings]


def test_row_content_of_a_money_finding(sample_report):
    row = next(r for r in _rows(sample_report) if r["code"] == "Q002")
    assert row["rule"] == "money-mismatch" and row["kind"] == "money"
    assert row["documents"] == "mirror-mt"
    assert row["texts"] == "€48 million | €84 million"
    # Read off the sample: wire-original's body is line 5 (summary, blank, headline, blank) and
    # "The Port of Valdora has secured " is 32 characters; mirror-mt's body is line 3.
    assert row["locations"] == "wire-original:5:33 | mirror-mt:3:34"


def test_commas_quotes_and_newlines_survive(sample_report):
    import dataclasses

    f = dataclasses.replace(sample_report.findings[0], message='Said "no", then\nyes, twice')
    report = dataclasses.replace(sample_report, findings=(f,))
    assert _rows(report)[0]["message"] == 'Said "no", then\nyes, twice'
