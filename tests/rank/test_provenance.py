"""Provenance: the parent is the higher-ranked version a copy carries, in order, with no content the
parent lacks; shared deviations and wording point to it; errors it adds are named."""

from __future__ import annotations

from auditor.align.rows import build_rows
from auditor.model import Alignment, AlignmentTable, Evidence, Finding, Link
from auditor.rank.provenance import derive
from tests._docs import make_doc
from tests._stories import ORIGINAL, SPANISH


def _table(pivot, others, keep):
    aligns = []
    for doc in others:
        links, j = [], 0
        for i in range(len(pivot.sentences)):
            if i in keep[doc.id]:
                links.append(Link((i,), (j,), 0.9, "1-1"))
                j += 1
            else:
                links.append(Link((i,), (), 0.0, "1-0"))
        aligns.append(Alignment(pivot.id, doc.id, tuple(links)))
    return AlignmentTable(pivot.id, tuple(aligns))


def _surface(pairs):
    return {k: (v, None) for k, v in pairs.items()}


def test_copy_of_full_version_derives_from_it_not_from_a_trimmed_one():
    full = make_doc("full", ORIGINAL)
    trimmed = make_doc("trimmed", ORIGINAL[:6])
    copy = make_doc("copy", ORIGINAL)
    keep = {"trimmed": set(range(6)), "copy": set(range(10))}
    rows = build_rows([full, trimmed, copy], _table(full, [trimmed, copy], keep))
    finding = Finding("f1", "N001", "name", "major", "Name drift", ("copy",),
                      (Evidence("full", 2, 0, 5, "Marsh"), Evidence("copy", 2, 0, 4, "Mash")))
    surface = _surface({("copy", "full"): 95.0, ("copy", "trimmed"): 95.0, ("trimmed", "full"): 90.0})
    prov = derive([full, trimmed, copy], ["full", "trimmed", "copy"], rows, [finding], {"f1": ("copy",)}, surface)
    assert prov["full"] is None
    assert prov["copy"].id == "full"
    assert prov["trimmed"].id == "full"
    text = " ".join(prov["copy"].evidence)
    assert "carries 100% of full's content" in text
    assert "adds 1 error of its own: 1 name transliterated differently" in text
    # the trimmed version lacks 4 of the copy's sentences: that is evidence against it as the parent
    assert 0 < prov["copy"].confidence < 1


def test_shared_deviation_points_to_the_parent():
    a = make_doc("a", ORIGINAL)
    b = make_doc("b", ORIGINAL)
    c = make_doc("c", ORIGINAL)
    d = make_doc("d", ORIGINAL)
    keep = {x: set(range(10)) for x in "bcd"}
    rows = build_rows([a, b, c, d], _table(a, [b, c, d], keep))
    # c and d share an error no one else has; d also adds one of its own
    shared = Finding("f1", "Q001", "number", "critical", "m", ("c", "d"), (Evidence("a", 1, 0, 2, "45"),))
    own = Finding("f2", "N001", "name", "major", "m", ("d",), (Evidence("a", 2, 0, 2, "Marsh"),))
    blame = {"f1": ("c", "d"), "f2": ("d",)}
    surface = _surface({(x, y): 90.0 for x in "abcd" for y in "abcd" if x != y})
    prov = derive([a, b, c, d], ["a", "b", "c", "d"], rows, [shared, own], blame, surface)
    assert prov["d"].id == "c"
    assert any("shares 1 deviation" in e for e in prov["d"].evidence)


def test_translation_provenance_without_wording():
    en = make_doc("en", ORIGINAL)
    es = make_doc("es", SPANISH, "es")
    rows = build_rows([en, es], _table(en, [es], {"es": set(range(10))}))
    prov = derive([en, es], ["en", "es"], rows, [], {}, {})
    assert prov["es"].id == "en"
    assert any("a es version of en" in e for e in prov["es"].evidence)


def test_unrelated_content_gives_no_parent():
    a = make_doc("a", ORIGINAL)
    b = make_doc("b", ORIGINAL)
    rows = build_rows([a, b], _table(a, [b], {"b": set()}))
    assert derive([a, b], ["a", "b"], rows, [], {}, _surface({("b", "a"): 5.0}))["b"] is None
