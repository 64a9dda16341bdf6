"""Paragraphs: every non-blank line is a paragraph, except hard-wrapped prose, whose lines are joined."""

from __future__ import annotations

import re
from collections.abc import Sequence

_TERMINAL_END = re.compile(r"[.!?。！？…:;：；।॥؟۔։።။\"'”’»」』)）]\s*$")
_WRAP_MAX = 100  # hard-wrapped text is wrapped at 60-80 columns; longer lines are real paragraphs
_WRAP_MIN_SHARE = 0.7  # wrapped lines are nearly as long as the wrap width (ragged right edge)


#: A lower-case word followed by more words: the rest of a sentence, not a file name or a tag.
_PROSE_CONTINUATION = re.compile(r"[^\W\d_A-Z][\w'’-]*[,;]?\s+\S")


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Stripped (start, end) spans of the non-blank lines of ``text[start:end]``."""
    spans = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        s, e = pos, line_end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
        pos = line_end + 1
    return spans


def _is_wrapped_block(text: str, lines: Sequence[tuple[int, int]]) -> bool:
    if len(lines) < 3:
        return False
    lengths = [e - s for s, e in lines[:-1]]
    longest = max(lengths)
    return longest <= _WRAP_MAX and min(lengths) >= _WRAP_MIN_SHARE * longest and longest >= 40


# Bullet markers, including the emoji bullets of web summaries ("💡 ...") and Markdown heading and
# quote markers, are not part of a sentence.
_BULLET = re.compile(r"(#{1,6}|>|[•·▪◦‣●○■□–—\-*+⁃]|\d{1,2}[.)]|[\U0001F300-\U0001FAFF\u2600-\u27BF]\ufe0f?)\s+")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, stripped of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    for block in re.finditer(r"(?:[^\n]|\n(?![ \t\u00a0\u3000]*\n))+", text):
        lines = _line_spans(text, block.start(), block.end())
        if not lines:
            continue
        wrapped = _is_wrapped_block(text, lines)
        cur_s, cur_e = lines[0]
        for s, e in lines[1:]:
            prev = text[cur_s:cur_e]
            nxt = text[s:e]
            # A line break inside a block joins lines only for run-on prose: the previous line has no
            # final punctuation and the next continues in lower case, or the block is hard-wrapped.
            continuation = (
                not _TERMINAL_END.search(prev)
                and not _BULLET.match(nxt)
                and not _BULLET.match(prev)
                and (wrapped or _PROSE_CONTINUATION.match(nxt) is not None)
            )
            if continuation:
                cur_e = e
            else:
                spans.append((cur_s, cur_e))
                cur_s, cur_e = s, e
        spans.append((cur_s, cur_e))
    return spans
