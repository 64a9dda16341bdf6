"""What a quantity is once read: ``Quantity`` (amount, unit, qualifier, range) and the rounding test
the drift stage compares two of them with."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from auditor.model import MentionAttrs


@dataclass(frozen=True)
class Quantity:
    """A normalised quantity. Equality of dataclass fields is exact; use :meth:`equals` to compare."""

    amount: float
    unit: str | None = None
    qualifier: str | None = None
    range_to: float | None = None
    # Significant digits as written ("139" -> 3, "1.4" -> 2, "1,000" -> 1): lets the drift stage tell
    # a rounding ("US$1.4 billion" for "US$1.39 billion") from a real change.
    digits: int | None = field(default=None, compare=False)

    def equals(self, other: Quantity, *, rel_tol: float = 1e-6, strict_unit: bool = True) -> bool:
        """Same amount (and range end) within ``rel_tol``, same unit.

        The qualifier is deliberately ignored: "about US$139 million" and "US$139 million" state the
        same value; a qualifier change is a separate, minor finding. With ``strict_unit=False`` a
        missing unit matches any unit ("300 million" vs "300 million pesos" in a list that dropped
        the repeated currency).
        """
        if not _close(self.amount, other.amount, rel_tol):
            return False
        if (self.range_to is None) != (other.range_to is None):
            return False
        if self.range_to is not None and other.range_to is not None and \
                not _close(self.range_to, other.range_to, rel_tol):
            return False
        if self.unit == other.unit:
            return True
        return not strict_unit and (self.unit is None or other.unit is None)

    def rounds_to(self, other: Quantity) -> bool:
        """True when the amounts are equal or one is the other rounded (see :func:`is_rounding`).

        "US$1.4 billion" vs "US$1.39 billion": 1.39e9 rounded to 2 significant digits is 1.4e9.
        Units must match; a value without recorded digits is treated as exact.
        """
        return self.unit == other.unit and (self.equals(other) or is_rounding(self, other))


#: a rounding is recognised only when the coarser number was written with at least 2 significant
#: digits ("US$1.4 billion" for 1.39 billion); a 1-digit figure ("1 billion") would "round" almost
#: anything of its magnitude and hide real changes (1 billion vs 1.39 billion)
MIN_ROUNDING_DIGITS = 2


def is_rounding(a: Quantity, b: Quantity) -> bool:
    """One amount is the other rounded to the significant digits it was written with.

    Units and ranges are the caller's business (the drift stage compares units after its own
    normalisation). A value without recorded digits, or with fewer than MIN_ROUNDING_DIGITS, is
    never the coarse side; a zero amount is never the fine side (it has no magnitude to round at).
    Equal amounts trivially count: callers test equality (with their own tolerance) first.
    """
    for coarse, fine in ((a, b), (b, a)):
        digits = coarse.digits
        if not digits or digits < MIN_ROUNDING_DIGITS or not fine.amount:
            continue
        if _close(_round_sig(fine.amount, digits), coarse.amount, 1e-9):
            return True
    return False


def _close(a: float, b: float, rel_tol: float) -> bool:
    return math.isclose(a, b, rel_tol=rel_tol, abs_tol=1e-9)


def _round_sig(x: float, sig: int) -> float:
    if x == 0:
        return 0.0
    return round(x, sig - int(math.floor(math.log10(abs(x)))) - 1)


@dataclass(frozen=True)
class FoundQuantity:
    """A quantity found in a text: span (into the text given), surface, value, extras."""

    start: int
    end: int
    text: str
    value: Quantity
    attrs: MentionAttrs = field(default_factory=MentionAttrs, compare=False)
