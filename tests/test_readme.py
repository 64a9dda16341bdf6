"""The README's two set-up commands are what CI runs, verbatim."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(.+?)\n```", text, flags=re.S)[:2]


def test_readme_opens_with_two_commands_that_ci_runs_verbatim():
    commands = _readme_commands()
    assert len(commands) == 2
    main_cmd, test_cmd = commands
    assert "auditor " in main_cmd and "fixtures/china-ai-subsidies" in main_cmd
    assert "pytest" in test_cmd and "[test]" in test_cmd
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_cmd in ci_lines
    assert main_cmd in ci_lines
    assert ci_lines.index(test_cmd) < ci_lines.index(main_cmd)
