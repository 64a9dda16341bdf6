"""Read-only data files shipped in ``auditor/data/`` (word lists with their provenance in a header)."""

from __future__ import annotations

import functools
import tomllib
from importlib import resources
from typing import Any


@functools.cache
def load_toml(name: str) -> dict[str, Any]:
    """A TOML file of ``auditor/data``, parsed once per process."""
    with resources.files("auditor").joinpath("data", name).open("rb") as handle:
        return tomllib.load(handle)


@functools.cache
def load_lines(name: str) -> tuple[str, ...]:
    """The non-blank, non-comment lines of a text file of ``auditor/data``, parsed once per process."""
    text = resources.files("auditor").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(s for line in text.splitlines() if (s := line.strip()) and not s.startswith("#"))


@functools.cache
def load_words(name: str) -> frozenset[str]:
    """Every whitespace-separated word of a text file of ``auditor/data`` (a word list such as
    closed_class_words.txt), read once per process and shared by every stage that asks."""
    return frozenset(w for line in load_lines(name) for w in line.split())

