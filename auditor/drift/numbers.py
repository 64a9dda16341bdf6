"""Quantity, money and date comparison across aligned versions.

Quantities arrive normalised by extraction (``amount`` fully scaled, ``unit`` a currency code, "%",
a noun or None), so "2,000 million pesos" and "2 billion pesos", "4.5亿美元" and "US$450 million" are
already the same value and never surface. On top of that, a share of a total stated elsewhere is
recognised ("60% of the money" where the story's total is 1 billion = "600 million"). Differences
are classified: unit/currency change and scale change (Q003) apart from plain value changes (Q001
numbers, Q002 money), qualifier changes (Q005), dates (Q004), and numbers dropped (O002).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from typing import Any

from auditor.drift.consensus import Group, group_readings, majority_present
from auditor.drift.findings import Draft, doc_list, q
from auditor.drift.presence import in_content, numeric_date_in
from auditor.drift.slots import Item, Slot, build_slots, item_from, sentence_evidence
from auditor.drift.units import Corpus, Unit
from auditor.extract.dates import date_parts, dates_compatible
from auditor.extract.quantities import is_rounding
from auditor.extract.quantity_value import MIN_ROUNDING_DIGITS, _round_sig
from auditor.rules import (
    DATE_MISMATCH,
    MONEY_MISMATCH,
    NUMBER_MISMATCH,
    NUMBER_OMITTED,
    QUALIFIER_CHANGE,
    UNIT_OR_SCALE_CHANGE,
)

#: relative tolerance for "the same number": normalised amounts come from float arithmetic
#: (1.39 * 1e8), so exact equality would flag float noise. Only that: a real edit may be smaller
#: than any percentage ("3,403" -> "3,406" vessels is 0.09 %); roundings are ``is_rounding``'s call
REL_TOL = 1e-9
#: a share of a total matches an absolute amount within 1 %: shares are usually whole percentages
#: of a rounded total, so 60 % of 1 billion = 600 million exactly, but 33 % of 1 billion = 330 million
#: for a stated "333 million" is still the same fact
SHARE_TOL = 0.01

CURRENCIES = frozenset({"CNY", "USD", "EUR", "GBP", "JPY", "HKD", "TWD", "KRW", "INR", "RUB", "CHF",
                        "AUD", "CAD", "SGD"})

# qualifier classes: an approximation marker added to or removed from a rounded number is not a change
# of fact (never reported); a bound that flips ("up to" -> exact, "more than" -> "up to") is
_QUALIFIER_CLASSES = (
    ("approx", ("about", "approximately", "around", "roughly", "some", "approx", "~", "circa",
                "estimated", "unos", "aproximadamente", "alrededor", "cerca", "约", "大约", "左右")),
    ("upper", ("up to", "at most", "less than", "under", "below", "nearly", "almost", "fewer than",
               "no more than", "hasta", "menos de", "casi", "最多", "不超过", "近", "将近", "不到")),
    ("lower", ("more than", "over", "at least", "above", "exceeding", "upwards of", "no less than",
               "más de", "al menos", "超过", "逾", "至少", "以上", "多")),
)


def qualifier_class(q_: Any) -> str | None:
    if not q_:
        return None
    s = str(q_).casefold().strip()
    for name, words in _QUALIFIER_CLASSES:
        if s == name or s in words:
            return name
    return s


def norm_unit(u: Any) -> str | None:
    if u is None or u == "":
        return None
    s = str(u)
    if s.upper() in CURRENCIES or (len(s) == 3 and s.isalpha() and s.isupper()):
        return s.upper()  # an ISO 4217 code as extraction writes it
    if s == "%":
        return s
    s = s.casefold().strip()
    return s[:-1] if s.endswith("s") and len(s) > 3 else s  # "pages" = "page"


def _amount(v: Any) -> float | None:
    a = getattr(v, "amount", None)
    try:
        return float(a) if a is not None else None
    except (TypeError, ValueError):
        return None


def _close(a: float | None, b: float | None, tol: float = REL_TOL) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=tol, abs_tol=1e-9)


def _units_compatible(ua: str | None, ub: str | None) -> bool:
    return ua is None or ub is None or ua == ub


def _is_scale(a: float, b: float) -> bool:
    """Amounts differing by a power of ten (thousand, million, 亿...): a scale slip, not a new value."""
    if a <= 0 or b <= 0 or _close(a, b):
        return False
    exp = math.log10(max(a, b) / min(a, b))
    return abs(exp - round(exp)) < 1e-6 and round(exp) >= 1


def _share_matches(pct: Item, absolute: Item) -> bool:
    """Is ``pct`` (a percentage) of some total stated in either version equal to ``absolute``?"""
    p, x = _amount(pct.value), _amount(absolute.value)
    ux = norm_unit(getattr(absolute.value, "unit", None))
    if p is None or x is None or ux == "%" or getattr(pct.value, "range_to", None) is not None:
        return False
    for total, unit in [*pct.totals, *absolute.totals]:
        if total and _units_compatible(unit, ux) and unit != "%" and math.isclose(p / 100 * total, x, rel_tol=SHARE_TOL):
            return True
    return False


def quantity_relation(a: Item, b: Item) -> tuple[float, str] | None:
    """(pairing score, relation) of two quantities: equal | share | unit | scale | value."""
    va, vb = a.value, b.value
    xa, xb = _amount(va), _amount(vb)
    if xa is None or xb is None:
        return None
    ua, ub = norm_unit(getattr(va, "unit", None)), norm_unit(getattr(vb, "unit", None))
    ra, rb = _amount_or_none(getattr(va, "range_to", None)), _amount_or_none(getattr(vb, "range_to", None))
    same_amount = _close(xa, xb) and (ra is None or rb is None or _close(ra, rb))
    if same_amount and _units_compatible(ua, ub):
        # the same count whatever noun follows: "68 new infections" and "68 new cases of infection"
        # are one fact worded twice, and kept apart they pair with the wrong neighbours
        return 10.0, "equal"
    na, nb = _noun(a), _noun(b)
    if ua is None and ub is None and na and nb and na != nb:
        return None  # "three areas" and "five years" count different things
    if ua == ub and ra is None and rb is None and is_rounding(va, vb):
        return 10.0, "equal"
    if (ua == "%") != (ub == "%"):
        pct, absolute = (a, b) if ua == "%" else (b, a)
        if _share_matches(pct, absolute):
            return 9.0, "share"
        return None
    if same_amount and (ua in CURRENCIES) == (ub in CURRENCIES):
        # money in another currency, or a measure in another unit; a currency against a physical
        # unit ("100 million pesos" / "100 exaflops") is another fact, not a unit change
        return 6.0, "unit"
    if _units_compatible(ua, ub) and _is_scale(xa, xb):
        return 5.0, "scale"
    if ua is not None and ua == ub:
        return 3.0, "value"
    if ua is None and ub is None:
        return 1.0, "value"  # bare numbers: pair only when nothing better is left
    return None  # different amount and different unit: a conversion or another fact


def _noun(it: Item) -> str | None:
    m = it.mention
    noun = m.attrs.noun if m is not None else None
    return norm_unit(noun) if noun else None


def _amount_or_none(x: Any) -> float | None:
    try:
        return float(x) if x is not None else None
    except (TypeError, ValueError):
        return None


def date_relation(a: Item, b: Item) -> tuple[float, str] | None:
    if isinstance(a.value, str) and a.value == b.value:
        return 10.0, "equal"
    pa, pb = date_parts(a.value), date_parts(b.value)
    if pa is None or pb is None:
        return None
    shared = sum(1 for x, y in zip(pa, pb) if x is not None and y is not None)
    if not shared:
        # a year against a day of a month state nothing in common: compatible, yet no evidence of
        # one date ("2020" would take the place of a changed "July 26" and hide the change)
        return None
    if dates_compatible(a.value, b.value):
        return 10.0, "equal"
    # only dates of the same shape pair as a mismatch: a year against a full date is another fact
    if [x is None for x in pa] == [y is None for y in pb] or shared >= 2:
        return 3.0, "value"
    return None


def _with_position(rel: tuple[float, str] | None, a: Item, b: Item) -> float | None:
    """Pairing score plus a small bonus for the same reading-order position in the sentence group:
    with several candidate values of one unit, the changed one pairs with its counterpart in place."""
    if rel is None:
        return None
    score, kind = rel
    if kind in ("equal", "share"):
        return score
    return score + 0.5 * (1.0 - abs(a.pos - b.pos))


def _is_currency(unit: str | None) -> bool:
    """Extraction writes currencies as ISO 4217 codes (three capitals) and measurement units in
    lower case, so any three-capital unit is money, not only the codes listed in CURRENCIES."""
    return unit in CURRENCIES or (unit is not None and len(unit) == 3 and unit.isalpha() and unit.isupper())


def _money(it: Item) -> bool:
    return _is_currency(norm_unit(getattr(it.value, "unit", None)))


def _classify(ref: Item, var: Item) -> tuple[str, str]:
    rel = quantity_relation(ref, var)
    kind = rel[1] if rel else "value"
    if kind == "unit":
        ua, ub = norm_unit(getattr(ref.value, "unit", None)), norm_unit(getattr(var.value, "unit", None))
        what = "currency" if (_is_currency(ua) or _is_currency(ub)) else "unit"
        return UNIT_OR_SCALE_CHANGE.code, f"{what} {ua or 'none'}→{ub or 'none'}"
    a_ref, a_var = _amount(ref.value), _amount(var.value)
    if kind == "scale" and a_ref and a_var is not None:  # a scale relation holds two non-zero amounts
        return UNIT_OR_SCALE_CHANGE.code, f"scale ×{a_var / a_ref:g}"
    return (MONEY_MISMATCH.code if _money(ref) or _money(var) else NUMBER_MISMATCH.code), ""


def _items(corpus: Corpus, unit: Unit, doc: str, kind: str, totals: Sequence[tuple[float, str | None]]) -> list[Item]:
    ms = corpus.unit_mentions(unit, doc, (kind,))
    out = []
    for i, m in enumerate(ms):
        it = item_from(m)
        it.pos = i / max(1, len(ms) - 1) if len(ms) > 1 else 0.5
        it.totals = totals
        out.append(it)
    return out


def _doc_totals(corpus: Corpus, doc: str) -> list[tuple[float, str | None]]:
    out = []
    for m in corpus.mentions.get(doc, ()):
        if m.kind == "quantity" and (x := _amount(m.value)) is not None:
            out.append((x, norm_unit(getattr(m.value, "unit", None))))
    return out


def _content_items(corpus: Corpus, doc: str, kind: str) -> tuple[list[float], list[Item], list[Item]]:
    """The version's content mentions of ``kind`` as items, built once per document: for quantities,
    those with a finite amount sorted by its magnitude (the magnitudes apart) and the rest; for
    dates, all in the rest. Asking for every dropped number whether a version states it elsewhere
    rescanned all of that version's mentions each time: quadratic in a long document."""
    cache: dict[tuple[str, str], tuple[list[float], list[Item], list[Item]]] = corpus.derived.setdefault(
        "number_items", {})
    got = cache.get((doc, kind))
    if got is None:
        items = [item_from(m) for m in corpus.mentions.get(doc, ())
                 if m.kind == kind and corpus.is_content(doc, m.sentence)]
        sized = []
        rest = []
        for it in items:
            x = _amount(it.value) if kind == "quantity" else None
            if x is not None and math.isfinite(x):
                sized.append((abs(x), it))
            else:
                rest.append(it)
        sized.sort(key=lambda p: p[0])
        got = ([x for x, _ in sized], [it for _, it in sized], rest)
        cache[(doc, kind)] = got
    return got


