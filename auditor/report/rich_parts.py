"""The pieces of the terminal report below the layout: styles, widths, score bars, short document ids
and diff segments as rich ``Text``."""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable

from rich.console import Console, RenderableType
from rich.measure import Measurement
from rich.text import Text

from auditor.report.highlight import Segment

#: base side (first evidence / pivot) and other side of a diff: struck through and underlined as well as
#: coloured, so a one-letter change reads for a colour-blind editor too
CHANGE_STYLE = ("bold red strike", "bold green underline")
#: status of a version on the scorecard
STATUS_STYLE = {"fail": "bold white on red", "review": "bold black on yellow", "pass": "bold black on green",
                "aside": "dim"}
PLAIN_MARKS = (("[-", "-]"), ("{+", "+}"))
BAR_WIDTH = 10
#: terminals narrower than this get a half-width bar: an 80-column terminal then still fits the
#: ranking's five columns with 20-character ids whole (sha-like ids are that long)
NARROW_WIDTH = 100
#: width the report assumes when nobody says (a file, a pipe)
DEFAULT_WIDTH = 100
#: ids are never shortened below this: head and tail this long still tell documents apart at a glance
MIN_ID_WIDTH = 10
#: a prefix or suffix all ids share is dropped when shortening only from this length on: a shorter
#: one ("00" of numbered files) saves less than it hides
MIN_AFFIX = 4
#: evidence longer than this many words is shown around its changes only (the terminal default; the
#: HTML, Markdown and ``--show-alignment`` keep whole sentences): three wrapped lines at 100 columns
#: is where an editor stops seeing the change for the sentence around it
LONG_EVIDENCE_WORDS = 40
#: unchanged words kept either side of a change in such long evidence: enough to read the clause
LONG_CONTEXT_WORDS = 8
_EIGHTHS = " ▏▎▍▌▋▊▉"
#: spaces at the end of a line, before any closing colour codes
_TRAILING = re.compile(r" +((?:\x1b\[[0-9;]*m)*)$")


def bar(value: float | None, width: int = BAR_WIDTH) -> str:
    """A fixed-width block bar for a score in [0, 1] (eighth-block resolution)."""
    if value is None:
        return ""
    cells = max(0.0, min(1.0, value)) * width
    full = int(cells)
    part = _EIGHTHS[int((cells - full) * 8)] if full < width else ""
    return ("█" * full + part).ljust(width)


def short_ids(ids: Iterable[str], limit: int) -> dict[str, str]:
    """Ids shortened the same way for all of them so each fits in ``limit`` characters.

    A prefix or suffix every id shares (a folder, a date, a site name) says nothing about which
    document is which, so it goes first, marked "…"; ids still longer than ``limit`` keep their head
    and tail around "…". Where two ids would read the same, the limit grows until every shortened id
    is unique, so a shortened id always names one document.
    """
    ids = list(ids)
    if not ids or max(len(i) for i in ids) <= limit:
        return {i: i for i in ids}
    shortest = min(len(i) for i in ids)
    pre = len(os.path.commonprefix(ids))
    suf = len(os.path.commonprefix([i[::-1] for i in ids]))
    pre = pre if pre >= MIN_AFFIX else 0
    suf = min(suf, shortest - pre - 1) if suf >= MIN_AFFIX else 0  # leave every id a core
    suf = suf if suf >= MIN_AFFIX else 0
    trimmed = {i: ("…" if pre else "") + i[pre:len(i) - suf] + ("…" if suf else "") for i in ids}
    longest = max(len(t) for t in trimmed.values())
    for n in range(max(limit, 3), longest + 1):
        tail = (n - 1) // 3  # the tail keeps what tells numbered or hashed ids apart
        out = {i: t if len(t) <= n else f"{t[: n - 1 - tail]}…{t[len(t) - tail:]}" for i, t in trimmed.items()}
        if len(set(out.values())) == len(out):
            return out
    return trimmed if len(set(trimmed.values())) == len(trimmed) else {i: i for i in ids}


def _min_width(renderable: RenderableType) -> int:
    """Narrowest width ``renderable`` can be drawn in without breaking its no-wrap/min-width cells."""
    console = Console(width=10_000, file=io.StringIO())
    return Measurement.get(console, console.options, renderable).minimum


def segments_text(segments: Iterable[Segment], side: int, color: bool) -> Text:
    """Segments as rich Text: changed parts styled (colour) or wrapped in wdiff marks (plain)."""
    text = Text()
    for seg in segments:
        if not seg.changed:
            text.append(seg.text)
        elif color:
            text.append(seg.text, style=CHANGE_STYLE[side])
        else:
            opener, closer = PLAIN_MARKS[side]
            text.append(f"{opener}{seg.text}{closer}")
    return text
