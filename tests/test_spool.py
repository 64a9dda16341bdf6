"""The spools a folder audit keeps on disk: documents by position, and the report's per-document
parts as a read-only mapping or sequence whose values are decoded on demand."""

from __future__ import annotations

import pickle

import pytest

from auditor.spool import SpooledMapping, SpooledSequence


def test_a_spooled_mapping_gives_back_every_value_after_its_cache_has_dropped_them():
    shown = SpooledMapping[tuple[int, ...]](cache=2)
    for k in range(5):
        shown.setdefault(f"d{k}", tuple(range(k)))
    # five values, a cache of two: the first ones are read back from the file
    assert [shown[f"d{k}"] for k in range(5)] == [tuple(range(k)) for k in range(5)]
    assert shown["d0"] == ()
    assert len(shown) == 5 and "d3" in shown and "d9" not in shown
    with pytest.raises(KeyError):
        shown["d9"]


def test_the_first_value_of_a_key_stays():
    shown = SpooledMapping[str]()
    assert shown.setdefault("a", "first") == "first"
    assert shown.setdefault("a", "second") == "first"
    assert dict(shown) == {"a": "first"}


def test_reorder_sets_the_iteration_order_and_needs_every_key():
    shown = SpooledMapping[int]()
    for key in ("b", "c", "a"):
        shown.setdefault(key, ord(key))
    assert list(shown) == ["b", "c", "a"]  # insertion order until told
    assert list(shown.reorder(["a", "b", "c"])) == ["a", "b", "c"]
    assert list(shown.items()) == [("a", 97), ("b", 98), ("c", 99)]
    with pytest.raises(ValueError):
        shown.reorder(["a", "b"])


def test_a_pickled_spooled_mapping_arrives_as_a_plain_dict():
    """A report sent to another process cannot take this process's temporary file with it."""
    shown = SpooledMapping[list[str]]()
    shown.setdefault("x", ["one", "two"])
    copy = pickle.loads(pickle.dumps(shown))
    assert type(copy) is dict and copy == {"x": ["one", "two"]}


def test_a_spooled_sequence_reads_back_every_item_in_the_order_it_is_given():
    items = SpooledSequence[tuple[str, int]](cache=2)
    for k, name in enumerate(["c", "a", "d", "b"]):
        items.append((name, k))
    assert list(items) == [("c", 0), ("a", 1), ("d", 2), ("b", 3)]  # appended order until told
    items.reorder([1, 3, 0, 2])
    # four items, a cache of two: the earlier ones come back from the file, in the new order
    assert [name for name, _ in items] == ["a", "b", "c", "d"]
    assert items[0] == ("a", 1) and items[-1] == ("d", 2) and items[1:3] == (("b", 3), ("c", 0))
    assert len(items) == 4
    with pytest.raises(IndexError):
        items[4]
    with pytest.raises(ValueError):
        items.reorder([0, 1, 2])


def test_a_spooled_sequence_is_equal_to_the_tuple_it_stands_for_and_travels_as_one():
    items = SpooledSequence[str]()
    for word in ("one", "two"):
        items.append(word)
    assert items == ("one", "two") and items == ["one", "two"]
    assert ("one", "two") == items  # noqa: SIM300 - the tuple on the left hands the comparison over
    assert items != ("one",) and items != ("one", "three") and items != "onetwo"
    copy = pickle.loads(pickle.dumps(items))
    assert type(copy) is tuple and copy == ("one", "two")