def _equal_windows(x: float, digits: Any) -> list[tuple[float, float]]:
    """Magnitude ranges holding every amount ``quantity_relation`` can call equal to ``x`` (finite):
    the same amount within ``REL_TOL``; amounts ``x`` (written with ``digits``) is a rounding of,
    within half a unit of its last digit; and ``x`` rounded to any number of digits, which an amount
    written with those digits may state. Each range is wider than its test by a margin, so float
    noise cannot drop a match."""
    a = abs(x)
    out = [(a * (1 - 2 * REL_TOL) - 1e-9, a * (1 + 2 * REL_TOL) + 1e-9)]
    if a > 0 and isinstance(digits, int) and digits >= MIN_ROUNDING_DIGITS:
        half = 0.51 * 10 ** (math.floor(math.log10(a)) - digits + 1)
        out.append((a - half - 1e-9, a + half + 1e-9))
    if a > 0:
        for v in sorted({abs(_round_sig(x, d)) for d in range(MIN_ROUNDING_DIGITS, 16)}):
            out.append((v * (1 - 1e-6) - 1e-9, v * (1 + 1e-6) + 1e-9))
    return out


def _elsewhere(corpus: Corpus, doc: str, ref: Item, kind: str) -> bool:
    """Does the version state the same value anywhere (a rewrite may move a number)?"""
    relate = quantity_relation if kind == "quantity" else date_relation
    sizes, sized, rest = _content_items(corpus, doc, kind)
    x = _amount(ref.value) if kind == "quantity" else None
    if x is None:  # a quantity without an amount relates to none; a date is compared with every date
        candidates = rest if kind == "date" else []
    elif not math.isfinite(x):
        candidates = sized + rest
    else:
        # only amounts in the ranges that can be equal (``_equal_windows``), each asked once; those
        # without a finite amount are asked as before
        picked: set[int] = set()
        for lo, hi in _equal_windows(x, getattr(ref.value, "digits", None)):
            picked.update(range(bisect.bisect_left(sizes, lo), bisect.bisect_right(sizes, hi)))
        candidates = [sized[i] for i in sorted(picked)] + rest
    for it in candidates:
        rel = relate(ref, it)
        if rel and rel[1] == "equal":
            return True
    # the same words are there but extraction cut them into another mention ("Thursday" inside
    # "Thursday, October 31"): stated, not missing
    return in_content(corpus, doc, ref.text) or (kind == "date" and numeric_date_in(corpus, doc, ref.value))


