"""Words an editor reads in place of the report's codes and raw numbers, shared by every human format.

The JSON keeps rule codes and the score breakdown as data (machines gate on them); rich, Markdown and
HTML show "2 altered quotes, 5 omitted entities" instead of "2×C001, 5×O001", a document's score as
the one line saying what cost it its points, and its full breakdown only on request. Everything here
is pure text -> text, so the three formats cannot disagree on wording.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from auditor.model import DocumentResult, SetAside
from auditor.rules import RULE_PHRASES, rule_phrase

#: breakdown cost keys -> what the part of the score measures, in an editor's words
COST_NAMES = {"drift": "discrepancies", "garble": "garbled phrasing", "coverage": "missing content",
              "surface": "wording", "semantic": "meaning"}

#: "2×C001" as the score summary writes a count of findings of one rule
_COUNTED_CODE = re.compile(r"\b(\d+)×([A-Z]\d{3})\b")
#: the empty side of a quote edit as the drift messages write it: '"∅" → "US"' means "US" was added
_EMPTY = "∅"
_ADDED = re.compile(rf'"{_EMPTY}" → ("[^"]*")')
_DROPPED = re.compile(rf'("[^"]*") → "{_EMPTY}"')


def readable_codes(text: str) -> str:
    """Every "N×CODE" in ``text`` spelled out ("2×C001, 5×O001" -> "2 altered quotes, 5 omitted entities")."""
    return _COUNTED_CODE.sub(lambda m: rule_phrase(m.group(2), int(m.group(1))), text)


def readable_message(message: str) -> str:
    """A finding message with the "∅" of an empty edit side put in words: '"∅" → "US"' reads
    'added "US"', '"in" → "∅"' reads 'dropped "in"'."""
    message = _ADDED.sub(r"added \1", message)
    return _DROPPED.sub(r"dropped \1", message)


def score_summary(d: DocumentResult) -> str:
    """The one line under a document's score: what cost it its points (the breakdown's own summary,
    with rule codes named); empty when the breakdown has none."""
    summary = d.breakdown.get("summary") if isinstance(d.breakdown, Mapping) else None
    return readable_codes(str(summary)) if summary else ""


def score_lines(d: DocumentResult) -> list[str]:
    """``score_summary`` split at its "; " into one cost per line, biggest first as the summary
    orders them (a narrow table cell reads a list better than one long run-on line)."""
    summary = score_summary(d)
    return [part.strip() for part in summary.split("; ") if part.strip()] if summary else []


def _num(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def breakdown_details(breakdown: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The full score breakdown as (label, value) lines an editor can read, for a collapsed
    "details" view; keys this function does not know are listed as they are, so nothing is hidden.
    The summary and a set-aside reason are left out: they are shown elsewhere, once."""
    out: list[tuple[str, str]] = []
    for key, value in breakdown.items():
        if key in ("summary", "reason") or value in (None, {}, [], ""):
            continue
        if key == "basis":
            out.append(("scored against", "the consensus of all versions" if value == "consensus" else str(value)))
        elif key == "costs" and isinstance(value, Mapping):
            # a hand-edited or foreign report may hold non-numbers here; show them, never crash
            lost = [f"{COST_NAMES.get(k, k)} −{v:.3f}" if isinstance(v, (int, float)) else f"{COST_NAMES.get(k, k)} {v}"
                    for k, v in value.items() if v]
            out.append(("points lost", ", ".join(lost) or "none"))
        elif key == "findings" and isinstance(value, Mapping):
            out.append(("its findings", ", ".join(f"{n} {sev}" for sev, n in value.items() if n)))
        elif key == "codes" and isinstance(value, Mapping):
            out.append(("by rule", ", ".join(f"{rule_phrase(c, n)} ({c})" for c, n in value.items() if n)))
        elif key == "coverage" and isinstance(value, (int, float)):
            out.append(("content kept", f"{value:.0%} of the consensus sentences"))
        elif key == "chrF":
            out.append(("overlap (chrF)", _num(value)))
        elif key == "TER":
            out.append(("edit rate (TER)", _num(value)))
        elif key == "meaning" and isinstance(value, (int, float)):
            out.append(("meaning kept (sentence similarity)", f"{value:.2f}"))
        elif key == "mt_signals" and isinstance(value, Mapping):
            out.append(("MT signs",
                        ", ".join(f"{k.removeprefix('marker:').replace('-', ' ')} {n}" for k, n in value.items())))
        elif isinstance(value, Mapping):
            out.append((key, ", ".join(f"{k} {_num(v)}" for k, v in value.items())))
        else:
            out.append((key, _num(value)))
    return out


def run_time(timings: Mapping[str, float]) -> str:
    """"ran in 12.4 s" / "ran in 2 min 05 s" for the run's total time; empty when there is none
    (a report re-rendered from JSON saved without ``--timings``)."""
    total = timings.get("total") if timings else None
    if total is None:
        return ""
    if total < 60:
        return f"ran in {total:.1f} s"
    minutes, seconds = divmod(round(total), 60)
    return f"ran in {minutes} min {seconds:02d} s"


def set_aside_reason(item: SetAside, role: str | None = None) -> tuple[str, str]:
    """(relation, reason) of a set-aside document with the relation said once: reasons that start by
    repeating it ("related: same subject ...") lose that prefix. The relation is the item's own, else
    the document's ``role`` in the ranking, else just "set aside"."""
    relation = item.relation or role or "set aside"
    reason = item.reason
    if reason.lower().startswith(relation.lower() + ":"):
        reason = reason[len(relation) + 1:].strip()
    return relation, reason


__all__ = [
    "RULE_PHRASES",
    "breakdown_details",
    "readable_codes",
    "readable_message",
    "rule_phrase",
    "run_time",
    "score_lines",
    "score_summary",
    "set_aside_reason",
]
