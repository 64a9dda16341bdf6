"""What the entity rules report: one entity or title with its span, normalised value and attributes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class FoundEntity:
    kind: str
    start: int
    end: int
    text: str
    value: str
    attrs: dict[str, Any] = field(default_factory=dict, compare=False)
