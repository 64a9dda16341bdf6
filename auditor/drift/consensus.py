"""Majority reading across versions, so the comparison works with or without a reference.

Given what each version says in one slot (a name, a number, a quote), versions are grouped by
equivalent readings; the reading most versions share is the reference and every other reading is a
deviation, reported once for all the versions that share it. Ties go to the group holding the pivot
(the user's ``--reference`` or the likeliest source, see ``auditor.align.many.pick_pivot``: the most
central version, or with two versions or a near-tie the one with clearly fewer copying defects), then
to table order: with two versions the pivot is the reference, with three the odd one out is the
deviation even when it is the pivot.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class Group(Generic[T]):
    docs: list[str]
    items: list[T]  # one item per doc, same order as docs

    @property
    def rep(self) -> T:
        return self.items[0]


def group_readings(
    readings: Mapping[str, T],
    equivalent: Callable[[T, T], bool],
    rank: Callable[[str], int],
    pivot: str,
    reference: str | None = None,
    backers: Mapping[str, T] | None = None,
    backs: Callable[[T, T], bool] | None = None,
) -> tuple[Group[T] | None, list[Group[T]]]:
    """Split per-document readings into (reference group, deviating groups). The editor's
    ``--reference`` (when it has a reading here) is right however many versions disagree with it:
    the finding then names the versions that differ from it, never the reference itself.

    ``backers`` are readings that are not readings of their own (a short form of a fuller name):
    each joins the one group it ``backs`` (none when it backs several), so six versions saying
    "the District Union" back the one version that adds "of Urumqi City" against a seventh that
    names another district, rather than leaving a tie between the two full names."""
    groups: list[Group[T]] = []
    for doc in sorted(readings, key=rank):
        item = readings[doc]
        for g in groups:
            if equivalent(g.rep, item):
                g.docs.append(doc)
                g.items.append(item)
                break
        else:
            groups.append(Group([doc], [item]))
    if not groups:
        return None, []
    if backers and backs is not None:
        for doc in sorted(backers, key=rank):
            item = backers[doc]
            homes = [g for g in groups if any(backs(item, x) for x in g.items)]
            if len(homes) == 1:
                homes[0].docs.append(doc)
                homes[0].items.append(item)

    def strength(g: Group[T]) -> tuple[int, int, int]:
        return (len(g.docs), 1 if pivot in g.docs else 0, -min(rank(d) for d in g.docs))

    given = [g for g in groups if reference is not None and reference in g.docs]
    ref = given[0] if given else max(groups, key=strength)
    return ref, [g for g in groups if g is not ref]


def majority_present(present: Sequence[str], absent: Sequence[str], pivot: str) -> bool:
    """Is a fact missing from ``absent`` worth reporting: carried by the pivot or by the majority?

    The pivot counts on its own because it is the user's reference or the version closest to all
    others (the likeliest original); derived versions drop facts far more often than they add
    them, so two rewrites both lacking a name is still two omissions, not the pivot's addition.
    """
    return pivot in present or len(present) > len(absent)
