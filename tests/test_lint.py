"""`ruff check auditor tests` and `mypy` (strict, on auditor/) stay clean (settings in pyproject.toml
[tool.ruff] and [tool.mypy]); run as tests so CI's README commands stay the only thing `.ci/run`
executes."""

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


def test_mypy_settings_stay_strict_on_the_package():
    """Dropping `strict` or the package from `files` would make the type test pass vacuously."""
    mypy = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert mypy["strict"] is True and "auditor" in mypy["files"]


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy not installed (pip install -e '.[test]')")
def test_mypy_strict_is_clean():
    run = subprocess.run(
        [sys.executable, "-m", "mypy"],  # files and strictness from pyproject.toml
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
