"""Numbers that share their words: a range ("3 to 5 million") is one quantity, and a list whose
unit is written once ("31 and 40 dollars") gives that unit to every number of it.

Both read the scanner's candidates after each was read on its own, which is why they live apart
from it: a number's own words always win over what a neighbour lends it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from auditor.extract.quantity_words import _LIST_GAP_RE, _RANGE_GAP_NEEDS_START, _RANGE_GAP_RE, _RANGE_PAIRS

if TYPE_CHECKING:
    from auditor.extract.quantities import _Cand


def merge_ranges(f: str, cands: list[_Cand], lang: str) -> list[tuple[_Cand, float | None]]:
    """Join "10% to 100%", "three to five years", "between 3 and 5 million" into one range."""
    out: list[tuple[_Cand, float | None]] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        if i + 1 < len(cands):
            b = cands[i + 1]
            gap = f[a.end:b.start]
            m = _RANGE_GAP_RE.fullmatch(gap)
            if m and not b.range_start and b.qualifier is None:
                word = gap.strip().rstrip("+").strip().lower()  # the connector, without a sign
                ok = a.unit is None or b.unit is None or a.unit == b.unit
                if word in _RANGE_GAP_NEEDS_START and (
                        not a.range_start or a.attrs.get("_range_word") not in _RANGE_PAIRS[word]):
                    ok = False
                if word == "-" and (a.yearlike and b.yearlike):
                    ok = False
                if (a.amount * (a.scale or 1.0) > b.amount * (b.scale or 1.0) and not a.range_start
                        and b.unit is None and a.unit is None):
                    ok = False  # "voted four to one", "won 3-1": a score, not a range
                if ok:
                    if a.scale is None and b.scale is not None and a.unit is None and a.amount < b.amount:
                        a.scale = b.scale  # "3 to 5 million": the scale is shared ("500,000 to 1 million": not)
                    a_amount_scaled = a.amount * (a.scale or 1.0)
                    b_amount_scaled = b.amount * (b.scale or 1.0)
                    a.unit = a.unit or b.unit
                    a.qualifier = a.qualifier or b.qualifier
                    a.end = b.end
                    a.wordnum = a.wordnum and b.wordnum
                    a.yearlike = False
                    for k, v in b.attrs.items():
                        a.attrs.setdefault(k, v)
                    a.amount = a_amount_scaled / (a.scale or 1.0)
                    out.append((a, b_amount_scaled))
                    i += 2
                    continue
        out.append((a, None))
        i += 1
    return out


def share_list_units(f: str, merged: list[tuple[_Cand, float | None]]) -> list[tuple[_Cand, float | None]]:
    """Give a list's unit to the numbers before it that have none of their own.

    Translators move a unit from every item to the last ("$38 and $40" / "31 and 40 dollars"), so
    without this the first item of one version is a bare number and pairs with nothing. Only
    bare numbers take it (no unit, counted noun, scale, range or year), and a scale is lent as a
    range lends it: to a smaller number ("2 or 3 million", but not "500,000 or 1 million").
    """
    for i in range(len(merged) - 2, -1, -1):
        (a, a_to), (b, _) = merged[i], merged[i + 1]
        if a_to is not None or a.unit is not None or a.scale is not None or a.yearlike or "noun" in a.attrs:
            continue
        if b.unit is None and b.scale is None or not _LIST_GAP_RE.fullmatch(f[a.end:b.start]):
            continue
        if b.unit is not None:
            a.unit = b.unit
            if "currency_text" in b.attrs:
                a.attrs["currency_text"] = b.attrs["currency_text"]
        if b.scale is not None and a.amount < b.amount:
            a.scale = b.scale
    return merged
