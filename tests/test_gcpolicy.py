"""An audit runs with fewer collector passes and gives the caller's thresholds back, however it ends."""

from __future__ import annotations

import gc

import pytest

from auditor.gcpolicy import AUDIT_THRESHOLDS, collecting_less


@pytest.fixture
def caller_thresholds():
    before = gc.get_threshold()
    gc.set_threshold(900, 7, 3)
    yield (900, 7, 3)
    gc.set_threshold(*before)


def test_thresholds_inside_and_restored_after(caller_thresholds):
    seen = []

    @collecting_less
    def inner() -> int:
        seen.append(gc.get_threshold())
        return 4

    @collecting_less
    def outer() -> int:
        value = inner()  # nested: still relaxed after the inner call returns
        seen.append(gc.get_threshold())
        return value + 1

    assert outer() == 5
    assert seen == [AUDIT_THRESHOLDS, AUDIT_THRESHOLDS]
    assert gc.get_threshold() == caller_thresholds


def test_restored_when_the_audit_raises(caller_thresholds):
    @collecting_less
    def failing() -> None:
        assert gc.get_threshold() == AUDIT_THRESHOLDS
        raise ValueError("bad input")

    with pytest.raises(ValueError, match="bad input"):
        failing()
    assert gc.get_threshold() == caller_thresholds
