"""What the entity rules report: one entity or title with its span, normalised value and attributes."""

from __future__ import annotations

from dataclasses import dataclass, field

from auditor.model import MentionAttrs


@dataclass(frozen=True)
class FoundEntity:
    kind: str
    start: int
    end: int
    text: str
    value: str
    attrs: MentionAttrs = field(default_factory=MentionAttrs, compare=False)
