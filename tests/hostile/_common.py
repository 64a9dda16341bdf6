"""Helpers the hostile-input tests share: a small story, the CLI runner, the cleanliness check."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from auditor._cli import main

STORY = [
    "Shanghai announced new subsidies for artificial intelligence firms on Monday.",
    "The city will pay up to 10 million yuan to each qualifying company, officials said.",
    "Mayor Gong Zheng told reporters that the plan starts in April.",
    "About 300 start-ups are expected to benefit from the programme.",
]
REWRITE = [
    "Shanghai unveiled new subsidies for artificial intelligence companies on Monday.",
    "The city will pay up to 12 million yuan to each qualifying company, officials said.",
    "Mayor Gong Zheng said the plan starts in April.",
    "About 300 start-ups are expected to benefit.",
]


def write_story(folder: Path) -> Path:
    """Two readable versions of one story in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "a.txt").write_text(" ".join(STORY) + "\n", encoding="utf-8")
    (folder / "b.txt").write_text(" ".join(REWRITE) + "\n", encoding="utf-8")
    return folder


def run(*args: object, input: str | None = None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def assert_clean(result) -> None:
    """Exit 0/1/2, no traceback or internal error, every stderr line a one-line auditor message."""
    out = result.stdout + result.stderr
    assert result.exit_code in (0, 1, 2), (result.exit_code, out, result.exception)
    assert "Traceback" not in out and "internal error" not in out, out
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    for line in result.stderr.splitlines():
        assert line.startswith(("auditor: error: ", "auditor: warning: ")), line