def compare_numbers(corpus: Corpus) -> list[Draft]:
    drafts: list[Draft] = []
    totals = {d: _doc_totals(corpus, d) for d in corpus.docs}
    for unit in corpus.units:
        for kind in ("quantity", "date"):
            relate = quantity_relation if kind == "quantity" else date_relation
            items = {d: _items(corpus, unit, d, kind, totals[d]) for d in unit.docs}
            slots = build_slots(unit.docs, items, lambda a, b: _with_position(relate(a, b), a, b))

            def equivalent(a: Item, b: Item) -> bool:
                rel = relate(a, b)
                return rel is not None and rel[1] in ("equal", "share")

            for slot in slots:
                ref, devs = group_readings(slot, equivalent, corpus.rank, corpus.pivot, reference=corpus.reference)
                if ref is None:
                    continue
                r = ref.rep
                for g in devs:
                    v = g.rep
                    if kind == "date":
                        code, detail = DATE_MISMATCH.code, ""
                        msg = f"Date {q(r.text)} is {q(v.text)} in {doc_list(g.docs)}"
                    else:
                        code, detail = _classify(r, v)
                        noun = "Amount" if code == MONEY_MISMATCH.code else "Number"
                        if code == UNIT_OR_SCALE_CHANGE.code:
                            msg = f"Quantity {q(r.text)} is {q(v.text)} in {doc_list(g.docs)} ({detail})"
                        else:
                            msg = f"{noun} {q(r.text)} is {q(v.text)} in {doc_list(g.docs)}"
                    drafts.append(Draft(code, msg, tuple(g.docs), [r.evidence] + [it.evidence for it in g.items],
                                        key=("num", kind, r.text.casefold(), v.text.casefold())))
                if kind == "quantity":
                    drafts.extend(_qualifier_drafts(corpus, ref))
                absent = [d for d in unit.docs if d not in slot and corpus.is_version(d)
                          and corpus.unit_language(unit, d) == corpus.unit_language(unit, r.doc)]
                if absent and majority_present(list(slot), absent, corpus.pivot):
                    gone = tuple(d for d in absent if not _elsewhere(corpus, d, r, kind)
                                 and not (kind == "quantity" and _converted(r, d, slots)))
                    if gone:
                        ev = [r.evidence]
                        for d in gone:
                            ev.extend(sentence_evidence(corpus, unit, d))
                        label = "Date" if kind == "date" else "Number"
                        drafts.append(Draft(NUMBER_OMITTED.code,
                                            f"{label} {q(r.text)} is missing from {doc_list(gone)}", gone, ev, key=("num-omitted", r.doc, r.start)))
    return drafts


