"""`ruff check auditor tests` stays clean (rules in pyproject.toml [tool.ruff]); run as a test so CI's
README commands stay the only thing `.ci/run` executes."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_rule_set_keeps_the_agreed_families():
    """Emptying `select` would make the lint test pass vacuously."""
    lint = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["ruff"]["lint"]
    assert {"E", "F", "W", "I", "B", "UP", "SIM"} <= set(lint["select"])


@pytest.mark.skipif(importlib.util.find_spec("ruff") is None, reason="ruff not installed (pip install -e '.[test]')")
def test_ruff_check_is_clean():
    run = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "auditor", "tests"],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
