"""The N-way views read every alignment from the pivot's side: a table stored the other way round
(the pivot as ``b``) gives the same rows, the same table layout and the same drift units."""

from __future__ import annotations

from auditor.align.rows import build_rows, pivot_links, table_rows
from auditor.drift.units import build_corpus
from auditor.model import Alignment, AlignmentTable, Link
from tests._docs import make_doc
from tests._stories import ORIGINAL

LINKS = (Link((0,), (0,), 0.9, "1-1"), Link((1, 2), (1,), 0.8, "2-1"), Link((3,), (), 0.0, "1-0"),
         Link((), (2,), 0.0, "0-1"), Link((4,), (3,), 0.7, "1-1"))


def _both_ways():
    pivot = make_doc("p", ORIGINAL[:5])
    other = make_doc("o", [ORIGINAL[0], ORIGINAL[1] + " " + ORIGINAL[2], "Something only this one says.", ORIGINAL[4]])
    forward = AlignmentTable("p", (Alignment("p", "o", LINKS),))
    backward = AlignmentTable("p", (Alignment("o", "p", tuple(
        Link(link.b, link.a, link.score, {"2-1": "1-2", "1-0": "0-1", "0-1": "1-0"}.get(link.kind, link.kind))
        for link in LINKS)),))
    return [pivot, other], forward, backward


def test_pivot_links_reads_a_reversed_alignment_from_the_pivot_side():
    _, forward, backward = _both_ways()
    assert list(pivot_links(backward, "p")) == list(pivot_links(forward, "p"))
    (anchor, other, links), = pivot_links(backward, "p")
    assert (anchor, other) == ("p", "o")
    assert [link.kind for link in links] == ["1-1", "2-1", "1-0", "0-1", "1-1"]


def test_every_view_is_the_same_whichever_way_the_alignment_is_stored():
    docs, forward, backward = _both_ways()
    assert build_rows(docs, backward) == build_rows(docs, forward)
    assert table_rows(backward, docs[0]) == table_rows(forward, docs[0])
    units = [build_corpus(docs, t, {}) for t in (forward, backward)]
    assert [u.sentences for u in units[0].units] == [u.sentences for u in units[1].units]
    assert units[0].omitted == units[1].omitted == [("o", (3,))]
    assert units[0].added == units[1].added == [("o", (2,))]