def _converted(ref: Item, doc: str, slots: Sequence[Slot]) -> bool:
    """The version states this amount of money in another currency instead (a conversion such as
    "about 410 million pounds" as a reading of "US$450 million"): an amount no other version pairs with, in
    another currency, in the same sentence group. Conversion rates differ between outlets and
    dates, so the amounts are not compared; the fact is not missing either."""
    if not _money(ref):
        return False
    cur = norm_unit(getattr(ref.value, "unit", None))
    for slot in slots:
        it = slot.get(doc)
        if it is not None and len(slot) == 1 and _money(it) and norm_unit(getattr(it.value, "unit", None)) != cur:
            return True
    return False


def _qualifier_drafts(corpus: Corpus, group: Group[Item]) -> list[Draft]:
    """Q005 among versions that agree on the value but not on its bound."""
    readings = {d: it for d, it in zip(group.docs, group.items)}
    classes = {d: qualifier_class(getattr(it.value, "qualifier", None)) for d, it in readings.items()}
    # approximation vs nothing is not a change of fact (see _QUALIFIER_CLASSES)
    norm = {d: (None if c == "approx" else c) for d, c in classes.items()}
    if len(set(norm.values())) < 2:
        return []
    ref, devs = group_readings(readings, lambda a, b: norm[a.doc] == norm[b.doc], corpus.rank, corpus.pivot,
                               reference=corpus.reference)
    if ref is None:
        return []
    out = []
    for g in devs:
        r, v = ref.rep, g.rep
        rq = getattr(r.value, "qualifier", None) or "none"
        vq = getattr(v.value, "qualifier", None) or "none"
        out.append(Draft(
            QUALIFIER_CHANGE.code,
            f"Qualifier of {q(r.text)} changed from {rq!r} to {vq!r} in {doc_list(g.docs)}",
            tuple(g.docs), [r.evidence] + [it.evidence for it in g.items],
            key=("qual", r.text.casefold(), str(rq), str(vq)),
        ))
    return out
