"""Format-neutral word diff of evidence: which parts of each side changed, for every renderer.

Built on ``auditor.textdiff.word_opcodes`` (the one word-diff used across the project); this module only
turns its opcodes into (text, changed) segments each format wraps in its own markup, refines a single
replaced word pair down to the letters that differ ("Pan He[l]in" / "Pan He[r]in" — what an editor
needs to see in a transliteration slip), and elides long unchanged runs for ``--changed-only``.
"""

from __future__ import annotations

import difflib
import re
from typing import NamedTuple

from auditor.textdiff import word_opcodes


class Segment(NamedTuple):
    text: str
    changed: bool


#: Below this letter similarity a replaced word is shown as wholly changed: letter-level marks on
#: unrelated words ("point" / "stone") are noise, while a slip ("Kowalczyk" / "Kowalczik") is not.
LETTER_REFINE_MIN_RATIO = 0.6
#: Unchanged words kept on each side of a change when eliding: enough to locate the change in the
#: sentence, short enough to keep one finding on one or two terminal lines.
CONTEXT_WORDS = 4

_WORD = re.compile(r"\S+")


def _refine(a: str, b: str) -> tuple[list[Segment], list[Segment]] | None:
    """Letter-level segments for one replaced word pair that differ only slightly, else None."""
    if " " in a.strip() or " " in b.strip() or not a.strip() or not b.strip():
        return None
    if any(ch.isdigit() for ch in a + b):
        return None  # "48" -> "84" is a different number, not two moved digits
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < LETTER_REFINE_MIN_RATIO:
        return None
    left: list[Segment] = []
    right: list[Segment] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if i2 > i1:
            left.append(Segment(a[i1:i2], tag != "equal"))
        if j2 > j1:
            right.append(Segment(b[j1:j2], tag != "equal"))
    return left, right


def merge(segments: list[Segment]) -> list[Segment]:
    """Adjacent segments of the same kind joined, and a bare space between two changes folded into
    them: "[-the port authority-]" reads better than "[-the-] [-port-] [-authority-]"."""
    segments = [s for s in segments if s.text]
    out: list[Segment] = []
    for i, seg in enumerate(segments):
        between_changes = (not seg.changed and not seg.text.strip() and 0 < i < len(segments) - 1
                           and segments[i - 1].changed and segments[i + 1].changed)
        changed = seg.changed or between_changes
        if out and out[-1].changed == changed:
            out[-1] = Segment(out[-1].text + seg.text, changed)
        else:
            out.append(Segment(seg.text, changed))
    return out


def diff_segments(a: str, b: str) -> tuple[list[Segment], list[Segment]]:
    """Both texts as segments, changed words (or letters of a slightly changed word) marked.

    ``word_opcodes`` spans leave out the whitespace between runs; it is put back as unchanged text
    so the segments of each side concatenate to that side's text exactly.
    """
    left: list[Segment] = []
    right: list[Segment] = []
    pa = pb = 0
    for op in word_opcodes(a, b):
        left.append(Segment(a[pa:op.a_start], False))
        right.append(Segment(b[pb:op.b_start], False))
        old, new = a[op.a_start:op.a_end], b[op.b_start:op.b_end]
        refined = _refine(old, new) if op.tag == "replace" else None
        if refined:
            left += refined[0]
            right += refined[1]
        else:
            left.append(Segment(old, op.tag != "equal"))
            right.append(Segment(new, op.tag != "equal"))
        pa, pb = max(pa, op.a_end), max(pb, op.b_end)
    left.append(Segment(a[pa:], False))
    right.append(Segment(b[pb:], False))
    return merge(left), merge(right)


def plain(text: str, changed: bool = False) -> list[Segment]:
    """One-sided evidence (an omitted or added sentence) as segments."""
    return [Segment(text, changed)] if text else []


def _cut(text: str, head: int, tail: int) -> str:
    """``text`` with only its first ``head`` and last ``tail`` words, "…" where words were dropped."""
    words = [m.span() for m in _WORD.finditer(text)]
    if len(words) <= head + tail:
        return text
    left = text[:words[head - 1][1]] if head else ""
    right = text[words[len(words) - tail][0]:] if tail else ""
    return (left + " " if left else "") + "…" + (" " + right if right else "")


def elide(segments: list[Segment], context: int = CONTEXT_WORDS) -> list[Segment]:
    """Unchanged runs cut to ``context`` words next to each change, the cut shown as "…"."""
    if not any(s.changed for s in segments):
        return segments
    last = len(segments) - 1
    return [
        seg if seg.changed else Segment(_cut(seg.text, context if i > 0 else 0, context if i < last else 0), False)
        for i, seg in enumerate(segments)
    ]


def context_segments(sentence: str, start: int, end: int, inner: list[Segment]) -> list[Segment]:
    """``inner`` (the evidence span's segments) placed back into its sentence for context."""
    return merge([Segment(sentence[:start], False), *inner, Segment(sentence[end:], False)])
