"""A Title Case headline is told from a news lead dense with names."""

from __future__ import annotations

import pytest

from auditor.text.titlecase import is_title_case


@pytest.mark.parametrize("line", [
    "Chinese President Xi Jinping Meets US President Joe Biden In Bali",
    "The Price Of Chips Is Set To Rise",
])
def test_headlines_capitalise_every_content_word(line: str) -> None:
    assert is_title_case(line.split())


@pytest.mark.parametrize("line", [
    "Chinese President Xi Jinping met US President Joe Biden in Bali on Monday.",
    "Foreign Ministry Spokesperson Wang Wenbin said on Monday.",
    "Floods hit Hong Kong and Inner Mongolia.",
    "Xi Meets Biden",  # too short to tell
])
def test_a_lead_with_lower_case_verbs_is_no_headline(line: str) -> None:
    assert not is_title_case(line.split())
