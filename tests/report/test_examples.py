"""reports/ holds the example reports of the bundled fixture; this fails when they are stale.

Regenerate them with the command the README documents (from the repository root):

    auditor audit fixtures/china-ai-subsidies --output-dir reports/
"""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from auditor._cli import main

ROOT = Path(__file__).resolve().parents[2]
REGENERATE = "auditor audit fixtures/china-ai-subsidies --output-dir reports/"
EXAMPLES = ("china-ai-subsidies.html", "china-ai-subsidies.md", "china-ai-subsidies.json")


def test_example_reports_are_current(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)  # document paths in the reports are relative to the repository root
    result = CliRunner().invoke(main, ["audit", "fixtures/china-ai-subsidies", "--output-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(EXAMPLES)
    stale = [name for name in EXAMPLES
             if not (ROOT / "reports" / name).is_file()
             or (ROOT / "reports" / name).read_bytes() != (tmp_path / name).read_bytes()]
    assert not stale, f"stale example reports {stale}: regenerate with `{REGENERATE}`"
