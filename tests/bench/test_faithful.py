"""The faithful-versions bench: its data file is what the builder says, its peer and its plants
behave as documented (answers worked out by hand in the comments)."""

from __future__ import annotations

import json

from bench.bench_faithful import DATA, Pair, _planted, load, plants, token_diff


def test_the_data_holds_two_complete_translations_aligned_with_the_source() -> None:
    pairs = load()
    sources = json.loads((DATA.parent / "SOURCES.json").read_text(encoding="utf-8"))
    assert len(pairs) == sources["documents"] and sum(len(p.a) for p in pairs) == sources["segments"]
    with DATA.open(encoding="utf-8") as fh:
        for record in map(json.loads, fh):
            assert len(record["source"]) == len(record["A"]) == len(record["B"])
            assert all(record["A"]) and all(record["B"])
            assert any("\u0400" <= ch <= "\u04ff" for seg in record["source"] for ch in seg)  # Cyrillic source


def test_token_diff_flags_a_name_or_number_the_other_segment_lacks_both_ways() -> None:
    # A has "Sergei" and "12"; B has "Sergey" and "12": one flag each way on the name, none on the number
    flags = token_diff(["Sergei Furgal spent 12 days there."], ["Sergey Furgal spent 12 days there."])
    assert sorted((v, k) for v, k, _, _ in flags) == [("A", 0), ("B", 0)]
    a_flag = next(f for f in flags if f[0] == "A")
    assert "Sergei Furgal spent 12 days there."[a_flag[2]:a_flag[3]] == "Sergei"


def test_a_plant_alters_only_version_b_at_a_token_both_carry() -> None:
    pair = Pair("d", ("Officials in Khabarovsk met Degtyarev on 25 July.",) * 3,
                ("Officials in Khabarovsk met Degtyarev on 25 July.",) * 3)
    chosen = plants([pair], per_kind=1, seed=3)
    assert {p.kind for p in chosen} >= {"typo", "number"}
    for p in chosen:
        b, s0, s1 = _planted(p)
        joined = "\n\n".join(b)
        assert joined[s0:s1] == p.new and p.new not in pair.a[p.segment]
        assert b[:p.segment] == pair.b[:p.segment] and b[p.segment + 1:] == pair.b[p.segment + 1:]
